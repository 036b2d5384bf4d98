//! Storage of scheduling: card states, the append-only review log, the undo stack and the
//! queue queries. Values are always bound parameters; the queue queries are put together
//! from the constant fragments beside this file.

pub(crate) mod transfer;

use rusqlite::{Connection, OptionalExtension, Row, Transaction, named_params, params};

use crate::error::Result;
use crate::ids::{DocumentId, ReviewId, ReviewUid, SectionId};
use crate::model::{CardId, CardStatus};
use crate::model::{Memory, Phase, Rating, ReviewAction, ReviewSummary, SchedState, TrainingRow};

/// A card's scheduling row: its state, whether it is buried, and its status.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub(crate) struct StoredState {
    pub state: SchedState,
    /// Buried until the end of this study day.
    pub buried_day: Option<i64>,
}

fn row_to_state(r: &Row<'_>) -> rusqlite::Result<(StoredState, CardStatus)> {
    let stability: Option<f64> = r.get(2)?;
    let difficulty: Option<f64> = r.get(3)?;
    let memory = match (stability, difficulty) {
        (Some(s), Some(d)) => Some(Memory {
            stability: s as f32,
            difficulty: d as f32,
        }),
        _ => None,
    };
    let state = SchedState {
        phase: Phase::from_db(&r.get::<_, String>(0)?),
        step: r.get(1)?,
        memory,
        due_at_ms: r.get(4)?,
        interval_days: r.get(5)?,
        last_review_at_ms: r.get(6)?,
        reps: r.get(7)?,
        lapses: r.get(8)?,
    };
    Ok((
        StoredState {
            state,
            buried_day: r.get(9)?,
        },
        CardStatus::from_db(&r.get::<_, String>(10)?),
    ))
}

/// A card's scheduling state and status; `None` if there is no such card.
pub(crate) fn get_state(
    conn: &Connection,
    card_id: &CardId,
) -> Result<Option<(StoredState, CardStatus)>> {
    Ok(conn
        .prepare_cached(include_str!("get_state.sql"))?
        .query_row([card_id], row_to_state)
        .optional()?)
}

/// Replaces a card's scheduling row.
pub(crate) fn write_state(tx: &Transaction<'_>, card_id: &CardId, s: &StoredState) -> Result<()> {
    let st = &s.state;
    tx.prepare_cached(include_str!("write_state.sql"))?
        .execute(named_params! {
            ":card_id": card_id,
            ":phase": st.phase.as_str(),
            ":step": st.step,
            ":stability": st.memory.map(|m| f64::from(m.stability)),
            ":difficulty": st.memory.map(|m| f64::from(m.difficulty)),
            ":due_at_ms": st.due_at_ms,
            ":interval_days": st.interval_days,
            ":last_review_at_ms": st.last_review_at_ms,
            ":reps": st.reps,
            ":lapses": st.lapses,
            ":buried_day": s.buried_day,
        })?;
    Ok(())
}

/// One answer as the log stores it.
pub(crate) struct NewReview<'a> {
    pub card_id: &'a CardId,
    pub reviewed_at_ms: i64,
    pub rating: Rating,
    pub duration_ms: u32,
    pub elapsed_days: u32,
    pub before: &'a SchedState,
    pub after: &'a SchedState,
    pub fuzz: Option<f64>,
    /// The answer's global id when it comes from another library; `None` makes one.
    pub uid: Option<&'a ReviewUid>,
}

/// The settings key of the library's random salt for answer ids (written by migration 11).
const UID_SALT_KEY: &str = "review_uid_salt";

/// The globally unique id of an answer: its time, then bits hashed from the library's
/// salt, the card, the time and the card's answer count, so two libraries (or one library
/// answering two cards in one millisecond) never make the same id.
pub(crate) fn review_uid(
    conn: &Connection,
    card_id: &CardId,
    reviewed_at_ms: i64,
    reps_before: u32,
) -> Result<ReviewUid> {
    let salt: String = crate::storage::kv::read(conn, UID_SALT_KEY)?.unwrap_or_default();
    let mut hasher = blake3::Hasher::new();
    for part in [
        b"stratus-review-uid-1".as_slice(),
        salt.as_bytes(),
        card_id.0.as_bytes(),
        &reviewed_at_ms.to_le_bytes(),
        &reps_before.to_le_bytes(),
    ] {
        hasher.update(&(part.len() as u64).to_le_bytes());
        hasher.update(part);
    }
    let mut random = [0u8; 10];
    random.copy_from_slice(&hasher.finalize().as_bytes()[..10]);
    Ok(ReviewUid::from_parts(reviewed_at_ms, &random))
}

