-- Answer totals per quarter hour (`reviewed_at_ms / 900000`), in time order.
SELECT bucket, reviews, duration_ms
FROM review_buckets
ORDER BY bucket
