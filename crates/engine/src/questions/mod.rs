//! Exam-style questions written in notes (docs/card-syntax.md, section 5): read from the
//! same blocks as cards (`parse.rs`), given a content-derived identity, their source links
//! checked against the headings of the notes they point at, and stored beside the cards.
//! Practice exams (`crate::exams`) draw from them.

pub(crate) mod parse;

use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::path::Path;

use rusqlite::Connection;

pub use crate::model::{
    GeneratedQuestion, Question, QuestionExam, QuestionFilter, QuestionId, QuestionOption,
    QuestionProblem, QuestionProblemKind, QuestionSource, SourceSection,
};
pub(crate) use parse::{QuestionBlocks, take_questions};

use crate::error::{Error, Result};
use crate::ids::SectionId;
use crate::model::{Lang, SectionTags, normalize_exam_code};
use crate::storage::Library;
use crate::storage::questions as store;

/// Mixed into every question id; bump only to deliberately re-key all questions.
const ID_DOMAIN: &str = "stratus-question-1";

/// The anchor of a heading, as GitHub and most markdown tools make it: lower case, every
/// character but letters, digits, spaces, `-` and `_` removed, spaces turned into `-`.
pub fn heading_anchor(heading: &str) -> String {
    heading
        .trim()
        .to_lowercase()
        .chars()
        .filter(|c| c.is_alphanumeric() || matches!(c, ' ' | '-' | '_'))
        .map(|c| if c == ' ' { '-' } else { c })
        .collect()
}

/// `link` (relative, as written in a note) resolved against the note at `doc_path`, without
/// touching the file system: `ko/questions/a.md` + `../b.md` → `ko/b.md`. An empty link is
/// the note itself. Uses the note's own separator.
pub(crate) fn join_link(doc_path: &str, link: &str) -> String {
    if link.is_empty() {
        return doc_path.to_string();
    }
    let sep = if doc_path.contains('/') || !doc_path.contains('\\') {
        '/'
    } else {
        '\\'
    };
    let is_absolute = doc_path.starts_with(['/', '\\']);
    let mut parts: Vec<&str> = doc_path
        .split(['/', '\\'])
        .filter(|p| !p.is_empty())
        .collect();
    parts.pop();
    for part in link.split(['/', '\\']) {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    let joined = parts.join(&sep.to_string());
    if is_absolute {
        format!("{sep}{joined}")
    } else {
        joined
    }
}

/// A question's identity: the document, the normalized stem and its options with their keys;
/// `occurrence` tells apart a stem written twice in one note. Explanations are not part of
/// it, so they can be improved freely; a changed option or key makes a new question, so the
/// answers of past attempts keep pointing at the options they were given.
fn question_id(
    document_key: &str,
    stem: &str,
    options: &[QuestionOption],
    occurrence: usize,
) -> QuestionId {
    let mut hasher = blake3::Hasher::new();
    let stem = crate::text::norm(stem);
    let occurrence = occurrence.to_string();
    let options: Vec<String> = options
        .iter()
        .map(|o| format!("{}{}", u8::from(o.is_correct), crate::text::norm(&o.text)))
        .collect();
    for part in [ID_DOMAIN, document_key, stem.as_str(), occurrence.as_str()]
        .into_iter()
        .chain(options.iter().map(String::as_str))
    {
        hasher.update(&(part.len() as u64).to_le_bytes());
        hasher.update(part.as_bytes());
    }
    QuestionId(hasher.finalize().to_hex()[..32].to_string())
}

/// One section of a document as question building sees it.
pub(crate) struct QuestionSection<'a> {
    pub heading: &'a str,
    pub heading_path: &'a [String],
    pub tags: &'a SectionTags,
}

/// The questions of a document, each with the index of its section, and the problems.
#[derive(Debug, Default)]
pub(crate) struct DocumentQuestions {
    pub questions: Vec<(usize, GeneratedQuestion)>,
    pub problems: Vec<QuestionProblem>,
}

/// Finds the heading anchors of other notes: given a document path (as [`join_link`] makes
/// it), the anchors of its headings, or `None` when there is no such note.
pub(crate) trait AnchorSource {
    fn anchors(&mut self, path: &str) -> Option<Vec<String>>;
}

