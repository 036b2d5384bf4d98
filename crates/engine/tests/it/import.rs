//! Importing study notes: sections, tags, incremental re-import, pruning, bad input,
//! progress and cancellation.

use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};

use stratus_engine::{FileOutcome, ImportOptions, Library, SearchQuery, SkipReason};

use crate::util::{MarkdownShape, import, memory_library, notebook, notebook_dir, notebook_files};

fn outcome_of<'a>(report: &'a stratus_engine::ImportReport, name: &str) -> &'a FileOutcome {
    &report
        .files
        .iter()
        .find(|f| f.path.ends_with(name))
        .unwrap_or_else(|| panic!("{name} not in report: {report:?}"))
        .outcome
}

fn palette_labels(lib: &Library) -> Vec<String> {
    lib.palette("", 500)
        .unwrap()
        .into_iter()
        .map(|h| h.label)
        .collect()
}

fn document(lib: &Library, file_name: &str) -> stratus_engine::DocumentSummary {
    lib.documents()
        .unwrap()
        .into_iter()
        .find(|d| d.path.ends_with(file_name))
        .unwrap_or_else(|| panic!("{file_name} not imported"))
}

const NOTEBOOK: &str = "aws-exam-notebook.md";

#[test]
fn notebook_imports_into_sections_with_paths_tags_and_lines() {
    let mut lib = memory_library();
    let files = notebook_files();
    let report = import(&mut lib, &[&notebook_dir()], &ImportOptions::default());
    assert_eq!(report.totals.imported as usize, files.len(), "{report:#?}");
    assert_eq!(report.totals.failed + report.totals.skipped, 0);
    // Only the deliberately outdated summary warns, about its outdated claims (tests/it/stale.rs).
    assert!(
        report
            .files
            .iter()
            .filter(|f| !f.path.ends_with("exam-summary-2021.md"))
            .all(|f| f.warnings.is_empty()),
        "{report:#?}"
    );

    // A markdown note has a section per heading outside fenced code, less its table of
    // contents, plus one for the text before its first heading.
    let mut markdown_notes = 0;
    for path in &files {
        let name = path.file_name().unwrap().to_str().unwrap();
        if !name.ends_with(".md") {
            continue;
        }
        markdown_notes += 1;
        let shape = MarkdownShape::of(&std::fs::read_to_string(path).unwrap());
        let doc = document(&lib, name);
        assert_eq!(doc.section_count as usize, shape.sections(), "{name}");
    }
    assert!(markdown_notes >= 3);
    let shape = MarkdownShape::of(&std::fs::read_to_string(notebook(NOTEBOOK)).unwrap());
    assert!(
        shape.headings >= 80,
        "the notebook is long: {} headings",
        shape.headings
    );
    assert_eq!(shape.tables_of_contents, 1);
    assert!(shape.has_preamble && shape.fenced_hash_lines > 0);

    let labels = palette_labels(&lib);
    assert!(!labels.iter().any(|l| l.contains("목차")), "TOC dropped");
    assert!(
        labels.iter().any(|l| l == "aws-exam-notebook"),
        "the text before the first heading is a section named after the file"
    );

    let reserved = lib
        .search(&SearchQuery::new("Reserved Instances"))
        .unwrap()
        .hits
        .into_iter()
        .find(|h| h.heading == "Reserved Instances" && h.document.path.ends_with(NOTEBOOK))
        .expect("the Reserved Instances section");
    assert_eq!(
        reserved.heading_path,
        ["EC2", "EC2 구매 옵션", "Reserved Instances"],
        "exam tags and emphasis are stripped from headings"
    );
    assert_eq!(
        reserved.exams,
        ["CLF", "DVA", "SAA"],
        "inherited from [CCP/SAA/DVA]"
    );
    let view = lib.open_section(reserved.section_id).unwrap();
    let source = std::fs::read_to_string(notebook(NOTEBOOK)).unwrap();
    let first_line = source.lines().nth(view.line_start as usize - 1).unwrap();
    assert!(first_line.contains("Reserved Instances"), "{first_line}");

    // An exam tag inside a bold heading is read too, and reaches the headings below it.
    let spread = lib
        .search(&SearchQuery::new("Spread Placement Group"))
        .unwrap()
        .hits
        .into_iter()
        .find(|h| h.heading == "Spread Placement Group" && h.document.path.ends_with(NOTEBOOK))
        .expect("the Spread Placement Group section");
    assert_eq!(
        spread.heading_path,
        [
            "EC2",
            "배치 그룹 (Placement Groups)",
            "Spread Placement Group"
        ]
    );
    assert_eq!(spread.exams, ["SAA", "SOA"]);

    // Plain-text notes are split into titled sections, not one block per file; page
    // furniture (728x90, share and subscribe lines) and list items are not titles.
    for (name, titles) in [
        (
            "blog-iam-organizations.txt",
            &[
                "AWS Organizations",
                "서비스 제어 정책 (SCP)",
                "STS와 임시 자격 증명",
            ][..],
        ),
        (
            "blog-vpc-network.txt",
            &[
                "NAT Gateway와 NAT Instance 비교",
                "보안 그룹 vs 네트워크 ACL",
                "VPC Flow Logs",
            ][..],
        ),
        (
            "slides-serverless-patterns.txt",
            &[
                "Lambda 호출 방식 세 가지",
                "Step Functions로 흐름 제어",
                "Transcript",
            ][..],
        ),
    ] {
        let doc = document(&lib, name);
        assert!(doc.section_count >= 8, "{doc:?}");
        let headings: Vec<String> = lib
            .palette("", 500)
            .unwrap()
            .into_iter()
            .filter(|h| h.document_title == doc.title)
            .map(|h| h.heading_path.last().cloned().unwrap_or_default())
            .collect();
        for title in titles {
            assert!(
                headings.iter().any(|h| h == title),
                "{name}: {title} in {headings:?}"
            );
        }
        for h in &headings {
            assert!(
                !h.starts_with(['•', '-', '*']) && !h.ends_with('.') && h != "728x90",
                "{name}: {h:?} is not a title"
            );
        }
    }
}

