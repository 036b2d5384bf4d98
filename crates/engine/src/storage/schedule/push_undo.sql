INSERT INTO review_undo (action, card_id, review_id, state_json, was_suspended, created_at_ms)
VALUES (:action, :card_id, :review_id, :state_json, :was_suspended, :now_ms)
