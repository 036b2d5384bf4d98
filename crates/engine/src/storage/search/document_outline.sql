SELECT id, level, heading, position FROM sections WHERE document_id = ?1 ORDER BY position
