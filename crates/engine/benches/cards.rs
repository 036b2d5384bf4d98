//! Card generation speed: the instructor sample 004 (≈560 KB, ≈8,000 lines of Korean notes)
//! parsed and turned into cards, as `stratus cards lint` and an import of the file do.

use std::path::PathBuf;

use criterion::{Criterion, criterion_group, criterion_main};
use stratus_engine::{Library, LibraryOptions};

fn sample_004() -> PathBuf {
    let dir = PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/samples"
    ));
    std::fs::read_dir(&dir)
        .expect("the samples folder exists beside the repository")
        .flatten()
        .map(|e| e.path())
        .find(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("004"))
        })
        .expect("sample 004")
}

fn generation(c: &mut Criterion) {
    let library = Library::open_in_memory(LibraryOptions::default()).expect("in-memory library");
    let path = sample_004();
    let cards = library.lint_cards(&[&path]).expect("lint").card_count;
    assert!(cards >= 300, "sample 004 gives {cards} cards");
    c.bench_function("cards: generate sample 004", |b| {
        b.iter(|| library.lint_cards(&[&path]).expect("lint"))
    });
}

criterion_group!(benches, generation);
criterion_main!(benches);
