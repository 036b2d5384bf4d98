SELECT id FROM cards WHERE document_id = ?1 AND status != 'retired'
