WHERE c.id = ?1
