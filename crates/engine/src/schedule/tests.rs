//! Review sessions through the library: queue order and limits, answers, undo, bury and
//! suspend, scopes, a scripted 90-day simulation, and the log-replay property.

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::{DateTime, Duration, TimeZone, Utc};
use proptest::prelude::*;

use super::*;
use crate::clock::{Clock, FixedClock};
use crate::model::Phase;
use crate::model::{CardId, CardKind};
use crate::storage::{Library, LibraryOptions};

/// A library on a fixed clock with cards imported from generated notes. The notes go in
/// as built-in files with fixed paths, so card ids (hashes of path and content) and with
/// them every seeded choice are the same on every run.
pub(crate) struct Fixture {
    pub lib: Library,
    pub clock: Arc<FixedClock>,
}

fn note(cards: usize, exam: &str, title: &str) -> String {
    let mut md = format!("# {title}\n\n## [{exam}] Facts\n\n");
    for i in 0..cards {
        md.push_str(&format!(
            "Which code does the {title} item number {i} carry? :: K{}-Z\n\n",
            i * 7 + 3
        ));
    }
    md
}

pub(crate) fn fixture_at(start: DateTime<Utc>, notes: &[(&str, String)]) -> Fixture {
    let clock = Arc::new(FixedClock::new(start));
    let mut lib = Library::open_in_memory(LibraryOptions {
        clock: clock.clone(),
        seed: 7,
    })
    .unwrap();
    let files: Vec<(String, &[u8])> = notes
        .iter()
        .map(|(name, text)| (format!("fixtures/{name}"), text.as_bytes()))
        .collect();
    let report = lib.sync_builtin_files(&files, "fixture").unwrap();
    assert_eq!(report.files.len(), notes.len());
    Fixture { lib, clock }
}

fn seoul(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
    chrono_tz::Asia::Seoul
        .with_ymd_and_hms(y, m, d, h, min, 0)
        .unwrap()
        .with_timezone(&Utc)
}

fn seoul_settings() -> ReviewSettings {
    ReviewSettings {
        time_zone: "Asia/Seoul".into(),
        ..ReviewSettings::default()
    }
}

fn fixture(cards: usize) -> Fixture {
    let mut f = fixture_at(
        seoul(2026, 12, 1, 9, 0),
        &[("facts.md", note(cards, "SAA", "Storage"))],
    );
    f.lib.set_review_settings(&seoul_settings()).unwrap();
    f
}

fn next(lib: &Library) -> ReviewNext {
    lib.review_next(&ReviewScope::All).unwrap()
}

fn card_count(lib: &Library) -> usize {
    lib.conn()
        .query_row(
            "SELECT count(*) FROM cards WHERE status = 'active'",
            [],
            |r| r.get::<_, i64>(0),
        )
        .unwrap() as usize
}

/// Every row of the scheduling tables, as text: two equal dumps mean equal data.
fn dump(lib: &Library) -> Vec<String> {
    let mut out = Vec::new();
    for sql in [
        "SELECT * FROM card_states ORDER BY card_id",
        "SELECT * FROM review_log ORDER BY id",
        "SELECT id, status, is_suspended FROM cards ORDER BY id",
    ] {
        let mut stmt = lib.conn().prepare(sql).unwrap();
        let n = stmt.column_count();
        let rows = stmt
            .query_map([], |r| {
                let mut cells = Vec::new();
                for i in 0..n {
                    let v: rusqlite::types::Value = r.get(i)?;
                    cells.push(format!("{v:?}"));
                }
                Ok(cells.join("|"))
            })
            .unwrap();
        out.extend(rows.map(|r| r.unwrap()));
    }
    out
}

