INSERT INTO card_states (card_id, phase, step, stability, difficulty, due_at_ms, interval_days,
                         last_review_at_ms, reps, lapses, buried_day)
VALUES (:card_id, :phase, :step, :stability, :difficulty, :due_at_ms, :interval_days,
        :last_review_at_ms, :reps, :lapses, :buried_day)
ON CONFLICT (card_id) DO UPDATE SET
    phase = excluded.phase,
    step = excluded.step,
    stability = excluded.stability,
    difficulty = excluded.difficulty,
    due_at_ms = excluded.due_at_ms,
    interval_days = excluded.interval_days,
    last_review_at_ms = excluded.last_review_at_ms,
    reps = excluded.reps,
    lapses = excluded.lapses,
    buried_day = excluded.buried_day
