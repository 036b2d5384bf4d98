//! The vocabulary of reviewing that storage keeps: the answer buttons, a card's phase, the
//! steps that can be undone, a card's scheduling state and FSRS memory, and an answer as the
//! optimizer reads it. How states change is `schedule`'s business; FSRS stays there too.

use serde::{Deserialize, Serialize};

/// The four answer buttons.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum Rating {
    /// Forgot: the card goes back to its (re)learning steps.
    Again,
    /// Recalled with serious difficulty.
    Hard,
    /// Recalled.
    Good,
    /// Recalled without effort.
    Easy,
}

impl Rating {
    /// All ratings, in button order.
    pub const ALL: [Rating; 4] = [Rating::Again, Rating::Hard, Rating::Good, Rating::Easy];

    /// The number stored in the review log and used by FSRS (1–4).
    pub fn as_number(self) -> u8 {
        match self {
            Rating::Again => 1,
            Rating::Hard => 2,
            Rating::Good => 3,
            Rating::Easy => 4,
        }
    }

    /// The rating of a stored number; `None` outside 1–4.
    pub fn from_number(n: i64) -> Option<Self> {
        match n {
            1 => Some(Rating::Again),
            2 => Some(Rating::Hard),
            3 => Some(Rating::Good),
            4 => Some(Rating::Easy),
            _ => None,
        }
    }

    /// Parses `again|hard|good|easy` or `1`–`4`.
    pub fn parse(s: &str) -> Option<Self> {
        match s.trim().to_ascii_lowercase().as_str() {
            "again" | "1" => Some(Rating::Again),
            "hard" | "2" => Some(Rating::Hard),
            "good" | "3" => Some(Rating::Good),
            "easy" | "4" => Some(Rating::Easy),
            _ => None,
        }
    }

    pub(crate) fn index(self) -> usize {
        usize::from(self.as_number() - 1)
    }
}

/// Where a card is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum Phase {
    /// Never answered.
    New,
    /// Answered, still in its learning steps (minutes apart).
    Learning,
    /// Graduated: scheduled in days.
    Review,
    /// Forgotten in review, back in its relearning steps.
    Relearning,
}

impl Phase {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Phase::New => "new",
            Phase::Learning => "learning",
            Phase::Review => "review",
            Phase::Relearning => "relearning",
        }
    }

    pub(crate) fn from_db(s: &str) -> Self {
        match s {
            "learning" => Phase::Learning,
            "review" => Phase::Review,
            "relearning" => Phase::Relearning,
            _ => Phase::New,
        }
    }
}

/// A step the reviewer can take back.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum ReviewAction {
    Answer,
    Bury,
    Suspend,
}

impl ReviewAction {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            ReviewAction::Answer => "answer",
            ReviewAction::Bury => "bury",
            ReviewAction::Suspend => "suspend",
        }
    }

    pub(crate) fn from_db(s: &str) -> Self {
        match s {
            "bury" => ReviewAction::Bury,
            "suspend" => ReviewAction::Suspend,
            _ => ReviewAction::Answer,
        }
    }
}

/// FSRS memory: stability in days, difficulty 1–10.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub(crate) struct Memory {
    pub stability: f32,
    pub difficulty: f32,
}

/// Everything the scheduler knows about a card; stored in `card_states` and, before and
/// after each answer, in the review log.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct SchedState {
    pub phase: Phase,
    /// Index of the current (re)learning step.
    pub step: u32,
    pub memory: Option<Memory>,
    /// When the card is next due (Unix ms). A review card is due at the start of its day.
    pub due_at_ms: i64,
    /// Days of the last scheduled review interval (0 before graduating).
    pub interval_days: u32,
    pub last_review_at_ms: Option<i64>,
    pub reps: u32,
    pub lapses: u32,
}

impl SchedState {
    /// A card never answered.
    pub fn new_card() -> Self {
        SchedState {
            phase: Phase::New,
            step: 0,
            memory: None,
            due_at_ms: 0,
            interval_days: 0,
            last_review_at_ms: None,
            reps: 0,
            lapses: 0,
        }
    }
}

/// One answer as the optimizer reads it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct TrainingRow {
    pub card_id: String,
    pub reviewed_at_ms: i64,
    pub rating: u8,
    pub elapsed_days: u32,
}

/// What was done since a moment: the end-of-session summary.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ReviewSummary {
    pub answered: u32,
    pub again: u32,
    pub hard: u32,
    pub good: u32,
    pub easy: u32,
    /// New cards seen for the first time.
    pub new_cards: u32,
    /// Answers that were reviews of graduated cards, and how many of those were not Again.
    pub reviews: u32,
    pub reviews_recalled: u32,
    /// Share of reviews recalled, 0–1; `None` without reviews.
    pub retention: Option<f64>,
    /// Time spent on the cards.
    pub duration_ms: f64,
}
