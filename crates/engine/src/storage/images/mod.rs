//! The one query image serving needs: where a document's file is and where it came from.

use rusqlite::{Connection, OptionalExtension};

use crate::error::Result;
use crate::ids::DocumentId;
use crate::model::Origin;

/// The stored path of document `id` and its origin, or `None` when there is no such document.
pub(crate) fn document_file(conn: &Connection, id: DocumentId) -> Result<Option<(String, Origin)>> {
    Ok(conn
        .prepare_cached(include_str!("document_file.sql"))?
        .query_row([id], |r| {
            Ok((r.get(0)?, Origin::from_db(&r.get::<_, String>(1)?)))
        })
        .optional()?)
}
