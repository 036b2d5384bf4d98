//! Storage of practice exam attempts: the attempt row with its clock, and one row per
//! question drawn (option order, answer, flag, time spent, whether it was right).

use rusqlite::{Connection, OptionalExtension, Row, Transaction, named_params, params};

use crate::error::Result;
use crate::model::QuestionId;
use crate::model::{AttemptId, AttemptStatus, ExamMode};

/// An attempt as stored.
#[derive(Debug, Clone)]
pub(crate) struct AttemptRow {
    pub id: AttemptId,
    /// Short exam code.
    pub exam: String,
    pub mode: ExamMode,
    pub seed: u64,
    pub scope: String,
    pub time_limit_ms: Option<i64>,
    pub elapsed_ms: i64,
    pub resumed_at_ms: Option<i64>,
    pub current_position: u32,
    pub started_at_ms: i64,
    pub submitted_at_ms: Option<i64>,
    pub status: AttemptStatus,
    pub review_correct: bool,
}

/// One question of an attempt as stored.
#[derive(Debug, Clone)]
pub(crate) struct SlotRow {
    pub position: u32,
    pub question_id: QuestionId,
    pub domain: u32,
    pub option_order: Vec<u32>,
    pub answer: Option<Vec<u32>>,
    pub is_flagged: bool,
    pub time_spent_ms: i64,
    pub is_correct: Option<bool>,
}

const ATTEMPT_COLUMNS: &str = "id, exam, mode, seed, scope, time_limit_ms, elapsed_ms, \
     resumed_at_ms, current_position, started_at_ms, submitted_at_ms, status, review_correct";

fn row_to_attempt(r: &Row<'_>) -> rusqlite::Result<AttemptRow> {
    Ok(AttemptRow {
        id: r.get(0)?,
        exam: r.get(1)?,
        mode: ExamMode::from_db(&r.get::<_, String>(2)?),
        seed: r.get::<_, i64>(3)? as u64,
        scope: r.get(4)?,
        time_limit_ms: r.get(5)?,
        elapsed_ms: r.get(6)?,
        resumed_at_ms: r.get(7)?,
        current_position: r.get(8)?,
        started_at_ms: r.get(9)?,
        submitted_at_ms: r.get(10)?,
        status: AttemptStatus::from_db(&r.get::<_, String>(11)?),
        review_correct: r.get(12)?,
    })
}

fn row_to_slot(r: &Row<'_>) -> rusqlite::Result<SlotRow> {
    let order: String = r.get(3)?;
    let answer: Option<String> = r.get(4)?;
    Ok(SlotRow {
        position: r.get(0)?,
        question_id: r.get(1)?,
        domain: r.get(2)?,
        option_order: serde_json::from_str(&order).unwrap_or_default(),
        answer: answer.and_then(|a| serde_json::from_str(&a).ok()),
        is_flagged: r.get(5)?,
        time_spent_ms: r.get(6)?,
        is_correct: r.get(7)?,
    })
}

/// Writes a new attempt and its questions; returns its id.
pub(crate) fn insert_attempt(
    tx: &Transaction<'_>,
    row: &AttemptRow,
    slots: &[SlotRow],
) -> Result<AttemptId> {
    tx.prepare_cached(
        "INSERT INTO exam_attempts (exam, mode, seed, scope, time_limit_ms, elapsed_ms,
             resumed_at_ms, current_position, started_at_ms, status, review_correct)
         VALUES (:exam, :mode, :seed, :scope, :limit, 0, :resumed, 0, :started, 'in_progress',
             :review_correct)",
    )?
    .execute(named_params! {
        ":exam": row.exam,
        ":mode": row.mode.as_str(),
        ":seed": row.seed as i64,
        ":scope": row.scope,
        ":limit": row.time_limit_ms,
        ":resumed": row.resumed_at_ms,
        ":started": row.started_at_ms,
        ":review_correct": row.review_correct,
    })?;
    let id = tx.last_insert_rowid() as AttemptId;
    let mut insert = tx.prepare_cached(
        "INSERT INTO attempt_questions (attempt_id, position, question_id, domain, option_order)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for s in slots {
        let order = serde_json::to_string(&s.option_order).expect("numbers serialize");
        insert.execute(params![id, s.position, s.question_id, s.domain, order])?;
    }
    Ok(id)
}

pub(crate) fn attempt(conn: &Connection, id: AttemptId) -> Result<Option<AttemptRow>> {
    let sql = format!("SELECT {ATTEMPT_COLUMNS} FROM exam_attempts WHERE id = ?1");
    Ok(conn
        .prepare_cached(&sql)?
        .query_row([id], row_to_attempt)
        .optional()?)
}

