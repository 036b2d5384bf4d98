//! Progress: mastery by exam, exam-guide domain and topic, exam readiness, the weakest
//! topics, and study activity (heatmap, streaks, time, forecast). `compute.rs` is the pure
//! aggregation; this module reads the facts it needs (through `storage/progress`) and the
//! recall of each card (through the scheduler). It never writes, except `transfer.rs`,
//! which carries progress between libraries.

mod compute;
mod model;
pub(crate) mod transfer;

pub use model::{
    Activity, ActivityDay, DomainProgress, ExamProgress, ForecastDay, Mastery, ProgressStats,
    Readiness, TopicProgress, WeakTopic,
};
pub use transfer::{
    MAX_PROGRESS_FILE_BYTES, PROGRESS_FILE_FORMAT, PROGRESS_FILE_VERSION, ProgressExportReport,
    ProgressImportReport,
};

use chrono::DateTime;

use self::compute::{
    CardFacts, DayTotal, FORECAST_DAYS, Facts, MATURE_DAYS, RETENTION_DAYS, RecentReview, TagSet,
    compute,
};
use crate::error::{Error, Result};
use crate::model::exam_guide;
use crate::storage::Library;
use crate::storage::progress::{self as store, BUCKET_MS, TagInterner};

impl Library {
    /// Progress figures now (by the library's clock and the study-day settings), for the
    /// whole library or, with `exam` (`SAA`, `saa-c03`, …), for that exam's cards only.
    /// A card belongs to an exam when it carries the exam's tag or one of its domain tags.
    /// Only active cards count; suspended and retired ones are left out.
    pub fn progress_stats(&self, exam: Option<&str>) -> Result<ProgressStats> {
        let guide = match exam {
            Some(code) => Some(exam_guide(code).ok_or_else(|| {
                Error::InvalidInput(format!(
                    "unknown exam code: {code} (try CLF, SAA, DVA or SOA)"
                ))
            })?),
            None => None,
        };
        Ok(compute(&self.progress_facts()?, guide))
    }

    fn progress_facts(&self) -> Result<Facts> {
        let now = self.clock().now();
        let sched = self.scheduler()?;
        let days = sched.days();
        let today = days.day(now);
        // One read transaction: cards, states and answers from the same snapshot, even
        // while another process answers cards.
        let snapshot = self.conn().unchecked_transaction()?;
        let conn: &rusqlite::Connection = &snapshot;
        let mut interner = TagInterner::default();

        let card_tags = store::active_card_tags(conn, &mut interner)?;
        let cards = store::card_rows(conn, &card_tags)?
            .into_iter()
            .map(|row| CardFacts {
                tags: row.tags,
                is_seen: !row.is_new,
                is_mature: row.is_review && row.interval_days >= MATURE_DAYS,
                retrievability: (!row.is_new).then(|| {
                    match (row.stability, row.last_review_at_ms) {
                        (Some(s), Some(last)) if s > 0.0 => {
                            sched.retrievability_since(s, last, now)
                        }
                        _ => 0.0,
                    }
                }),
                due_at_ms: (!row.is_new).then_some(row.due_at_ms),
            })
            .collect();

        let since_ms = days
            .day_start(today - (RETENTION_DAYS - 1))
            .timestamp_millis();
        let recent_reviews = store::recent_reviews(conn, since_ms, &card_tags)?
            .into_iter()
            .map(|(tags, rating)| RecentReview {
                tags,
                is_recalled: rating != 1,
            })
            .collect();

        // Buckets come in time order, so the study day changes only at its boundary.
        let mut day_totals: Vec<DayTotal> = Vec::new();
        let mut window: Option<(i64, i64, i64)> = None;
        for (bucket, reviews, duration_ms) in store::review_buckets(conn)? {
            let at_ms = bucket * BUCKET_MS;
            let day = match window {
                Some((day, start, end)) if (start..end).contains(&at_ms) => day,
                _ => {
                    let at = DateTime::from_timestamp_millis(at_ms).unwrap_or_default();
                    let day = days.day(at);
                    let start = days.day_start(day).timestamp_millis();
                    let end = days.day_start(day + 1).timestamp_millis();
                    window = Some((day, start, end));
                    day
                }
            };
            match day_totals.last_mut() {
                Some(last) if last.day == day => {
                    last.reviews += reviews;
                    last.duration_ms += duration_ms;
                }
                _ => day_totals.push(DayTotal {
                    day,
                    reviews,
                    duration_ms,
                }),
            }
        }

        let forecast_starts_ms = (0..=FORECAST_DAYS as i64)
            .map(|k| days.day_start(today + k).timestamp_millis())
            .collect();
        let tag_sets = interner
            .sets
            .into_iter()
            .map(|t| {
                let mut topics = t.topics;
                topics.extend(t.services);
                TagSet {
                    exams: t.exams,
                    domains: t.domains,
                    topics,
                }
            })
            .collect();
        Ok(Facts {
            today,
            tag_sets,
            cards,
            recent_reviews,
            day_totals,
            forecast_starts_ms,
        })
    }
}
