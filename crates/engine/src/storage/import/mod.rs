//! Storage of imported documents and their sections. Called only from `import`, inside the
//! transactions it opens; every value is a bound parameter.

use std::collections::HashMap;
use std::path::Path;

use rusqlite::{Connection, OptionalExtension, Transaction, named_params, params};

use crate::error::Result;
use crate::ids::DocumentId;
use crate::model::{
    CardId, DocumentFormat, DocumentSummary, Origin, ParsedDocument, PreparedSection, QuestionId,
};
use crate::storage::search::terms::{self, TermCounts};

mod titles;
pub(crate) use titles::rename_document;

/// A document row to write.
pub(crate) struct DocumentWrite<'a> {
    pub origin: Origin,
    /// Where the file is (its `path_key`, or the path inside `content/`).
    pub path: &'a str,
    /// Its identity (decision 0011).
    pub doc_key: &'a str,
    /// The folder it was imported from; `None` keeps the stored one.
    pub root: Option<&'a str>,
    pub hash: &'a str,
    pub size_bytes: i64,
    pub now_ms: i64,
    pub document: &'a ParsedDocument,
}

/// A stored document as identity resolution sees it.
#[derive(Debug, Clone)]
pub(crate) struct StoredDocument {
    pub id: DocumentId,
    pub path: String,
    pub hash: String,
    /// `None` for a note imported before schema 11 (identified by its path).
    pub doc_key: Option<String>,
    pub root: Option<String>,
}

fn row_to_stored(r: &rusqlite::Row<'_>) -> rusqlite::Result<StoredDocument> {
    Ok(StoredDocument {
        id: r.get(0)?,
        path: r.get(1)?,
        hash: r.get(2)?,
        doc_key: r.get(3)?,
        root: r.get(4)?,
    })
}

/// The document of `origin` whose file is at `path`, if imported.
pub(crate) fn find_by_path(
    conn: &Connection,
    origin: Origin,
    path: &str,
) -> Result<Option<StoredDocument>> {
    Ok(conn
        .prepare_cached(include_str!("find_by_path.sql"))?
        .query_row(params![origin.as_str(), path], row_to_stored)
        .optional()?)
}

/// The document of `origin` known by `doc_key`, if imported.
pub(crate) fn find_by_key(
    conn: &Connection,
    origin: Origin,
    doc_key: &str,
) -> Result<Option<StoredDocument>> {
    Ok(conn
        .prepare_cached(include_str!("find_by_key.sql"))?
        .query_row(params![origin.as_str(), doc_key], row_to_stored)
        .optional()?)
}

/// The documents of `origin` imported before schema 11 (no key yet).
pub(crate) fn legacy_documents(conn: &Connection, origin: Origin) -> Result<Vec<StoredDocument>> {
    Ok(conn
        .prepare_cached(include_str!("legacy_documents.sql"))?
        .query_map(params![origin.as_str()], row_to_stored)?
        .collect::<rusqlite::Result<_>>()?)
}

/// Gives a document a new path (and root); `false` when another document is at that path.
pub(crate) fn relocate_document(
    tx: &Transaction<'_>,
    id: DocumentId,
    path: &str,
    root: Option<&str>,
) -> Result<bool> {
    Ok(tx
        .prepare_cached(include_str!("relocate_document.sql"))?
        .execute(named_params! { ":id": id, ":path": path, ":root": root })?
        == 1)
}

