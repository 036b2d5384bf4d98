//! Time as an injected dependency: the engine never reads the wall clock directly, so every
//! time-dependent behaviour (due dates, day rollover, streaks) can be tested with a fixed clock.

use std::sync::Mutex;

use chrono::{DateTime, Datelike, Duration, NaiveDateTime, Utc};

use crate::error::{Error, Result};

/// The first year a user may set the clock to (`--at`, `STRATUS_NOW`, a summary's start).
pub const EARLIEST_YEAR: i32 = 1970;
/// The last such year. Far enough for any study plan, and four digits, so day arithmetic,
/// due dates a century ahead and backup file names never leave chrono's range (±262,143).
pub const LATEST_YEAR: i32 = 9999;

fn out_of_range(text: &str) -> Error {
    Error::InvalidInput(format!(
        "the time {text:?} is out of range: use a time between {EARLIEST_YEAR}-01-01 and \
         {LATEST_YEAR}-12-31 (UTC)"
    ))
}

/// Checks a wall-clock time a user typed before any arithmetic is done on it; `text` is
/// what they typed, for the message.
pub(crate) fn check_user_local_time(local: NaiveDateTime, text: &str) -> Result<NaiveDateTime> {
    if (EARLIEST_YEAR..=LATEST_YEAR).contains(&local.year()) {
        Ok(local)
    } else {
        Err(out_of_range(text))
    }
}

/// Checks an instant a user gave: between the start of [`EARLIEST_YEAR`] and the end of
/// [`LATEST_YEAR`], in UTC.
pub(crate) fn check_user_time(at: DateTime<Utc>, text: &str) -> Result<DateTime<Utc>> {
    if (EARLIEST_YEAR..=LATEST_YEAR).contains(&at.year()) {
        Ok(at)
    } else {
        Err(out_of_range(text))
    }
}

/// A source of the current time.
pub trait Clock: Send + Sync {
    /// The current instant in UTC.
    fn now(&self) -> DateTime<Utc>;
}

/// The real clock of the operating system.
#[derive(Debug, Default, Clone, Copy)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }
}

/// A clock that stays where it is told to be; for tests and scripted sessions.
#[derive(Debug)]
pub struct FixedClock {
    now: Mutex<DateTime<Utc>>,
}

impl FixedClock {
    /// A clock standing at `at`.
    pub fn new(at: DateTime<Utc>) -> Self {
        Self {
            now: Mutex::new(at),
        }
    }

    /// Moves the clock to `at`.
    pub fn set(&self, at: DateTime<Utc>) {
        *self.now.lock().expect("clock mutex is never poisoned") = at;
    }

    /// Moves the clock forward by `by`.
    pub fn advance(&self, by: Duration) {
        let mut now = self.now.lock().expect("clock mutex is never poisoned");
        *now += by;
    }
}

impl Clock for FixedClock {
    fn now(&self) -> DateTime<Utc> {
        *self.now.lock().expect("clock mutex is never poisoned")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn fixed_clock_moves_only_when_told() {
        let start = Utc.with_ymd_and_hms(2026, 12, 1, 9, 0, 0).unwrap();
        let clock = FixedClock::new(start);
        assert_eq!(clock.now(), start);
        clock.advance(Duration::days(2));
        assert_eq!(clock.now(), start + Duration::days(2));
        clock.set(start);
        assert_eq!(clock.now(), start);
    }
}
