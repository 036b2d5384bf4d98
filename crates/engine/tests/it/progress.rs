//! Progress figures through the public API: a note tagged with one SAA domain, answers on
//! either side of the 04:00 rollover in a non-UTC zone, and every figure checked against a
//! value worked out by hand.

use std::sync::Arc;

use chrono::{DateTime, FixedOffset, TimeZone, Utc};
use stratus_engine::{
    CardFilter, FixedClock, ImportOptions, Library, LibraryOptions, Rating, ReviewSettings,
};

use crate::util::import;

const NOTE: &str = "---
title: Secure access
exam: [SAA-C03]
domain: {SAA-C03: \"1. Design Secure Architectures\"}
tags: [iam]
---

# IAM policy types

| Policy | Attached to |
|---|---|
| Identity-based policy | IAM identity |
| Resource-based policy | AWS resource |
| Service control policy | OU or account |
";

/// A wall-clock time in Seoul (UTC+9 all year, no daylight saving time).
fn seoul(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
    FixedOffset::east_opt(9 * 3600)
        .unwrap()
        .with_ymd_and_hms(y, mo, d, h, mi, 0)
        .unwrap()
        .with_timezone(&Utc)
}

#[test]
fn stats_follow_the_local_study_day_and_the_guide_weights() {
    let clock = Arc::new(FixedClock::new(seoul(2026, 3, 9, 20, 0)));
    let mut lib = Library::open_in_memory(LibraryOptions {
        clock: clock.clone(),
        seed: 7,
    })
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let note = dir.path().join("iam.md");
    std::fs::write(&note, NOTE).unwrap();
    let report = import(&mut lib, &[note.as_path()], &ImportOptions::default());
    assert_eq!(report.totals.imported, 1, "{report:#?}");

    let settings = lib.review_settings().unwrap();
    assert_eq!(settings.day_rollover_hour, 4);
    assert_eq!(settings.learning_steps_secs, [60, 600]);
    lib.set_review_settings(&ReviewSettings {
        time_zone: "Asia/Seoul".into(),
        ..settings
    })
    .unwrap();

    // Three rows and one attribute column: one card per filled cell (3). Reverse multiple
    // choice needs four rows, so there is none.
    let cards = lib
        .list_cards(&CardFilter {
            exam: Some("SAA".into()),
            ..CardFilter::default()
        })
        .unwrap();
    assert_eq!(cards.len(), 3, "{cards:#?}");
    let (a, b) = (&cards[0].id, &cards[1].id);

    // Study day 2026-03-09 runs from 03-09 04:00 to 03-10 04:00 Seoul time
    // (03-08 19:00 to 03-09 19:00 UTC).
    // 03-09 21:00: A, new, Good -> learning step 2 (10 min), due 21:10.      day 03-09
    clock.set(seoul(2026, 3, 9, 21, 0));
    lib.answer_card(a, Rating::Good, 4_000).unwrap();
    // 03-10 03:59: B, new, Good -> step 2, due 04:09, which is on day 03-10.  day 03-09
    clock.set(seoul(2026, 3, 10, 3, 59));
    lib.answer_card(b, Rating::Good, 6_000).unwrap();
    // 03-10 04:00: A, learning, Again -> step 1 (1 min), due 04:01.          day 03-10
    // (03:59 and 04:00 Seoul are 18:59 and 19:00 UTC on the same UTC date: reading the
    // rollover in UTC would put all three answers on one day.)
    clock.set(seoul(2026, 3, 10, 4, 0));
    lib.answer_card(a, Rating::Again, 5_000).unwrap();
    clock.set(seoul(2026, 3, 10, 12, 0));

    let stats = lib.progress_stats(Some("saa")).unwrap();
    assert_eq!(stats.today, "2026-03-10");
    assert_eq!(stats.exam.as_deref(), Some("SAA-C03"));
    assert_eq!(stats.exams.len(), 1);
    let saa = &stats.exams[0];
    assert_eq!(saa.short, "SAA");
    // 3 cards, A and B answered at least once, none in review yet.
    assert_eq!((saa.mastery.total, saa.mastery.seen), (3, 2));
    assert_eq!(saa.mastery.mature, 0);
    // Only review-phase answers count for retention: all three were new or learning.
    assert_eq!(saa.mastery.reviews_30d, 0);
    assert_eq!(saa.mastery.retention_30d, None);

    // The guide's 4 domains in order, then the unassigned bucket.
    let shape: Vec<(Option<u32>, u32, u32, u32)> = saa
        .domains
        .iter()
        .map(|d| (d.number, d.weight_percent, d.mastery.total, d.mastery.seen))
        .collect();
    assert_eq!(
        shape,
        [
            (Some(1), 30, 3, 2),
            (Some(2), 26, 0, 0),
            (Some(3), 24, 0, 0),
            (Some(4), 20, 0, 0),
            (None, 0, 0, 0),
        ]
    );
    assert_eq!(saa.domains[0].name, "Design Secure Architectures");
    for empty in &saa.domains[1..] {
        assert_eq!(empty.mastery.expected_recall, None, "{empty:?}");
        assert_eq!(empty.mastery.mean_retrievability, None, "{empty:?}");
    }
    // Only domain 1 (30 %) has cards; the empty domains count 0, so readiness is at most
    // 0.30 × domain 1's expected recall, itself at most 2 of 3 cards known.
    assert!(saa.readiness.is_weighted);
    assert_eq!(saa.readiness.covered_weight_percent, 30);
    let recall_1 = saa.domains[0].mastery.expected_recall.unwrap();
    assert!(recall_1 > 0.0 && recall_1 <= 2.0 / 3.0, "{recall_1}");
    assert!((saa.readiness.expected_recall - 0.30 * recall_1).abs() < 1e-9);

    // Activity: 365 days ending today; 03-09 has 2 answers (4 s + 6 s), 03-10 has 1 (5 s).
    // Levels: ceil(4 × 2 / 2) = 4 and ceil(4 × 1 / 2) = 2.
    let act = &stats.activity;
    assert_eq!(act.days.len(), 365);
    let tail: Vec<(&str, u32, f64, u32)> = act.days[362..]
        .iter()
        .map(|d| (d.date.as_str(), d.reviews, d.duration_ms, d.level))
        .collect();
    assert_eq!(
        tail,
        [
            ("2026-03-08", 0, 0.0, 0),
            ("2026-03-09", 2, 10_000.0, 4),
            ("2026-03-10", 1, 5_000.0, 2),
        ]
    );
    // 03-09 and 03-10 studied, 03-08 not.
    assert_eq!(act.current_streak_days, 2);
    assert_eq!(act.longest_streak_days, 2);
    assert_eq!((act.reviews_365d, act.active_days_365d), (3, 2));
    assert_eq!(act.duration_ms_365d, 15_000.0);

    // Forecast: A (due 04:01) and B (due 04:09) both fall on study day 03-10, today;
    // nothing later.
    assert_eq!(act.forecast.len(), 30);
    assert_eq!(act.forecast[0].date, "2026-03-10");
    assert_eq!(act.forecast[0].due, 2);
    assert_eq!(act.forecast[1].date, "2026-03-11");
    assert_eq!(act.forecast.iter().map(|d| d.due).sum::<u32>(), 2);

    // The topic of the front matter carries the same counts.
    let iam = stats
        .topics
        .iter()
        .find(|t| t.topic == "iam")
        .expect("the iam topic");
    assert_eq!((iam.mastery.total, iam.mastery.seen), (3, 2));
}
