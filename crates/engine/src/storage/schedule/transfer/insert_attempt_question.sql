INSERT INTO attempt_questions (attempt_id, position, question_id, domain, option_order, answer,
                               is_flagged, time_spent_ms, is_correct)
VALUES (:attempt_id, :position, :question_id, :domain, :option_order, :answer, :is_flagged,
        :time_spent_ms, :is_correct)
