SELECT document_id FROM pack_documents WHERE pack_name = ?1 ORDER BY document_id
