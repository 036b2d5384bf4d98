//! The review types that cross the process boundary: ratings, scopes, the card as the
//! reviewer shows it, counts, answer and undo results, settings and optimizer reports.

use serde::{Deserialize, Serialize};

use crate::ids::{DocumentId, ReviewId, SectionId};
use crate::model::{CardId, CardKind, Generator, McqOption};
use crate::model::{Phase, Rating, ReviewAction};

/// Which of the three counts a card belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum QueueKind {
    New,
    Learning,
    Review,
}

/// Which cards a review session draws from.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ReviewScope {
    /// Every active card.
    #[default]
    All,
    /// Cards tagged with one exam code, in any spelling (`saa`, `SAA-C03`).
    Exam { exam: String },
    /// Cards with one topic or service tag (`s3`, `pricing`).
    Topic { topic: String },
    /// Cards made from one document.
    Document { document_id: DocumentId },
    /// Already learned cards with the lowest recall probability now, whether due or not;
    /// each at most once a day. No new cards.
    Weakest,
}

/// Cards left to study today in a scope, after the daily limits.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ReviewCounts {
    /// New cards that may still be introduced today.
    pub new: u32,
    /// Cards in (re)learning steps due before the end of the day.
    pub learning: u32,
    /// Review cards due today, up to the daily review limit.
    pub review: u32,
}

/// One answer button as the reviewer prints it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ButtonPreview {
    pub rating: Rating,
    /// Time until the card would be due again, in seconds.
    pub interval_secs: f64,
    /// The interval shortened for a button: `45s`, `10m`, `1.5h`, `3d`, `1.2mo`, `2.1y`.
    pub label: String,
    /// When the card would be due, RFC 3339 (UTC).
    pub due_at: String,
}

/// A card ready for the reviewer: what to ask, its context, and what each button would do.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ReviewCard {
    pub card_id: CardId,
    /// Which count the card is taken from.
    pub queue: QueueKind,
    pub phase: Phase,
    pub kind: CardKind,
    /// Which generator made the card (`question` for a missed practice-exam question).
    pub generator: Generator,
    /// The question; for a cloze the sentence with its gap in place.
    pub prompt: String,
    pub answer: String,
    /// The choices of a multiple-choice card, shuffled for this review (empty otherwise).
    pub options: Vec<McqOption>,
    /// The overall explanation to show after answering (question cards).
    pub explanation: Option<String>,
    /// Headings from the document title down to the card's section.
    pub heading_path: Vec<String>,
    /// Exam codes of the section (`SAA`, `DVA`, …).
    pub exams: Vec<String>,
    /// Topic and service tags.
    pub topics: Vec<String>,
    /// The section to open in the notes; `None` when its document is gone.
    pub section_id: Option<SectionId>,
    pub document_id: Option<DocumentId>,
    /// 1-based line of the note the card came from.
    pub source_line: u32,
    /// What the note says on that line (its sentence, item or table row), to show with the
    /// answer; `None` when the section is gone or the card is not from a note's section.
    pub source: Option<crate::search::CardSource>,
    /// Answers so far; the options' order is seeded from the card id and this count.
    pub review_count: u32,
    /// Times the card was forgotten after graduating.
    pub lapse_count: u32,
    /// Probability of recall now, 0–1; `None` for a new card.
    pub retrievability: Option<f64>,
    /// Again, Hard, Good, Easy, in this order.
    pub buttons: Vec<ButtonPreview>,
}

/// What the reviewer shows next in a scope.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ReviewNext {
    /// The card to show; `None` when the scope is done for now.
    pub card: Option<ReviewCard>,
    pub counts: ReviewCounts,
    /// When nothing is due now but a learning card is due later today: its due time,
    /// RFC 3339 (UTC).
    pub next_due_at: Option<String>,
    /// The current study day, `YYYY-MM-DD` (a day starts at the rollover hour).
    pub study_day: String,
}

/// The outcome of one answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct AnswerResult {
    pub review_id: ReviewId,
    pub card_id: CardId,
    pub rating: Rating,
    /// The card's phase after the answer.
    pub phase: Phase,
    /// When the card is due again, RFC 3339 (UTC).
    pub due_at: String,
    pub interval_secs: f64,
    /// The interval as the button showed it.
    pub label: String,
    pub stability_days: f64,
    pub difficulty: f64,
}

/// What `undo_review` took back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct UndoResult {
    pub action: ReviewAction,
    pub card_id: CardId,
    /// Steps that can still be undone.
    pub remaining: u32,
}

/// The automatic grade of a multiple-choice answer; the user may still pick another rating.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ChoiceGrade {
    pub is_correct: bool,
    /// Good when the selection is exactly the correct options, Again otherwise.
    pub suggested_rating: Rating,
    /// Indices of the correct options in the order shown.
    pub correct_indices: Vec<u32>,
}

/// One row of the append-only review log.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ReviewLogEntry {
    pub id: ReviewId,
    pub card_id: CardId,
    /// RFC 3339 (UTC).
    pub reviewed_at: String,
    pub rating: Rating,
    pub duration_ms: u32,
    /// Study days since the previous answer of the card (0 for the first).
    pub elapsed_days: u32,
    pub phase_before: Phase,
    pub phase_after: Phase,
    pub stability_before: Option<f64>,
    pub stability_after: f64,
    pub difficulty_before: Option<f64>,
    pub difficulty_after: f64,
    /// RFC 3339 (UTC).
    pub due_after: String,
}

