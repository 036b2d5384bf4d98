SELECT id, path FROM documents WHERE origin = ?1 AND root = ?2 ORDER BY path
