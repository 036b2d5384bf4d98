INSERT INTO exam_attempts (exam, mode, seed, scope, time_limit_ms, elapsed_ms, resumed_at_ms,
                           current_position, started_at_ms, submitted_at_ms, status,
                           correct_count, review_correct)
VALUES (:exam, :mode, :seed, :scope, :time_limit_ms, :elapsed_ms, NULL, 0, :started_at_ms,
        :submitted_at_ms, :status, :correct_count, :review_correct)
