DELETE FROM review_undo WHERE id <= (SELECT max(id) FROM review_undo) - ?1
