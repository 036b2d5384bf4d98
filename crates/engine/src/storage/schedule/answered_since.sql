-- New cards introduced and review-phase answers since a study day started; both count
-- against the daily limits.
SELECT count(*) FILTER (WHERE phase_before = 'new'),
       count(*) FILTER (WHERE phase_before = 'review'),
       count(*)
FROM review_log
WHERE reviewed_at_ms >= ?1
