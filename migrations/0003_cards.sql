-- Stratus schema, version 3: cards generated from notes. A card's id is a content hash (see
-- docs/decisions/0003-card-identity.md); rows are never deleted, so the review log keeps
-- pointing at them: a card whose source disappears becomes 'retired'.
-- Shipped migrations are never edited; fix forward.

-- The document the card came from. No foreign key: a removed document leaves its cards
-- retired (trigger below) rather than deleting them or their history.
ALTER TABLE cards ADD COLUMN document_id INTEGER;
-- The section's heading key (stable across edits of its text), part of the card's identity.
ALTER TABLE cards ADD COLUMN heading_key TEXT NOT NULL DEFAULT '';
-- JSON array of headings, shown as the card's context.
ALTER TABLE cards ADD COLUMN heading_path TEXT NOT NULL DEFAULT '[]';
ALTER TABLE cards ADD COLUMN lang TEXT NOT NULL DEFAULT 'en';
ALTER TABLE cards ADD COLUMN source_line INTEGER NOT NULL DEFAULT 0;
-- Order of the card within its document, for listing.
ALTER TABLE cards ADD COLUMN position INTEGER NOT NULL DEFAULT 0;
-- The user's choice, kept apart from `status` so that a suspended card whose source goes
-- away and comes back is still suspended.
ALTER TABLE cards ADD COLUMN is_suspended INTEGER NOT NULL DEFAULT 0;

CREATE INDEX cards_by_document ON cards (document_id, heading_key, position);

-- A user's edit of a card's text. Keyed by card id, so it survives re-import as long as the
-- card's prompt still exists in the note.
CREATE TABLE card_overrides (
    card_id         TEXT    PRIMARY KEY REFERENCES cards (id),
    prompt          TEXT,
    answer          TEXT,
    updated_at_ms   INTEGER NOT NULL
);

CREATE TRIGGER cards_retire_with_document AFTER DELETE ON documents BEGIN
    UPDATE cards SET status = 'retired' WHERE document_id = old.id;
END;
