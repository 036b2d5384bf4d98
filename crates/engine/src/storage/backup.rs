//! Backups of the library: whole-database copies made with `VACUUM INTO` in
//! `<data dir>/backups/`, once a day on the first open and before every migration, pruned to
//! the newest N; and restoring one, which validates the file first and backs up the current
//! library before replacing it — or, when the current library is too damaged to be opened,
//! moves its files aside under a `-damaged-` name. Only whole databases are copied here; no
//! domain data is read.

use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDateTime, Utc};
use rusqlite::{Connection, OpenFlags};
use serde::{Deserialize, Serialize};

use super::{Counts, Library, LibraryOptions, check_existing, classify, migrations, sniff_header};
use crate::error::{Error, Result};

/// Name of the folder, inside the data directory, that holds the backups.
pub const BACKUP_DIR_NAME: &str = "backups";
/// How many backups are kept when the setting was never changed.
pub const DEFAULT_BACKUP_KEEP: u32 = 7;
/// The most backups the setting allows.
pub const MAX_BACKUP_KEEP: u32 = 365;

const SETTINGS_KEY: &str = "backup";
const FILE_PREFIX: &str = "stratus-";
const FILE_SUFFIX: &str = ".sqlite3";
/// `20261125T201012345Z`: sortable, so name order is time order.
const STAMP_FORMAT: &str = "%Y%m%dT%H%M%S%3fZ";
const STAMP_LEN: usize = 19;

/// Why a backup was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum BackupReason {
    /// The first open of a day.
    Daily,
    /// Just before the schema was upgraded.
    Migration,
    /// Asked for (`stratus backup`, the Settings screen).
    Manual,
    /// The library as it was just before a restore replaced it.
    Restore,
}

impl BackupReason {
    fn as_str(self) -> &'static str {
        match self {
            BackupReason::Daily => "daily",
            BackupReason::Migration => "migration",
            BackupReason::Manual => "manual",
            BackupReason::Restore => "restore",
        }
    }

    fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "daily" => BackupReason::Daily,
            "migration" => BackupReason::Migration,
            "manual" => BackupReason::Manual,
            "restore" => BackupReason::Restore,
            _ => return None,
        })
    }
}

/// One backup file, as the Settings screen lists it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct BackupInfo {
    /// Full path of the file.
    pub path: String,
    /// File name inside the backups folder; what [`Library::restore_backup`] takes.
    pub file_name: String,
    /// When it was made, RFC 3339 (UTC).
    pub created_at: String,
    pub reason: BackupReason,
    pub size_bytes: f64,
    /// Schema version of the copy (from its header).
    pub schema_version: u32,
}

/// What [`Library::backup_now`] did: the backup made, and the old ones deleted to keep the
/// number the settings allow.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct BackupReport {
    pub backup: BackupInfo,
    /// File names of the backups deleted, oldest first.
    pub pruned: Vec<String>,
    /// Leftovers of interrupted backups (`*.partial`) that were removed.
    pub removed_partials: Vec<String>,
}

/// Backup settings, stored in the library.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default)]
pub struct BackupSettings {
    /// How many backups to keep (1 to 365); older ones are deleted.
    pub keep: u32,
}

impl Default for BackupSettings {
    fn default() -> Self {
        Self {
            keep: DEFAULT_BACKUP_KEEP,
        }
    }
}

/// What a restore did.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct RestoreReport {
    /// The file the library was restored from.
    pub restored_from: String,
    /// The copy of the library made just before it was replaced.
    pub previous: BackupInfo,
    /// Schema version of the restored file before it was brought up to date.
    pub restored_schema_version: u32,
    /// Row counts of the library after the restore.
    pub counts: Counts,
}

/// What [`Library::restore_database`] did.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct DatabaseRestoreReport {
    /// The file the library was restored from.
    pub restored_from: String,
    /// The copy of the library made just before it was replaced; `None` when it was too
    /// damaged to be opened (see `damaged`).
    pub previous: Option<BackupInfo>,
    /// The replaced library, when it could not be opened.
    pub damaged: Option<DamagedLibrary>,
    /// Schema version of the restored file before it was brought up to date.
    pub restored_schema_version: u32,
    /// Row counts of the library after the restore.
    pub counts: Counts,
}