/// Scheduling settings. Stored in the library; `Default` holds the recommended values.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default)]
pub struct ReviewSettings {
    /// Recall probability the intervals aim for, 0.70–0.99.
    pub desired_retention: f64,
    /// Longest interval between two reviews.
    pub maximum_interval_days: u32,
    /// New cards introduced per study day.
    pub new_cards_per_day: u32,
    /// Review-phase answers per study day.
    pub reviews_per_day: u32,
    /// Delays of the learning steps of a new card (default 1m, 10m).
    pub learning_steps_secs: Vec<u32>,
    /// Delays of the relearning steps after a lapse (default 10m).
    pub relearning_steps_secs: Vec<u32>,
    /// Hour (local time) at which a study day starts; 4 means 04:00.
    pub day_rollover_hour: u32,
    /// IANA zone (`Asia/Seoul`) or fixed offset (`+09:00`); empty for the system's zone.
    pub time_zone: String,
    /// Spread review intervals a little (seeded by card and answer count) so that cards
    /// learned together do not stay due together.
    pub is_fuzz_enabled: bool,
    /// When nothing else is left, learning cards due within this many seconds are shown.
    pub learn_ahead_secs: u32,
}

impl Default for ReviewSettings {
    fn default() -> Self {
        Self {
            desired_retention: 0.9,
            maximum_interval_days: 36_500,
            new_cards_per_day: 20,
            reviews_per_day: 200,
            learning_steps_secs: vec![60, 600],
            relearning_steps_secs: vec![600],
            day_rollover_hour: 4,
            time_zone: String::new(),
            is_fuzz_enabled: true,
            learn_ahead_secs: 20 * 60,
        }
    }
}

/// What the optimizer did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum OptimizeOutcome {
    /// Personal parameters were fitted and saved.
    Optimized,
    /// The fitted parameters predicted the history no better; the current ones were kept.
    KeptCurrent,
    /// Too little history; the current (default) parameters stay.
    NotEnoughReviews,
}

/// The optimizer's report: before/after log loss on the whole history.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct OptimizeReport {
    pub outcome: OptimizeOutcome,
    /// Answers in the log.
    pub review_count: u32,
    /// Answers usable for fitting (those a day or more after the card's previous answer).
    pub trainable_count: u32,
    /// Usable answers needed before fitting.
    pub minimum_count: u32,
    /// Log loss of the parameters in use before (lower is better); `None` without data.
    pub log_loss_before: Option<f64>,
    /// Log loss of the fitted parameters.
    pub log_loss_after: Option<f64>,
    /// The parameters in use now (21 values).
    pub parameters: Vec<f64>,
    pub is_default: bool,
}

/// The scheduler parameters in use.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct SchedulerParameters {
    /// 21 FSRS-6 weights.
    pub parameters: Vec<f64>,
    /// True for the published defaults (never optimized, or reset).
    pub is_default: bool,
    /// When they were fitted, RFC 3339; `None` for the defaults.
    pub optimized_at: Option<String>,
    /// Log loss of the defaults and of the fitted weights on the history at that time.
    pub log_loss_before: Option<f64>,
    pub log_loss_after: Option<f64>,
}

impl std::str::FromStr for ReviewScope {
    type Err = crate::error::Error;

    /// `all`, `weakest`, `exam:SAA`, `topic:s3`, `document:12`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim();
        let bad = || {
            crate::error::Error::InvalidInput(format!(
                "unknown scope {s:?}: use all, weakest, exam:CODE, topic:NAME or document:ID"
            ))
        };
        match s.split_once(':') {
            None if s.eq_ignore_ascii_case("all") => Ok(ReviewScope::All),
            None if s.eq_ignore_ascii_case("weakest") => Ok(ReviewScope::Weakest),
            Some((kind, value)) if !value.trim().is_empty() => {
                match kind.trim().to_ascii_lowercase().as_str() {
                    "exam" => Ok(ReviewScope::Exam {
                        exam: value.trim().to_string(),
                    }),
                    "topic" => Ok(ReviewScope::Topic {
                        topic: value.trim().to_string(),
                    }),
                    "document" => value
                        .trim()
                        .parse()
                        .map(|id| ReviewScope::Document {
                            document_id: DocumentId(id),
                        })
                        .map_err(|_| bad()),
                    _ => Err(bad()),
                }
            }
            _ => Err(bad()),
        }
    }
}

/// Parses step delays such as `1m 10m`, `30s, 1h`, `1d` into seconds.
pub fn parse_steps(text: &str) -> crate::error::Result<Vec<u32>> {
    text.split(|c: char| c == ',' || c.is_whitespace())
        .filter(|t| !t.is_empty())
        .map(|token| {
            let split = token
                .find(|c: char| !c.is_ascii_digit())
                .unwrap_or(token.len());
            let (number, unit) = token.split_at(split);
            let n: u32 = number.parse().map_err(|_| {
                crate::error::Error::InvalidInput(format!(
                    "bad step {token:?}: write a number and a unit, like 10m"
                ))
            })?;
            let scale = match unit {
                "s" => 1,
                "" | "m" => 60,
                "h" => 3600,
                "d" => 86_400,
                _ => {
                    return Err(crate::error::Error::InvalidInput(format!(
                        "bad step unit in {token:?}: use s, m, h or d"
                    )));
                }
            };
            Ok(n.saturating_mul(scale))
        })
        .collect()
}
