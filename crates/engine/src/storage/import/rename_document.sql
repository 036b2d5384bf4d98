UPDATE documents SET title = ?2 WHERE id = ?1
