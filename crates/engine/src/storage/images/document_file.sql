SELECT path, origin FROM documents WHERE id = ?1
