INSERT INTO pack_documents (document_id, pack_name) VALUES (?1, ?2)
ON CONFLICT (document_id) DO UPDATE SET pack_name = excluded.pack_name