/// Appends one answer to the review log.
pub(crate) fn insert_review(tx: &Transaction<'_>, r: &NewReview<'_>) -> Result<ReviewId> {
    let uid = match r.uid {
        Some(uid) => uid.clone(),
        None => review_uid(tx, r.card_id, r.reviewed_at_ms, r.before.reps)?,
    };
    let after_memory = r.after.memory.unwrap_or(Memory {
        stability: 0.0,
        difficulty: 0.0,
    });
    tx.prepare_cached(include_str!("insert_review.sql"))?
        .execute(named_params! {
            ":card_id": r.card_id,
            ":reviewed_at_ms": r.reviewed_at_ms,
            ":rating": r.rating.as_number(),
            ":duration_ms": r.duration_ms,
            ":elapsed_days": r.elapsed_days,
            ":phase_before": r.before.phase.as_str(),
            ":step_before": r.before.step,
            ":stability_before": r.before.memory.map(|m| f64::from(m.stability)),
            ":difficulty_before": r.before.memory.map(|m| f64::from(m.difficulty)),
            ":due_before_ms": r.before.due_at_ms,
            ":interval_days_before": r.before.interval_days,
            ":phase_after": r.after.phase.as_str(),
            ":step_after": r.after.step,
            ":stability_after": f64::from(after_memory.stability),
            ":difficulty_after": f64::from(after_memory.difficulty),
            ":due_after_ms": r.after.due_at_ms,
            ":interval_days_after": r.after.interval_days,
            ":fuzz": r.fuzz,
            ":uid": uid,
        })?;
    let id = tx.last_insert_rowid();
    Ok(ReviewId(u32::try_from(id).unwrap_or(u32::MAX)))
}

/// A log row as read back.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct LogRow {
    pub id: ReviewId,
    pub card_id: CardId,
    pub reviewed_at_ms: i64,
    pub rating: Rating,
    pub duration_ms: u32,
    pub elapsed_days: u32,
    pub phase_before: Phase,
    pub stability_before: Option<f64>,
    pub difficulty_before: Option<f64>,
    pub phase_after: Phase,
    pub stability_after: f64,
    pub difficulty_after: f64,
    pub due_after_ms: i64,
    pub fuzz: Option<f64>,
}

fn row_to_log(r: &Row<'_>) -> rusqlite::Result<LogRow> {
    Ok(LogRow {
        id: r.get(0)?,
        card_id: r.get(1)?,
        reviewed_at_ms: r.get(2)?,
        rating: Rating::from_number(r.get(3)?).unwrap_or(Rating::Good),
        duration_ms: r.get(4)?,
        elapsed_days: r.get(5)?,
        phase_before: Phase::from_db(&r.get::<_, String>(6)?),
        stability_before: r.get(7)?,
        difficulty_before: r.get(8)?,
        phase_after: Phase::from_db(&r.get::<_, String>(9)?),
        stability_after: r.get(10)?,
        difficulty_after: r.get(11)?,
        due_after_ms: r.get(12)?,
        fuzz: r.get(13)?,
    })
}

/// The answers of one card, oldest first.
pub(crate) fn reviews_of_card(conn: &Connection, card_id: &CardId) -> Result<Vec<LogRow>> {
    let sql = concat!(
        include_str!("select_reviews.sql"),
        include_str!("reviews_of_card.sql")
    );
    Ok(conn
        .prepare_cached(sql)?
        .query_map([card_id], row_to_log)?
        .collect::<rusqlite::Result<_>>()?)
}

