//! The reviewer's operations on the library: what to show next, answering, burying,
//! suspending and undoing. Each loads what it needs, asks the pure scheduler for the
//! transition and writes the card state, the log row and the undo step in one transaction.

use chrono::{DateTime, SecondsFormat, Utc};
use rand::Rng;

use super::day::DayClock;
use super::fuzz::interval_label;
use super::model::{
    AnswerResult, ButtonPreview, ChoiceGrade, QueueKind, ReviewCard, ReviewCounts, ReviewLogEntry,
    ReviewNext, ReviewScope, UndoResult,
};
use super::states::{Outcome, Scheduler};
use crate::error::{Error, Result};
use crate::model::{
    CardId, CardKind, CardStatus, McqOption, Phase, Rating, ReviewAction, ReviewSummary,
    normalize_exam_code,
};
use crate::storage::cards as card_store;
use crate::storage::schedule::{self as store, Filter, NewReview, NewUndo, Queue, StoredState};
use crate::storage::{Library, seeded_rng};

/// Undo steps kept; older ones are dropped.
pub const UNDO_DEPTH: u32 = 50;

pub(crate) fn rfc3339(ms: i64) -> String {
    DateTime::from_timestamp_millis(ms)
        .unwrap_or_default()
        .to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// Whether the next card should be a new one, spreading `new_left` new cards evenly among
/// `reviews_left` reviews. Depends only on counts, so it needs no session state.
pub(crate) fn should_take_new(new_left: u32, reviews_left: u32, answered_today: u32) -> bool {
    if new_left == 0 {
        return false;
    }
    if reviews_left == 0 {
        return true;
    }
    let every = (reviews_left + new_left) / new_left;
    answered_today % every == every - 1
}

/// Which option indices a selection must equal to be right.
pub(crate) fn grade_selection(options: &[McqOption], selected: &[u32]) -> ChoiceGrade {
    let correct_indices: Vec<u32> = options
        .iter()
        .enumerate()
        .filter(|(_, o)| o.is_correct)
        .map(|(i, _)| i as u32)
        .collect();
    let mut chosen: Vec<u32> = selected.to_vec();
    chosen.sort_unstable();
    chosen.dedup();
    let is_correct = !correct_indices.is_empty() && chosen == correct_indices;
    ChoiceGrade {
        is_correct,
        suggested_rating: if is_correct {
            Rating::Good
        } else {
            Rating::Again
        },
        correct_indices,
    }
}

fn pick(outcomes: [Outcome; 4], rating: Rating) -> Outcome {
    let [again, hard, good, easy] = outcomes;
    match rating {
        Rating::Again => again,
        Rating::Hard => hard,
        Rating::Good => good,
        Rating::Easy => easy,
    }
}

/// `Library::fuzz_factor` for a library of seed `seed`, usable inside a transaction.
fn fuzz_factor(seed: u64, card_id: &CardId, reps: u32) -> f64 {
    let hash = blake3::hash(card_id.0.as_bytes());
    let mut key = [0u8; 8];
    key.copy_from_slice(&hash.as_bytes()[..8]);
    let key = u64::from_le_bytes(key) ^ u64::from(reps).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    seeded_rng(seed, key).random::<f64>()
}

fn not_found(id: &CardId) -> Error {
    Error::NotFound {
        what: "card",
        id: id.to_string(),
    }
}

/// A study day's window and the limits left in it.
struct Today {
    day: i64,
    start_ms: i64,
    end_ms: i64,
    new_left: u32,
    reviews_left: u32,
    answered: u32,
}

impl Library {
    /// A factor in `[0, 1)` for the interval fuzz of a card's answer number `reps`: the same
    /// card and count always give the same factor.
    pub(crate) fn fuzz_factor(&self, card_id: &CardId, reps: u32) -> f64 {
        fuzz_factor(self.seed(), card_id, reps)
    }

    fn today(&self, sched: &Scheduler, now: DateTime<Utc>) -> Result<Today> {
        let days: &DayClock = sched.days();
        let day = days.day(now);
        let start_ms = days.day_start(day).timestamp_millis();
        let end_ms = days.day_start(day + 1).timestamp_millis();
        let (new_done, reviews_done, answered) = store::answered_since(self.conn(), start_ms)?;
        let settings = sched.settings();
        Ok(Today {
            day,
            start_ms,
            end_ms,
            new_left: settings.new_cards_per_day.saturating_sub(new_done),
            reviews_left: settings.reviews_per_day.saturating_sub(reviews_done),
            answered,
        })
    }

    fn filter(&self, scope: &ReviewScope, today: i64) -> Result<Filter> {
        let mut filter = Filter {
            today,
            exam: None,
            topic: None,
            document_id: None,
        };
        match scope {
            ReviewScope::All | ReviewScope::Weakest => {}
            ReviewScope::Exam { exam } => {
                filter.exam = Some(normalize_exam_code(exam).ok_or_else(|| {
                    Error::InvalidInput(format!(
                        "unknown exam code: {exam} (try SAA, DVA, SOA, CLF)"
                    ))
                })?);
            }
            ReviewScope::Topic { topic } => {
                let topic = topic.trim().to_lowercase();
                if topic.is_empty() {
                    return Err(Error::InvalidInput("the topic cannot be empty".into()));
                }
                filter.topic = Some(topic);
            }
            ReviewScope::Document { document_id } => filter.document_id = Some(*document_id),
        }
        Ok(filter)
    }

    /// The next card to review in `scope`, with the counts left today; `card` is `None` when
    /// the scope is done for now. Order: (re)learning cards due now, then due reviews with
    /// new cards spread among them up to the daily limit, then learning cards due within the
    /// learn-ahead window. Suspended, retired and buried cards never appear.
    pub fn review_next(&self, scope: &ReviewScope) -> Result<ReviewNext> {
        let now = self.clock().now();
        let now_ms = now.timestamp_millis();
        let sched = self.scheduler()?;
        let today = self.today(&sched, now)?;
        let filter = self.filter(scope, today.day)?;
        let conn = self.conn();
        let is_weakest = *scope == ReviewScope::Weakest;
        let (review_queue, review_until) = if is_weakest {
            (
                Queue::Weakest {
                    due_until: i64::MAX,
                },
                today.start_ms,
            )
        } else {
            (Queue::Review, now_ms)
        };
        let new_cap = if is_weakest { 0 } else { today.new_left };
        let counts = ReviewCounts {
            new: store::queue_count(conn, Queue::New, &filter, i64::MAX, new_cap)?,
            learning: store::queue_count(
                conn,
                Queue::Learning,
                &filter,
                today.end_ms - 1,
                u32::MAX,
            )?,
            review: store::queue_count(
                conn,
                review_queue,
                &filter,
                review_until,
                today.reviews_left,
            )?,
        };
        let first = |queue: Queue, until: i64| -> Result<Option<CardId>> {
            Ok(store::queue_ids(conn, queue, &filter, until, now_ms, 1)?
                .into_iter()
                .next())
        };
        let mut chosen = first(Queue::Learning, now_ms)?.map(|id| (id, QueueKind::Learning));
        if chosen.is_none() {
            let take_new = should_take_new(counts.new, counts.review, today.answered);
            chosen = if take_new {
                first(Queue::New, i64::MAX)?.map(|id| (id, QueueKind::New))
            } else if counts.review > 0 && is_weakest {
                // A card reaches the desired retention on its due day, so while any are
                // overdue the weakest is among them: sort only those, not every card.
                let overdue = Queue::Weakest { due_until: now_ms };
                let found = match first(overdue, review_until)? {
                    Some(id) => Some(id),
                    None => first(review_queue, review_until)?,
                };
                found.map(|id| (id, QueueKind::Review))
            } else if counts.review > 0 {
                first(review_queue, review_until)?.map(|id| (id, QueueKind::Review))
            } else {
                None
            };
        }
        if chosen.is_none() {
            let ahead = now_ms + i64::from(sched.settings().learn_ahead_secs) * 1000;
            chosen = first(Queue::Learning, ahead.min(today.end_ms - 1))?
                .map(|id| (id, QueueKind::Learning));
        }
        let card = match chosen {
            Some((id, queue)) => Some(self.review_card(&sched, &id, queue, now)?),
            None => None,
        };
        let next_due_at = if card.is_none() {
            store::next_learning_due(conn, &filter, today.end_ms - 1)?.map(rfc3339)
        } else {
            None
        };
        Ok(ReviewNext {
            card,
            counts,
            next_due_at,
            study_day: sched.days().date(now).to_string(),
        })
    }

    /// One card as the reviewer shows it now, whatever its queue; for "review this card".
    pub fn review_card_now(&self, card_id: &CardId) -> Result<ReviewCard> {
        let now = self.clock().now();
        let sched = self.scheduler()?;
        let (stored, _) =
            store::get_state(self.conn(), card_id)?.ok_or_else(|| not_found(card_id))?;
        let queue = match stored.state.phase {
            Phase::New => QueueKind::New,
            Phase::Learning | Phase::Relearning => QueueKind::Learning,
            Phase::Review => QueueKind::Review,
        };
        self.review_card(&sched, card_id, queue, now)
    }

    fn review_card(
        &self,
        sched: &Scheduler,
        card_id: &CardId,
        queue: QueueKind,
        now: DateTime<Utc>,
    ) -> Result<ReviewCard> {
        let (stored, _) =
            store::get_state(self.conn(), card_id)?.ok_or_else(|| not_found(card_id))?;
        let state = &stored.state;
        let card = self.card_for_review(card_id, state.reps)?;
        let fuzz = Some(self.fuzz_factor(card_id, state.reps));
        let outcomes = sched.next_states(state, now, fuzz)?;
        let section_id = store::section_of_card(self.conn(), card_id)?;
        let buttons = Rating::ALL
            .iter()
            .zip(outcomes.iter())
            .map(|(&rating, o)| ButtonPreview {
                rating,
                interval_secs: o.interval_secs,
                label: interval_label(o.interval_secs),
                due_at: rfc3339(o.state.due_at_ms),
            })
            .collect();
        Ok(ReviewCard {
            card_id: card_id.clone(),
            queue,
            phase: state.phase,
            kind: card.kind,
            generator: card.generator,
            prompt: card.prompt,
            answer: card.answer,
            options: if card.kind == CardKind::Mcq {
                card.options
            } else {
                Vec::new()
            },
            explanation: card.explanation,
            heading_path: card.heading_path,
            exams: card.exams,
            topics: card.topics,
            source: match section_id {
                Some(section) => Some(self.card_source(section, card.source_line)?),
                None => None,
            },
            section_id,
            document_id: card.document_id,
            source_line: card.source_line,
            review_count: state.reps,
            lapse_count: state.lapses,
            retrievability: sched.retrievability(state, now),
            buttons,
        })
    }

    /// Grades a multiple-choice answer: `selected` are indices into the options as
    /// `review_next` showed them (shuffled by card id and review count).
    pub fn grade_choice(&self, card_id: &CardId, selected: &[u32]) -> Result<ChoiceGrade> {
        let (stored, _) =
            store::get_state(self.conn(), card_id)?.ok_or_else(|| not_found(card_id))?;
        let card = self.card_for_review(card_id, stored.state.reps)?;
        if card.kind != CardKind::Mcq || card.options.is_empty() {
            return Err(Error::InvalidInput(format!(
                "card {card_id} is not a multiple-choice card"
            )));
        }
        if let Some(bad) = selected.iter().find(|&&i| i as usize >= card.options.len()) {
            return Err(Error::InvalidInput(format!(
                "option {bad} does not exist; the card has {} options",
                card.options.len()
            )));
        }
        Ok(grade_selection(&card.options, selected))
    }

    /// Records an answer: the card's next state is computed from its current one, the log
    /// gains a row with both, and the step can be undone. `duration_ms` is how long the
    /// card was shown.
    pub fn answer_card(
        &mut self,
        card_id: &CardId,
        rating: Rating,
        duration_ms: u32,
    ) -> Result<AnswerResult> {
        let now = self.clock().now();
        let sched = self.scheduler()?;
        let seed = self.seed();
        let now_ms = now.timestamp_millis();
        // The state is read under the write lock, so an answer given meanwhile by another
        // process (or handle) is the `before` of this one instead of being overwritten.
        let (review_id, outcome) = self.transact(|tx| {
            let (before, status) =
                store::get_state(tx, card_id)?.ok_or_else(|| not_found(card_id))?;
            if status != CardStatus::Active {
                return Err(Error::InvalidInput(format!(
                    "card {card_id} is {} and cannot be answered",
                    if status == CardStatus::Retired {
                        "retired"
                    } else {
                        "suspended"
                    }
                )));
            }
            let fuzz = sched
                .settings()
                .is_fuzz_enabled
                .then(|| fuzz_factor(seed, card_id, before.state.reps));
            let outcome = pick(sched.next_states(&before.state, now, fuzz)?, rating);
            let after = StoredState {
                state: outcome.state.clone(),
                buried_day: None,
            };
            let review_id = store::insert_review(
                tx,
                &NewReview {
                    card_id,
                    reviewed_at_ms: now_ms,
                    rating,
                    duration_ms,
                    elapsed_days: outcome.elapsed_days,
                    before: &before.state,
                    after: &after.state,
                    fuzz,
                    uid: None,
                },
            )?;
            store::write_state(tx, card_id, &after)?;
            store::push_undo(
                tx,
                &NewUndo {
                    action: ReviewAction::Answer,
                    card_id,
                    review_id: Some(review_id),
                    before: &before,
                    was_suspended: false,
                },
                now_ms,
                UNDO_DEPTH,
            )?;
            Ok((review_id, outcome))
        })?;
        let memory = outcome
            .state
            .memory
            .expect("an answered card has a memory state");
        Ok(AnswerResult {
            review_id,
            card_id: card_id.clone(),
            rating,
            phase: outcome.state.phase,
            due_at: rfc3339(outcome.state.due_at_ms),
            interval_secs: outcome.interval_secs,
            label: interval_label(outcome.interval_secs),
            stability_days: f64::from(memory.stability),
            difficulty: f64::from(memory.difficulty),
        })
    }

    /// Hides a card until the end of the study day; undoable.
    pub fn bury_card(&mut self, card_id: &CardId) -> Result<()> {
        let now = self.clock().now();
        let sched = self.scheduler()?;
        let day = sched.days().day(now);
        self.transact(|tx| {
            let (before, status) =
                store::get_state(tx, card_id)?.ok_or_else(|| not_found(card_id))?;
            store::bury(tx, card_id, day)?;
            store::push_undo(
                tx,
                &NewUndo {
                    action: ReviewAction::Bury,
                    card_id,
                    review_id: None,
                    before: &before,
                    was_suspended: status == CardStatus::Suspended,
                },
                now.timestamp_millis(),
                UNDO_DEPTH,
            )
        })
    }

    /// Suspends a card from the reviewer, as `suspend_card` does, but as a step that
    /// `undo_review` can take back.
    pub fn suspend_in_review(&mut self, card_id: &CardId) -> Result<()> {
        let now_ms = self.clock().now().timestamp_millis();
        self.transact(|tx| {
            let (before, status) =
                store::get_state(tx, card_id)?.ok_or_else(|| not_found(card_id))?;
            card_store::set_suspended(tx, card_id, true, now_ms)?;
            store::push_undo(
                tx,
                &NewUndo {
                    action: ReviewAction::Suspend,
                    card_id,
                    review_id: None,
                    before: &before,
                    was_suspended: status == CardStatus::Suspended,
                },
                now_ms,
                UNDO_DEPTH,
            )
        })
    }

    /// Takes back the newest answer, bury or suspend: the card's state is restored as it
    /// was and an answer's log row removed. `NotFound` when there is nothing to undo.
    pub fn undo_review(&mut self) -> Result<UndoResult> {
        let now_ms = self.clock().now().timestamp_millis();
        let step = self.transact(|tx| {
            let Some((step, is_readable)) = store::last_undo(tx)? else {
                return Err(Error::NotFound {
                    what: "review step to undo",
                    id: "last".into(),
                });
            };
            if is_readable {
                store::write_state(tx, &step.card_id, &step.before)?;
            }
            match step.action {
                ReviewAction::Answer => {
                    if let Some(review_id) = step.review_id {
                        store::delete_review(tx, review_id)?;
                    }
                }
                ReviewAction::Suspend => {
                    card_store::set_suspended(tx, &step.card_id, step.was_suspended, now_ms)?;
                }
                ReviewAction::Bury => {}
            }
            store::delete_undo(tx, step.id)?;
            Ok(step)
        })?;
        Ok(UndoResult {
            action: step.action,
            card_id: step.card_id,
            remaining: store::count_undo(self.conn())?,
        })
    }

    /// What was answered since `since` (RFC 3339), or since the current study day began:
    /// the end-of-session summary.
    pub fn review_summary(&self, since: Option<&str>) -> Result<ReviewSummary> {
        let since_ms = match since {
            Some(text) => self.parse_time(text)?.timestamp_millis(),
            None => {
                let sched = self.scheduler()?;
                let days = sched.days();
                days.day_start(days.day(self.clock().now()))
                    .timestamp_millis()
            }
        };
        let summary = store::summary_since(self.conn(), since_ms)?;
        Ok(ReviewSummary {
            retention: (summary.reviews > 0)
                .then(|| f64::from(summary.reviews_recalled) / f64::from(summary.reviews)),
            ..summary
        })
    }

    /// Reads a time: RFC 3339 with an offset, or a local date and time
    /// (`2026-12-01T09:00`, `2026-12-01 09:00:30`, `2026-12-01`) in the time zone of the
    /// review settings. For the CLI's `--at` and `STRATUS_NOW`. Times outside the years
    /// 1970–9999 (UTC) are refused as `invalid_input`.
    pub fn parse_time(&self, text: &str) -> Result<DateTime<Utc>> {
        let text = text.trim();
        if let Ok(t) = DateTime::parse_from_rfc3339(text) {
            return crate::clock::check_user_time(t.with_timezone(&Utc), text);
        }
        let naive = [
            "%Y-%m-%dT%H:%M:%S",
            "%Y-%m-%dT%H:%M",
            "%Y-%m-%d %H:%M:%S",
            "%Y-%m-%d %H:%M",
        ]
        .iter()
        .find_map(|f| chrono::NaiveDateTime::parse_from_str(text, f).ok())
        .or_else(|| {
            chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d")
                .ok()
                .and_then(|d| d.and_hms_opt(0, 0, 0))
        })
        .ok_or_else(|| {
            Error::InvalidInput(format!(
                "cannot read the time {text:?}: use 2026-12-01T09:00 or RFC 3339"
            ))
        })?;
        // A year such as +262142 parses, but then no arithmetic on it is safe.
        let naive = crate::clock::check_user_local_time(naive, text)?;
        let zone = super::day::Zone::parse(&self.review_settings()?.time_zone)?;
        crate::clock::check_user_time(zone.instant(naive), text)
    }

    /// The answers of a card, oldest first.
    pub fn card_review_log(&self, card_id: &CardId) -> Result<Vec<ReviewLogEntry>> {
        Ok(store::reviews_of_card(self.conn(), card_id)?
            .into_iter()
            .map(|r| ReviewLogEntry {
                id: r.id,
                card_id: r.card_id,
                reviewed_at: rfc3339(r.reviewed_at_ms),
                rating: r.rating,
                duration_ms: r.duration_ms,
                elapsed_days: r.elapsed_days,
                phase_before: r.phase_before,
                phase_after: r.phase_after,
                stability_before: r.stability_before,
                stability_after: r.stability_after,
                difficulty_before: r.difficulty_before,
                difficulty_after: r.difficulty_after,
                due_after: rfc3339(r.due_after_ms),
            })
            .collect())
    }

    #[cfg(test)]
    /// The card's state as stored, and as derived by replaying its log through the
    /// scheduler with the current settings; equal unless the settings changed in between.
    pub(crate) fn stored_and_replayed_state(
        &self,
        card_id: &CardId,
    ) -> Result<(crate::model::SchedState, crate::model::SchedState)> {
        let sched = self.scheduler()?;
        let (stored, _) =
            store::get_state(self.conn(), card_id)?.ok_or_else(|| not_found(card_id))?;
        let log = store::reviews_of_card(self.conn(), card_id)?;
        let replayed = sched.replay(log.iter().map(|r| {
            (
                DateTime::from_timestamp_millis(r.reviewed_at_ms).unwrap_or_default(),
                r.rating,
                r.fuzz,
            )
        }))?;
        Ok((stored.state, replayed))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_cards_are_spread_among_reviews() {
        // 10 new among 90 reviews: every 10th card is new.
        let picks: Vec<bool> = (0..20).map(|n| should_take_new(10, 90, n)).collect();
        assert_eq!(picks.iter().filter(|p| **p).count(), 2);
        assert!(should_take_new(5, 0, 3));
        assert!(!should_take_new(0, 10, 0));
        // More new than reviews: new every time until the counts cross.
        assert!(should_take_new(10, 3, 1));
    }

    #[test]
    fn a_choice_is_right_only_when_it_is_exactly_the_correct_options() {
        let options = vec![
            McqOption {
                text: "a".into(),
                is_correct: false,
                explanation: None,
            },
            McqOption {
                text: "b".into(),
                is_correct: true,
                explanation: None,
            },
        ];
        let right = grade_selection(&options, &[1]);
        assert!(right.is_correct);
        assert_eq!(right.suggested_rating, Rating::Good);
        assert_eq!(right.correct_indices, vec![1]);
        let wrong = grade_selection(&options, &[0, 1]);
        assert!(!wrong.is_correct);
        assert_eq!(wrong.suggested_rating, Rating::Again);
        assert!(!grade_selection(&options, &[]).is_correct);
    }
}
