//! Queries behind search, the palette and section views. The FTS5 expression comes from
//! `search::writer` and is bound as a parameter like every other value.

use rusqlite::{Connection, OptionalExtension, named_params};

use crate::error::{Error, Result};
use crate::ids::{DocumentId, SectionId};
use crate::import::document::DocumentFormat;
use crate::import::{Origin, SectionTags};

/// Restrictions on a search.
pub(crate) struct Filter {
    pub exam: Option<String>,
    pub document_id: Option<DocumentId>,
    pub is_builtin: Option<bool>,
    pub limit: u32,
}

/// The most matching rows one ranking pass scores with bm25. Scoring costs microseconds a
/// row (term positions, the row's length from `%_docsize`), so a word found in tens of
/// thousands of sections cannot be ranked in full within a keystroke's time.
pub(crate) const RANK_CAP: u32 = 200;
/// How many of the newest matches are searched for heading candidates when a query matches
/// more than [`RANK_CAP`] sections; bounds the walk through the index.
const HEADING_SCAN: u32 = 20 * RANK_CAP;

/// The best `filter.limit` sections for the FTS5 expression `expr`, best first, with rank.
///
/// Fewer than [`RANK_CAP`] matches are all ranked by bm25, which is exact. Beyond that the
/// ranking is bounded: among the newest [`HEADING_SCAN`] matches, bm25 ranks (at most
/// `RANK_CAP` of) those matching `heading_expr` — the query with a word of it in the heading,
/// where the best hits of a common word are — and, if that gives too few, the newest
/// `RANK_CAP` matches fill up the list.
pub(crate) fn ranked_ids(
    conn: &Connection,
    expr: &str,
    heading_expr: &str,
    filter: &Filter,
) -> Result<Vec<(SectionId, f64)>> {
    let Some(floor) = window_start(conn, expr, filter, RANK_CAP - 1, 0)? else {
        return rank(conn, expr, filter, 0);
    };
    let scan_floor = window_start(conn, expr, filter, HEADING_SCAN - 1, 0)?.unwrap_or(0);
    let heading_floor =
        window_start(conn, heading_expr, filter, RANK_CAP - 1, scan_floor)?.unwrap_or(scan_floor);
    let mut hits = rank(conn, heading_expr, filter, heading_floor)?;
    if hits.len() < filter.limit as usize {
        for hit in rank(conn, expr, filter, floor)? {
            if hits.len() == filter.limit as usize {
                break;
            }
            if !hits.iter().any(|(id, _)| *id == hit.0) {
                hits.push(hit);
            }
        }
    }
    Ok(hits)
}

fn is_unfiltered(filter: &Filter) -> bool {
    filter.exam.is_none() && filter.document_id.is_none() && filter.is_builtin.is_none()
}

/// The rowid of the `offset`-th newest match of `expr` (0-based) at or above `min_rowid`, or
/// `None` if there are not that many.
fn window_start(
    conn: &Connection,
    expr: &str,
    filter: &Filter,
    offset: u32,
    min_rowid: i64,
) -> Result<Option<i64>> {
    let row = if is_unfiltered(filter) {
        conn.prepare_cached(include_str!("window_start.sql"))?
            .query_row(
                named_params! {":query": expr, ":min_rowid": min_rowid, ":offset": offset},
                |r| r.get(0),
            )
            .optional()?
    } else {
        conn.prepare_cached(include_str!("window_start_filtered.sql"))?
            .query_row(
                named_params! {
                    ":query": expr,
                    ":min_rowid": min_rowid,
                    ":exam": filter.exam,
                    ":document_id": filter.document_id,
                    ":is_builtin": filter.is_builtin,
                    ":offset": offset,
                },
                |r| r.get(0),
            )
            .optional()?
    };
    Ok(row)
}

