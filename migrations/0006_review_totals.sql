-- Stratus schema, version 6: answer totals per quarter hour, kept in step with `review_log`
-- by triggers, so that the activity figures (heatmap, streaks, time studied) read one row
-- per quarter hour with answers instead of every answer ever given. Time zones and the
-- study-day rollover fall on quarter hours, so each bucket belongs to one study day.
-- Shipped migrations are never edited; fix forward.

CREATE TABLE review_buckets (
    bucket          INTEGER PRIMARY KEY,  -- reviewed_at_ms / 900000
    reviews         INTEGER NOT NULL,
    duration_ms     INTEGER NOT NULL
);

INSERT INTO review_buckets (bucket, reviews, duration_ms)
SELECT reviewed_at_ms / 900000, count(*), sum(duration_ms)
FROM review_log
GROUP BY reviewed_at_ms / 900000;

CREATE TRIGGER review_buckets_on_answer AFTER INSERT ON review_log BEGIN
    INSERT INTO review_buckets (bucket, reviews, duration_ms)
    VALUES (new.reviewed_at_ms / 900000, 1, new.duration_ms)
    ON CONFLICT (bucket) DO UPDATE SET
        reviews = reviews + 1,
        duration_ms = duration_ms + excluded.duration_ms;
END;

CREATE TRIGGER review_buckets_on_undo AFTER DELETE ON review_log BEGIN
    UPDATE review_buckets
    SET reviews = reviews - 1, duration_ms = duration_ms - old.duration_ms
    WHERE bucket = old.reviewed_at_ms / 900000;
    DELETE FROM review_buckets
    WHERE bucket = old.reviewed_at_ms / 900000 AND reviews <= 0;
END;
