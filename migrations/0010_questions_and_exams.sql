-- Stratus schema, version 10: exam-style questions read from notes (docs/card-syntax.md,
-- section 5) and practice exams drawn from them. A question's id is a content hash of its
-- document and stem; rows are never deleted while an attempt refers to them: a question
-- whose note no longer holds it becomes inactive.
-- Shipped migrations are never edited; fix forward.

CREATE TABLE questions (
    id              TEXT    PRIMARY KEY,
    -- Small columns first: a draw reads them for every question of an exam, and SQLite
    -- stops reading a row at the last column asked for.
    is_active       INTEGER NOT NULL DEFAULT 1,
    topic           TEXT    NOT NULL,
    option_count    INTEGER NOT NULL,
    choose          INTEGER NOT NULL,
    -- No foreign key: a removed document leaves its questions inactive (trigger below).
    document_id     INTEGER,
    position        INTEGER NOT NULL,
    source_line     INTEGER NOT NULL,
    lang            TEXT    NOT NULL,
    is_new          INTEGER NOT NULL DEFAULT 0,
    created_at_ms   INTEGER NOT NULL,
    updated_at_ms   INTEGER NOT NULL,
    section_key     TEXT    NOT NULL,
    heading_key     TEXT    NOT NULL,
    source_path     TEXT,
    source_anchor   TEXT,
    heading_path    TEXT    NOT NULL,   -- JSON array of headings
    stem            TEXT    NOT NULL,
    explanation     TEXT    NOT NULL,
    options         TEXT    NOT NULL    -- JSON [{text, is_correct, explanation}]
);

CREATE INDEX questions_by_document ON questions (document_id, position);

-- The exams a question belongs to, each with its exam-guide domain. Keyed by exam and
-- domain, with the few columns a draw reads copied from `questions`, so drawing an exam
-- reads one range of one b-tree.
CREATE TABLE question_exams (
    exam            TEXT    NOT NULL,   -- short code: SAA, DVA, SOA, CLF
    domain          INTEGER NOT NULL,
    question_id     TEXT    NOT NULL REFERENCES questions (id),
    is_active       INTEGER NOT NULL DEFAULT 1,
    topic           TEXT    NOT NULL,
    option_count    INTEGER NOT NULL,
    PRIMARY KEY (exam, domain, question_id)
) WITHOUT ROWID;

CREATE INDEX question_exams_by_question ON question_exams (question_id);

CREATE TRIGGER question_exams_follow_question AFTER UPDATE OF is_active, topic, option_count
ON questions BEGIN
    UPDATE question_exams
    SET is_active = new.is_active, topic = new.topic, option_count = new.option_count
    WHERE question_id = new.id;
END;

-- The document's id may be given to a new document later: its questions forget it.
CREATE TRIGGER questions_retire_with_document AFTER DELETE ON documents BEGIN
    UPDATE questions SET is_active = 0, document_id = NULL WHERE document_id = old.id;
END;

-- One practice exam (timed) or practice session (untimed, immediate feedback).
CREATE TABLE exam_attempts (
    id                  INTEGER PRIMARY KEY,
    exam                TEXT    NOT NULL,
    mode                TEXT    NOT NULL,           -- 'exam' | 'practice'
    seed                INTEGER NOT NULL,
    scope               TEXT    NOT NULL DEFAULT '{}',  -- JSON: domain, topic of a practice
    time_limit_ms       INTEGER,                    -- NULL: untimed
    -- Time used while the attempt was open, up to `resumed_at_ms`; the clock runs from
    -- `resumed_at_ms` while it is not NULL. Time while the app is closed is not counted.
    elapsed_ms          INTEGER NOT NULL DEFAULT 0,
    resumed_at_ms       INTEGER,
    -- The question on screen and since when, for the time spent per question.
    current_position    INTEGER NOT NULL DEFAULT 0,
    started_at_ms       INTEGER NOT NULL,
    submitted_at_ms     INTEGER,
    status              TEXT    NOT NULL,           -- 'in_progress' | 'submitted' | 'timed_out'
    correct_count       INTEGER,
    review_correct      INTEGER NOT NULL DEFAULT 0  -- answers right also go to the review log
);

CREATE INDEX exam_attempts_by_exam ON exam_attempts (exam, started_at_ms);

CREATE TABLE attempt_questions (
    attempt_id      INTEGER NOT NULL REFERENCES exam_attempts (id) ON DELETE CASCADE,
    position        INTEGER NOT NULL,
    question_id     TEXT    NOT NULL REFERENCES questions (id),
    domain          INTEGER NOT NULL,
    option_order    TEXT    NOT NULL,   -- JSON: indexes of the question's options, as shown
    answer          TEXT,               -- JSON: chosen option indexes (question order); NULL unanswered
    is_flagged      INTEGER NOT NULL DEFAULT 0,
    time_spent_ms   INTEGER NOT NULL DEFAULT 0,
    is_correct      INTEGER,            -- set when scored
    PRIMARY KEY (attempt_id, position)
) WITHOUT ROWID;

CREATE INDEX attempt_questions_by_question ON attempt_questions (question_id);
