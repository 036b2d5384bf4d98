//! Import: folders of markdown and plain-text notes into documents and sections. Import is
//! partial success — every file gets its own outcome in an [`ImportReport`] and one bad file
//! never stops the rest. Each file is written in its own transaction, so cancelling or failing
//! never leaves half a file in the library. Parsing is pure (`document.rs`); this module only
//! reads files and hands parsed documents to `storage::import`.

mod builtin;
mod identity;
mod rename;
mod walk;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use serde::{Deserialize, Serialize};

use crate::error::Result;
use crate::ids::DocumentId;
use crate::model::{DocumentFormat, DocumentSummary, Origin, ParsedDocument};
use crate::parse::document;
use crate::parse::keys::front_matter_id;
use crate::storage::Library;
use crate::storage::import as store;

pub use builtin::BUILTIN_FILE_COUNT;

/// Bump when parsing changes, so that unchanged files are parsed again by the new rules.
const PARSER_VERSION: &[u8] = b"stratus-import-4";

/// How to import.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default)]
pub struct ImportOptions {
    /// Files larger than this are skipped (default 20 MiB).
    pub max_file_bytes: u32,
    /// Remove documents under the imported folders whose files are gone.
    pub prune: bool,
}

impl Default for ImportOptions {
    fn default() -> Self {
        Self {
            max_file_bytes: crate::parse::DEFAULT_MAX_FILE_BYTES,
            prune: false,
        }
    }
}

/// Why a file was not imported although nothing failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum SkipReason {
    Binary,
    Empty,
    TooLarge,
    UnsupportedType,
    SymlinkLoop,
    /// A symbolic link inside an imported folder that points outside it.
    OutsideFolder,
}

/// What happened to one file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum FileOutcome {
    /// New or changed: its sections were (re)written.
    Imported {
        section_count: u32,
        is_update: bool,
        format: DocumentFormat,
    },
    /// Same content as already imported; nothing was written.
    Unchanged,
    /// Not imported, for a reason that is not an error.
    Skipped { reason: SkipReason, message: String },
    /// Could not be read or stored.
    Failed { message: String },
    /// Its file is gone and its document was removed.
    Pruned,
}

/// The outcome of one file, with warnings such as lossy decoding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct FileReport {
    pub path: String,
    pub document_id: Option<DocumentId>,
    pub outcome: FileOutcome,
    pub warnings: Vec<String>,
}

/// Number of files per outcome.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ImportTotals {
    pub imported: u32,
    pub updated: u32,
    pub unchanged: u32,
    pub skipped: u32,
    pub failed: u32,
    pub pruned: u32,
    pub sections: u32,
}

/// The result of an import: one report per file, in walk order.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ImportReport {
    pub files: Vec<FileReport>,
    pub totals: ImportTotals,
    /// True if the import stopped early because it was cancelled; files already done stay.
    pub is_cancelled: bool,
}

impl ImportReport {
    fn push(&mut self, report: FileReport) {
        let t = &mut self.totals;
        match &report.outcome {
            FileOutcome::Imported {
                section_count,
                is_update,
                ..
            } => {
                if *is_update {
                    t.updated += 1;
                } else {
                    t.imported += 1;
                }
                t.sections += section_count;
            }
            FileOutcome::Unchanged => t.unchanged += 1,
            FileOutcome::Skipped { .. } => t.skipped += 1,
            FileOutcome::Failed { .. } => t.failed += 1,
            FileOutcome::Pruned => t.pruned += 1,
        }
        self.files.push(report);
    }
}

/// Progress of a running import, sent before each file and once at the end.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ImportProgress {
    pub files_done: u32,
    pub files_total: u32,
    /// The file being read next; empty in the final message.
    pub current_path: String,
}

/// Source bytes plus how to name and read them.
pub(crate) struct Source<'a> {
    pub origin: Origin,
    pub path: String,
    pub bytes: &'a [u8],
    pub is_markdown_name: bool,
    pub stem: String,
}

