SELECT status FROM cards WHERE id = ?1
