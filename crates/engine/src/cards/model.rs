//! The card types that cross the process boundary, and the draft a generator returns.

use rusqlite::types::{FromSql, FromSqlResult, ToSql, ToSqlOutput, ValueRef};
use serde::{Deserialize, Serialize};

use super::templates::Lang;
use crate::ids::DocumentId;

/// A card's identity: 32 hex digits of a hash of its section's stable key, its generator,
/// its kind and its normalized prompt (see `docs/decisions/0003-card-identity.md`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(transparent)]
pub struct CardId(pub String);

impl std::fmt::Display for CardId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl ToSql for CardId {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::from(self.0.as_str()))
    }
}

impl FromSql for CardId {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        Ok(CardId(value.as_str()?.to_string()))
    }
}

/// Which generator made a card: one per source of cards in a note.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum Generator {
    /// A fact table: entity rows, attribute columns.
    Table,
    /// `Term : description`, `**Term**: …`, or a bullet term with explaining children.
    Definition,
    /// A figure with a unit in a sentence.
    Number,
    /// Author syntax: `::`, `:::`, `==cloze==`, `{{c1::…}}`, `?` line, task-list choices.
    Explicit,
    /// An exam-style question missed or flagged in a practice exam.
    Question,
    /// Siblings (table rows, terms of one list) that differ in one attribute.
    Comparison,
}

impl Generator {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Generator::Table => "table",
            Generator::Definition => "definition",
            Generator::Number => "number",
            Generator::Explicit => "explicit",
            Generator::Comparison => "comparison",
            Generator::Question => "question",
        }
    }

    pub(crate) fn from_db(s: &str) -> Self {
        match s {
            "table" => Generator::Table,
            "definition" => Generator::Definition,
            "number" => Generator::Number,
            "comparison" => Generator::Comparison,
            "question" => Generator::Question,
            _ => Generator::Explicit,
        }
    }
}

/// How a card is asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum CardKind {
    /// Prompt → answer.
    Basic,
    /// The other direction of a pair (definition → term, answer → question).
    Reverse,
    /// A sentence with a hidden part.
    Cloze,
    /// Multiple choice; `options` holds the choices.
    Mcq,
}

impl CardKind {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            CardKind::Basic => "basic",
            CardKind::Reverse => "reverse",
            CardKind::Cloze => "cloze",
            CardKind::Mcq => "mcq",
        }
    }

    pub(crate) fn from_db(s: &str) -> Self {
        match s {
            "reverse" => CardKind::Reverse,
            "cloze" => CardKind::Cloze,
            "mcq" => CardKind::Mcq,
            _ => CardKind::Basic,
        }
    }
}

/// Whether a card is shown in reviews.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum CardStatus {
    /// Reviewed as usual.
    Active,
    /// Hidden from reviews by the user; comes back with `unsuspend_card`.
    Suspended,
    /// Its source is gone from the note; kept with its history, never shown.
    Retired,
}

impl CardStatus {
    pub(crate) fn from_db(s: &str) -> Self {
        match s {
            "suspended" => CardStatus::Suspended,
            "retired" => CardStatus::Retired,
            _ => CardStatus::Active,
        }
    }
}

/// One choice of a multiple-choice card.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct McqOption {
    pub text: String,
    pub is_correct: bool,
    /// Why the option is right or wrong (question cards).
    #[serde(default)]
    pub explanation: Option<String>,
}

