//! Benchmarks of review sessions (`cargo bench -p stratus-engine --bench review`); results in
//! BENCHMARKS.md. The libraries are filled with seeded synthetic rows written straight into
//! the tables (a million answers through the API would take minutes to set up), then driven
//! through the public `Library` API only.

use std::path::Path;
use std::sync::Arc;

use chrono::{DateTime, Duration, Utc};
use criterion::{Criterion, criterion_group, criterion_main};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use rusqlite::params;
use stratus_engine::{FixedClock, Library, LibraryOptions, Rating, ReviewScope, ReviewSettings};

const DAY_MS: i64 = 86_400_000;

fn now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-12-01T09:00:00+09:00")
        .unwrap()
        .with_timezone(&Utc)
}

fn open(dir: &Path, clock: Arc<FixedClock>) -> Library {
    let mut lib = Library::open(
        dir.join("stratus.sqlite3"),
        LibraryOptions {
            clock,
            ..LibraryOptions::default()
        },
    )
    .unwrap();
    // Default limits (200 reviews, 20 new a day): counts stop at the limit, as the
    // reviewer shows them.
    lib.set_review_settings(&ReviewSettings {
        time_zone: "Asia/Seoul".into(),
        ..ReviewSettings::default()
    })
    .unwrap();
    lib
}

/// One synthetic learner's history of a card: (days after the first answer, rating,
/// elapsed days). Recall follows an FSRS-like forgetting curve with a seeded RNG.
fn history(rng: &mut StdRng, answers: usize) -> Vec<(i64, u8, u32)> {
    let mut out = vec![(0, 3, 0)];
    let mut stability = 2.0_f64;
    let mut day = 0_i64;
    while out.len() < answers {
        let elapsed = ((stability * rng.random_range(0.8..1.5)).round() as i64).max(1);
        day += elapsed;
        let recall = (1.0 + 19.0 / 81.0 * elapsed as f64 / stability).powf(-0.5);
        let rating = if rng.random::<f64>() < recall {
            stability *= rng.random_range(1.8..3.0);
            if rng.random::<f64>() < 0.1 { 2 } else { 3 }
        } else {
            stability = (stability * 0.3).max(1.0);
            1
        };
        out.push((day, rating, elapsed as u32));
    }
    out
}

/// Fills a library with `cards` cards, of which `reviewed` have `answers_each` answers in the
/// log and a review state due between 60 days ago and 60 days ahead.
fn fill(lib: &mut Library, cards: usize, reviewed: usize, answers_each: usize) {
    let now_ms = now().timestamp_millis();
    let mut rng = StdRng::seed_from_u64(42);
    lib.transact(|tx| {
        tx.execute(
            "INSERT INTO documents (origin, path, title, content_hash, size_bytes, imported_at_ms)
             VALUES ('user', 'bench.md', 'Bench', '', 0, ?1)",
            [now_ms],
        )?;
        let document_id = tx.last_insert_rowid();
        let mut card = tx.prepare(
            "INSERT INTO cards (id, section_key, generator, kind, prompt, answer, tags_json,
                                created_at_ms, updated_at_ms, document_id, heading_key,
                                heading_path, position)
             VALUES (?1, 'k', 'explicit', 'basic', ?2, ?3, ?4, ?5, ?5, ?6, 'h', '[\"Bench\"]', ?7)",
        )?;
        let mut state = tx.prepare(
            "UPDATE card_states SET phase = 'review', stability = ?2, difficulty = 5.0,
                 due_at_ms = ?3, interval_days = ?4, last_review_at_ms = ?5, reps = ?6
             WHERE card_id = ?1",
        )?;
        let mut log = tx.prepare(
            "INSERT INTO review_log (card_id, reviewed_at_ms, rating, duration_ms, elapsed_days,
                 phase_before, step_before, stability_before, difficulty_before, due_before_ms,
                 interval_days_before, phase_after, step_after, stability_after,
                 difficulty_after, due_after_ms, interval_days_after, fuzz)
             VALUES (?1, ?2, ?3, 6000, ?4, 'review', 0, 10.0, 5.0, ?2, 10, 'review', 0, 12.0,
                     5.0, ?2, 12, 0.5)",
        )?;
        for i in 0..cards {
            let id = format!(
                "{:032x}",
                (i as u128).wrapping_mul(0x9E37_79B9_7F4A_7C15_F39C)
            );
            let exam = ["SAA", "DVA", "SOA", "CLF"][i % 4];
            let tags = format!("{{\"exams\":[\"{exam}\"],\"topics\":[],\"services\":[]}}");
            card.execute(params![
                id,
                format!("Question {i}?"),
                format!("Answer {i}"),
                tags,
                now_ms,
                document_id,
                i as i64
            ])?;
            if i < reviewed {
                let answers = history(&mut rng, answers_each);
                let last_day = answers.last().map_or(0, |a| a.0);
                let first_ms = now_ms - (last_day + rng.random_range(1..60)) * DAY_MS;
                for &(day, rating, elapsed) in &answers {
                    log.execute(params![id, first_ms + day * DAY_MS, rating, elapsed])?;
                }
                let due = now_ms + rng.random_range(-60..60) * DAY_MS;
                let stability: f64 = rng.random_range(1.0..200.0);
                state.execute(params![
                    id,
                    stability,
                    due,
                    30,
                    first_ms + last_day * DAY_MS,
                    answers.len() as i64
                ])?;
            }
        }
        Ok(())
    })
    .unwrap();
}

