//! Exam-style questions and practice exams through the public API: import, lint problems,
//! identity across edits, the stratified draw, the clock (expiry, resume after a crash),
//! all-or-nothing scoring, the domain report and missed questions in the review queue.

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::{DateTime, Duration, Utc};
use stratus_engine::{
    AttemptStatus, CardFilter, ExamMode, ExamStart, FixedClock, Generator, ImportOptions, Library,
    LibraryOptions, QuestionFilter, QuestionProblemKind,
};

const TOPIC: &str = "---
title: Storage
lang: en
exam: [SAA-C03]
---
# Storage

## Glacier storage classes

Deep Archive is the cheapest class.

## Block storage

EBS volumes attach to one instance.
";

/// One question of domain `domain`, numbered `n`; `choose_two` makes it a two-answer one.
fn question(n: usize, domain: u32, choose_two: bool) -> String {
    let (stem, keys) = if choose_two {
        (
            format!(
                "Team {n} needs two things for domain {domain}. Which steps meet the goal? (Choose TWO.)"
            ),
            [true, false, true, false],
        )
    } else {
        (
            format!(
                "Team {n} stores data for domain {domain}. Which option is MOST cost-effective?"
            ),
            [false, true, false, false],
        )
    };
    let mut out = format!("{stem}\n\n");
    for (i, key) in keys.iter().enumerate() {
        let mark = if *key { "x" } else { " " };
        out.push_str(&format!(
            "- [{mark}] Option {i} of {n}\n  Because {i} is {}.\n",
            if *key { "right" } else { "wrong" }
        ));
    }
    out.push_str(&format!(
        "\nExplanation: Question {n} in short.\nExam: SAA-C03/{domain}\nTopic: storage\nSource: [Glacier](topic.md#glacier-storage-classes)\n\n"
    ));
    out
}

/// A folder with the topic and `per_domain` questions for each SAA domain; question 0 asks
/// for two answers.
fn bank(dir: &Path, per_domain: usize) -> PathBuf {
    let folder = dir.join("notes");
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::write(folder.join("topic.md"), TOPIC).unwrap();
    let mut text = String::from("---\ntitle: Questions\nlang: en\n---\n# Questions\n\n");
    let mut n = 0;
    for domain in 1..=4 {
        for _ in 0..per_domain {
            text.push_str(&question(n, domain, n == 0));
            n += 1;
        }
    }
    std::fs::write(folder.join("q.md"), text).unwrap();
    folder
}

fn at(minutes: i64) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-05-01T09:00:00Z")
        .unwrap()
        .with_timezone(&Utc)
        + Duration::minutes(minutes)
}

fn open(path: &Path, clock: &Arc<FixedClock>) -> Library {
    let options = LibraryOptions {
        clock: clock.clone(),
        ..LibraryOptions::default()
    };
    Library::open(path, options).unwrap()
}

fn library(dir: &Path, per_domain: usize) -> (Library, Arc<FixedClock>) {
    let clock = Arc::new(FixedClock::new(at(0)));
    let mut lib = open(&dir.join("s.sqlite3"), &clock);
    let folder = bank(dir, per_domain);
    crate::util::import(&mut lib, &[&folder], &ImportOptions::default());
    (lib, clock)
}

fn saa(count: u32, seed: u32) -> ExamStart {
    ExamStart {
        exam: "SAA-C03".into(),
        count: Some(count),
        seed: Some(seed),
        ..ExamStart::default()
    }
}

