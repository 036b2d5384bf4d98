//! The `search_terms` table: every term of the FTS5 index with the number of sections holding
//! it. The import keeps it in step with the sections it writes and deletes, in the same
//! transaction; search completes query words from it and looks for spelling corrections in
//! it (docs/decisions/0007-prefix-completion.md).

use std::collections::{HashMap, HashSet};

use rusqlite::{Connection, Transaction};

use crate::error::Result;

/// Section counts per term over some sections, each term counted once per section.
#[derive(Debug, Default)]
pub(crate) struct TermCounts<'a> {
    counts: HashMap<&'a str, i64>,
    seen: HashSet<&'a str>,
}

impl<'a> TermCounts<'a> {
    /// Counts one section from its two search-term strings (space-separated terms, as
    /// written by `text::tokenize::index_terms`).
    pub fn add_section(&mut self, heading_terms: &'a str, body_terms: &'a str) {
        self.seen.clear();
        for term in heading_terms
            .split_whitespace()
            .chain(body_terms.split_whitespace())
        {
            if self.seen.insert(term) {
                *self.counts.entry(term).or_default() += 1;
            }
        }
    }

    /// The counts as a JSON object, in term order so that the table is written in key order.
    pub fn to_json(&self) -> String {
        serde_json::to_string(&self.counts).expect("a map of strings to numbers serializes")
    }

    fn is_empty(&self) -> bool {
        self.counts.is_empty()
    }
}

/// Adds the counted sections to the table.
pub(crate) fn add(tx: &Transaction<'_>, counts: &TermCounts<'_>) -> Result<()> {
    if !counts.is_empty() {
        add_json(tx, &counts.to_json())?;
    }
    Ok(())
}

/// Adds counts given as `TermCounts::to_json` wrote them.
pub(crate) fn add_json(tx: &Transaction<'_>, json: &str) -> Result<()> {
    tx.prepare_cached(include_str!("terms_add.sql"))?
        .execute([json])?;
    Ok(())
}

/// Takes the counted sections out of the table; terms left in no section are deleted.
pub(crate) fn remove(tx: &Transaction<'_>, counts: &TermCounts<'_>) -> Result<()> {
    if !counts.is_empty() {
        let json = counts.to_json();
        tx.prepare_cached(include_str!("terms_remove.sql"))?
            .execute([&json])?;
        tx.prepare_cached(include_str!("terms_prune.sql"))?
            .execute([&json])?;
    }
    Ok(())
}

/// Upper bound of the strings starting with `prefix` (U+10FFFF sorts after every other
/// character in SQLite's binary collation of UTF-8).
pub(crate) fn prefix_end(prefix: &str) -> String {
    format!("{prefix}\u{10FFFF}")
}

/// The indexed terms starting with a prefix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Completions {
    /// The most common ones, at most the limit asked for, in term order.
    pub terms: Vec<String>,
    /// Whether `terms` holds every completion.
    pub is_complete: bool,
    /// Sum of the section counts of every completion: the length of the row list FTS5
    /// would merge for the prefix.
    pub rows: i64,
}

/// The completions of `prefix` among the indexed terms: all of them when there are at most
/// `limit`, otherwise the `limit` held by the most sections.
pub(crate) fn completions(conn: &Connection, prefix: &str, limit: usize) -> Result<Completions> {
    let mut terms: Vec<(String, i64)> = conn
        .prepare_cached(include_str!("terms_with_prefix.sql"))?
        .query_map([prefix, &prefix_end(prefix)], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let rows = terms.iter().map(|(_, n)| n).sum();
    let is_complete = terms.len() <= limit;
    if !is_complete {
        terms.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        terms.truncate(limit);
        terms.sort_unstable();
    }
    Ok(Completions {
        terms: terms.into_iter().map(|(t, _)| t).collect(),
        is_complete,
        rows,
    })
}

/// Whether any indexed term starts with `prefix`.
pub(crate) fn has_prefix(conn: &Connection, prefix: &str) -> Result<bool> {
    Ok(conn
        .prepare_cached(include_str!("terms_has_prefix.sql"))?
        .query_row([prefix, &prefix_end(prefix)], |r| r.get(0))?)
}

/// Indexed terms starting with `first` whose length is within the bounds, with the number of
/// sections holding each.
pub(crate) fn spelling_candidates(
    conn: &Connection,
    first: char,
    min_len: usize,
    max_len: usize,
) -> Result<Vec<(String, i64)>> {
    let first = first.to_string();
    Ok(conn
        .prepare_cached(include_str!("terms_spelling_candidates.sql"))?
        .query_map(
            rusqlite::params![first, prefix_end(&first), min_len as i64, max_len as i64],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?
        .collect::<rusqlite::Result<_>>()?)
}
