-- The newer edit wins; at the same time the larger text, so both libraries agree.
INSERT INTO card_overrides (card_id, prompt, answer, updated_at_ms)
VALUES (:card_id, :prompt, :answer, :updated_at_ms)
ON CONFLICT (card_id) DO UPDATE SET
    prompt = excluded.prompt,
    answer = excluded.answer,
    updated_at_ms = excluded.updated_at_ms
WHERE excluded.updated_at_ms > card_overrides.updated_at_ms
   OR (excluded.updated_at_ms = card_overrides.updated_at_ms
       AND coalesce(excluded.prompt, '') || char(0) || coalesce(excluded.answer, '')
         > coalesce(card_overrides.prompt, '') || char(0) || coalesce(card_overrides.answer, ''))
