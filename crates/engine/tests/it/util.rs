//! Shared test fixtures: libraries in memory and the study notes of `tests/fixtures/notebook`.

use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

use stratus_engine::{ImportOptions, ImportReport, Library, LibraryOptions};

/// The folder of study notes written for the tests (see `tests/fixtures/README.md`).
pub fn notebook_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/notebook")
}

/// One note of the notebook folder, by file name.
pub fn notebook(name: &str) -> PathBuf {
    let path = notebook_dir().join(name);
    assert!(path.is_file(), "no fixture {}", path.display());
    path
}

/// The note files of the notebook folder (the ones import reads), sorted.
pub fn notebook_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(notebook_dir())
        .expect("the notebook fixtures folder")
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            matches!(
                p.extension().and_then(|e| e.to_str()),
                Some("md" | "markdown" | "txt")
            )
        })
        .collect();
    files.sort();
    files
}

/// Counts what a markdown note should turn into: ATX headings outside fenced code (a `#`
/// line inside a fence is code), whether text comes before the first heading (a preamble
/// section), and the headings of tables of contents (a heading whose list holds only links
/// to anchors of the same file, dropped on import).
pub struct MarkdownShape {
    pub headings: usize,
    pub fenced_hash_lines: usize,
    pub has_preamble: bool,
    pub tables_of_contents: usize,
}

impl MarkdownShape {
    pub fn of(text: &str) -> Self {
        let mut shape = MarkdownShape {
            headings: 0,
            fenced_hash_lines: 0,
            has_preamble: false,
            tables_of_contents: 0,
        };
        let mut fence: Option<&str> = None;
        let mut in_front_matter = text.starts_with("---\n");
        // The body lines of the current heading, to recognise a table of contents.
        let mut body: Vec<&str> = Vec::new();
        let mut seen_heading = false;
        for (i, line) in text.lines().enumerate() {
            if in_front_matter {
                if i > 0 && line == "---" {
                    in_front_matter = false;
                }
                continue;
            }
            let trimmed = line.trim_start();
            if let Some(marker) = fence {
                if trimmed.starts_with(marker) {
                    fence = None;
                } else if trimmed.starts_with('#') {
                    shape.fenced_hash_lines += 1;
                }
                body.push("code");
                continue;
            }
            if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
                fence = Some(&trimmed[..3]);
                body.push("code");
                continue;
            }
            if is_atx_heading(line) {
                if seen_heading && is_table_of_contents(&body) {
                    shape.tables_of_contents += 1;
                }
                seen_heading = true;
                shape.headings += 1;
                body.clear();
            } else if seen_heading {
                body.push(line);
            } else if !line.trim().is_empty() {
                shape.has_preamble = true;
            }
        }
        if seen_heading && is_table_of_contents(&body) {
            shape.tables_of_contents += 1;
        }
        shape
    }

    /// The sections import should make of the note.
    pub fn sections(&self) -> usize {
        self.headings - self.tables_of_contents + usize::from(self.has_preamble)
    }
}

/// `# Title` to `###### Title`, at most three spaces in (CommonMark).
fn is_atx_heading(line: &str) -> bool {
    let indent = line.len() - line.trim_start_matches(' ').len();
    let rest = &line[indent..];
    let hashes = rest.chars().take_while(|&c| c == '#').count();
    indent <= 3
        && (1..=6).contains(&hashes)
        && rest[hashes..]
            .chars()
            .next()
            .is_none_or(|c| c == ' ' || c == '\t')
}

/// A heading's own lines that are only a list of links to anchors (two or more).
fn is_table_of_contents(body: &[&str]) -> bool {
    let lines: Vec<&str> = body
        .iter()
        .map(|l| l.trim())
        .filter(|l| !l.is_empty())
        .collect();
    lines.len() >= 2 && lines.iter().all(|l| is_anchor_link_item(l))
}

/// `- [label](#anchor)`: a list item that is only a link to an anchor.
fn is_anchor_link_item(line: &str) -> bool {
    let Some(item) = line.strip_prefix("- ").or_else(|| line.strip_prefix("* ")) else {
        return false;
    };
    item.starts_with('[')
        && item.ends_with(')')
        && item.contains("](#")
        && item.matches("](").count() == 1
}

pub fn memory_library() -> Library {
    Library::open_in_memory(LibraryOptions::default()).unwrap()
}

pub fn import(lib: &mut Library, paths: &[&Path], options: &ImportOptions) -> ImportReport {
    lib.import_paths(paths, options, &mut |_| {}, &AtomicBool::new(false))
        .unwrap()
}
