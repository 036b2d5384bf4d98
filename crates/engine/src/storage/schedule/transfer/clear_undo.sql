DELETE FROM review_undo
