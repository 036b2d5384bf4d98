//! The pure scheduler: from a card's state, the settings, the time and a fuzz factor to the
//! four states its buttons lead to. FSRS (`fsrs::FSRS::next_states`) gives the memory state
//! and day intervals; the minute-scale (re)learning steps, the day boundaries and the
//! ordering of the buttons' intervals are decided here. Nothing here reads a clock, an RNG
//! or the database.

use chrono::{DateTime, Utc};
use fsrs::{FSRS, MemoryState};

use super::day::DayClock;
use super::fuzz::constrain_interval;
use super::model::ReviewSettings;
use crate::error::{Error, Result};
use crate::model::{Memory, Phase, Rating, SchedState};

const MS_PER_SEC: i64 = 1000;
const SECS_PER_DAY: f64 = 86_400.0;

impl From<MemoryState> for Memory {
    fn from(m: MemoryState) -> Self {
        Memory {
            stability: m.stability,
            difficulty: m.difficulty,
        }
    }
}

impl From<Memory> for MemoryState {
    fn from(m: Memory) -> Self {
        MemoryState {
            stability: m.stability,
            difficulty: m.difficulty,
        }
    }
}

/// The result of one button.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Outcome {
    pub state: SchedState,
    /// Study days since the previous answer (what FSRS was given).
    pub elapsed_days: u32,
    /// Time until due, as the button shows it.
    pub interval_secs: f64,
}

/// FSRS parameters plus settings: everything needed to schedule, nothing that changes.
pub(crate) struct Scheduler {
    fsrs: FSRS,
    decay: f32,
    settings: ReviewSettings,
    days: DayClock,
}

fn ms_to_time(ms: i64) -> DateTime<Utc> {
    DateTime::from_timestamp_millis(ms).unwrap_or_default()
}

fn fsrs_error(e: fsrs::FSRSError) -> Error {
    Error::InvalidInput(format!("the scheduler rejected its input: {e}"))
}

impl Scheduler {
    /// A scheduler with FSRS `parameters` (empty for the defaults).
    pub fn new(parameters: &[f32], settings: ReviewSettings, days: DayClock) -> Result<Self> {
        let fsrs = FSRS::new(parameters).map_err(fsrs_error)?;
        let decay = parameters
            .get(20)
            .copied()
            .unwrap_or(fsrs::DEFAULT_PARAMETERS[20]);
        Ok(Scheduler {
            fsrs,
            decay,
            settings,
            days,
        })
    }

    pub fn days(&self) -> &DayClock {
        &self.days
    }

    pub fn settings(&self) -> &ReviewSettings {
        &self.settings
    }

    /// Probability of recalling the card at `now`; `None` for a card without memory.
    pub fn retrievability(&self, state: &SchedState, now: DateTime<Utc>) -> Option<f64> {
        let memory = state.memory?;
        let last = state.last_review_at_ms?;
        let days = ((now.timestamp_millis() - last).max(0) as f64 / 1000.0 / SECS_PER_DAY) as f32;
        Some(f64::from(fsrs::current_retrievability(
            memory.into(),
            days,
            self.decay,
        )))
    }

    /// Probability of recall at `now` of a memory of `stability_days` last answered at
    /// `last_review_at_ms`.
    pub fn retrievability_since(
        &self,
        stability_days: f64,
        last_review_at_ms: i64,
        now: DateTime<Utc>,
    ) -> f64 {
        let days =
            (now.timestamp_millis() - last_review_at_ms).max(0) as f64 / 1000.0 / SECS_PER_DAY;
        f64::from(fsrs::current_retrievability(
            MemoryState {
                stability: stability_days as f32,
                difficulty: 5.0,
            },
            days as f32,
            self.decay,
        ))
    }

