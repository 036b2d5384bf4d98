-- Review cards due now, most overdue first.
SELECT s.card_id
FROM card_states s
JOIN cards c ON c.id = s.card_id
WHERE s.phase = 'review' AND s.due_at_ms <= :until
