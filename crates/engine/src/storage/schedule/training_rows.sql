-- The index on (card_id, id) gives this order without sorting.
SELECT card_id, reviewed_at_ms, rating, elapsed_days
FROM review_log
ORDER BY card_id, id
