-- Answers and time per quarter hour over the whole log. Time zones and the rollover hour
-- fall on quarter hours, so each bucket belongs to exactly one study day.
SELECT reviewed_at_ms / 900000 AS bucket, count(*), sum(duration_ms)
FROM review_log
GROUP BY bucket
ORDER BY bucket
