//! Progress between devices: two libraries of the same course, each studied on its own,
//! exchange progress files both ways and end with the same log, states, suspensions, edits
//! and practice exams; a file imported twice changes nothing, a bad one nothing at all.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::{DateTime, Duration, Utc};
use stratus_engine::{
    CardEdit, CardFilter, CardId, ExamStart, FixedClock, ImportOptions, Library, LibraryOptions,
    Rating, ReviewScope,
};

const NOTES: &str = "---
title: Storage
lang: en
exam: [SAA-C03]
---
# S3 storage classes

| Storage class | Minimum storage duration |
|---|---|
| S3 Standard-IA | 30 days |
| S3 Glacier Instant Retrieval | 90 days |
| S3 Glacier Deep Archive | 180 days |

# IAM policy types

| Policy | Attached to |
|---|---|
| Identity-based policy | IAM identity |
| Resource-based policy | AWS resource |
| Service control policy | OU or account |
";

/// Four questions, one per SAA domain; the second option is the key.
fn questions() -> String {
    let mut text = String::from("---\ntitle: Questions\nlang: en\n---\n# Questions\n\n");
    for domain in 1..=4 {
        text.push_str(&format!(
            "Team {domain} keeps logs for domain {domain}. Which option is MOST cost-effective?\n\n"
        ));
        for i in 0..4 {
            let mark = if i == 1 { "x" } else { " " };
            text.push_str(&format!(
                "- [{mark}] Option {i} of {domain}\n  Because {i}.\n"
            ));
        }
        text.push_str(&format!(
            "\nExplanation: In short.\nExam: SAA-C03/{domain}\nTopic: storage\n\n"
        ));
    }
    text
}

fn at(minutes: i64) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-05-01T09:00:00Z")
        .unwrap()
        .with_timezone(&Utc)
        + Duration::minutes(minutes)
}

/// A library of the course copied into `folder` (each device has it elsewhere).
fn device(folder: &Path, seed: u64) -> (Library, Arc<FixedClock>) {
    std::fs::create_dir_all(folder).unwrap();
    std::fs::write(folder.join("storage.md"), NOTES).unwrap();
    std::fs::write(folder.join("questions.md"), questions()).unwrap();
    let clock = Arc::new(FixedClock::new(at(0)));
    let mut lib = Library::open_in_memory(LibraryOptions {
        clock: clock.clone(),
        seed,
    })
    .unwrap();
    let report = crate::util::import(&mut lib, &[folder], &ImportOptions::default());
    assert_eq!(report.totals.failed, 0, "{report:#?}");
    (lib, clock)
}

fn card_ids(lib: &Library) -> Vec<CardId> {
    lib.list_cards(&CardFilter {
        include_suspended: true,
        ..CardFilter::default()
    })
    .unwrap()
    .into_iter()
    .map(|c| c.id)
    .collect()
}

/// Every card with its answers (all but the local row id) and status.
fn study_state(lib: &Library) -> Vec<(CardId, String, Vec<serde_json::Value>)> {
    card_ids(lib)
        .into_iter()
        .map(|id| {
            let card = lib.card(&id).unwrap();
            let log = lib
                .card_review_log(&id)
                .unwrap()
                .into_iter()
                .map(|entry| {
                    let mut v = serde_json::to_value(entry).unwrap();
                    v.as_object_mut().unwrap().remove("id");
                    v
                })
                .collect();
            (
                id,
                format!("{:?} {} / {}", card.status, card.prompt, card.answer),
                log,
            )
        })
        .collect()
}

fn export(lib: &Library, path: &Path) -> serde_json::Value {
    lib.export_progress(path, false).unwrap();
    let mut v: serde_json::Value = serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap();
    v.as_object_mut().unwrap().remove("exported_at");
    v
}

