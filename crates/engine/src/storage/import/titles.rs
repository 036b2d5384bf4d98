//! Titles the learner gave documents (`document_titles`, schema 13). A trigger keeps such a
//! title when an import writes the file's own title again.

use rusqlite::{Transaction, params};

use crate::error::Result;
use crate::ids::DocumentId;

/// Stores `title` as the override of an existing document, then as its title (in that
/// order, so the trigger sees the new override).
pub(crate) fn rename_document(
    tx: &Transaction<'_>,
    id: DocumentId,
    title: &str,
    now_ms: i64,
) -> Result<()> {
    tx.prepare_cached(include_str!("keep_document_title.sql"))?
        .execute(params![id, title, now_ms])?;
    tx.prepare_cached(include_str!("rename_document.sql"))?
        .execute(params![id, title])?;
    Ok(())
}
