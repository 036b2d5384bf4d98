//! Backups: made once a day on open and before every upgrade, pruned to the kept number,
//! and restored only from a file that validates, after backing up the current library.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::{DateTime, Utc};
use rusqlite::Connection;
use stratus_engine::{
    BackupReason, BackupSettings, ErrorKind, FixedClock, ImportOptions, Library, LibraryOptions,
    SCHEMA_VERSION, validate_backup,
};

fn at(day: u32) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(&format!("2026-03-{day:02}T09:00:00Z"))
        .unwrap()
        .with_timezone(&Utc)
}

fn open_on(path: &Path, day: u32) -> Library {
    let options = LibraryOptions {
        clock: Arc::new(FixedClock::new(at(day))),
        ..LibraryOptions::default()
    };
    Library::open(path, options).unwrap()
}

/// A note folder with `n` files, each one document.
fn notes(dir: &Path, n: usize) -> PathBuf {
    let folder = dir.join(format!("notes{n}"));
    std::fs::create_dir_all(&folder).unwrap();
    for i in 0..n {
        std::fs::write(
            folder.join(format!("n{i}.md")),
            format!("# Note {i}\n\nS3 text {i}.\n"),
        )
        .unwrap();
    }
    folder
}

fn import(lib: &mut Library, folder: &Path) {
    crate::util::import(lib, &[folder], &ImportOptions::default());
}

fn reasons(lib: &Library) -> Vec<BackupReason> {
    lib.list_backups()
        .unwrap()
        .iter()
        .map(|b| b.reason)
        .collect()
}

#[test]
fn first_open_of_a_day_backs_up_once_and_old_backups_are_pruned() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("stratus.sqlite3");
    let mut lib = open_on(&db, 1);
    assert!(
        reasons(&lib).is_empty(),
        "a new library has nothing to save"
    );
    import(&mut lib, &notes(dir.path(), 1));
    drop(lib);

    let lib = open_on(&db, 1);
    assert_eq!(reasons(&lib), [BackupReason::Daily]);
    drop(lib);
    let mut lib = open_on(&db, 1);
    assert_eq!(reasons(&lib).len(), 1, "one daily backup per day");
    lib.set_backup_settings(BackupSettings { keep: 2 }).unwrap();
    assert_eq!(
        lib.set_backup_settings(BackupSettings { keep: 0 })
            .unwrap_err()
            .kind(),
        ErrorKind::InvalidInput
    );
    drop(lib);
    for day in 2..=4 {
        drop(open_on(&db, day));
    }
    let lib = open_on(&db, 4);
    let backups = lib.list_backups().unwrap();
    assert_eq!(backups.len(), 2, "{backups:?}");
    assert!(
        backups[0].created_at.starts_with("2026-03-04"),
        "newest first"
    );
    assert!(backups[1].created_at.starts_with("2026-03-03"));
    for b in &backups {
        assert_eq!(b.schema_version, SCHEMA_VERSION);
        assert!(b.size_bytes > 0.0);
        assert!(Path::new(&b.path).starts_with(dir.path().join("backups")));
        assert_eq!(validate_backup(Path::new(&b.path)).unwrap(), SCHEMA_VERSION);
    }
    assert!(lib.backup_error().is_none());
}

#[test]
fn restore_brings_back_the_backup_and_keeps_the_replaced_library() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("stratus.sqlite3");
    let mut lib = open_on(&db, 1);
    import(&mut lib, &notes(dir.path(), 1));
    let saved = lib.backup_now().unwrap();
    assert_eq!(saved.reason, BackupReason::Manual);
    import(&mut lib, &notes(dir.path(), 3));
    assert_eq!(lib.counts().unwrap().documents, 4);

    let report = lib.restore_backup(&saved.file_name).unwrap();
    assert_eq!(report.counts.documents, 1);
    assert_eq!(lib.counts().unwrap().documents, 1);
    assert_eq!(report.previous.reason, BackupReason::Restore);
    // The replaced library is kept whole, and the library works after the restore.
    let previous = Connection::open(&report.previous.path).unwrap();
    let documents: u32 = previous
        .query_row("SELECT count(*) FROM documents", [], |r| r.get(0))
        .unwrap();
    assert_eq!(documents, 4);
    import(&mut lib, &notes(dir.path(), 2));
    drop(lib);
    let lib = open_on(&db, 1);
    assert_eq!(lib.counts().unwrap().documents, 3);
    let check: String = Connection::open(&db)
        .unwrap()
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok");
}

