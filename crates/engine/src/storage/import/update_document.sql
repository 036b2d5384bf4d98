UPDATE documents
SET title = :title, lang = :lang, content_hash = :hash, size_bytes = :size_bytes,
    meta_json = :meta_json, imported_at_ms = :now_ms, format = :format,
    path = :path, doc_key = :doc_key, root = coalesce(:root, root)
WHERE id = :id
