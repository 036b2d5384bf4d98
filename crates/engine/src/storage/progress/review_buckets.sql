-- Every answer's time and duration, in table order. Grouping by quarter hour is done by the
-- caller: a GROUP BY on the computed bucket makes SQLite sort the whole log in a temporary
-- B-tree, several times slower than one plain scan.
SELECT reviewed_at_ms, duration_ms
FROM review_log