/// Anchors of note files read from disk, each file read once.
#[derive(Default)]
pub(crate) struct DiskAnchors {
    cache: HashMap<String, Option<Vec<String>>>,
}

/// Largest linked note read to check a source link.
const MAX_LINKED_NOTE_BYTES: u64 = 20 * 1024 * 1024;

/// Most distinct notes one document's source links may make us read.
const MAX_LINKED_NOTES: usize = 64;

impl AnchorSource for DiskAnchors {
    fn anchors(&mut self, path: &str) -> Option<Vec<String>> {
        // Only note files are read (a link to any other file is no source), and only so many.
        let lower = path.to_ascii_lowercase();
        if ![".md", ".markdown", ".txt"]
            .iter()
            .any(|e| lower.ends_with(e))
        {
            return None;
        }
        if !self.cache.contains_key(path) && self.cache.len() >= MAX_LINKED_NOTES {
            return None;
        }
        self.cache
            .entry(path.to_string())
            .or_insert_with(|| {
                // Opened without blocking (a named pipe is refused) and read up to the bound.
                let file = crate::paths::open_regular_file(Path::new(path)).ok()?;
                let mut bytes = Vec::new();
                std::io::Read::read_to_end(
                    &mut std::io::Read::take(file, MAX_LINKED_NOTE_BYTES + 1),
                    &mut bytes,
                )
                .ok()?;
                if bytes.len() as u64 > MAX_LINKED_NOTE_BYTES {
                    return None;
                }
                let (text, _) = crate::parse::document::decode(&bytes).ok()?;
                let is_md = !path.to_ascii_lowercase().ends_with(".txt");
                Some(anchors_of_text(&text, is_md))
            })
            .clone()
    }
}

/// The heading anchors of a note's text.
pub(crate) fn anchors_of_text(text: &str, is_markdown: bool) -> Vec<String> {
    let parsed = crate::parse::document::parse_document(text, is_markdown, "");
    parsed
        .sections
        .iter()
        .map(|s| heading_anchor(&s.draft.heading))
        .collect()
}

/// Reads, identifies and checks the question groups of a document.
pub(crate) fn build(
    document_key: &str,
    doc_path: &str,
    sections: &[QuestionSection<'_>],
    groups: Vec<(usize, QuestionBlocks)>,
    others: &mut dyn AnchorSource,
) -> DocumentQuestions {
    let own: Vec<String> = sections.iter().map(|s| heading_anchor(s.heading)).collect();
    let mut out = DocumentQuestions::default();
    let mut occurrences: HashMap<String, usize> = HashMap::new();
    for (index, group) in groups {
        let section = &sections[index];
        let draft = match parse::read(&group, section.tags) {
            Ok(draft) => draft,
            Err(p) => {
                out.problems.push(QuestionProblem {
                    line: p.line,
                    heading_path: section.heading_path.to_vec(),
                    kind: p.kind,
                    stem: p.stem,
                    detail: p.detail,
                });
                continue;
            }
        };
        let source = match &draft.source {
            None => None,
            Some((link, anchor)) => {
                let path = join_link(doc_path, link);
                let anchors = if link.is_empty() {
                    Some(own.clone())
                } else {
                    others.anchors(&path)
                };
                let wanted = heading_anchor(anchor);
                let problem = match anchors {
                    None => Some(format!(
                        "the source links to {link:?}, which is not a note here"
                    )),
                    Some(list) if !list.contains(&wanted) => Some(format!(
                        "the source links to #{anchor} in {}, which has no such heading",
                        if link.is_empty() {
                            "this note"
                        } else {
                            link.as_str()
                        }
                    )),
                    Some(_) => None,
                };
                if let Some(detail) = problem {
                    out.problems.push(QuestionProblem {
                        line: draft.line,
                        heading_path: section.heading_path.to_vec(),
                        kind: QuestionProblemKind::BrokenSource,
                        stem: draft.stem.chars().take(120).collect(),
                        detail,
                    });
                    continue;
                }
                Some(QuestionSource {
                    path,
                    anchor: wanted,
                })
            }
        };
        let key = crate::text::norm(&draft.stem);
        let n = occurrences.entry(key).or_default();
        let id = question_id(document_key, &draft.stem, &draft.options, *n);
        *n += 1;
        let topic = draft
            .topic
            .clone()
            .or_else(|| {
                Path::new(doc_path)
                    .file_stem()
                    .map(|s| s.to_string_lossy().into_owned())
            })
            .unwrap_or_default();
        out.questions.push((
            index,
            GeneratedQuestion {
                id,
                heading_path: section.heading_path.to_vec(),
                line: draft.line,
                stem: draft.stem,
                choose: draft.choose,
                options: draft.options,
                explanation: draft.explanation,
                exams: draft
                    .exams
                    .into_iter()
                    .map(|(exam, domain)| QuestionExam { exam, domain })
                    .collect(),
                topic,
                source,
                is_new: draft.is_new,
            },
        ));
    }
    out
}

impl Library {
    /// Questions matching `filter`, in note order; only those still in their notes.
    pub fn list_questions(&self, filter: &QuestionFilter) -> Result<Vec<Question>> {
        let exam = match filter.exam.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(raw) => Some(normalize_exam_code(raw).ok_or_else(|| {
                Error::InvalidInput(format!("unknown exam code: {raw} (try SAA, DVA, SOA, CLF)"))
            })?),
        };
        store::list_questions(
            self.conn(),
            exam.as_deref(),
            filter.domain,
            filter.topic.as_deref(),
            filter.lang.map(Lang::as_str),
            filter.limit,
        )
    }

    /// One question by id, also when its note no longer holds it.
    pub fn question(&self, id: &QuestionId) -> Result<Question> {
        store::get_question(self.conn(), id)?.ok_or_else(|| Error::NotFound {
            what: "question",
            id: id.to_string(),
        })
    }

    /// The section a question's source link points at, when that note is in the library.
    pub fn question_source_section(&self, id: &QuestionId) -> Result<Option<SourceSection>> {
        let question = self.question(id)?;
        let Some(source) = question.source else {
            return Ok(None);
        };
        SourceSections::new(self.conn()).find(&source)
    }
}

