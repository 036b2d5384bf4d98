SELECT position, question_id, domain, option_order, answer, is_flagged, time_spent_ms, is_correct
FROM attempt_questions
WHERE attempt_id = ?1
ORDER BY position