/// (id, path) of the documents of `origin` imported from the folder `root`.
pub(crate) fn documents_of_root(
    conn: &Connection,
    origin: Origin,
    root: &str,
) -> Result<Vec<(DocumentId, String)>> {
    Ok(conn
        .prepare_cached(include_str!("documents_of_root.sql"))?
        .query_map(params![origin.as_str(), root], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?
        .collect::<rusqlite::Result<_>>()?)
}

/// The tables holding a card id besides `cards`, with their column: what a re-keyed card
/// takes along (its state, answers, edit and undo steps).
const CARD_REFERENCES: &[(&str, &str)] = &[
    ("card_states", "card_id"),
    ("review_log", "card_id"),
    ("card_overrides", "card_id"),
    ("review_undo", "card_id"),
];

/// The tables holding a question id besides `questions`.
const QUESTION_REFERENCES: &[(&str, &str)] = &[
    ("question_exams", "question_id"),
    ("attempt_questions", "question_id"),
];

/// Gives the row `old` of `table` (and every reference to it) the id `new`. Nothing is done
/// when `old` is not stored or `new` already is (that card keeps its own history). Foreign
/// keys are checked at commit, when parent and children agree again.
fn rename_id(
    tx: &Transaction<'_>,
    table: &str,
    references: &[(&str, &str)],
    old: &str,
    new: &str,
) -> Result<bool> {
    if old == new {
        return Ok(false);
    }
    // `table` and the columns are the internal constants above, never user text.
    let taken: bool = tx
        .prepare_cached(&format!(
            "SELECT EXISTS (SELECT 1 FROM {table} WHERE id = ?1)"
        ))?
        .query_row([new], |r| r.get(0))?;
    if taken {
        return Ok(false);
    }
    tx.pragma_update(None, "defer_foreign_keys", true)?;
    let moved = tx
        .prepare_cached(&format!("UPDATE {table} SET id = ?2 WHERE id = ?1"))?
        .execute([old, new])?;
    if moved == 0 {
        return Ok(false);
    }
    for (child, column) in references {
        tx.prepare_cached(&format!(
            "UPDATE {child} SET {column} = ?2 WHERE {column} = ?1"
        ))?
        .execute([old, new])?;
    }
    Ok(true)
}

/// Moves a card's id to `new` with its state, answers and edit (decision 0011: a document
/// whose key changed keeps its history). `false` when nothing moved.
pub(crate) fn rename_card(tx: &Transaction<'_>, old: &CardId, new: &CardId) -> Result<bool> {
    rename_id(tx, "cards", CARD_REFERENCES, &old.0, &new.0)
}

/// Moves a question's id to `new` with its attempts, and the card made from it.
pub(crate) fn rename_question(
    tx: &Transaction<'_>,
    old: &QuestionId,
    new: &QuestionId,
) -> Result<bool> {
    let moved = rename_id(tx, "questions", QUESTION_REFERENCES, &old.0, &new.0)?;
    if moved {
        rename_card(
            tx,
            &crate::storage::cards::question_card_id(old),
            &crate::storage::cards::question_card_id(new),
        )?;
    }
    Ok(moved)
}

/// Inserts the document, or updates the row `existing` in place so its id stays.
pub(crate) fn write_document(
    tx: &Transaction<'_>,
    existing: Option<DocumentId>,
    w: &DocumentWrite<'_>,
) -> Result<DocumentId> {
    let doc = w.document;
    match existing {
        Some(id) => {
            tx.prepare_cached(include_str!("update_document.sql"))?
                .execute(named_params! {
                    ":id": id,
                    ":path": w.path,
                    ":doc_key": w.doc_key,
                    ":root": w.root,
                    ":title": doc.title,
                    ":lang": doc.lang,
                    ":hash": w.hash,
                    ":size_bytes": w.size_bytes,
                    ":meta_json": doc.meta_json,
                    ":now_ms": w.now_ms,
                    ":format": doc.format.as_str(),
                })?;
            Ok(id)
        }
        None => {
            tx.prepare_cached(include_str!("insert_document.sql"))?
                .execute(named_params! {
                    ":origin": w.origin.as_str(),
                    ":path": w.path,
                    ":doc_key": w.doc_key,
                    ":root": w.root,
                    ":title": doc.title,
                    ":lang": doc.lang,
                    ":hash": w.hash,
                    ":size_bytes": w.size_bytes,
                    ":meta_json": doc.meta_json,
                    ":now_ms": w.now_ms,
                    ":format": doc.format.as_str(),
                })?;
            let id = tx.last_insert_rowid();
            Ok(DocumentId(u32::try_from(id).map_err(|_| {
                crate::Error::InvalidInput(format!("document id {id} out of range"))
            })?))
        }
    }
}

/// Columns of `insert_sections.sql`, one `?` each per row.
const SECTION_COLUMNS: usize = 14;
/// Rows per multi-row insert: few statements, well under SQLite's limit of bound parameters.
const INSERT_BATCH_ROWS: usize = 256;

/// The multi-row insert of `rows` sections.
fn insert_sections_sql(rows: usize) -> String {
    let tuple = format!("({})", vec!["?"; SECTION_COLUMNS].join(", "));
    let mut sql = String::from(include_str!("insert_sections.sql"));
    sql.push_str(&vec![tuple; rows].join(",\n"));
    sql
}

/// Inserts `rows` (position, section) in as few statements as possible.
fn insert_sections(
    tx: &Transaction<'_>,
    document_id: DocumentId,
    rows: &[(usize, &PreparedSection)],
) -> Result<()> {
    for batch in rows.chunks(INSERT_BATCH_ROWS) {
        let sql = insert_sections_sql(batch.len());
        // Full batches share one cached statement; the last, shorter one of a document is
        // prepared on its own rather than filling the statement cache with every length.
        if batch.len() == INSERT_BATCH_ROWS {
            bind_and_run(&mut *tx.prepare_cached(&sql)?, document_id, batch)?;
        } else {
            bind_and_run(&mut tx.prepare(&sql)?, document_id, batch)?;
        }
    }
    Ok(())
}

fn bind_and_run(
    stmt: &mut rusqlite::Statement<'_>,
    document_id: DocumentId,
    batch: &[(usize, &PreparedSection)],
) -> Result<()> {
    let mut index = 1;
    for (position, s) in batch {
        let d = &s.draft;
        let heading_path = serde_json::to_string(&d.heading_path).expect("strings serialize");
        let tags_json = serde_json::to_string(&d.tags).expect("tags serialize");
        let values: [&dyn rusqlite::ToSql; SECTION_COLUMNS] = [
            &document_id,
            &s.section_key,
            &s.heading_key,
            &(*position as i64),
            &d.level,
            &d.heading,
            &heading_path,
            &d.body,
            &d.markdown,
            &tags_json,
            &d.line_start,
            &d.line_end,
            &s.heading_terms,
            &s.body_terms,
        ];
        for value in values {
            stmt.raw_bind_parameter(index, value)?;
            index += 1;
        }
    }
    stmt.raw_execute()?;
    Ok(())
}

/// Makes the document's sections equal to `sections`. A section whose key is already stored
/// keeps its row (and id) and only moves; new keys are inserted and missing ones deleted, so
/// an edit re-indexes only the sections it touched. `all_terms` are the term counts of all
/// `sections` (`TermCounts::to_json`), counted ahead on the parsing thread; they are used
/// when every section is new.
pub(crate) fn replace_sections(
    tx: &Transaction<'_>,
    document_id: DocumentId,
    sections: &[PreparedSection],
    all_terms: &str,
) -> Result<()> {
    let mut old: HashMap<String, i64> = tx
        .prepare_cached(include_str!("section_keys.sql"))?
        .query_map([document_id], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut new_rows = Vec::new();
    {
        let mut update = tx.prepare_cached(include_str!("update_section_place.sql"))?;
        for (position, s) in sections.iter().enumerate() {
            let Some(id) = old.remove(&s.section_key) else {
                new_rows.push((position, s));
                continue;
            };
            let d = &s.draft;
            let heading_path = serde_json::to_string(&d.heading_path).expect("strings serialize");
            let tags_json = serde_json::to_string(&d.tags).expect("tags serialize");
            update.execute(named_params! {
                ":id": id,
                ":position": position as i64,
                ":level": d.level,
                ":heading": d.heading,
                ":heading_path": heading_path,
                ":body": d.body,
                ":markdown": d.markdown,
                ":tags_json": tags_json,
                ":line_start": d.line_start,
                ":line_end": d.line_end,
                ":heading_key": s.heading_key,
            })?;
        }
    }
    if !old.is_empty() {
        let ids: Vec<i64> = old.into_values().collect();
        let ids = serde_json::to_string(&ids).expect("ids serialize");
        forget_terms(tx, include_str!("section_terms_by_id.sql"), &ids)?;
        tx.prepare_cached(include_str!("delete_sections.sql"))?
            .execute([ids])?;
    }
    if new_rows.len() == sections.len() {
        terms::add_json(tx, all_terms)?;
    } else {
        let mut counts = TermCounts::default();
        for (_, s) in &new_rows {
            counts.add_section(&s.heading_terms, &s.body_terms);
        }
        terms::add(tx, &counts)?;
    }
    insert_sections(tx, document_id, &new_rows)
}

/// Takes the terms of the sections that `query` (bound to `param`) reads out of the
/// `search_terms` counts, before those sections are deleted.
fn forget_terms(tx: &Transaction<'_>, query: &str, param: &dyn rusqlite::ToSql) -> Result<()> {
    let rows: Vec<(String, String)> = tx
        .prepare_cached(query)?
        .query_map([param], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut counts = TermCounts::default();
    for (heading_terms, body_terms) in &rows {
        counts.add_section(heading_terms, body_terms);
    }
    terms::remove(tx, &counts)
}

/// Deletes a document; its sections go with it (and out of the index, by trigger).
pub(crate) fn delete_document(tx: &Transaction<'_>, id: DocumentId) -> Result<()> {
    forget_terms(tx, include_str!("section_terms_of_document.sql"), &id)?;
    tx.prepare_cached(include_str!("delete_document.sql"))?
        .execute([id])?;
    Ok(())
}

/// (id, path) of every document of `origin`.
pub(crate) fn documents_of_origin(
    conn: &Connection,
    origin: Origin,
) -> Result<Vec<(DocumentId, String)>> {
    Ok(conn
        .prepare_cached(include_str!("documents_of_origin.sql"))?
        .query_map([origin.as_str()], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?)
}

/// (id, path) of the documents of `origin` stored under `folder`.
pub(crate) fn documents_under(
    conn: &Connection,
    origin: Origin,
    folder: &Path,
) -> Result<Vec<(DocumentId, String)>> {
    Ok(documents_of_origin(conn, origin)?
        .into_iter()
        .filter(|(_, path)| Path::new(path).starts_with(folder))
        .collect())
}

/// Every document with its section count.
pub(crate) fn list_documents(conn: &Connection) -> Result<Vec<DocumentSummary>> {
    let mut stmt = conn.prepare_cached(include_str!("list_documents.sql"))?;
    let rows = stmt.query_map([], |r| {
        let origin = Origin::from_db(&r.get::<_, String>(3)?);
        Ok(DocumentSummary {
            id: r.get(0)?,
            title: r.get(1)?,
            path: r.get(2)?,
            origin,
            is_builtin: origin == Origin::Builtin,
            format: DocumentFormat::from_db(&r.get::<_, String>(4)?),
            lang: r.get(5)?,
            size_bytes: u32::try_from(r.get::<_, i64>(6)?).unwrap_or(u32::MAX),
            section_count: r.get(7)?,
            card_count: r.get(8)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The term counts of all `sections`, as `replace_sections` takes them.
pub(crate) fn term_counts(sections: &[PreparedSection]) -> String {
    let mut counts = TermCounts::default();
    for s in sections {
        counts.add_section(&s.heading_terms, &s.body_terms);
    }
    counts.to_json()
}
