-- New cards in the order their notes were imported.
SELECT s.card_id
FROM card_states s
JOIN cards c ON c.id = s.card_id
WHERE s.phase = 'new' AND s.due_at_ms <= :until
