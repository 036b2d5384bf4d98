SELECT id, action, card_id, review_id, state_json, was_suspended
FROM review_undo
ORDER BY id DESC
LIMIT 1
