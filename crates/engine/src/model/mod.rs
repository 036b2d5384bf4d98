//! The vocabulary of documents and sections shared by import, storage, search, cards and
//! the rest: plain data types with no behaviour beyond naming their stored form. A leaf
//! module: it imports only `ids` and other leaves, never a domain (decision 0014).
//! Reviewing and practice exams have their share too: ratings, phases and scheduling
//! states, attempt ids, modes and statuses as stored.

mod document;
mod exams;
mod problems;
mod review;
mod tags;

pub use document::{DocumentFormat, DocumentSummary, Origin};
pub(crate) use document::{ParsedDocument, PreparedSection, SectionDraft};
pub use exams::{AttemptId, AttemptStatus, ExamMode};
pub use problems::{ImageProblem, PackProblem};
pub(crate) use review::{Memory, SchedState, TrainingRow};
pub use review::{Phase, Rating, ReviewAction};
pub use tags::SectionTags;
