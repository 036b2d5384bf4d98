//! The vocabulary of cards that storage keeps and the process boundary carries: a card's
//! id, generator, kind and status, the stored card, its choices, the language of its note,
//! the outdated facts it states, and a generated card with the section data stored beside
//! it. Generating cards, the quality gate and the staleness scan are `cards`' business.

use rusqlite::types::{FromSql, FromSqlResult, ToSql, ToSqlOutput, ValueRef};
use serde::{Deserialize, Serialize};

use super::questions::GeneratedQuestion;
use super::tags::SectionTags;
use crate::ids::DocumentId;

/// The language questions are written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum Lang {
    Ko,
    En,
}

impl Lang {
    /// `ko` for Korean notes, English for everything else.
    pub fn from_code(code: &str) -> Self {
        if code.trim().to_ascii_lowercase().starts_with("ko") {
            Lang::Ko
        } else {
            Lang::En
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Lang::Ko => "ko",
            Lang::En => "en",
        }
    }
}

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
    pub stale: Vec<StaleWarning>,
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
    pub stale: Vec<StaleWarning>,
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

/// What kind of outdated claim a line makes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum StaleKind {
    /// A feature or service that is gone or closed to new customers.
    Retired,
    /// Something that now has another name.
    Renamed,
    /// A behaviour or default that changed.
    Changed,
    /// A claim that was never true.
    Wrong,
    /// An old figure of a subject (a limit, a quota).
    Figure,
}

/// A line of notes that states an outdated AWS fact, with the current one.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct StaleWarning {
    /// 1-based line of the note.
    pub line: u32,
    /// The entry of the list that matched (`spot-blocks`, `gp3-max-iops`).
    pub entry: String,
    pub kind: StaleKind,
    /// The line as written, trimmed (at most 160 characters).
    pub claim: String,
    /// The current fact, in the language of the note.
    pub current: String,
    /// When it changed: `YYYY-MM-DD`, `YYYY-MM` or `YYYY`; empty for a claim never true.
    pub changed: String,
    /// The title of the AWS page that states the current fact.
    pub source: String,
}

impl StaleWarning {
    /// One line for reports: "line 12: outdated (spot-blocks): … — source".
    pub fn describe(&self) -> String {
        let when = if self.changed.is_empty() {
            String::new()
        } else {
            format!(" [{}]", self.changed)
        };
        format!(
            "line {}: outdated ({}){when}: {} — {}",
            self.line, self.entry, self.current, self.source
        )
    }
}

/// A generated card with the section data stored beside it.
#[derive(Debug, Clone)]
pub(crate) struct CardRow {
    pub card: GeneratedCard,
    pub section_key: String,
    pub heading_key: String,
    pub tags: SectionTags,
    pub lang: Lang,
}

/// A generated question with the section data stored beside it.
#[derive(Debug, Clone)]
pub(crate) struct QuestionRow {
    pub question: GeneratedQuestion,
    pub section_key: String,
    pub heading_key: String,
    pub lang: Lang,
}
