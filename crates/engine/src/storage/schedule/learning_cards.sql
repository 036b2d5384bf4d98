-- Cards in (re)learning steps due by :until; the scope filter and order follow.
SELECT s.card_id
FROM card_states s
JOIN cards c ON c.id = s.card_id
WHERE s.phase IN ('learning', 'relearning') AND s.due_at_ms <= :until