#[test]
fn a_new_card_shows_its_context_and_the_interval_of_each_button() {
    let f = fixture(5);
    assert_eq!(card_count(&f.lib), 5);
    let n = next(&f.lib);
    assert_eq!(
        n.counts,
        ReviewCounts {
            new: 5,
            learning: 0,
            review: 0
        }
    );
    assert_eq!(n.study_day, "2026-12-01");
    let card = n.card.unwrap();
    assert_eq!(card.queue, QueueKind::New);
    assert_eq!(card.phase, Phase::New);
    assert_eq!(card.kind, CardKind::Basic);
    assert!(card.prompt.contains("item number 0"), "{}", card.prompt);
    assert_eq!(card.heading_path, vec!["Storage", "Facts"]);
    assert_eq!(card.exams, vec!["SAA"]);
    assert!(card.section_id.is_some(), "open in notes needs the section");
    assert_eq!(card.retrievability, None);
    let labels: Vec<&str> = card.buttons.iter().map(|b| b.label.as_str()).collect();
    assert_eq!(&labels[..3], &["1m", "6m", "10m"]);
    assert!(labels[3].ends_with('d'), "{labels:?}");
}

#[test]
fn learning_cards_come_back_after_their_step_and_graduate() {
    let mut f = fixture(1);
    let id = next(&f.lib).card.unwrap().card_id;
    let answer = f.lib.answer_card(&id, Rating::Good, 4000).unwrap();
    assert_eq!(
        (answer.phase, answer.label.as_str()),
        (Phase::Learning, "10m")
    );
    // Not due yet, but nothing else is left: learn ahead (20 minutes) shows it.
    let n = next(&f.lib);
    assert_eq!(n.counts.learning, 1);
    assert_eq!(n.card.as_ref().unwrap().queue, QueueKind::Learning);
    f.clock.advance(Duration::minutes(10));
    let shown = next(&f.lib).card.unwrap();
    let good_label = shown.buttons[2].label.clone();
    let answer = f.lib.answer_card(&id, Rating::Good, 3000).unwrap();
    assert_eq!(answer.phase, Phase::Review);
    assert_eq!(
        answer.label, good_label,
        "the button showed what the answer did"
    );
    let n = next(&f.lib);
    assert!(n.card.is_none());
    assert_eq!(n.counts, ReviewCounts::default());
    assert_eq!(f.lib.card_review_log(&id).unwrap().len(), 2);
}

#[test]
fn a_learning_card_due_later_today_is_announced() {
    let mut f = fixture(1);
    let id = next(&f.lib).card.unwrap().card_id;
    f.lib
        .set_review_settings(&ReviewSettings {
            learning_steps_secs: vec![3600, 7200],
            ..seoul_settings()
        })
        .unwrap();
    f.lib.answer_card(&id, Rating::Good, 0).unwrap();
    let n = next(&f.lib);
    assert!(n.card.is_none());
    assert_eq!(n.counts.learning, 1);
    let due = n.next_due_at.unwrap();
    assert_eq!(due, "2026-12-01T02:00:00Z", "09:00 KST + 2h");
}

#[test]
fn undo_restores_cards_and_log_exactly_for_many_steps() {
    let mut f = fixture(6);
    let mut snapshots = Vec::new();
    let ratings = [Rating::Good, Rating::Again, Rating::Easy, Rating::Hard];
    for step in 0..14 {
        snapshots.push(dump(&f.lib));
        let Some(card) = next(&f.lib).card else {
            f.clock.advance(Duration::days(1));
            snapshots.pop();
            continue;
        };
        match step {
            5 => f.lib.bury_card(&card.card_id).unwrap(),
            9 => f.lib.suspend_in_review(&card.card_id).unwrap(),
            _ => {
                f.lib
                    .answer_card(&card.card_id, ratings[step % 4], 1000)
                    .unwrap();
            }
        }
        f.clock.advance(Duration::minutes(7));
    }
    assert!(snapshots.len() >= 12);
    while let Some(expected) = snapshots.pop() {
        f.lib.undo_review().unwrap();
        assert_eq!(dump(&f.lib), expected);
    }
    assert_eq!(
        f.lib.undo_review().unwrap_err().kind(),
        crate::error::ErrorKind::NotFound
    );
}

