INSERT INTO packs (name, version, title, author, language, exams_json, licence, manifest_json, installed_at_ms)
VALUES (:name, :version, :title, :author, :language, :exams_json, :licence, :manifest_json, :installed_at_ms)
ON CONFLICT (name) DO UPDATE SET
    version = excluded.version,
    title = excluded.title,
    author = excluded.author,
    language = excluded.language,
    exams_json = excluded.exams_json,
    licence = excluded.licence,
    manifest_json = excluded.manifest_json,
    installed_at_ms = excluded.installed_at_ms
