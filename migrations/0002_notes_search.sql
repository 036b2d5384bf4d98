-- Stratus schema, version 2: the notes library. Documents remember their format; sections keep
-- their own markdown (for rendering), a key that survives content edits (for re-attaching
-- progress), and search terms prepared by the engine (search/tokenize.rs) which the FTS5 index
-- reads through external content, kept in sync by triggers.
-- Shipped migrations are never edited; fix forward.

ALTER TABLE documents ADD COLUMN format TEXT NOT NULL DEFAULT 'markdown'
    CHECK (format IN ('markdown', 'plain_text'));

-- Hash of the heading path alone (plus an occurrence number): equal before and after an edit
-- of the section's own text, while `section_key` changes with it.
ALTER TABLE sections ADD COLUMN heading_key TEXT NOT NULL DEFAULT '';
-- The section's own source, from its heading line up to the next heading of any level.
ALTER TABLE sections ADD COLUMN markdown TEXT NOT NULL DEFAULT '';
-- Search terms: NFC, case-folded words, with Hangul runs replaced by syllable bigrams.
ALTER TABLE sections ADD COLUMN heading_terms TEXT NOT NULL DEFAULT '';
ALTER TABLE sections ADD COLUMN body_terms TEXT NOT NULL DEFAULT '';

-- The terms are already split and normalized, so the tokenizer only has to cut at spaces;
-- unicode61 does that and also folds any case the engine left. Prefix indexes make the
-- prefix queries written for English terms cheap.
CREATE VIRTUAL TABLE sections_fts USING fts5 (
    heading_terms,
    body_terms,
    content = 'sections',
    content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '2 3 4'
);

-- A heading match weighs four times a body match.
INSERT INTO sections_fts (sections_fts, rank) VALUES ('rank', 'bm25(4.0, 1.0)');

CREATE TRIGGER sections_fts_after_insert AFTER INSERT ON sections BEGIN
    INSERT INTO sections_fts (rowid, heading_terms, body_terms)
    VALUES (new.id, new.heading_terms, new.body_terms);
END;

CREATE TRIGGER sections_fts_after_delete AFTER DELETE ON sections BEGIN
    INSERT INTO sections_fts (sections_fts, rowid, heading_terms, body_terms)
    VALUES ('delete', old.id, old.heading_terms, old.body_terms);
END;

CREATE TRIGGER sections_fts_after_update AFTER UPDATE OF heading_terms, body_terms ON sections
BEGIN
    INSERT INTO sections_fts (sections_fts, rowid, heading_terms, body_terms)
    VALUES ('delete', old.id, old.heading_terms, old.body_terms);
    INSERT INTO sections_fts (rowid, heading_terms, body_terms)
    VALUES (new.id, new.heading_terms, new.body_terms);
END;

-- Every indexed term once, for prefix completion and typo correction of query words.
CREATE VIRTUAL TABLE sections_vocab USING fts5vocab (sections_fts, 'row');
