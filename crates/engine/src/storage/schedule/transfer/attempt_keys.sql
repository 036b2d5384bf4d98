SELECT exam, mode, seed, started_at_ms FROM exam_attempts