/// The best `filter.limit` matches of `expr` with a rowid of at least `min_rowid`, by bm25.
fn rank(
    conn: &Connection,
    expr: &str,
    filter: &Filter,
    min_rowid: i64,
) -> Result<Vec<(SectionId, f64)>> {
    let rows = if is_unfiltered(filter) {
        // Without filters FTS5 can rank on its own, with no join per matching row.
        let mut stmt = conn.prepare_cached(include_str!("ranked_ids.sql"))?;
        stmt.query_map(
            named_params! {":query": expr, ":min_rowid": min_rowid, ":limit": filter.limit},
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?
        .collect::<rusqlite::Result<Vec<_>>>()?
    } else {
        let mut stmt = conn.prepare_cached(include_str!("ranked_ids_filtered.sql"))?;
        stmt.query_map(
            named_params! {
                ":query": expr,
                ":min_rowid": min_rowid,
                ":exam": filter.exam,
                ":document_id": filter.document_id,
                ":is_builtin": filter.is_builtin,
                ":limit": filter.limit,
            },
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?
        .collect::<rusqlite::Result<Vec<_>>>()?
    };
    Ok(rows)
}

/// Everything shown about one section.
pub(crate) struct HitRow {
    pub level: u32,
    pub heading: String,
    pub heading_path: Vec<String>,
    pub tags: SectionTags,
    pub body: String,
    pub line_start: u32,
    pub line_end: u32,
    pub document_id: DocumentId,
    pub document_title: String,
    pub document_path: String,
    pub origin: Origin,
    pub markdown: String,
    pub section_key: String,
    pub format: DocumentFormat,
    pub position: u32,
}

/// The section `id` with its document, or `NotFound`.
pub(crate) fn hit_row(conn: &Connection, id: SectionId) -> Result<HitRow> {
    conn.prepare_cached(include_str!("hit_row.sql"))?
        .query_row([id], |r| {
            let heading_path: String = r.get(2)?;
            let tags: String = r.get(3)?;
            Ok(HitRow {
                level: r.get(0)?,
                heading: r.get(1)?,
                heading_path: serde_json::from_str(&heading_path).unwrap_or_default(),
                tags: serde_json::from_str(&tags).unwrap_or_default(),
                body: r.get(4)?,
                line_start: r.get(5)?,
                line_end: r.get(6)?,
                document_id: r.get(7)?,
                document_title: r.get(8)?,
                document_path: r.get(9)?,
                origin: Origin::from_db(&r.get::<_, String>(10)?),
                markdown: r.get(11)?,
                section_key: r.get(12)?,
                format: DocumentFormat::from_db(&r.get::<_, String>(13)?),
                position: r.get(14)?,
            })
        })
        .optional()?
        .ok_or_else(|| Error::NotFound {
            what: "section",
            id: id.to_string(),
        })
}

/// Upper bound of the strings starting with `prefix` (U+10FFFF sorts after every other
/// character in SQLite's binary collation of UTF-8).
fn prefix_end(prefix: &str) -> String {
    format!("{prefix}\u{10FFFF}")
}

/// Whether any indexed term starts with `prefix`.
pub(crate) fn vocab_has_prefix(conn: &Connection, prefix: &str) -> Result<bool> {
    Ok(conn
        .prepare_cached(include_str!("vocab_has_prefix.sql"))?
        .query_row([prefix, &prefix_end(prefix)], |r| r.get(0))?)
}

/// Indexed terms starting with `first` whose length is within the bounds, with the number of
/// sections holding each.
pub(crate) fn vocab_candidates(
    conn: &Connection,
    first: char,
    min_len: usize,
    max_len: usize,
) -> Result<Vec<(String, i64)>> {
    let first = first.to_string();
    Ok(conn
        .prepare_cached(include_str!("vocab_candidates.sql"))?
        .query_map(
            rusqlite::params![first, prefix_end(&first), min_len as i64, max_len as i64],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?
        .collect::<rusqlite::Result<_>>()?)
}

/// One row of the heading palette.
pub(crate) struct PaletteRow {
    pub id: SectionId,
    pub heading_path: Vec<String>,
    pub document_title: String,
    pub is_builtin: bool,
}

/// Every section's heading path, in library order.
pub(crate) fn palette_entries(conn: &Connection) -> Result<Vec<PaletteRow>> {
    let mut stmt = conn.prepare_cached(include_str!("palette_entries.sql"))?;
    let rows = stmt.query_map([], |r| {
        let path: String = r.get(1)?;
        Ok(PaletteRow {
            id: r.get(0)?,
            heading_path: serde_json::from_str(&path).unwrap_or_default(),
            document_title: r.get(2)?,
            is_builtin: r.get::<_, String>(3)? == "builtin",
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// (id, level, heading, position) of a document's sections in order.
pub(crate) fn document_outline(
    conn: &Connection,
    document_id: DocumentId,
) -> Result<Vec<(SectionId, u32, String, u32)>> {
    Ok(conn
        .prepare_cached(include_str!("document_outline.sql"))?
        .query_map([document_id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })?
        .collect::<rusqlite::Result<_>>()?)
}

/// SQLite's counter of commits by other connections, for cache validation.
pub(crate) fn data_version(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("PRAGMA data_version", [], |r| r.get(0))?)
}