pub(crate) fn content_hash(bytes: &[u8]) -> String {
    let mut hasher = blake3::Hasher::new();
    hasher.update(PARSER_VERSION);
    hasher.update(crate::cards::GENERATOR_VERSION.as_bytes());
    hasher.update(bytes);
    hasher.finalize().to_hex().to_string()
}

/// How many files may be parsed ahead of the one being written. Parsing and card generation
/// run on a second thread while the library writes the previous file; a small look-ahead
/// keeps both busy and bounds memory to a few parsed documents.
const LOOKAHEAD: usize = 2;

/// A file whose text must be parsed before it is written.
struct ParseJob {
    origin: Origin,
    path: String,
    /// The document's identity (decision 0011).
    doc_key: String,
    /// The folder it was imported from.
    root: Option<String>,
    /// The stored document it is, when identity resolution found one.
    existing: Option<DocumentId>,
    /// The key its cards were made with until now, when that changes.
    rekey_from: Option<String>,
    /// The folder the document was imported from before, when it was found moved.
    moved_from_root: Option<String>,
    /// What the file says about its identity; `None` for a source whose path is its key.
    natural: Option<identity::NaturalKey>,
    /// How many warnings there were before parsing (a file parsed again drops the rest).
    warnings_before_parse: usize,
    hash: String,
    size_bytes: i64,
    is_markdown_name: bool,
    stem: String,
    text: String,
    warnings: Vec<String>,
}

/// A parsed file with its cards, ready to be written in one transaction.
struct ParsedFile {
    job: ParseJob,
    parsed: ParsedDocument,
    cards: Vec<crate::model::CardRow>,
    questions: Vec<crate::model::QuestionRow>,
    /// Search-term counts of all sections (`store::term_counts`).
    term_counts: String,
    /// Cards and questions whose ids change with the document's key: (old, new).
    rekeyed: Rekeyed,
}

/// Ids that move to a new key, with their history.
#[derive(Debug, Default)]
struct Rekeyed {
    cards: Vec<(crate::model::CardId, crate::model::CardId)>,
    questions: Vec<(crate::model::QuestionId, crate::model::QuestionId)>,
}

/// Pairs the cards and questions a document made under its old key with those it makes
/// under the new one: the same section, generator, kind, line and text is the same card.
fn pair_ids(old: &crate::cards::DocumentYield, new: &crate::cards::DocumentYield) -> Rekeyed {
    use std::collections::HashMap;
    let card_key = |c: &crate::model::CardRow| {
        (
            c.heading_key.clone(),
            c.card.generator,
            c.card.kind,
            c.card.line,
            c.card.prompt.clone(),
            c.card.answer.clone(),
        )
    };
    let question_key = |q: &crate::model::QuestionRow| (q.question.line, q.question.stem.clone());
    let old_cards: HashMap<_, _> = old
        .cards
        .iter()
        .map(|c| (card_key(c), &c.card.id))
        .collect();
    let old_questions: HashMap<_, _> = old
        .questions
        .iter()
        .map(|q| (question_key(q), &q.question.id))
        .collect();
    Rekeyed {
        cards: new
            .cards
            .iter()
            .filter_map(|c| {
                let old_id = old_cards.get(&card_key(c))?;
                Some(((*old_id).clone(), c.card.id.clone()))
            })
            .collect(),
        questions: new
            .questions
            .iter()
            .filter_map(|q| {
                let old_id = old_questions.get(&question_key(q))?;
                Some(((*old_id).clone(), q.question.id.clone()))
            })
            .collect(),
    }
}

