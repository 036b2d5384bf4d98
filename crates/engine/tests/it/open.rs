//! Opening databases: creation, reopening, and refusal of files we must not touch.

use std::path::{Path, PathBuf};

use rusqlite::Connection;
use stratus_engine::{Error, ErrorKind, Library, LibraryOptions, SCHEMA_VERSION};

fn db_in(dir: &tempfile::TempDir) -> PathBuf {
    dir.path().join("stratus.sqlite3")
}

fn open(path: &Path) -> Result<Library, Error> {
    Library::open(path, LibraryOptions::default())
}

/// Asserts that opening `path` fails with `kind`, the message names the file, and the
/// file's bytes (and the absence of WAL side files) are unchanged.
fn assert_refused_untouched(path: &Path, kind: ErrorKind) -> String {
    let before = std::fs::read(path).unwrap();
    let err = match open(path) {
        Ok(_) => panic!("{} should have been refused", path.display()),
        Err(e) => e,
    };
    assert_eq!(err.kind(), kind, "unexpected error: {err}");
    let message = err.to_string();
    assert!(
        message.contains(&path.display().to_string()),
        "message must name the file: {message}"
    );
    assert_eq!(
        std::fs::read(path).unwrap(),
        before,
        "file must be byte-for-byte unchanged"
    );
    message
}

#[test]
fn new_database_is_created_with_current_schema_and_zero_counts() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nested/deeper/stratus.sqlite3");
    let lib = open(&path).unwrap();
    let info = lib.info().unwrap();
    assert_eq!(info.schema_version, SCHEMA_VERSION);
    assert_eq!(info.database_path, path.display().to_string());
    assert_eq!(info.data_dir, path.parent().unwrap().display().to_string());
    assert_eq!(info.counts, Default::default());
    assert!(
        info.sqlite_version.starts_with("3."),
        "{}",
        info.sqlite_version
    );
}

#[test]
fn reopening_keeps_data_and_uses_wal() {
    let dir = tempfile::tempdir().unwrap();
    let path = db_in(&dir);
    {
        let mut lib = open(&path).unwrap();
        lib.transact(|tx| {
            tx.execute(
                "INSERT INTO documents (origin, path, title, content_hash, size_bytes, imported_at_ms)
                 VALUES ('user', '/notes/a.md', 'A', 'h', 1, 0)",
                [],
            )?;
            Ok(())
        })
        .unwrap();
    }
    let lib = open(&path).unwrap();
    assert_eq!(lib.counts().unwrap().documents, 1);
    let conn = Connection::open(&path).unwrap();
    let mode: String = conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
}

#[test]
fn failed_transaction_leaves_database_as_it_was() {
    let mut lib = Library::open_in_memory(LibraryOptions::default()).unwrap();
    let result: Result<(), Error> = lib.transact(|tx| {
        tx.execute(
            "INSERT INTO documents (origin, path, title, content_hash, size_bytes, imported_at_ms)
             VALUES ('user', '/a.md', 'A', 'h', 1, 0)",
            [],
        )?;
        Err(Error::InvalidInput("stop half-way".into()))
    });
    assert!(result.is_err());
    assert_eq!(lib.counts().unwrap().documents, 0);
}

#[test]
fn database_from_newer_version_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = db_in(&dir);
    drop(open(&path).unwrap());
    {
        let conn = Connection::open(&path).unwrap();
        conn.pragma_update(None, "user_version", SCHEMA_VERSION + 5)
            .unwrap();
        // Leave no WAL content behind, so the main file holds everything.
        conn.pragma_update(None, "journal_mode", "DELETE").unwrap();
    }
    let message = assert_refused_untouched(&path, ErrorKind::NewerSchema);
    assert!(
        message.contains(&format!("schema version {}", SCHEMA_VERSION + 5)),
        "{message}"
    );
}

#[test]
fn file_that_is_not_sqlite_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = db_in(&dir);
    std::fs::write(&path, "# My notes\n\nThis is markdown, not a database.\n").unwrap();
    assert_refused_untouched(&path, ErrorKind::NotADatabase);
    assert!(!dir.path().join("stratus.sqlite3-wal").exists());
}

#[test]
fn sqlite_database_of_another_program_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = db_in(&dir);
    {
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch("CREATE TABLE photos (id INTEGER PRIMARY KEY, name TEXT);")
            .unwrap();
    }
    assert_refused_untouched(&path, ErrorKind::ForeignDatabase);
}

/// A library at `path` holding `rows` documents with paths of about `pad` bytes, left as a
/// single file (rollback journal, no WAL) so that its bytes can be damaged in place.
fn single_file_library(path: &Path, rows: usize, pad: usize) -> Vec<u8> {
    {
        let mut lib = open(path).unwrap();
        lib.transact(|tx| {
            for i in 0..rows {
                tx.execute(
                    "INSERT INTO documents (origin, path, title, content_hash, size_bytes, imported_at_ms)
                     VALUES ('user', ?1, 'title', 'hash', 1, 0)",
                    [format!("/notes/{i:04}-{}.md", "x".repeat(pad))],
                )?;
            }
            Ok(())
        })
        .unwrap();
    }
    let conn = Connection::open(path).unwrap();
    conn.pragma_update(None, "journal_mode", "DELETE").unwrap();
    drop(conn);
    std::fs::read(path).unwrap()
}

