SELECT section_key, id FROM sections WHERE document_id = ?1
