//! Scheduling: review sessions with FSRS. The pure core (`states.rs`, `fuzz.rs`, `day.rs`)
//! turns a card's state, the settings and the time into the states its four buttons lead
//! to; this module loads the card, applies the chosen transition and writes the card state,
//! the append-only review log and the undo stack in one transaction. The optimizer fits
//! personal FSRS parameters from the log. Only this module imports `fsrs`; it never reads
//! the wall clock (time comes from the library's clock) nor an unseeded RNG.

mod day;
mod fuzz;
mod model;
mod optimize;
mod review;
mod settings;
mod states;

#[cfg(test)]
mod tests;

pub use crate::model::ReviewSummary;
pub use fuzz::interval_label;
pub use model::{
    AnswerResult, ButtonPreview, ChoiceGrade, OptimizeOutcome, OptimizeReport, QueueKind,
    ReviewCard, ReviewCounts, ReviewLogEntry, ReviewNext, ReviewScope, ReviewSettings,
    SchedulerParameters, UndoResult, parse_steps,
};
pub use optimize::MIN_TRAINABLE_REVIEWS;
pub use review::UNDO_DEPTH;

/// Also named here by progress transfer and practice exams.
pub(crate) use crate::model::Rating;
