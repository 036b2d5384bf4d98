//! Finding the files to import under the paths a user gave: folders are walked recursively
//! (symlinks followed while they stay inside the folder, loops detected by walkdir; a link
//! pointing outside the folder is reported, not followed), hidden entries and other file types are
//! passed over silently, and every problem becomes an entry of the report instead of an error.
//! Each file is found with the folder it was found in (for a single file, its folder): its
//! path under that folder is its identity (decision 0011).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use super::{FileOutcome, SkipReason};
pub(crate) use crate::parse::keys::path_key;

/// Extensions read as notes, lower case.
pub(crate) const NOTE_EXTENSIONS: &[&str] = &["md", "markdown", "txt"];

/// One thing found by the walk.
#[derive(Debug)]
pub(crate) enum Found {
    /// A note file to read, by canonical path, with the canonical folder it was found under.
    File {
        path: PathBuf,
        size_bytes: u64,
        root: PathBuf,
    },
    /// A path that will not be read, with why.
    Problem { path: PathBuf, outcome: FileOutcome },
}

/// The walk's result: files and problems in a stable order, and the folders walked (for
/// pruning documents whose files are gone).
#[derive(Debug, Default)]
pub(crate) struct Walk {
    pub found: Vec<Found>,
    pub folders: Vec<PathBuf>,
}

pub(crate) fn has_note_extension(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| NOTE_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
}

pub(crate) fn is_markdown_name(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| matches!(e.to_ascii_lowercase().as_str(), "md" | "markdown"))
}

fn canonical(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
}

fn is_hidden(entry: &walkdir::DirEntry) -> bool {
    entry.depth() > 0
        && entry
            .file_name()
            .to_str()
            .is_some_and(|n| n.starts_with('.'))
}

/// Walks `roots` in order; a file reached twice is listed once.
pub(crate) fn walk(roots: &[PathBuf]) -> Walk {
    let mut out = Walk::default();
    let mut seen = BTreeSet::new();
    let mut push_file = |out: &mut Walk, path: PathBuf, size_bytes: u64, root: &Path| {
        if seen.insert(path.clone()) {
            out.found.push(Found::File {
                path,
                size_bytes,
                root: root.to_path_buf(),
            });
        }
    };
    for root in roots {
        let meta = match std::fs::metadata(root) {
            Ok(m) => m,
            Err(e) => {
                out.found.push(Found::Problem {
                    path: root.clone(),
                    outcome: FileOutcome::Failed {
                        message: e.to_string(),
                    },
                });
                continue;
            }
        };
        if !meta.is_file() && !meta.is_dir() {
            // A named pipe, socket or device given by name: reported, never opened.
            out.found.push(Found::Problem {
                path: root.clone(),
                outcome: FileOutcome::Skipped {
                    reason: SkipReason::UnsupportedType,
                    message: format!(
                        "{}, not a file or folder of notes",
                        crate::paths::describe_file_type(meta.file_type())
                    ),
                },
            });
            continue;
        }
        if meta.is_file() {
            if has_note_extension(root) {
                // A file given alone is identified by its name: its folder is its root.
                let path = canonical(root);
                let folder = path.parent().map(Path::to_path_buf).unwrap_or_default();
                push_file(&mut out, path, meta.len(), &folder);
            } else {
                out.found.push(Found::Problem {
                    path: root.clone(),
                    outcome: FileOutcome::Skipped {
                        reason: SkipReason::UnsupportedType,
                        message: "only .md, .markdown and .txt files are imported".into(),
                    },
                });
            }
            continue;
        }
        let root_canonical = canonical(root);
        out.folders.push(root_canonical.clone());
        // A folder of notes from elsewhere may link to `/etc` or a home directory; following
        // such a link would import files the user never chose.
        let mut outside = Vec::new();
        let walker = walkdir::WalkDir::new(root)
            .follow_links(true)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| {
                if is_hidden(e) {
                    return false;
                }
                // A dangling link has no target to judge; walkdir reports it as a failure.
                let is_outside = e.path_is_symlink()
                    && std::fs::canonicalize(e.path())
                        .is_ok_and(|target| !target.starts_with(&root_canonical));
                if is_outside {
                    outside.push(e.path().to_path_buf());
                    return false;
                }
                true
            });
        let mut entries = Vec::new();
        for entry in walker {
            entries.push(entry);
        }
        for path in outside {
            out.found.push(Found::Problem {
                path,
                outcome: FileOutcome::Skipped {
                    reason: SkipReason::OutsideFolder,
                    message: "symbolic link to a place outside the imported folder".into(),
                },
            });
        }
        for entry in entries {
            match entry {
                Ok(entry) => {
                    if entry.file_type().is_file() && has_note_extension(entry.path()) {
                        let size = entry.metadata().map(|m| m.len()).unwrap_or(0);
                        push_file(&mut out, canonical(entry.path()), size, &root_canonical);
                    }
                }
                Err(err) => {
                    let path = err
                        .path()
                        .map(Path::to_path_buf)
                        .unwrap_or_else(|| root.clone());
                    let outcome = if err.loop_ancestor().is_some() {
                        FileOutcome::Skipped {
                            reason: SkipReason::SymlinkLoop,
                            message: format!(
                                "symbolic link back into {}",
                                err.loop_ancestor().map(path_key).unwrap_or_default()
                            ),
                        }
                    } else {
                        FileOutcome::Failed {
                            message: err
                                .io_error()
                                .map(|e| e.to_string())
                                .unwrap_or_else(|| err.to_string()),
                        }
                    };
                    out.found.push(Found::Problem { path, outcome });
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    fn raw(bytes: &[u8]) -> PathBuf {
        use std::os::unix::ffi::OsStrExt;
        PathBuf::from(std::ffi::OsStr::from_bytes(bytes))
    }

    #[test]
    fn valid_names_are_their_own_key() {
        assert_eq!(
            path_key(Path::new("/notes/요금 안내.md")),
            "/notes/요금 안내.md"
        );
    }

    #[cfg(unix)]
    #[test]
    fn keys_keep_names_apart_that_differ_only_in_invalid_bytes() {
        let fe = path_key(&raw(b"/n/bad\xfe.md"));
        let ff = path_key(&raw(b"/n/bad\xff.md"));
        assert_eq!(fe, "/n/bad\u{FFFD}FE.md");
        assert_eq!(ff, "/n/bad\u{FFFD}FF.md");
        // A real replacement character is doubled, so no valid name takes an escaped one's key.
        let real = path_key(Path::new("/n/bad\u{FFFD}FE.md"));
        assert_eq!(real, "/n/bad\u{FFFD}\u{FFFD}FE.md");
        let mixed = path_key(&raw("/n/\u{FFFD}x\u{FFFD}"
            .as_bytes()
            .iter()
            .copied()
            .chain(*b"\xc3")
            .collect::<Vec<u8>>()
            .as_slice()));
        assert_eq!(mixed, "/n/\u{FFFD}\u{FFFD}x\u{FFFD}\u{FFFD}\u{FFFD}C3");
    }
}
