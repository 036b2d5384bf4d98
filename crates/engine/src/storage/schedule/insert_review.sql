INSERT INTO review_log (card_id, reviewed_at_ms, rating, duration_ms, elapsed_days,
                        phase_before, step_before, stability_before, difficulty_before,
                        due_before_ms, interval_days_before,
                        phase_after, step_after, stability_after, difficulty_after,
                        due_after_ms, interval_days_after, fuzz, uid)
VALUES (:card_id, :reviewed_at_ms, :rating, :duration_ms, :elapsed_days,
        :phase_before, :step_before, :stability_before, :difficulty_before,
        :due_before_ms, :interval_days_before,
        :phase_after, :step_after, :stability_after, :difficulty_after,
        :due_after_ms, :interval_days_after, :fuzz, :uid)