/// A library file that could not be opened, and where a restore moved it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct DamagedLibrary {
    /// Why it could not be opened.
    pub error: String,
    /// The files it was made of (the database, and its `-wal` and `-shm` files when there
    /// were any), renamed in their folder; nothing was deleted.
    pub kept_as: Vec<String>,
}

impl From<RestoreReport> for DatabaseRestoreReport {
    fn from(r: RestoreReport) -> Self {
        Self {
            restored_from: r.restored_from,
            previous: Some(r.previous),
            damaged: None,
            restored_schema_version: r.restored_schema_version,
            counts: r.counts,
        }
    }
}

/// Files SQLite keeps next to a database, which belong to it.
const COMPANION_SUFFIXES: [&str; 3] = ["-wal", "-shm", "-journal"];
/// Infix of the name a damaged library is kept under: `stratus-damaged-<stamp>.sqlite3`.
const DAMAGED_INFIX: &str = "-damaged-";

impl Library {
    /// The folder holding this library's backups; `None` for an in-memory library.
    pub fn backup_dir(&self) -> Option<PathBuf> {
        self.path.as_deref().map(backup_dir_of)
    }

    /// Makes a backup now and prunes old ones to the kept number; the new one is never
    /// among them.
    pub fn backup_now(&self) -> Result<BackupReport> {
        self.backup_with_report(BackupReason::Manual)
    }

    /// The backups of this library, newest first.
    pub fn list_backups(&self) -> Result<Vec<BackupInfo>> {
        match self.backup_dir() {
            Some(dir) => list_backups(&dir),
            None => Ok(Vec::new()),
        }
    }

    /// The backup settings; defaults when never saved or unreadable.
    pub fn backup_settings(&self) -> Result<BackupSettings> {
        read_settings(self.conn())
    }

    /// Saves the backup settings (keep must be 1 to 365) and prunes to the new number.
    pub fn set_backup_settings(&mut self, settings: BackupSettings) -> Result<BackupSettings> {
        if !(1..=MAX_BACKUP_KEEP).contains(&settings.keep) {
            return Err(Error::InvalidInput(format!(
                "the number of backups to keep must be between 1 and {MAX_BACKUP_KEEP}, not {}",
                settings.keep
            )));
        }
        self.transact(|tx| super::kv::write(tx, SETTINGS_KEY, &settings))?;
        if let Some(dir) = self.backup_dir()
            && dir.is_dir()
        {
            let _lock = DirLock::acquire(&dir)?;
            prune(&dir, settings.keep, None)?;
        }
        Ok(settings)
    }

    /// Restores the backup `file_name` from this library's backups folder (a name from
    /// [`Library::list_backups`]; anything with a path separator or `..` is refused).
    pub fn restore_backup(&mut self, file_name: &str) -> Result<RestoreReport> {
        let dir = self
            .backup_dir()
            .ok_or_else(|| Error::InvalidInput("an in-memory library has no backups".into()))?;
        self.restore_from_file(&backup_file(&dir, file_name)?)
    }

    /// [`Library::restore_database`] from the backup `file_name` of the library at
    /// `database_path` (a name from [`list_backups`] of [`backup_dir_of`] that path;
    /// anything with a path separator or `..` is refused). For a library that may not open,
    /// as when the desktop app starts on a damaged file.
    pub fn restore_database_backup(
        database_path: &Path,
        file_name: &str,
        options: LibraryOptions,
    ) -> Result<(Library, DatabaseRestoreReport)> {
        let file = backup_file(&backup_dir_of(database_path), file_name)?;
        Library::restore_database(database_path, &file, options)
    }

