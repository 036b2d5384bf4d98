//! The parameter optimizer: fits personal FSRS parameters to the review log with
//! `fsrs::compute_parameters` and keeps them only when they predict the history better (lower
//! log loss) than the parameters in use. Below a few hundred usable answers the defaults stay.

use std::collections::HashMap;

use chrono::SecondsFormat;
use fsrs::{ComputeParametersInput, FSRS, FSRSItem, FSRSReview};

use super::model::{OptimizeOutcome, OptimizeReport};
use super::settings::StoredParameters;
use crate::error::{Error, Result};
use crate::model::TrainingRow;
use crate::storage::Library;
use crate::storage::schedule as store;

/// Usable answers (a study day or more after the card's previous one) needed before fitting.
pub const MIN_TRAINABLE_REVIEWS: u32 = 400;

/// The training items of a log grouped by card (in answer order within a card): one item
/// per answer that came a day or more after the previous one, holding the card's history up
/// to it. Items are ordered by the time of their last answer, as FSRS weights recent items
/// more; the second vector numbers the card of each item.
pub(crate) fn training_items(rows: &[TrainingRow]) -> (Vec<FSRSItem>, Vec<i64>) {
    let mut items: Vec<(i64, FSRSItem, i64)> = Vec::new();
    let mut card_numbers: HashMap<&str, i64> = HashMap::new();
    let mut start = 0;
    while start < rows.len() {
        let card = rows[start].card_id.as_str();
        let end = rows[start..]
            .iter()
            .position(|r| r.card_id != card)
            .map_or(rows.len(), |n| start + n);
        let next_number = card_numbers.len() as i64;
        let number = *card_numbers.entry(card).or_insert(next_number);
        let reviews: Vec<FSRSReview> = rows[start..end]
            .iter()
            .enumerate()
            .map(|(i, r)| FSRSReview {
                rating: u32::from(r.rating),
                // FSRS requires the first answer of a card to have no elapsed time.
                delta_t: if i == 0 { 0 } else { r.elapsed_days },
            })
            .collect();
        for i in 1..reviews.len() {
            if reviews[i].delta_t > 0 {
                items.push((
                    rows[start + i].reviewed_at_ms,
                    FSRSItem {
                        reviews: reviews[..=i].to_vec(),
                    },
                    number,
                ));
            }
        }
        start = end;
    }
    items.sort_by_key(|(at, _, number)| (*at, *number));
    items
        .into_iter()
        .map(|(_, item, number)| (item, number))
        .unzip()
}

fn log_loss(parameters: &[f32], items: &[FSRSItem], card_ids: &[i64]) -> Result<f64> {
    let fsrs = FSRS::new(parameters).map_err(|e| Error::InvalidInput(e.to_string()))?;
    let evaluation = fsrs
        .evaluate_with_card_ids(items.to_vec(), card_ids.to_vec(), |_| true)
        .map_err(|e| Error::InvalidInput(format!("evaluating the parameters failed: {e}")))?;
    Ok(f64::from(evaluation.log_loss))
}

impl Library {
    /// Fits personal FSRS parameters to the review log and keeps them when they predict it
    /// better than the parameters in use. With fewer than [`MIN_TRAINABLE_REVIEWS`] usable
    /// answers nothing changes.
    pub fn optimize(&mut self) -> Result<OptimizeReport> {
        let rows = store::training_rows(self.conn())?;
        let review_count = rows.len() as u32;
        let (items, card_ids) = training_items(&rows);
        let trainable_count = items.len() as u32;
        let current = self.stored_parameters()?;
        let log_loss_before = if items.is_empty() {
            None
        } else {
            Some(log_loss(&current.parameters, &items, &card_ids)?)
        };
        let mut report = OptimizeReport {
            outcome: OptimizeOutcome::NotEnoughReviews,
            review_count,
            trainable_count,
            minimum_count: MIN_TRAINABLE_REVIEWS,
            log_loss_before,
            log_loss_after: None,
            parameters: Vec::new(),
            is_default: current.parameters.is_empty(),
        };
        if trainable_count < MIN_TRAINABLE_REVIEWS {
            report.parameters = current.to_public().parameters;
            return Ok(report);
        }
        let relearning_steps = self.review_settings()?.relearning_steps_secs.len();
        let fitted = fsrs::compute_parameters(ComputeParametersInput {
            train_set: items.clone(),
            card_ids: Some(card_ids.clone()),
            progress: None,
            enable_short_term: true,
            num_relearning_steps: Some(relearning_steps.max(1)),
            training_config: None,
        })
        .map_err(|e| Error::InvalidInput(format!("fitting the parameters failed: {e}")))?;
        let after = log_loss(&fitted, &items, &card_ids)?;
        report.log_loss_after = Some(after);
        let is_better = log_loss_before.is_none_or(|before| after < before);
        if is_better {
            let stored = StoredParameters {
                parameters: fitted,
                optimized_at: Some(
                    self.clock()
                        .now()
                        .to_rfc3339_opts(SecondsFormat::Secs, true),
                ),
                log_loss_before,
                log_loss_after: Some(after),
            };
            self.save_parameters(&stored)?;
            report.outcome = OptimizeOutcome::Optimized;
            report.is_default = false;
            report.parameters = stored.to_public().parameters;
        } else {
            report.outcome = OptimizeOutcome::KeptCurrent;
            report.parameters = current.to_public().parameters;
        }
        Ok(report)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(card: &str, at: i64, rating: u8, elapsed: u32) -> TrainingRow {
        TrainingRow {
            card_id: card.into(),
            reviewed_at_ms: at,
            rating,
            elapsed_days: elapsed,
        }
    }

    #[test]
    fn items_hold_each_cards_history_up_to_each_later_day_answer() {
        let rows = vec![
            row("a", 0, 3, 0),
            row("a", 10, 3, 0),
            row("a", 300, 3, 2),
            row("a", 900, 1, 5),
            row("b", 50, 3, 0),
            row("b", 400, 4, 3),
        ];
        let (items, ids) = training_items(&rows);
        assert_eq!(items.len(), 3);
        // Ordered by the time of the last answer: a@300, b@400, a@900.
        assert_eq!(ids, vec![0, 1, 0]);
        assert_eq!(items[0].reviews.len(), 3);
        assert_eq!(items[1].reviews.len(), 2);
        assert_eq!(items[2].reviews.last().unwrap().rating, 1);
        assert_eq!(items[0].reviews[0].delta_t, 0);
    }
}
