-- Every answer as a progress file carries it, oldest first.
SELECT uid, card_id, reviewed_at_ms, rating, duration_ms, fuzz
FROM review_log
ORDER BY reviewed_at_ms, uid