    /// Replaces the library's contents with the database `file`, which must open as a
    /// Stratus database not newer than this build and pass an integrity check. The current
    /// library is backed up first. Safe while no other process writes to the library.
    pub fn restore_from_file(&mut self, file: &Path) -> Result<RestoreReport> {
        // The library's own file would be read through a descriptor of its own, whose close
        // releases this process's locks on it (see `open_files`); and there is nothing to
        // restore from it.
        if let Some(own) = self.path.as_deref()
            && super::open_files::same_file(own, file)
        {
            return Err(Error::InvalidInput(format!(
                "{} is this library's own database; choose a backup of it",
                file.display()
            )));
        }
        let restored_schema_version = validate_backup(file)?;
        let previous = self.backup(BackupReason::Restore)?;
        // The backup API copies every page in one step, inside one write transaction of
        // the destination, so a failure or a crash leaves the old library in place. The
        // source is opened read-only: restoring never changes the backup.
        let source = Connection::open_with_flags(
            file,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| classify(file, e))?;
        let step = rusqlite::backup::Backup::new(&source, &mut self.conn)
            .and_then(|backup| backup.step(-1))
            .map_err(|e| classify(file, e))?;
        if step != rusqlite::backup::StepResult::Done {
            return Err(Error::InvalidInput(format!(
                "the library is in use by another program ({step:?}); close it and restore again"
            )));
        }
        drop(source);
        migrations::apply(&mut self.conn)?;
        self.invalidate_caches();
        Ok(RestoreReport {
            restored_from: file.display().to_string(),
            previous,
            restored_schema_version,
            counts: self.counts()?,
        })
    }

    /// Restores the library at `database_path` from `file` and returns it open, also when
    /// the current library cannot be opened. `file` is validated first; an invalid backup
    /// changes nothing. A current library that opens is backed up and replaced as by
    /// [`Library::restore_from_file`]. One that is damaged or not a database at all cannot
    /// be backed up: its files are renamed to `<name>-damaged-<time>` in their folder (never
    /// deleted) and a copy of `file` takes its place. Other failures to open (a newer
    /// schema, another program's database, a locked or unreadable file) are returned as
    /// they are and change nothing. Safe while no other process uses the library.
    pub fn restore_database(
        database_path: &Path,
        file: &Path,
        options: LibraryOptions,
    ) -> Result<(Library, DatabaseRestoreReport)> {
        let restored_schema_version = validate_backup(file)?;
        let damage = match Library::open(database_path, options.clone()) {
            Ok(mut library) => match library.restore_from_file(file) {
                Ok(report) => return Ok((library, report.into())),
                // Opening checks the file only briefly; the full copy of a backup can
                // still run into damage.
                Err(e) if is_damage_of(&e, database_path) => e,
                Err(e) => return Err(e),
            },
            Err(e) if is_damage_of(&e, database_path) => e,
            Err(e) => return Err(e),
        };
        let now = options.clock.now();
        // The copy is made before anything is moved, so a failure leaves things as they were.
        let partial = with_suffix(database_path, ".restoring");
        remove_if_present(&partial)?;
        copy_database(file, &partial)?;
        let kept_as = set_aside(database_path, now)?;
        std::fs::rename(&partial, database_path).map_err(|e| Error::io(database_path, e))?;
        let library = Library::open(database_path, options)?;
        let report = DatabaseRestoreReport {
            restored_from: file.display().to_string(),
            previous: None,
            damaged: Some(DamagedLibrary {
                error: damage.to_string(),
                kept_as: kept_as.iter().map(|p| p.display().to_string()).collect(),
            }),
            restored_schema_version,
            counts: library.counts()?,
        };
        Ok((library, report))
    }

    /// Writes one backup of the open library and prunes to the kept number.
    pub(crate) fn backup(&self, reason: BackupReason) -> Result<BackupInfo> {
        self.backup_with_report(reason).map(|r| r.backup)
    }

    /// Writes one backup and prunes to the kept number, under the folder's lock: leftovers
    /// of interrupted backups are removed first, and the backup just written is never
    /// pruned, whatever times the other backups' names carry.
    fn backup_with_report(&self, reason: BackupReason) -> Result<BackupReport> {
        let dir = self
            .backup_dir()
            .ok_or_else(|| Error::InvalidInput("an in-memory library has no backups".into()))?;
        std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
        let _lock = DirLock::acquire(&dir)?;
        self.backup_locked(&dir, reason)
    }

    /// [`Library::backup_with_report`] once the folder's lock is held.
    fn backup_locked(&self, dir: &Path, reason: BackupReason) -> Result<BackupReport> {
        let keep = read_settings(self.conn())
            .map(|s| s.keep)
            .unwrap_or(DEFAULT_BACKUP_KEEP);
        let removed_partials = remove_partials(dir)?;
        let backup = write_backup(&self.conn, dir, self.clock().now(), reason)?;
        let pruned = prune(dir, keep, Some(&backup.file_name))?;
        Ok(BackupReport {
            backup,
            pruned,
            removed_partials,
        })
    }

