//! Storage of cards: writing a document's generated cards (inside the import transaction),
//! reading them for the section view and lists, suspension and user edits. Every value is a
//! bound parameter; card rows are never deleted.

mod browse;

use std::collections::HashSet;

use rusqlite::{Connection, OptionalExtension, Row, Transaction, named_params, params};

use crate::error::Result;
use crate::ids::{DocumentId, SectionId};
use crate::model::{
    Card, CardFilter, CardId, CardKind, CardRow, CardStatus, Generator, Lang, McqOption, Question,
    QuestionId, SectionTags, StaleWarning,
};

pub(crate) use browse::{browse_cards, card_status, count_browsed};

/// What `extra_json` holds: everything the reviewer needs beyond prompt and answer.
#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
struct Extra {
    options: Vec<McqOption>,
    explanation: Option<String>,
    is_new: bool,
    stale: Vec<StaleWarning>,
}

/// `Extra` as it is written, borrowing the card's options.
#[derive(serde::Serialize)]
struct ExtraRef<'a> {
    options: &'a [McqOption],
    #[serde(skip_serializing_if = "Option::is_none")]
    explanation: Option<&'a str>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    is_new: bool,
    #[serde(skip_serializing_if = "<[StaleWarning]>::is_empty")]
    stale: &'a [StaleWarning],
}

/// Parameters of one card in `upsert_card.sql`.
const CARD_COLUMNS: usize = 18;
/// Cards per multi-row upsert: few statements, well under SQLite's limit of bound parameters.
const UPSERT_BATCH_ROWS: usize = 128;

/// The upsert of `rows` cards.
fn upsert_cards_sql(rows: usize) -> String {
    let tuple = format!("({})", vec!["?"; CARD_COLUMNS].join(", "));
    let tuples = vec![tuple; rows].join(",\n");
    include_str!("upsert_card.sql").replace("\nrows\n", &format!("\n{tuples}\n"))
}