/// Attempts, newest first; of one exam (short code) or all.
pub(crate) fn attempts(conn: &Connection, exam: Option<&str>) -> Result<Vec<AttemptRow>> {
    let sql = format!(
        "SELECT {ATTEMPT_COLUMNS} FROM exam_attempts
         WHERE ?1 IS NULL OR exam = ?1 ORDER BY started_at_ms DESC, id DESC"
    );
    let rows = conn
        .prepare_cached(&sql)?
        .query_map([exam], row_to_attempt)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// The newest attempt still in progress.
pub(crate) fn in_progress(conn: &Connection) -> Result<Option<AttemptId>> {
    Ok(conn
        .prepare_cached(
            "SELECT id FROM exam_attempts WHERE status = 'in_progress'
             ORDER BY started_at_ms DESC, id DESC LIMIT 1",
        )?
        .query_row([], |r| r.get(0))
        .optional()?)
}

pub(crate) fn slots(conn: &Connection, id: AttemptId) -> Result<Vec<SlotRow>> {
    let rows = conn
        .prepare_cached(
            "SELECT position, question_id, domain, option_order, answer, is_flagged,
                    time_spent_ms, is_correct
             FROM attempt_questions WHERE attempt_id = ?1 ORDER BY position",
        )?
        .query_map([id], row_to_slot)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

pub(crate) fn slot(conn: &Connection, id: AttemptId, position: u32) -> Result<Option<SlotRow>> {
    Ok(conn
        .prepare_cached(
            "SELECT position, question_id, domain, option_order, answer, is_flagged,
                    time_spent_ms, is_correct
             FROM attempt_questions WHERE attempt_id = ?1 AND position = ?2",
        )?
        .query_row(params![id, position], row_to_slot)
        .optional()?)
}

/// Question ids drawn in the last `attempts` attempts of `exam`.
pub(crate) fn recent_question_ids(
    conn: &Connection,
    exam: &str,
    attempts: u32,
) -> Result<Vec<String>> {
    let rows = conn
        .prepare_cached(
            "SELECT DISTINCT q.question_id FROM attempt_questions q
             WHERE q.attempt_id IN (SELECT id FROM exam_attempts WHERE exam = ?1
                                    ORDER BY started_at_ms DESC, id DESC LIMIT ?2)",
        )?
        .query_map(params![exam, attempts], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

pub(crate) fn set_clock(
    tx: &Transaction<'_>,
    id: AttemptId,
    elapsed_ms: i64,
    resumed_at_ms: Option<i64>,
    current_position: u32,
) -> Result<()> {
    tx.prepare_cached(
        "UPDATE exam_attempts SET elapsed_ms = ?2, resumed_at_ms = ?3, current_position = ?4
         WHERE id = ?1",
    )?
    .execute(params![id, elapsed_ms, resumed_at_ms, current_position])?;
    Ok(())
}

pub(crate) fn add_time(tx: &Transaction<'_>, id: AttemptId, position: u32, ms: i64) -> Result<()> {
    if ms > 0 {
        tx.prepare_cached(
            "UPDATE attempt_questions SET time_spent_ms = time_spent_ms + ?3
             WHERE attempt_id = ?1 AND position = ?2",
        )?
        .execute(params![id, position, ms])?;
    }
    Ok(())
}

pub(crate) fn set_answer(
    tx: &Transaction<'_>,
    id: AttemptId,
    position: u32,
    answer: Option<&Vec<u32>>,
    is_correct: Option<bool>,
) -> Result<()> {
    let answer = answer.map(|a| serde_json::to_string(a).expect("numbers serialize"));
    tx.prepare_cached(
        "UPDATE attempt_questions SET answer = ?3, is_correct = ?4
         WHERE attempt_id = ?1 AND position = ?2",
    )?
    .execute(params![id, position, answer, is_correct])?;
    Ok(())
}

pub(crate) fn set_flag(
    tx: &Transaction<'_>,
    id: AttemptId,
    position: u32,
    flag: bool,
) -> Result<()> {
    tx.prepare_cached(
        "UPDATE attempt_questions SET is_flagged = ?3 WHERE attempt_id = ?1 AND position = ?2",
    )?
    .execute(params![id, position, flag])?;
    Ok(())
}

pub(crate) fn set_correct(
    tx: &Transaction<'_>,
    id: AttemptId,
    position: u32,
    is_correct: bool,
) -> Result<()> {
    tx.prepare_cached(
        "UPDATE attempt_questions SET is_correct = ?3 WHERE attempt_id = ?1 AND position = ?2",
    )?
    .execute(params![id, position, is_correct])?;
    Ok(())
}

/// Closes an attempt: its status, when, its score and a stopped clock.
pub(crate) fn close(
    tx: &Transaction<'_>,
    id: AttemptId,
    status: AttemptStatus,
    now_ms: i64,
) -> Result<()> {
    tx.prepare_cached(
        "UPDATE exam_attempts SET status = ?2, submitted_at_ms = ?3, resumed_at_ms = NULL,
             correct_count = (SELECT count(*) FROM attempt_questions
                              WHERE attempt_id = ?1 AND is_correct = 1)
         WHERE id = ?1",
    )?
    .execute(params![id, status.as_str(), now_ms])?;
    Ok(())
}
