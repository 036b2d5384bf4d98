//! Storage of progress files (`progress::transfer`): reading what a file carries out of the
//! library, and writing a merged log back card by card. Called inside the transactions
//! `progress::transfer` opens; values are always bound parameters.

use std::collections::BTreeSet;

use rusqlite::{Connection, Transaction, named_params, params};

use crate::error::Result;
use crate::ids::ReviewUid;
use crate::model::{
    AttemptQuestionRecord, AttemptRecord, BuriedCard, CardEditRecord, CardId, QuestionId,
    ReviewRecord, attempt_key,
};

fn row_to_review(r: &rusqlite::Row<'_>) -> rusqlite::Result<ReviewRecord> {
    Ok(ReviewRecord {
        uid: r.get(0)?,
        card_id: r.get(1)?,
        reviewed_at_ms: r.get(2)?,
        rating: r.get(3)?,
        duration_ms: r.get(4)?,
        fuzz: r.get(5)?,
    })
}

/// Every answer, oldest first.
pub(crate) fn all_reviews(conn: &Connection) -> Result<Vec<ReviewRecord>> {
    Ok(conn
        .prepare_cached(include_str!("all_reviews.sql"))?
        .query_map([], row_to_review)?
        .collect::<rusqlite::Result<_>>()?)
}

/// The answers of one card, in no particular order.
pub(crate) fn reviews_of_card(conn: &Connection, card_id: &CardId) -> Result<Vec<ReviewRecord>> {
    Ok(conn
        .prepare_cached(include_str!("reviews_of_card.sql"))?
        .query_map([card_id], row_to_review)?
        .collect::<rusqlite::Result<_>>()?)
}

fn exists(conn: &Connection, sql: &str, value: &str) -> Result<bool> {
    Ok(conn.prepare_cached(sql)?.query_row([value], |r| r.get(0))?)
}

/// Whether the log holds the answer `uid`.
pub(crate) fn has_review(conn: &Connection, uid: &ReviewUid) -> Result<bool> {
    exists(conn, include_str!("has_review.sql"), &uid.0)
}

/// Whether the library has the card.
pub(crate) fn has_card(conn: &Connection, id: &CardId) -> Result<bool> {
    exists(conn, include_str!("has_card.sql"), &id.0)
}

/// Whether the library has the question.
pub(crate) fn has_question(conn: &Connection, id: &QuestionId) -> Result<bool> {
    exists(conn, include_str!("has_question.sql"), &id.0)
}

/// Removes a card's answers, before they are written again in order.
pub(crate) fn delete_reviews_of_card(tx: &Transaction<'_>, card_id: &CardId) -> Result<()> {
    tx.prepare_cached(include_str!("delete_reviews_of_card.sql"))?
        .execute([card_id])?;
    Ok(())
}

/// Empties the undo stack: its steps refer to states a merge has replaced.
pub(crate) fn clear_undo(tx: &Transaction<'_>) -> Result<()> {
    tx.prepare_cached(include_str!("clear_undo.sql"))?
        .execute([])?;
    Ok(())
}

/// The cards the learner suspended.
pub(crate) fn suspended_cards(conn: &Connection) -> Result<Vec<CardId>> {
    Ok(conn
        .prepare_cached(include_str!("suspended_cards.sql"))?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?)
}

