-- Stratus schema, version 10: exam-style questions read from notes (docs/card-syntax.md,
-- section 5) and practice exams drawn from them. A question's id is a content hash of its
-- document and stem; rows are never deleted while an attempt refers to them: a question
-- whose note no longer holds it becomes inactive.
-- Shipped migrations are never edited; fix forward.

CREATE TABLE questions (
    id              TEXT    PRIMARY KEY,
    -- No foreign key: a removed document leaves its questions inactive (trigger below).
    document_id     INTEGER,
    section_key     TEXT    NOT NULL,
    heading_key     TEXT    NOT NULL,
    heading_path    TEXT    NOT NULL,   -- JSON array of headings
    lang            TEXT    NOT NULL,
    source_line     INTEGER NOT NULL,
    position        INTEGER NOT NULL,
    stem            TEXT    NOT NULL,
    choose          INTEGER NOT NULL,
    options         TEXT    NOT NULL,   -- JSON [{text, is_correct, explanation}]
    explanation     TEXT    NOT NULL,
    topic           TEXT    NOT NULL,
    source_path     TEXT,
    source_anchor   TEXT,
    is_new          INTEGER NOT NULL DEFAULT 0,
    is_active       INTEGER NOT NULL DEFAULT 1,
    created_at_ms   INTEGER NOT NULL,
    updated_at_ms   INTEGER NOT NULL
);

CREATE INDEX questions_by_document ON questions (document_id, position);

-- The exams a question belongs to, each with its exam-guide domain.
CREATE TABLE question_exams (
    question_id     TEXT    NOT NULL REFERENCES questions (id),
    exam            TEXT    NOT NULL,   -- short code: SAA, DVA, SOA, CLF
    domain          INTEGER NOT NULL,
    PRIMARY KEY (question_id, exam)
) WITHOUT ROWID;

CREATE INDEX question_exams_by_exam ON question_exams (exam, domain);

CREATE TRIGGER questions_retire_with_document AFTER DELETE ON documents BEGIN
    UPDATE questions SET is_active = 0 WHERE document_id = old.id;
END;

-- One practice exam (timed) or practice session (untimed, immediate feedback).
CREATE TABLE exam_attempts (
    id                  INTEGER PRIMARY KEY,
    exam                TEXT    NOT NULL,
    mode                TEXT    NOT NULL,           -- 'exam' | 'practice'
    lang                TEXT,
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
