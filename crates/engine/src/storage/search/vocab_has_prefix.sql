SELECT EXISTS (SELECT 1 FROM sections_vocab WHERE term >= ?1 AND term < ?2)