#[test]
fn questions_import_with_exams_topics_and_resolved_sources() {
    let dir = tempfile::tempdir().unwrap();
    let (lib, _) = library(dir.path(), 3);
    let all = lib.list_questions(&QuestionFilter::default()).unwrap();
    assert_eq!(all.len(), 12);
    assert_eq!(all[0].choose, 2);
    assert_eq!(all[1].choose, 1);
    assert!(
        all.iter()
            .all(|q| q.topic == "storage" && q.options.len() == 4)
    );
    assert_eq!(all[0].options[0].explanation, "Because 0 is right.");
    let domain_2 = lib
        .list_questions(&QuestionFilter {
            exam: Some("saa".into()),
            domain: Some(2),
            ..QuestionFilter::default()
        })
        .unwrap();
    assert_eq!(domain_2.len(), 3);
    let source = lib.question_source_section(&all[0].id).unwrap().unwrap();
    assert_eq!(source.heading_path, ["Storage", "Glacier storage classes"]);
    // The questions make no ordinary cards: their numbers and options are not clozes.
    let cards = lib.list_cards(&CardFilter::default()).unwrap();
    assert!(
        cards.iter().all(|c| !c.prompt.contains("Team ")),
        "{:?}",
        cards.iter().map(|c| &c.prompt).collect::<Vec<_>>()
    );
}

#[test]
fn lint_names_each_problem_with_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("n");
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::write(folder.join("topic.md"), TOPIC).unwrap();
    let q = |stem: &str, options: &[(bool, &str, &str)], meta: &str| -> String {
        let mut s = format!("{stem}\n\n");
        for (key, text, why) in options {
            s.push_str(&format!("- [{}] {text}\n", if *key { "x" } else { " " }));
            if !why.is_empty() {
                s.push_str(&format!("  {why}\n"));
            }
        }
        format!("{s}\n{meta}\n\n")
    };
    let meta = "Explanation: e\nExam: SAA-C03/1\nSource: [g](topic.md#glacier-storage-classes)";
    let cases: Vec<(QuestionProblemKind, String)> = vec![
        (
            QuestionProblemKind::NoCorrectOption,
            q("None right?", &[(false, "a", "w"), (false, "b", "w")], meta),
        ),
        (
            QuestionProblemKind::AllOptionsCorrect,
            q(
                "All right? (Choose TWO.)",
                &[(true, "a", "r"), (true, "b", "r")],
                meta,
            ),
        ),
        (
            QuestionProblemKind::OptionWithoutExplanation,
            q("Missing why?", &[(true, "a", "r"), (false, "b", "")], meta),
        ),
        (
            QuestionProblemKind::ChooseMismatch,
            q(
                "Two keys, no count?",
                &[(true, "a", "r"), (true, "b", "r"), (false, "c", "w")],
                meta,
            ),
        ),
        (
            QuestionProblemKind::UnknownExam,
            q(
                "Which exam?",
                &[(true, "a", "r"), (false, "b", "w")],
                "Explanation: e\nExam: ABC-C01/1",
            ),
        ),
        (
            QuestionProblemKind::UnknownDomain,
            q(
                "Which domain?",
                &[(true, "a", "r"), (false, "b", "w")],
                "Explanation: e\nExam: SAA-C03/7",
            ),
        ),
        (
            QuestionProblemKind::DuplicateOption,
            q("Same twice?", &[(true, "a", "r"), (false, "A", "w")], meta),
        ),
        (
            QuestionProblemKind::BrokenSource,
            q(
                "Where taught?",
                &[(true, "a", "r"), (false, "b", "w")],
                "Explanation: e\nExam: SAA-C03/1\nSource: [x](topic.md#no-such-heading)",
            ),
        ),
        (
            QuestionProblemKind::MissingExplanation,
            q(
                "Why overall?",
                &[(true, "a", "r"), (false, "b", "w")],
                "Exam: SAA-C03/1",
            ),
        ),
    ];
    let mut text = String::from("# Bad questions\n\n");
    let mut lines = Vec::new();
    for (kind, block) in &cases {
        lines.push((*kind, text.lines().count() as u32 + 1));
        text.push_str(block);
    }
    text.push_str(&question(99, 1, false));
    let file = folder.join("bad.md");
    std::fs::write(&file, &text).unwrap();
    let lib = Library::open_in_memory(LibraryOptions::default()).unwrap();
    let report = lib.lint_cards(&[&file]).unwrap();
    let found: Vec<(QuestionProblemKind, u32)> = report.files[0]
        .question_problems
        .iter()
        .map(|p| (p.kind, p.line))
        .collect();
    for (kind, line) in &lines {
        assert!(
            found
                .iter()
                .any(|(k, l)| k == kind && *l >= *line && *l < line + 12),
            "{kind:?} near line {line}: {found:?}"
        );
    }
    assert_eq!(found.len(), cases.len(), "{found:?}");
    assert_eq!(report.files[0].questions.len(), 1, "the good one is kept");
    assert_eq!(report.question_problem_count, cases.len() as u32);

    // Importing the same file reports the problems and keeps going.
    let mut lib = Library::open_in_memory(LibraryOptions::default()).unwrap();
    let imported = crate::util::import(&mut lib, &[&folder], &ImportOptions::default());
    assert_eq!(imported.totals.imported, 2, "{imported:?}");
    let warnings: Vec<&String> = imported.files.iter().flat_map(|f| &f.warnings).collect();
    assert_eq!(
        warnings
            .iter()
            .filter(|w| w.contains("question left out"))
            .count(),
        cases.len(),
        "{warnings:?}"
    );
    assert_eq!(
        lib.list_questions(&QuestionFilter::default())
            .unwrap()
            .len(),
        1
    );
}

