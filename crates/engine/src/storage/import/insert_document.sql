INSERT INTO documents (origin, path, title, lang, content_hash, size_bytes, meta_json, imported_at_ms, format,
                       doc_key, root)
VALUES (:origin, :path, :title, :lang, :hash, :size_bytes, :meta_json, :now_ms, :format,
        :doc_key, :root)
