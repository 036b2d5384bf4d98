//! Renaming a document: the learner's title replaces the one read from the file (a blog
//! post's "top of page", a slide deck's file name) and stays when the file is imported
//! again, until the document is removed.

use crate::error::{Error, Result};
use crate::ids::DocumentId;
use crate::model::DocumentSummary;
use crate::storage::Library;
use crate::storage::import as store;

/// The longest title accepted, in characters.
pub(crate) const MAX_TITLE_CHARS: usize = 200;

impl Library {
    /// Gives an imported document the title `title` (trimmed, inner runs of spaces kept as
    /// one). The title is kept across re-imports of the file. Built-in documents and a
    /// course pack's are read-only; an empty or overlong title is refused and nothing changes.
    pub fn rename_document(&mut self, id: DocumentId, title: &str) -> Result<DocumentSummary> {
        let title = title.split_whitespace().collect::<Vec<_>>().join(" ");
        if title.is_empty() {
            return Err(Error::InvalidInput(
                "a document title cannot be empty".into(),
            ));
        }
        let length = title.chars().count();
        if length > MAX_TITLE_CHARS {
            return Err(Error::InvalidInput(format!(
                "the title has {length} characters; keep it within {MAX_TITLE_CHARS}"
            )));
        }
        let find = |lib: &Library| -> Result<DocumentSummary> {
            lib.documents()?
                .into_iter()
                .find(|d| d.id == id)
                .ok_or_else(|| Error::NotFound {
                    what: "document",
                    id: id.to_string(),
                })
        };
        let doc = find(self)?;
        if doc.is_builtin {
            return Err(Error::InvalidInput(format!(
                "{} is part of the built-in course and cannot be renamed",
                doc.title
            )));
        }
        if let Some(pack) = crate::storage::pack::pack_of_document(self.conn(), id)? {
            return Err(Error::InvalidInput(format!(
                "{} belongs to the course pack {pack}, whose documents are read-only; it cannot be renamed",
                doc.title
            )));
        }
        let now_ms = self.clock().now().timestamp_millis();
        self.transact(|tx| store::rename_document(tx, id, &title, now_ms))?;
        self.invalidate_caches();
        find(self)
    }
}
