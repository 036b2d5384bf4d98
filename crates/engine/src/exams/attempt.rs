//! Practice exams and practice sessions: starting one (a stratified, seeded draw), answering,
//! flagging and moving between questions against a clock that only runs while the attempt is
//! open, submitting (by the learner or when time runs out), the report by domain, and the
//! history of attempts. Missed and flagged questions become question cards in the review
//! queue.

use std::collections::{BTreeMap, HashSet};

use rand::SeedableRng;
use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use serde::{Deserialize, Serialize};

use super::draw::{Candidate, draw};
use super::score::{is_correct, scaled_estimate};
use crate::error::{Error, Result};
use crate::model::{
    AttemptId, AttemptStatus, ExamGuide, ExamMode, Question, QuestionId, QuestionSource, exam_guide,
};
use crate::storage::Library;
use crate::storage::exams::{self as store, AttemptRow, SlotRow};

/// What to start.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default)]
pub struct ExamStart {
    /// Exam code in any spelling (`SAA-C03`, `saa`).
    pub exam: String,
    pub mode: ExamMode,
    /// Number of questions; `None` is the real exam's count (65) for an exam and up to 200
    /// questions in scope for a practice.
    pub count: Option<u32>,
    /// Seed of the draw and of the option order; `None` takes one from the clock.
    pub seed: Option<u32>,
    /// Practice only: one domain of the exam guide.
    pub domain: Option<u32>,
    /// Practice only: one topic.
    pub topic: Option<String>,
    /// Also send questions answered right to the review log (as "Good").
    pub review_correct: bool,
}

impl Default for ExamStart {
    fn default() -> Self {
        Self {
            exam: String::new(),
            mode: ExamMode::Exam,
            count: None,
            seed: None,
            domain: None,
            topic: None,
            review_correct: false,
        }
    }
}

/// An option as shown: its index in the question (what answers use) and its text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ShownOption {
    pub index: u32,
    pub text: String,
}

/// The key and explanations of a question, shown once it may be seen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct QuestionResult {
    pub is_correct: bool,
    /// Indexes of the correct options.
    pub correct: Vec<u32>,
    /// Why each option is right or wrong, in the order shown.
    pub explanations: Vec<String>,
    pub explanation: String,
    pub source: Option<QuestionSource>,
    /// Headings of the section the source opens, as the reader shows them; empty when the
    /// question has no source or its note is not in the library.
    pub heading_path: Vec<String>,
}

/// One question of an attempt.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct AttemptQuestion {
    /// 0-based place in the attempt.
    pub position: u32,
    pub question_id: QuestionId,
    pub domain: u32,
    pub domain_name: String,
    pub topic: String,
    pub stem: String,
    /// How many options to choose.
    pub choose: u32,
    pub options: Vec<ShownOption>,
    /// Chosen option indexes; empty when unanswered.
    pub answer: Vec<u32>,
    pub is_flagged: bool,
    pub time_spent_ms: f64,
    /// About something newer than the exam guides.
    pub is_new: bool,
    /// After submitting (or, in practice, after answering).
    pub result: Option<QuestionResult>,
}

/// An attempt as the exam screen shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ExamAttempt {
    pub id: AttemptId,
    /// Full code, e.g. `SAA-C03`.
    pub exam: String,
    pub exam_name: String,
    pub mode: ExamMode,
    pub status: AttemptStatus,
    pub seed: f64,
    /// `None` for an untimed practice.
    pub time_limit_ms: Option<f64>,
    pub elapsed_ms: f64,
    pub remaining_ms: Option<f64>,
    /// RFC 3339.
    pub started_at: String,
    pub submitted_at: Option<String>,
    pub current_position: u32,
    pub answered_count: u32,
    pub flagged_count: u32,
    pub questions: Vec<AttemptQuestion>,
}

/// The result of one domain.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct DomainResult {
    pub number: u32,
    pub name: String,
    /// The domain's weight in the exam guide.
    pub weight_percent: u32,
    pub total: u32,
    pub correct: u32,
    pub percent: f64,
}

/// The report of a submitted attempt.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ExamReport {
    pub attempt: ExamAttempt,
    pub total: u32,
    pub correct: u32,
    pub percent: f64,
    /// Stratus's estimate of the scaled score: 100 + 900 × share correct.
    pub estimated_score: u32,
    /// The exam's minimum passing score (scaled, 100–1000).
    pub passing_score: u32,
    /// Whether the estimate reaches the passing score.
    pub passed: bool,
    pub domains: Vec<DomainResult>,
    /// Questions answered wrong or left unanswered that now wait in the review queue.
    pub cards_added: u32,
}