/// Every answer as the optimizer reads it, grouped by card and in order within a card.
pub(crate) fn training_rows(conn: &Connection) -> Result<Vec<TrainingRow>> {
    let mut stmt = conn.prepare_cached(include_str!("training_rows.sql"))?;
    let rows = stmt
        .query_map([], |r| {
            Ok(TrainingRow {
                card_id: r.get(0)?,
                reviewed_at_ms: r.get(1)?,
                rating: r.get(2)?,
                elapsed_days: r.get(3)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// (new cards introduced, review-phase answers, all answers) since `since_ms`.
pub(crate) fn answered_since(conn: &Connection, since_ms: i64) -> Result<(u32, u32, u32)> {
    Ok(conn
        .prepare_cached(include_str!("answered_since.sql"))?
        .query_row([since_ms], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?)
}

/// Answers since `since_ms`, for the end-of-session summary; the share recalled
/// (`retention`) is left for `schedule` to work out.
pub(crate) fn summary_since(conn: &Connection, since_ms: i64) -> Result<ReviewSummary> {
    Ok(conn
        .prepare_cached(include_str!("summary_since.sql"))?
        .query_row([since_ms], |r| {
            Ok(ReviewSummary {
                answered: r.get(0)?,
                again: r.get(1)?,
                hard: r.get(2)?,
                good: r.get(3)?,
                easy: r.get(4)?,
                new_cards: r.get(5)?,
                reviews: r.get(6)?,
                reviews_recalled: r.get(7)?,
                retention: None,
                duration_ms: r.get::<_, i64>(8)? as f64,
            })
        })?)
}

/// One step of the undo stack.
pub(crate) struct UndoStep {
    pub id: i64,
    pub action: ReviewAction,
    pub card_id: CardId,
    pub review_id: Option<ReviewId>,
    pub before: StoredState,
    pub was_suspended: bool,
}

/// A step about to be pushed.
pub(crate) struct NewUndo<'a> {
    pub action: ReviewAction,
    pub card_id: &'a CardId,
    pub review_id: Option<ReviewId>,
    pub before: &'a StoredState,
    pub was_suspended: bool,
}

/// Pushes a step, keeping only the newest `keep`.
pub(crate) fn push_undo(
    tx: &Transaction<'_>,
    step: &NewUndo<'_>,
    now_ms: i64,
    keep: u32,
) -> Result<()> {
    let NewUndo {
        action,
        card_id,
        review_id,
        before,
        was_suspended,
    } = *step;
    let state_json = serde_json::to_string(before).expect("states serialize");
    tx.prepare_cached(include_str!("push_undo.sql"))?
        .execute(named_params! {
            ":action": action.as_str(),
            ":card_id": card_id,
            ":review_id": review_id,
            ":state_json": state_json,
            ":was_suspended": was_suspended,
            ":now_ms": now_ms,
        })?;
    tx.prepare_cached(include_str!("trim_undo.sql"))?
        .execute([i64::from(keep)])?;
    Ok(())
}

/// The newest undo step, if any. A step whose saved state cannot be read is skipped over
/// by returning it with the card's current state left alone (`before` = `None`).
pub(crate) fn last_undo(conn: &Connection) -> Result<Option<(UndoStep, bool)>> {
    let raw = conn
        .prepare_cached(include_str!("last_undo.sql"))?
        .query_row([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, CardId>(2)?,
                r.get::<_, Option<ReviewId>>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, bool>(5)?,
            ))
        })
        .optional()?;
    Ok(
        raw.map(|(id, action, card_id, review_id, json, was_suspended)| {
            let parsed: Option<StoredState> = serde_json::from_str(&json).ok();
            let is_readable = parsed.is_some();
            (
                UndoStep {
                    id,
                    action: ReviewAction::from_db(&action),
                    card_id,
                    review_id,
                    before: parsed.unwrap_or(StoredState {
                        state: SchedState::new_card(),
                        buried_day: None,
                    }),
                    was_suspended,
                },
                is_readable,
            )
        }),
    )
}

pub(crate) fn delete_undo(tx: &Transaction<'_>, id: i64) -> Result<()> {
    tx.prepare_cached(include_str!("delete_undo.sql"))?
        .execute([id])?;
    Ok(())
}

pub(crate) fn count_undo(conn: &Connection) -> Result<u32> {
    Ok(conn
        .prepare_cached(include_str!("count_undo.sql"))?
        .query_row([], |r| r.get(0))?)
}

pub(crate) fn delete_review(tx: &Transaction<'_>, id: ReviewId) -> Result<()> {
    tx.prepare_cached(include_str!("delete_review.sql"))?
        .execute([id])?;
    Ok(())
}

pub(crate) fn bury(tx: &Transaction<'_>, card_id: &CardId, day: i64) -> Result<()> {
    tx.prepare_cached(include_str!("bury_card.sql"))?
        .execute(params![card_id, day])?;
    Ok(())
}

/// The section a card came from, for "open in notes".
pub(crate) fn section_of_card(conn: &Connection, card_id: &CardId) -> Result<Option<SectionId>> {
    Ok(conn
        .prepare_cached(include_str!("section_of_card.sql"))?
        .query_row([card_id], |r| r.get(0))
        .optional()?)
}

/// The queues a card can be taken from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Queue {
    /// (Re)learning cards due by `until`.
    Learning,
    /// Review cards due by `until`.
    Review,
    /// New cards.
    New,
    /// Graduated cards due by `due_until`, last answered before `until`, lowest
    /// retrievability first.
    Weakest { due_until: i64 },
}

/// Which cards a queue query may return.
#[derive(Debug, Clone)]
pub(crate) struct Filter {
    pub today: i64,
    pub exam: Option<String>,
    pub topic: Option<String>,
    pub document_id: Option<DocumentId>,
}

impl Queue {
    fn head(self) -> &'static str {
        match self {
            Queue::Learning => include_str!("learning_cards.sql"),
            Queue::Review => include_str!("review_cards.sql"),
            Queue::New => include_str!("new_cards.sql"),
            Queue::Weakest { .. } => include_str!("weakest_cards.sql"),
        }
    }

    fn order(self) -> &'static str {
        match self {
            // Ties broken by rowid, which the due index holds, so no sort is needed.
            Queue::Learning | Queue::Review => "ORDER BY s.due_at_ms, s.rowid",
            // New cards are introduced in turns across sections: the first card of every
            // section, then the second of every section, and so on; within a turn sections
            // follow their key (a content hash, so the order is stable and mixes documents).
            Queue::New => include_str!("new_cards_order.sql"),
            Queue::Weakest { .. } => {
                "ORDER BY (:now - s.last_review_at_ms) / s.stability DESC, s.rowid"
            }
        }
    }
}

