//! The built-in course: the markdown files of `content/`, embedded at build time (see
//! `build.rs`) and kept in the library as read-only documents of origin `builtin`.
//! [`Library::sync_builtin`] runs at every start and does nothing when the embedded set is
//! the one already imported, so it costs one settings lookup.

use super::{FileOutcome, FileReport, ImportReport, Source, content_hash};
use crate::error::Result;
use crate::model::Origin;
use crate::storage::import as store;
use crate::storage::{Library, kv};

include!(concat!(env!("OUT_DIR"), "/builtin_content.rs"));

/// Number of files in the embedded course.
pub const BUILTIN_FILE_COUNT: usize = BUILTIN_FILES.len();

const HASH_KEY: &str = "builtin_content_hash";

fn combined_hash(files: &[(String, &[u8])]) -> String {
    let mut all = Vec::new();
    for (path, bytes) in files {
        all.extend_from_slice(path.as_bytes());
        all.push(0);
        all.extend_from_slice(content_hash(bytes).as_bytes());
    }
    content_hash(&all)
}

/// The embedded files whose path starts with `prefix` (`ko/`, `en/`, or "" for all).
fn embedded_files(prefix: &str) -> Vec<(String, &'static [u8])> {
    BUILTIN_FILES
        .iter()
        .filter(|(p, _)| p.starts_with(prefix))
        .map(|(p, b)| (p.to_string(), *b))
        .collect()
}

/// Heading anchors of the embedded notes, for the source links of built-in questions.
pub(crate) struct BuiltinAnchors;

impl crate::questions::AnchorSource for BuiltinAnchors {
    fn anchors(&mut self, path: &str) -> Option<Vec<String>> {
        let (_, bytes) = BUILTIN_FILES.iter().find(|(p, _)| *p == path)?;
        let text = std::str::from_utf8(bytes).ok()?;
        Some(crate::questions::anchors_of_text(text, true))
    }
}

impl Library {
    /// Brings the built-in course to what the learner studies: the embedded notes of the
    /// content language chosen in the settings (Korean by default). Files of the other
    /// language are removed from the library (their cards keep their history). Idempotent;
    /// returns an empty report when nothing changed since last time. The CLI and the app
    /// call this at start.
    pub fn sync_course(&mut self) -> Result<ImportReport> {
        let lang = self.ui_settings()?.content_language;
        let files = embedded_files(&format!("{}/", lang.code()));
        self.sync_builtin_files(&files, &combined_hash(&files))
    }

    /// Imports the embedded course in every language, updates changed files and removes
    /// files no longer shipped. Idempotent like [`Library::sync_course`]; used where both
    /// languages are wanted at once (checks of the whole course).
    pub fn sync_builtin(&mut self) -> Result<ImportReport> {
        let files = embedded_files("");
        self.sync_builtin_files(&files, &combined_hash(&files))
    }

    pub(crate) fn sync_builtin_files(
        &mut self,
        files: &[(String, &[u8])],
        hash: &str,
    ) -> Result<ImportReport> {
        let stored: Option<String> = kv::read(self.conn(), HASH_KEY)?;
        let mut report = ImportReport::default();
        if stored.as_deref() == Some(hash) {
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
        self.transact(|tx| kv::write(tx, HASH_KEY, &hash))?;
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
    fn course_follows_the_content_language_and_keeps_card_history_across_switches() {
        use crate::settings::UiLanguage;
        let mut lib = Library::open_in_memory(LibraryOptions::default()).unwrap();
        lib.sync_course().unwrap();
        let docs = lib.documents().unwrap();
        assert!(!docs.is_empty());
        assert!(
            docs.iter()
                .all(|d| d.is_builtin && d.path.starts_with("ko/")),
            "Korean by default"
        );
        assert_eq!(docs.len(), embedded_files("ko/").len());
        let korean_cards = lib.counts().unwrap().cards;

        let mut settings = lib.ui_settings().unwrap();
        settings.content_language = UiLanguage::En;
        lib.set_ui_settings(settings).unwrap();
        let docs = lib.documents().unwrap();
        assert!(
            docs.iter().all(|d| d.path.starts_with("en/")),
            "switching swaps the course"
        );
        assert_eq!(docs.len(), embedded_files("en/").len());

        settings.content_language = UiLanguage::Ko;
        lib.set_ui_settings(settings).unwrap();
        assert!(
            lib.documents()
                .unwrap()
                .iter()
                .all(|d| d.path.starts_with("ko/"))
        );
        assert_eq!(
            lib.counts().unwrap().cards,
            korean_cards,
            "the Korean cards come back"
        );
        assert!(
            lib.sync_course().unwrap().files.is_empty(),
            "nothing to do the second time"
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
