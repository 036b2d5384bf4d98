//! Backups: made once a day on open and before every upgrade, pruned to the kept number,
//! and restored only from a file that validates, after backing up the current library.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::{DateTime, Utc};
use rusqlite::Connection;
use stratus_engine::{
    BackupReason, BackupSettings, CardFilter, DEFAULT_BACKUP_KEEP, ErrorKind, FixedClock,
    ImportOptions, Library, LibraryOptions, Rating, SCHEMA_VERSION, backup_dir_of, list_backups,
    validate_backup,
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
    let saved = lib.backup_now().unwrap().backup;
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
    let good = lib.backup_now().unwrap().backup;

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
    let old = library_at_previous_version(&db);
    let lib = open_on(&db, 1);
    let migration = migration_backups(&lib);
    assert_eq!(migration.len(), 1, "{migration:?}");
    assert_eq!(migration[0].schema_version, old);
    assert_eq!(lib.info().unwrap().schema_version, SCHEMA_VERSION);
}

/// The backups `lib` keeps from before an upgrade.
fn migration_backups(lib: &Library) -> Vec<stratus_engine::BackupInfo> {
    lib.list_backups()
        .unwrap()
        .into_iter()
        .filter(|b| b.reason == BackupReason::Migration)
        .collect()
}

/// Several processes (here threads with handles of their own) opening a library of the
/// previous version at the same moment: every open succeeds, one of them keeps the copy at
/// the old version, and no temporary file is left. They used to choose the same backup name
/// in the same millisecond and fail with "….partial: No such file or directory".
#[test]
fn simultaneous_opens_upgrade_once_with_one_backup() {
    for round in 0..4 {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("stratus.sqlite3");
        let old = library_at_previous_version(&db);
        let start = Arc::new(std::sync::Barrier::new(6));
        let openers: Vec<_> = (0..6)
            .map(|_| {
                let (db, start) = (db.clone(), start.clone());
                std::thread::spawn(move || {
                    start.wait();
                    Library::open(&db, options_on(1)).map(|lib| lib.info().unwrap().schema_version)
                })
            })
            .collect();
        for opener in openers {
            let version = opener.join().unwrap();
            assert_eq!(
                version.as_ref().ok(),
                Some(&SCHEMA_VERSION),
                "round {round}: {version:?}"
            );
        }
        let migration = migration_backups(&open_on(&db, 1));
        assert_eq!(migration.len(), 1, "round {round}: {migration:?}");
        assert_eq!(migration[0].schema_version, old);
        let left: Vec<_> = std::fs::read_dir(backup_dir_of(&db))
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".partial"))
            .collect();
        assert_eq!(left, Vec::<String>::new(), "round {round}");
    }
}

/// Writes at `db` a library as the previous schema version left it; returns that version.
fn library_at_previous_version(db: &Path) -> u32 {
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
    let conn = Connection::open(db).unwrap();
    for file in &files[..old as usize] {
        conn.execute_batch(&std::fs::read_to_string(file).unwrap())
            .unwrap();
    }
    conn.execute_batch(&format!(
        "PRAGMA application_id = 1398035028; PRAGMA user_version = {old};"
    ))
    .unwrap();
    old
}

fn options_on(day: u32) -> LibraryOptions {
    LibraryOptions {
        clock: Arc::new(FixedClock::new(at(day))),
        ..LibraryOptions::default()
    }
}

/// Files in `dir` whose name has `-damaged-`, sorted.
fn damaged_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().contains("-damaged-"))
        .collect();
    files.sort();
    files
}

/// A library of 4 documents whose backup holds 1; returns the backup's path.
fn library_with_a_backup(db: &Path, dir: &Path) -> PathBuf {
    let mut lib = open_on(db, 1);
    import(&mut lib, &notes(dir, 1));
    let saved = lib.backup_now().unwrap().backup;
    import(&mut lib, &notes(dir, 3));
    PathBuf::from(saved.path)
}

