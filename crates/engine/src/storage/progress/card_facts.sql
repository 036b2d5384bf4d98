-- Every active card with its tags and scheduling state, for progress.
SELECT c.tags_json, s.phase, s.interval_days, s.stability, s.last_review_at_ms, s.due_at_ms
FROM cards c
JOIN card_states s ON s.card_id = c.id
WHERE c.status = 'active'