impl ParseJob {
    /// The pure part of an import: sections, search terms and cards. Runs on any thread.
    fn parse(mut self, card_seed: u64) -> ParsedFile {
        self.warnings.truncate(self.warnings_before_parse);
        // The text stays with the job: a file whose key another process took meanwhile is
        // parsed again under its new key.
        let parsed = document::parse_document(&self.text, self.is_markdown_name, &self.stem);
        self.warnings.extend(parsed.warnings.iter().cloned());
        let rows = |doc_key: &str| match self.origin {
            Origin::Builtin => crate::cards::rows_for_document_keyed(
                self.origin,
                doc_key,
                &self.path,
                &parsed,
                card_seed,
                &mut builtin::BuiltinAnchors,
            ),
            _ => crate::cards::rows_for_document_keyed(
                self.origin,
                doc_key,
                &self.path,
                &parsed,
                card_seed,
                &mut crate::questions::DiskAnchors::default(),
            ),
        };
        let made = rows(&self.doc_key);
        let rekeyed = match &self.rekey_from {
            Some(old_key) => pair_ids(&rows(old_key), &made),
            None => Rekeyed::default(),
        };
        self.warnings.extend(
            made.question_problems
                .iter()
                .map(|p| format!("line {}: question left out: {}", p.line, p.detail)),
        );
        // Lines stating retired, renamed or changed AWS facts; their cards start suspended.
        self.warnings
            .extend(made.stale.iter().map(crate::model::StaleWarning::describe));
        let term_counts = store::term_counts(&parsed.sections);
        ParsedFile {
            job: self,
            parsed,
            cards: made.cards,
            questions: made.questions,
            term_counts,
            rekeyed,
        }
    }
}

/// What the first look at a source decided.
enum Step {
    /// Nothing to parse: unchanged, or skipped.
    Done(FileOutcome, Option<DocumentId>, Vec<String>),
    Parse(Box<ParseJob>),
}

/// A file of an import in walk order: its report, or the parse it waits for.
enum Entry {
    Done(FileReport),
    Parsing(String),
}

impl Library {
    /// Imports note files and folders (recursively: `.md`, `.markdown`, `.txt`). Unchanged
    /// files are skipped by content hash; changed files replace their sections in one
    /// transaction each. `progress` is called before each file; setting `cancel` stops the
    /// import between two files. Returns one report per file; an `Err` only for failures of
    /// the library itself.
    ///
    /// Files are parsed (sections, search terms, cards) on a second thread, a few files ahead
    /// of the one being written; writes and reports stay in walk order.
    pub fn import_paths<P: AsRef<Path>>(
        &mut self,
        paths: &[P],
        options: &ImportOptions,
        progress: &mut dyn FnMut(ImportProgress),
        cancel: &AtomicBool,
    ) -> Result<ImportReport> {
        self.import_folders(paths, options, None, progress, cancel)
    }

