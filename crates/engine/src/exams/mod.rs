//! Practice exams (`attempt.rs`, drawn by `draw.rs`, scored by `score.rs`), built on the
//! exam guides' figures: the four exams Stratus prepares for and the weighted content
//! domains of each, which live in the leaf module `model` (`model/guides.rs`).

mod attempt;
mod draw;
mod score;

pub use attempt::{
    AttemptQuestion, AttemptSummary, DomainResult, ExamAttempt, ExamReport, ExamStart,
    QuestionResult, ShownOption,
};