#[test]
fn restore_replaces_a_damaged_library_and_keeps_the_damaged_file() {
    type Damage = fn(&[u8]) -> Vec<u8>;
    let damages: [(&str, Damage); 3] = [
        ("garbage over the whole file", |b| vec![0xA5; b.len()]),
        ("truncated to its first page", |b| b[..4096].to_vec()),
        ("garbage over the schema", |b| {
            let mut b = b.to_vec();
            b[100..4096].fill(0xFF);
            b
        }),
    ];
    for (what, damage) in damages {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("stratus.sqlite3");
        let backup = library_with_a_backup(&db, dir.path());
        let damaged = damage(&std::fs::read(&db).unwrap());
        std::fs::write(&db, &damaged).unwrap();
        let refusal = match Library::open(&db, options_on(2)) {
            Ok(_) => panic!("{what}: a damaged library opened"),
            Err(e) => e,
        };
        assert!(
            matches!(refusal.kind(), ErrorKind::NotADatabase | ErrorKind::Corrupt),
            "{what}: {refusal}"
        );
        let backups_before = std::fs::read_dir(dir.path().join("backups"))
            .unwrap()
            .count();

        let (mut lib, report) = Library::restore_database(&db, &backup, options_on(2))
            .unwrap_or_else(|e| panic!("{what}: {e}"));
        assert_eq!(report.counts.documents, 1, "{what}");
        assert_eq!(lib.counts().unwrap().documents, 1, "{what}");
        assert_eq!(report.previous, None, "{what}: nothing to back up");
        let kept = report.damaged.expect("the damaged library is reported");
        assert_eq!(kept.error, refusal.to_string(), "{what}");
        assert_eq!(kept.kept_as.len(), 1, "{what}: {kept:?}");
        assert_eq!(
            damaged_files(dir.path()),
            [PathBuf::from(&kept.kept_as[0])],
            "{what}"
        );
        assert!(
            kept.kept_as[0].ends_with("stratus-damaged-20260302T090000000Z.sqlite3"),
            "{what}: {kept:?}"
        );
        assert_eq!(
            std::fs::read(&kept.kept_as[0]).unwrap(),
            damaged,
            "{what}: the damaged file is kept byte for byte"
        );
        assert!(
            std::fs::read_dir(dir.path().join("backups"))
                .unwrap()
                .count()
                >= backups_before,
            "{what}: no backup was pruned for the damaged file"
        );
        assert!(backup.is_file(), "{what}: the backup itself stays");

        // The restored library works and opens again.
        import(&mut lib, &notes(dir.path(), 2));
        drop(lib);
        let lib = open_on(&db, 2);
        assert_eq!(lib.counts().unwrap().documents, 3, "{what}");
        let check: String = Connection::open(&db)
            .unwrap()
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .unwrap();
        assert_eq!(check, "ok", "{what}");
    }
}

#[test]
fn restore_moves_the_write_ahead_log_of_a_damaged_library_with_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("stratus.sqlite3");
    let backup = library_with_a_backup(&db, dir.path());
    std::fs::write(&db, b"not a database at all").unwrap();
    let wal = dir.path().join("stratus.sqlite3-wal");
    std::fs::write(&wal, b"log of the damaged library").unwrap();

    let (lib, report) = Library::restore_database(&db, &backup, options_on(2)).unwrap();
    let kept = report.damaged.unwrap().kept_as;
    assert_eq!(kept.len(), 2, "{kept:?}");
    assert!(kept[1].ends_with("stratus-damaged-20260302T090000000Z.sqlite3-wal"));
    assert_eq!(
        std::fs::read(&kept[1]).unwrap(),
        b"log of the damaged library"
    );
    assert_eq!(std::fs::read(&kept[0]).unwrap(), b"not a database at all");
    assert_eq!(lib.counts().unwrap().documents, 1);

    // A second restore on the same instant keeps both damaged copies.
    drop(lib);
    std::fs::write(&db, b"damaged again").unwrap();
    let (_, report) = Library::restore_database(&db, &backup, options_on(2)).unwrap();
    let kept_again = report.damaged.unwrap().kept_as;
    assert!(kept_again[0].ends_with("stratus-damaged-20260302T090000000Z-2.sqlite3"));
    assert_eq!(std::fs::read(&kept_again[0]).unwrap(), b"damaged again");
    assert_eq!(std::fs::read(&kept[0]).unwrap(), b"not a database at all");
}

#[test]
fn restore_over_a_damaged_library_checks_the_backup_before_moving_anything() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("stratus.sqlite3");
    let backup = library_with_a_backup(&db, dir.path());
    std::fs::write(&db, b"damaged").unwrap();
    let bad_backup = dir.path().join("bad.sqlite3");
    std::fs::write(&bad_backup, b"also not a database").unwrap();

    let err = Library::restore_database(&db, &bad_backup, options_on(2))
        .map(|_| ())
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::NotADatabase, "{err}");
    assert!(
        err.to_string().contains(&bad_backup.display().to_string()),
        "the error names the backup: {err}"
    );
    assert_eq!(std::fs::read(&db).unwrap(), b"damaged", "left as it was");
    assert!(damaged_files(dir.path()).is_empty());
    assert!(!dir.path().join("stratus.sqlite3.restoring").exists());

    // A library that opens is backed up as before, not set aside.
    std::fs::remove_file(&db).unwrap();
    drop(library_with_a_backup(&db, dir.path()));
    let (_, report) = Library::restore_database(&db, &backup, options_on(2)).unwrap();
    assert_eq!(report.damaged, None);
    assert_eq!(report.previous.unwrap().reason, BackupReason::Restore);
    assert!(damaged_files(dir.path()).is_empty());
}