#[test]
fn corrupt_database_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = db_in(&dir);
    let mut bytes = single_file_library(&path, 200, 200);
    // Keep the header valid but overwrite the rest of page 1 (the schema) and what follows.
    assert!(bytes.len() > 8192);
    for (i, b) in bytes.iter_mut().enumerate().skip(100).take(8000) {
        *b = (i * 7 % 251) as u8;
    }
    std::fs::write(&path, &bytes).unwrap();
    assert_refused_untouched(&path, ErrorKind::Corrupt);
}

#[test]
fn damage_below_an_intact_schema_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = db_in(&dir);
    let mut bytes = single_file_library(&path, 400, 300);
    // The schema (page 1) stays readable; the last pages, written last (the documents),
    // are overwritten except for their first bytes.
    let page = 4096;
    assert!(bytes.len() > 20 * page);
    let start = bytes.len() - 3 * page;
    for (i, b) in bytes.iter_mut().enumerate().skip(start) {
        if i % page > 8 {
            *b = (i * 13 % 251) as u8;
        }
    }
    std::fs::write(&path, &bytes).unwrap();
    assert_refused_untouched(&path, ErrorKind::Corrupt);
}

#[test]
fn rng_is_reproducible_per_key() {
    use rand::Rng;
    let options = LibraryOptions {
        seed: 42,
        ..LibraryOptions::default()
    };
    let a = Library::open_in_memory(options.clone()).unwrap();
    let b = Library::open_in_memory(options).unwrap();
    let xs: Vec<u32> = (0..4).map(|_| a.rng_for(7).random()).collect();
    let ys: Vec<u32> = (0..4).map(|_| b.rng_for(7).random()).collect();
    assert_eq!(xs, ys);
    let other: u32 = a.rng_for(8).random();
    assert_ne!(xs[0], other);
}

/// The database file and its `-wal` and `-shm` side files, `None` for a missing one.
fn files_of(path: &Path) -> Vec<Option<Vec<u8>>> {
    ["", "-wal", "-shm"]
        .iter()
        .map(|suffix| {
            let mut name = path.as_os_str().to_owned();
            name.push(suffix);
            std::fs::read(PathBuf::from(name)).ok()
        })
        .collect()
}

/// Copies a database with its write-ahead log while `conn` still holds it open, so the copy
/// has frames no checkpoint copied into the file.
fn copy_with_log(conn: &Connection, from: &Path, to: &Path) {
    conn.query_row("SELECT count(*) FROM sqlite_master", [], |_| Ok(()))
        .unwrap();
    for suffix in ["", "-wal", "-shm"] {
        let mut src = from.as_os_str().to_owned();
        src.push(suffix);
        let mut dst = to.as_os_str().to_owned();
        dst.push(suffix);
        std::fs::copy(PathBuf::from(src), PathBuf::from(dst)).unwrap();
    }
}

/// A refused database in WAL mode with frames not yet checkpointed (issue #22, item 9): its
/// log used to be recovered and checkpointed into the file (4,096 → 20,480 bytes) before it
/// was refused. The file, `-wal` and `-shm` must stay byte-identical.
#[test]
fn refused_databases_with_an_unchecked_log_stay_byte_identical() {
    let dir = tempfile::tempdir().unwrap();
    // Another program's database whose tables are only in the log.
    let foreign = dir.path().join("foreign.sqlite3");
    let copy = dir.path().join("stratus-foreign.sqlite3");
    {
        let conn = Connection::open(&foreign).unwrap();
        conn.pragma_update(None, "journal_mode", "WAL").unwrap();
        conn.pragma_update(None, "wal_autocheckpoint", 0).unwrap();
        conn.execute_batch(
            "CREATE TABLE photos (id INTEGER PRIMARY KEY, name TEXT);
             INSERT INTO photos (name) VALUES ('a'), ('b');",
        )
        .unwrap();
        copy_with_log(&conn, &foreign, &copy);
    }
    // A Stratus library whose newer schema version is only in the log.
    let ours = dir.path().join("ours.sqlite3");
    let newer = dir.path().join("stratus-newer.sqlite3");
    drop(open(&ours).unwrap());
    {
        let conn = Connection::open(&ours).unwrap();
        conn.pragma_update(None, "wal_autocheckpoint", 0).unwrap();
        conn.execute_batch("CREATE TABLE later (x); INSERT INTO later VALUES (1);")
            .unwrap();
        conn.pragma_update(None, "user_version", SCHEMA_VERSION + 1)
            .unwrap();
        copy_with_log(&conn, &ours, &newer);
    }
    for (path, kind) in [
        (&copy, ErrorKind::ForeignDatabase),
        (&newer, ErrorKind::NewerSchema),
    ] {
        let before = files_of(path);
        assert!(
            before[1].as_ref().is_some_and(|wal| wal.len() > 32),
            "{}: the log holds frames",
            path.display()
        );
        let err = match open(path) {
            Ok(_) => panic!("{} should have been refused", path.display()),
            Err(e) => e,
        };
        assert_eq!(err.kind(), kind, "{}: {err}", path.display());
        assert!(files_of(path) == before, "{}: changed", path.display());
    }
}
