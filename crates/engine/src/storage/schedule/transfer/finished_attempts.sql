-- Attempts still open stay on their device; finished ones travel.
SELECT id, exam, mode, seed, scope, time_limit_ms, elapsed_ms, started_at_ms, submitted_at_ms,
       status, correct_count, review_correct
FROM exam_attempts
WHERE status <> 'in_progress'
ORDER BY started_at_ms, id
