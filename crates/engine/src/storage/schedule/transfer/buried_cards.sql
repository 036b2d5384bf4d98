SELECT card_id, buried_day FROM card_states WHERE buried_day IS NOT NULL ORDER BY card_id