    /// The first open of a (UTC) day makes a backup, unless one was made that day. Every
    /// open also removes leftovers of interrupted backups, unless another process is
    /// writing a backup right now.
    pub(crate) fn backup_if_due(&self) -> Result<Option<BackupInfo>> {
        let Some(dir) = self.backup_dir() else {
            return Ok(None);
        };
        let today = self.clock().now().format("%Y%m%d").to_string();
        let has_today = |dir: &Path| -> Result<bool> {
            Ok(list_names(dir)?
                .iter()
                .any(|(name, _)| name[FILE_PREFIX.len()..].starts_with(&today)))
        };
        if has_today(&dir)? {
            if let Some(_lock) = DirLock::try_acquire(&dir)? {
                remove_partials(&dir)?;
            }
            return Ok(None);
        }
        std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
        let _lock = DirLock::acquire(&dir)?;
        // Two processes starting at once: the second sees the first one's backup.
        if has_today(&dir)? {
            remove_partials(&dir)?;
            return Ok(None);
        }
        self.backup_locked(&dir, BackupReason::Daily)
            .map(|r| Some(r.backup))
    }
}

/// The path of the backup `file_name` in `dir`; refused unless it is named like a backup.
fn backup_file(dir: &Path, file_name: &str) -> Result<PathBuf> {
    if file_name.contains(['/', '\\']) || parse_name(file_name).is_none() {
        return Err(Error::InvalidInput(format!(
            "{file_name:?} is not the name of a backup in {}",
            dir.display()
        )));
    }
    Ok(dir.join(file_name))
}

/// The backups folder of the database at `database_path`.
pub fn backup_dir_of(database_path: &Path) -> PathBuf {
    database_path
        .parent()
        .unwrap_or(Path::new("."))
        .join(BACKUP_DIR_NAME)
}

/// The backups in `dir`, newest first; a missing folder has none. Files that are not
/// named like a backup are left out.
pub fn list_backups(dir: &Path) -> Result<Vec<BackupInfo>> {
    let mut out = Vec::new();
    for (name, (created_at, reason)) in list_names(dir)?.into_iter().rev() {
        let path = dir.join(&name);
        let Ok(meta) = std::fs::metadata(&path) else {
            continue;
        };
        out.push(BackupInfo {
            path: path.display().to_string(),
            file_name: name,
            created_at: created_at.to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
            reason,
            size_bytes: meta.len() as f64,
            schema_version: header_user_version(&path).unwrap_or(0),
        });
    }
    Ok(out)
}

/// Opens `file` read-only and checks that it is a whole, undamaged Stratus database that
/// this build can open. Returns its schema version.
pub fn validate_backup(file: &Path) -> Result<u32> {
    let meta = std::fs::metadata(file).map_err(|e| Error::io(file, e))?;
    if !meta.is_file() {
        return Err(Error::InvalidInput(format!(
            "{} is not a file",
            file.display()
        )));
    }
    sniff_header(file)?;
    let conn = Connection::open_with_flags(
        file,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| classify(file, e))?;
    check_existing(&conn, file)?;
    let read = || -> rusqlite::Result<(i32, u32, String)> {
        let app_id = conn.query_row("PRAGMA application_id", [], |r| r.get(0))?;
        let version = migrations::user_version(&conn)?;
        let check = conn.query_row("PRAGMA integrity_check(1)", [], |r| r.get(0))?;
        Ok((app_id, version, check))
    };
    let (app_id, version, check) = read().map_err(|e| classify(file, e))?;
    if app_id != migrations::APPLICATION_ID || version == 0 {
        return Err(Error::ForeignDatabase {
            path: file.to_path_buf(),
        });
    }
    if check != "ok" {
        return Err(Error::Corrupt {
            path: file.to_path_buf(),
            detail: check,
        });
    }
    Ok(version)
}

/// Upgrades the library at `database_path` with `migrate`, after keeping a copy of it at
/// its old version. Both happen under the backups folder's lock, and the version is read
/// again once the lock is held: of several processes opening the same old library at once,
/// one copies and upgrades it and the others find it upgraded. They used to pick
/// the same backup name in the same millisecond and pull each other's temporary file away.
pub(crate) fn upgrade_with_backup(
    conn: &mut Connection,
    database_path: &Path,
    now: DateTime<Utc>,
    target_version: u32,
    migrate: impl FnOnce(&mut Connection) -> Result<usize>,
) -> Result<Option<BackupInfo>> {
    let dir = backup_dir_of(database_path);
    std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
    let _lock = DirLock::acquire(&dir)?;
    let version = migrations::user_version(conn).map_err(|e| classify(database_path, e))?;
    if version >= target_version {
        return Ok(None);
    }
    let backup = write_backup(conn, &dir, now, BackupReason::Migration)?;
    migrate(conn)?;
    Ok(Some(backup))
}

