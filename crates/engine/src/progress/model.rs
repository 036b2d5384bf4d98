//! The progress types that cross the process boundary. Every figure is computed by the
//! engine; the screens only format numbers and dates.

use serde::{Deserialize, Serialize};

use crate::schedule::ReviewScope;

/// Counts and recall figures of a group of cards (an exam, a domain, a topic).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Mastery {
    /// Active cards in the group (suspended and retired cards are left out).
    pub total: u32,
    /// Cards answered at least once.
    pub seen: u32,
    /// Cards in review with an interval of 21 days or more.
    pub mature: u32,
    /// Mean probability of recall now (0–1) over the seen cards; `None` when none is seen.
    pub mean_retrievability: Option<f64>,
    /// Expected recall now (0–1) over all the cards, an unseen card counting as not known;
    /// `None` for an empty group.
    pub expected_recall: Option<f64>,
    /// Answers to review-phase cards in the last 30 study days (today included).
    pub reviews_30d: u32,
    /// Of those, answers other than Again.
    pub recalled_30d: u32,
    /// `recalled_30d / reviews_30d` (0–1); `None` without reviews.
    pub retention_30d: Option<f64>,
}

/// One content domain of an exam guide, or the bucket of the exam's cards without one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct DomainProgress {
    /// Domain number in the guide (1-based); `None` for the unassigned bucket.
    pub number: Option<u32>,
    /// Name from the guide, or `Unassigned`.
    pub name: String,
    /// Share of the exam's scored content, in percent (0 for the unassigned bucket, which
    /// does not enter readiness).
    pub weight_percent: u32,
    pub mastery: Mastery,
}

/// Expected recall over an exam's cards. This is a recall estimate from the memory model,
/// not a probability of passing the exam.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Readiness {
    /// Expected recall (0–1): each guide domain's expected recall (an unseen card counts
    /// 0, a domain without cards counts 0) weighted by the domain's weight in the guide.
    /// Cards without a domain tag do not enter it. When no card of the exam has a domain
    /// tag, it is the unweighted expected recall over the exam's cards instead.
    pub expected_recall: f64,
    /// False when the fallback (no domain tags) was used.
    pub is_weighted: bool,
    /// Sum of the weights of the domains that have at least one card, in percent.
    pub covered_weight_percent: u32,
    /// What the figure is, for the screen to show beside it.
    pub label: String,
}

/// Progress on one exam.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ExamProgress {
    /// Full code, e.g. `SAA-C03`.
    pub code: String,
    /// Short code used in tags, e.g. `SAA`.
    pub short: String,
    pub name: String,
    /// All the exam's cards.
    pub mastery: Mastery,
    /// The guide's domains in order, then the unassigned bucket (always last).
    pub domains: Vec<DomainProgress>,
    pub readiness: Readiness,
    /// The scope that reviews this exam's cards.
    pub scope: ReviewScope,
}

/// Progress on one service or topic tag.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct TopicProgress {
    /// The tag as first written in the notes (matched without regard to case).
    pub topic: String,
    pub mastery: Mastery,
    /// The scope that reviews this topic's cards.
    pub scope: ReviewScope,
}

/// A topic to study next.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct WeakTopic {
    pub topic: String,
    /// Sum over the topic's cards of (1 − recall now; 1 for a card never studied) × the card's exam weight
    /// (0–1, see [`ProgressStats::weakest_topics`]).
    pub expected_forgetting: f64,
    pub mastery: Mastery,
    /// The scope of the "study these" button.
    pub scope: ReviewScope,
}

/// Answers on one study day.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ActivityDay {
    /// Study day, `YYYY-MM-DD` (a day starts at the rollover hour).
    pub date: String,
    pub reviews: u32,
    /// Time spent on the cards that day.
    pub duration_ms: f64,
    /// Heatmap shade 0–4: 0 for no answers, else a quarter of the busiest day's count each.
    pub level: u32,
}

/// Cards falling due on one study day.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ForecastDay {
    /// Study day, `YYYY-MM-DD`.
    pub date: String,
    /// Cards due that day; today's count includes overdue cards.
    pub due: u32,
}

/// Study habits and the load ahead.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Activity {
    /// The last 365 study days, oldest first, today last. Counts every answer in the
    /// library, whatever the exam filter.
    pub days: Vec<ActivityDay>,
    /// Consecutive study days with answers up to today, or up to yesterday while today
    /// has none yet.
    pub current_streak_days: u32,
    /// The longest run of consecutive study days with answers, over the whole log.
    pub longest_streak_days: u32,
    /// Answers in the 365 days.
    pub reviews_365d: u32,
    /// Days with answers in the 365 days.
    pub active_days_365d: u32,
    /// Time on cards in the 365 days.
    pub duration_ms_365d: f64,
    /// Due cards per study day from today, 30 days; counts the cards in scope.
    pub forecast: Vec<ForecastDay>,
}

/// Everything the Progress screen and `stratus stats` show.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ProgressStats {
    /// The current study day, `YYYY-MM-DD`.
    pub today: String,
    /// The exam the figures are limited to (full code), or `None` for the whole library.
    pub exam: Option<String>,
    /// The exams of the guides (or the one asked for), in guide order.
    pub exams: Vec<ExamProgress>,
    /// Every service and topic tag of the cards in scope, by name.
    pub topics: Vec<TopicProgress>,
    /// Up to 5 topics with the most expected forgetting, most first. A card weighs
    /// the largest guide weight of its domains (in percent / 100) over the exams in scope,
    /// or, without a domain tag, an equal share of its exam (1 / number of domains);
    /// a card never studied counts as forgotten, so topics nobody has started are listed too.
    pub weakest_topics: Vec<WeakTopic>,
    pub activity: Activity,
    /// Source and check date of the domain weights.
    pub weights_source: String,
    pub weights_checked: String,
}
