//! Cards: quiz cards generated from notes, one generator per source (`table.rs`,
//! `definition.rs`, `numbers.rs`, `explicit.rs`, `compare.rs`), a quality gate and a stable
//! identity (`generate.rs`). Generation is pure and runs inside the import transaction of
//! its document, so a section is never stored without its cards. This module never
//! schedules reviews; the review log is keyed by the ids made here.

mod browse;
mod compare;
mod definition;
mod explicit;
mod generate;
mod model;
mod numbers;
mod stale;
mod table;
mod templates;
mod text;

#[cfg(test)]
mod tests;

use std::path::{Path, PathBuf};

use rand::seq::SliceRandom;

pub use browse::{BROWSE_TEXT_CHARS, CardPage, CardQuery};
pub use model::{CardLintFile, CardLintReport};

pub(crate) use generate::{Generation, SectionSource};

use crate::error::{Error, Result};
use crate::ids::SectionId;
use crate::model::{
    Card, CardEdit, CardFilter, CardId, CardRow, Lang, Origin, ParsedDocument, QuestionProblem,
    QuestionRow, StaleWarning, normalize_exam_code,
};
use crate::parse::document::parse_document;
use crate::questions::{AnchorSource, DiskAnchors, DocumentQuestions, QuestionSection};
use crate::text::blocks;
// The tests (`use super::*`) name the card vocabulary, which lives in `model`.
#[cfg(test)]
use crate::model::{CardKind, CardSkipReason, CardStatus, GeneratedCard, Generator};
use crate::storage::Library;
use crate::storage::cards as store;
#[cfg(test)]
use crate::text::norm as norm_text;

/// Bump when generators change, so that documents are generated again at their next import
/// or at the next start (for the built-in course). Mixed into import's content hash.
pub(crate) const GENERATOR_VERSION: &str = "cards-5";

/// What a document makes: its cards, its questions and the questions left out.
#[derive(Debug, Default)]
pub(crate) struct DocumentYield {
    pub cards: Vec<CardRow>,
    pub questions: Vec<QuestionRow>,
    pub question_problems: Vec<QuestionProblem>,
    /// Lines that state outdated AWS facts.
    pub stale: Vec<StaleWarning>,
}

/// Card and question ids are derived from the document's key (decision 0011), never from
/// where its file lies: `path` is only read for source links.
fn run(
    origin: Origin,
    doc_key: &str,
    path: &str,
    parsed: &ParsedDocument,
    seed: u64,
    anchors: &mut dyn AnchorSource,
) -> (Lang, Generation, DocumentQuestions) {
    let lang = Lang::from_code(&parsed.lang);
    let sources: Vec<SectionSource<'_>> = parsed
        .sections
        .iter()
        .map(|s| SectionSource {
            heading_key: &s.heading_key,
            heading_path: &s.draft.heading_path,
            markdown: &s.draft.markdown,
            line_start: s.draft.line_start,
        })
        .collect();
    let key = crate::parse::keys::id_key(origin, doc_key);
    let check_stale = origin != Origin::Builtin;
    let mut generation = generate::generate(&key, lang, &sources, seed, check_stale);
    let sections: Vec<QuestionSection<'_>> = parsed
        .sections
        .iter()
        .map(|s| QuestionSection {
            heading: &s.draft.heading,
            heading_path: &s.draft.heading_path,
            tags: &s.draft.tags,
        })
        .collect();
    let groups = std::mem::take(&mut generation.question_groups);
    let questions = crate::questions::build(&key, path, &sections, groups, anchors);
    (lang, generation, questions)
}

/// The outdated AWS facts a section of a note states (none for the built-in course), told
/// in Korean when the section is written in Korean.
pub(crate) fn stale_warnings(
    markdown: &str,
    line_start: u32,
    heading_path: &[String],
    origin: Origin,
) -> Vec<StaleWarning> {
    if origin == Origin::Builtin {
        return Vec::new();
    }
    let is_korean = markdown
        .chars()
        .any(|c| ('\u{AC00}'..='\u{D7A3}').contains(&c));
    let lang = if is_korean { Lang::Ko } else { Lang::En };
    stale::scan(markdown, line_start, heading_path, lang)
}

/// The cards and questions of a parsed document whose key is its `path`, ready to store with
/// `storage::cards` and `storage::questions`. Source links of questions are checked with
/// `anchors`.
pub(crate) fn rows_for_document(
    origin: Origin,
    path: &str,
    parsed: &ParsedDocument,
    seed: u64,
    anchors: &mut dyn AnchorSource,
) -> DocumentYield {
    rows_for_document_keyed(origin, path, path, parsed, seed, anchors)
}

