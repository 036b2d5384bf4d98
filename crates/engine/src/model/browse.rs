//! The vocabulary of the card browser that storage reads in: a card's state as the browser
//! shows it, the column a list is ordered by, a listed card and a checked query. Checking a
//! query and cutting texts are `cards`' business.

use serde::{Deserialize, Serialize};

use super::cards::{CardId, CardKind};
use crate::ids::{DocumentId, SectionId};

/// Where a card stands, as the browser shows and filters it. Suspension and burial come
/// before the scheduling phase: a suspended card in review is `suspended`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum CardState {
    /// Never answered.
    New,
    /// In its first learning steps.
    Learning,
    /// Graduated, scheduled in days.
    Review,
    /// Forgotten in review, back in its relearning steps.
    Relearning,
    /// Hidden from reviews by the learner (or because its line states an outdated fact).
    Suspended,
    /// Hidden until the end of the current study day.
    Buried,
    /// Its source is gone from the note; listed only when asked for.
    Retired,
}

impl CardState {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            CardState::New => "new",
            CardState::Learning => "learning",
            CardState::Review => "review",
            CardState::Relearning => "relearning",
            CardState::Suspended => "suspended",
            CardState::Buried => "buried",
            CardState::Retired => "retired",
        }
    }

    pub(crate) fn from_db(s: &str) -> Self {
        match s {
            "learning" => CardState::Learning,
            "review" => CardState::Review,
            "relearning" => CardState::Relearning,
            "suspended" => CardState::Suspended,
            "buried" => CardState::Buried,
            "retired" => CardState::Retired,
            _ => CardState::New,
        }
    }
}

/// The column a card list is ordered by. Ties are broken by document and note order.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum CardSort {
    /// Due time; new cards (not scheduled yet) come last in either direction.
    Due,
    /// The prompt's text, ignoring ASCII case.
    Prompt,
    /// Document title, then the card's place in its note.
    #[default]
    Document,
    /// Times forgotten.
    Lapses,
    /// Current interval in days, then memory stability.
    Interval,
    /// When the card was first made.
    Created,
}

/// One card as the browser lists it: short text, where it comes from and its schedule.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct CardListItem {
    pub id: CardId,
    pub kind: CardKind,
    /// The prompt shown (the learner's edit when there is one), cut to `BROWSE_TEXT_CHARS`.
    pub prompt: String,
    /// The answer shown, cut the same way.
    pub answer: String,
    /// The document it came from; `None` once that document was removed.
    pub document_id: Option<DocumentId>,
    pub document_title: Option<String>,
    /// The section it was made from, to open; `None` when that section is gone.
    pub section_id: Option<SectionId>,
    /// Headings from the document title down to the card's section.
    pub heading_path: Vec<String>,
    pub state: CardState,
    /// When it is next due (RFC 3339, UTC); `None` for a new card.
    pub due_at: Option<String>,
    pub interval_days: u32,
    /// Memory stability in days; `None` before the first answer.
    pub stability_days: Option<f64>,
    pub lapses: u32,
    pub reps: u32,
    pub is_suspended: bool,
    /// Exam codes of the section (`SAA`, `DVA`, …).
    pub exams: Vec<String>,
    /// Topic and service tags.
    pub topics: Vec<String>,
    /// When the card was first made (RFC 3339, UTC).
    pub created_at: String,
}

/// A query checked and reduced to bound values.
pub(crate) struct BrowseFilter {
    pub exam: Option<String>,
    pub topic: Option<String>,
    pub document_id: Option<DocumentId>,
    /// JSON array of state names; `None` for every state but retired.
    pub states_json: Option<String>,
    pub due_before_ms: Option<i64>,
    pub min_lapses: Option<u32>,
    pub text: Option<String>,
    /// Today's study day, to tell buried cards.
    pub today: i64,
}
