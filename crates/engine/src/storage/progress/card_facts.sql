-- The scheduling state of every active card (`is_active` mirrors `cards.status`), for
-- progress. The caller matches each row to the card's tags by id.
SELECT card_id, phase, interval_days, stability, last_review_at_ms, due_at_ms
FROM card_states
WHERE is_active = 1
