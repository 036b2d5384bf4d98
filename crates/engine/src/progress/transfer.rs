//! Progress between devices: a versioned JSON file with what a learner did — every answer by
//! its global id (UUID v7), suspended and buried cards, edits of card texts and finished
//! practice exams — and its merge into another library of the same course. Cards are named by
//! their ids, which are the same on every computer (decision 0011).
//!
//! A merge is a union on the unique ids, so importing a file twice, or both ways, ends with
//! equal logs; the state of every card that gained answers is then computed again by
//! replaying its whole log, in time order, through the scheduler. A file is read and checked
//! in full before anything is written; a bad, oversized or newer file changes nothing and the
//! error says why. This module never reads notes and never touches documents.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Read;
use std::path::Path;

use chrono::DateTime;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::ids::ReviewUid;
use crate::model::{AttemptRecord, BuriedCard, CardEditRecord, CardId, ReviewRecord, attempt_key};
use crate::out_file;
use crate::schedule::Rating;
use crate::storage::Library;
use crate::storage::schedule::transfer as store;
use crate::storage::schedule::{self as sched_store, NewReview, StoredState};

/// The `format` field of every progress file.
pub const PROGRESS_FILE_FORMAT: &str = "stratus-progress";
/// The version of progress files this build writes and the newest it reads.
pub const PROGRESS_FILE_VERSION: u32 = 1;
/// The largest progress file read, in bytes (about a million answers).
pub const MAX_PROGRESS_FILE_BYTES: u64 = 256 * 1024 * 1024;
/// The most entries of one kind a progress file may hold.
const MAX_ENTRIES: usize = 2_000_000;
/// The latest time a file may name: the end of the year 9999, in Unix milliseconds.
const MAX_TIME_MS: i64 = 253_402_300_799_999;
/// The longest edited prompt or answer taken from a file, in bytes.
const MAX_EDIT_BYTES: usize = 64 * 1024;

/// A progress file as written and read.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct ProgressFile {
    pub format: String,
    pub version: u32,
    /// RFC 3339 time of the export.
    pub exported_at: String,
    #[serde(default)]
    pub reviews: Vec<ReviewRecord>,
    #[serde(default)]
    pub suspended_cards: Vec<CardId>,
    #[serde(default)]
    pub buried_cards: Vec<BuriedCard>,
    #[serde(default)]
    pub card_edits: Vec<CardEditRecord>,
    #[serde(default)]
    pub exam_attempts: Vec<AttemptRecord>,
}

/// What `export_progress` wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ProgressExportReport {
    /// The file written.
    pub path: String,
    pub bytes: u32,
    pub reviews: u32,
    pub suspended_cards: u32,
    pub buried_cards: u32,
    pub card_edits: u32,
    pub exam_attempts: u32,
}

/// What `import_progress` merged. Entries about cards or questions this library does not
/// have (their notes were not imported here) are counted and left out; importing the notes
/// and then the file again takes them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ProgressImportReport {
    /// Answers new to this library.
    pub reviews_added: u32,
    /// Answers it already had.
    pub reviews_known: u32,
    /// Answers of cards it does not have.
    pub reviews_unknown_card: u32,
    /// Cards whose state was computed again from their merged log.
    pub cards_replayed: u32,
    pub suspended_added: u32,
    pub buried_added: u32,
    pub card_edits_applied: u32,
    pub exam_attempts_added: u32,
    pub exam_attempts_known: u32,
    /// Attempts naming a question this library does not have.
    pub exam_attempts_unknown_question: u32,
    /// True when nothing changed (the file was already merged).
    pub is_unchanged: bool,
}

fn bad(detail: impl std::fmt::Display) -> Error {
    Error::InvalidInput(format!("not a usable progress file: {detail}"))
}

