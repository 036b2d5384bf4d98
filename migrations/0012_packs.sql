-- Course packs: each installed pack once, by name, and the documents it brought. A pack's
-- documents are grouped under it and removed with it; the documents stay ordinary rows so
-- that search, cards and review treat them like any other note.

CREATE TABLE packs (
    name            TEXT    PRIMARY KEY,
    version         TEXT    NOT NULL,
    title           TEXT    NOT NULL,
    author          TEXT    NOT NULL,
    language        TEXT    NOT NULL,
    exams_json      TEXT    NOT NULL DEFAULT '[]',
    licence         TEXT    NOT NULL,
    manifest_json   TEXT    NOT NULL,
    installed_at_ms INTEGER NOT NULL
);

CREATE TABLE pack_documents (
    document_id     INTEGER PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE,
    pack_name       TEXT    NOT NULL REFERENCES packs (name) ON DELETE CASCADE
);
CREATE INDEX pack_documents_by_pack ON pack_documents (pack_name);
