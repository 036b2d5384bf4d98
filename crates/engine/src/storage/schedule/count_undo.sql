SELECT count(*) FROM review_undo
