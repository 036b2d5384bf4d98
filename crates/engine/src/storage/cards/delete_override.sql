DELETE FROM card_overrides WHERE card_id = ?1
