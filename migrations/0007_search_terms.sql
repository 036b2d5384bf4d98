-- Stratus schema, version 7: a table of the indexed search terms with the number of sections
-- holding each, kept by the import (storage/search/terms.rs). Query words are completed from
-- it into a few exact terms (docs/decisions/0007-prefix-completion.md), so FTS5 no longer
-- needs its prefix indexes; spelling correction reads it instead of `fts5vocab`, which
-- counts sections by walking every term's list of rows.
-- Shipped migrations are never edited; fix forward.

CREATE TABLE search_terms (
    term            TEXT    PRIMARY KEY,
    sections        INTEGER NOT NULL
) WITHOUT ROWID;

INSERT INTO search_terms (term, sections)
SELECT term, doc FROM sections_vocab;

-- The same index without prefix indexes (fewer index entries per word written at import);
-- the vocabulary table over it goes too, `search_terms` replaces it.
DROP TABLE sections_vocab;
DROP TABLE sections_fts;

CREATE VIRTUAL TABLE sections_fts USING fts5 (
    heading_terms,
    body_terms,
    content = 'sections',
    content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);

-- A heading match weighs four times a body match.
INSERT INTO sections_fts (sections_fts, rank) VALUES ('rank', 'bm25(4.0, 1.0)');
INSERT INTO sections_fts (sections_fts) VALUES ('rebuild');