/// One past attempt, for the history and its trend chart.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct AttemptSummary {
    pub id: AttemptId,
    pub exam: String,
    pub mode: ExamMode,
    pub status: AttemptStatus,
    pub started_at: String,
    pub submitted_at: Option<String>,
    pub total: u32,
    pub answered: u32,
    pub correct: Option<u32>,
    pub percent: Option<f64>,
    pub estimated_score: Option<u32>,
    pub passed: Option<bool>,
    pub elapsed_ms: f64,
    pub domains: Vec<DomainResult>,
}

/// How many recent attempts of an exam a new draw avoids repeating.
const RECENT_ATTEMPTS: u32 = 3;
/// Practice sessions without a count hold at most this many questions.
const MAX_PRACTICE_QUESTIONS: u32 = 200;

fn guide(code: &str) -> Result<&'static ExamGuide> {
    exam_guide(code).ok_or_else(|| {
        Error::InvalidInput(format!(
            "unknown exam: {code} (try SAA-C03, DVA-C02, SOA-C03, CLF-C02)"
        ))
    })
}

fn rfc3339(ms: i64) -> String {
    chrono::DateTime::from_timestamp_millis(ms)
        .unwrap_or_default()
        .to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// The order options are shown in, from the attempt's seed and the question.
fn option_order(seed: u64, question: &QuestionId, n: usize) -> Vec<u32> {
    let mut key = seed;
    for b in question.0.bytes() {
        key = key.rotate_left(5) ^ u64::from(b);
    }
    let mut order: Vec<u32> = (0..n as u32).collect();
    order.shuffle(&mut StdRng::seed_from_u64(key));
    order
}

impl Library {
    /// Starts a practice exam or practice session: draws its questions (stratified by the
    /// exam guide's domain weights, seeded, questions not seen in recent attempts first)
    /// and starts its clock.
    pub fn start_exam(&mut self, start: &ExamStart) -> Result<ExamAttempt> {
        let guide = guide(&start.exam)?;
        let now_ms = self.clock().now().timestamp_millis();
        let seed = start.seed.map_or(now_ms as u64 & 0xFFFF_FFFF, u64::from);
        if let Some(d) = start.domain
            && !guide.domains.iter().any(|g| g.number == d)
        {
            return Err(Error::InvalidInput(format!(
                "{} has domains 1 to {}, not {d}",
                guide.code,
                guide.domains.len()
            )));
        }
        if start.count == Some(0) {
            return Err(Error::InvalidInput(
                "an exam needs at least one question".into(),
            ));
        }
        let topic = start.topic.as_deref().filter(|t| !t.trim().is_empty());
        let rows = crate::storage::questions::draw_candidates(
            self.conn(),
            &guide.short,
            start.domain,
            topic,
        )?;
        if rows.is_empty() {
            return Err(Error::NotFound {
                what: "questions for",
                id: guide.code.clone(),
            });
        }
        let option_counts: BTreeMap<&str, u32> =
            rows.iter().map(|(id, _, n)| (id.0.as_str(), *n)).collect();
        let candidates: Vec<Candidate> = rows
            .iter()
            .map(|(id, domain, _)| Candidate {
                id: id.0.clone(),
                domain: *domain,
            })
            .collect();
        let count = match (start.mode, start.count) {
            (_, Some(n)) => n,
            (ExamMode::Exam, None) => guide.question_count,
            (ExamMode::Practice, None) => MAX_PRACTICE_QUESTIONS,
        } as usize;
        let weights: Vec<(u32, u32)> = guide
            .domains
            .iter()
            .filter(|d| start.domain.is_none_or(|only| only == d.number))
            .map(|d| (d.number, d.weight_percent))
            .collect();
        let recent: HashSet<String> =
            store::recent_question_ids(self.conn(), &guide.short, RECENT_ATTEMPTS)?
                .into_iter()
                .collect();
        let drawn = draw(&candidates, &weights, count, &recent, seed);
        let time_limit_ms = match start.mode {
            ExamMode::Practice => None,
            // The real exam's time, in proportion for a shorter one (whole minutes).
            ExamMode::Exam => {
                let minutes = (u64::from(guide.duration_minutes) * drawn.len() as u64)
                    .div_ceil(u64::from(guide.question_count));
                Some(minutes.max(1) as i64 * 60_000)
            }
        };
        let slots: Vec<SlotRow> = drawn
            .iter()
            .enumerate()
            .map(|(position, c)| {
                let id = QuestionId(c.id.clone());
                let n = option_counts[c.id.as_str()] as usize;
                SlotRow {
                    position: position as u32,
                    option_order: option_order(seed, &id, n),
                    question_id: id,
                    domain: c.domain,
                    answer: None,
                    is_flagged: false,
                    time_spent_ms: 0,
                    is_correct: None,
                }
            })
            .collect();
        let scope = serde_json::json!({ "domain": start.domain, "topic": start.topic });
        let row = AttemptRow {
            id: 0,
            exam: guide.short.clone(),
            mode: start.mode,
            seed,
            scope: scope.to_string(),
            time_limit_ms,
            elapsed_ms: 0,
            resumed_at_ms: Some(now_ms),
            current_position: 0,
            started_at_ms: now_ms,
            submitted_at_ms: None,
            status: AttemptStatus::InProgress,
            review_correct: start.review_correct,
        };
        let id = self.transact(|tx| store::insert_attempt(tx, &row, &slots))?;
        self.exam_attempt(id)
    }

    /// An attempt as it stands, its clock brought up to now (an attempt whose time has run
    /// out is submitted first).
    pub fn exam_attempt(&mut self, id: AttemptId) -> Result<ExamAttempt> {
        self.touch(id, None)?;
        self.view(id)
    }

    /// Opens an attempt again after the app was closed or crashed: its clock goes on from
    /// the time used until the last answer (or the last pause), not from when it was left.
    pub fn resume_exam(&mut self, id: AttemptId) -> Result<ExamAttempt> {
        let now_ms = self.clock().now().timestamp_millis();
        self.transact(|tx| {
            let row = load(tx, id)?;
            if row.status == AttemptStatus::InProgress {
                store::set_clock(tx, id, row.elapsed_ms, Some(now_ms), row.current_position)?;
            }
            Ok(())
        })?;
        self.view(id)
    }

    /// Stops an attempt's clock (the screen was left); [`Library::resume_exam`] starts it.
    pub fn pause_exam(&mut self, id: AttemptId) -> Result<ExamAttempt> {
        self.touch(id, None)?;
        self.transact(|tx| {
            let row = load(tx, id)?;
            if row.status == AttemptStatus::InProgress {
                store::set_clock(tx, id, row.elapsed_ms, None, row.current_position)?;
            }
            Ok(())
        })?;
        self.view(id)
    }

    /// Moves to question `position` (0-based); time from now on counts for it.
    pub fn exam_goto(&mut self, id: AttemptId, position: u32) -> Result<ExamAttempt> {
        self.touch(id, Some(position))?;
        self.view(id)
    }

    /// Answers question `position` with option indexes `choices` (empty clears the answer).
    /// In an exam an answer can be changed until submitting; in a practice it is marked at
    /// once and kept.
    pub fn answer_exam_question(
        &mut self,
        id: AttemptId,
        position: u32,
        choices: &[u32],
    ) -> Result<ExamAttempt> {
        if !self.touch(id, Some(position))? {
            return Err(Error::InvalidInput(format!(
                "attempt {id} is already submitted; its answers can no longer change"
            )));
        }
        self.transact(|tx| {
            let row = load(tx, id)?;
            let slot = store::slot(tx, id, position)?.ok_or_else(|| not_in(id, position))?;
            let question = crate::storage::questions::get_question(tx, &slot.question_id)?
                .ok_or_else(|| Error::NotFound {
                    what: "question",
                    id: slot.question_id.to_string(),
                })?;
            let mut chosen: Vec<u32> = choices.to_vec();
            chosen.sort_unstable();
            chosen.dedup();
            if let Some(bad) = chosen
                .iter()
                .find(|&&c| c as usize >= question.options.len())
            {
                return Err(Error::InvalidInput(format!(
                    "question {} has options 0 to {}, not {bad}",
                    position + 1,
                    question.options.len() - 1
                )));
            }
            if chosen.len() > question.choose as usize {
                return Err(Error::InvalidInput(format!(
                    "question {} asks for {} option(s), not {}",
                    position + 1,
                    question.choose,
                    chosen.len()
                )));
            }
            if row.mode == ExamMode::Practice && slot.answer.is_some() {
                return Err(Error::InvalidInput(format!(
                    "question {} of this practice is already answered",
                    position + 1
                )));
            }
            let marked = (row.mode == ExamMode::Practice && !chosen.is_empty())
                .then(|| is_correct(&chosen, &correct_of(&question)));
            store::set_answer(
                tx,
                id,
                position,
                (!chosen.is_empty()).then_some(&chosen),
                marked,
            )
        })?;
        self.view(id)
    }

    /// Flags question `position` for review before submitting, or clears the flag.
    pub fn flag_exam_question(
        &mut self,
        id: AttemptId,
        position: u32,
        is_flagged: bool,
    ) -> Result<ExamAttempt> {
        self.touch(id, Some(position))?;
        self.transact(|tx| {
            store::slot(tx, id, position)?.ok_or_else(|| not_in(id, position))?;
            store::set_flag(tx, id, position, is_flagged)
        })?;
        self.view(id)
    }

    /// Submits an attempt: scores it, puts missed and flagged questions in the review queue
    /// and returns the report. Submitting twice returns the same report.
    pub fn submit_exam(&mut self, id: AttemptId) -> Result<ExamReport> {
        if self.touch(id, None)? {
            self.finish(id, AttemptStatus::Submitted)?;
        }
        self.exam_report(id)
    }

    /// The report of a submitted attempt.
    pub fn exam_report(&mut self, id: AttemptId) -> Result<ExamReport> {
        self.touch(id, None)?;
        let attempt = self.view(id)?;
        if attempt.status == AttemptStatus::InProgress {
            return Err(Error::InvalidInput(format!(
                "attempt {id} is still in progress: submit it first"
            )));
        }
        let guide = guide(&attempt.exam)?;
        let total = attempt.questions.len() as u32;
        let correct = attempt
            .questions
            .iter()
            .filter(|q| q.result.as_ref().is_some_and(|r| r.is_correct))
            .count() as u32;
        let estimated_score = scaled_estimate(correct, total);
        let review_right = self.attempt_reviews_right(id)?;
        let cards_added = attempt
            .questions
            .iter()
            .filter(|q| {
                let right = q.result.as_ref().is_some_and(|r| r.is_correct);
                !right || q.is_flagged || review_right
            })
            .count() as u32;
        Ok(ExamReport {
            total,
            correct,
            percent: percent(correct, total),
            estimated_score,
            passing_score: guide.passing_score,
            passed: estimated_score >= guide.passing_score,
            domains: domain_results(guide, &attempt.questions),
            cards_added,
            attempt,
        })
    }

    /// Attempts of one exam (or all), newest first.
    pub fn exam_history(&self, exam: Option<&str>) -> Result<Vec<AttemptSummary>> {
        let short = exam.map(guide).transpose()?.map(|g| g.short.clone());
        let mut out = Vec::new();
        for row in store::attempts(self.conn(), short.as_deref())? {
            let guide = guide(&row.exam)?;
            let questions = self.questions_of(&row)?;
            let total = questions.len() as u32;
            let answered = questions.iter().filter(|q| !q.answer.is_empty()).count() as u32;
            let done = row.status != AttemptStatus::InProgress;
            let correct = done.then(|| {
                questions
                    .iter()
                    .filter(|q| q.result.as_ref().is_some_and(|r| r.is_correct))
                    .count() as u32
            });
            let estimate = correct.map(|c| scaled_estimate(c, total));
            out.push(AttemptSummary {
                id: row.id,
                exam: guide.code.clone(),
                mode: row.mode,
                status: row.status,
                started_at: rfc3339(row.started_at_ms),
                submitted_at: row.submitted_at_ms.map(rfc3339),
                total,
                answered,
                correct,
                percent: correct.map(|c| percent(c, total)),
                estimated_score: estimate,
                passed: estimate.map(|e| e >= guide.passing_score),
                elapsed_ms: row.elapsed_ms as f64,
                domains: if done {
                    domain_results(guide, &questions)
                } else {
                    Vec::new()
                },
            });
        }
        Ok(out)
    }

    /// The attempt still in progress, if any (newest first), so the app can offer to resume it.
    pub fn exam_in_progress(&self) -> Result<Option<AttemptId>> {
        store::in_progress(self.conn())
    }

    /// Brings the clock of an attempt in progress up to now, adding the time since the last
    /// step to the question on screen, and moves to `goto` when given. Submits an attempt
    /// whose time has run out. Returns whether the attempt is still in progress.
    fn touch(&mut self, id: AttemptId, goto: Option<u32>) -> Result<bool> {
        let now_ms = self.clock().now().timestamp_millis();
        let expired = self.transact(|tx| {
            let row = load(tx, id)?;
            if row.status != AttemptStatus::InProgress {
                return Ok(None);
            }
            if let Some(p) = goto {
                store::slot(tx, id, p)?.ok_or_else(|| not_in(id, p))?;
            }
            let ran = row
                .resumed_at_ms
                .map_or(0, |since| now_ms.saturating_sub(since).max(0));
            let mut elapsed = row.elapsed_ms.saturating_add(ran);
            let over = row.time_limit_ms.is_some_and(|limit| elapsed >= limit);
            let credited = match row.time_limit_ms {
                Some(limit) if over => ran - (elapsed - limit),
                _ => ran,
            };
            if let Some(limit) = row.time_limit_ms {
                elapsed = elapsed.min(limit);
            }
            store::add_time(tx, id, row.current_position, credited)?;
            let position = goto.unwrap_or(row.current_position);
            let resumed = if over {
                None
            } else {
                row.resumed_at_ms.map(|_| now_ms)
            };
            store::set_clock(tx, id, elapsed, resumed, position)?;
            Ok(Some(over))
        })?;
        match expired {
            None => Ok(false),
            Some(true) => {
                self.finish(id, AttemptStatus::TimedOut)?;
                Ok(false)
            }
            Some(false) => Ok(true),
        }
    }

    /// Scores every question, closes the attempt and sends missed and flagged questions
    /// (and, when asked, the right ones) to the review queue — in one transaction.
    fn finish(&mut self, id: AttemptId, status: AttemptStatus) -> Result<()> {
        let now_ms = self.clock().now().timestamp_millis();
        let missed = self.transact(|tx| {
            let row = load(tx, id)?;
            // Another handle (the app and the CLI, two windows) may have closed it since
            // this one looked: it is scored and its cards made once.
            if row.status != AttemptStatus::InProgress {
                return Ok(Vec::new());
            }
            let mut to_review = Vec::new();
            for slot in store::slots(tx, id)? {
                let Some(question) =
                    crate::storage::questions::get_question(tx, &slot.question_id)?
                else {
                    continue;
                };
                let right = slot
                    .answer
                    .as_deref()
                    .is_some_and(|a| is_correct(a, &correct_of(&question)));
                store::set_correct(tx, id, slot.position, right)?;
                if !right || slot.is_flagged || row.review_correct {
                    to_review.push((question, right, row.review_correct));
                }
            }
            store::close(tx, id, status, now_ms)?;
            Ok(to_review)
        })?;
        for (question, right, review_right) in missed {
            // A question no longer in its note makes no card; a card the learner suspended
            // (or that a staleness warning suspended) is left as it is.
            let card = self.transact(|tx| {
                crate::storage::cards::upsert_question_card(
                    tx,
                    &question,
                    crate::model::domain_tags(&question.exams),
                    now_ms,
                )
            })?;
            let Some(card) = card else { continue };
            if self.card(&card)?.status != crate::model::CardStatus::Active {
                continue;
            }
            if !right {
                self.answer_card(&card, crate::schedule::Rating::Again, 0)?;
            } else if review_right {
                self.answer_card(&card, crate::schedule::Rating::Good, 0)?;
            }
        }
        Ok(())
    }

    fn attempt_reviews_right(&self, id: AttemptId) -> Result<bool> {
        Ok(store::attempt(self.conn(), id)?.is_some_and(|r| r.review_correct))
    }

    /// The attempt with its questions, as stored (no clock update).
    fn view(&self, id: AttemptId) -> Result<ExamAttempt> {
        let row = store::attempt(self.conn(), id)?.ok_or(Error::NotFound {
            what: "exam attempt",
            id: id.to_string(),
        })?;
        let guide = guide(&row.exam)?;
        let questions = self.questions_of(&row)?;
        let now_ms = self.clock().now().timestamp_millis();
        let running = row
            .resumed_at_ms
            .filter(|_| row.status == AttemptStatus::InProgress)
            .map_or(0, |since| now_ms.saturating_sub(since).max(0));
        let elapsed = match row.time_limit_ms {
            Some(limit) => (row.elapsed_ms + running).min(limit),
            None => row.elapsed_ms + running,
        };
        Ok(ExamAttempt {
            id: row.id,
            exam: guide.code.clone(),
            exam_name: guide.name.clone(),
            mode: row.mode,
            status: row.status,
            seed: row.seed as f64,
            time_limit_ms: row.time_limit_ms.map(|l| l as f64),
            elapsed_ms: elapsed as f64,
            remaining_ms: row.time_limit_ms.map(|l| (l - elapsed).max(0) as f64),
            started_at: rfc3339(row.started_at_ms),
            submitted_at: row.submitted_at_ms.map(rfc3339),
            current_position: row.current_position,
            answered_count: questions.iter().filter(|q| !q.answer.is_empty()).count() as u32,
            flagged_count: questions.iter().filter(|q| q.is_flagged).count() as u32,
            questions,
        })
    }

    fn questions_of(&self, row: &AttemptRow) -> Result<Vec<AttemptQuestion>> {
        let guide = guide(&row.exam)?;
        let reveal_all = row.status != AttemptStatus::InProgress;
        let mut sources = crate::questions::SourceSections::new(self.conn());
        let mut out = Vec::new();
        for slot in store::slots(self.conn(), row.id)? {
            let Some(q) = crate::storage::questions::get_question(self.conn(), &slot.question_id)?
            else {
                continue;
            };
            let options: Vec<ShownOption> = slot
                .option_order
                .iter()
                .filter_map(|&i| {
                    q.options.get(i as usize).map(|o| ShownOption {
                        index: i,
                        text: o.text.clone(),
                    })
                })
                .collect();
            let reveal = reveal_all || (row.mode == ExamMode::Practice && slot.answer.is_some());
            // The headings shown beside the source link are those of the section it opens.
            let heading_path = match (&q.source, reveal) {
                (Some(source), true) => sources
                    .find(source)?
                    .map(|s| s.heading_path)
                    .unwrap_or_default(),
                _ => Vec::new(),
            };
            let result = reveal.then(|| QuestionResult {
                is_correct: slot.is_correct.unwrap_or(false),
                correct: correct_of(&q),
                explanations: slot
                    .option_order
                    .iter()
                    .filter_map(|&i| q.options.get(i as usize).map(|o| o.explanation.clone()))
                    .collect(),
                explanation: q.explanation.clone(),
                source: q.source.clone(),
                heading_path,
            });
            out.push(AttemptQuestion {
                position: slot.position,
                question_id: q.id.clone(),
                domain: slot.domain,
                domain_name: guide
                    .domains
                    .iter()
                    .find(|d| d.number == slot.domain)
                    .map(|d| d.name.clone())
                    .unwrap_or_default(),
                topic: q.topic.clone(),
                stem: q.stem.clone(),
                choose: q.choose,
                options,
                answer: slot.answer.clone().unwrap_or_default(),
                is_flagged: slot.is_flagged,
                time_spent_ms: slot.time_spent_ms as f64,
                is_new: q.is_new,
                result,
            });
        }
        Ok(out)
    }
}

fn load(conn: &rusqlite::Connection, id: AttemptId) -> Result<AttemptRow> {
    store::attempt(conn, id)?.ok_or(Error::NotFound {
        what: "exam attempt",
        id: id.to_string(),
    })
}

fn not_in(id: AttemptId, position: u32) -> Error {
    Error::InvalidInput(format!(
        "attempt {id} has no question {} (positions count from 0)",
        position
    ))
}

fn correct_of(q: &Question) -> Vec<u32> {
    q.options
        .iter()
        .enumerate()
        .filter(|(_, o)| o.is_correct)
        .map(|(i, _)| i as u32)
        .collect()
}

fn percent(correct: u32, total: u32) -> f64 {
    if total == 0 {
        0.0
    } else {
        (f64::from(correct) * 1000.0 / f64::from(total)).round() / 10.0
    }
}

fn domain_results(guide: &ExamGuide, questions: &[AttemptQuestion]) -> Vec<DomainResult> {
    guide
        .domains
        .iter()
        .map(|d| {
            let of: Vec<&AttemptQuestion> =
                questions.iter().filter(|q| q.domain == d.number).collect();
            let total = of.len() as u32;
            let correct = of
                .iter()
                .filter(|q| q.result.as_ref().is_some_and(|r| r.is_correct))
                .count() as u32;
            DomainResult {
                number: d.number,
                name: d.name.clone(),
                weight_percent: d.weight_percent,
                total,
                correct,
                percent: percent(correct, total),
            }
        })
        .collect()
}
