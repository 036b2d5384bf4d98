//! The vocabulary of practice exam attempts that storage keeps: an attempt's id, its mode
//! and where it is. Drawing, marking and reporting are `exams`' business.

use serde::{Deserialize, Serialize};

/// Id of a practice exam attempt.
pub type AttemptId = u32;

/// Timed exam, or untimed practice with feedback after each answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum ExamMode {
    /// Against the clock; answers and explanations are shown after submitting.
    Exam,
    /// Untimed; each answer is marked and explained at once.
    Practice,
}

impl ExamMode {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            ExamMode::Exam => "exam",
            ExamMode::Practice => "practice",
        }
    }

    pub(crate) fn from_db(s: &str) -> Self {
        if s == "practice" {
            ExamMode::Practice
        } else {
            ExamMode::Exam
        }
    }
}

/// Where an attempt is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum AttemptStatus {
    InProgress,
    /// Submitted by the learner.
    Submitted,
    /// Submitted because the time ran out.
    TimedOut,
}

impl AttemptStatus {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            AttemptStatus::InProgress => "in_progress",
            AttemptStatus::Submitted => "submitted",
            AttemptStatus::TimedOut => "timed_out",
        }
    }

    pub(crate) fn from_db(s: &str) -> Self {
        match s {
            "submitted" => AttemptStatus::Submitted,
            "timed_out" => AttemptStatus::TimedOut,
            _ => AttemptStatus::InProgress,
        }
    }
}
