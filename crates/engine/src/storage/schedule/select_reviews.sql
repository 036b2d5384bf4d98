-- The columns `row_to_entry` reads; the caller appends the filter.
SELECT id, card_id, reviewed_at_ms, rating, duration_ms, elapsed_days,
       phase_before, stability_before, difficulty_before,
       phase_after, stability_after, difficulty_after, due_after_ms, fuzz
FROM review_log