#[test]
fn suspended_retired_and_buried_cards_never_appear() {
    let mut f = fixture(3);
    let ids: Vec<CardId> = (0..3)
        .map(|_| {
            let id = next(&f.lib).card.unwrap().card_id;
            f.lib.bury_card(&id).unwrap();
            id
        })
        .collect();
    assert!(next(&f.lib).card.is_none(), "all three are buried today");
    assert_eq!(next(&f.lib).counts.new, 0);
    // Buried until the study day ends at 04:00 KST.
    f.clock.set(seoul(2026, 12, 2, 3, 59));
    assert!(next(&f.lib).card.is_none());
    f.clock.set(seoul(2026, 12, 2, 4, 0));
    assert_eq!(next(&f.lib).counts.new, 3);
    f.lib.suspend_card(&ids[0]).unwrap();
    f.lib
        .transact(|tx| {
            tx.execute(
                "UPDATE cards SET status = 'retired' WHERE id = ?1",
                [&ids[1]],
            )?;
            Ok(())
        })
        .unwrap();
    let n = next(&f.lib);
    assert_eq!(n.counts.new, 1);
    assert_eq!(n.card.unwrap().card_id, ids[2]);
    assert!(f.lib.answer_card(&ids[0], Rating::Good, 0).is_err());
}

#[test]
fn scopes_pick_exam_document_topic_and_weakest_cards() {
    let mut f = fixture_at(
        seoul(2026, 12, 1, 9, 0),
        &[
            ("a.md", note(2, "SAA", "Storage")),
            ("b.md", note(3, "DVA", "Lambda")),
        ],
    );
    f.lib.set_review_settings(&seoul_settings()).unwrap();
    let count = |lib: &Library, scope: ReviewScope| lib.review_next(&scope).unwrap().counts.new;
    assert_eq!(count(&f.lib, ReviewScope::All), 5);
    assert_eq!(
        count(
            &f.lib,
            ReviewScope::Exam {
                exam: "saa-c03".into()
            }
        ),
        2
    );
    assert_eq!(count(&f.lib, ReviewScope::Exam { exam: "DVA".into() }), 3);
    let doc = f
        .lib
        .review_next(&ReviewScope::Exam { exam: "DVA".into() })
        .unwrap();
    let doc_id = doc.card.unwrap().document_id.unwrap();
    assert_eq!(
        count(
            &f.lib,
            ReviewScope::Document {
                document_id: doc_id
            }
        ),
        3
    );
    assert_eq!(
        count(
            &f.lib,
            ReviewScope::Topic {
                topic: "nothing".into()
            }
        ),
        0
    );
    assert!(
        f.lib
            .review_next(&ReviewScope::Exam { exam: "XYZ".into() })
            .is_err()
    );

    // Graduate every card with Easy, then let 30 days pass: the weakest scope offers the
    // card with the lowest retrievability first and no new cards.
    let mut answered = Vec::new();
    while let Some(card) = next(&f.lib).card {
        let rating = if answered.len() == 2 {
            Rating::Hard
        } else {
            Rating::Easy
        };
        if answered.len() == 2 {
            // Put this one through its steps so it graduates with a short interval.
            f.lib.answer_card(&card.card_id, Rating::Good, 0).unwrap();
            f.clock.advance(Duration::minutes(10));
            f.lib.answer_card(&card.card_id, rating, 0).unwrap();
        } else {
            f.lib.answer_card(&card.card_id, rating, 0).unwrap();
        }
        answered.push(card.card_id);
    }
    f.clock.advance(Duration::days(30));
    let weakest = f.lib.review_next(&ReviewScope::Weakest).unwrap();
    assert_eq!(weakest.counts.new, 0);
    assert_eq!(weakest.counts.review, 5);
    let card = weakest.card.unwrap();
    assert_eq!(card.card_id, answered[2]);
    let r = card.retrievability.unwrap();
    for other in &answered {
        let shown = f.lib.review_card_now(other).unwrap();
        assert!(shown.retrievability.unwrap() >= r);
    }
}

