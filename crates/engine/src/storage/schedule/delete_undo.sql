DELETE FROM review_undo WHERE id = ?1
