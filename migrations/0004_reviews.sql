-- Stratus schema, version 4: review scheduling. Every card gets a scheduling state (a row in
-- `card_states`, created with the card); each answer appends one row to `review_log` holding
-- the state before and after it, so a card's state can always be derived from its log;
-- `review_undo` keeps the last steps a reviewer can take back.
-- Shipped migrations are never edited; fix forward.

-- The review log of version 1 was never written to; it is replaced by one that records the
-- full transition of each answer.
DROP TABLE review_log;

CREATE TABLE review_log (
    id                  INTEGER PRIMARY KEY,
    card_id             TEXT    NOT NULL REFERENCES cards (id),
    reviewed_at_ms      INTEGER NOT NULL,
    rating              INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 4),
    duration_ms         INTEGER NOT NULL DEFAULT 0,
    -- Study days (rollover-based) since the card's previous answer; 0 for the first.
    elapsed_days        INTEGER NOT NULL,
    phase_before        TEXT    NOT NULL
                        CHECK (phase_before IN ('new', 'learning', 'review', 'relearning')),
    step_before         INTEGER NOT NULL,
    stability_before    REAL,
    difficulty_before   REAL,
    due_before_ms       INTEGER NOT NULL,
    interval_days_before INTEGER NOT NULL,
    phase_after         TEXT    NOT NULL
                        CHECK (phase_after IN ('learning', 'review', 'relearning')),
    step_after          INTEGER NOT NULL,
    stability_after     REAL    NOT NULL,
    difficulty_after    REAL    NOT NULL,
    due_after_ms        INTEGER NOT NULL,
    interval_days_after INTEGER NOT NULL,
    -- The fuzz factor drawn for this answer (NULL without fuzz), so a replay needs no RNG.
    fuzz                REAL
);
CREATE INDEX review_log_by_card ON review_log (card_id, id);
CREATE INDEX review_log_by_time ON review_log (reviewed_at_ms);

-- The current scheduling state of every card: the "after" of its last log row, or new.
CREATE TABLE card_states (
    card_id             TEXT    PRIMARY KEY REFERENCES cards (id),
    phase               TEXT    NOT NULL DEFAULT 'new'
                        CHECK (phase IN ('new', 'learning', 'review', 'relearning')),
    step                INTEGER NOT NULL DEFAULT 0,
    stability           REAL,
    difficulty          REAL,
    -- New cards keep 0 and are taken in rowid order (the order their notes were imported).
    due_at_ms           INTEGER NOT NULL DEFAULT 0,
    interval_days       INTEGER NOT NULL DEFAULT 0,
    last_review_at_ms   INTEGER,
    reps                INTEGER NOT NULL DEFAULT 0,
    lapses              INTEGER NOT NULL DEFAULT 0,
    -- Hidden until the end of this study day (days since 1970-01-01); NULL when not buried.
    buried_day          INTEGER
);
CREATE INDEX card_states_by_due ON card_states (phase, due_at_ms);

INSERT INTO card_states (card_id) SELECT id FROM cards ORDER BY rowid;

CREATE TRIGGER card_states_for_new_card AFTER INSERT ON cards BEGIN
    INSERT OR IGNORE INTO card_states (card_id) VALUES (new.id);
END;

-- The reviewer's last steps, newest last: the card's scheduling state and suspension before
-- the step, and the log row an answer added.
CREATE TABLE review_undo (
    id                  INTEGER PRIMARY KEY,
    action              TEXT    NOT NULL CHECK (action IN ('answer', 'bury', 'suspend')),
    card_id             TEXT    NOT NULL REFERENCES cards (id),
    review_id           INTEGER,
    state_json          TEXT    NOT NULL,
    was_suspended       INTEGER NOT NULL,
    created_at_ms       INTEGER NOT NULL
);