/// Makes the stored cards of `document_id` equal to `rows`: known ids are updated (and
/// un-retired), new ids inserted, and live cards missing from `rows` retired. Returns
/// (written, retired).
pub(crate) fn write_document_cards(
    tx: &Transaction<'_>,
    document_id: DocumentId,
    rows: &[CardRow],
    now_ms: i64,
) -> Result<(u32, u32)> {
    for (n, batch) in rows.chunks(UPSERT_BATCH_ROWS).enumerate() {
        let sql = upsert_cards_sql(batch.len());
        let first_position = n * UPSERT_BATCH_ROWS;
        // Full batches share one cached statement; a document's last, shorter one is prepared
        // on its own rather than filling the cache with every length.
        if batch.len() == UPSERT_BATCH_ROWS {
            upsert_batch(
                &mut *tx.prepare_cached(&sql)?,
                document_id,
                batch,
                first_position,
                now_ms,
            )?;
        } else {
            upsert_batch(
                &mut tx.prepare(&sql)?,
                document_id,
                batch,
                first_position,
                now_ms,
            )?;
        }
    }
    let kept: HashSet<&CardId> = rows.iter().map(|r| &r.card.id).collect();
    let live: Vec<CardId> = tx
        .prepare_cached(include_str!("live_card_ids.sql"))?
        .query_map([document_id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut retire = tx.prepare_cached(include_str!("retire_card.sql"))?;
    let mut retired = 0;
    for id in live.iter().filter(|id| !kept.contains(id)) {
        retire.execute(params![id, now_ms])?;
        retired += 1;
    }
    Ok((rows.len() as u32, retired))
}

/// Binds and runs one multi-row upsert of `batch`, whose first card is at `first_position`.
fn upsert_batch(
    stmt: &mut rusqlite::Statement<'_>,
    document_id: DocumentId,
    batch: &[CardRow],
    first_position: usize,
    now_ms: i64,
) -> Result<()> {
    let mut index = 1;
    for (i, r) in batch.iter().enumerate() {
        let c = &r.card;
        let extra = serde_json::to_string(&ExtraRef {
            options: &c.options,
            explanation: None,
            is_new: c.is_new,
            stale: &c.stale,
        })
        .expect("options serialize");
        // A card stating an outdated fact starts suspended; the learner may unsuspend it.
        let is_stale = !c.stale.is_empty();
        let status = if is_stale { "suspended" } else { "active" };
        let heading_path = serde_json::to_string(&c.heading_path).expect("strings serialize");
        let tags_json = serde_json::to_string(&r.tags).expect("tags serialize");
        let position = (first_position + i) as i64;
        let values: [&dyn rusqlite::ToSql; CARD_COLUMNS] = [
            &c.id,
            &document_id,
            &r.section_key,
            &r.heading_key,
            &heading_path,
            &c.generator.as_str(),
            &c.kind.as_str(),
            &c.prompt,
            &c.answer,
            &extra,
            &tags_json,
            &r.lang.as_str(),
            &c.line,
            &position,
            &status,
            &is_stale,
            &now_ms,
            &now_ms,
        ];
        for value in values {
            stmt.raw_bind_parameter(index, value)?;
            index += 1;
        }
    }
    stmt.raw_execute()?;
    Ok(())
}

fn json_or_default<T: serde::de::DeserializeOwned + Default>(s: String) -> T {
    serde_json::from_str(&s).unwrap_or_default()
}

fn row_to_card(r: &Row<'_>) -> rusqlite::Result<Card> {
    let heading_path: Vec<String> = json_or_default(r.get(3)?);
    let tags: SectionTags = json_or_default(r.get(4)?);
    let extra: Extra = json_or_default(r.get(9)?);
    let generated_prompt: String = r.get(7)?;
    let generated_answer: String = r.get(8)?;
    let edited_prompt: Option<String> = r.get(13)?;
    let edited_answer: Option<String> = r.get(14)?;
    let is_edited = edited_prompt.is_some() || edited_answer.is_some();
    let mut topics = tags.topics.clone();
    topics.extend(tags.services.iter().cloned());
    Ok(Card {
        id: r.get(0)?,
        document_id: r.get(1)?,
        section_key: r.get(2)?,
        heading_path,
        exams: tags.exams,
        topics,
        generator: Generator::from_db(&r.get::<_, String>(5)?),
        kind: CardKind::from_db(&r.get::<_, String>(6)?),
        prompt: edited_prompt.unwrap_or_else(|| generated_prompt.clone()),
        answer: edited_answer.unwrap_or_else(|| generated_answer.clone()),
        options: extra.options,
        lang: Lang::from_code(&r.get::<_, String>(10)?),
        source_line: r.get(11)?,
        explanation: extra.explanation,
        is_new: extra.is_new,
        stale: extra.stale,
        status: CardStatus::from_db(&r.get::<_, String>(12)?),
        is_edited,
        generated_prompt: is_edited.then_some(generated_prompt),
        generated_answer: is_edited.then_some(generated_answer),
    })
}

/// One card by id.
pub(crate) fn get_card(conn: &Connection, id: &CardId) -> Result<Option<Card>> {
    let sql = concat!(
        include_str!("select_cards.sql"),
        include_str!("get_card.sql")
    );
    Ok(conn
        .prepare_cached(sql)?
        .query_row([id], row_to_card)
        .optional()?)
}

/// The live (active or suspended) cards of a section, in note order; `None` if the section
/// does not exist.
pub(crate) fn cards_of_section(conn: &Connection, section: SectionId) -> Result<Option<Vec<Card>>> {
    let identity: Option<(DocumentId, String)> = conn
        .prepare_cached(include_str!("section_identity.sql"))?
        .query_row([section], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    let Some((document_id, heading_key)) = identity else {
        return Ok(None);
    };
    let sql = concat!(
        include_str!("select_cards.sql"),
        include_str!("cards_of_section.sql")
    );
    let cards = conn
        .prepare_cached(sql)?
        .query_map(params![document_id, heading_key], row_to_card)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(Some(cards))
}

/// Cards matching `filter`, built-in course first, then by document and note order.
/// `exam` must already be normalized.
pub(crate) fn list_cards(
    conn: &Connection,
    filter: &CardFilter,
    exam: Option<&str>,
) -> Result<Vec<Card>> {
    let sql = concat!(
        include_str!("select_cards.sql"),
        include_str!("list_cards.sql")
    );
    let topic = filter.topic.as_ref().map(|t| t.trim().to_lowercase());
    let limit = filter.limit.map_or(-1, i64::from);
    let cards = conn
        .prepare_cached(sql)?
        .query_map(
            named_params! {
                ":exam": exam,
                ":topic": topic,
                ":document_id": filter.document_id,
                ":include_suspended": filter.include_suspended,
                ":include_retired": filter.include_retired,
                ":limit": limit,
            },
            row_to_card,
        )?
        .collect::<rusqlite::Result<_>>()?;
    Ok(cards)
}

/// Sets the user's suspension of a card. Returns false if there is no such card.
pub(crate) fn set_suspended(
    tx: &Transaction<'_>,
    id: &CardId,
    is_suspended: bool,
    now_ms: i64,
) -> Result<bool> {
    let changed = tx
        .prepare_cached(include_str!("set_suspended.sql"))?
        .execute(named_params! {
            ":id": id,
            ":is_suspended": is_suspended,
            ":now_ms": now_ms,
        })?;
    Ok(changed > 0)
}

/// Stores (or, with both sides `None`, removes) the user's edit of a card.
pub(crate) fn write_override(
    tx: &Transaction<'_>,
    id: &CardId,
    prompt: Option<&str>,
    answer: Option<&str>,
    now_ms: i64,
) -> Result<()> {
    if prompt.is_none() && answer.is_none() {
        tx.prepare_cached(include_str!("delete_override.sql"))?
            .execute([id])?;
    } else {
        tx.prepare_cached(include_str!("upsert_override.sql"))?
            .execute(named_params! {
                ":card_id": id,
                ":prompt": prompt,
                ":answer": answer,
                ":now_ms": now_ms,
            })?;
    }
    Ok(())
}

/// The card a question becomes once it is missed or flagged in a practice exam: one per
/// question, its id derived from the question's.
pub(crate) fn question_card_id(question: &QuestionId) -> CardId {
    let mut hasher = blake3::Hasher::new();
    hasher.update(b"stratus-question-card-1\0");
    hasher.update(question.0.as_bytes());
    CardId(hasher.finalize().to_hex()[..32].to_string())
}

/// Creates or refreshes the card of `question` (its text, options with explanations, exam
/// tags, and `domains`: the names of its exam-guide domains, which the caller looks up),
/// active unless the learner suspended it. Returns its id, or `None` when the question is no
/// longer in its note (no card is made or brought back for it).
pub(crate) fn upsert_question_card(
    tx: &Transaction<'_>,
    question: &Question,
    domains: Vec<String>,
    now_ms: i64,
) -> Result<Option<CardId>> {
    let id = question_card_id(&question.id);
    let options: Vec<McqOption> = question
        .options
        .iter()
        .map(|o| McqOption {
            text: o.text.clone(),
            is_correct: o.is_correct,
            explanation: Some(o.explanation.clone()),
        })
        .collect();
    let extra = serde_json::to_string(&ExtraRef {
        options: &options,
        explanation: Some(&question.explanation),
        is_new: question.is_new,
        stale: &[],
    })
    .expect("options serialize");
    let answer: Vec<&str> = question
        .options
        .iter()
        .filter(|o| o.is_correct)
        .map(|o| o.text.as_str())
        .collect();
    let mut tags = SectionTags {
        exams: question.exams.iter().map(|e| e.exam.clone()).collect(),
        topics: vec![question.topic.clone()],
        ..SectionTags::default()
    };
    tags.domains = domains;
    let tags_json = serde_json::to_string(&tags).expect("tags serialize");
    let written = tx
        .prepare_cached(include_str!("upsert_question_card.sql"))?
        .execute(named_params! {
            ":card_id": id,
            ":question_id": question.id,
            ":answer": answer.join(" / "),
            ":extra": extra,
            ":tags": tags_json,
            ":now_ms": now_ms,
        })?;
    Ok((written > 0).then_some(id))
}