fn answer_and_next(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let clock = Arc::new(FixedClock::new(now()));
    let mut lib = open(dir.path(), clock.clone());
    fill(&mut lib, 100_000, 100_000, 10);
    let info = lib.info().unwrap();
    assert_eq!(info.counts.reviews, 1_000_000);
    assert_eq!(info.counts.cards, 100_000);

    let mut group = c.benchmark_group("review");
    group.bench_function("answer + next, 100k cards, 1M log rows", |b| {
        b.iter(|| {
            let next = lib.review_next(&ReviewScope::All).unwrap();
            let card = next.card.expect("half the cards are due");
            // Stay inside the daily limit however many iterations criterion runs.
            if next.counts.review < 10 {
                clock.advance(Duration::days(1));
            }
            lib.answer_card(&card.card_id, Rating::Good, 5000).unwrap();
            clock.advance(Duration::milliseconds(10));
        })
    });
    group.bench_function("next, exam scope", |b| {
        let scope = ReviewScope::Exam { exam: "DVA".into() };
        b.iter(|| lib.review_next(&scope).unwrap())
    });
    group.bench_function("next, weakest scope", |b| {
        b.iter(|| lib.review_next(&ReviewScope::Weakest).unwrap())
    });
    group.bench_function("answer + undo", |b| {
        let card = lib.review_next(&ReviewScope::All).unwrap().card.unwrap();
        b.iter(|| {
            lib.answer_card(&card.card_id, Rating::Again, 1000).unwrap();
            lib.undo_review().unwrap()
        })
    });
    group.finish();
}

fn optimize(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let clock = Arc::new(FixedClock::new(now()));
    let mut lib = open(dir.path(), clock);
    fill(&mut lib, 2_000, 2_000, 10);
    assert_eq!(lib.info().unwrap().counts.reviews, 20_000);
    let mut group = c.benchmark_group("optimize");
    group.sample_size(10);
    group.bench_function("20k reviews, read + fit + evaluate", |b| {
        b.iter(|| {
            let report = lib.optimize().unwrap();
            assert!(report.log_loss_after.is_some(), "{report:?}");
            lib.reset_scheduler_parameters().unwrap();
        })
    });
    group.finish();
}

criterion_group!(benches, answer_and_next, optimize);
criterion_main!(benches);