    /// The states Again, Hard, Good and Easy lead to when answered at `now`. `fuzz` is a
    /// factor in `[0, 1)` drawn from the card's seed, or `None` for no fuzz.
    pub fn next_states(
        &self,
        state: &SchedState,
        now: DateTime<Utc>,
        fuzz: Option<f64>,
    ) -> Result<[Outcome; 4]> {
        let fuzz = fuzz.filter(|_| self.settings.is_fuzz_enabled);
        let elapsed_days = state
            .last_review_at_ms
            .map_or(0, |ms| self.days.days_between(ms_to_time(ms), now));
        let next = self
            .fsrs
            .next_states(
                state.memory.map(MemoryState::from),
                self.settings.desired_retention as f32,
                elapsed_days,
            )
            .map_err(fsrs_error)?;
        let fsrs_states = [next.again, next.hard, next.good, next.easy];
        let intervals = fsrs_states.clone().map(|s| f64::from(s.interval));
        let step = Step {
            scheduler: self,
            state,
            now,
            today: self.days.day(now),
            fuzz,
            intervals,
        };
        Ok(Rating::ALL.map(|rating| {
            let (phase, step_index, due_at_ms, interval_days, interval_secs, is_lapse) =
                step.transition(rating);
            Outcome {
                state: SchedState {
                    phase,
                    step: step_index,
                    memory: Some(fsrs_states[rating.index()].memory.into()),
                    due_at_ms,
                    interval_days,
                    last_review_at_ms: Some(now.timestamp_millis()),
                    reps: state.reps + 1,
                    lapses: state.lapses + u32::from(is_lapse),
                },
                elapsed_days,
                interval_secs,
            }
        }))
    }

    /// Every answer of `answers` (time, rating, fuzz factor) applied in order from a new
    /// card: the state before it, the study days since the previous answer, and the state
    /// after. A merged review log is written again from these (`progress::transfer`).
    pub(crate) fn replay_steps(
        &self,
        answers: impl IntoIterator<Item = (DateTime<Utc>, Rating, Option<f64>)>,
    ) -> Result<Vec<(SchedState, u32, SchedState)>> {
        let mut state = SchedState::new_card();
        let mut steps = Vec::new();
        for (at, rating, fuzz) in answers {
            let outcome = self.next_states(&state, at, fuzz)?[rating.index()].clone();
            steps.push((state, outcome.elapsed_days, outcome.state.clone()));
            state = outcome.state;
        }
        Ok(steps)
    }

    #[cfg(test)]
    /// The state reached by answering `answers` (time, rating, fuzz factor) in order from a
    /// new card: what the review log says the card's state is.
    pub fn replay(
        &self,
        answers: impl IntoIterator<Item = (DateTime<Utc>, Rating, Option<f64>)>,
    ) -> Result<SchedState> {
        let mut state = SchedState::new_card();
        for (at, rating, fuzz) in answers {
            let [again, hard, good, easy] = self.next_states(&state, at, fuzz)?;
            state = match rating {
                Rating::Again => again,
                Rating::Hard => hard,
                Rating::Good => good,
                Rating::Easy => easy,
            }
            .state;
        }
        Ok(state)
    }
}

/// One answer being worked out: the shared inputs of the four transitions.
struct Step<'a> {
    scheduler: &'a Scheduler,
    state: &'a SchedState,
    now: DateTime<Utc>,
    today: i64,
    fuzz: Option<f64>,
    /// FSRS's intervals in days for Again, Hard, Good, Easy.
    intervals: [f64; 4],
}

/// (phase, step, due_at_ms, interval_days, interval_secs, is_lapse)
type Transition = (Phase, u32, i64, u32, f64, bool);