#[test]
fn multiple_choice_options_are_shuffled_per_review_and_graded() {
    let md = "# Services\n\n## [SAA] Storage\n\n\
              Which service stores objects?\n\n\
              - [ ] EC2\n- [x] S3\n- [ ] IAM\n- [ ] VPC\n";
    let mut f = fixture_at(seoul(2026, 12, 1, 9, 0), &[("mcq.md", md.to_string())]);
    let card = next(&f.lib)
        .card
        .into_iter()
        .find(|c| c.kind == CardKind::Mcq)
        .expect("an MCQ card");
    assert_eq!(card.options.len(), 4);
    let again = f.lib.review_card_now(&card.card_id).unwrap();
    assert_eq!(
        again.options, card.options,
        "the same review shows the same order"
    );
    let right = card.options.iter().position(|o| o.is_correct).unwrap() as u32;
    let grade = f.lib.grade_choice(&card.card_id, &[right]).unwrap();
    assert!(grade.is_correct);
    assert_eq!(grade.suggested_rating, Rating::Good);
    let wrong = f
        .lib
        .grade_choice(&card.card_id, &[(right + 1) % 4])
        .unwrap();
    assert_eq!(wrong.suggested_rating, Rating::Again);
    assert!(f.lib.grade_choice(&card.card_id, &[9]).is_err());
    // The order changes with the review count, reproducibly.
    let mut orders = std::collections::BTreeSet::new();
    for _ in 0..6 {
        let shown = f.lib.review_card_now(&card.card_id).unwrap();
        orders.insert(
            shown
                .options
                .iter()
                .map(|o| o.text.clone())
                .collect::<Vec<_>>(),
        );
        f.lib.answer_card(&card.card_id, Rating::Again, 0).unwrap();
    }
    assert!(orders.len() > 1, "{orders:?}");
}

#[test]
fn a_review_card_carries_its_source_line_or_table_row_and_section() {
    let md = "# Services\n\n## [SAA] Storage\n\n\
              Which service stores **objects**?\n\n\
              - [ ] EC2\n- [x] S3\n- [ ] IAM\n- [ ] VPC\n\n\
              | Class | Minimum storage duration |\n|---|---|\n\
              | S3 Standard-IA | 30 days |\n| S3 Glacier Instant Retrieval | 90 days |\n\
              | S3 Glacier Deep Archive | 180 days |\n| S3 One Zone-IA | 45 days |\n";
    let f = fixture_at(seoul(2026, 12, 1, 9, 0), &[("source.md", md.to_string())]);
    let cards = f
        .lib
        .list_cards(&crate::model::CardFilter::default())
        .unwrap();
    let shown: Vec<_> = cards
        .iter()
        .map(|c| f.lib.review_card_now(&c.id).unwrap())
        .collect();
    let mcq = shown
        .iter()
        .find(|c| c.kind == CardKind::Mcq && c.prompt.contains("stores"))
        .expect("the task-list MCQ");
    let source = mcq.source.as_ref().expect("the MCQ's source");
    assert_eq!(source.text, "Which service stores objects?");
    assert!(source.cells.is_empty());
    assert_eq!(Some(source.section_id), mcq.section_id);
    assert_eq!(
        source.heading_path.last().map(String::as_str),
        Some("Storage")
    );
    assert_eq!(source.line, mcq.source_line);
    let from_table: Vec<_> = shown
        .iter()
        .filter(|c| c.generator == crate::model::Generator::Table)
        .collect();
    assert!(!from_table.is_empty(), "the table makes cards");
    for card in from_table {
        let source = card.source.as_ref().expect("a table card's source");
        let headers: Vec<&str> = source.cells.iter().map(|c| c.header.as_str()).collect();
        assert_eq!(headers, ["Class", "Minimum storage duration"], "{card:?}");
        let row = &source.cells[0].value;
        assert!(
            card.prompt.contains(row.as_str())
                || card.answer.contains(row.as_str())
                || card.options.iter().any(|o| o.is_correct && o.text == *row),
            "the row {row} is the card's: {card:?}"
        );
    }
}

