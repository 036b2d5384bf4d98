SELECT id, path, content_hash, doc_key, root FROM documents WHERE origin = ?1 AND doc_key = ?2
