//! Queries behind search, the palette and section views. The FTS5 expression comes from
//! `search::writer` and is bound as a parameter like every other value. Ranking is not done
//! here: `search::rank` scores the rows these queries read.

pub(crate) mod terms;

use std::sync::LazyLock;

use rusqlite::{Connection, OptionalExtension, named_params};

use crate::error::{Error, Result};
use crate::ids::{DocumentId, SectionId};
use crate::model::{DocumentFormat, Origin, SectionTags};

/// Restrictions on a search.
pub(crate) struct Filter {
    pub exam: Option<String>,
    pub document_id: Option<DocumentId>,
    pub is_builtin: Option<bool>,
}

/// Which FTS5 index a candidate query reads.
#[derive(Clone, Copy)]
pub(crate) enum Index {
    /// Headings and bodies (`sections_fts`).
    Sections,
    /// Headings alone (`headings_fts`).
    Headings,
}

impl Index {
    /// The candidate query over this index: `candidates.sql`, or with the search filters
    /// `candidates_filtered.sql`, with the index's table name put in (written once).
    fn sql(self, is_unfiltered: bool) -> &'static str {
        static QUERIES: LazyLock<[String; 4]> = LazyLock::new(|| {
            let plain = include_str!("candidates.sql");
            let filtered = include_str!("candidates_filtered.sql");
            [
                plain.replace("fts_index", "sections_fts"),
                filtered.replace("fts_index", "sections_fts"),
                plain.replace("fts_index", "headings_fts"),
                filtered.replace("fts_index", "headings_fts"),
            ]
        });
        let table = match self {
            Index::Sections => 0,
            Index::Headings => 2,
        };
        &QUERIES[table + usize::from(!is_unfiltered)]
    }
}

fn is_unfiltered(filter: &Filter) -> bool {
    filter.exam.is_none() && filter.document_id.is_none() && filter.is_builtin.is_none()
}

/// The newest `cap` matches of `expr` in `index` that pass the filter, newest first.
pub(crate) fn candidates(
    conn: &Connection,
    index: Index,
    expr: &str,
    filter: &Filter,
    cap: u32,
) -> Result<Vec<i64>> {
    let mut stmt = conn.prepare_cached(index.sql(is_unfiltered(filter)))?;
    let ids = if is_unfiltered(filter) {
        stmt.query_map(named_params! {":query": expr, ":limit": cap}, |r| r.get(0))?
            .collect::<rusqlite::Result<Vec<_>>>()?
    } else {
        stmt.query_map(
            named_params! {
                ":query": expr,
                ":exam": filter.exam,
                ":document_id": filter.document_id,
                ":is_builtin": filter.is_builtin,
                ":limit": cap,
            },
            |r| r.get(0),
        )?
        .collect::<rusqlite::Result<Vec<_>>>()?
    };
    Ok(ids)
}

/// Hands `visit` each of the sections `ids` with its heading and body search terms, as
/// bytes borrowed from the row (no copy per row; terms are compared byte for byte).
pub(crate) fn section_terms(
    conn: &Connection,
    ids: &[i64],
    mut visit: impl FnMut(SectionId, &[u8], &[u8]),
) -> Result<()> {
    if ids.is_empty() {
        return Ok(());
    }
    let ids_json = serde_json::to_string(ids).expect("ids serialize");
    let mut stmt = conn.prepare_cached(include_str!("section_terms.sql"))?;
    let mut rows = stmt.query([ids_json])?;
    while let Some(r) = rows.next()? {
        let heading = r.get_ref(1)?.as_bytes().map_err(rusqlite::Error::from)?;
        let body = r.get_ref(2)?.as_bytes().map_err(rusqlite::Error::from)?;
        visit(r.get(0)?, heading, body);
    }
    Ok(())
}

/// Library-wide figures of the search index: rows and tokens in all columns.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Totals {
    pub rows: i64,
    pub tokens: i64,
}

/// Rows and tokens of the search index, from FTS5's own totals record (the "averages" row,
/// id 1 of `sections_fts_data`: a varint row count, then a varint token count per column),
/// which FTS5 keeps for its bm25. A test compares them with counts of the sections.
pub(crate) fn index_totals(conn: &Connection) -> Result<Totals> {
    let blob: Option<Vec<u8>> = conn
        .prepare_cached("SELECT block FROM sections_fts_data WHERE id = 1")?
        .query_row([], |r| r.get(0))
        .optional()?;
    let mut totals = Totals { rows: 0, tokens: 0 };
    if let Some(blob) = blob {
        let mut at = 0;
        let mut values = Vec::new();
        while at < blob.len() {
            let (value, len) = read_varint(&blob[at..]);
            values.push(value as i64);
            at += len;
        }
        if let Some((rows, columns)) = values.split_first() {
            totals.rows = *rows;
            totals.tokens = columns.iter().sum();
        }
    }
    Ok(totals)
}

/// SQLite's variable-length integer: big-endian groups of 7 bits, the high bit set on every
/// byte but the last; a ninth byte carries 8 bits.
fn read_varint(bytes: &[u8]) -> (u64, usize) {
    let mut value: u64 = 0;
    for (i, &byte) in bytes.iter().enumerate().take(9) {
        if i == 8 {
            return ((value << 8) | u64::from(byte), 9);
        }
        value = (value << 7) | u64::from(byte & 0x7f);
        if byte & 0x80 == 0 {
            return (value, i + 1);
        }
    }
    (value, bytes.len().max(1))
}

/// How many sections hold the indexed term `term` (0 when none does).
pub(crate) fn term_rows(conn: &Connection, term: &str) -> Result<i64> {
    Ok(conn
        .prepare_cached("SELECT sections FROM search_terms WHERE term = ?1")?
        .query_row([term], |r| r.get(0))
        .optional()?
        .unwrap_or(0))
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
