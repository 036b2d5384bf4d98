//! Benchmarks of import (`cargo bench -p stratus-engine --bench import`); results and machine
//! in BENCHMARKS.md. The generated notes (`support/notes.rs`, seeded) are the same text on
//! every run. For a profile, `-- --profile-time 20` repeats an import without analysis.

use std::path::{Path, PathBuf};

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use stratus_engine::{Library, LibraryOptions};

// Query words of the vocabulary are used by the search bench only.
#[allow(dead_code)]
#[path = "support/notes.rs"]
mod notes;
use notes::Vocabulary;

fn open(dir: &Path) -> Library {
    Library::open(dir.join("stratus.sqlite3"), LibraryOptions::default()).unwrap()
}

fn samples() -> PathBuf {
    PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/samples"
    ))
}

/// 20 files of 200 sections each into a new library on disk.
fn import_throughput(c: &mut Criterion) {
    let notes = tempfile::tempdir().unwrap();
    let bytes = Vocabulary::new().write_files(notes.path(), 20, 200);
    let mut group = c.benchmark_group("import");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(bytes));
    group.bench_function("generated_markdown", |b| {
        b.iter_with_setup(
            || {
                let db = tempfile::tempdir().unwrap();
                let lib = open(db.path());
                (db, lib)
            },
            |(db, mut lib)| {
                let report = lib.import_path(notes.path()).unwrap();
                assert_eq!(report.totals.imported, 20);
                drop(lib);
                drop(db);
            },
        )
    });
    group.finish();
}

fn reimport_unchanged(c: &mut Criterion) {
    let sample = std::fs::read_dir(samples())
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .find(|p| p.file_name().unwrap().to_string_lossy().starts_with("004"))
        .unwrap();
    let db = tempfile::tempdir().unwrap();
    let mut lib = open(db.path());
    lib.import_path(&sample).unwrap();
    c.bench_function("reimport_unchanged_560kb_sample", |b| {
        b.iter(|| {
            let report = lib.import_path(&sample).unwrap();
            assert_eq!(report.totals.unchanged, 1);
        })
    });
}

criterion_group!(benches, import_throughput, reimport_unchanged);
criterion_main!(benches);
