//! What `stratus cards lint` reports, and the draft a generator returns. The stored card
//! types are in the leaf module `model` (decision 0014).

use serde::{Deserialize, Serialize};

pub(crate) use crate::model::{
    CardId, CardKind, CardSkipReason, GeneratedCard, Generator, McqOption, SkippedCard,
};
use crate::model::{Lang, StaleWarning};

/// The cards of one file, and what was skipped.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct CardLintFile {
    pub path: String,
    pub lang: Lang,
    pub cards: Vec<GeneratedCard>,
    pub skipped: Vec<SkippedCard>,
    /// Exam-style questions the file holds (docs/card-syntax.md, section 5).
    pub questions: Vec<crate::model::GeneratedQuestion>,
    /// Questions left out, with the problem.
    pub question_problems: Vec<crate::model::QuestionProblem>,
    /// Lines that state a retired, renamed or changed AWS fact, with the current one.
    pub stale: Vec<StaleWarning>,
}

/// `stratus cards lint`: one entry per file, in path order.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct CardLintReport {
    pub files: Vec<CardLintFile>,
    pub card_count: u32,
    pub skipped_count: u32,
    pub question_count: u32,
    pub question_problem_count: u32,
    /// Outdated claims over all files.
    pub stale_count: u32,
}

/// What a generator proposes, before the quality gate and identity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Draft {
    pub generator: Generator,
    pub kind: CardKind,
    pub prompt: String,
    pub answer: String,
    /// What the card asks, independent of template wording; the identity hashes this.
    pub prompt_key: String,
    pub line: u32,
    pub mcq: Option<Mcq>,
}

impl Draft {
    /// A cloze draft: `prompt` holds `[...]` where `answer` was; its identity is the prompt
    /// with the gap, whatever generator found it.
    pub(crate) fn cloze(generator: Generator, prompt: String, answer: String, line: u32) -> Self {
        Draft {
            generator,
            kind: CardKind::Cloze,
            prompt_key: format!("cloze|{}", super::text::cloze_key(&prompt)),
            prompt,
            answer,
            line,
            mcq: None,
        }
    }
}

/// Choices of a multiple-choice draft.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Mcq {
    pub correct: Vec<String>,
    /// Candidate distractors of the same kind; generated cards draw 3 of them.
    pub distractors: Vec<String>,
    /// The author wrote the options: keep them all, as written.
    pub is_authored: bool,
}

/// A generator's output for a section: drafts plus things it declined with a reason.
#[derive(Debug, Default)]
pub(crate) struct Yield {
    pub drafts: Vec<Draft>,
    pub skipped: Vec<(u32, Generator, CardSkipReason, String, String)>,
}

impl Yield {
    pub fn skip(
        &mut self,
        line: u32,
        generator: Generator,
        reason: CardSkipReason,
        text: impl Into<String>,
        detail: impl Into<String>,
    ) {
        self.skipped
            .push((line, generator, reason, text.into(), detail.into()));
    }
}
