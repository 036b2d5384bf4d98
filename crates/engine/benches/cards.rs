//! Card generation speed: the long Korean exam notebook of the test fixtures
//! (`tests/fixtures/notebook/aws-exam-notebook.md`) parsed and turned into cards, as
//! `stratus cards lint` and an import of the file do.

use std::path::PathBuf;

use criterion::{Criterion, criterion_group, criterion_main};
use stratus_engine::{Library, LibraryOptions};

fn notebook() -> PathBuf {
    PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/notebook/aws-exam-notebook.md"
    ))
}

fn generation(c: &mut Criterion) {
    let library = Library::open_in_memory(LibraryOptions::default()).expect("in-memory library");
    let path = notebook();
    let cards = library.lint_cards(&[&path]).expect("lint").card_count;
    assert!(cards >= 350, "the notebook gives {cards} cards");
    c.bench_function("cards: generate the notebook fixture", |b| {
        b.iter(|| library.lint_cards(&[&path]).expect("lint"))
    });
}

criterion_group!(benches, generation);
criterion_main!(benches);
