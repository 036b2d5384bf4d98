//! Storage: the [`Library`] handle, which owns the single SQLite connection, the clock and
//! the RNG seed. Opening validates the file before anything can write to it, so a database
//! from a newer Stratus, another program's file or a damaged file is refused untouched.

mod backup;
mod cache;
pub(crate) mod cards;
pub(crate) mod exams;
pub(crate) mod images;
pub(crate) mod import;
pub(crate) mod kv;
mod migrations;
mod open_files;
pub(crate) mod pack;
pub(crate) mod progress;
pub(crate) mod questions;
pub(crate) mod schedule;
pub(crate) mod search;

use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use rand::SeedableRng;
use rand::rngs::StdRng;
use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior};
use serde::Serialize;

use crate::clock::{Clock, SystemClock};
use crate::error::{Error, Result};
use cache::Caches;

pub use backup::{
    BACKUP_DIR_NAME, BackupInfo, BackupReason, BackupReport, BackupSettings, DEFAULT_BACKUP_KEEP,
    DamagedLibrary, DatabaseRestoreReport, MAX_BACKUP_KEEP, RestoreReport, backup_dir_of,
    list_backups, validate_backup,
};
pub use migrations::SCHEMA_VERSION;

/// How long a writer waits for another process's lock before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);
/// The 16 bytes every SQLite 3 database file starts with.
const SQLITE_HEADER: &[u8; 16] = b"SQLite format 3\0";

/// Options for opening a [`Library`].
#[derive(Clone)]
pub struct LibraryOptions {
    /// Source of the current time.
    pub clock: Arc<dyn Clock>,
    /// Base seed for every random choice the engine makes (distractors, fuzz).
    pub seed: u64,
}

impl Default for LibraryOptions {
    fn default() -> Self {
        Self {
            clock: Arc::new(SystemClock),
            seed: 0x5354_5241_5455_5321,
        }
    }
}

impl std::fmt::Debug for LibraryOptions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LibraryOptions")
            .field("seed", &self.seed)
            .finish_non_exhaustive()
    }
}

/// The open study library: one database connection plus the injected clock and seed.
pub struct Library {
    conn: Connection,
    path: Option<PathBuf>,
    options: LibraryOptions,
    /// Derived data kept in memory between calls (the heading palette).
    caches: Caches,
    /// Why the daily backup at open failed, if it did (opening still succeeds).
    backup_error: Option<String>,
    /// This handle's count in the process's open files; last, so it is let go after the
    /// connection has closed.
    open_file: Option<open_files::OpenFile>,
}

/// Number of rows of each kind in the library.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Counts {
    pub documents: u32,
    pub sections: u32,
    pub cards: u32,
    pub reviews: u32,
}

/// What `stratus info` and the Home screen show about the library.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct LibraryInfo {
    /// Directory holding the database (empty for an in-memory library).
    pub data_dir: String,
    /// Full path of the database file (empty for an in-memory library).
    pub database_path: String,
    /// Schema version stored in the database.
    pub schema_version: u32,
    /// Version of the bundled SQLite library.
    pub sqlite_version: String,
    /// Row counts.
    pub counts: Counts,
}

