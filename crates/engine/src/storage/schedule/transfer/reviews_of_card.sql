SELECT uid, card_id, reviewed_at_ms, rating, duration_ms, fuzz
FROM review_log
WHERE card_id = ?1
