//! Benchmarks of search over a large notes library (`cargo bench -p stratus-engine --bench
//! library`); results and machine in BENCHMARKS.md. Import has its own bench (`import.rs`).
//! Generated notes are mixed Korean and English markdown with a Zipf-like vocabulary
//! (`support/notes.rs`) from a seeded RNG, so every run measures the same text. Search prints
//! percentiles of a realistic query mix and, apart, the worst cases.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use stratus_engine::{Library, LibraryOptions, SearchQuery};

#[path = "support/notes.rs"]
mod notes;
use notes::Vocabulary;

fn open(dir: &Path) -> Library {
    Library::open(dir.join("stratus.sqlite3"), LibraryOptions::default()).unwrap()
}

fn realistic_queries(v: &Vocabulary) -> Vec<String> {
    let mut queries: Vec<String> = [
        "요금",
        "예약",
        "스팟",
        "S3 수명주기",
        "IAM 역할",
        "cloudfrnot",
        "reserved",
        "\"spot fleet\"",
        "lifecycle",
        "암호화 bucket",
        "스냅샷 백업",
        "latency",
        "가용성 zone",
        "replication 복제",
        "dynamodb stream",
        "정책",
        "glacier retrieval",
        "kinesis",
        "처리량",
        "quota 할당량",
    ]
    .into_iter()
    .map(String::from)
    .collect();
    for rank in [300, 800, 1500, 2500] {
        queries.push(v.english_at(rank).to_string());
    }
    for rank in [200, 700, 1500, 2400] {
        queries.push(v.korean_at(rank).to_string());
    }
    queries.push(format!("{} {}", v.english_at(400), v.korean_at(400)));
    queries.push(format!("{} {}", v.english_at(150), v.english_at(900)));
    // A misspelling: two neighbouring letters swapped.
    let mut typo: Vec<char> = v.english_at(600).chars().collect();
    typo.swap(1, 2);
    queries.push(typo.into_iter().collect());
    queries
}

/// The worst cases: words in almost every section, one-letter and one-syllable prefixes.
fn worst_queries(v: &Vocabulary) -> Vec<String> {
    vec![
        "the".into(),
        "a".into(),
        "이".into(),
        "the of and".into(),
        v.korean_at(4).to_string(),
        format!("{} {}", v.english_at(40), v.korean_at(30)),
    ]
}

/// A library of `sections` generated sections, built in a temporary folder; or, when
/// `STRATUS_BENCH_LIBRARY` names a folder, built in `sections-<n>` there once and reused by
/// later runs (building the 100k-section one takes minutes).
fn big_library(sections: usize) -> (Option<tempfile::TempDir>, Library) {
    if let Some(root) = std::env::var_os("STRATUS_BENCH_LIBRARY").map(PathBuf::from) {
        let dir = root.join(format!("sections-{sections}"));
        let is_built = dir.join("stratus.sqlite3").exists();
        if !is_built {
            build_library(&dir, sections);
        }
        return (None, open(&dir));
    }
    let db = tempfile::tempdir().unwrap();
    build_library(db.path(), sections);
    let lib = open(db.path());
    (Some(db), lib)
}

fn build_library(dir: &Path, sections: usize) {
    let notes = dir.join("notes");
    std::fs::create_dir_all(&notes).unwrap();
    Vocabulary::new().write_files(&notes, sections / 500, 500);
    let mut lib = open(dir);
    lib.import_path(&notes).unwrap();
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

/// Times every query `rounds` times after one warm-up round; returns the sorted times and the
/// slowest time of each query.
fn time_queries(
    lib: &Library,
    queries: &[String],
    rounds: usize,
) -> (Vec<Duration>, Vec<Duration>) {
    let mut times = Vec::new();
    let mut slowest = vec![Duration::ZERO; queries.len()];
    for round in 0..=rounds {
        for (i, q) in queries.iter().enumerate() {
            let started = Instant::now();
            let results = lib.search(&SearchQuery::new(q.as_str())).unwrap();
            let elapsed = started.elapsed();
            std::hint::black_box(results);
            if round > 0 {
                times.push(elapsed);
                slowest[i] = slowest[i].max(elapsed);
            }
        }
    }
    times.sort();
    (times, slowest)
}

fn search_100k(c: &mut Criterion) {
    let (_db, lib) = big_library(100_000);
    assert!(lib.counts().unwrap().sections >= 100_000);
    let vocabulary = Vocabulary::new();
    let realistic = realistic_queries(&vocabulary);
    let (times, slowest) = time_queries(&lib, &realistic, 5);
    println!(
        "search over 100k sections, realistic mix of {} queries: {} searches, p50 {:?}, p99 {:?}, max {:?}",
        realistic.len(),
        times.len(),
        percentile(&times, 0.5),
        percentile(&times, 0.99),
        times.last().unwrap()
    );
    let mut by_time: Vec<_> = realistic.iter().zip(&slowest).collect();
    by_time.sort_by(|a, b| b.1.cmp(a.1));
    for (q, t) in by_time.iter().take(5) {
        println!("  slowest of the mix {q:?}: {t:?}");
    }
    let worst = worst_queries(&vocabulary);
    let (times, slowest) = time_queries(&lib, &worst, 3);
    println!(
        "search over 100k sections, worst cases: p50 {:?}, max {:?}",
        percentile(&times, 0.5),
        times.last().unwrap()
    );
    for (q, t) in worst.iter().zip(&slowest) {
        let hits = lib
            .search(&SearchQuery::new(q.as_str()))
            .unwrap()
            .hits
            .len();
        println!("  worst case {q:?}: slowest {t:?} ({hits} hits)");
    }
    let mut group = c.benchmark_group("search_100k_sections");
    group.sample_size(20);
    group.bench_function("realistic_mix", |b| {
        b.iter(|| {
            for q in &realistic {
                std::hint::black_box(lib.search(&SearchQuery::new(q.as_str())).unwrap());
            }
        })
    });
    group.finish();
}

fn palette_20k(c: &mut Criterion) {
    let (_db, lib) = big_library(20_000);
    lib.palette("warm", 20).unwrap();
    let mut group = c.benchmark_group("palette_20k_headings");
    for q in ["resins", "ec2 spot", "lambda 12-3"] {
        group.bench_function(q, |b| b.iter(|| lib.palette(q, 20).unwrap()));
    }
    group.finish();
}

criterion_group!(benches, search_100k, palette_20k);
criterion_main!(benches);
