//! Storage of imported documents and their sections. Called only from `import`, inside the
//! transactions it opens; every value is a bound parameter.

use std::collections::HashMap;
use std::path::Path;

use rusqlite::{Connection, OptionalExtension, Transaction, named_params, params};

use crate::error::Result;
use crate::ids::DocumentId;
use crate::import::document::{DocumentFormat, ParsedDocument, PreparedSection};
use crate::import::{DocumentSummary, Origin};

/// A document row to write.
pub(crate) struct DocumentWrite<'a> {
    pub origin: Origin,
    pub path: &'a str,
    pub hash: &'a str,
    pub size_bytes: i64,
    pub now_ms: i64,
    pub document: &'a ParsedDocument,
}

/// The id and content hash of the document at (`origin`, `path`), if imported.
pub(crate) fn find_document(
    conn: &Connection,
    origin: Origin,
    path: &str,
) -> Result<Option<(DocumentId, String)>> {
    Ok(conn
        .prepare_cached(include_str!("find_document.sql"))?
        .query_row(params![origin.as_str(), path], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .optional()?)
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

/// Makes the document's sections equal to `sections`. A section whose key is already stored
/// keeps its row (and id) and only moves; new keys are inserted and missing ones deleted, so
/// an edit re-indexes only the sections it touched.
pub(crate) fn replace_sections(
    tx: &Transaction<'_>,
    document_id: DocumentId,
    sections: &[PreparedSection],
) -> Result<()> {
    let mut old: HashMap<String, i64> = tx
        .prepare_cached(include_str!("section_keys.sql"))?
        .query_map([document_id], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut insert = tx.prepare_cached(include_str!("insert_section.sql"))?;
    let mut update = tx.prepare_cached(include_str!("update_section_place.sql"))?;
    for (position, s) in sections.iter().enumerate() {
        let d = &s.draft;
        let heading_path = serde_json::to_string(&d.heading_path).expect("strings serialize");
        let tags_json = serde_json::to_string(&d.tags).expect("tags serialize");
        match old.remove(&s.section_key) {
            Some(id) => {
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
            None => {
                insert.execute(named_params! {
                    ":document_id": document_id,
                    ":section_key": s.section_key,
                    ":heading_key": s.heading_key,
                    ":position": position as i64,
                    ":level": d.level,
                    ":heading": d.heading,
                    ":heading_path": heading_path,
                    ":body": d.body,
                    ":markdown": d.markdown,
                    ":tags_json": tags_json,
                    ":line_start": d.line_start,
                    ":line_end": d.line_end,
                    ":heading_terms": s.heading_terms,
                    ":body_terms": s.body_terms,
                })?;
            }
        }
    }
    let mut delete = tx.prepare_cached(include_str!("delete_section.sql"))?;
    for id in old.into_values() {
        delete.execute([id])?;
    }
    Ok(())
}

/// Deletes a document; its sections go with it (and out of the index, by trigger).
pub(crate) fn delete_document(tx: &Transaction<'_>, id: DocumentId) -> Result<()> {
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
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
