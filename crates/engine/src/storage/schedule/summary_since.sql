SELECT count(*),
       count(*) FILTER (WHERE rating = 1),
       count(*) FILTER (WHERE rating = 2),
       count(*) FILTER (WHERE rating = 3),
       count(*) FILTER (WHERE rating = 4),
       count(*) FILTER (WHERE phase_before = 'new'),
       count(*) FILTER (WHERE phase_before = 'review'),
       count(*) FILTER (WHERE phase_before = 'review' AND rating > 1),
       coalesce(sum(duration_ms), 0)
FROM review_log
WHERE reviewed_at_ms >= ?1
