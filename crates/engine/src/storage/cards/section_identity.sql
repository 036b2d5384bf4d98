SELECT document_id, heading_key FROM sections WHERE id = ?1
