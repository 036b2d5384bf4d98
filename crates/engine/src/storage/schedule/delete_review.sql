-- Only undo removes a log row, and only the row the undone answer added.
DELETE FROM review_log WHERE id = ?1
