-- Stratus schema, version 1: documents and their sections, cards, the review log, settings.
-- Times are Unix milliseconds (UTC). Shipped migrations are never edited; fix forward.

CREATE TABLE documents (
    id              INTEGER PRIMARY KEY,
    origin          TEXT    NOT NULL CHECK (origin IN ('builtin', 'user', 'pack')),
    path            TEXT    NOT NULL,
    title           TEXT    NOT NULL,
    lang            TEXT    NOT NULL DEFAULT '',
    content_hash    TEXT    NOT NULL,
    size_bytes      INTEGER NOT NULL,
    meta_json       TEXT    NOT NULL DEFAULT '{}',
    imported_at_ms  INTEGER NOT NULL,
    UNIQUE (origin, path)
);

CREATE TABLE sections (
    id              INTEGER PRIMARY KEY,
    document_id     INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    -- Stable identity: derived from heading path and normalized content, not position,
    -- so that cards and progress survive edits elsewhere in the file.
    section_key     TEXT    NOT NULL,
    position        INTEGER NOT NULL,
    level           INTEGER NOT NULL,
    heading         TEXT    NOT NULL,
    heading_path    TEXT    NOT NULL,
    body            TEXT    NOT NULL,
    tags_json       TEXT    NOT NULL DEFAULT '[]',
    line_start      INTEGER NOT NULL,
    line_end        INTEGER NOT NULL
);
CREATE INDEX sections_by_document ON sections (document_id, position);
CREATE INDEX sections_by_key ON sections (section_key);

CREATE TABLE cards (
    id              TEXT    PRIMARY KEY,
    section_key     TEXT    NOT NULL,
    generator       TEXT    NOT NULL,
    kind            TEXT    NOT NULL,
    prompt          TEXT    NOT NULL,
    answer          TEXT    NOT NULL,
    extra_json      TEXT    NOT NULL DEFAULT '{}',
    tags_json       TEXT    NOT NULL DEFAULT '[]',
    status          TEXT    NOT NULL DEFAULT 'active'
                    CHECK (status IN ('active', 'retired', 'suspended')),
    created_at_ms   INTEGER NOT NULL,
    updated_at_ms   INTEGER NOT NULL
);
CREATE INDEX cards_by_section ON cards (section_key);

-- Append-only: a row is never updated or deleted except by undo of that very row.
CREATE TABLE review_log (
    id              INTEGER PRIMARY KEY,
    card_id         TEXT    NOT NULL REFERENCES cards (id),
    reviewed_at_ms  INTEGER NOT NULL,
    rating          INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 4),
    duration_ms     INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX review_log_by_card ON review_log (card_id, reviewed_at_ms);
CREATE INDEX review_log_by_time ON review_log (reviewed_at_ms);

CREATE TABLE settings (
    key             TEXT    PRIMARY KEY,
    value_json      TEXT    NOT NULL
);