impl Library {
    /// Opens (creating if missing) the database at `path` and brings its schema up to date.
    ///
    /// Refuses, without writing a byte, a file that is not SQLite, a database of another
    /// program, a damaged database, or one whose schema is newer than this build.
    pub fn open(path: impl AsRef<Path>, options: LibraryOptions) -> Result<Self> {
        let path = path.as_ref().to_path_buf();
        let exists = path.exists();
        let mut open_file = None;
        if exists {
            // Opening through SQLite would recover a write-ahead log left beside the file
            // (and checkpoint it into the file when the connection closes): a database that
            // must be refused is judged from its bytes first, so it stays byte-identical.
            // Not while another handle of this process has it open: closing the descriptor
            // of those reads would release that handle's locks (see `open_files`); it was
            // judged when it was opened.
            open_file = Some(open_files::register(&path, || {
                sniff_header(&path)?;
                check_first_page(&path)
            })?);
        } else if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            crate::paths::create_dir_all(parent)?;
        }
        let flags = if exists {
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX
        } else {
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX
        };
        let conn = Connection::open_with_flags(&path, flags).map_err(|e| classify(&path, e))?;
        conn.busy_timeout(BUSY_TIMEOUT)?;
        if exists {
            check_existing(&conn, &path)?;
        } else {
            open_file = Some(open_files::register(&path, || Ok(()))?);
        }
        let mut library = Self::finish_open(conn, Some(path), options, exists)?;
        library.open_file = open_file;
        Ok(library)
    }

    /// Opens a fresh in-memory library; for tests.
    pub fn open_in_memory(options: LibraryOptions) -> Result<Self> {
        let conn = Connection::open_in_memory()?;
        Self::finish_open(conn, None, options, false)
    }

    /// The largest part of the database file mapped into memory for reads.
    const MMAP_BYTES: i64 = 1 << 30;
    /// SQLite's default interval of automatic checkpoints, in pages.
    const DEFAULT_CHECKPOINT_PAGES: i64 = 1000;
    /// The checkpoint interval during an import: 64 MiB of log with 4 KiB pages.
    const BULK_CHECKPOINT_PAGES: i64 = 16_000;
    /// The size the write-ahead log is truncated to after a checkpoint.
    const LOG_LIMIT_BYTES: i64 = 16 << 20;

    fn finish_open(
        mut conn: Connection,
        path: Option<PathBuf>,
        options: LibraryOptions,
        existed: bool,
    ) -> Result<Self> {
        let classify_at = |e: rusqlite::Error| match &path {
            Some(p) => classify(p, e),
            None => Error::Db(e),
        };
        conn.pragma_update(None, "foreign_keys", true)
            .map_err(classify_at)?;
        // Statement journals (the undo of one statement inside a transaction, kept for every
        // row write of an import) stay in memory instead of a temporary file.
        conn.pragma_update(None, "temp_store", "MEMORY")
            .map_err(classify_at)?;
        if path.is_some() {
            // WAL lets the CLI and the app read while the other writes.
            let mode = switch_to_wal(&conn).map_err(classify_at)?;
            if !mode.eq_ignore_ascii_case("wal") {
                return Err(Error::InvalidInput(format!(
                    "the database could not switch to WAL mode (got {mode})"
                )));
            }
            conn.pragma_update(None, "synchronous", "NORMAL")
                .map_err(classify_at)?;
            // Reads map the file instead of copying each page through a read call: a
            // third less time for the progress figures over a large log (BENCHMARKS.md).
            // Only reads use the map; writes still go through the WAL.
            conn.pragma_update(None, "mmap_size", Self::MMAP_BYTES)
                .map_err(classify_at)?;
            // An import lets the log grow (`begin_bulk_writes`); it is cut back to this size
            // when it next starts over.
            conn.pragma_update(None, "journal_size_limit", Self::LOG_LIMIT_BYTES)
                .map_err(classify_at)?;
        }
        let version = migrations::user_version(&conn).map_err(classify_at)?;
        let is_upgrade = existed && version > 0 && version < SCHEMA_VERSION;
        match path.as_deref().filter(|_| is_upgrade) {
            // An upgrade rewrites tables; keep the old library to go back to. No backup,
            // no upgrade.
            Some(path) => {
                backup::upgrade_with_backup(
                    &mut conn,
                    path,
                    options.clock.now(),
                    SCHEMA_VERSION,
                    migrations::apply,
                )?;
            }
            None => {
                migrations::apply(&mut conn)?;
            }
        }
        let mut library = Self {
            conn,
            path,
            options,
            caches: Caches::default(),
            backup_error: None,
            open_file: None,
        };
        if existed && version > 0 {
            // A failed daily backup (full disk, unwritable folder) must not lock the
            // learner out of studying; it is reported instead.
            if let Err(e) = library.backup_if_due() {
                library.backup_error = Some(e.to_string());
            }
        }
        Ok(library)
    }

    /// Why the automatic backup at open failed, if it did.
    pub fn backup_error(&self) -> Option<&str> {
        self.backup_error.as_deref()
    }

    /// Path of the database file, if it is on disk.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// The injected clock.
    pub fn clock(&self) -> &dyn Clock {
        self.options.clock.as_ref()
    }

    /// A reproducible RNG for one purpose: the same library seed and `key` always give the
    /// same sequence (e.g. key = hash of card id and review count).
    pub fn rng_for(&self, key: u64) -> StdRng {
        seeded_rng(self.options.seed, key)
    }

    /// The library's seed, for work done inside `transact` (where the library is borrowed):
    /// `seeded_rng(lib.seed(), key)` is `lib.rng_for(key)`.
    pub(crate) fn seed(&self) -> u64 {
        self.options.seed
    }

    /// Runs `f` inside one transaction: committed if it returns `Ok`, rolled back otherwise
    /// (a rusqlite transaction rolls back on drop), so no write is ever half done.
    ///
    /// The transaction takes the write lock when it begins (`BEGIN IMMEDIATE`): a deferred
    /// one that reads first and then writes cannot wait for another process's writer and
    /// fails at once with "database is locked", whatever the busy timeout.
    pub fn transact<T>(&mut self, f: impl FnOnce(&Transaction<'_>) -> Result<T>) -> Result<T> {
        // A write that fails for a reason of the file (a full disk, damage) names the file.
        let located = |e: Error| match (e, self.path.as_deref()) {
            (Error::Db(e), Some(path)) => classify(path, e),
            (e, _) => e,
        };
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|e| located(e.into()))?;
        let out = f(&tx).map_err(located)?;
        tx.commit().map_err(|e| located(e.into()))?;
        Ok(out)
    }

    /// Starts a run of many write transactions (an import): the write-ahead log is copied
    /// back into the database file every `BULK_CHECKPOINT_PAGES` pages instead of SQLite's
    /// default 1,000, so index and FTS5 pages that every file rewrites are copied once per
    /// run rather than once per few files. Each transaction stays as durable as before.
    pub(crate) fn begin_bulk_writes(&self) -> Result<()> {
        self.conn
            .pragma_update(None, "wal_autocheckpoint", Self::BULK_CHECKPOINT_PAGES)?;
        Ok(())
    }

    /// Ends a run started by `begin_bulk_writes`: default checkpoints again, and the log
    /// written so far copied back now, without waiting for readers.
    pub(crate) fn end_bulk_writes(&self) -> Result<()> {
        self.conn
            .pragma_update(None, "wal_autocheckpoint", Self::DEFAULT_CHECKPOINT_PAGES)?;
        if self.path.is_some() {
            self.conn
                .query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |_| Ok(()))?;
        }
        Ok(())
    }

    /// Read access to the connection for queries inside the engine.
    pub(crate) fn conn(&self) -> &Connection {
        &self.conn
    }

    /// The in-memory caches derived from the database.
    pub(crate) fn caches(&self) -> &Caches {
        &self.caches
    }

    /// Drops derived in-memory data after this handle changed the library.
    pub(crate) fn invalidate_caches(&self) {
        self.caches.clear();
    }

    /// Row counts of the library.
    pub fn counts(&self) -> Result<Counts> {
        let count = |table: &str| -> Result<u32> {
            // Table names are internal constants, never user input.
            Ok(self
                .conn
                .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))?)
        };
        Ok(Counts {
            documents: count("documents")?,
            sections: count("sections")?,
            cards: count("cards WHERE status != 'retired'")?,
            reviews: count("review_log")?,
        })
    }

    /// Describes the library: where it is, its schema and SQLite versions and its counts.
    pub fn info(&self) -> Result<LibraryInfo> {
        let (data_dir, database_path) = match &self.path {
            Some(p) => (
                p.parent()
                    .map(|d| d.display().to_string())
                    .unwrap_or_default(),
                p.display().to_string(),
            ),
            None => (String::new(), String::new()),
        };
        Ok(LibraryInfo {
            data_dir,
            database_path,
            schema_version: migrations::user_version(&self.conn)?,
            sqlite_version: rusqlite::version().to_string(),
            counts: self.counts()?,
        })
    }
}

