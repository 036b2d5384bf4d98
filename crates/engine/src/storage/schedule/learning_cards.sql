-- Cards in (re)learning steps due by :until; the scope filter and order follow.
WHERE s.phase IN ('learning', 'relearning') AND s.is_active = 1 AND s.due_at_ms <= :until
