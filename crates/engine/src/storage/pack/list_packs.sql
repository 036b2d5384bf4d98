SELECT name, version, title, author, language, exams_json, licence, installed_at_ms
FROM packs
ORDER BY name