/// Refuses a file that does not start with the SQLite header. An empty file is accepted:
/// SQLite treats it as a new database.
fn sniff_header(path: &Path) -> Result<()> {
    // A named pipe in place of the database would block SQLite and a plain open forever.
    let mut file = crate::paths::open_regular_file(path).map_err(|e| Error::io(path, e))?;
    let mut header = [0u8; 16];
    let mut read = 0;
    while read < header.len() {
        match file.read(&mut header[read..]) {
            Ok(0) => break,
            Ok(n) => read += n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(Error::io(path, e)),
        }
    }
    if read == 0 || (read == header.len() && &header == SQLITE_HEADER) {
        Ok(())
    } else {
        Err(Error::NotADatabase {
            path: path.to_path_buf(),
        })
    }
}

/// Refuses, from the bytes of the file and of its write-ahead log alone (nothing is opened
/// for writing, no lock is taken, no log recovered), a database of another program or of a
/// newer Stratus: the latest committed copy of page 1 — from the log when it holds one, else
/// from the file — carries `user_version`, `application_id` and the root of the schema
/// table. Anything unclear passes to the checks through SQLite (`check_existing`).
fn check_first_page(path: &Path) -> Result<()> {
    let Some(page) = first_page(path).map_err(|e| Error::io(path, e))? else {
        return Ok(());
    };
    let word = |at: usize| u32::from_be_bytes([page[at], page[at + 1], page[at + 2], page[at + 3]]);
    let version = word(60);
    let app_id = word(68) as i32;
    // Page 1 is the root of the schema table: a leaf (0x0d) with no cells is an empty
    // database; anything else holds tables.
    let has_objects = !(page[100] == 0x0d && page[103] == 0 && page[104] == 0);
    if has_objects && app_id != migrations::APPLICATION_ID {
        return Err(Error::ForeignDatabase {
            path: path.to_path_buf(),
        });
    }
    if version > SCHEMA_VERSION {
        return Err(Error::NewerSchema {
            path: path.to_path_buf(),
            found: version,
            supported: SCHEMA_VERSION,
        });
    }
    Ok(())
}