/// The cards and questions of a parsed document known by `doc_key` (decision 0011) whose
/// file is at `path`.
pub(crate) fn rows_for_document_keyed(
    origin: Origin,
    doc_key: &str,
    path: &str,
    parsed: &ParsedDocument,
    seed: u64,
    anchors: &mut dyn AnchorSource,
) -> DocumentYield {
    let (lang, mut generation, questions) = run(origin, doc_key, path, parsed, seed, anchors);
    let stale = std::mem::take(&mut generation.stale);
    let cards = generation
        .cards
        .into_iter()
        .map(|(index, card)| {
            let section = &parsed.sections[index];
            CardRow {
                card,
                section_key: section.section_key.clone(),
                heading_key: section.heading_key.clone(),
                tags: section.draft.tags.clone(),
                lang,
            }
        })
        .collect();
    let question_rows = questions
        .questions
        .into_iter()
        .map(|(index, question)| {
            let section = &parsed.sections[index];
            QuestionRow {
                question,
                section_key: section.section_key.clone(),
                heading_key: section.heading_key.clone(),
                lang,
            }
        })
        .collect();
    DocumentYield {
        cards,
        questions: question_rows,
        question_problems: questions.problems,
        stale,
    }
}

/// Lints one text as a note at `path`, known by that path: the cards it makes and what it
/// skips.
pub(crate) fn lint_text(path: &str, text: &str, is_markdown_name: bool, seed: u64) -> CardLintFile {
    lint_text_keyed(path, path, text, is_markdown_name, seed)
}

/// Lints one text as a note at `path` known by `doc_key` (decision 0011).
fn lint_text_keyed(
    doc_key: &str,
    path: &str,
    text: &str,
    is_markdown_name: bool,
    seed: u64,
) -> CardLintFile {
    let text = text.replace("\r\n", "\n");
    let stem = Path::new(path)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let parsed = parse_document(&text, is_markdown_name, &stem);
    let (lang, generation, questions) = run(
        Origin::User,
        doc_key,
        path,
        &parsed,
        seed,
        &mut DiskAnchors::default(),
    );
    CardLintFile {
        path: path.to_string(),
        lang,
        cards: generation.cards.into_iter().map(|(_, c)| c).collect(),
        skipped: generation.skipped,
        questions: questions.questions.into_iter().map(|(_, q)| q).collect(),
        question_problems: questions.problems,
        stale: generation.stale,
    }
}

fn canonical(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
}

fn note_files(root: &Path) -> Vec<PathBuf> {
    let is_note = |p: &Path| {
        p.extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| matches!(e.to_ascii_lowercase().as_str(), "md" | "markdown" | "txt"))
    };
    if root.is_file() {
        return vec![root.to_path_buf()];
    }
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(root)
        .follow_links(false)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file() && is_note(e.path()))
        .map(|e| e.into_path())
        .collect();
    files.sort();
    files
}

impl Library {
    /// The seed of every random choice made while generating cards.
    pub(crate) fn card_seed(&self) -> u64 {
        self.rng_for(0x6361_7264).seed_u64()
    }

    /// The cards the note files under `paths` would make, line by line, and what they skip
    /// and why — without importing anything. Ids equal those an import of the same paths
    /// gives.
    pub fn lint_cards<P: AsRef<Path>>(&self, paths: &[P]) -> Result<CardLintReport> {
        let seed = self.card_seed();
        let mut report = CardLintReport::default();
        for root in paths {
            let root = root.as_ref();
            if !root.exists() {
                return Err(Error::NotFound {
                    what: "path",
                    id: root.display().to_string(),
                });
            }
            for file in note_files(root) {
                // Opened without blocking (a named pipe is refused), read up to the import's
                // default size bound.
                let limit = u64::from(crate::parse::DEFAULT_MAX_FILE_BYTES);
                let opened =
                    crate::paths::open_regular_file(&file).map_err(|e| Error::io(&file, e))?;
                let mut bytes = Vec::new();
                std::io::Read::read_to_end(&mut std::io::Read::take(opened, limit + 1), &mut bytes)
                    .map_err(|e| Error::io(&file, e))?;
                if bytes.len() as u64 > limit {
                    continue;
                }
                let Ok((text, _)) = crate::parse::document::decode(&bytes) else {
                    continue;
                };
                let is_md = file
                    .extension()
                    .and_then(|e| e.to_str())
                    .is_some_and(|e| !e.eq_ignore_ascii_case("txt"));
                // Keyed as an import of `root` keys it (a collision with another imported
                // folder, known only to the library, aside).
                let folder = if root.is_file() {
                    root.parent().unwrap_or(root)
                } else {
                    root
                };
                let natural = crate::parse::keys::natural_key(
                    is_md
                        .then(|| crate::parse::keys::front_matter_id(&text))
                        .flatten(),
                    &canonical(folder),
                    &canonical(&file),
                );
                let linted = lint_text_keyed(
                    &natural.key(),
                    &file.display().to_string(),
                    &text,
                    is_md,
                    seed,
                );
                report.card_count += linted.cards.len() as u32;
                report.skipped_count += linted.skipped.len() as u32;
                report.question_count += linted.questions.len() as u32;
                report.question_problem_count += linted.question_problems.len() as u32;
                report.stale_count += linted.stale.len() as u32;
                report.files.push(linted);
            }
        }
        Ok(report)
    }