impl Step<'_> {
    fn transition(&self, rating: Rating) -> Transition {
        let settings = &self.scheduler.settings;
        match self.state.phase {
            Phase::New => self.learning(rating, &settings.learning_steps_secs, 0, Phase::Learning),
            Phase::Learning => self.learning(
                rating,
                &settings.learning_steps_secs,
                self.state.step,
                Phase::Learning,
            ),
            Phase::Relearning => self.learning(
                rating,
                &settings.relearning_steps_secs,
                self.state.step,
                Phase::Relearning,
            ),
            Phase::Review => self.review(rating),
        }
    }

    fn max_days(&self) -> u32 {
        self.scheduler.settings.maximum_interval_days.max(1)
    }

    fn in_steps(&self, phase: Phase, step: u32, delay_secs: u32) -> Transition {
        let due = self.now.timestamp_millis() + i64::from(delay_secs) * MS_PER_SEC;
        (phase, step, due, 0, f64::from(delay_secs), false)
    }

    fn in_days(&self, days: u32, is_lapse: bool) -> Transition {
        let due = self
            .scheduler
            .days
            .day_start(self.today + i64::from(days))
            .timestamp_millis();
        (
            Phase::Review,
            0,
            due,
            days,
            f64::from(days) * SECS_PER_DAY,
            is_lapse,
        )
    }

    /// A card in (re)learning steps: Again restarts them, Hard repeats the step, Good moves
    /// on or graduates, Easy graduates.
    fn learning(&self, rating: Rating, steps: &[u32], step: u32, phase: Phase) -> Transition {
        let index = (step as usize).min(steps.len().saturating_sub(1));
        if steps.is_empty() {
            return self.graduate(rating);
        }
        match rating {
            Rating::Again => self.in_steps(phase, 0, steps[0]),
            Rating::Hard => self.in_steps(phase, index as u32, hard_delay_secs(steps, index)),
            Rating::Good => match steps.get(index + 1) {
                Some(&delay) => self.in_steps(phase, index as u32 + 1, delay),
                None => self.graduate(rating),
            },
            Rating::Easy => self.graduate(rating),
        }
    }

    /// Leaves the steps for a day interval from FSRS; Easy is at least a day past Good.
    fn graduate(&self, rating: Rating) -> Transition {
        let max = self.max_days();
        let good_unfuzzed = constrain_interval(self.intervals[2], 1, max, None);
        let minimum = if rating == Rating::Easy {
            good_unfuzzed + 1
        } else {
            1
        };
        let days = constrain_interval(self.intervals[rating.index()], minimum, max, self.fuzz);
        self.in_days(days, false)
    }

    /// A review: Again lapses into relearning (or a short interval without relearning
    /// steps); Hard < Good < Easy in whole days.
    fn review(&self, rating: Rating) -> Transition {
        let max = self.max_days();
        let relearning = &self.scheduler.settings.relearning_steps_secs;
        let hard = constrain_interval(self.intervals[1], 1, max, self.fuzz);
        let good = constrain_interval(self.intervals[2], hard + 1, max, self.fuzz);
        match rating {
            Rating::Again => match relearning.first() {
                Some(&delay) => {
                    let mut t = self.in_steps(Phase::Relearning, 0, delay);
                    t.5 = true;
                    t
                }
                None => {
                    let days = constrain_interval(self.intervals[0], 1, max, self.fuzz);
                    self.in_days(days, true)
                }
            },
            Rating::Hard => self.in_days(hard, false),
            Rating::Good => self.in_days(good, false),
            Rating::Easy => {
                let easy = constrain_interval(self.intervals[3], good + 1, max, self.fuzz);
                self.in_days(easy, false)
            }
        }
    }
}

