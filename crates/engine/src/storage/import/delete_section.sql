DELETE FROM sections WHERE id = ?1
