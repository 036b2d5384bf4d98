WHERE c.document_id = ?1 AND c.heading_key = ?2 AND c.status != 'retired'
ORDER BY c.position