#[test]
fn restore_refuses_bad_files_and_leaves_the_library_alone() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("stratus.sqlite3");
    let mut lib = open_on(&db, 1);
    import(&mut lib, &notes(dir.path(), 2));
    let good = lib.backup_now().unwrap();

    let newer = dir.path().join("newer.sqlite3");
    std::fs::copy(&good.path, &newer).unwrap();
    Connection::open(&newer)
        .unwrap()
        .execute_batch(&format!("PRAGMA user_version = {}", SCHEMA_VERSION + 1))
        .unwrap();
    let foreign = dir.path().join("foreign.sqlite3");
    Connection::open(&foreign)
        .unwrap()
        .execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);")
        .unwrap();
    let garbage = dir.path().join("garbage.sqlite3");
    std::fs::write(&garbage, b"<script>alert(1)</script>").unwrap();
    let truncated = dir.path().join("truncated.sqlite3");
    let bytes = std::fs::read(&good.path).unwrap();
    std::fs::write(&truncated, &bytes[..bytes.len() / 2]).unwrap();
    let missing = dir.path().join("missing.sqlite3");

    for (file, kind) in [
        (&newer, ErrorKind::NewerSchema),
        (&foreign, ErrorKind::ForeignDatabase),
        (&garbage, ErrorKind::NotADatabase),
        (&missing, ErrorKind::Io),
    ] {
        let err = lib.restore_from_file(file).unwrap_err();
        assert_eq!(err.kind(), kind, "{}: {err}", file.display());
        assert!(
            err.to_string().contains(&file.display().to_string()),
            "{err}"
        );
    }
    assert!(lib.restore_from_file(&truncated).is_err(), "half a file");
    assert!(!missing.exists(), "validating never creates the file");
    for name in [
        "../stratus.sqlite3",
        "../../etc/passwd",
        "/etc/passwd",
        "stratus-20260301T090000000Z-manual.sqlite3/../../x",
        &format!("../backups/{}", good.file_name),
    ] {
        let err = lib.restore_backup(name).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidInput, "{name}: {err}");
    }
    assert_eq!(lib.counts().unwrap().documents, 2);
    assert_eq!(
        lib.list_backups().unwrap().len(),
        1,
        "no refused restore backs up"
    );
}

#[test]
fn an_upgrade_is_preceded_by_a_backup_at_the_old_version() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("stratus.sqlite3");
    // A library as the previous schema version left it.
    let migrations = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../migrations");
    let mut files: Vec<_> = std::fs::read_dir(&migrations)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "sql"))
        .collect();
    files.sort();
    assert_eq!(files.len() as u32, SCHEMA_VERSION);
    let old = SCHEMA_VERSION - 1;
    {
        let conn = Connection::open(&db).unwrap();
        for file in &files[..old as usize] {
            conn.execute_batch(&std::fs::read_to_string(file).unwrap())
                .unwrap();
        }
        conn.execute_batch(&format!(
            "PRAGMA application_id = 1398035028; PRAGMA user_version = {old};"
        ))
        .unwrap();
    }
    let lib = open_on(&db, 1);
    let backups = lib.list_backups().unwrap();
    let migration: Vec<_> = backups
        .iter()
        .filter(|b| b.reason == BackupReason::Migration)
        .collect();
    assert_eq!(migration.len(), 1, "{backups:?}");
    assert_eq!(migration[0].schema_version, old);
    assert_eq!(lib.info().unwrap().schema_version, SCHEMA_VERSION);
}
