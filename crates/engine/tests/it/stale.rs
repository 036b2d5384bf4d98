//! The staleness guard end to end: an old summary (tests/fixtures/notebook/exam-summary-2021.md,
//! whose README lists the claims that are no longer true) raises warnings in the import report,
//! the lint report and the section view; its cards carry them and start suspended.

use stratus_engine::{CardFilter, CardStatus, ImportOptions, SearchQuery};

use crate::util::{import, memory_library, notebook};

/// Every outdated claim the fixture README lists, by entry of the list.
const EXPECTED: &[&str] = &[
    "gp3-max-iops",
    "gp3-max-throughput",
    "spot-blocks",
    "scheduled-ri",
    "s3-eventual-consistency",
    "cloudwatch-events",
    "kinesis-data-firehose",
    "elasticsearch-service",
    "firehose-buffer-60s",
    "aws-sso",
    "public-ipv4-free",
    "rds-read-replicas-5",
    "s3-buckets-100",
];

#[test]
fn an_old_summary_raises_every_expected_warning_and_its_cards_start_suspended() {
    let path = notebook("exam-summary-2021.md");
    let mut lib = memory_library();
    let lint = lib.lint_cards(&[&path]).unwrap();
    let file = &lint.files[0];
    for entry in EXPECTED {
        assert!(
            file.stale.iter().any(|w| w.entry == *entry),
            "lint: no {entry} in {:?}",
            file.stale.iter().map(|w| &w.entry).collect::<Vec<_>>()
        );
    }
    // gp3's base performance (3,000 IOPS, 125 MB/s) is current: that line is not flagged.
    let base_line = std::fs::read_to_string(&path)
        .unwrap()
        .lines()
        .position(|l| l.contains("3,000 IOPS"))
        .unwrap() as u32
        + 1;
    assert!(file.stale.iter().all(|w| w.line != base_line));
    assert!(lint.stale_count as usize >= EXPECTED.len());

    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("exam-summary-2021.md");
    std::fs::copy(&path, &copy).unwrap();
    let report = import(&mut lib, &[&copy], &ImportOptions::default());
    let warnings = &report.files[0].warnings;
    for entry in EXPECTED {
        assert!(
            warnings
                .iter()
                .any(|w| w.starts_with("line ") && w.contains(&format!("outdated ({entry})"))),
            "import report: no {entry} in {warnings:?}"
        );
    }

    let all = CardFilter {
        include_suspended: true,
        ..CardFilter::default()
    };
    let cards = lib.list_cards(&all).unwrap();
    let stale: Vec<_> = cards.iter().filter(|c| !c.stale.is_empty()).collect();
    assert!(!stale.is_empty());
    for card in &stale {
        assert_eq!(card.status, CardStatus::Suspended, "{}", card.prompt);
        assert!(card.stale.iter().all(|w| !w.source.is_empty()));
    }
    assert!(
        cards
            .iter()
            .filter(|c| c.stale.is_empty())
            .all(|c| c.status == CardStatus::Active)
    );
    let gp3 = stale
        .iter()
        .find(|c| c.prompt.contains("gp3") && c.answer == "16,000")
        .expect("the gp3 IOPS card");
    assert!(gp3.stale.iter().any(|w| w.current.contains("80,000")));

    // The learner may study it anyway; a re-import keeps that choice.
    let id = gp3.id.clone();
    assert_eq!(lib.unsuspend_card(&id).unwrap().status, CardStatus::Active);
    let mut changed = std::fs::read_to_string(&copy).unwrap();
    changed.push_str("\n- 추가한 줄 하나\n");
    std::fs::write(&copy, &changed).unwrap();
    import(&mut lib, &[&copy], &ImportOptions::default());
    let again = lib.list_cards(&all).unwrap();
    for card in again.iter().filter(|c| !c.stale.is_empty()) {
        let expected = if card.id == id {
            CardStatus::Active
        } else {
            CardStatus::Suspended
        };
        assert_eq!(card.status, expected, "{}", card.prompt);
    }

    // The section view shows the warnings of its lines.
    let hit = lib
        .search(&SearchQuery::new("스팟 블록"))
        .unwrap()
        .hits
        .into_iter()
        .next()
        .expect("the Spot blocks section");
    let view = lib.open_section(hit.section_id).unwrap();
    assert!(view.stale.iter().any(|w| w.entry == "spot-blocks"));
}

#[test]
fn a_note_that_states_the_change_raises_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("current.md");
    std::fs::write(
        &path,
        "# 요약\n\n## EC2\n\n- 스팟 블록은 더 이상 제공되지 않는다.\n- 스팟에는 입찰은 없다.\n\
         - AWS SSO는 IAM Identity Center로 이름이 바뀌었다.\n\n## EBS\n\n\
         | 볼륨 | 최대 IOPS |\n|---|---|\n| gp3 | 80,000 |\n\n\
         Spot blocks are no longer available.\n",
    )
    .unwrap();
    let mut lib = memory_library();
    assert_eq!(lib.lint_cards(&[&path]).unwrap().stale_count, 0);
    let report = import(&mut lib, &[&path], &ImportOptions::default());
    assert!(
        report.files[0]
            .warnings
            .iter()
            .all(|w| !w.contains("outdated")),
        "{:?}",
        report.files[0].warnings
    );
}

#[test]
fn the_built_in_course_has_no_outdated_card() {
    let mut lib = memory_library();
    lib.sync_builtin().unwrap();
    let cards = lib
        .list_cards(&CardFilter {
            include_suspended: true,
            ..CardFilter::default()
        })
        .unwrap();
    assert!(!cards.is_empty());
    assert!(cards.iter().all(|c| c.stale.is_empty()));
    assert!(cards.iter().all(|c| c.status == CardStatus::Active));
}
