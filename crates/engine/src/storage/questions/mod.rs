//! Storage of questions: writing a document's questions (inside its import transaction)
//! and reading them for lists, exams and reports. Question rows are never deleted; one that
//! leaves its note is marked inactive and keeps its place in past attempts.

use std::collections::HashSet;

use rusqlite::{Connection, OptionalExtension, Row, Transaction, named_params, params};

use crate::error::Result;
use crate::ids::{DocumentId, SectionId};
use crate::model::{
    Lang, Question, QuestionExam, QuestionId, QuestionOption, QuestionRow, QuestionSource,
};

/// Makes the stored questions of `document_id` equal to `rows`: known ids updated, new ones
/// inserted, and active questions missing from `rows` made inactive. A question that already
/// has a card gets it refreshed, tagged with the domains `domain_tags` names for its exams.
pub(crate) fn write_document_questions(
    tx: &Transaction<'_>,
    document_id: DocumentId,
    rows: &[QuestionRow],
    domain_tags: fn(&[QuestionExam]) -> Vec<String>,
    now_ms: i64,
) -> Result<()> {
    let mut upsert = tx.prepare_cached(include_str!("upsert_question.sql"))?;
    let mut clear_exams = tx.prepare_cached("DELETE FROM question_exams WHERE question_id = ?1")?;
    let mut add_exam = tx.prepare_cached(
        "INSERT INTO question_exams (question_id, exam, domain, topic, option_count)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for (position, row) in rows.iter().enumerate() {
        let q = &row.question;
        let heading_path = serde_json::to_string(&q.heading_path).expect("strings serialize");
        let options = serde_json::to_string(&q.options).expect("options serialize");
        upsert.execute(named_params! {
            ":id": q.id,
            ":document_id": document_id,
            ":section_key": row.section_key,
            ":heading_key": row.heading_key,
            ":heading_path": heading_path,
            ":lang": row.lang.as_str(),
            ":source_line": q.line,
            ":position": position as i64,
            ":stem": q.stem,
            ":choose": q.choose,
            ":option_count": q.options.len() as i64,
            ":options": options,
            ":explanation": q.explanation,
            ":topic": q.topic,
            ":source_path": q.source.as_ref().map(|s| s.path.as_str()),
            ":source_anchor": q.source.as_ref().map(|s| s.anchor.as_str()),
            ":is_new": q.is_new,
            ":now_ms": now_ms,
        })?;
        clear_exams.execute([&q.id])?;
        for e in &q.exams {
            add_exam.execute(params![
                q.id,
                e.exam,
                e.domain,
                q.topic,
                q.options.len() as i64
            ])?;
        }
    }
    let kept: HashSet<&QuestionId> = rows.iter().map(|r| &r.question.id).collect();
    let live: Vec<QuestionId> = tx
        .prepare_cached("SELECT id FROM questions WHERE document_id = ?1 AND is_active = 1")?
        .query_map([document_id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut retire =
        tx.prepare_cached("UPDATE questions SET is_active = 0, updated_at_ms = ?2 WHERE id = ?1")?;
    let mut retire_card = tx.prepare_cached(
        "UPDATE cards SET status = 'retired', updated_at_ms = ?2 WHERE id = ?1 AND status != 'retired'",
    )?;
    for id in live.iter().filter(|id| !kept.contains(id)) {
        retire.execute(params![id, now_ms])?;
        retire_card.execute(params![super::cards::question_card_id(id), now_ms])?;
    }
    // Questions that already have a card (missed in an exam): the card follows the text.
    let mut has_card = tx.prepare_cached("SELECT 1 FROM cards WHERE id = ?1")?;
    for row in rows {
        let card = super::cards::question_card_id(&row.question.id);
        if has_card.exists([&card])?
            && let Some(question) = get_question(tx, &row.question.id)?
        {
            let domains = domain_tags(&question.exams);
            super::cards::upsert_question_card(tx, &question, domains, now_ms)?;
        }
    }
    Ok(())
}

pub(crate) fn row_to_question(r: &Row<'_>) -> rusqlite::Result<Question> {
    let json = |i: usize| -> rusqlite::Result<String> { r.get(i) };
    let heading_path: Vec<String> = serde_json::from_str(&json(3)?).unwrap_or_default();
    let options: Vec<QuestionOption> = serde_json::from_str(&json(8)?).unwrap_or_default();
    let exams: Vec<(String, u32)> = serde_json::from_str(&json(15)?).unwrap_or_default();
    let mut exams: Vec<QuestionExam> = exams
        .into_iter()
        .map(|(exam, domain)| QuestionExam { exam, domain })
        .collect();
    exams.sort();
    let source_path: Option<String> = r.get(11)?;
    let source_anchor: Option<String> = r.get(12)?;
    Ok(Question {
        id: r.get(0)?,
        document_id: r.get(1)?,
        document_title: r.get(2)?,
        heading_path,
        lang: Lang::from_code(&r.get::<_, String>(4)?),
        line: r.get(5)?,
        stem: r.get(6)?,
        choose: r.get(7)?,
        options,
        explanation: r.get(9)?,
        exams,
        topic: r.get(10)?,
        source: source_path
            .zip(source_anchor)
            .map(|(path, anchor)| QuestionSource { path, anchor }),
        is_new: r.get(13)?,
        is_active: r.get(14)?,
    })
}

/// One question by id, active or not.
pub(crate) fn get_question(conn: &Connection, id: &QuestionId) -> Result<Option<Question>> {
    let sql = concat!(include_str!("select_questions.sql"), "WHERE q.id = ?1");
    Ok(conn
        .prepare_cached(sql)?
        .query_row([id], row_to_question)
        .optional()?)
}

/// Active questions, built-in course first, then by document and note order. `exam` must
/// already be normalized; `topic` is compared without case.
pub(crate) fn list_questions(
    conn: &Connection,
    exam: Option<&str>,
    domain: Option<u32>,
    topic: Option<&str>,
    lang: Option<&str>,
    limit: Option<u32>,
) -> Result<Vec<Question>> {
    let sql = concat!(
        include_str!("select_questions.sql"),
        include_str!("list_questions.sql")
    );
    let topic = topic.map(|t| t.trim().to_lowercase());
    let rows = conn
        .prepare_cached(sql)?
        .query_map(
            named_params! {
                ":exam": exam,
                ":domain": domain,
                ":topic": topic,
                ":lang": lang,
                ":limit": limit.map_or(-1, i64::from),
            },
            row_to_question,
        )?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// The sections of the document stored under `path`, in order, with their heading paths.
pub(crate) fn sections_of_path(
    conn: &Connection,
    path: &str,
) -> Result<Vec<(SectionId, Vec<String>)>> {
    let rows = conn
        .prepare_cached(include_str!("sections_of_path.sql"))?
        .query_map([path], |r| {
            let path: String = r.get(1)?;
            Ok((r.get(0)?, serde_json::from_str(&path).unwrap_or_default()))
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// What a draw needs of each active question of `exam` (short code): (id, domain, number of
/// options), without reading texts. Optionally one domain, one topic (without case).
pub(crate) fn draw_candidates(
    conn: &Connection,
    exam: &str,
    domain: Option<u32>,
    topic: Option<&str>,
) -> Result<Vec<(QuestionId, u32, u32)>> {
    let topic = topic.map(|t| t.trim().to_lowercase());
    let rows = conn
        .prepare_cached(
            "SELECT question_id, domain, option_count FROM question_exams
             WHERE exam = :exam AND is_active = 1
               AND (:domain IS NULL OR domain = :domain)
               AND (:topic IS NULL OR lower(topic) = :topic)",
        )?
        .query_map(
            named_params! { ":exam": exam, ":domain": domain, ":topic": topic },
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}