/// The cards buried, with the study day they are hidden until the end of.
pub(crate) fn buried_cards(conn: &Connection) -> Result<Vec<BuriedCard>> {
    Ok(conn
        .prepare_cached(include_str!("buried_cards.sql"))?
        .query_map([], |r| {
            Ok(BuriedCard {
                card_id: r.get(0)?,
                buried_day: r.get(1)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?)
}

/// Buries a card until the end of `day`, or of its own later day. `true` if it changed.
pub(crate) fn bury_until(tx: &Transaction<'_>, card_id: &CardId, day: i64) -> Result<bool> {
    let before: Option<i64> = tx
        .prepare_cached("SELECT buried_day FROM card_states WHERE card_id = ?1")?
        .query_row([card_id], |r| r.get(0))?;
    tx.prepare_cached(include_str!("bury_until.sql"))?
        .execute(params![card_id, day])?;
    Ok(before.is_none_or(|b| b < day))
}

/// The learner's edits of card texts.
pub(crate) fn all_overrides(conn: &Connection) -> Result<Vec<CardEditRecord>> {
    Ok(conn
        .prepare_cached(include_str!("all_overrides.sql"))?
        .query_map([], |r| {
            Ok(CardEditRecord {
                card_id: r.get(0)?,
                prompt: r.get(1)?,
                answer: r.get(2)?,
                updated_at_ms: r.get(3)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?)
}

/// Keeps the newer of the stored edit and `edit`. `true` if `edit` was taken.
pub(crate) fn merge_override(tx: &Transaction<'_>, edit: &CardEditRecord) -> Result<bool> {
    Ok(tx
        .prepare_cached(include_str!("merge_override.sql"))?
        .execute(named_params! {
            ":card_id": edit.card_id,
            ":prompt": edit.prompt,
            ":answer": edit.answer,
            ":updated_at_ms": edit.updated_at_ms,
        })?
        == 1)
}

fn json_text(value: &serde_json::Value) -> String {
    serde_json::to_string(value).expect("JSON values serialize")
}

fn parse_json(text: Option<String>) -> serde_json::Value {
    text.and_then(|t| serde_json::from_str(&t).ok())
        .unwrap_or(serde_json::Value::Null)
}

/// The finished practice exams and sessions, with their questions and answers.
pub(crate) fn finished_attempts(conn: &Connection) -> Result<Vec<AttemptRecord>> {
    let mut attempts = Vec::new();
    let mut stmt = conn.prepare_cached(include_str!("finished_attempts.sql"))?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            AttemptRecord {
                exam: r.get(1)?,
                mode: r.get(2)?,
                seed: r.get(3)?,
                scope: parse_json(r.get(4)?),
                time_limit_ms: r.get(5)?,
                elapsed_ms: r.get(6)?,
                started_at_ms: r.get(7)?,
                submitted_at_ms: r.get(8)?,
                status: r.get(9)?,
                correct_count: r.get(10)?,
                review_correct: r.get(11)?,
                questions: Vec::new(),
            },
        ))
    })?;
    for row in rows {
        let (id, mut attempt) = row?;
        attempt.questions = conn
            .prepare_cached(include_str!("attempt_questions.sql"))?
            .query_map([id], |r| {
                Ok(AttemptQuestionRecord {
                    position: r.get(0)?,
                    question_id: QuestionId(r.get(1)?),
                    domain: r.get(2)?,
                    option_order: parse_json(r.get(3)?),
                    answer: r.get::<_, Option<String>>(4)?.map(|t| parse_json(Some(t))),
                    is_flagged: r.get(5)?,
                    time_spent_ms: r.get(6)?,
                    is_correct: r.get(7)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        attempts.push(attempt);
    }
    Ok(attempts)
}

/// The identity keys of every stored attempt (`attempt_key`).
pub(crate) fn attempt_keys(conn: &Connection) -> Result<BTreeSet<String>> {
    let mut stmt = conn.prepare_cached(include_str!("attempt_keys.sql"))?;
    let rows = stmt.query_map([], |r| {
        Ok(attempt_key(
            &r.get::<_, String>(0)?,
            &r.get::<_, String>(1)?,
            r.get(2)?,
            r.get(3)?,
        ))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Stores a finished attempt from another library, with its questions.
pub(crate) fn insert_attempt(tx: &Transaction<'_>, a: &AttemptRecord) -> Result<()> {
    tx.prepare_cached(include_str!("insert_attempt.sql"))?
        .execute(named_params! {
            ":exam": a.exam,
            ":mode": a.mode,
            ":seed": a.seed,
            ":scope": json_text(&a.scope),
            ":time_limit_ms": a.time_limit_ms,
            ":elapsed_ms": a.elapsed_ms,
            ":started_at_ms": a.started_at_ms,
            ":submitted_at_ms": a.submitted_at_ms,
            ":status": a.status,
            ":correct_count": a.correct_count,
            ":review_correct": a.review_correct,
        })?;
    let attempt_id = tx.last_insert_rowid();
    let mut insert = tx.prepare_cached(include_str!("insert_attempt_question.sql"))?;
    for q in &a.questions {
        insert.execute(named_params! {
            ":attempt_id": attempt_id,
            ":position": q.position,
            ":question_id": q.question_id.0,
            ":domain": q.domain,
            ":option_order": json_text(&q.option_order),
            ":answer": q.answer.as_ref().map(json_text),
            ":is_flagged": q.is_flagged,
            ":time_spent_ms": q.time_spent_ms,
            ":is_correct": q.is_correct,
        })?;
    }
    Ok(())
}
