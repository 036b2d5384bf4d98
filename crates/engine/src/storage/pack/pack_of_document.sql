SELECT pack_name FROM pack_documents WHERE document_id = ?1