#[test]
fn code_lines_starting_with_hash_are_not_headings() {
    let mut lib = memory_library();
    import(&mut lib, &[&notebook(NOTEBOOK)], &ImportOptions::default());
    // Every heading in the palette is one of the file's real ATX headings (or the text
    // before the first of them); none is a comment line of fenced code.
    let source = std::fs::read_to_string(notebook(NOTEBOOK)).unwrap();
    let shape = MarkdownShape::of(&source);
    assert!(
        shape.fenced_hash_lines > 0,
        "the notebook has # lines inside code"
    );
    let labels = palette_labels(&lib);
    assert_eq!(labels.len(), shape.sections());
    let mut in_fence = false;
    for line in source.lines() {
        if line.trim_start().starts_with("```") {
            in_fence = !in_fence;
        } else if in_fence && line.trim_start().starts_with("# ") {
            let comment = line.trim_start().trim_start_matches("# ");
            assert!(
                !labels.iter().any(|l| l.ends_with(comment)),
                "{comment:?} became a heading"
            );
        }
    }
}

#[test]
fn reimport_skips_unchanged_and_replaces_changed_files_keeping_other_sections() {
    let dir = tempfile::tempdir().unwrap();
    let note = dir.path().join("note.md");
    std::fs::write(&note, "# A\nalpha text\n# B\nbeta text\n# C\ngamma text\n").unwrap();
    let mut lib = memory_library();
    import(&mut lib, &[dir.path()], &ImportOptions::default());
    let id_of =
        |lib: &Library, q: &str| lib.search(&SearchQuery::new(q)).unwrap().hits[0].section_id;
    let (a, c) = (id_of(&lib, "alpha"), id_of(&lib, "gamma"));

    let again = import(&mut lib, &[dir.path()], &ImportOptions::default());
    assert_eq!(outcome_of(&again, "note.md"), &FileOutcome::Unchanged);

    std::fs::write(
        &note,
        "# New\nintro\n# A\nalpha text\n# B\nbeta changed\n# C\ngamma text\n",
    )
    .unwrap();
    let changed = import(&mut lib, &[dir.path()], &ImportOptions::default());
    assert!(matches!(
        outcome_of(&changed, "note.md"),
        FileOutcome::Imported {
            is_update: true,
            section_count: 4,
            ..
        }
    ));
    assert_eq!(id_of(&lib, "alpha"), a, "untouched section keeps its id");
    assert_eq!(id_of(&lib, "gamma"), c);
    assert!(
        lib.search(&SearchQuery::new("beta changed"))
            .unwrap()
            .hits
            .len()
            == 1
    );
    assert!(
        lib.search(&SearchQuery::new("\"beta text\""))
            .unwrap()
            .hits
            .is_empty(),
        "old text is gone from the index"
    );
    assert_eq!(lib.counts().unwrap().sections, 4);
}

#[test]
fn removed_files_are_pruned_only_when_asked() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.md"), "# A\nkeep\n").unwrap();
    std::fs::write(dir.path().join("b.txt"), "B title\nremove me\n").unwrap();
    let mut lib = memory_library();
    import(&mut lib, &[dir.path()], &ImportOptions::default());
    std::fs::remove_file(dir.path().join("b.txt")).unwrap();
    import(&mut lib, &[dir.path()], &ImportOptions::default());
    assert_eq!(lib.counts().unwrap().documents, 2, "no prune by default");
    let options = ImportOptions {
        prune: true,
        ..ImportOptions::default()
    };
    let report = import(&mut lib, &[dir.path()], &options);
    assert_eq!(report.totals.pruned, 1);
    assert_eq!(outcome_of(&report, "b.txt"), &FileOutcome::Pruned);
    assert_eq!(lib.counts().unwrap().documents, 1);
    assert!(
        lib.search(&SearchQuery::new("remove"))
            .unwrap()
            .hits
            .is_empty()
    );
}