#[test]
fn identity_survives_edits_elsewhere_and_a_new_stem_is_a_new_question() {
    let dir = tempfile::tempdir().unwrap();
    let (mut lib, _) = library(dir.path(), 2);
    let before: Vec<String> = lib
        .list_questions(&QuestionFilter::default())
        .unwrap()
        .into_iter()
        .map(|q| q.id.0)
        .collect();
    let file = dir.path().join("notes/q.md");
    let text = std::fs::read_to_string(&file).unwrap();
    let edited = text
        .replacen(
            "# Questions\n",
            "# Questions\n\nA new introduction paragraph.\n",
            1,
        )
        .replace("Because 3 is wrong.", "Because 3 misses the point.")
        .replace("Team 5 stores", "Team five stores")
        .replace("Option 2 of 1\n", "Option two of 1\n");
    std::fs::write(&file, edited).unwrap();
    crate::util::import(
        &mut lib,
        &[&dir.path().join("notes")],
        &ImportOptions::default(),
    );
    let after = lib.list_questions(&QuestionFilter::default()).unwrap();
    let after_ids: HashSet<&str> = after.iter().map(|q| q.id.0.as_str()).collect();
    let kept = before
        .iter()
        .filter(|id| after_ids.contains(id.as_str()))
        .count();
    assert_eq!(
        kept,
        before.len() - 2,
        "only the question whose stem changed and the one whose option changed are new"
    );
    assert_eq!(after.len(), before.len());
    assert!(after[0].options[3].explanation.contains("misses the point"));
    let gone = before
        .iter()
        .find(|id| !after_ids.contains(id.as_str()))
        .unwrap();
    let old = lib
        .question(&stratus_engine::QuestionId(gone.clone()))
        .unwrap();
    assert!(!old.is_active, "kept for past attempts, out of new draws");
}

fn domains_of(lib: &mut Library, id: u32) -> BTreeMap<u32, usize> {
    let mut counts = BTreeMap::new();
    for q in lib.exam_attempt(id).unwrap().questions {
        *counts.entry(q.domain).or_default() += 1;
    }
    counts
}

