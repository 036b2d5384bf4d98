//! Storage side of the card browser: one filtered, ordered, paged read over cards, their
//! scheduling state, the user's edits and their documents, and its count. The ORDER BY is
//! picked from `CardSort`; every value is a bound parameter.

use rusqlite::{Connection, Row, ToSql};

use super::json_or_default;
use crate::error::Result;
use crate::model::{
    BrowseFilter, CardId, CardKind, CardListItem, CardSort, CardState, CardStatus, SectionTags,
};

/// The named parameters of `browse_where.sql`, shared by the count and the page.
fn filter_params(filter: &BrowseFilter) -> Vec<(&'static str, &dyn ToSql)> {
    vec![
        (":today", &filter.today),
        (":exam", &filter.exam),
        (":topic", &filter.topic),
        (":document_id", &filter.document_id),
        (":states", &filter.states_json),
        (":due_before_ms", &filter.due_before_ms),
        (":min_lapses", &filter.min_lapses),
        (":text", &filter.text),
    ]
}

/// How many cards match `filter`.
pub(crate) fn count_browsed(conn: &Connection, filter: &BrowseFilter) -> Result<u32> {
    let sql = concat!(
        include_str!("browse_from.sql"),
        "SELECT count(*)\n",
        include_str!("browse_where.sql")
    );
    let total: i64 = conn
        .prepare_cached(sql)?
        .query_row(filter_params(filter).as_slice(), |r| r.get(0))?;
    Ok(u32::try_from(total).unwrap_or(u32::MAX))
}

/// The ORDER BY of a sort; ties fall back to document and note order, then id.
fn order_by(sort: CardSort, is_descending: bool) -> String {
    let dir = if is_descending { "DESC" } else { "ASC" };
    let keys = match sort {
        // New cards have no due time: they stay last whichever way the list runs.
        CardSort::Due => format!("(b.phase = 'new'), b.due_at_ms {dir}"),
        CardSort::Prompt => format!("b.prompt COLLATE NOCASE {dir}"),
        CardSort::Document => {
            format!("b.document_title COLLATE NOCASE {dir}, b.document_id {dir}, b.position {dir}")
        }
        CardSort::Lapses => format!("b.lapses {dir}"),
        CardSort::Interval => format!("b.interval_days {dir}, coalesce(b.stability, 0) {dir}"),
        CardSort::Created => format!("b.created_at_ms {dir}, b.card_rowid {dir}"),
    };
    format!("ORDER BY {keys}, b.document_path, b.position, b.id\n")
}

/// One page of the cards matching `filter`, in the order of `sort`.
pub(crate) fn browse_cards(
    conn: &Connection,
    filter: &BrowseFilter,
    sort: CardSort,
    is_descending: bool,
    offset: u32,
    limit: Option<u32>,
) -> Result<Vec<CardListItem>> {
    let sql = format!(
        "{}{}{}{}LIMIT :limit OFFSET :offset",
        include_str!("browse_from.sql"),
        include_str!("browse_columns.sql"),
        include_str!("browse_where.sql"),
        order_by(sort, is_descending),
    );
    let limit = limit.map_or(-1, i64::from);
    let offset = i64::from(offset);
    let mut params = filter_params(filter);
    params.extend([(":limit", &limit as &dyn ToSql), (":offset", &offset)]);
    let cards = conn
        .prepare_cached(&sql)?
        .query_map(params.as_slice(), row_to_item)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(cards)
}

fn rfc3339(ms: i64) -> String {
    chrono::DateTime::from_timestamp_millis(ms)
        .unwrap_or_default()
        .to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

fn row_to_item(r: &Row<'_>) -> rusqlite::Result<CardListItem> {
    let tags: SectionTags = json_or_default(r.get(8)?);
    let mut topics = tags.topics.clone();
    topics.extend(tags.services.iter().cloned());
    let phase: String = r.get(10)?;
    let due_at_ms: i64 = r.get(11)?;
    let count =
        |i: usize| -> rusqlite::Result<u32> { Ok(u32::try_from(r.get::<_, i64>(i)?).unwrap_or(0)) };
    Ok(CardListItem {
        id: r.get(0)?,
        kind: CardKind::from_db(&r.get::<_, String>(1)?),
        prompt: r.get(2)?,
        answer: r.get(3)?,
        document_id: r.get(4)?,
        document_title: r.get(5)?,
        section_id: r.get(6)?,
        heading_path: json_or_default(r.get(7)?),
        state: CardState::from_db(&r.get::<_, String>(9)?),
        due_at: (phase != "new").then(|| rfc3339(due_at_ms)),
        interval_days: count(12)?,
        stability_days: r.get(13)?,
        lapses: count(14)?,
        reps: count(15)?,
        is_suspended: r.get(16)?,
        exams: tags.exams,
        topics,
        created_at: rfc3339(r.get(17)?),
    })
}

/// A card's stored status; `None` when there is no such card.
pub(crate) fn card_status(conn: &Connection, id: &CardId) -> Result<Option<CardStatus>> {
    use rusqlite::OptionalExtension;
    let status: Option<String> = conn
        .prepare_cached(include_str!("card_status.sql"))?
        .query_row([id], |r| r.get(0))
        .optional()?;
    Ok(status.as_deref().map(CardStatus::from_db))
}