/// Finds the sections that source links point at, as they are in the library now (section
/// ids change when a note is imported again, so a link is resolved when it is shown, never
/// stored). Each linked note's sections are read once. Everything that shows or opens a
/// question's source goes through here, so the headings shown and the section opened agree.
pub(crate) struct SourceSections<'c> {
    conn: &'c Connection,
    notes: HashMap<String, Vec<(SectionId, Vec<String>)>>,
}

impl<'c> SourceSections<'c> {
    /// A finder reading from `conn`.
    pub(crate) fn new(conn: &'c Connection) -> Self {
        Self {
            conn,
            notes: HashMap::new(),
        }
    }

    /// The first section of the note at `source.path` (the built-in copy first) whose own
    /// heading has the source's anchor, or `None` when there is no such note or heading.
    pub(crate) fn find(&mut self, source: &QuestionSource) -> Result<Option<SourceSection>> {
        let sections = match self.notes.entry(source.path.clone()) {
            Entry::Occupied(e) => e.into_mut(),
            Entry::Vacant(e) => e.insert(store::sections_of_path(self.conn, &source.path)?),
        };
        Ok(sections
            .iter()
            .find(|(_, heading_path)| {
                heading_path
                    .last()
                    .is_some_and(|h| heading_anchor(h) == source.anchor)
            })
            .map(|(section_id, heading_path)| SourceSection {
                section_id: *section_id,
                heading_path: heading_path.clone(),
            }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn anchors_follow_the_common_slug_rule() {
        assert_eq!(
            heading_anchor("버킷 정책과 Block Public Access"),
            "버킷-정책과-block-public-access"
        );
        assert_eq!(
            heading_anchor("S3 Glacier: retrieval options"),
            "s3-glacier-retrieval-options"
        );
        assert_eq!(heading_anchor("RTO/RPO (복구 목표)"), "rtorpo-복구-목표");
    }

    #[test]
    fn links_join_lexically() {
        assert_eq!(join_link("ko/questions/a.md", "../b.md"), "ko/b.md");
        assert_eq!(join_link("ko/a.md", "b.md"), "ko/b.md");
        assert_eq!(join_link("/n/q/a.md", "./x/../b.md"), "/n/q/b.md");
        assert_eq!(join_link("/n/a.md", ""), "/n/a.md");
        assert_eq!(join_link(r"C:\n\q\a.md", r"..\b.md"), r"C:\n\b.md");
    }
}