#[test]
fn draws_follow_the_domain_weights_and_replay_from_a_seed() {
    let dir = tempfile::tempdir().unwrap();
    let (mut lib, _) = library(dir.path(), 20);
    let a = lib.start_exam(&saa(10, 3)).unwrap();
    assert_eq!(a.questions.len(), 10);
    assert_eq!(
        domains_of(&mut lib, a.id),
        BTreeMap::from([(1, 3), (2, 3), (3, 2), (4, 2)])
    );
    // 10 of 65 questions: 130 × 10 / 65 = 20 minutes.
    assert_eq!(a.time_limit_ms, Some(20.0 * 60_000.0));
    let full = lib
        .start_exam(&ExamStart {
            count: None,
            ..saa(0, 3)
        })
        .unwrap();
    assert_eq!(
        domains_of(&mut lib, full.id),
        BTreeMap::from([(1, 19), (2, 17), (3, 16), (4, 13)])
    );
    assert_eq!(full.time_limit_ms, Some(130.0 * 60_000.0));

    // The same seed on a new library of the same notes draws the same questions.
    drop(lib);
    for name in ["s.sqlite3", "s.sqlite3-wal", "s.sqlite3-shm"] {
        let _ = std::fs::remove_file(dir.path().join(name));
    }
    let (mut lib2, _) = library(dir.path(), 20);
    assert_eq!(lib2.exam_history(None).unwrap().len(), 0, "a new library");
    let b = lib2.start_exam(&saa(10, 3)).unwrap();
    let ids = |x: &stratus_engine::ExamAttempt| -> Vec<String> {
        x.questions
            .iter()
            .map(|q| q.question_id.0.clone())
            .collect()
    };
    assert_eq!(ids(&a), ids(&b));
    let c = lib2.start_exam(&saa(10, 4)).unwrap();
    assert_ne!(ids(&b), ids(&c));
    // The next draw prefers questions not seen in recent attempts.
    let seen: HashSet<String> = ids(&b).into_iter().chain(ids(&c)).collect();
    let d = lib2.start_exam(&saa(10, 5)).unwrap();
    assert!(
        ids(&d).iter().all(|id| !seen.contains(id)),
        "80 questions, 20 seen"
    );
}

#[test]
fn the_clock_runs_only_while_open_and_time_out_submits() {
    let dir = tempfile::tempdir().unwrap();
    let (mut lib, clock) = library(dir.path(), 5);
    let attempt = lib.start_exam(&saa(10, 1)).unwrap();
    assert_eq!(attempt.remaining_ms, Some(20.0 * 60_000.0));
    clock.set(at(5));
    let first = &attempt.questions[0];
    let pick = first.options[0].index;
    let now = lib.answer_exam_question(attempt.id, 0, &[pick]).unwrap();
    assert_eq!(now.elapsed_ms, 5.0 * 60_000.0);
    assert_eq!(now.questions[0].time_spent_ms, 5.0 * 60_000.0);
    assert_eq!(now.answered_count, 1);
    assert!(
        now.questions[0].result.is_none(),
        "no key before submitting"
    );

    // The app crashes; it is opened again two hours later.
    drop(lib);
    clock.set(at(125));
    let mut lib = open(&dir.path().join("s.sqlite3"), &clock);
    assert_eq!(lib.exam_in_progress().unwrap(), Some(attempt.id));
    let resumed = lib.resume_exam(attempt.id).unwrap();
    assert_eq!(resumed.remaining_ms, Some(15.0 * 60_000.0));
    assert_eq!(resumed.questions[0].answer, [pick], "answers survive");

    clock.set(at(125 + 14));
    let still = lib.exam_goto(attempt.id, 3).unwrap();
    assert_eq!(still.status, AttemptStatus::InProgress);
    assert_eq!(still.remaining_ms, Some(60_000.0));
    clock.set(at(125 + 16));
    let over = lib.exam_attempt(attempt.id).unwrap();
    assert_eq!(over.status, AttemptStatus::TimedOut);
    assert_eq!(over.elapsed_ms, 20.0 * 60_000.0);
    assert_eq!(
        over.questions[3].time_spent_ms, 60_000.0,
        "only the minute left counts"
    );
    assert!(over.questions.iter().all(|q| q.result.is_some()));
    let err = lib.answer_exam_question(attempt.id, 1, &[0]).unwrap_err();
    assert!(err.to_string().contains("already submitted"), "{err}");
    assert_eq!(lib.exam_in_progress().unwrap(), None);
}