/// A stored card, ready to render: the text shown is the user's edit when there is one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Card {
    pub id: CardId,
    /// The document it came from; `None` once that document was removed.
    pub document_id: Option<DocumentId>,
    /// Identity of the section's current text (`sections.section_key`).
    pub section_key: String,
    /// Headings from the document title down to the card's section, shown as context.
    pub heading_path: Vec<String>,
    /// Exam codes of the section (`SAA`, `DVA`, …).
    pub exams: Vec<String>,
    /// Topic and service tags of the document.
    pub topics: Vec<String>,
    pub generator: Generator,
    pub kind: CardKind,
    pub prompt: String,
    pub answer: String,
    /// The choices of an MCQ card (correct ones and distractors), in stored order; empty
    /// for other kinds. Use `Library::card_for_review` for the per-review shuffled order.
    pub options: Vec<McqOption>,
    /// Language of the note, which is the language of the question.
    pub lang: Lang,
    /// 1-based line of the note the card came from.
    pub source_line: u32,
    /// The overall explanation shown after answering (question cards).
    pub explanation: Option<String>,
    /// About a fact newer than the exam guides (the note marked it `[new]` / `[신규]`).
    pub is_new: bool,
    /// Outdated facts its source line states, with the current ones; empty for most cards.
    pub stale: Vec<super::StaleWarning>,
    pub status: CardStatus,
    /// True when prompt or answer come from the user's edit rather than the note.
    pub is_edited: bool,
    /// The generated prompt and answer, when `is_edited` (so an edit can be compared or undone).
    pub generated_prompt: Option<String>,
    pub generated_answer: Option<String>,
}

/// A user's change to a card's text; `None` keeps the generated text.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default)]
pub struct CardEdit {
    pub prompt: Option<String>,
    pub answer: Option<String>,
}

/// Which cards to list.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default)]
pub struct CardFilter {
    /// Exam code in any spelling (`saa`, `SAA-C03`).
    pub exam: Option<String>,
    /// A topic or service tag (`s3`, `pricing`), or a word of the document's path.
    pub topic: Option<String>,
    pub document_id: Option<DocumentId>,
    /// Also list suspended cards.
    pub include_suspended: bool,
    /// Also list retired cards.
    pub include_retired: bool,
    /// At most this many cards (all when `None`).
    pub limit: Option<u32>,
}

/// Why a would-be card was not made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum CardSkipReason {
    /// Nothing to recall.
    EmptyAnswer,
    /// No question text.
    EmptyPrompt,
    /// Longer than about 200 characters: too long to recall word for word.
    AnswerTooLong,
    /// Longer than a reader takes in at once.
    PromptTooLong,
    /// The answer can be read off the question.
    AnswerInPrompt,
    /// Another card of the section asks the same.
    Duplicate,
    /// An MCQ without 3 plausible distractors of the same kind.
    TooFewDistractors,
    /// A distractor equal to the answer.
    DistractorEqualsAnswer,
    /// The text leans on what comes before it ("also", "for example", "as above"), so it
    /// cannot be asked on its own.
    NeedsContext,
    /// A table that cannot be read as entity rows and attribute columns.
    MalformedTable,
    /// Explicit syntax that is incomplete (an MCQ without a checked option, `::` with one side).
    IncompleteSyntax,
}

/// A card as generated from a note, before storage: what `stratus cards lint` shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct GeneratedCard {
    pub id: CardId,
    pub heading_path: Vec<String>,
    pub generator: Generator,
    pub kind: CardKind,
    pub prompt: String,
    pub answer: String,
    pub options: Vec<McqOption>,
    pub line: u32,
    /// From a line marked `[new]` / `[신규]`: newer than the exam guides.
    pub is_new: bool,
    /// Outdated facts its line states (imported notes only); such a card starts suspended.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub stale: Vec<super::StaleWarning>,
}

/// Something in a note that made no card, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct SkippedCard {
    pub line: u32,
    pub heading_path: Vec<String>,
    pub generator: Generator,
    pub reason: CardSkipReason,
    /// The prompt (or source text) that was skipped.
    pub text: String,
    /// A sentence for the author: what to change.
    pub detail: String,
}

/// The cards of one file, and what was skipped.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct CardLintFile {
    pub path: String,
    pub lang: Lang,
    pub cards: Vec<GeneratedCard>,
    pub skipped: Vec<SkippedCard>,
    /// Exam-style questions the file holds (docs/card-syntax.md, section 5).
    pub questions: Vec<crate::questions::GeneratedQuestion>,
    /// Questions left out, with the problem.
    pub question_problems: Vec<crate::questions::QuestionProblem>,
    /// Lines that state a retired, renamed or changed AWS fact, with the current one.
    pub stale: Vec<super::StaleWarning>,
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
