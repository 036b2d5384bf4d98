-- Stratus schema, version 11: study data that does not depend on where the notes are
-- (docs/decisions/0011-portable-identity.md). A document gets a location-free key (its
-- front-matter id, or its path relative to the folder that was imported), and every answer
-- of the review log a globally unique id (UUID v7), so logs of two devices can be merged.
-- Shipped migrations are never edited; fix forward.

-- The document's identity, from which its card and question ids are derived: `id:<id>`
-- from front matter, `path:<relative path>` for imported notes, the path inside `content/`
-- for the built-in course. NULL for a note imported before version 11, which is still
-- identified by its absolute path until it is imported again (its cards are then re-keyed
-- with their history).
ALTER TABLE documents ADD COLUMN doc_key TEXT;
-- The folder the document was imported from (for a single file, its folder); NULL when
-- not known.
ALTER TABLE documents ADD COLUMN root TEXT;

UPDATE documents SET doc_key = path WHERE origin = 'builtin';

-- NULL keys are distinct in a unique index, so documents awaiting their key do not clash.
CREATE UNIQUE INDEX documents_by_key ON documents (origin, doc_key);

-- The answer's globally unique id: 48 bits of its time in milliseconds, then random bits
-- (RFC 9562, version 7). Rows written before this version get theirs here.
ALTER TABLE review_log ADD COLUMN uid TEXT;

UPDATE review_log SET uid =
    substr(printf('%012x', reviewed_at_ms), 1, 8) || '-' ||
    substr(printf('%012x', reviewed_at_ms), 9, 4) || '-7' ||
    substr(lower(hex(randomblob(2))), 2, 3) || '-' ||
    substr('89ab', 1 + (abs(random()) % 4), 1) ||
    substr(lower(hex(randomblob(2))), 2, 3) || '-' ||
    lower(hex(randomblob(6)));

CREATE UNIQUE INDEX review_log_by_uid ON review_log (uid);

-- Random bytes mixed into the ids of this library's answers, so two libraries answering the
-- same card in the same millisecond still make two ids.
INSERT OR IGNORE INTO settings (key, value_json)
VALUES ('review_uid_salt', json_quote(lower(hex(randomblob(16)))));
