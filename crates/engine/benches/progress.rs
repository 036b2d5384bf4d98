//! Progress statistics on a large library: 100,000 cards (70 % seen) and 1,000,000 answers
//! over two years, the Progress screen's `progress_stats(Some("SAA"))`. The library is
//! written straight into the real schema with SQL (an import and a million `answer_card`
//! calls would take minutes), in a temporary database file.

use std::sync::Arc;

use chrono::{TimeZone, Utc};
use criterion::{Criterion, criterion_group, criterion_main};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use rusqlite::{Connection, params};
use stratus_engine::{FixedClock, Library, LibraryOptions, ReviewSettings, SectionTags};

const SECTIONS: usize = 1_000;
const CARDS_PER_SECTION: usize = 100;
const LOG_ROWS: usize = 1_000_000;
const DAY_MS: i64 = 86_400_000;
const EXAMS: [&str; 4] = ["CLF", "SAA", "DVA", "SOA"];

fn tags_of(section: usize) -> String {
    let exam = EXAMS[section % EXAMS.len()];
    let mut exams = vec![exam.to_string()];
    if section.is_multiple_of(3) && exam != "SAA" {
        exams.push("SAA".into());
    }
    exams.sort();
    // One section in five has no domain tag: the unassigned bucket.
    let domains = match section % 5 {
        0 => vec![],
        d => vec![format!("{exam}: {d}. Domain {d}")],
    };
    let tags = SectionTags {
        exams,
        domains,
        services: vec![format!("service-{:02}", section % 40)],
        topics: vec![format!("topic-{:02}", section % 60)],
    };
    serde_json::to_string(&tags).expect("tags serialize")
}

/// Writes the library into `conn`, whose schema `Library::open` has just created.
fn fill(conn: &mut Connection, now_ms: i64) -> rusqlite::Result<()> {
    let mut rng = StdRng::seed_from_u64(42);
    let tx = conn.transaction()?;
    tx.execute(
        "INSERT INTO documents (id, origin, path, title, lang, content_hash, size_bytes, imported_at_ms)
         VALUES (1, 'user', 'bench/notes.md', 'Bench notes', 'en', 'x', 0, ?1)",
        [now_ms],
    )?;
    let mut seen: Vec<String> = Vec::new();
    {
        let mut section = tx.prepare(
            "INSERT INTO sections (document_id, section_key, position, level, heading,
                 heading_path, body, tags_json, line_start, line_end)
             VALUES (1, ?1, ?2, 2, ?3, '[]', '', ?4, ?2, ?2)",
        )?;
        let mut card = tx.prepare(
            "INSERT INTO cards (id, section_key, generator, kind, prompt, answer, tags_json,
                 status, created_at_ms, updated_at_ms, document_id, position)
             VALUES (?1, ?2, 'table', 'basic', 'prompt', 'answer', ?3, 'active', ?4, ?4, 1, ?5)",
        )?;
        // The trigger on `cards` gave each card a new state; seen cards get a real one.
        let mut state = tx.prepare(
            "UPDATE card_states SET phase = ?2, step = 0, stability = ?3, difficulty = ?4,
                 due_at_ms = ?5, interval_days = ?6, last_review_at_ms = ?7, reps = ?8
             WHERE card_id = ?1",
        )?;
        for s in 0..SECTIONS {
            let key = format!("s{s:04}");
            let tags = tags_of(s);
            section.execute(params![key, s as i64, format!("Heading {s}"), tags])?;
            for c in 0..CARDS_PER_SECTION {
                let id = format!("card-{s:04}-{c:03}");
                card.execute(params![id, key, tags, now_ms, c as i64])?;
                if rng.random_range(0..10) >= 7 {
                    continue;
                }
                let phase = match rng.random_range(0..20) {
                    0 => "learning",
                    1 => "relearning",
                    _ => "review",
                };
                let stability: f64 = rng.random_range(0.5..300.0);
                let interval_days = (stability.round() as i64).max(1);
                let last_ms = now_ms - rng.random_range(0..120) * DAY_MS;
                state.execute(params![
                    id,
                    phase,
                    stability,
                    rng.random_range(1.0..10.0),
                    last_ms + interval_days * DAY_MS,
                    interval_days,
                    last_ms,
                    rng.random_range(1..30),
                ])?;
                seen.push(id);
            }
        }
        let mut log = tx.prepare(
            "INSERT INTO review_log (card_id, reviewed_at_ms, rating, duration_ms, elapsed_days,
                 phase_before, step_before, stability_before, difficulty_before, due_before_ms,
                 interval_days_before, phase_after, step_after, stability_after,
                 difficulty_after, due_after_ms, interval_days_after, fuzz)
             VALUES (?1, ?2, ?3, ?4, 3, ?5, 0, 5.0, 5.0, ?2, 3, 'review', 0, 8.0, 5.0, ?2, 8, NULL)",
        )?;
        // Two years of answers in time order, about 1,370 a day.
        let start_ms = now_ms - 730 * DAY_MS;
        let step_ms = 730 * DAY_MS / LOG_ROWS as i64;
        for r in 0..LOG_ROWS {
            let card = &seen[rng.random_range(0..seen.len())];
            let rating = match rng.random_range(0..10) {
                0 | 1 => 1,
                2 => 2,
                9 => 4,
                _ => 3,
            };
            let phase_before = if rng.random_range(0..5) == 0 {
                "learning"
            } else {
                "review"
            };
            log.execute(params![
                card,
                start_ms + r as i64 * step_ms,
                rating,
                rng.random_range(2_000..20_000),
                phase_before,
            ])?;
        }
    }
    tx.commit()
}

fn progress(c: &mut Criterion) {
    let now = Utc.with_ymd_and_hms(2026, 12, 1, 10, 0, 0).unwrap();
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("bench.sqlite3");
    let options = LibraryOptions {
        clock: Arc::new(FixedClock::new(now)),
        seed: 1,
    };
    {
        let mut lib = Library::open(&path, options.clone()).expect("create the schema");
        lib.set_review_settings(&ReviewSettings {
            time_zone: "Asia/Seoul".into(),
            ..ReviewSettings::default()
        })
        .expect("settings");
    }
    let mut conn = Connection::open(&path).expect("open the file");
    fill(&mut conn, now.timestamp_millis()).expect("fill the library");
    drop(conn);

    let lib = Library::open(&path, options).expect("open the filled library");
    let counts = lib.counts().expect("counts");
    assert_eq!(counts.cards as usize, SECTIONS * CARDS_PER_SECTION);
    assert_eq!(counts.reviews as usize, LOG_ROWS);
    let stats = lib.progress_stats(Some("SAA")).expect("stats");
    assert!(
        stats.exams[0].mastery.seen > 10_000,
        "{:?}",
        stats.exams[0].mastery
    );
    assert!(stats.activity.reviews_365d > 400_000);
    assert!(stats.activity.forecast.iter().any(|d| d.due > 0));

    c.bench_function("progress: stats for SAA, 100k cards, 1M answers", |b| {
        b.iter(|| lib.progress_stats(Some("SAA")).expect("stats"))
    });
}

criterion_group!(benches, progress);
criterion_main!(benches);
