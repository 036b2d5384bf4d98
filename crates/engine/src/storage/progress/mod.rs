//! Reads for progress: cards with their tags and state, recent review answers, and answer
//! totals per quarter hour. Read only; tag sets are interned so that a section's cards
//! share one parsed copy.

use std::collections::HashMap;

use rusqlite::{Connection, named_params};

use crate::error::Result;
use crate::model::SectionTags;

/// Length of a bucket of [`review_buckets`], in milliseconds.
pub(crate) const BUCKET_MS: i64 = 900_000;

/// Distinct `tags_json` values, each parsed once.
#[derive(Debug, Default)]
pub(crate) struct TagInterner {
    index: HashMap<String, u32>,
    pub sets: Vec<SectionTags>,
}

impl TagInterner {
    fn intern(&mut self, json: &str) -> u32 {
        if let Some(i) = self.index.get(json) {
            return *i;
        }
        let i = self.sets.len() as u32;
        self.sets
            .push(serde_json::from_str(json).unwrap_or_default());
        self.index.insert(json.to_string(), i);
        i
    }
}

/// One active card's row.
#[derive(Debug, Clone, Copy)]
pub(crate) struct CardRow {
    pub tags: u32,
    pub is_new: bool,
    pub is_review: bool,
    pub interval_days: u32,
    pub stability: Option<f64>,
    pub last_review_at_ms: Option<i64>,
    pub due_at_ms: i64,
}

/// The tag set of every active card, by card id. Cards and their states (and answers) are
/// matched in this map rather than by a join: one lookup per row in an index of text keys
/// cost more than half of the progress figures on a large library (BENCHMARKS.md).
pub(crate) fn active_card_tags(
    conn: &Connection,
    tags: &mut TagInterner,
) -> Result<HashMap<String, u32>> {
    let mut stmt = conn.prepare_cached(include_str!("active_card_tags.sql"))?;
    let mut rows = stmt.query([])?;
    let mut out = HashMap::new();
    while let Some(r) = rows.next()? {
        let tag_set = tags.intern(r.get_ref(1)?.as_str().map_err(rusqlite::Error::from)?);
        out.insert(r.get(0)?, tag_set);
    }
    Ok(out)
}

/// Every active card's scheduling state, with its tag set from `card_tags`.
pub(crate) fn card_rows(
    conn: &Connection,
    card_tags: &HashMap<String, u32>,
) -> Result<Vec<CardRow>> {
    let mut stmt = conn.prepare_cached(include_str!("card_facts.sql"))?;
    let mut rows = stmt.query([])?;
    let mut out = Vec::with_capacity(card_tags.len());
    while let Some(r) = rows.next()? {
        let id = r.get_ref(0)?.as_str().map_err(rusqlite::Error::from)?;
        let Some(&tags) = card_tags.get(id) else {
            continue;
        };
        let phase = r.get_ref(1)?.as_str().map_err(rusqlite::Error::from)?;
        out.push(CardRow {
            tags,
            is_new: phase == "new",
            is_review: phase == "review",
            interval_days: r.get(2)?,
            stability: r.get(3)?,
            last_review_at_ms: r.get(4)?,
            due_at_ms: r.get(5)?,
        });
    }
    Ok(out)
}

/// Answers to review-phase cards since `since_ms`: the card's tag set and the rating (1–4).
/// Answers to cards that are no longer active are left out.
pub(crate) fn recent_reviews(
    conn: &Connection,
    since_ms: i64,
    card_tags: &HashMap<String, u32>,
) -> Result<Vec<(u32, i64)>> {
    let mut stmt = conn.prepare_cached(include_str!("recent_reviews.sql"))?;
    let mut rows = stmt.query(named_params! { ":since_ms": since_ms })?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let id = r.get_ref(0)?.as_str().map_err(rusqlite::Error::from)?;
        if let Some(&tags) = card_tags.get(id) {
            out.push((tags, r.get(1)?));
        }
    }
    Ok(out)
}

/// Answers and their time per quarter hour, in time order: (bucket number, answers,
/// duration in ms). Time zones and the rollover hour fall on quarter hours, so each bucket
/// belongs to exactly one study day. The totals are kept by triggers on `review_log`.
pub(crate) fn review_buckets(conn: &Connection) -> Result<Vec<(i64, u32, f64)>> {
    let mut stmt = conn.prepare_cached(include_str!("review_buckets.sql"))?;
    let rows = stmt.query_map([], |r| {
        Ok((r.get(0)?, r.get(1)?, r.get::<_, i64>(2)? as f64))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