/// The statement of a queue for a filter: a head and order from the files beside this one
/// and only the filter fragments in use, so rows are not tested against unused conditions.
/// Everything spliced is a constant; values are bound by `bind`.
fn queue_sql(queue: Queue, filter: &Filter, count: bool) -> String {
    let mut sql = String::new();
    if count {
        sql.push_str("SELECT count(*) FROM (\n");
    }
    sql.push_str("SELECT s.card_id\nFROM card_states s\n");
    // `card_states` mirrors the card's status; `cards` is read only for a scope's tags or
    // document.
    let is_interleaved = queue == Queue::New && !count;
    if is_interleaved
        || filter.exam.is_some()
        || filter.topic.is_some()
        || filter.document_id.is_some()
    {
        sql.push_str("JOIN cards c ON c.id = s.card_id\n");
    }
    sql.push_str(queue.head());
    sql.push_str(include_str!("scope_base.sql"));
    if filter.exam.is_some() {
        sql.push_str(include_str!("scope_exam.sql"));
    }
    if filter.topic.is_some() {
        sql.push_str(include_str!("scope_topic.sql"));
    }
    if filter.document_id.is_some() {
        sql.push_str(include_str!("scope_document.sql"));
    }
    if !count {
        sql.push_str(queue.order());
    }
    sql.push_str("\nLIMIT :limit");
    if count {
        sql.push(')');
    }
    sql
}

/// Runs `f` with the named parameters the statement of `queue` and `filter` uses.
fn with_params<T>(
    queue: Queue,
    filter: &Filter,
    until_ms: i64,
    now_ms: i64,
    limit: i64,
    count: bool,
    f: impl FnOnce(&[(&str, &dyn rusqlite::ToSql)]) -> rusqlite::Result<T>,
) -> rusqlite::Result<T> {
    let exam_quoted = filter.exam.as_ref().map(|e| format!("\"{e}\""));
    let mut params: Vec<(&str, &dyn rusqlite::ToSql)> = vec![
        (":until", &until_ms),
        (":today", &filter.today),
        (":limit", &limit),
    ];
    if let (Some(exam), Some(quoted)) = (&filter.exam, &exam_quoted) {
        params.push((":exam", exam));
        params.push((":exam_quoted", quoted));
    }
    if let Some(topic) = &filter.topic {
        params.push((":topic", topic));
    }
    if let Some(document_id) = &filter.document_id {
        params.push((":document_id", document_id));
    }
    let due_until;
    if let Queue::Weakest { due_until: d } = queue {
        due_until = d;
        params.push((":due_until", &due_until));
        if !count {
            params.push((":now", &now_ms));
        }
    }
    f(&params)
}