    /// One card by id.
    pub fn card(&self, id: &CardId) -> Result<Card> {
        store::get_card(self.conn(), id)?.ok_or_else(|| Error::NotFound {
            what: "card",
            id: id.to_string(),
        })
    }

    /// A card as shown in review number `review_count`: MCQ options shuffled by a seed from
    /// the card id and the count, so each review has its own order and a replay the same.
    pub fn card_for_review(&self, id: &CardId, review_count: u32) -> Result<Card> {
        let mut card = self.card(id)?;
        let key =
            generate::id_seed(id) ^ u64::from(review_count).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        card.options.shuffle(&mut self.rng_for(key));
        Ok(card)
    }

    /// The active and suspended cards made from a section, in note order.
    pub fn cards_for_section(&self, section_id: SectionId) -> Result<Vec<Card>> {
        store::cards_of_section(self.conn(), section_id)?.ok_or_else(|| Error::NotFound {
            what: "section",
            id: section_id.to_string(),
        })
    }

    /// Cards matching `filter` (exam, topic, document, statuses, limit).
    pub fn list_cards(&self, filter: &CardFilter) -> Result<Vec<Card>> {
        let exam = match filter.exam.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(raw) => Some(normalize_exam_code(raw).ok_or_else(|| {
                Error::InvalidInput(format!("unknown exam code: {raw} (try SAA, DVA, SOA, CLF)"))
            })?),
        };
        store::list_cards(self.conn(), filter, exam.as_deref())
    }

    /// Hides a card from reviews; it keeps its history and stays suspended across re-imports.
    pub fn suspend_card(&mut self, id: &CardId) -> Result<Card> {
        self.set_suspended(id, true)
    }

    /// Shows a suspended card in reviews again.
    pub fn unsuspend_card(&mut self, id: &CardId) -> Result<Card> {
        self.set_suspended(id, false)
    }

    fn set_suspended(&mut self, id: &CardId, is_suspended: bool) -> Result<Card> {
        let now_ms = self.clock().now().timestamp_millis();
        let found = self.transact(|tx| store::set_suspended(tx, id, is_suspended, now_ms))?;
        if !found {
            return Err(Error::NotFound {
                what: "card",
                id: id.to_string(),
            });
        }
        self.card(id)
    }

    /// Replaces the user's edit of a card: `Some` text overrides the generated prompt or
    /// answer, `None` shows the generated one (both `None` removes the edit). The edit is
    /// keyed by card id, so it survives re-imports for as long as the card's prompt exists.
    pub fn edit_card(&mut self, id: &CardId, edit: &CardEdit) -> Result<Card> {
        let clean = |s: &Option<String>, what: &str| -> Result<Option<String>> {
            match s.as_deref().map(str::trim) {
                None => Ok(None),
                Some("") => Err(Error::InvalidInput(format!("the {what} cannot be empty"))),
                Some(t) => Ok(Some(t.to_string())),
            }
        };
        let prompt = clean(&edit.prompt, "question")?;
        let answer = clean(&edit.answer, "answer")?;
        self.card(id)?;
        let now_ms = self.clock().now().timestamp_millis();
        self.transact(|tx| {
            store::write_override(tx, id, prompt.as_deref(), answer.as_deref(), now_ms)
        })?;
        self.card(id)
    }
}

/// A `u64` drawn from an RNG; the card seed is derived once from the library seed.
trait SeedU64 {
    fn seed_u64(self) -> u64;
}

impl SeedU64 for rand::rngs::StdRng {
    fn seed_u64(mut self) -> u64 {
        rand::RngCore::next_u64(&mut self)
    }
}
