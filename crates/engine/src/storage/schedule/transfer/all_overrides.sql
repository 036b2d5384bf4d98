SELECT card_id, prompt, answer, updated_at_ms FROM card_overrides ORDER BY card_id
