-- Graduated cards due by :due_until and not answered since :until. Ordering by elapsed time
-- over stability is ordering by retrievability (the forgetting curve decreases in t / S).
SELECT s.card_id
FROM card_states s
JOIN cards c ON c.id = s.card_id
WHERE s.phase = 'review' AND s.due_at_ms <= :due_until AND s.last_review_at_ms < :until
  AND s.stability > 0
