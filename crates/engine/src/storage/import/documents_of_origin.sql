SELECT id, path FROM documents WHERE origin = ?1 ORDER BY path
