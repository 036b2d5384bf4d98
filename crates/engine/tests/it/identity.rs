//! Document identity (decision 0011): a note is known by its front-matter id or its path
//! under the imported folder, so moving or renaming the folder keeps every card and its
//! history, and two folders holding the same relative path stay apart.

use std::collections::BTreeSet;
use std::path::Path;

use stratus_engine::{
    CardFilter, CardId, DocumentId, FileOutcome, ImportOptions, Library, Origin, Rating,
};

use crate::util::{import, memory_library};

const S3: &str = "# S3 storage classes

| Storage class | Minimum storage duration |
|---|---|
| S3 Standard-IA | 30 days |
| S3 Glacier Instant Retrieval | 90 days |
| S3 Glacier Deep Archive | 180 days |
";

const IAM: &str = "# IAM policy types

| Policy | Attached to |
|---|---|
| Identity-based policy | IAM identity |
| Resource-based policy | AWS resource |
| Service control policy | OU or account |
";

fn write(dir: &Path, rel: &str, text: &str) {
    let path = dir.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

fn user_documents(lib: &Library) -> Vec<stratus_engine::DocumentSummary> {
    lib.documents()
        .unwrap()
        .into_iter()
        .filter(|d| d.origin == Origin::User)
        .collect()
}

fn cards_of(lib: &Library, id: DocumentId) -> BTreeSet<CardId> {
    lib.list_cards(&CardFilter {
        document_id: Some(id),
        include_suspended: true,
        ..CardFilter::default()
    })
    .unwrap()
    .into_iter()
    .map(|c| c.id)
    .collect()
}

fn user_cards(lib: &Library) -> BTreeSet<CardId> {
    user_documents(lib)
        .iter()
        .flat_map(|d| cards_of(lib, d.id))
        .collect()
}

fn ratings(lib: &Library, id: &CardId) -> Vec<Rating> {
    lib.card_review_log(id)
        .unwrap()
        .into_iter()
        .map(|r| r.rating)
        .collect()
}

#[test]
fn moving_and_renaming_the_imported_folder_keeps_cards_and_history() {
    let tmp = tempfile::tempdir().unwrap();
    let a = tmp.path().join("course-a");
    write(&a, "storage/s3.md", S3);
    write(&a, "iam.md", IAM);
    write(
        &a,
        "old.md",
        "# Old\n\n- Term :: a definition of the term\n",
    );
    let mut lib = memory_library();
    let first = import(&mut lib, &[&a], &ImportOptions::default());
    assert_eq!(first.totals.imported, 3, "{first:#?}");
    let ids = user_cards(&lib);
    assert!(ids.len() >= 4, "{ids:?}");
    let answered: Vec<CardId> = ids.iter().take(2).cloned().collect();
    lib.answer_card(&answered[0], Rating::Good, 3_000).unwrap();
    lib.answer_card(&answered[1], Rating::Again, 5_000).unwrap();
    let documents_before: Vec<DocumentId> = user_documents(&lib).iter().map(|d| d.id).collect();

    // One note is deleted, then the folder is moved and renamed, and imported again.
    std::fs::remove_file(a.join("old.md")).unwrap();
    let b = tmp.path().join("elsewhere").join("course-b");
    std::fs::create_dir_all(b.parent().unwrap()).unwrap();
    std::fs::rename(&a, &b).unwrap();
    let second = import(&mut lib, &[&b], &ImportOptions::default());
    assert_eq!(
        second.totals.failed + second.totals.imported,
        0,
        "{second:#?}"
    );
    assert_eq!(second.totals.unchanged, 2, "{second:#?}");

    let docs = user_documents(&lib);
    assert_eq!(
        docs.iter().map(|d| d.id).collect::<Vec<_>>(),
        documents_before,
        "the same documents, none added: {docs:#?}"
    );
    let b_key = std::fs::canonicalize(&b).unwrap();
    assert!(
        docs.iter().all(|d| Path::new(&d.path).starts_with(&b_key)),
        "every document, the deleted note's too, now lies under the new folder: {docs:#?}"
    );
    assert_eq!(user_cards(&lib), ids, "same card ids");
    assert_eq!(ratings(&lib, &answered[0]), vec![Rating::Good]);
    assert_eq!(ratings(&lib, &answered[1]), vec![Rating::Again]);
    assert!(lib.card(&answered[0]).unwrap().status == stratus_engine::CardStatus::Active);

    // The note deleted before the move is pruned like any note whose file is gone.
    let pruned = import(
        &mut lib,
        &[&b],
        &ImportOptions {
            prune: true,
            ..ImportOptions::default()
        },
    );
    assert_eq!(pruned.totals.pruned, 1, "{pruned:#?}");
    assert_eq!(user_documents(&lib).len(), 2);
}

#[test]
fn two_present_folders_with_the_same_relative_path_stay_apart() {
    let tmp = tempfile::tempdir().unwrap();
    let a = tmp.path().join("alpha");
    let b = tmp.path().join("beta");
    // The very same text at the same relative path: the case where keys would meet.
    write(&a, "aws/s3.md", S3);
    write(&b, "aws/s3.md", S3);
    let mut lib = memory_library();
    import(&mut lib, &[&a], &ImportOptions::default());
    let a_cards = user_cards(&lib);
    lib.answer_card(a_cards.iter().next().unwrap(), Rating::Good, 1_000)
        .unwrap();

    let report = import(&mut lib, &[&b], &ImportOptions::default());
    assert_eq!(report.totals.imported, 1, "{report:#?}");
    assert!(
        report.files[0]
            .warnings
            .iter()
            .any(|w| w.contains("beta/aws/s3.md")),
        "the report says how the second folder's note is kept apart: {report:#?}"
    );
    let docs = user_documents(&lib);
    assert_eq!(docs.len(), 2);
    let b_doc = docs
        .iter()
        .find(|d| d.path.contains("beta"))
        .expect("beta's note is a document of its own");
    let b_cards = cards_of(&lib, b_doc.id);
    assert_eq!(b_cards.len(), a_cards.len());
    assert!(b_cards.is_disjoint(&a_cards), "no card is shared");
    assert!(b_cards.iter().all(|id| ratings(&lib, id).is_empty()));

    // Importing both again changes nothing: each keeps the identity it was given.
    let again = import(&mut lib, &[&a, &b], &ImportOptions::default());
    assert_eq!(again.totals.unchanged, 2, "{again:#?}");
    assert_eq!(user_cards(&lib).len(), a_cards.len() * 2);
}

#[test]
fn a_front_matter_id_follows_the_note_anywhere_and_is_not_shared() {
    let tmp = tempfile::tempdir().unwrap();
    let noted = format!("---\nid: s3-classes\n---\n{S3}");
    write(tmp.path(), "one/s3.md", &noted);
    let mut lib = memory_library();
    import(
        &mut lib,
        &[&tmp.path().join("one")],
        &ImportOptions::default(),
    );
    let ids = user_cards(&lib);
    let card = ids.iter().next().unwrap().clone();
    lib.answer_card(&card, Rating::Easy, 2_000).unwrap();

    // Renamed and put in a deeper folder of a differently named root.
    std::fs::remove_dir_all(tmp.path().join("one")).unwrap();
    write(tmp.path(), "two/deeper/storage-classes.md", &noted);
    let report = import(
        &mut lib,
        &[&tmp.path().join("two")],
        &ImportOptions::default(),
    );
    assert_eq!(report.totals.failed, 0, "{report:#?}");
    assert_eq!(user_documents(&lib).len(), 1);
    assert_eq!(user_cards(&lib), ids);
    assert_eq!(ratings(&lib, &card), vec![Rating::Easy]);

    // A second, present file claiming the same id is refused, saying which file has it.
    write(tmp.path(), "three/copy.md", &noted);
    let clash = import(
        &mut lib,
        &[&tmp.path().join("three")],
        &ImportOptions::default(),
    );
    match &clash.files[0].outcome {
        FileOutcome::Failed { message } => {
            assert!(message.contains("s3-classes"), "{message}");
            assert!(message.contains("storage-classes.md"), "{message}");
        }
        other => panic!("expected a failure, got {other:?}"),
    }
    assert_eq!(user_documents(&lib).len(), 1);
}

#[test]
fn a_single_file_is_known_by_its_name() {
    let tmp = tempfile::tempdir().unwrap();
    write(tmp.path(), "here/iam.md", IAM);
    let mut lib = memory_library();
    import(
        &mut lib,
        &[&tmp.path().join("here/iam.md")],
        &ImportOptions::default(),
    );
    let ids = user_cards(&lib);
    let card = ids.iter().next().unwrap().clone();
    lib.answer_card(&card, Rating::Hard, 2_000).unwrap();

    // The same file imported later with its folder is the same document.
    let with_folder = import(
        &mut lib,
        &[&tmp.path().join("here")],
        &ImportOptions::default(),
    );
    assert_eq!(with_folder.totals.unchanged, 1, "{with_folder:#?}");

    // Moved to another folder and imported alone again: same cards, same history.
    std::fs::create_dir_all(tmp.path().join("there")).unwrap();
    std::fs::rename(
        tmp.path().join("here/iam.md"),
        tmp.path().join("there/iam.md"),
    )
    .unwrap();
    import(
        &mut lib,
        &[&tmp.path().join("there/iam.md")],
        &ImportOptions::default(),
    );
    assert_eq!(user_documents(&lib).len(), 1);
    assert_eq!(user_cards(&lib), ids);
    assert_eq!(ratings(&lib, &card), vec![Rating::Hard]);
}

#[test]
fn the_same_folder_on_two_computers_gives_the_same_card_ids() {
    let tmp = tempfile::tempdir().unwrap();
    write(&tmp.path().join("laptop/notes"), "aws/s3.md", S3);
    write(&tmp.path().join("desktop/study/aws-notes"), "aws/s3.md", S3);
    let mut laptop = memory_library();
    let mut desktop = memory_library();
    import(
        &mut laptop,
        &[&tmp.path().join("laptop/notes")],
        &ImportOptions::default(),
    );
    import(
        &mut desktop,
        &[&tmp.path().join("desktop/study/aws-notes")],
        &ImportOptions::default(),
    );
    let ids = user_cards(&laptop);
    assert!(!ids.is_empty());
    assert_eq!(ids, user_cards(&desktop));
}