#[test]
fn scoring_is_all_or_nothing_and_missed_questions_enter_the_review_queue() {
    let dir = tempfile::tempdir().unwrap();
    let (mut lib, clock) = library(dir.path(), 1);
    let attempt = lib.start_exam(&saa(4, 9)).unwrap();
    let all = lib.list_questions(&QuestionFilter::default()).unwrap();
    let key = |id: &stratus_engine::QuestionId| -> Vec<u32> {
        let q = all.iter().find(|q| &q.id == id).unwrap();
        q.options
            .iter()
            .enumerate()
            .filter(|(_, o)| o.is_correct)
            .map(|(i, _)| i as u32)
            .collect()
    };
    let mut flagged_right = None;
    for q in &attempt.questions {
        let k = key(&q.question_id);
        if q.choose == 2 {
            // Half of a two-answer question is wrong.
            lib.answer_exam_question(attempt.id, q.position, &k[..1])
                .unwrap();
            let err = lib
                .answer_exam_question(attempt.id, q.position, &[0, 1, 2])
                .unwrap_err();
            assert!(err.to_string().contains("asks for 2"), "{err}");
        } else if flagged_right.is_none() {
            lib.answer_exam_question(attempt.id, q.position, &k)
                .unwrap();
            lib.flag_exam_question(attempt.id, q.position, true)
                .unwrap();
            flagged_right = Some(q.position);
        } else {
            lib.answer_exam_question(attempt.id, q.position, &k)
                .unwrap();
        }
    }
    clock.set(at(3));
    let report = lib.submit_exam(attempt.id).unwrap();
    assert_eq!(report.total, 4);
    assert_eq!(report.correct, 3);
    assert_eq!(report.percent, 75.0);
    assert_eq!(report.estimated_score, 775);
    assert_eq!(report.passing_score, 720);
    assert!(report.passed);
    assert_eq!(report.attempt.status, AttemptStatus::Submitted);
    let d1 = &report.domains[0];
    assert_eq!((d1.number, d1.total, d1.weight_percent), (1, 1, 30));
    assert_eq!(report.domains.iter().map(|d| d.correct).sum::<u32>(), 3);
    let two = report
        .attempt
        .questions
        .iter()
        .find(|q| q.choose == 2)
        .unwrap();
    let result = two.result.as_ref().unwrap();
    assert!(!result.is_correct);
    assert_eq!(result.explanations.len(), 4);
    assert_eq!(result.explanation, "Question 0 in short.");
    // The missed question and the flagged one wait in the review queue as question cards;
    // the two answered right without a flag do not.
    assert_eq!(report.cards_added, 2);
    let cards: Vec<_> = lib
        .list_cards(&CardFilter::default())
        .unwrap()
        .into_iter()
        .filter(|c| c.generator == Generator::Question)
        .collect();
    assert_eq!(cards.len(), 2, "{cards:#?}");
    let missed = cards
        .iter()
        .find(|c| c.prompt.contains("(Choose TWO.)"))
        .unwrap();
    assert_eq!(missed.options.len(), 4);
    assert!(missed.options.iter().all(|o| o.explanation.is_some()));
    assert_eq!(missed.explanation.as_deref(), Some("Question 0 in short."));
    assert_eq!(
        lib.counts().unwrap().reviews,
        1,
        "one 'Again' for the missed question"
    );
    // Submitting again changes nothing.
    assert_eq!(lib.submit_exam(attempt.id).unwrap().correct, 3);
    let history = lib.exam_history(Some("SAA")).unwrap();
    assert_eq!(history.len(), 1);
    assert_eq!(history[0].estimated_score, Some(775));
}

#[test]
fn practice_marks_each_answer_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let (mut lib, _) = library(dir.path(), 2);
    let practice = lib
        .start_exam(&ExamStart {
            exam: "SAA".into(),
            mode: ExamMode::Practice,
            domain: Some(3),
            seed: Some(1),
            ..ExamStart::default()
        })
        .unwrap();
    assert_eq!(practice.time_limit_ms, None);
    assert_eq!(practice.questions.len(), 2, "every question of domain 3");
    assert!(practice.questions.iter().all(|q| q.domain == 3));
    let q = &practice.questions[0];
    let wrong = q.options.iter().map(|o| o.index).find(|&i| i != 1).unwrap();
    let after = lib.answer_exam_question(practice.id, 0, &[wrong]).unwrap();
    let result = after.questions[0].result.as_ref().unwrap();
    assert!(!result.is_correct);
    assert_eq!(result.correct, [1]);
    assert!(after.questions[1].result.is_none());
    assert!(
        lib.answer_exam_question(practice.id, 0, &[1]).is_err(),
        "kept"
    );
}

