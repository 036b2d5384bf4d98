-- Graduated cards due by :due_until and not answered since :until. Ordering by elapsed time
-- over stability is ordering by retrievability (the forgetting curve decreases in t / S).
WHERE s.phase = 'review' AND s.is_active = 1 AND s.due_at_ms <= :due_until
  AND s.last_review_at_ms < :until AND s.stability > 0
