//! Documents of the library: renaming one, and the card count in the list.

use stratus_engine::{CardFilter, Error, ImportOptions, Library};

use crate::util::{import, memory_library, notebook};

fn blog(lib: &Library) -> stratus_engine::DocumentSummary {
    lib.documents()
        .unwrap()
        .into_iter()
        .find(|d| d.path.ends_with("blog.txt"))
        .expect("the blog is imported")
}

#[test]
fn a_renamed_document_keeps_its_title_across_reimports() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("blog.txt");
    let text = std::fs::read_to_string(notebook("blog-iam-organizations.txt")).unwrap();
    std::fs::write(&file, &text).unwrap();
    let mut lib = memory_library();
    import(&mut lib, &[dir.path()], &ImportOptions::default());
    let before = blog(&lib);
    assert_eq!(before.title, "AWS 공부 기록 - 멀티 계정과 권한 관리");

    let renamed = lib
        .rename_document(before.id, "  멀티 계정   정리 ")
        .unwrap();
    assert_eq!(renamed.title, "멀티 계정 정리");
    assert_eq!(blog(&lib).title, "멀티 계정 정리");

    // The file changes and is imported again: the document keeps the learner's title.
    std::fs::write(&file, format!("{text}\n\n추가 메모\n\n새 내용을 적었다.\n")).unwrap();
    let report = import(&mut lib, &[dir.path()], &ImportOptions::default());
    assert_eq!(report.totals.updated, 1, "{report:#?}");
    assert_eq!(blog(&lib).title, "멀티 계정 정리");
    assert_eq!(blog(&lib).id, before.id);

    // Renaming again replaces the title.
    lib.rename_document(before.id, "Organizations").unwrap();
    assert_eq!(blog(&lib).title, "Organizations");
}

#[test]
fn renaming_refuses_bad_titles_and_unknown_documents() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("blog.txt"),
        "IAM\n\nIAM은 권한을 관리한다.\n",
    )
    .unwrap();
    let mut lib = memory_library();
    import(&mut lib, &[dir.path()], &ImportOptions::default());
    let doc = blog(&lib);
    for bad in ["", "   ", &"가".repeat(201)] {
        let err = lib.rename_document(doc.id, bad).unwrap_err();
        assert!(matches!(err, Error::InvalidInput(_)), "{err:?}");
    }
    assert_eq!(blog(&lib).title, doc.title, "nothing changed");
    let missing = stratus_engine::DocumentId(999_999);
    assert!(matches!(
        lib.rename_document(missing, "x"),
        Err(Error::NotFound { .. })
    ));
}

#[test]
fn the_document_list_counts_each_documents_cards() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("blog.txt"),
        std::fs::read_to_string(notebook("blog-iam-organizations.txt")).unwrap(),
    )
    .unwrap();
    let mut lib = memory_library();
    import(&mut lib, &[dir.path()], &ImportOptions::default());
    let doc = blog(&lib);
    let cards = lib
        .list_cards(&CardFilter {
            document_id: Some(doc.id),
            include_suspended: true,
            limit: Some(10_000),
            ..Default::default()
        })
        .unwrap();
    assert!(doc.card_count >= 10, "{}", doc.card_count);
    assert_eq!(doc.card_count as usize, cards.len());
    // A suspended card still counts; it is the learner's to unsuspend.
    lib.suspend_card(&cards[0].id).unwrap();
    assert_eq!(blog(&lib).card_count, doc.card_count);
}
