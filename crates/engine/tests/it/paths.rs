//! Paths stay where they belong: a symbolic link inside an imported folder that points
//! outside it is reported and not followed; links within the folder still work.

use std::os::unix::fs::symlink;

use stratus_engine::{FileOutcome, ImportOptions, SkipReason};

#[test]
fn symlinks_out_of_an_imported_folder_are_not_followed() {
    let dir = tempfile::tempdir().unwrap();
    let notes = dir.path().join("notes");
    let secret = dir.path().join("private");
    std::fs::create_dir_all(notes.join("sub")).unwrap();
    std::fs::create_dir_all(&secret).unwrap();
    std::fs::write(notes.join("a.md"), "# A\n\ntext a\n").unwrap();
    std::fs::write(notes.join("sub/b.md"), "# B\n\ntext b\n").unwrap();
    std::fs::write(secret.join("secret.md"), "# Secret\n\nkey\n").unwrap();
    std::fs::write(dir.path().join("outside.md"), "# Outside\n\nx\n").unwrap();
    symlink(&secret, notes.join("escape")).unwrap();
    symlink(dir.path().join("outside.md"), notes.join("file-escape.md")).unwrap();
    symlink("../private", notes.join("relative-escape")).unwrap();
    symlink(notes.join("sub"), notes.join("inner")).unwrap();

    let mut lib = crate::util::memory_library();
    let report = crate::util::import(&mut lib, &[notes.as_path()], &ImportOptions::default());
    let imported: Vec<&str> = report
        .files
        .iter()
        .filter(|f| matches!(f.outcome, FileOutcome::Imported { .. }))
        .map(|f| f.path.as_str())
        .collect();
    assert_eq!(imported.len(), 2, "{imported:?}");
    assert!(
        imported
            .iter()
            .all(|p| !p.contains("private") && !p.contains("outside"))
    );
    for name in ["escape", "file-escape.md", "relative-escape"] {
        let file = report
            .files
            .iter()
            .find(|f| f.path.ends_with(name))
            .unwrap_or_else(|| panic!("{name} is reported"));
        assert!(
            matches!(
                file.outcome,
                FileOutcome::Skipped {
                    reason: SkipReason::OutsideFolder,
                    ..
                }
            ),
            "{name}: {:?}",
            file.outcome
        );
    }
}