#[test]
fn bad_input_is_reported_per_file_and_never_stops_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    std::fs::write(p.join("good.md"), "# Good\nfine text\n").unwrap();
    std::fs::write(p.join("binary.txt"), b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap();
    std::fs::write(p.join("empty.md"), "").unwrap();
    std::fs::write(
        p.join("latin1.txt"),
        b"Caf\xe9 notes\nsome text about caf\xe9s\n",
    )
    .unwrap();
    std::fs::write(p.join("big.md"), "# Big\n".to_string() + &"x".repeat(2000)).unwrap();
    std::fs::write(p.join("image.png"), b"\x89PNG").unwrap();
    std::os::unix::fs::symlink(p.join("missing.md"), p.join("dangling.md")).unwrap();
    std::fs::create_dir(p.join("sub")).unwrap();
    std::os::unix::fs::symlink(p, p.join("sub/loop")).unwrap();

    let mut lib = memory_library();
    let options = ImportOptions {
        max_file_bytes: 1000,
        ..ImportOptions::default()
    };
    let report = import(&mut lib, &[p, &p.join("nope")], &options);

    assert!(matches!(
        outcome_of(&report, "good.md"),
        FileOutcome::Imported { .. }
    ));
    let skipped = |name: &str| match outcome_of(&report, name) {
        FileOutcome::Skipped { reason, .. } => *reason,
        other => panic!("{name}: {other:?}"),
    };
    assert_eq!(skipped("binary.txt"), SkipReason::Binary);
    assert_eq!(skipped("empty.md"), SkipReason::Empty);
    assert_eq!(skipped("big.md"), SkipReason::TooLarge);
    assert_eq!(skipped("loop"), SkipReason::SymlinkLoop);
    assert!(matches!(
        outcome_of(&report, "dangling.md"),
        FileOutcome::Failed { .. }
    ));
    assert!(matches!(
        outcome_of(&report, "nope"),
        FileOutcome::Failed { .. }
    ));
    assert!(
        !report.files.iter().any(|f| f.path.ends_with(".png")),
        "other types are passed over"
    );
    let latin1 = report
        .files
        .iter()
        .find(|f| f.path.ends_with("latin1.txt"))
        .unwrap();
    assert!(matches!(latin1.outcome, FileOutcome::Imported { .. }));
    assert!(
        latin1.warnings[0].contains("UTF-8"),
        "{:?}",
        latin1.warnings
    );
    assert_eq!(lib.counts().unwrap().documents, 2);
}

#[test]
fn progress_is_reported_and_cancel_stops_between_whole_files() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..5 {
        std::fs::write(
            dir.path().join(format!("{i}.md")),
            format!("# Note {i}\ntext {i}\n"),
        )
        .unwrap();
    }
    let mut lib = memory_library();
    let cancel = AtomicBool::new(false);
    let mut seen = Vec::new();
    let report = lib
        .import_paths(
            &[dir.path()],
            &ImportOptions::default(),
            &mut |p| {
                seen.push(p.clone());
                if p.files_done == 2 {
                    cancel.store(true, Ordering::Relaxed);
                }
            },
            &cancel,
        )
        .unwrap();
    assert!(report.is_cancelled);
    assert_eq!(
        report.totals.imported, 3,
        "the file in progress finishes, then it stops"
    );
    assert_eq!(lib.counts().unwrap().documents, 3);
    assert_eq!(seen[0].files_total, 5);
    assert!(seen[0].current_path.ends_with("0.md"));
    assert_eq!(
        seen.last().unwrap().current_path,
        "",
        "a final message ends the import"
    );
    // Every stored document is complete: each has its one section.
    for doc in lib.documents().unwrap() {
        assert_eq!(doc.section_count, 1);
    }
}

#[test]
fn a_file_given_directly_is_imported_and_other_types_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let note = dir.path().join("n.markdown");
    std::fs::write(&note, "# N\nnote\n").unwrap();
    let csv = dir.path().join("x.csv");
    std::fs::write(&csv, "a,b").unwrap();
    let mut lib = memory_library();
    let report = import(
        &mut lib,
        &[&note, Path::new(&csv)],
        &ImportOptions::default(),
    );
    assert_eq!(report.totals.imported, 1);
    assert!(matches!(
        outcome_of(&report, "x.csv"),
        FileOutcome::Skipped {
            reason: SkipReason::UnsupportedType,
            ..
        }
    ));
}

/// File names that are not UTF-8 used to be stored in their lossy display form, so two of
/// them that read alike were one document (issue #22, item 8). Both are parsed before either
/// is written; each is now its own document under a lossless name.
#[cfg(unix)]
#[test]
fn two_file_names_shown_alike_import_as_two_documents() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().unwrap();
    for (byte, text) in [
        (0xFE, "# First\nfirst text\n"),
        (0xFF, "# Second\nsecond text\n"),
    ] {
        let name = [b'n', byte, b'.', b'm', b'd'];
        let name = std::ffi::OsStr::from_bytes(&name);
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    let mut lib = memory_library();
    let report = import(&mut lib, &[dir.path()], &ImportOptions::default());
    assert_eq!(report.totals.failed, 0, "{report:?}");
    assert_eq!(report.totals.imported, 2, "{report:?}");
    assert_eq!(report.totals.updated, 0, "{report:?}");
    assert_eq!(lib.documents().unwrap().len(), 2);
}