    /// [`Library::import_paths`] for the folder of the course pack `pack` (when given): its
    /// files are keyed in the pack's own key space (decision 0011), so they never take a
    /// learner's document nor give theirs away.
    pub(crate) fn import_folders<P: AsRef<Path>>(
        &mut self,
        paths: &[P],
        options: &ImportOptions,
        pack: Option<&str>,
        progress: &mut dyn FnMut(ImportProgress),
        cancel: &AtomicBool,
    ) -> Result<ImportReport> {
        let roots: Vec<PathBuf> = paths.iter().map(|p| p.as_ref().to_path_buf()).collect();
        let walk = walk::walk(&roots);
        let files_total = walk.found.len() as u32;
        let card_seed = self.card_seed();
        let mut report = ImportReport::default();
        let mut visited = BTreeSet::new();
        // Folders found moved (old root → new root), whose other documents follow them.
        let mut moved_roots = std::collections::BTreeMap::new();
        self.begin_bulk_writes()?;
        let written = std::thread::scope(|scope| -> Result<()> {
            let (job_tx, job_rx) = std::sync::mpsc::channel::<ParseJob>();
            let (parsed_tx, parsed_rx) = std::sync::mpsc::channel::<ParsedFile>();
            scope.spawn(move || {
                for job in job_rx {
                    if parsed_tx.send(job.parse(card_seed)).is_err() {
                        break;
                    }
                }
            });
            let mut queue = std::collections::VecDeque::new();
            let mut found = walk.found.into_iter();
            loop {
                // Look ahead: read and hash files, and hand those to parse to the other thread.
                let mut parsing = queue
                    .iter()
                    .filter(|e| matches!(e, Entry::Parsing(_)))
                    .count();
                while parsing < LOOKAHEAD {
                    let Some(next) = found.next() else { break };
                    let entry = match next {
                        walk::Found::Problem { path, outcome } => Entry::Done(FileReport {
                            path: walk::path_key(&path),
                            document_id: None,
                            outcome,
                            warnings: Vec::new(),
                        }),
                        walk::Found::File {
                            path,
                            size_bytes,
                            root,
                        } => match self.look_at_file(&path, &root, size_bytes, options, pack)? {
                            Ok(job) => {
                                if let (Some(from), Some(to)) = (&job.moved_from_root, &job.root)
                                    && from != to
                                {
                                    moved_roots.insert(from.clone(), to.clone());
                                }
                                let shown = job.path.clone();
                                job_tx.send(job).expect("the parser thread runs");
                                parsing += 1;
                                Entry::Parsing(shown)
                            }
                            Err(done) => Entry::Done(done),
                        },
                    };
                    queue.push_back(entry);
                }
                // Write the next file in walk order.
                let Some(entry) = queue.pop_front() else {
                    break;
                };
                let shown = match &entry {
                    Entry::Done(r) => r.path.clone(),
                    Entry::Parsing(path) => path.clone(),
                };
                visited.insert(shown.clone());
                if cancel.load(Ordering::Relaxed) {
                    report.is_cancelled = true;
                    break;
                }
                progress(ImportProgress {
                    files_done: report.files.len() as u32,
                    files_total,
                    current_path: shown.clone(),
                });
                let file_report = match entry {
                    Entry::Done(r) => r,
                    Entry::Parsing(_) => {
                        let file = parsed_rx.recv().expect("the parser thread answers");
                        let (outcome, id, warnings) = self.write_parsed(file)?;
                        FileReport {
                            path: shown,
                            document_id: id,
                            outcome,
                            warnings,
                        }
                    }
                };
                report.push(file_report);
            }
            Ok(())
        });
        let ended = self.end_bulk_writes();
        written.and(ended)?;
        // An import that prunes does not make the rest of a moved folder follow it: it would
        // delete at once what it did not meet (and a folder on a drive not mounted only looks
        // moved).
        if !report.is_cancelled && !options.prune {
            self.follow_moved_roots(&moved_roots)?;
        }
        if options.prune && !report.is_cancelled {
            for folder in &walk.folders {
                let folder = PathBuf::from(walk::path_key(folder));
                for (id, path) in store::documents_under(self.conn(), Origin::User, &folder)? {
                    if !visited.contains(&path) {
                        self.transact(|tx| store::delete_document(tx, id))?;
                        report.push(FileReport {
                            path,
                            document_id: Some(id),
                            outcome: FileOutcome::Pruned,
                            warnings: Vec::new(),
                        });
                    }
                }
            }
        }
        progress(ImportProgress {
            files_done: report.files.len().min(files_total as usize) as u32,
            files_total,
            current_path: String::new(),
        });
        self.invalidate_caches();
        Ok(report)
    }

    /// Imports one file or folder with default options, no progress and no cancellation.
    pub fn import_path(&mut self, path: impl AsRef<Path>) -> Result<ImportReport> {
        self.import_paths(
            &[path.as_ref()],
            &ImportOptions::default(),
            &mut |_| {},
            &AtomicBool::new(false),
        )
    }

