-- Stratus schema, version 8: a second FTS5 index over the section headings alone. When a
-- query matches too many sections to rank them all, the sections with a query word in
-- their heading are ranked first (docs/decisions/0006, 0007); found through the main
-- index's column filter, that meant reading the positions of every row holding a common
-- word, while headings are short and a word is in few of them.
-- Shipped migrations are never edited; fix forward.

CREATE VIRTUAL TABLE headings_fts USING fts5 (
    heading_terms,
    content = 'sections',
    content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);

INSERT INTO headings_fts (headings_fts) VALUES ('rebuild');

CREATE TRIGGER headings_fts_after_insert AFTER INSERT ON sections BEGIN
    INSERT INTO headings_fts (rowid, heading_terms) VALUES (new.id, new.heading_terms);
END;

CREATE TRIGGER headings_fts_after_delete AFTER DELETE ON sections BEGIN
    INSERT INTO headings_fts (headings_fts, rowid, heading_terms)
    VALUES ('delete', old.id, old.heading_terms);
END;

CREATE TRIGGER headings_fts_after_update AFTER UPDATE OF heading_terms ON sections BEGIN
    INSERT INTO headings_fts (headings_fts, rowid, heading_terms)
    VALUES ('delete', old.id, old.heading_terms);
    INSERT INTO headings_fts (rowid, heading_terms) VALUES (new.id, new.heading_terms);
END;