#[test]
fn two_devices_exchange_progress_both_ways_and_agree() {
    let tmp = tempfile::tempdir().unwrap();
    let (mut laptop, laptop_clock) = device(&tmp.path().join("laptop/aws"), 1);
    let (mut desktop, desktop_clock) = device(&tmp.path().join("desktop/study/course"), 2);
    let ids = card_ids(&laptop);
    assert_eq!(
        ids,
        card_ids(&desktop),
        "the same course has the same cards"
    );
    assert!(ids.len() >= 6, "{ids:?}");

    // The laptop answers two cards and suspends one; a practice exam is submitted with
    // every first option chosen (the missed questions' cards are answered Again).
    laptop.answer_card(&ids[0], Rating::Good, 4_000).unwrap();
    laptop_clock.set(at(1));
    laptop.answer_card(&ids[1], Rating::Again, 6_000).unwrap();
    laptop.suspend_card(&ids[3]).unwrap();
    let attempt = laptop
        .start_exam(&ExamStart {
            exam: "SAA-C03".into(),
            count: Some(4),
            seed: Some(9),
            ..ExamStart::default()
        })
        .unwrap();
    for q in &attempt.questions {
        laptop
            .answer_exam_question(attempt.id, q.position, &[0])
            .unwrap();
    }
    laptop_clock.set(at(20));
    laptop.submit_exam(attempt.id).unwrap();

    // The desktop answers another card, and the laptop's first card later; edits a card and
    // buries one.
    desktop_clock.set(at(30));
    desktop.answer_card(&ids[2], Rating::Good, 3_000).unwrap();
    desktop_clock.set(at(24 * 60 * 3));
    desktop.answer_card(&ids[0], Rating::Hard, 9_000).unwrap();
    desktop
        .edit_card(
            &ids[4],
            &CardEdit {
                prompt: None,
                answer: Some("edited on the desktop".into()),
            },
        )
        .unwrap();
    desktop.bury_card(&ids[5]).unwrap();
    assert_ne!(study_state(&laptop), study_state(&desktop));

    let from_laptop = tmp.path().join("laptop.json");
    let from_desktop = tmp.path().join("desktop.json");
    let sent = laptop.export_progress(&from_laptop, false).unwrap();
    let report = laptop.exam_report(attempt.id).unwrap();
    let missed = report.total - report.correct;
    assert!(missed >= 1);
    assert_eq!(sent.reviews, 2 + missed, "{sent:?}");
    assert_eq!(sent.exam_attempts, 1);
    desktop.export_progress(&from_desktop, false).unwrap();

    let on_desktop = desktop.import_progress(&from_laptop).unwrap();
    assert_eq!(on_desktop.reviews_added, sent.reviews, "{on_desktop:?}");
    assert_eq!(on_desktop.exam_attempts_added, 1);
    assert_eq!(on_desktop.suspended_added, 1);
    let on_laptop = laptop.import_progress(&from_desktop).unwrap();
    assert_eq!(on_laptop.reviews_added, 2, "{on_laptop:?}");
    assert_eq!(on_laptop.reviews_known, 0);
    assert_eq!(on_laptop.card_edits_applied, 1);
    assert_eq!(on_laptop.buried_added, 1);

    // Same cards, logs (with the states each answer led to), statuses and texts.
    let laptop_state = study_state(&laptop);
    assert_eq!(laptop_state, study_state(&desktop));
    let first = &laptop_state
        .iter()
        .find(|(id, _, _)| *id == ids[0])
        .unwrap()
        .2;
    assert_eq!(
        first.len(),
        2,
        "the first card holds both devices' answers in time order"
    );
    assert_eq!(first[0]["rating"], "good");
    assert_eq!(first[1]["rating"], "hard");
    assert_eq!(first[1]["phase_before"], first[0]["phase_after"]);
    assert_eq!(
        laptop.card(&ids[4]).unwrap().answer,
        "edited on the desktop"
    );
    // The same files from both: equal logs, suspensions, burials, edits and attempts.
    assert_eq!(
        export(&laptop, &tmp.path().join("l2.json")),
        export(&desktop, &tmp.path().join("d2.json"))
    );
    let history = |lib: &Library| {
        lib.exam_history(None)
            .unwrap()
            .into_iter()
            .map(|a| (a.started_at, a.submitted_at, a.correct, a.total))
            .collect::<Vec<_>>()
    };
    assert_eq!(history(&desktop), history(&laptop));
    assert_eq!(history(&desktop).len(), 1);
    desktop_clock.set(at(24 * 60 * 10));
    laptop_clock.set(at(24 * 60 * 10));
    let next = |lib: &Library| {
        let n = lib.review_next(&ReviewScope::All).unwrap();
        (n.card.map(|c| c.card_id), n.counts)
    };
    assert_eq!(next(&laptop), next(&desktop));

    // Importing the same files again changes nothing.
    let before = export(&laptop, &tmp.path().join("l3.json"));
    let again = laptop.import_progress(&from_desktop).unwrap();
    assert!(again.is_unchanged, "{again:?}");
    assert_eq!(again.reviews_known, 2);
    let again = laptop.import_progress(&from_laptop).unwrap();
    assert!(again.is_unchanged, "{again:?}");
    assert_eq!(before, export(&laptop, &tmp.path().join("l4.json")));
}