/// Page 1 of the database at `path` as SQLite would read it: the last committed frame of
/// page 1 in a valid `-wal` file (salts and checksums as SQLite checks them), else the first
/// page of the file. `None` when neither holds a whole page.
fn first_page(path: &Path) -> std::io::Result<Option<Vec<u8>>> {
    let mut file = crate::paths::open_regular_file(path)?;
    let mut head = [0u8; 100];
    let main_len = file.metadata()?.len();
    let mut page_size = None;
    if main_len >= 100 {
        file.read_exact(&mut head)?;
        page_size = match u16::from_be_bytes([head[16], head[17]]) {
            1 => Some(65_536),
            n if n >= 512 && n.is_power_of_two() => Some(usize::from(n)),
            _ => None,
        };
    }
    let wal = wal_path(path);
    let in_wal = last_page_one_in_wal(&wal, page_size)
        .map_err(|e| std::io::Error::new(e.kind(), format!("{}: {e}", wal.display())))?;
    if let Some(page) = in_wal {
        return Ok(Some(page));
    }
    let Some(size) = page_size.filter(|&s| main_len >= s as u64) else {
        return Ok(None);
    };
    let mut page = vec![0u8; size];
    page[..100].copy_from_slice(&head);
    file.read_exact(&mut page[100..])?;
    Ok(Some(page))
}

/// SQLite's write-ahead-log checksum over `data` (a multiple of 8 bytes), continuing `sum`.
fn wal_checksum(data: &[u8], big_endian: bool, mut sum: (u32, u32)) -> (u32, u32) {
    for pair in data.chunks_exact(8) {
        let word = |b: &[u8]| {
            let b = [b[0], b[1], b[2], b[3]];
            if big_endian {
                u32::from_be_bytes(b)
            } else {
                u32::from_le_bytes(b)
            }
        };
        sum.0 = sum.0.wrapping_add(word(&pair[..4])).wrapping_add(sum.1);
        sum.1 = sum.1.wrapping_add(word(&pair[4..])).wrapping_add(sum.0);
    }
    sum
}

