//! Reading, checking and saving the scheduling settings and the FSRS parameters. Both live
//! in the `settings` table as JSON, like the interface settings.

use super::day::{DayClock, Zone};
use super::model::{ReviewSettings, SchedulerParameters};
use super::states::Scheduler;
use crate::error::{Error, Result};
use crate::storage::{Library, kv};

const REVIEW_KEY: &str = "review";
const PARAMETERS_KEY: &str = "fsrs_parameters";

/// The longest step allowed: a week.
const MAX_STEP_SECS: u32 = 7 * 86_400;

impl ReviewSettings {
    /// Checks every value; returns a message naming the first one out of range.
    pub fn validate(&self) -> Result<()> {
        let bad = |msg: String| Err(Error::InvalidInput(msg));
        if !(0.7..=0.99).contains(&self.desired_retention) {
            return bad(format!(
                "desired retention must be between 0.70 and 0.99, not {}",
                self.desired_retention
            ));
        }
        if !(1..=36_500).contains(&self.maximum_interval_days) {
            return bad("the maximum interval must be 1 to 36500 days".into());
        }
        if self.new_cards_per_day > 9_999 || self.reviews_per_day > 99_999 {
            return bad("daily limits must be below 10000 new and 100000 reviews".into());
        }
        for (name, steps) in [
            ("learning", &self.learning_steps_secs),
            ("relearning", &self.relearning_steps_secs),
        ] {
            if steps.len() > 10 || steps.iter().any(|s| *s == 0 || *s > MAX_STEP_SECS) {
                return bad(format!(
                    "{name} steps must be at most 10 delays of 1 second to 7 days"
                ));
            }
        }
        if self.day_rollover_hour > 23 {
            return bad("the day rollover hour must be 0 to 23".into());
        }
        if self.learn_ahead_secs > 86_400 {
            return bad("learn ahead must be at most a day".into());
        }
        Zone::parse(&self.time_zone)?;
        Ok(())
    }
}

/// Parameters as stored: f32 as FSRS uses them (f64 in the public struct).
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub(crate) struct StoredParameters {
    pub parameters: Vec<f32>,
    pub optimized_at: Option<String>,
    pub log_loss_before: Option<f64>,
    pub log_loss_after: Option<f64>,
}

impl StoredParameters {
    pub fn to_public(&self) -> SchedulerParameters {
        let is_default = self.parameters.is_empty();
        let parameters = if is_default {
            fsrs::DEFAULT_PARAMETERS.to_vec()
        } else {
            self.parameters.clone()
        };
        SchedulerParameters {
            parameters: parameters.into_iter().map(f64::from).collect(),
            is_default,
            optimized_at: self.optimized_at.clone(),
            log_loss_before: self.log_loss_before,
            log_loss_after: self.log_loss_after,
        }
    }
}

fn read_json<T: serde::de::DeserializeOwned + Default>(lib: &Library, key: &str) -> Result<T> {
    Ok(kv::read(lib.conn(), key)?.unwrap_or_default())
}

pub(crate) fn write_json<T: serde::Serialize>(
    tx: &rusqlite::Transaction<'_>,
    key: &str,
    value: &T,
) -> Result<()> {
    kv::write(tx, key, value)
}

impl Library {
    /// The scheduling settings; the defaults when never saved or unreadable.
    pub fn review_settings(&self) -> Result<ReviewSettings> {
        let settings: ReviewSettings = read_json(self, REVIEW_KEY)?;
        Ok(if settings.validate().is_ok() {
            settings
        } else {
            ReviewSettings::default()
        })
    }

    /// Checks and saves the scheduling settings; returns them as stored.
    pub fn set_review_settings(&mut self, settings: &ReviewSettings) -> Result<ReviewSettings> {
        settings.validate()?;
        self.transact(|tx| write_json(tx, REVIEW_KEY, settings))?;
        self.review_settings()
    }

    /// The FSRS parameters in use: fitted ones after a successful `optimize`, else the
    /// defaults.
    pub fn scheduler_parameters(&self) -> Result<SchedulerParameters> {
        Ok(self.stored_parameters()?.to_public())
    }

    /// Goes back to the default FSRS parameters.
    pub fn reset_scheduler_parameters(&mut self) -> Result<SchedulerParameters> {
        self.transact(|tx| write_json(tx, PARAMETERS_KEY, &StoredParameters::default()))?;
        self.scheduler_parameters()
    }

    pub(crate) fn stored_parameters(&self) -> Result<StoredParameters> {
        let stored: StoredParameters = read_json(self, PARAMETERS_KEY)?;
        // Parameters that FSRS rejects (a damaged value) fall back to the defaults.
        Ok(if fsrs::FSRS::new(&stored.parameters).is_ok() {
            stored
        } else {
            StoredParameters::default()
        })
    }

    pub(crate) fn save_parameters(&mut self, stored: &StoredParameters) -> Result<()> {
        self.transact(|tx| write_json(tx, PARAMETERS_KEY, stored))
    }

    /// The scheduler for the current settings and parameters.
    pub(crate) fn scheduler(&self) -> Result<Scheduler> {
        let settings = self.review_settings()?;
        let zone = Zone::parse(&settings.time_zone)?;
        let days = DayClock::new(zone, settings.day_rollover_hour);
        Scheduler::new(&self.stored_parameters()?.parameters, settings, days)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::storage::LibraryOptions;

    #[test]
    fn defaults_are_the_documented_ones_and_changes_are_checked() {
        let mut lib = Library::open_in_memory(LibraryOptions::default()).unwrap();
        let s = lib.review_settings().unwrap();
        assert_eq!(s.desired_retention, 0.9);
        assert_eq!(s.new_cards_per_day, 20);
        assert_eq!(s.learning_steps_secs, vec![60, 600]);
        assert_eq!(s.day_rollover_hour, 4);
        let changed = ReviewSettings {
            desired_retention: 0.85,
            time_zone: "Asia/Seoul".into(),
            ..s.clone()
        };
        assert_eq!(lib.set_review_settings(&changed).unwrap(), changed);
        let bad = ReviewSettings {
            time_zone: "Nowhere/Land".into(),
            ..s.clone()
        };
        assert!(matches!(
            lib.set_review_settings(&bad),
            Err(Error::InvalidInput(_))
        ));
        let bad = ReviewSettings {
            desired_retention: 1.0,
            ..s
        };
        assert!(lib.set_review_settings(&bad).is_err());
        assert_eq!(lib.review_settings().unwrap(), changed);
        assert!(lib.scheduler_parameters().unwrap().is_default);
        assert_eq!(lib.scheduler_parameters().unwrap().parameters.len(), 21);
    }
}
