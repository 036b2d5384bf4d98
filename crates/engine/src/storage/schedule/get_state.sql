SELECT s.phase, s.step, s.stability, s.difficulty, s.due_at_ms, s.interval_days,
       s.last_review_at_ms, s.reps, s.lapses, s.buried_day, c.status
FROM card_states s
JOIN cards c ON c.id = s.card_id
WHERE s.card_id = ?1