fn bad_file(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn a_bad_file_changes_nothing_and_says_why() {
    let tmp = tempfile::tempdir().unwrap();
    let (mut lib, _) = device(&tmp.path().join("notes"), 1);
    let ids = card_ids(&lib);
    lib.answer_card(&ids[0], Rating::Good, 1_000).unwrap();
    let good = tmp.path().join("good.json");
    let before = export(&lib, &good);
    let valid = std::fs::read_to_string(&good).unwrap();

    let newer = valid.replace("\"version\":1", "\"version\":99");
    let broken_rating = valid.replace("\"rating\":3", "\"rating\":9");
    let cut = &valid[..valid.len() / 2];
    let cases = [
        ("newer.json", newer.as_str(), "newer Stratus"),
        ("rating.json", broken_rating.as_str(), "rating 9"),
        ("cut.json", cut, "not JSON"),
        ("other.json", "{\"format\": \"anki\"}", "format"),
    ];
    for (name, text, why) in cases {
        let path = bad_file(tmp.path(), name, text);
        let err = lib.import_progress(&path).unwrap_err();
        assert!(err.to_string().contains(why), "{name}: {err}");
        assert_eq!(
            err.kind(),
            stratus_engine::ErrorKind::InvalidInput,
            "{name}"
        );
    }
    assert!(matches!(
        lib.import_progress(tmp.path().join("missing.json")),
        Err(stratus_engine::Error::Io { .. })
    ));
    assert_eq!(before, export(&lib, &tmp.path().join("after.json")));
}

#[test]
fn an_export_replaces_a_file_only_when_asked() {
    let tmp = tempfile::tempdir().unwrap();
    let (mut lib, _) = device(&tmp.path().join("notes"), 1);
    let ids = card_ids(&lib);
    lib.answer_card(&ids[0], Rating::Good, 1_000).unwrap();
    let path = tmp.path().join("progress.json");
    std::fs::write(&path, "the learner's own notes").unwrap();

    let err = lib.export_progress(&path, false).unwrap_err();
    assert_eq!(err.kind(), stratus_engine::ErrorKind::AlreadyExists);
    assert!(matches!(&err, stratus_engine::Error::AlreadyExists { path: p } if p == &path));
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        "the learner's own notes"
    );

    let report = lib.export_progress(&path, true).unwrap();
    assert_eq!(report.reviews, 1);
    let written: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    assert_eq!(written["format"], "stratus-progress");
    let names: Vec<String> = std::fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect();
    assert!(names.is_empty(), "temporary files left: {names:?}");
}
