INSERT INTO card_overrides (card_id, prompt, answer, updated_at_ms)
VALUES (:card_id, :prompt, :answer, :now_ms)
ON CONFLICT (card_id) DO UPDATE SET
    prompt = excluded.prompt,
    answer = excluded.answer,
    updated_at_ms = excluded.updated_at_ms
