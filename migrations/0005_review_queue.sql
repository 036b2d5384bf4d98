-- Stratus schema, version 5: the review queue reads `card_states` alone. Each state row
-- mirrors whether its card may be shown (`cards.status = 'active'`), kept in step by
-- triggers, so taking the next card of the whole library needs no lookup in `cards`.
-- Shipped migrations are never edited; fix forward.

ALTER TABLE card_states ADD COLUMN is_active INTEGER NOT NULL DEFAULT 1;

UPDATE card_states
SET is_active = coalesce((SELECT c.status = 'active' FROM cards c WHERE c.id = card_states.card_id), 0);

DROP TRIGGER card_states_for_new_card;

CREATE TRIGGER card_states_for_new_card AFTER INSERT ON cards BEGIN
    INSERT OR IGNORE INTO card_states (card_id, is_active) VALUES (new.id, new.status = 'active');
END;

CREATE TRIGGER card_states_follow_status AFTER UPDATE OF status ON cards
WHEN old.status IS NOT new.status
BEGIN
    UPDATE card_states SET is_active = (new.status = 'active') WHERE card_id = new.id;
END;

DROP INDEX card_states_by_due;
CREATE INDEX card_states_by_due ON card_states (phase, is_active, due_at_ms);