    /// Reads a file and decides: `Ok` a parse to run, or `Err` its finished report
    /// (unchanged, skipped or unreadable).
    fn look_at_file(
        &self,
        path: &Path,
        root: &Path,
        size: u64,
        options: &ImportOptions,
        pack: Option<&str>,
    ) -> Result<std::result::Result<ParseJob, FileReport>> {
        let shown = walk::path_key(path);
        let report = |outcome, document_id, warnings| FileReport {
            path: shown.clone(),
            document_id,
            outcome,
            warnings,
        };
        if size > u64::from(options.max_file_bytes) {
            let outcome = FileOutcome::Skipped {
                reason: SkipReason::TooLarge,
                message: format!(
                    "{size} bytes is over the limit of {} bytes",
                    options.max_file_bytes
                ),
            };
            return Ok(Err(report(outcome, None, Vec::new())));
        }
        // The walk saw a regular file, but it may have been replaced since (by a named pipe
        // that would block a plain read forever) or have grown past the limit.
        let read = |path: &Path| -> std::io::Result<Vec<u8>> {
            use std::io::Read;
            let file = crate::paths::open_regular_file(path)?;
            let mut bytes = Vec::new();
            file.take(u64::from(options.max_file_bytes) + 1)
                .read_to_end(&mut bytes)?;
            Ok(bytes)
        };
        let bytes = match read(path) {
            Ok(b) if b.len() > options.max_file_bytes as usize => {
                let outcome = FileOutcome::Skipped {
                    reason: SkipReason::TooLarge,
                    message: format!(
                        "the file grew over the limit of {} bytes while it was read",
                        options.max_file_bytes
                    ),
                };
                return Ok(Err(report(outcome, None, Vec::new())));
            }
            Ok(b) => b,
            Err(e) => {
                let outcome = FileOutcome::Failed {
                    message: e.to_string(),
                };
                return Ok(Err(report(outcome, None, Vec::new())));
            }
        };
        let source = Source {
            origin: Origin::User,
            path: shown.clone(),
            bytes: &bytes,
            is_markdown_name: walk::is_markdown_name(path),
            stem: path
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default(),
        };
        Ok(match self.look_at_source(&source, Some(root), pack)? {
            Step::Parse(job) => Ok(*job),
            Step::Done(outcome, id, warnings) => Err(report(outcome, id, warnings)),
        })
    }

    /// Unchanged by hash, skipped if undecodable, else a parse to run. A file found under
    /// the folder `root` is identified as decision 0011 says (front-matter id, else its path
    /// under `root`); without a root (the built-in course) its path is its key.
    fn look_at_source(
        &self,
        source: &Source<'_>,
        root: Option<&Path>,
        pack: Option<&str>,
    ) -> Result<Step> {
        let hash = content_hash(source.bytes);
        let here = store::find_by_path(self.conn(), source.origin, &source.path)?;
        if let Some(doc) = &here
            && doc.hash == hash
            && (doc.doc_key.is_some() || root.is_none())
        {
            return Ok(Step::Done(FileOutcome::Unchanged, Some(doc.id), Vec::new()));
        }
        let existing_id = here.as_ref().map(|d| d.id);
        let (text, warning) = match document::decode(source.bytes) {
            Ok(decoded) => decoded,
            Err(why) => {
                let (reason, message) = match why {
                    document::Undecodable::Binary => {
                        (SkipReason::Binary, "looks like a binary file, not text")
                    }
                    document::Undecodable::Empty => (SkipReason::Empty, "the file has no text"),
                };
                let outcome = FileOutcome::Skipped {
                    reason,
                    message: message.into(),
                };
                return Ok(Step::Done(outcome, existing_id, Vec::new()));
            }
        };
        let mut warnings: Vec<String> = warning.into_iter().collect();
        let mut natural = None;
        let resolved = match root {
            None => identity::Resolved {
                doc_key: source.path.clone(),
                existing: existing_id,
                rekey_from: here.and_then(|d| d.doc_key).filter(|k| *k != source.path),
                moved_from_root: None,
                warning: None,
            },
            Some(root) => {
                let id = source
                    .is_markdown_name
                    .then(|| front_matter_id(&text))
                    .flatten();
                let key = identity::natural_key_in(id, root, Path::new(&source.path), pack);
                let resolved =
                    identity::resolve(self.conn(), source.origin, &source.path, root, &key)?;
                natural = Some(key);
                match resolved {
                    Ok(resolved) => resolved,
                    Err(message) => {
                        return Ok(Step::Done(
                            FileOutcome::Failed { message },
                            existing_id,
                            Vec::new(),
                        ));
                    }
                }
            }
        };
        warnings.extend(resolved.warning);
        Ok(Step::Parse(Box::new(ParseJob {
            origin: source.origin,
            path: source.path.clone(),
            doc_key: resolved.doc_key,
            root: root.map(walk::path_key),
            existing: resolved.existing,
            rekey_from: resolved.rekey_from,
            moved_from_root: resolved.moved_from_root,
            natural,
            warnings_before_parse: warnings.len(),
            hash,
            size_bytes: source.bytes.len() as i64,
            is_markdown_name: source.is_markdown_name,
            stem: source.stem.clone(),
            text,
            warnings,
        })))
    }

