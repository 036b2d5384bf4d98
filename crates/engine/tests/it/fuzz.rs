//! Inputs the fuzz targets in `fuzz/` found failing, kept as regression tests. Each checks
//! the invariant its target asserts, through the public API where one reaches it.

use stratus_engine::{Library, LibraryOptions, fuzzing};

/// Lines of `text` as the engine counts them: `\r\n`, `\r` and `\n` each end a line.
fn line_count(text: &str) -> u32 {
    text.replace("\r\n", "\n").split(['\n', '\r']).count() as u32
}

/// Lints `text` as the note `name` with `stratus cards lint`'s engine call and checks that
/// every card and every skipped item points at a line of the file. Returns the lines.
fn lint_lines(name: &str, text: &str) -> Vec<u32> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, text).unwrap();
    let library = Library::open_in_memory(LibraryOptions::default()).unwrap();
    let report = library.lint_cards(&[&path]).unwrap();
    let lines: Vec<u32> = report.files[0]
        .cards
        .iter()
        .map(|c| c.line)
        .chain(report.files[0].skipped.iter().map(|s| s.line))
        .collect();
    let count = line_count(text);
    assert!(
        lines.iter().all(|l| (1..=count).contains(l)),
        "{name}: lines {lines:?} outside 1..={count}: {report:?}"
    );
    lines
}

fn section_lines(text: &str, is_markdown_name: bool) -> Vec<(u32, u32)> {
    fuzzing::sections(text, is_markdown_name)
        .iter()
        .map(|s| (s.line_start, s.line_end))
        .collect()
}

/// cards target, minimized: a lone `\r` ended a line for the markdown parser that reads
/// sentences, but not for the line numbers, so a card's line was past the end of the file.
#[test]
fn a_lone_carriage_return_ends_a_line_for_cards_and_sections_alike() {
    assert_eq!(lint_lines("crash.txt", "r\r. 3번"), [2]);
    assert_eq!(section_lines("r\r. 3번", false), [(1, 2)]);

    // A whole note with classic Mac OS line endings reads like one with `\n`.
    let mac = "# EC2\r\rSpot Instances are reclaimed with a 2 minute notice.\r";
    let unix = mac.replace('\r', "\n");
    assert_eq!(lint_lines("mac.md", mac), lint_lines("unix.md", &unix));
    assert_eq!(lint_lines("mac.md", mac), [3]);
    assert_eq!(section_lines(mac, true), section_lines(&unix, true));
    assert_eq!(section_lines(mac, false), section_lines(&unix, false));
}
