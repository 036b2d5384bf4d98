WHERE card_id = ?1
ORDER BY id