/// Up to `limit` card ids of a queue, in the order they are shown.
pub(crate) fn queue_ids(
    conn: &Connection,
    queue: Queue,
    filter: &Filter,
    until_ms: i64,
    now_ms: i64,
    limit: u32,
) -> Result<Vec<CardId>> {
    let mut stmt = conn.prepare_cached(&queue_sql(queue, filter, false))?;
    let ids = with_params(
        queue,
        filter,
        until_ms,
        now_ms,
        i64::from(limit),
        false,
        |params| {
            stmt.query_map(params, |r| r.get(0))?
                .collect::<rusqlite::Result<Vec<CardId>>>()
        },
    )?;
    Ok(ids)
}

/// How many cards a queue holds, counting at most `cap`.
pub(crate) fn queue_count(
    conn: &Connection,
    queue: Queue,
    filter: &Filter,
    until_ms: i64,
    cap: u32,
) -> Result<u32> {
    let mut stmt = conn.prepare_cached(&queue_sql(queue, filter, true))?;
    let count = with_params(queue, filter, until_ms, 0, i64::from(cap), true, |params| {
        stmt.query_row(params, |r| r.get(0))
    })?;
    Ok(count)
}

/// The earliest due time of a (re)learning card in the filter before `until_ms`.
pub(crate) fn next_learning_due(
    conn: &Connection,
    filter: &Filter,
    until_ms: i64,
) -> Result<Option<i64>> {
    let inner = queue_sql(Queue::Learning, filter, false);
    let sql = format!("SELECT min(due_at_ms) FROM card_states WHERE card_id IN ({inner})");
    let mut stmt = conn.prepare_cached(&sql)?;
    let due = with_params(Queue::Learning, filter, until_ms, 0, -1, false, |params| {
        stmt.query_row(params, |r| r.get(0))
    })?;
    Ok(due)
}

#[cfg(test)]
mod tests {
    use rusqlite::Connection;

    use super::super::migrations::{MIGRATIONS, apply, user_version};

    #[test]
    fn upgrading_gives_every_card_a_new_state_in_import_order_that_follows_its_status() {
        let mut conn = Connection::open_in_memory().unwrap();
        for m in MIGRATIONS.iter().take_while(|m| m.version < 4) {
            conn.execute_batch(m.sql).unwrap();
            conn.pragma_update(None, "user_version", m.version).unwrap();
        }
        let insert_card = "INSERT INTO cards (id, section_key, generator, kind, prompt, answer,
                               created_at_ms, updated_at_ms)
                           VALUES (?1, 'k', 'explicit', 'basic', 'q', 'a', 0, 0)";
        for id in ["zz", "aa"] {
            conn.execute(insert_card, [id]).unwrap();
        }
        apply(&mut conn).unwrap();
        assert!(user_version(&conn).unwrap() >= 4);
        conn.execute(insert_card, ["mm"]).unwrap();
        let states: Vec<(String, String)> = conn
            .prepare("SELECT card_id, phase FROM card_states ORDER BY rowid")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .map(|r| r.unwrap())
            .collect();
        let expected: Vec<(String, String)> = ["zz", "aa", "mm"]
            .iter()
            .map(|id| (id.to_string(), "new".to_string()))
            .collect();
        assert_eq!(states, expected);
        // The state rows follow the cards' status.
        conn.execute("UPDATE cards SET status = 'suspended' WHERE id = 'aa'", [])
            .unwrap();
        let active: Vec<i64> = conn
            .prepare("SELECT is_active FROM card_states ORDER BY rowid")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .map(|r| r.unwrap())
            .collect();
        assert_eq!(active, vec![1, 0, 1]);
    }
}