/// Copies the database behind `conn` to a new file in `dir`, with the folder's lock held.
/// The copy is written under a temporary name, flushed and then renamed, so a crash never
/// leaves half a backup that looks whole.
fn write_backup(
    conn: &Connection,
    dir: &Path,
    now: DateTime<Utc>,
    reason: BackupReason,
) -> Result<BackupInfo> {
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let stamp = now.format(STAMP_FORMAT).to_string();
    let mut n = 1;
    let name = loop {
        let name = if n == 1 {
            format!("{FILE_PREFIX}{stamp}-{}{FILE_SUFFIX}", reason.as_str())
        } else {
            format!("{FILE_PREFIX}{stamp}-{}-{n}{FILE_SUFFIX}", reason.as_str())
        };
        if !dir.join(&name).exists() {
            break name;
        }
        n += 1;
    };
    let path = dir.join(&name);
    let partial = dir.join(format!("{name}{PARTIAL_SUFFIX}"));
    let _ = std::fs::remove_file(&partial);
    let target = partial.to_str().ok_or_else(|| {
        Error::InvalidInput(format!(
            "{} is not valid UTF-8; SQLite cannot write there",
            partial.display()
        ))
    })?;
    let result = conn
        .execute("VACUUM INTO ?1", [target])
        .map_err(|e| match (e.sqlite_error_code(), conn.path()) {
            // Damage of the library being copied, not a problem of the backup file.
            (
                Some(rusqlite::ErrorCode::DatabaseCorrupt | rusqlite::ErrorCode::NotADatabase),
                Some(source),
            ) if !source.is_empty() => classify(Path::new(source), e),
            (Some(_), _) => Error::Io {
                path: path.clone(),
                source: std::io::Error::other(e.to_string()),
            },
            (None, _) => Error::Db(e),
        })
        .and_then(|_| {
            let file = std::fs::File::open(&partial).map_err(|e| Error::io(&partial, e))?;
            file.sync_all().map_err(|e| Error::io(&partial, e))?;
            std::fs::rename(&partial, &path).map_err(|e| Error::io(&path, e))
        });
    if let Err(e) = result {
        let _ = std::fs::remove_file(&partial);
        return Err(e);
    }
    let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
    Ok(BackupInfo {
        path: path.display().to_string(),
        file_name: name,
        created_at: now.to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
        reason,
        size_bytes: size as f64,
        schema_version: header_user_version(&path).unwrap_or(0),
    })
}

/// Whether `e` says that the library file at `path` is damaged or not a database at all.
fn is_damage_of(e: &Error, path: &Path) -> bool {
    match e {
        Error::NotADatabase { path: p } | Error::Corrupt { path: p, .. } => p == path,
        _ => false,
    }
}

/// `path` with `suffix` appended to its file name.
fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(suffix);
    path.with_file_name(name)
}

fn remove_if_present(path: &Path) -> Result<()> {
    match std::fs::remove_file(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(Error::io(path, e)),
        _ => Ok(()),
    }
}

/// Copies the database `file` (validated) to the new file `target`, flushed to disk.
fn copy_database(file: &Path, target: &Path) -> Result<()> {
    let source = Connection::open_with_flags(
        file,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| classify(file, e))?;
    let target_str = target.to_str().ok_or_else(|| {
        Error::InvalidInput(format!(
            "{} is not valid UTF-8; SQLite cannot write there",
            target.display()
        ))
    })?;
    let result = source
        .execute("VACUUM INTO ?1", [target_str])
        .map_err(|e| match e.sqlite_error_code() {
            Some(rusqlite::ErrorCode::DatabaseCorrupt | rusqlite::ErrorCode::NotADatabase) => {
                classify(file, e)
            }
            _ => Error::io(target, std::io::Error::other(e.to_string())),
        })
        .and_then(|_| {
            let copy = std::fs::File::open(target).map_err(|e| Error::io(target, e))?;
            copy.sync_all().map_err(|e| Error::io(target, e))
        });
    if result.is_err() {
        let _ = std::fs::remove_file(target);
    }
    result
}