/// Hard repeats the current step; on the first step it waits halfway to the second (or 1.5×
/// the only step, at most a day more).
fn hard_delay_secs(steps: &[u32], index: usize) -> u32 {
    let current = steps[index];
    if index == 0 {
        match steps.get(1) {
            Some(&next) => current / 2 + next / 2 + (current % 2 + next % 2) / 2,
            None => (current.saturating_mul(3) / 2).min(current.saturating_add(86_400)),
        }
    } else {
        current
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schedule::day::Zone;
    use chrono::Duration;
    use proptest::prelude::*;

    fn scheduler(settings: ReviewSettings) -> Scheduler {
        let days = DayClock::new(Zone::parse("+09:00").unwrap(), 4);
        Scheduler::new(&[], settings, days).unwrap()
    }

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    fn pick(outcomes: [Outcome; 4], rating: Rating) -> Outcome {
        outcomes.into_iter().nth(rating.index()).unwrap()
    }

    #[test]
    fn new_card_buttons_follow_the_learning_steps() {
        let s = scheduler(ReviewSettings::default());
        let now = at("2026-12-01T09:00:00+09:00");
        let [again, hard, good, easy] = s.next_states(&SchedState::new_card(), now, None).unwrap();
        assert_eq!(again.interval_secs, 60.0);
        assert_eq!(hard.interval_secs, 330.0);
        assert_eq!(good.interval_secs, 600.0);
        assert_eq!((good.state.phase, good.state.step), (Phase::Learning, 1));
        assert_eq!(easy.state.phase, Phase::Review);
        assert!(easy.state.interval_days >= 2, "{easy:?}");
        // Due at the start of a study day: 04:00 in +09:00.
        let due = ms_to_time(easy.state.due_at_ms);
        assert_eq!(
            due.with_timezone(&chrono::FixedOffset::east_opt(9 * 3600).unwrap())
                .format("%H:%M")
                .to_string(),
            "04:00"
        );
        for o in [&again, &hard, &good, &easy] {
            assert_eq!(o.state.reps, 1);
            assert!(o.state.memory.is_some());
        }
    }

    #[test]
    fn good_graduates_from_the_last_step_and_intervals_grow() {
        let s = scheduler(ReviewSettings {
            is_fuzz_enabled: false,
            ..ReviewSettings::default()
        });
        let mut now = at("2026-12-01T09:00:00+09:00");
        let mut state = SchedState::new_card();
        state = pick(s.next_states(&state, now, None).unwrap(), Rating::Good).state;
        now += Duration::minutes(10);
        state = pick(s.next_states(&state, now, None).unwrap(), Rating::Good).state;
        assert_eq!(state.phase, Phase::Review);
        let mut last = state.interval_days;
        for _ in 0..6 {
            now = ms_to_time(state.due_at_ms) + Duration::hours(5);
            state = pick(s.next_states(&state, now, None).unwrap(), Rating::Good).state;
            assert_eq!(state.phase, Phase::Review);
            assert!(
                state.interval_days > last,
                "{} after {last}",
                state.interval_days
            );
            last = state.interval_days;
        }
        // A lapse: relearning for 10 minutes, then a short interval.
        now = ms_to_time(state.due_at_ms) + Duration::hours(5);
        let lapsed = pick(s.next_states(&state, now, None).unwrap(), Rating::Again).state;
        assert_eq!((lapsed.phase, lapsed.lapses), (Phase::Relearning, 1));
        assert_eq!(lapsed.due_at_ms, now.timestamp_millis() + 600_000);
        let back = pick(
            s.next_states(&lapsed, now + Duration::minutes(10), None)
                .unwrap(),
            Rating::Good,
        )
        .state;
        assert_eq!(back.phase, Phase::Review);
        assert!(back.interval_days < last);
    }

    #[test]
    fn without_steps_every_answer_is_scheduled_in_days() {
        let s = scheduler(ReviewSettings {
            learning_steps_secs: vec![],
            relearning_steps_secs: vec![],
            ..ReviewSettings::default()
        });
        let now = at("2026-12-01T09:00:00Z");
        for o in s
            .next_states(&SchedState::new_card(), now, Some(0.5))
            .unwrap()
        {
            assert_eq!(o.state.phase, Phase::Review);
            assert!(o.state.interval_days >= 1);
        }
    }

    #[test]
    fn maximum_interval_caps_every_button() {
        let s = scheduler(ReviewSettings {
            maximum_interval_days: 3,
            ..ReviewSettings::default()
        });
        let state = SchedState {
            phase: Phase::Review,
            memory: Some(Memory {
                stability: 200.0,
                difficulty: 3.0,
            }),
            last_review_at_ms: Some(at("2026-06-01T00:00:00Z").timestamp_millis()),
            interval_days: 3,
            reps: 5,
            ..SchedState::new_card()
        };
        let outcomes = s
            .next_states(&state, at("2026-12-01T09:00:00Z"), Some(0.9))
            .unwrap();
        for o in &outcomes[1..] {
            assert!(o.state.interval_days <= 3, "{o:?}");
        }
    }

    fn rating() -> impl Strategy<Value = Rating> {
        prop_oneof![
            Just(Rating::Again),
            Just(Rating::Hard),
            Just(Rating::Good),
            Just(Rating::Easy)
        ]
    }

    proptest! {
        #[test]
        fn review_buttons_are_ordered_and_state_is_consistent(
            answers in proptest::collection::vec((rating(), 0u32..40 * 24 * 60, 0.0f64..1.0), 1..30)
        ) {
            let s = scheduler(ReviewSettings::default());
            let mut now = at("2026-12-01T09:00:00Z");
            let mut state = SchedState::new_card();
            for (r, wait_minutes, fuzz) in answers {
                now += Duration::minutes(i64::from(wait_minutes));
                let outcomes = s.next_states(&state, now, Some(fuzz)).unwrap();
                if state.phase == Phase::Review {
                    let days: Vec<u32> = outcomes[1..].iter().map(|o| o.state.interval_days).collect();
                    prop_assert!(days[0] < days[1] && days[1] < days[2], "{days:?}");
                }
                for o in &outcomes {
                    prop_assert!(o.state.due_at_ms > now.timestamp_millis());
                    prop_assert!(o.interval_secs > 0.0);
                }
                let lapses = state.lapses;
                let was_review = state.phase == Phase::Review;
                state = pick(outcomes, r).state;
                prop_assert_eq!(state.lapses, lapses + u32::from(was_review && r == Rating::Again));
            }
        }
    }
}