#[test]
fn fuzz_is_seeded_by_card_and_review_count() {
    let f = fixture(2);
    let g = fixture(2);
    let id = CardId("abc".into());
    assert_eq!(f.lib.fuzz_factor(&id, 3), g.lib.fuzz_factor(&id, 3));
    assert_ne!(f.lib.fuzz_factor(&id, 3), f.lib.fuzz_factor(&id, 4));
    let factors: Vec<f64> = (0..50).map(|n| f.lib.fuzz_factor(&id, n)).collect();
    assert!(factors.iter().all(|x| (0.0..1.0).contains(x)));
}

/// The scripted learner of the simulation: one card is always forgotten on every third
/// review; every other answer is Good.
fn scripted_rating(card: &CardId, troubled: &CardId, reps: u32) -> Rating {
    if card == troubled && reps % 3 == 2 {
        Rating::Again
    } else {
        Rating::Good
    }
}

#[test]
fn ninety_days_of_scripted_sessions_honour_limits_rollover_and_grow_intervals() {
    let mut f = fixture_at(
        seoul(2026, 12, 1, 21, 0),
        &[("facts.md", note(60, "SAA", "Storage"))],
    );
    let settings = ReviewSettings {
        new_cards_per_day: 8,
        reviews_per_day: 6,
        ..seoul_settings()
    };
    f.lib.set_review_settings(&settings).unwrap();
    let troubled = next(&f.lib).card.unwrap().card_id;
    let mut intervals: BTreeMap<CardId, Vec<(Phase, u32)>> = BTreeMap::new();
    let mut lapses = 0;
    let mut after_midnight = 0;
    let mut days_at_review_limit = 0;
    for day in 0..90 {
        // Study from 21:00 until past midnight; 00:00–04:00 still counts for the same day.
        let start = seoul(2026, 12, 1, 21, 0) + Duration::days(day);
        f.clock.set(start);
        let study_day = next(&f.lib).study_day;
        let mut new_today = 0;
        let mut reviews_today = 0;
        let mut answers = 0;
        while let Some(card) = next(&f.lib).card {
            let before = next(&f.lib).study_day;
            assert_eq!(
                before, study_day,
                "03:xx still belongs to the evening's day"
            );
            let rating = scripted_rating(&card.card_id, &troubled, card.review_count);
            let shown = card.buttons[rating_index(rating)].clone();
            let result = f.lib.answer_card(&card.card_id, rating, 5000).unwrap();
            assert_eq!(result.label, shown.label);
            if card.phase == Phase::Review && rating == Rating::Again {
                lapses += 1;
                assert_eq!(result.phase, Phase::Relearning);
            }
            match card.queue {
                QueueKind::New => new_today += 1,
                QueueKind::Review => reviews_today += 1,
                QueueKind::Learning => {}
            }
            if result.phase == Phase::Review {
                intervals
                    .entry(card.card_id.clone())
                    .or_default()
                    .push((card.phase, (result.interval_secs / 86_400.0).round() as u32));
            }
            answers += 1;
            assert!(answers < 500, "a day's session must end");
            // A slow learner: twenty minutes a card, so long sessions run past midnight.
            if f.clock.now() >= start + Duration::hours(3) {
                after_midnight += 1;
            }
            f.clock.advance(Duration::minutes(20));
            if f.clock.now() > start + Duration::hours(6) + Duration::minutes(59) {
                break;
            }
        }
        assert!(new_today <= 8, "day {day}: {new_today} new");
        assert!(reviews_today <= 6, "day {day}: {reviews_today} reviews");
        days_at_review_limit += u32::from(reviews_today == 6);
    }
    assert!(
        after_midnight > 10,
        "{after_midnight} answers after midnight"
    );
    assert!(
        days_at_review_limit >= 5,
        "the review limit bound on {days_at_review_limit} days"
    );
    assert!(lapses >= 3, "the troubled card lapsed {lapses} times");
    // Every card answered Good only: each review interval is longer than the one before.
    let mut checked = 0;
    for (card, history) in &intervals {
        if card == &troubled {
            continue;
        }
        let review_intervals: Vec<u32> = history
            .iter()
            .filter(|(phase, _)| *phase == Phase::Review)
            .map(|(_, days)| *days)
            .collect();
        for pair in review_intervals.windows(2) {
            assert!(pair[1] > pair[0], "{card}: {review_intervals:?}");
        }
        if review_intervals.len() >= 3 {
            checked += 1;
        }
    }
    assert!(
        checked >= 20,
        "only {checked} cards were reviewed three times"
    );
    // All 60 cards were introduced, 8 per study day: 8 days.
    let new_left = next(&f.lib).counts.new;
    assert_eq!(new_left, 0);
    for id in intervals.keys() {
        let (stored, replayed) = f.lib.stored_and_replayed_state(id).unwrap();
        assert_eq!(stored, replayed, "{id}");
    }
}