    /// Imports one source: unchanged by hash, skipped if undecodable, else parsed and written
    /// in one transaction.
    pub(crate) fn import_source(
        &mut self,
        source: &Source<'_>,
    ) -> Result<(FileOutcome, Option<DocumentId>, Vec<String>)> {
        match self.look_at_source(source, None, None)? {
            Step::Done(outcome, id, warnings) => Ok((outcome, id, warnings)),
            Step::Parse(job) => {
                let file = job.parse(self.card_seed());
                self.write_parsed(file)
            }
        }
    }

    /// Writes a parsed file: its document, sections and cards in one transaction. When
    /// another process took the file's key between resolving and writing (two folders with
    /// the same relative path imported at once), the key is resolved again and the file
    /// generated again under it.
    fn write_parsed(
        &mut self,
        mut file: ParsedFile,
    ) -> Result<(FileOutcome, Option<DocumentId>, Vec<String>)> {
        const ATTEMPTS: usize = 3;
        for _ in 0..ATTEMPTS {
            if let Some((outcome, id)) = self.write_parsed_once(&file)? {
                return Ok((outcome, Some(id), file.job.warnings));
            }
            let mut job = file.job;
            let (Some(natural), Some(root)) = (job.natural.clone(), job.root.clone()) else {
                unreachable!("only a file resolved under a folder finds its key taken")
            };
            match identity::resolve(
                self.conn(),
                job.origin,
                &job.path,
                Path::new(&root),
                &natural,
            )? {
                Ok(resolved) => {
                    job.doc_key = resolved.doc_key;
                    job.existing = resolved.existing;
                    job.rekey_from = resolved.rekey_from;
                    job.warnings.truncate(job.warnings_before_parse);
                    job.warnings.extend(resolved.warning);
                    job.warnings_before_parse = job.warnings.len();
                }
                Err(message) => {
                    return Ok((FileOutcome::Failed { message }, None, job.warnings));
                }
            }
            file = job.parse(self.card_seed());
        }
        let message = "other imports kept taking this note's identity; import it again".into();
        Ok((FileOutcome::Failed { message }, None, file.job.warnings))
    }

