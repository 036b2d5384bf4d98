-- Stratus schema, version 13: titles the learner gave documents. A web page pasted into a
-- note often starts with page furniture, and a slide deck is named after its file; the
-- learner renames such a document, and the title stays when the file is imported again.
-- Shipped migrations are never edited; fix forward.

CREATE TABLE document_titles (
    document_id     INTEGER PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE,
    title           TEXT    NOT NULL,
    renamed_at_ms   INTEGER NOT NULL
);

-- An import writes the title it reads from the file; a renamed document keeps its own.
-- (Triggers do not fire themselves again: recursive triggers are off.)
CREATE TRIGGER documents_keep_renamed_title
AFTER UPDATE OF title ON documents
WHEN EXISTS (SELECT 1 FROM document_titles t WHERE t.document_id = NEW.id AND t.title != NEW.title)
BEGIN
    UPDATE documents
    SET title = (SELECT t.title FROM document_titles t WHERE t.document_id = NEW.id)
    WHERE id = NEW.id;
END;