/// Renames the database at `path` and the files SQLite keeps next to it to
/// `<stem>-damaged-<stamp>.<ext>` (plus the same suffixes), so that SQLite tools still open
/// them together. Returns the new paths, the database first.
fn set_aside(path: &Path, now: DateTime<Utc>) -> Result<Vec<PathBuf>> {
    let stem = path
        .file_stem()
        .unwrap_or_default()
        .to_string_lossy()
        .into_owned();
    let extension = path
        .extension()
        .map(|e| format!(".{}", e.to_string_lossy()))
        .unwrap_or_default();
    let stamp = now.format(STAMP_FORMAT).to_string();
    let mut n = 1;
    let kept = loop {
        let name = if n == 1 {
            format!("{stem}{DAMAGED_INFIX}{stamp}{extension}")
        } else {
            format!("{stem}{DAMAGED_INFIX}{stamp}-{n}{extension}")
        };
        let candidate = path.with_file_name(name);
        let is_taken = std::iter::once(String::new())
            .chain(COMPANION_SUFFIXES.iter().map(|s| s.to_string()))
            .any(|suffix| with_suffix(&candidate, &suffix).exists());
        if !is_taken {
            break candidate;
        }
        n += 1;
    };
    // The companions first: a `-wal` left next to the restored database would be replayed
    // into it.
    let mut moved = Vec::new();
    for suffix in COMPANION_SUFFIXES {
        let from = with_suffix(path, suffix);
        if from.exists() {
            let to = with_suffix(&kept, suffix);
            std::fs::rename(&from, &to).map_err(|e| Error::io(&from, e))?;
            moved.push(to);
        }
    }
    std::fs::rename(path, &kept).map_err(|e| Error::io(path, e))?;
    moved.insert(0, kept);
    Ok(moved)
}

/// Name of the lock file in the backups folder, held while a backup is written or pruned.
const LOCK_FILE_NAME: &str = ".lock";
/// Suffix of a backup being written; renamed to its final name once complete.
const PARTIAL_SUFFIX: &str = ".partial";

/// An exclusive lock on a backups folder (an OS file lock, released when dropped or when
/// the process dies), so that two processes never write, prune or clean up at once.
struct DirLock(std::fs::File);

impl DirLock {
    /// The folder's lock file, created when missing, with its path.
    fn open(dir: &Path) -> Result<(PathBuf, std::fs::File)> {
        let path = dir.join(LOCK_FILE_NAME);
        let file = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(|e| Error::io(&path, e))?;
        Ok((path, file))
    }

    fn acquire(dir: &Path) -> Result<DirLock> {
        let (path, file) = DirLock::open(dir)?;
        file.lock().map_err(|e| Error::io(&path, e))?;
        Ok(DirLock(file))
    }

    /// The lock if no other process holds it; `None` if one does. A folder that does not
    /// exist has no lock to take (`None`).
    fn try_acquire(dir: &Path) -> Result<Option<DirLock>> {
        if !dir.is_dir() {
            return Ok(None);
        }
        let (path, file) = DirLock::open(dir)?;
        match file.try_lock() {
            Ok(()) => Ok(Some(DirLock(file))),
            Err(std::fs::TryLockError::WouldBlock) => Ok(None),
            Err(std::fs::TryLockError::Error(e)) => Err(Error::io(&path, e)),
        }
    }
}

impl Drop for DirLock {
    fn drop(&mut self) {
        let _ = self.0.unlock();
    }
}

/// Removes the `*.partial` files of backups that were interrupted (a crash or a kill while
/// writing). Called with the folder's lock held, so no backup is being written. Returns
/// their names.
fn remove_partials(dir: &Path) -> Result<Vec<String>> {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(Error::io(dir, e)),
    };
    let mut removed = Vec::new();
    for entry in entries.flatten() {
        let Ok(name) = entry.file_name().into_string() else {
            continue;
        };
        let is_ours = name
            .strip_suffix(PARTIAL_SUFFIX)
            .is_some_and(|base| parse_name(base).is_some());
        if is_ours && entry.file_type().is_ok_and(|t| t.is_file()) {
            let path = entry.path();
            remove_if_present(&path)?;
            removed.push(name);
        }
    }
    removed.sort();
    Ok(removed)
}

