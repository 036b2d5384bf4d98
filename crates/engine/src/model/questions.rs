//! The question types that cross the process boundary.

use rusqlite::types::{FromSql, FromSqlResult, ToSql, ToSqlOutput, ValueRef};
use serde::{Deserialize, Serialize};

use super::cards::Lang;
use crate::ids::{DocumentId, SectionId};

/// A question's identity: 32 hex digits of a hash of its document's identity and its
/// normalized stem (plus its occurrence, for a stem written twice).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(transparent)]
pub struct QuestionId(pub String);

impl std::fmt::Display for QuestionId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl ToSql for QuestionId {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::from(self.0.as_str()))
    }
}

impl FromSql for QuestionId {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        Ok(QuestionId(value.as_str()?.to_string()))
    }
}

/// One option of a question, with why it is right or wrong.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct QuestionOption {
    pub text: String,
    pub is_correct: bool,
    pub explanation: String,
}

/// An exam a question belongs to, and the domain of its exam guide.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct QuestionExam {
    /// Short exam code: `SAA`, `DVA`, `SOA`, `CLF`.
    pub exam: String,
    /// Domain number in the exam guide (1-based).
    pub domain: u32,
}

/// Where a question's answer is taught: a heading of a note.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct QuestionSource {
    /// The path of the note, in the form the library stores document paths.
    pub path: String,
    /// The heading's anchor (`#버킷-정책` without `#`).
    pub anchor: String,
}

/// A question read from a note, before storage: what `stratus cards lint` shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct GeneratedQuestion {
    pub id: QuestionId,
    pub heading_path: Vec<String>,
    pub line: u32,
    pub stem: String,
    /// How many options are correct; all of them must be chosen.
    pub choose: u32,
    pub options: Vec<QuestionOption>,
    pub explanation: String,
    pub exams: Vec<QuestionExam>,
    pub topic: String,
    pub source: Option<QuestionSource>,
    /// About something newer than the exam guides.
    pub is_new: bool,
}

/// Why a question was left out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum QuestionProblemKind {
    /// No option is checked.
    NoCorrectOption,
    /// Every option is checked.
    AllOptionsCorrect,
    /// An option without an explanation (or without text).
    OptionWithoutExplanation,
    /// The stem's "choose N" differs from the number of checked options.
    ChooseMismatch,
    /// An exam code that is none of the four.
    UnknownExam,
    /// A domain number missing or not in the exam guide.
    UnknownDomain,
    /// No exam, neither on the question nor in the front matter.
    MissingExam,
    /// Two options with the same text.
    DuplicateOption,
    /// A source that is not a link, or links to no heading.
    BrokenSource,
    /// No overall explanation.
    MissingExplanation,
    /// Fewer than 2 or more than 8 options.
    OptionCount,
    /// A text over the size bound.
    TooLong,
}

/// A question that was left out, and what to change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct QuestionProblem {
    pub line: u32,
    pub heading_path: Vec<String>,
    pub kind: QuestionProblemKind,
    /// The start of the stem.
    pub stem: String,
    /// A sentence for the author.
    pub detail: String,
}

/// A stored question.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Question {
    pub id: QuestionId,
    pub document_id: Option<DocumentId>,
    /// Title of the document.
    pub document_title: String,
    pub heading_path: Vec<String>,
    pub lang: Lang,
    pub line: u32,
    pub stem: String,
    pub choose: u32,
    pub options: Vec<QuestionOption>,
    pub explanation: String,
    pub exams: Vec<QuestionExam>,
    pub topic: String,
    pub source: Option<QuestionSource>,
    pub is_new: bool,
    /// False once its note no longer holds it (kept for the history of attempts).
    pub is_active: bool,
}

/// Which questions to list.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default)]
pub struct QuestionFilter {
    /// Exam code in any spelling (`saa`, `SAA-C03`).
    pub exam: Option<String>,
    /// Domain number of that exam.
    pub domain: Option<u32>,
    /// Topic tag.
    pub topic: Option<String>,
    /// Only questions in this language (`ko`, `en`).
    pub lang: Option<Lang>,
    pub limit: Option<u32>,
}

/// A section a question's source link points at, once found in the library.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct SourceSection {
    pub section_id: SectionId,
    pub heading_path: Vec<String>,
}
