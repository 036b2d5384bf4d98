SELECT id, content_hash FROM documents WHERE origin = ?1 AND path = ?2