/// The desktop app restores by backup name when the library does not open: the name is
/// looked up in the library's backups folder, and anything else is refused untouched.
#[test]
fn a_damaged_library_is_restored_from_a_backup_named_in_its_folder() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("stratus.sqlite3");
    let backup = library_with_a_backup(&db, dir.path());
    let name = backup.file_name().unwrap().to_str().unwrap().to_string();
    let damaged = vec![0xA5; std::fs::read(&db).unwrap().len()];
    std::fs::write(&db, &damaged).unwrap();
    let listed = list_backups(&backup_dir_of(&db)).unwrap();
    assert!(listed.iter().any(|b| b.file_name == name), "{listed:?}");

    for bad in [
        "../stratus.sqlite3",
        "stratus.sqlite3",
        "nothing-here.sqlite3",
    ] {
        let err = Library::restore_database_backup(&db, bad, options_on(2))
            .err()
            .unwrap_or_else(|| panic!("{bad} was restored"));
        assert!(
            err.to_string().contains("not the name of a backup"),
            "{bad}: {err}"
        );
        assert_eq!(std::fs::read(&db).unwrap(), damaged, "{bad}: nothing moved");
    }

    let (lib, report) = Library::restore_database_backup(&db, &name, options_on(2)).unwrap();
    assert_eq!(lib.counts().unwrap().documents, 1);
    assert_eq!(report.restored_from, backup.display().to_string());
    assert!(report.damaged.is_some());
    assert_eq!(damaged_files(dir.path()).len(), 1);
}

fn open_at(path: &Path, at: DateTime<Utc>) -> Library {
    let options = LibraryOptions {
        clock: Arc::new(FixedClock::new(at)),
        ..LibraryOptions::default()
    };
    Library::open(path, options).unwrap()
}

fn reviews_in(file: &Path) -> u32 {
    Connection::open(file)
        .unwrap()
        .query_row("SELECT count(*) FROM review_log", [], |r| r.get(0))
        .unwrap()
}

/// A clock that was once far ahead left backups named in 2099. Pruning goes by the order
/// the files were written, so new backups — and the copy a restore makes of the library it
/// replaces — are kept, and the pruned ones are reported.
#[test]
fn backups_named_in_the_future_never_push_out_new_ones() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("stratus.sqlite3");
    let mut lib = open_on(&db, 1);
    let folder = dir.path().join("cards");
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::write(
        folder.join("c.md"),
        "# Cards\n\nWhat is S3? :: Object storage\n\nWhat is EBS? :: Block storage\n\nWhat is EFS? :: File storage\n",
    )
    .unwrap();
    import(&mut lib, &folder);
    drop(lib);
    let future = DateTime::parse_from_rfc3339("2099-01-01T09:00:00Z")
        .unwrap()
        .with_timezone(&Utc);
    let ahead = open_at(&db, future);
    let mut future_names = Vec::new();
    for _ in 0..DEFAULT_BACKUP_KEEP {
        future_names.push(ahead.backup_now().unwrap().backup.file_name);
    }
    drop(ahead);

    let mut lib = open_on(&db, 2);
    let cards = lib.list_cards(&CardFilter::default()).unwrap();
    assert!(cards.len() >= 3, "{} cards", cards.len());
    for card in &cards[..3] {
        lib.answer_card(&card.id, Rating::Good, 3_000).unwrap();
    }
    let made = lib.backup_now().unwrap();
    assert!(Path::new(&made.backup.path).is_file(), "{made:?}");
    assert_eq!(reviews_in(Path::new(&made.backup.path)), 3);
    assert!(!made.pruned.is_empty(), "over the kept number: {made:?}");
    assert!(
        made.pruned.iter().all(|p| future_names.contains(p)),
        "the oldest written go first: {made:?}"
    );

    let report = lib.restore_backup(&future_names[6]).unwrap();
    let previous = Path::new(&report.previous.path);
    assert!(
        previous.is_file(),
        "the pre-restore copy is kept: {report:?}"
    );
    assert_eq!(reviews_in(previous), 3, "the three answers are saved");
    let names: Vec<String> = lib
        .list_backups()
        .unwrap()
        .into_iter()
        .map(|b| b.file_name)
        .collect();
    assert!(names.contains(&report.previous.file_name), "{names:?}");
    assert!(names.contains(&made.backup.file_name), "{names:?}");
    assert_eq!(names.len(), DEFAULT_BACKUP_KEEP as usize);
}

/// A backup killed while it was written leaves a `.partial` file; the next backup and the
/// next open remove such leftovers (and nothing else).
#[test]
fn leftovers_of_interrupted_backups_are_removed() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("stratus.sqlite3");
    let mut lib = open_on(&db, 1);
    import(&mut lib, &notes(dir.path(), 1));
    let backups = dir.path().join("backups");
    std::fs::create_dir_all(&backups).unwrap();
    let partial = "stratus-20260301T090000000Z-manual.sqlite3.partial";
    std::fs::write(backups.join(partial), vec![0u8; 4096]).unwrap();
    std::fs::write(backups.join("notes.txt"), "mine").unwrap();
    let made = lib.backup_now().unwrap();
    assert_eq!(made.removed_partials, [partial]);
    assert!(!backups.join(partial).exists());
    assert!(
        backups.join("notes.txt").exists(),
        "other files are left alone"
    );
    drop(lib);

    // Killed again; this time the next open (same day: no daily backup due) cleans up.
    std::fs::write(backups.join(partial), vec![0u8; 4096]).unwrap();
    let lib = open_on(&db, 1);
    assert!(!backups.join(partial).exists());
    assert!(backups.join("notes.txt").exists());
    drop(lib);
}