#[test]
fn the_daily_new_limit_resets_at_the_rollover_not_at_midnight() {
    let mut f = fixture_at(
        seoul(2026, 12, 1, 23, 0),
        &[("facts.md", note(10, "SAA", "Storage"))],
    );
    f.lib
        .set_review_settings(&ReviewSettings {
            new_cards_per_day: 2,
            learning_steps_secs: vec![],
            ..seoul_settings()
        })
        .unwrap();
    for _ in 0..2 {
        let id = next(&f.lib).card.unwrap().card_id;
        f.lib.answer_card(&id, Rating::Good, 0).unwrap();
    }
    assert_eq!(next(&f.lib).counts.new, 0);
    f.clock.set(seoul(2026, 12, 2, 0, 30));
    assert_eq!(next(&f.lib).counts.new, 0, "after midnight, same study day");
    f.clock.set(seoul(2026, 12, 2, 4, 0));
    assert_eq!(next(&f.lib).counts.new, 2, "a new study day at 04:00");
    assert_eq!(next(&f.lib).study_day, "2026-12-02");
}

fn rating_index(r: Rating) -> usize {
    usize::from(r.as_number() - 1)
}

fn rating() -> impl Strategy<Value = Rating> {
    prop_oneof![
        1 => Just(Rating::Again),
        1 => Just(Rating::Hard),
        3 => Just(Rating::Good),
        1 => Just(Rating::Easy)
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// The stored state of every card equals the replay of its review log.
    #[test]
    fn replaying_the_log_reproduces_the_stored_state(
        answers in proptest::collection::vec((0usize..3, rating(), 0u32..(3 * 24 * 60)), 1..40)
    ) {
        let mut f = fixture(3);
        let ids: Vec<CardId> = (0..3)
            .map(|_| {
                let id = next(&f.lib).card.unwrap().card_id;
                f.lib.bury_card(&id).unwrap();
                id
            })
            .collect();
        for _ in 0..3 {
            f.lib.undo_review().unwrap();
        }
        for (card, r, wait_minutes) in answers {
            f.clock.advance(Duration::minutes(i64::from(wait_minutes)));
            f.lib.answer_card(&ids[card], r, 100).unwrap();
        }
        for id in &ids {
            let (stored, replayed) = f.lib.stored_and_replayed_state(id).unwrap();
            prop_assert_eq!(stored, replayed);
            let log = f.lib.card_review_log(id).unwrap();
            let state = &f.lib.stored_and_replayed_state(id).unwrap().0;
            prop_assert_eq!(log.len() as u32, state.reps);
            if let Some(last) = log.last() {
                prop_assert_eq!(last.phase_after, state.phase);
                prop_assert_eq!(Some(last.stability_after as f32), state.memory.map(|m| m.stability));
            }
        }
    }
}

/// A learner who forgets faster than the average FSRS user: their true memory follows FSRS
/// with these parameters, while the library schedules with the defaults.
fn forgetful_parameters() -> Vec<f32> {
    let mut w = fsrs::DEFAULT_PARAMETERS.to_vec();
    for s in &mut w[..4] {
        *s *= 0.3;
    }
    w[8] -= 0.5;
    w
}

/// Simulates `days` daily sessions of a learner whose recall is drawn (seeded) from their
/// true memory; returns the number of answers.
fn simulate_learner(f: &mut Fixture, days: i64, true_parameters: &[f32]) -> usize {
    use rand::{Rng, SeedableRng};
    let truth = fsrs::FSRS::new(true_parameters).unwrap();
    let decay = true_parameters[20];
    let mut rng = rand::rngs::StdRng::seed_from_u64(99);
    let mut memory: BTreeMap<CardId, (fsrs::MemoryState, DateTime<Utc>)> = BTreeMap::new();
    let start = f.clock.now();
    let mut answers = 0;
    for day in 0..days {
        f.clock.set(start + Duration::days(day));
        while let Some(card) = next(&f.lib).card {
            let now = f.clock.now();
            let previous = memory.get(&card.card_id).copied();
            let (rating, elapsed) = match previous {
                None => (Rating::Good, 0),
                Some((m, at)) => {
                    let elapsed_days = (now - at).num_seconds() as f32 / 86_400.0;
                    let r = fsrs::current_retrievability(m, elapsed_days, decay);
                    let rating = if rng.random::<f32>() < r {
                        if rng.random::<f32>() < 0.15 {
                            Rating::Hard
                        } else {
                            Rating::Good
                        }
                    } else {
                        Rating::Again
                    };
                    (rating, (now - at).num_days().max(0) as u32)
                }
            };
            let next_states = truth
                .next_states(previous.map(|(m, _)| m), 0.9, elapsed)
                .unwrap();
            let m = match rating {
                Rating::Again => next_states.again.memory,
                Rating::Hard => next_states.hard.memory,
                Rating::Good => next_states.good.memory,
                Rating::Easy => next_states.easy.memory,
            };
            memory.insert(card.card_id.clone(), (m, now));
            f.lib.answer_card(&card.card_id, rating, 3000).unwrap();
            answers += 1;
            f.clock.advance(Duration::minutes(3));
        }
    }
    answers
}

#[test]
fn the_optimizer_keeps_defaults_without_history_and_fits_a_forgetful_learner() {
    let mut f = fixture_at(
        seoul(2026, 12, 1, 9, 0),
        &[("facts.md", note(160, "SAA", "Storage"))],
    );
    f.lib
        .set_review_settings(&ReviewSettings {
            new_cards_per_day: 16,
            reviews_per_day: 9999,
            ..seoul_settings()
        })
        .unwrap();
    let empty = f.lib.optimize().unwrap();
    assert_eq!(empty.outcome, OptimizeOutcome::NotEnoughReviews);
    assert_eq!(empty.log_loss_before, None);
    assert!(empty.is_default);

    // A few days of history: some usable answers, too few to fit.
    simulate_learner(&mut f, 4, &forgetful_parameters());
    let early = f.lib.optimize().unwrap();
    assert_eq!(
        early.outcome,
        OptimizeOutcome::NotEnoughReviews,
        "{early:?}"
    );
    assert!(early.trainable_count > 0 && early.log_loss_before.is_some());
    assert!(f.lib.scheduler_parameters().unwrap().is_default);

    let answers = simulate_learner(&mut f, 60, &forgetful_parameters());
    assert!(answers > 800, "{answers}");
    let report = f.lib.optimize().unwrap();
    assert!(
        report.trainable_count >= MIN_TRAINABLE_REVIEWS,
        "{report:?}"
    );
    assert_eq!(report.outcome, OptimizeOutcome::Optimized, "{report:?}");
    let (before, after) = (
        report.log_loss_before.unwrap(),
        report.log_loss_after.unwrap(),
    );
    assert!(after < before, "fitted {after} vs defaults {before}");
    let stored = f.lib.scheduler_parameters().unwrap();
    assert!(!stored.is_default);
    assert_eq!(stored.parameters, report.parameters);
    // The fitted first-day stability is closer to the learner's than the default is.
    let truth = forgetful_parameters();
    let default_gap = (fsrs::DEFAULT_PARAMETERS[2] - truth[2]).abs();
    let fitted_gap = (stored.parameters[2] as f32 - truth[2]).abs();
    assert!(
        fitted_gap < default_gap,
        "w2 {} vs true {}",
        stored.parameters[2],
        truth[2]
    );
    // Reset goes back to the defaults.
    assert!(f.lib.reset_scheduler_parameters().unwrap().is_default);
}

#[test]
fn scopes_steps_and_times_parse_from_text() {
    assert_eq!("all".parse::<ReviewScope>().unwrap(), ReviewScope::All);
    assert_eq!(
        "exam:SAA".parse::<ReviewScope>().unwrap(),
        ReviewScope::Exam { exam: "SAA".into() }
    );
    assert_eq!(
        "document:12".parse::<ReviewScope>().unwrap(),
        ReviewScope::Document {
            document_id: crate::ids::DocumentId(12)
        }
    );
    assert!("document:x".parse::<ReviewScope>().is_err());
    assert!("exam:".parse::<ReviewScope>().is_err());
    assert_eq!(parse_steps("1m 10m").unwrap(), vec![60, 600]);
    assert_eq!(parse_steps("30s, 1h,1d").unwrap(), vec![30, 3600, 86_400]);
    assert!(parse_steps("5x").is_err());

    let f = fixture(1);
    assert_eq!(
        f.lib.parse_time("2026-12-01T09:00").unwrap(),
        seoul(2026, 12, 1, 9, 0),
        "a local time is read in the zone of the settings"
    );
    assert_eq!(
        f.lib
            .parse_time("2026-12-01T09:00:00Z")
            .unwrap()
            .to_rfc3339(),
        "2026-12-01T09:00:00+00:00"
    );
    assert!(f.lib.parse_time("tomorrow").is_err());
}

#[test]
fn times_outside_the_years_1970_to_9999_are_refused_not_a_panic() {
    use crate::error::Error;
    let f = fixture(1);
    for text in [
        "+262142-12-31T23:00",
        "-262143-01-01T00:00",
        "+10000-01-01T00:00",
        "1969-12-31T23:59:59Z",
        "0000-01-01",
    ] {
        match f.lib.parse_time(text) {
            Err(e @ Error::InvalidInput(_)) => {
                assert!(e.to_string().contains("out of range"), "{text}: {e}")
            }
            other => panic!("{text}: {other:?}"),
        }
    }
    assert!(f.lib.parse_time("9999-12-31T09:00").is_ok());
    assert!(f.lib.parse_time("1970-01-01T09:00").is_ok());
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]
    /// Any year a user can type is refused or accepted, never a panic, and an accepted time
    /// can be used as the clock of a review.
    #[test]
    fn no_user_time_panics(
        year in -300_000i32..300_000,
        month in 1u32..=12,
        day in 1u32..=28,
        hour in 0u32..24,
        sign in proptest::bool::ANY,
    ) {
        let f = fixture(1);
        let y = if sign && year >= 0 { format!("+{year}") } else { year.to_string() };
        for text in [
            format!("{y}-{month:02}-{day:02}T{hour:02}:00"),
            format!("{y}-{month:02}-{day:02}T{hour:02}:00:00+09:00"),
            format!("{y}-{month:02}-{day:02}"),
        ] {
            if let Ok(at) = f.lib.parse_time(&text) {
                use chrono::Datelike;
                proptest::prop_assert!((1970..=9999).contains(&at.year()), "{text}: {at}");
                f.clock.set(at);
                next(&f.lib);
                f.lib.review_summary(None).unwrap();
            }
        }
    }
}

#[test]
fn the_summary_counts_what_was_answered_since_the_day_began() {
    let mut f = fixture(4);
    for rating in [Rating::Good, Rating::Again, Rating::Easy] {
        let id = next(&f.lib).card.unwrap().card_id;
        f.lib.answer_card(&id, rating, 2500).unwrap();
    }
    let summary = f.lib.review_summary(None).unwrap();
    assert_eq!(
        (summary.answered, summary.again, summary.good, summary.easy),
        (3, 1, 1, 1)
    );
    assert_eq!(summary.new_cards, 3);
    assert_eq!(summary.retention, None);
    assert_eq!(summary.duration_ms, 7500.0);
    let later = f.lib.review_summary(Some("2026-12-01T10:00")).unwrap();
    assert_eq!(later.answered, 0);
}
