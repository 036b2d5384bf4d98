//! Reads for progress: cards with their tags and state, recent review answers, and answer
//! totals per quarter hour. Read only; tag sets are interned so that a section's cards
//! share one parsed copy.

use std::collections::HashMap;

use rusqlite::{Connection, named_params};

use crate::error::Result;
use crate::import::SectionTags;

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

/// Every active card.
pub(crate) fn card_rows(conn: &Connection, tags: &mut TagInterner) -> Result<Vec<CardRow>> {
    let mut stmt = conn.prepare_cached(include_str!("card_facts.sql"))?;
    let mut rows = stmt.query([])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let phase = r.get_ref(1)?.as_str().map_err(rusqlite::Error::from)?;
        out.push(CardRow {
            tags: tags.intern(r.get_ref(0)?.as_str().map_err(rusqlite::Error::from)?),
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
pub(crate) fn recent_reviews(
    conn: &Connection,
    since_ms: i64,
    tags: &mut TagInterner,
) -> Result<Vec<(u32, i64)>> {
    let mut stmt = conn.prepare_cached(include_str!("recent_reviews.sql"))?;
    let mut rows = stmt.query(named_params! { ":since_ms": since_ms })?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        out.push((
            tags.intern(r.get_ref(0)?.as_str().map_err(rusqlite::Error::from)?),
            r.get(1)?,
        ));
    }
    Ok(out)
}

/// Answers and their time per quarter hour, in time order: (bucket number, answers,
/// duration in ms). Time zones and the rollover hour fall on quarter hours, so each bucket
/// belongs to exactly one study day.
pub(crate) fn review_buckets(conn: &Connection) -> Result<Vec<(i64, u32, f64)>> {
    let mut stmt = conn.prepare_cached(include_str!("review_buckets.sql"))?;
    let mut rows = stmt.query([])?;
    let mut buckets: HashMap<i64, (u32, f64)> = HashMap::new();
    while let Some(r) = rows.next()? {
        let at_ms: i64 = r.get(0)?;
        let duration_ms: i64 = r.get(1)?;
        let bucket = buckets.entry(at_ms.div_euclid(BUCKET_MS)).or_default();
        bucket.0 += 1;
        bucket.1 += duration_ms as f64;
    }
    let mut out: Vec<(i64, u32, f64)> = buckets.into_iter().map(|(b, (n, d))| (b, n, d)).collect();
    out.sort_unstable_by_key(|b| b.0);
    Ok(out)
}