#[test]
fn two_handles_submitting_one_attempt_score_it_once() {
    let dir = tempfile::tempdir().unwrap();
    let (mut lib, clock) = library(dir.path(), 1);
    let attempt = lib.start_exam(&saa(4, 2)).unwrap();
    let mut other = open(&dir.path().join("s.sqlite3"), &clock);
    // Neither answers anything: all four are missed.
    let first = lib.submit_exam(attempt.id).unwrap();
    let second = other.submit_exam(attempt.id).unwrap();
    assert_eq!(first.correct, second.correct);
    assert_eq!(
        lib.counts().unwrap().reviews,
        4,
        "one 'Again' per missed question, not two"
    );
}

/// Beside a question's source link the report shows the headings of the section that link
/// opens in the reader, not those the question sits under in its own note; also after the
/// linked note was imported again with its sections moved (new section ids), and none once
/// that note is gone (the link then opens nothing).
#[test]
fn a_question_shows_the_headings_of_the_section_its_source_opens() {
    let dir = tempfile::tempdir().unwrap();
    let (mut lib, _) = library(dir.path(), 1);
    let attempt = lib.start_exam(&saa(4, 3)).unwrap();
    lib.submit_exam(attempt.id).unwrap();
    // (shown, opened) heading paths of every question of the attempt.
    let shown_and_opened = |lib: &mut Library| -> Vec<(Vec<String>, Option<Vec<String>>)> {
        let report = lib.exam_report(attempt.id).unwrap();
        assert_eq!(report.attempt.questions.len(), 4);
        report
            .attempt
            .questions
            .iter()
            .map(|q| {
                let opened = lib
                    .question_source_section(&q.question_id)
                    .unwrap()
                    .map(|s| lib.open_section(s.section_id).unwrap().heading_path);
                (q.result.as_ref().unwrap().heading_path.clone(), opened)
            })
            .collect()
    };
    let own = lib.list_questions(&QuestionFilter::default()).unwrap()[0]
        .heading_path
        .clone();
    assert_eq!(own, ["Questions"], "the question's own place in its note");
    let glacier = ["Storage", "Glacier storage classes"]
        .map(String::from)
        .to_vec();
    for (shown, opened) in shown_and_opened(&mut lib) {
        assert_eq!(shown, glacier);
        assert_eq!(opened, Some(glacier.clone()));
    }

    // The topic rewritten: the section moves under a new heading and gets a new id.
    let folder = dir.path().join("notes");
    let moved = TOPIC.replace(
        "## Glacier storage classes",
        "## Archive\n\nCold data.\n\n### Glacier storage classes",
    );
    std::fs::write(folder.join("topic.md"), moved).unwrap();
    crate::util::import(&mut lib, &[&folder], &ImportOptions::default());
    let archive = ["Storage", "Archive", "Glacier storage classes"]
        .map(String::from)
        .to_vec();
    for (shown, opened) in shown_and_opened(&mut lib) {
        assert_eq!(shown, archive);
        assert_eq!(opened, Some(archive.clone()));
    }

    // The topic removed: no section to open, so no headings shown either.
    std::fs::remove_file(folder.join("topic.md")).unwrap();
    crate::util::import(
        &mut lib,
        &[&folder],
        &ImportOptions {
            prune: true,
            ..ImportOptions::default()
        },
    );
    for (shown, opened) in shown_and_opened(&mut lib) {
        assert_eq!(opened, None);
        assert!(shown.is_empty(), "{shown:?}");
    }
}