/// Deletes all but the `keep` most recently written backups in `dir`, never `protect` (the
/// one just made). Order is the order the files were written (their modification time on
/// disk, then name), not the time in their names, which comes from the library's clock and
/// may lie in the future; a file whose time cannot be read is placed by its name's time.
/// Returns the deleted names, oldest first.
fn prune(dir: &Path, keep: u32, protect: Option<&str>) -> Result<Vec<String>> {
    let mut names: Vec<(std::time::SystemTime, String)> = list_names(dir)?
        .into_iter()
        .map(|(name, (named, _))| {
            let written = std::fs::metadata(dir.join(&name))
                .and_then(|m| m.modified())
                .unwrap_or_else(|_| std::time::SystemTime::from(named));
            (written, name)
        })
        .collect();
    names.sort();
    let excess = names.len().saturating_sub(keep.max(1) as usize);
    let mut pruned = Vec::new();
    for (_, name) in names
        .into_iter()
        .filter(|(_, name)| Some(name.as_str()) != protect)
        .take(excess)
    {
        let path = dir.join(&name);
        std::fs::remove_file(&path).map_err(|e| Error::io(&path, e))?;
        pruned.push(name);
    }
    Ok(pruned)
}

/// Backup file names in `dir`, oldest first, with their parsed time and reason.
fn list_names(dir: &Path) -> Result<Vec<(String, Parsed)>> {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(Error::io(dir, e)),
    };
    let mut names: Vec<_> = entries
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .filter_map(|e| e.file_name().into_string().ok())
        .filter_map(|name| parse_name(&name).map(|parsed| (name, parsed)))
        .collect();
    names.sort();
    Ok(names)
}

/// A backup file name's time and reason.
type Parsed = (DateTime<Utc>, BackupReason);

/// Parses `stratus-<stamp>-<reason>[-n].sqlite3`.
fn parse_name(name: &str) -> Option<Parsed> {
    let rest = name.strip_prefix(FILE_PREFIX)?.strip_suffix(FILE_SUFFIX)?;
    let stamp = rest.get(..STAMP_LEN)?;
    let time = NaiveDateTime::parse_from_str(stamp, STAMP_FORMAT).ok()?;
    let tail = rest.get(STAMP_LEN..)?.strip_prefix('-')?;
    let reason = match tail.split_once('-') {
        Some((reason, n)) if n.bytes().all(|b| b.is_ascii_digit()) && !n.is_empty() => reason,
        Some(_) => return None,
        None => tail,
    };
    Some((time.and_utc(), BackupReason::parse(reason)?))
}

/// The schema version in an SQLite header (bytes 60..64, big-endian), without opening it.
fn header_user_version(path: &Path) -> Option<u32> {
    use std::io::Read;
    let mut header = [0u8; 64];
    // A named pipe given a backup's name must not block the listing.
    crate::paths::open_regular_file(path)
        .ok()?
        .read_exact(&mut header)
        .ok()?;
    Some(u32::from_be_bytes(header[60..64].try_into().ok()?))
}

fn read_settings(conn: &Connection) -> Result<BackupSettings> {
    Ok(super::kv::read(conn, SETTINGS_KEY)?.unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_foreign_names_are_ignored() {
        let at = DateTime::parse_from_rfc3339("2026-11-25T20:10:12.345Z")
            .unwrap()
            .with_timezone(&Utc);
        let name = format!(
            "{FILE_PREFIX}{}-daily{FILE_SUFFIX}",
            at.format(STAMP_FORMAT)
        );
        assert_eq!(parse_name(&name), Some((at, BackupReason::Daily)));
        let second = name.replace("-daily", "-manual-2");
        assert_eq!(parse_name(&second), Some((at, BackupReason::Manual)));
        for bad in [
            "stratus.sqlite3",
            "stratus-20261125T201012345Z-daily.sqlite3.partial",
            "stratus-20261125T201012345Z-other.sqlite3",
            "stratus-20261125T201012345Z-daily-x.sqlite3",
            "../stratus-20261125T201012345Z-daily.sqlite3",
            "stratus-2026.sqlite3",
        ] {
            assert_eq!(parse_name(bad), None, "{bad}");
        }
    }
}
