//! Storage of installed course packs (`packs`, `pack_documents`). Rows only; the pack domain
//! (`crate::pack`) decides what to write.

use rusqlite::{Connection, OptionalExtension, Transaction, named_params};

use crate::error::Result;
use crate::ids::DocumentId;

/// A `packs` row.
pub(crate) struct PackRow {
    pub name: String,
    pub version: String,
    pub title: String,
    pub author: String,
    pub language: String,
    pub exams_json: String,
    pub licence: String,
    pub installed_at_ms: i64,
}

/// Records a pack (or its new version) with its manifest.
pub(crate) fn upsert_pack(tx: &Transaction<'_>, row: &PackRow, manifest_json: &str) -> Result<()> {
    tx.prepare_cached(include_str!("upsert_pack.sql"))?
        .execute(named_params! {
            ":name": row.name,
            ":version": row.version,
            ":title": row.title,
            ":author": row.author,
            ":language": row.language,
            ":exams_json": row.exams_json,
            ":licence": row.licence,
            ":manifest_json": manifest_json,
            ":installed_at_ms": row.installed_at_ms,
        })?;
    Ok(())
}

/// Every installed pack, by name.
pub(crate) fn list_packs(conn: &Connection) -> Result<Vec<PackRow>> {
    let mut stmt = conn.prepare_cached(include_str!("list_packs.sql"))?;
    let rows = stmt.query_map([], |r| {
        Ok(PackRow {
            name: r.get(0)?,
            version: r.get(1)?,
            title: r.get(2)?,
            author: r.get(3)?,
            language: r.get(4)?,
            exams_json: r.get(5)?,
            licence: r.get(6)?,
            installed_at_ms: r.get(7)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The documents a pack brought, by id.
pub(crate) fn pack_documents(conn: &Connection, name: &str) -> Result<Vec<DocumentId>> {
    Ok(conn
        .prepare_cached(include_str!("pack_documents.sql"))?
        .query_map([name], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?)
}

/// Replaces the list of a pack's documents.
pub(crate) fn set_pack_documents(
    tx: &Transaction<'_>,
    name: &str,
    documents: &[DocumentId],
) -> Result<()> {
    tx.prepare_cached(include_str!("clear_pack_documents.sql"))?
        .execute([name])?;
    let mut insert = tx.prepare_cached(include_str!("insert_pack_document.sql"))?;
    for id in documents {
        insert.execute(rusqlite::params![id, name])?;
    }
    Ok(())
}

/// Forgets a pack (its document links go with it).
pub(crate) fn delete_pack(tx: &Transaction<'_>, name: &str) -> Result<()> {
    tx.prepare_cached(include_str!("delete_pack.sql"))?
        .execute([name])?;
    Ok(())
}

/// The pack a document belongs to, if any.
pub(crate) fn pack_of_document(conn: &Connection, id: DocumentId) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached(include_str!("pack_of_document.sql"))?
        .query_row([id], |r| r.get(0))
        .optional()?)
}
