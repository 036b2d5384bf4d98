//! The records of a progress file that storage reads out of a library and writes back:
//! answers, buried cards, edits of card texts and finished practice exams, and an
//! attempt's identity across libraries. Reading, checking and merging files are
//! `progress::transfer`'s business.

use serde::{Deserialize, Serialize};

use super::cards::CardId;
use super::questions::QuestionId;
use crate::ids::ReviewUid;

/// One answer of the review log.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct ReviewRecord {
    pub uid: ReviewUid,
    pub card_id: CardId,
    pub reviewed_at_ms: i64,
    /// 1 Again, 2 Hard, 3 Good, 4 Easy.
    pub rating: u8,
    pub duration_ms: u32,
    /// The interval fuzz drawn for the answer, so a replay on any device gives its interval.
    pub fuzz: Option<f64>,
}

/// A card hidden until the end of a study day (days since 1970-01-01).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct BuriedCard {
    pub card_id: CardId,
    pub buried_day: i64,
}

/// The learner's edit of a card's text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct CardEditRecord {
    pub card_id: CardId,
    pub prompt: Option<String>,
    pub answer: Option<String>,
    pub updated_at_ms: i64,
}

/// A finished practice exam or session with its answers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct AttemptRecord {
    pub exam: String,
    pub mode: String,
    pub seed: i64,
    pub scope: serde_json::Value,
    pub time_limit_ms: Option<i64>,
    pub elapsed_ms: i64,
    pub started_at_ms: i64,
    pub submitted_at_ms: Option<i64>,
    pub status: String,
    pub correct_count: Option<i64>,
    pub review_correct: bool,
    pub questions: Vec<AttemptQuestionRecord>,
}

/// One question of an attempt: the options as shown and the answer given.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct AttemptQuestionRecord {
    pub position: u32,
    pub question_id: QuestionId,
    pub domain: i64,
    pub option_order: serde_json::Value,
    pub answer: Option<serde_json::Value>,
    pub is_flagged: bool,
    pub time_spent_ms: i64,
    pub is_correct: Option<bool>,
}

/// An attempt's identity across libraries: its exam, mode, seed and start time. Attempts
/// have local row ids only; these four never change once it is started.
pub(crate) fn attempt_key(exam: &str, mode: &str, seed: i64, started_at_ms: i64) -> String {
    let mut hasher = blake3::Hasher::new();
    for part in [
        b"stratus-attempt-1".as_slice(),
        exam.as_bytes(),
        mode.as_bytes(),
        &seed.to_le_bytes(),
        &started_at_ms.to_le_bytes(),
    ] {
        hasher.update(&(part.len() as u64).to_le_bytes());
        hasher.update(part);
    }
    hasher.finalize().to_hex()[..32].to_string()
}
