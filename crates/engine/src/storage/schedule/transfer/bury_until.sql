-- The later of the two days wins: burying only hides a card until the end of a day.
UPDATE card_states SET buried_day = max(coalesce(buried_day, ?2), ?2) WHERE card_id = ?1