fn is_card_id(id: &CardId) -> bool {
    id.0.len() == 32 && id.0.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

fn check_time(what: &str, index: usize, ms: i64) -> Result<()> {
    if (0..=MAX_TIME_MS).contains(&ms) {
        Ok(())
    } else {
        Err(bad(format!(
            "{what} {}: time {ms} is out of range",
            index + 1
        )))
    }
}

fn check_count(what: &str, n: usize) -> Result<()> {
    if n > MAX_ENTRIES {
        return Err(bad(format!(
            "{n} {what} is more than the {MAX_ENTRIES} a file may hold"
        )));
    }
    Ok(())
}

/// Reads and checks a progress file in full: size, format, version, and every entry.
pub(crate) fn read_progress_file(path: &Path) -> Result<ProgressFile> {
    let file = crate::paths::open_regular_file(path).map_err(|e| Error::io(path, e))?;
    let mut bytes = Vec::new();
    file.take(MAX_PROGRESS_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Error::io(path, e))?;
    if bytes.len() as u64 > MAX_PROGRESS_FILE_BYTES {
        return Err(bad(format!(
            "it is larger than {} MiB",
            MAX_PROGRESS_FILE_BYTES / (1024 * 1024)
        )));
    }
    parse_progress(&bytes)
}

/// Parses and checks the bytes of a progress file.
pub(crate) fn parse_progress(bytes: &[u8]) -> Result<ProgressFile> {
    #[derive(Deserialize)]
    struct Header {
        format: Option<String>,
        version: Option<u32>,
    }
    let header: Header =
        serde_json::from_slice(bytes).map_err(|e| bad(format!("it is not JSON ({e})")))?;
    if header.format.as_deref() != Some(PROGRESS_FILE_FORMAT) {
        return Err(bad(format!(
            "its format is not \"{PROGRESS_FILE_FORMAT}\" (is it a Stratus progress export?)"
        )));
    }
    match header.version {
        Some(v) if v > PROGRESS_FILE_VERSION => {
            return Err(bad(format!(
                "it was written by a newer Stratus (file version {v}, this one reads up to \
                 {PROGRESS_FILE_VERSION}); update Stratus and import it again"
            )));
        }
        Some(v) if v >= 1 => {}
        _ => return Err(bad("it has no valid version")),
    }
    let file: ProgressFile =
        serde_json::from_slice(bytes).map_err(|e| bad(format!("an entry cannot be read ({e})")))?;
    check_entries(file)
}

fn check_entries(mut file: ProgressFile) -> Result<ProgressFile> {
    check_count("answers", file.reviews.len())?;
    check_count("suspended cards", file.suspended_cards.len())?;
    check_count("buried cards", file.buried_cards.len())?;
    check_count("card edits", file.card_edits.len())?;
    check_count("exam attempts", file.exam_attempts.len())?;
    let mut seen: BTreeMap<ReviewUid, ReviewRecord> = BTreeMap::new();
    for (i, r) in file.reviews.iter_mut().enumerate() {
        r.uid = ReviewUid::parse(&r.uid.0)
            .ok_or_else(|| bad(format!("answer {}: {:?} is not a UUID v7", i + 1, r.uid.0)))?;
        if !is_card_id(&r.card_id) {
            return Err(bad(format!(
                "answer {}: {:?} is not a card id",
                i + 1,
                r.card_id.0
            )));
        }
        if Rating::from_number(i64::from(r.rating)).is_none() {
            return Err(bad(format!(
                "answer {}: rating {} is not 1–4",
                i + 1,
                r.rating
            )));
        }
        check_time("answer", i, r.reviewed_at_ms)?;
        if r.fuzz.is_some_and(|f| !(0.0..1.0).contains(&f)) {
            return Err(bad(format!("answer {}: fuzz is not in [0, 1)", i + 1)));
        }
        if let Some(other) = seen.get(&r.uid) {
            if other != r {
                return Err(bad(format!(
                    "answer {} has the id {} of an earlier, different answer",
                    i + 1,
                    r.uid
                )));
            }
        } else {
            seen.insert(r.uid.clone(), r.clone());
        }
    }
    file.reviews = seen.into_values().collect();
    for id in &file.suspended_cards {
        if !is_card_id(id) {
            return Err(bad(format!("{:?} is not a card id", id.0)));
        }
    }
    for (i, b) in file.buried_cards.iter().enumerate() {
        if !is_card_id(&b.card_id) || !(0..=2_932_896).contains(&b.buried_day) {
            return Err(bad(format!("buried card {} is not valid", i + 1)));
        }
    }
    for (i, e) in file.card_edits.iter().enumerate() {
        check_time("card edit", i, e.updated_at_ms)?;
        let texts = [&e.prompt, &e.answer];
        if !is_card_id(&e.card_id)
            || texts.iter().all(|t| t.is_none())
            || texts.iter().any(|t| {
                t.as_deref()
                    .is_some_and(|t| t.trim().is_empty() || t.len() > MAX_EDIT_BYTES)
            })
        {
            return Err(bad(format!("card edit {} is not valid", i + 1)));
        }
    }
    for (i, a) in file.exam_attempts.iter().enumerate() {
        check_time("exam attempt", i, a.started_at_ms)?;
        let positions: BTreeSet<u32> = a.questions.iter().map(|q| q.position).collect();
        let is_valid = matches!(a.mode.as_str(), "exam" | "practice")
            && matches!(a.status.as_str(), "submitted" | "timed_out")
            && !a.exam.trim().is_empty()
            && a.exam.len() <= 16
            && a.elapsed_ms >= 0
            && a.questions.len() <= 1_000
            && positions.len() == a.questions.len()
            && a.questions.iter().all(|q| {
                q.question_id.0.len() <= 64
                    && !q.question_id.0.is_empty()
                    && q.time_spent_ms >= 0
                    && q.option_order.is_array()
            });
        if !is_valid {
            return Err(bad(format!("exam attempt {} is not valid", i + 1)));
        }
    }
    Ok(file)
}

impl Library {
    /// The library's progress as a progress file's contents.
    pub(crate) fn progress_file(&self) -> Result<ProgressFile> {
        let conn = self.conn();
        Ok(ProgressFile {
            format: PROGRESS_FILE_FORMAT.into(),
            version: PROGRESS_FILE_VERSION,
            exported_at: self
                .clock()
                .now()
                .to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
            reviews: store::all_reviews(conn)?,
            suspended_cards: store::suspended_cards(conn)?,
            buried_cards: store::buried_cards(conn)?,
            card_edits: store::all_overrides(conn)?,
            exam_attempts: store::finished_attempts(conn)?,
        })
    }

    /// Writes the review log, suspended and buried cards, card edits and finished practice
    /// exams to `path` as a progress file (JSON). The file is written beside its place first
    /// and renamed, so a failed export leaves no half file. A file already at `path` is
    /// replaced when `replace` is set; otherwise the export fails with `already_exists` and
    /// leaves it as it was.
    pub fn export_progress(
        &self,
        path: impl AsRef<Path>,
        replace: bool,
    ) -> Result<ProgressExportReport> {
        let path = path.as_ref();
        out_file::check_free(path, replace)?;
        let file = self.progress_file()?;
        let bytes = serde_json::to_vec(&file).expect("progress files serialize");
        out_file::write(path, &bytes, replace, ".stratus-progress-")?;
        let count = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        Ok(ProgressExportReport {
            path: path.display().to_string(),
            bytes: u32::try_from(bytes.len()).unwrap_or(u32::MAX),
            reviews: count(file.reviews.len()),
            suspended_cards: count(file.suspended_cards.len()),
            buried_cards: count(file.buried_cards.len()),
            card_edits: count(file.card_edits.len()),
            exam_attempts: count(file.exam_attempts.len()),
        })
    }

    /// Merges a progress file written by `export_progress` (on this or another computer)
    /// into the library: answers, suspensions, burials, card edits and finished practice
    /// exams are added by their ids, so importing a file again changes nothing. Every card
    /// that gained answers gets its state computed again from its whole log, replayed in
    /// time order with the current scheduler settings, and the review undo steps are
    /// cleared. The file is checked in full first: a bad one changes nothing and the error
    /// says why.
    pub fn import_progress(&mut self, path: impl AsRef<Path>) -> Result<ProgressImportReport> {
        let file = read_progress_file(path.as_ref())?;
        self.merge_progress(&file)
    }

    /// Merges checked progress (see `import_progress`) in one transaction.
    pub(crate) fn merge_progress(&mut self, file: &ProgressFile) -> Result<ProgressImportReport> {
        let sched = self.scheduler()?;
        let now_ms = self.clock().now().timestamp_millis();
        let report = self.transact(|tx| {
            let mut report = ProgressImportReport::default();
            // Attempts first: the cards of questions missed in them are named by the log.
            let mut keys = store::attempt_keys(tx)?;
            for a in &file.exam_attempts {
                let key = attempt_key(&a.exam, &a.mode, a.seed, a.started_at_ms);
                if keys.contains(&key) {
                    report.exam_attempts_known += 1;
                    continue;
                }
                let mut is_known = true;
                for q in &a.questions {
                    is_known &= store::has_question(tx, &q.question_id)?;
                }
                if !is_known {
                    report.exam_attempts_unknown_question += 1;
                    continue;
                }
                store::insert_attempt(tx, a)?;
                keys.insert(key);
                report.exam_attempts_added += 1;
                // As submitting makes them: a card for each question missed or flagged (or
                // every question, when right answers go to the review log too). Their
                // answers come with the log below.
                for q in &a.questions {
                    let is_reviewed =
                        q.is_correct == Some(false) || q.is_flagged || a.review_correct;
                    if !is_reviewed {
                        continue;
                    }
                    if let Some(question) =
                        crate::storage::questions::get_question(tx, &q.question_id)?
                    {
                        let domains = crate::model::domain_tags(&question.exams);
                        crate::storage::cards::upsert_question_card(
                            tx, &question, domains, now_ms,
                        )?;
                    }
                }
            }
            let mut added: BTreeMap<CardId, Vec<ReviewRecord>> = BTreeMap::new();
            for r in &file.reviews {
                if store::has_review(tx, &r.uid)? {
                    report.reviews_known += 1;
                } else if !store::has_card(tx, &r.card_id)? {
                    report.reviews_unknown_card += 1;
                } else {
                    report.reviews_added += 1;
                    added.entry(r.card_id.clone()).or_default().push(r.clone());
                }
            }
            for (card_id, new) in &added {
                let mut log = store::reviews_of_card(tx, card_id)?;
                log.extend(new.iter().cloned());
                log.sort_by(|a, b| (a.reviewed_at_ms, &a.uid).cmp(&(b.reviewed_at_ms, &b.uid)));
                let answers = log.iter().map(|r| {
                    (
                        DateTime::from_timestamp_millis(r.reviewed_at_ms).unwrap_or_default(),
                        Rating::from_number(i64::from(r.rating)).unwrap_or(Rating::Good),
                        r.fuzz,
                    )
                });
                let steps = sched.replay_steps(answers)?;
                let (stored, _) =
                    sched_store::get_state(tx, card_id)?.ok_or_else(|| Error::NotFound {
                        what: "card",
                        id: card_id.to_string(),
                    })?;
                store::delete_reviews_of_card(tx, card_id)?;
                for (r, (before, elapsed_days, after)) in log.iter().zip(&steps) {
                    sched_store::insert_review(
                        tx,
                        &NewReview {
                            card_id,
                            reviewed_at_ms: r.reviewed_at_ms,
                            rating: Rating::from_number(i64::from(r.rating))
                                .unwrap_or(Rating::Good),
                            duration_ms: r.duration_ms,
                            elapsed_days: *elapsed_days,
                            before,
                            after,
                            fuzz: r.fuzz,
                            uid: Some(&r.uid),
                        },
                    )?;
                }
                if let Some((_, _, last)) = steps.last() {
                    sched_store::write_state(
                        tx,
                        card_id,
                        &StoredState {
                            state: last.clone(),
                            buried_day: stored.buried_day,
                        },
                    )?;
                }
                report.cards_replayed += 1;
            }
            if !added.is_empty() {
                store::clear_undo(tx)?;
            }
            let suspended: BTreeSet<CardId> = store::suspended_cards(tx)?.into_iter().collect();
            for id in &file.suspended_cards {
                if !suspended.contains(id) && store::has_card(tx, id)? {
                    crate::storage::cards::set_suspended(tx, id, true, now_ms)?;
                    report.suspended_added += 1;
                }
            }
            for b in &file.buried_cards {
                if store::has_card(tx, &b.card_id)?
                    && store::bury_until(tx, &b.card_id, b.buried_day)?
                {
                    report.buried_added += 1;
                }
            }
            for e in &file.card_edits {
                if store::has_card(tx, &e.card_id)? && store::merge_override(tx, e)? {
                    report.card_edits_applied += 1;
                }
            }
            report.is_unchanged = report.reviews_added
                + report.suspended_added
                + report.buried_added
                + report.card_edits_applied
                + report.exam_attempts_added
                == 0;
            Ok(report)
        })?;
        self.invalidate_caches();
        Ok(report)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file_with(reviews: serde_json::Value) -> Vec<u8> {
        serde_json::to_vec(&serde_json::json!({
            "format": PROGRESS_FILE_FORMAT,
            "version": 1,
            "exported_at": "2026-12-01T00:00:00Z",
            "reviews": reviews,
        }))
        .unwrap()
    }

    fn review(uid: &str, rating: u8) -> serde_json::Value {
        serde_json::json!({
            "uid": uid, "card_id": "0123456789abcdef0123456789abcdef",
            "reviewed_at_ms": 1_765_000_000_000_i64, "rating": rating,
            "duration_ms": 1000, "fuzz": null
        })
    }

    const UID: &str = "019af232-b200-7000-8000-000000000000";

    fn error_of(bytes: &[u8]) -> String {
        parse_progress(bytes).unwrap_err().to_string()
    }

    #[test]
    fn files_are_checked_before_use_and_say_why_they_are_refused() {
        assert_eq!(
            parse_progress(&file_with(serde_json::json!([review(UID, 3)])))
                .unwrap()
                .reviews
                .len(),
            1
        );
        assert!(error_of(b"{\"format\": \"stratus-progress\"").contains("not JSON"));
        assert!(error_of(b"{\"format\": \"anki\", \"version\": 1}").contains("format"));
        let newer = br#"{"format": "stratus-progress", "version": 2, "reviews": "whatever"}"#;
        assert!(
            error_of(newer).contains("newer Stratus"),
            "{}",
            error_of(newer)
        );
        assert!(error_of(&file_with(serde_json::json!([review(UID, 5)]))).contains("rating 5"));
        let v4 = "67e55044-10b1-426f-9247-bb680e5fe0c8";
        assert!(error_of(&file_with(serde_json::json!([review(v4, 3)]))).contains("UUID v7"));
        let clash = file_with(serde_json::json!([review(UID, 3), review(UID, 1)]));
        assert!(error_of(&clash).contains("earlier, different answer"));
        // The same answer twice is one answer.
        let twice = file_with(serde_json::json!([review(UID, 3), review(UID, 3)]));
        assert_eq!(parse_progress(&twice).unwrap().reviews.len(), 1);
    }

    #[test]
    fn attempt_keys_tell_attempts_apart_by_every_part() {
        let base = attempt_key("SAA", "exam", 7, 1000);
        assert_eq!(base, attempt_key("SAA", "exam", 7, 1000));
        for other in [
            attempt_key("DVA", "exam", 7, 1000),
            attempt_key("SAA", "practice", 7, 1000),
            attempt_key("SAA", "exam", 8, 1000),
            attempt_key("SAA", "exam", 7, 1001),
        ] {
            assert_ne!(base, other);
        }
    }
}