/// The last committed copy of page 1 in the write-ahead log at `wal`, read without SQLite
/// (which would recover the log and write the `-shm` index). Frames count only up to the
/// last commit frame whose salts and running checksum are valid, as in SQLite's recovery.
fn last_page_one_in_wal(
    wal: &Path,
    main_page_size: Option<usize>,
) -> std::io::Result<Option<Vec<u8>>> {
    const WAL_HEADER: usize = 32;
    const FRAME_HEADER: usize = 24;
    let mut bytes = Vec::new();
    match crate::paths::open_regular_file(wal) {
        Ok(mut file) => file.read_to_end(&mut bytes)?,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e),
    };
    if bytes.len() < WAL_HEADER {
        return Ok(None);
    }
    let word =
        |at: usize| u32::from_be_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]]);
    let magic = word(0);
    if magic & !1 != 0x377f_0682 {
        return Ok(None);
    }
    let big_endian = magic & 1 == 1;
    let page_size = match word(8) {
        65_536 => 65_536,
        n if (512..=32_768).contains(&n) && n.is_power_of_two() => n as usize,
        _ => return Ok(None),
    };
    if main_page_size.is_some_and(|s| s != page_size) {
        return Ok(None);
    }
    let mut sum = wal_checksum(&bytes[..24], big_endian, (0, 0));
    if sum != (word(24), word(28)) {
        return Ok(None);
    }
    let salts = (word(16), word(20));
    let mut latest = None;
    let mut committed = None;
    let mut at = WAL_HEADER;
    while at + FRAME_HEADER + page_size <= bytes.len() {
        if (word(at + 8), word(at + 12)) != salts {
            break;
        }
        sum = wal_checksum(&bytes[at..at + 8], big_endian, sum);
        let data = at + FRAME_HEADER..at + FRAME_HEADER + page_size;
        sum = wal_checksum(&bytes[data.clone()], big_endian, sum);
        if sum != (word(at + 16), word(at + 20)) {
            break;
        }
        if word(at) == 1 {
            latest = Some(data);
        }
        if word(at + 4) != 0 {
            committed = latest.clone();
        }
        at += FRAME_HEADER + page_size;
    }
    Ok(committed.map(|range| bytes[range].to_vec()))
}

/// Checks an existing file before anything writes to it: readable schema, ours, not newer.
fn check_existing(conn: &Connection, path: &Path) -> Result<()> {
    let read = || -> rusqlite::Result<(u32, i32, i64)> {
        let version = migrations::user_version(conn)?;
        let app_id: i32 = conn.query_row("PRAGMA application_id", [], |r| r.get(0))?;
        let objects: i64 =
            conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))?;
        Ok((version, app_id, objects))
    };
    let (version, app_id, objects) = read().map_err(|e| classify(path, e))?;
    if let Some(detail) = damaged_table(conn).map_err(|e| classify(path, e))? {
        return Err(Error::Corrupt {
            path: path.to_path_buf(),
            detail,
        });
    }
    let is_ours = app_id == migrations::APPLICATION_ID;
    if objects > 0 && !is_ours {
        return Err(Error::ForeignDatabase {
            path: path.to_path_buf(),
        });
    }
    if version > SCHEMA_VERSION {
        return Err(Error::NewerSchema {
            path: path.to_path_buf(),
            found: version,
            supported: SCHEMA_VERSION,
        });
    }
    Ok(())
}

/// The first problem `PRAGMA quick_check` finds in the b-trees of the ordinary tables and
/// their indexes, the search index's own tables included, or `None`. Virtual tables are
/// left out: since SQLite 3.44 a check of the FTS5 table also re-reads every section's
/// terms against the index, which took seconds at every open of a large library, while
/// damage to the pages under it is still found here.
fn damaged_table(conn: &Connection) -> rusqlite::Result<Option<String>> {
    let tables: Vec<String> = conn
        .prepare(
            "SELECT name FROM sqlite_schema
             WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL TABLE%'",
        )?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for table in tables {
        let pragma = format!("PRAGMA quick_check('{}')", table.replace('\'', "''"));
        let result: String = conn.query_row(&pragma, [], |r| r.get(0))?;
        if result != "ok" {
            return Ok(Some(result));
        }
    }
    Ok(None)
}

/// Puts the database in WAL mode and returns the mode it is in. The switch takes the file's
/// exclusive lock without SQLite's busy handler: while another process creates the same new
/// library (or holds its lock for a moment), SQLite answers "database is locked" at once. The
/// switch is tried again until the lock is free; new attempts stop after `BUSY_TIMEOUT`
/// (the last one may still wait that long again for its read lock, with the busy handler).
fn switch_to_wal(conn: &Connection) -> rusqlite::Result<String> {
    let started = std::time::Instant::now();
    loop {
        match conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0)) {
            Err(e)
                if matches!(
                    e.sqlite_error_code(),
                    Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked)
                ) && started.elapsed() < BUSY_TIMEOUT =>
            {
                std::thread::sleep(Duration::from_millis(5));
            }
            other => return other,
        }
    }
}

