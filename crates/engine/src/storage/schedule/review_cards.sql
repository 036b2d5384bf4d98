-- Review cards due by :until.
WHERE s.phase = 'review' AND s.is_active = 1 AND s.due_at_ms <= :until
