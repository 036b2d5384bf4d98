//! The vocabulary of documents and sections shared by import, storage, search, cards and
//! the rest: plain data types with no behaviour beyond naming their stored form. A leaf
//! module: it imports only `ids` and other leaves, never a domain (decision 0014).
//! Reviewing and practice exams have their share too: ratings, phases and scheduling
//! states, attempt ids, modes and statuses as stored. So do cards and questions (ids,
//! stored rows, the browser's list), the records of progress files, and the exams themselves:
//! their codes and their guides' domains.

mod browse;
mod cards;
mod document;
mod exams;
mod guides;
mod problems;
mod questions;
mod review;
mod tags;
mod transfer;

pub(crate) use browse::BrowseFilter;
pub use browse::{CardListItem, CardSort, CardState};
pub use cards::{
    Card, CardEdit, CardFilter, CardId, CardKind, CardSkipReason, CardStatus, GeneratedCard,
    Generator, Lang, McqOption, SkippedCard, StaleKind, StaleWarning,
};
pub(crate) use cards::{CardRow, QuestionRow};
pub use document::{DocumentFormat, DocumentSummary, Origin};
pub(crate) use document::{ParsedDocument, PreparedSection, SectionDraft};
pub use exams::{AttemptId, AttemptStatus, ExamMode};
pub(crate) use guides::domain_tags;
pub use guides::{ExamDomain, ExamGuide, ExamGuides, exam_guide, exam_guides, normalize_exam_code};
pub use problems::{ImageProblem, PackProblem};
pub use questions::{
    GeneratedQuestion, Question, QuestionExam, QuestionFilter, QuestionId, QuestionOption,
    QuestionProblem, QuestionProblemKind, QuestionSource, SourceSection,
};
pub(crate) use review::{Memory, SchedState, TrainingRow};
pub use review::{Phase, Rating, ReviewAction, ReviewSummary};
pub use tags::SectionTags;
pub(crate) use transfer::{
    AttemptQuestionRecord, AttemptRecord, BuriedCard, CardEditRecord, ReviewRecord, attempt_key,
};