/// Turns SQLite's "not a database", "malformed" and "full" codes into errors naming the file.
fn classify(path: &Path, e: rusqlite::Error) -> Error {
    use rusqlite::ErrorCode;
    match e.sqlite_error_code() {
        Some(ErrorCode::NotADatabase) => Error::NotADatabase {
            path: path.to_path_buf(),
        },
        Some(ErrorCode::DatabaseCorrupt) => Error::Corrupt {
            path: path.to_path_buf(),
            detail: e.to_string(),
        },
        Some(ErrorCode::DiskFull) => Error::io(
            path,
            std::io::Error::new(std::io::ErrorKind::StorageFull, e.to_string()),
        ),
        // SQLite only says "unable to open database file" or "attempt to write a readonly
        // database"; the file system gives the real reason, such as a read-only file system
        // or a permission. It is asked without opening the database file: closing any
        // descriptor of it would release the locks of the connections this process has on
        // it (see `open_files`).
        Some(ErrorCode::CannotOpen | ErrorCode::ReadOnly) if path.exists() => {
            match why_not_writable(path).or_else(|| why_folder_takes_no_file(path)) {
                Some(io) => Error::io(path, io),
                None => Error::Db(e),
            }
        }
        // A new database that cannot be created (a folder such as /proc that takes no new
        // files, a permission): the file system says why.
        Some(ErrorCode::CannotOpen) => match why_not_creatable(path) {
            Some(io) => Error::io(path, io),
            None => Error::Db(e),
        },
        _ => Error::Db(e),
    }
}

/// The write-ahead log beside a database file.
fn wal_path(path: &Path) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push("-wal");
    PathBuf::from(name)
}

/// Why this process may not write the existing file at `path`, asked without opening it
/// (`faccessat` with the effective ids: a read-only file system, a permission); `None` if it
/// may.
#[cfg(unix)]
fn why_not_writable(path: &Path) -> Option<std::io::Error> {
    use std::os::unix::ffi::OsStrExt;
    let name = std::ffi::CString::new(path.as_os_str().as_bytes()).ok()?;
    // SAFETY: `name` is a NUL-terminated string that outlives the call; faccessat only
    // reads it.
    let refused =
        unsafe { libc::faccessat(libc::AT_FDCWD, name.as_ptr(), libc::W_OK, libc::AT_EACCESS) };
    (refused != 0).then(std::io::Error::last_os_error)
}

/// Why this process may not write the existing file at `path`: its read-only attribute.
#[cfg(not(unix))]
fn why_not_writable(path: &Path) -> Option<std::io::Error> {
    match std::fs::metadata(path) {
        Ok(meta) if meta.permissions().readonly() => Some(std::io::Error::new(
            std::io::ErrorKind::PermissionDenied,
            "the file is read-only",
        )),
        Ok(_) => None,
        Err(e) => Some(e),
    }
}

/// Why no new file can be made beside `path` (SQLite needs its log and index files there),
/// asked by creating a temporary file of its own name, removed at once; `None` if one can.
fn why_folder_takes_no_file(path: &Path) -> Option<std::io::Error> {
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    tempfile::Builder::new()
        .prefix(".stratus-probe-")
        .tempfile_in(folder)
        .err()
        .map(|e| {
            std::io::Error::new(
                e.kind(),
                format!("cannot create a file in {}: {e}", folder.display()),
            )
        })
}

/// Why a file cannot be created at `path`, asked of the file system by creating it (and
/// removing it again at once); `None` if it exists or could be created.
fn why_not_creatable(path: &Path) -> Option<std::io::Error> {
    match std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
    {
        Ok(_) => {
            let _ = std::fs::remove_file(path);
            None
        }
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => None,
        Err(e) => {
            let folder = path
                .parent()
                .map(|p| p.display().to_string())
                .unwrap_or_default();
            Some(std::io::Error::new(
                e.kind(),
                format!("cannot create a file in {folder}: {e}"),
            ))
        }
    }
}

/// The RNG `Library::rng_for` gives for `key` in a library of seed `seed`.
pub(crate) fn seeded_rng(seed: u64, key: u64) -> StdRng {
    StdRng::seed_from_u64(seed ^ key.rotate_left(17))
}
