//! The built-in course: the markdown files of `content/`, embedded at build time (see
//! `build.rs`) and kept in the library as read-only documents of origin `builtin`.
//! [`Library::sync_builtin`] runs at every start and does nothing when the embedded set is
//! the one already imported, so it costs one settings lookup.

use rusqlite::OptionalExtension;

use super::{FileOutcome, FileReport, ImportReport, Origin, Source, content_hash};
use crate::error::Result;
use crate::storage::Library;
use crate::storage::import as store;

include!(concat!(env!("OUT_DIR"), "/builtin_content.rs"));

/// Number of files in the embedded course.
pub const BUILTIN_FILE_COUNT: usize = BUILTIN_FILES.len();

const HASH_KEY: &str = "builtin_content_hash";

fn combined_hash() -> String {
    let mut all = Vec::new();
    for (path, bytes) in BUILTIN_FILES {
        all.extend_from_slice(path.as_bytes());
        all.push(0);
        all.extend_from_slice(content_hash(bytes).as_bytes());
    }
    content_hash(&all)
}

impl Library {
    /// Imports the embedded course, updates changed files and removes files no longer
    /// shipped. Idempotent; returns an empty report when nothing changed since last time.
    pub fn sync_builtin(&mut self) -> Result<ImportReport> {
        let files: Vec<(String, &[u8])> = BUILTIN_FILES
            .iter()
            .map(|(p, b)| (p.to_string(), *b))
            .collect();
        self.sync_builtin_files(&files, &combined_hash())
    }

    pub(crate) fn sync_builtin_files(
        &mut self,
        files: &[(String, &[u8])],
        hash: &str,
    ) -> Result<ImportReport> {
        let stored: Option<String> = self
            .conn()
            .query_row(
                "SELECT value_json FROM settings WHERE key = ?1",
                [HASH_KEY],
                |r| r.get(0),
            )
            .optional()?;
        let mut report = ImportReport::default();
        if stored.as_deref() == Some(&serde_json::to_string(hash).expect("string")) {
            return Ok(report);
        }
        for (path, bytes) in files {
            let stem = path
                .rsplit('/')
                .next()
                .unwrap_or(path)
                .trim_end_matches(".md")
                .to_string();
            let source = Source {
                origin: Origin::Builtin,
                path: path.clone(),
                bytes,
                is_markdown_name: true,
                stem,
            };
            let (outcome, document_id, warnings) = self.import_source(&source)?;
            report.push(FileReport {
                path: path.clone(),
                document_id,
                outcome,
                warnings,
            });
        }
        for (id, path) in store::documents_of_origin(self.conn(), Origin::Builtin)? {
            if !files.iter().any(|(p, _)| *p == path) {
                self.transact(|tx| store::delete_document(tx, id))?;
                report.push(FileReport {
                    path,
                    document_id: Some(id),
                    outcome: FileOutcome::Pruned,
                    warnings: Vec::new(),
                });
            }
        }
        let value = serde_json::to_string(hash).expect("string");
        self.transact(|tx| {
            tx.execute(
                "INSERT INTO settings (key, value_json) VALUES (?1, ?2)
                 ON CONFLICT (key) DO UPDATE SET value_json = excluded.value_json",
                rusqlite::params![HASH_KEY, value],
            )?;
            Ok(())
        })?;
        self.invalidate_caches();
        Ok(report)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::storage::LibraryOptions;

    #[test]
    fn sync_imports_once_updates_changes_and_removes_dropped_files() {
        let mut lib = Library::open_in_memory(LibraryOptions::default()).unwrap();
        let a = b"---\ntitle: A\nexam: [SAA-C03]\n---\n# A\ntext a\n".as_slice();
        let b = b"# B\ntext b\n".as_slice();
        let files = vec![("en/a.md".to_string(), a), ("en/b.md".to_string(), b)];
        let first = lib.sync_builtin_files(&files, "h1").unwrap();
        assert_eq!(first.totals.imported, 2);
        let again = lib.sync_builtin_files(&files, "h1").unwrap();
        assert!(again.files.is_empty(), "same hash: nothing to do");

        let b2 = b"# B\ntext b changed\n".as_slice();
        let files = vec![("en/b.md".to_string(), b2)];
        let update = lib.sync_builtin_files(&files, "h2").unwrap();
        assert_eq!(update.totals.updated, 1);
        assert_eq!(update.totals.pruned, 1);
        let docs = lib.documents().unwrap();
        assert_eq!(docs.len(), 1);
        assert!(docs[0].is_builtin);
        assert!(
            lib.remove_document(docs[0].id).is_err(),
            "built-in is read-only"
        );
    }

    #[test]
    fn embedded_course_syncs_idempotently() {
        let mut lib = Library::open_in_memory(LibraryOptions::default()).unwrap();
        let first = lib.sync_builtin().unwrap();
        assert_eq!(first.files.len(), BUILTIN_FILE_COUNT);
        assert_eq!(first.totals.failed, 0);
        assert!(lib.sync_builtin().unwrap().files.is_empty());
        assert_eq!(lib.counts().unwrap().documents as usize, BUILTIN_FILE_COUNT);
    }
}
