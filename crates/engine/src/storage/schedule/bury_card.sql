UPDATE card_states SET buried_day = ?2 WHERE card_id = ?1
