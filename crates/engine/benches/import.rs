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

/// The long Korean exam notebook of the test fixtures.
fn notebook() -> PathBuf {
    PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/notebook/aws-exam-notebook.md"
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
    let note = notebook();
    let db = tempfile::tempdir().unwrap();
    let mut lib = open(db.path());
    lib.import_path(&note).unwrap();
    c.bench_function("reimport_unchanged_notebook", |b| {
        b.iter(|| {
            let report = lib.import_path(&note).unwrap();
            assert_eq!(report.totals.unchanged, 1);
        })
    });
}

/// The search index alone: the same notes' prepared search terms (read back from a library
/// that imported them) written into two FTS5 tables with the schema's columns and tokenizer
/// (contentless here: an external-content table indexes the same terms), in one transaction, on
/// disk, with nothing else (no section rows, no cards, no term table). No import that keeps
/// the Korean bigram index can be faster than this, whatever the rest costs.
fn search_index_floor(c: &mut Criterion) {
    let notes = tempfile::tempdir().unwrap();
    let bytes = Vocabulary::new().write_files(notes.path(), 20, 200);
    let source = tempfile::tempdir().unwrap();
    open(source.path()).import_path(notes.path()).unwrap();
    let rows: Vec<(String, String)> = {
        let conn = rusqlite::Connection::open(source.path().join("stratus.sqlite3")).unwrap();
        let mut stmt = conn
            .prepare("SELECT heading_terms, body_terms FROM sections ORDER BY id")
            .unwrap();
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    };
    assert!(rows.len() >= 4_000, "{} sections", rows.len());
    let mut group = c.benchmark_group("import");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(bytes));
    group.bench_function("search_index_floor", |b| {
        b.iter_with_setup(
            || {
                let db = tempfile::tempdir().unwrap();
                let conn = rusqlite::Connection::open(db.path().join("fts.sqlite3")).unwrap();
                conn.execute_batch(
                    "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;
                     PRAGMA temp_store = MEMORY;
                     CREATE VIRTUAL TABLE body USING fts5 (heading_terms, body_terms,
                         content = '', tokenize = 'unicode61 remove_diacritics 2');
                     CREATE VIRTUAL TABLE heads USING fts5 (heading_terms,
                         content = '', tokenize = 'unicode61 remove_diacritics 2');",
                )
                .unwrap();
                (db, conn)
            },
            |(db, mut conn)| {
                let tx = conn.transaction().unwrap();
                {
                    let mut body = tx
                        .prepare(
                            "INSERT INTO body (rowid, heading_terms, body_terms) VALUES (?, ?, ?)",
                        )
                        .unwrap();
                    let mut heads = tx
                        .prepare("INSERT INTO heads (rowid, heading_terms) VALUES (?, ?)")
                        .unwrap();
                    for (i, (heading, text)) in rows.iter().enumerate() {
                        body.execute(rusqlite::params![i as i64 + 1, heading, text])
                            .unwrap();
                        heads
                            .execute(rusqlite::params![i as i64 + 1, heading])
                            .unwrap();
                    }
                }
                tx.commit().unwrap();
                drop(conn);
                drop(db);
            },
        )
    });
    group.finish();
}

criterion_group!(
    benches,
    import_throughput,
    search_index_floor,
    reimport_unchanged
);
criterion_main!(benches);
