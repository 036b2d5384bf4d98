//! Benchmarks of practice exams (`cargo bench -p stratus-engine --bench exams`); results in
//! BENCHMARKS.md. A library with a bank of 20,000 generated SAA-C03 questions (in 40 note
//! files, imported through the public API), then: drawing and starting a 65-question exam,
//! and submitting an answered exam with its report.

use std::path::Path;
use std::sync::atomic::AtomicBool;

use criterion::{Criterion, criterion_group, criterion_main};
use stratus_engine::{ExamStart, ImportOptions, Library, LibraryOptions};

const FILES: usize = 40;
const PER_FILE: usize = 500;

fn question(n: usize) -> String {
    let domain = 1 + n % 4;
    let two = n.is_multiple_of(5);
    let stem = if two {
        format!(
            "Company {n} runs workload {n} and needs two changes. Which steps meet the requirements? (Choose TWO.)"
        )
    } else {
        format!(
            "Company {n} runs workload {n} with a constraint. Which option is MOST cost-effective?"
        )
    };
    let keys: &[bool] = if two {
        &[true, false, true, false, false]
    } else {
        &[false, true, false, false]
    };
    let mut s = format!("{stem}\n\n");
    for (i, k) in keys.iter().enumerate() {
        s.push_str(&format!(
            "- [{}] Option {i} for workload {n}\n  Why option {i} fits or not.\n",
            if *k { "x" } else { " " }
        ));
    }
    s.push_str(&format!(
        "\nExplanation: The point of question {n}.\nExam: SAA-C03/{domain}\nTopic: t{}\nSource: [Topic](#topic)\n\n",
        n % 20
    ));
    s
}

fn library(dir: &Path) -> Library {
    let notes = dir.join("bank");
    std::fs::create_dir_all(&notes).unwrap();
    for f in 0..FILES {
        let mut text = String::from("# Topic\n\nQuestions.\n\n");
        for i in 0..PER_FILE {
            text.push_str(&question(f * PER_FILE + i));
        }
        std::fs::write(notes.join(format!("q{f:02}.md")), text).unwrap();
    }
    let mut lib = Library::open(dir.join("stratus.sqlite3"), LibraryOptions::default()).unwrap();
    lib.import_paths(
        &[&notes],
        &ImportOptions::default(),
        &mut |_| {},
        &AtomicBool::new(false),
    )
    .unwrap();
    let n = lib.list_questions(&Default::default()).unwrap().len();
    assert_eq!(n, FILES * PER_FILE);
    lib
}

fn start(seed: u32) -> ExamStart {
    ExamStart {
        exam: "SAA-C03".into(),
        seed: Some(seed),
        ..ExamStart::default()
    }
}

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let mut lib = library(dir.path());
    let mut seed = 0;
    c.bench_function("exams/start_65_of_20000", |b| {
        b.iter(|| {
            seed += 1;
            lib.start_exam(&start(seed)).unwrap()
        })
    });
    c.bench_function("exams/submit_and_report_65", |b| {
        // Setting up each iteration (start, answer) needs the library too, so the timing of
        // the submit alone is taken by hand.
        b.iter_custom(|iterations| {
            let mut total = std::time::Duration::ZERO;
            for _ in 0..iterations {
                seed += 1;
                let attempt = lib.start_exam(&start(seed)).unwrap();
                // Every other question answered with its first shown option.
                for q in attempt.questions.iter().step_by(2) {
                    lib.answer_exam_question(attempt.id, q.position, &[q.options[0].index])
                        .unwrap();
                }
                let began = std::time::Instant::now();
                let report = lib.submit_exam(attempt.id).unwrap();
                total += began.elapsed();
                assert_eq!(report.total, 65);
            }
            total
        })
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = bench
}
criterion_main!(benches);
