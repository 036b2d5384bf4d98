INSERT INTO document_titles (document_id, title, renamed_at_ms) VALUES (?1, ?2, ?3)
ON CONFLICT (document_id) DO UPDATE SET title = excluded.title,
    renamed_at_ms = excluded.renamed_at_ms