    /// One try of `write_parsed`: `None` when the key was taken by another file meanwhile.
    fn write_parsed_once(
        &mut self,
        file: &ParsedFile,
    ) -> Result<Option<(FileOutcome, DocumentId)>> {
        let ParsedFile {
            job,
            parsed,
            cards,
            questions,
            term_counts,
            rekeyed,
        } = file;
        let now_ms = self.clock().now().timestamp_millis();
        let written = store::DocumentWrite {
            origin: job.origin,
            path: &job.path,
            doc_key: &job.doc_key,
            root: job.root.as_deref(),
            hash: &job.hash,
            size_bytes: job.size_bytes,
            now_ms,
            document: parsed,
        };
        // The document is looked up again inside the write transaction, which holds the write
        // lock: another process importing the same folder (or the same name met twice) may
        // have written it since it was first looked at. Same content: nothing to write.
        let written = self.transact(|tx| {
            let current = store::find_by_key(tx, job.origin, &job.doc_key)?;
            if let Some(doc) = &current
                && doc.path != job.path
                && Some(doc.id) != job.existing
                && job.natural.is_some()
                && Path::new(&doc.path).exists()
            {
                return Ok(None);
            }
            if let Some(doc) = &current
                && doc.hash == job.hash
                && job.rekey_from.is_none()
            {
                // Same content at a new place (its folder moved): only the place changes.
                if doc.path != job.path {
                    store::relocate_document(tx, doc.id, &job.path, job.root.as_deref())?;
                }
                return Ok(Some((doc.id, None)));
            }
            let existing_id = current.map(|d| d.id).or(job.existing);
            for (old, new) in &rekeyed.cards {
                store::rename_card(tx, old, new)?;
            }
            for (old, new) in &rekeyed.questions {
                store::rename_question(tx, old, new)?;
            }
            let id = store::write_document(tx, existing_id, &written)?;
            store::replace_sections(tx, id, &parsed.sections, term_counts)?;
            crate::storage::cards::write_document_cards(tx, id, cards, now_ms)?;
            crate::storage::questions::write_document_questions(
                tx,
                id,
                questions,
                crate::model::domain_tags,
                now_ms,
            )?;
            Ok(Some((id, Some(existing_id.is_some()))))
        })?;
        Ok(written.map(|(id, update)| {
            let outcome = match update {
                None => FileOutcome::Unchanged,
                Some(is_update) => FileOutcome::Imported {
                    section_count: parsed.sections.len() as u32,
                    is_update,
                    format: parsed.format,
                },
            };
            (outcome, id)
        }))
    }

    /// Documents of a folder found moved that this import did not meet (their files were
    /// removed before the move) follow it, so they are not left behind at the old place: a
    /// later import with `prune` removes them like any other note whose file is gone.
    fn follow_moved_roots(
        &mut self,
        moved: &std::collections::BTreeMap<String, String>,
    ) -> Result<()> {
        for (from, to) in moved {
            if Path::new(from).exists() {
                continue;
            }
            let left = store::documents_of_root(self.conn(), Origin::User, from)?;
            self.transact(|tx| {
                for (id, path) in &left {
                    let Ok(rel) = Path::new(path).strip_prefix(from) else {
                        continue;
                    };
                    let new_path = walk::path_key(&Path::new(to).join(rel));
                    store::relocate_document(tx, *id, &new_path, Some(to))?;
                }
                Ok(())
            })?;
        }
        Ok(())
    }

    /// All documents, built-in first, then by path.
    pub fn documents(&self) -> Result<Vec<DocumentSummary>> {
        store::list_documents(self.conn())
    }

    /// Removes an imported document and its sections. Built-in documents are read-only.
    pub fn remove_document(&mut self, id: DocumentId) -> Result<()> {
        let doc = self
            .documents()?
            .into_iter()
            .find(|d| d.id == id)
            .ok_or_else(|| crate::Error::NotFound {
                what: "document",
                id: id.to_string(),
            })?;
        if doc.is_builtin {
            return Err(crate::Error::InvalidInput(format!(
                "{} is part of the built-in course and cannot be removed",
                doc.title
            )));
        }
        if let Some(pack) = crate::storage::pack::pack_of_document(self.conn(), id)? {
            return Err(crate::Error::InvalidInput(format!(
                "{} belongs to the course pack {pack}; remove the pack instead",
                doc.title
            )));
        }
        self.transact(|tx| store::delete_document(tx, id))?;
        self.invalidate_caches();
        Ok(())
    }
}
