DELETE FROM review_log WHERE card_id = ?1
