-- Documents imported before schema 11, still known by their absolute path.
SELECT id, path, content_hash, doc_key, root FROM documents WHERE origin = ?1 AND doc_key IS NULL
