//! Where Stratus keeps its data. The CLI and the desktop app resolve the same directory:
//! an explicit path first, then `STRATUS_DATA_DIR`, then the operating system's per-user
//! application-data directory for the app identifier (the one Tauri's `app_data_dir` uses).
//!
//! The identifier was `dev.stratus.app` before; a library found under that name is moved to the
//! current one the first time the default directory is prepared ([`DataDir::ensure`]). Explicit
//! directories (`--data-dir`, `STRATUS_DATA_DIR`) are used as given and never moved.

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// The application identifier, shared with the desktop bundle (`tauri.conf.json`).
pub const APP_IDENTIFIER: &str = "dev.stratus.desktop";
/// The identifier of earlier versions, whose default data directory is moved to the current one.
/// It ended in `.app`, which clashes with the macOS application bundle extension.
pub const LEGACY_APP_IDENTIFIER: &str = "dev.stratus.app";
/// Environment variable that overrides the data directory.
pub const DATA_DIR_ENV: &str = "STRATUS_DATA_DIR";
/// File name of the database inside the data directory.
pub const DATABASE_FILE_NAME: &str = "stratus.sqlite3";

/// A resolved data directory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataDir {
    root: PathBuf,
    /// The previous identifier's directory, set only when `root` is the OS default.
    legacy: Option<PathBuf>,
}

/// What preparing the data directory did with the previous identifier's directory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LegacyDataDir {
    /// There was nothing to move: no library under the old name, or an explicit directory.
    Untouched,
    /// The old directory, library and all, now is the data directory.
    Moved {
        from: PathBuf,
        /// The rename failed (another device, say), so the files were copied and then removed.
        is_copied: bool,
        /// The copy is complete, but the old directory could not be removed and still exists.
        is_old_kept: bool,
    },
    /// Both directories hold data: the current one is used and neither was changed.
    BothKept { old: PathBuf },
}

impl DataDir {
    /// Resolves the data directory: `explicit` if given, else a non-empty `env_value`
    /// (the caller reads `STRATUS_DATA_DIR`, so this stays testable), else the OS default.
    pub fn resolve(explicit: Option<&Path>, env_value: Option<&str>) -> Result<Self> {
        if let Some(path) = explicit {
            return Ok(Self {
                root: path.to_path_buf(),
                legacy: None,
            });
        }
        if let Some(value) = env_value.filter(|v| !v.trim().is_empty()) {
            return Ok(Self {
                root: PathBuf::from(value),
                legacy: None,
            });
        }
        let base = directories::BaseDirs::new().ok_or_else(|| {
            Error::InvalidInput(format!(
                "cannot find the per-user data directory of this system; set {DATA_DIR_ENV} or pass --data-dir"
            ))
        })?;
        Ok(Self {
            root: base.data_dir().join(APP_IDENTIFIER),
            legacy: Some(base.data_dir().join(LEGACY_APP_IDENTIFIER)),
        })
    }

    /// Resolves from the process environment (`STRATUS_DATA_DIR`).
    pub fn from_env(explicit: Option<&Path>) -> Result<Self> {
        let env = std::env::var(DATA_DIR_ENV).ok();
        Self::resolve(explicit, env.as_deref())
    }

    /// The directory itself.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Path of the database file.
    pub fn database_path(&self) -> PathBuf {
        self.root.join(DATABASE_FILE_NAME)
    }

    /// Creates the directory (and parents) if missing. For the OS default, a library left
    /// under the previous identifier is first moved here (see [`move_legacy_data_dir`]); what
    /// happened is returned so the caller can say so.
    pub fn ensure(&self) -> Result<LegacyDataDir> {
        let outcome = match &self.legacy {
            Some(old) => move_legacy_data_dir(old, &self.root)?,
            None => LegacyDataDir::Untouched,
        };
        create_dir_all(&self.root)?;
        Ok(outcome)
    }
}

impl LegacyDataDir {
    /// One line for the log saying what was done, when anything was; `root` is the directory in use.
    pub fn note(&self, root: &Path) -> Option<String> {
        let root = root.display();
        match self {
            LegacyDataDir::Untouched => None,
            LegacyDataDir::Moved {
                from, is_old_kept, ..
            } => Some(if *is_old_kept {
                format!(
                    "the library was copied from {} to {root}; the old folder could not be removed",
                    from.display()
                )
            } else {
                format!("the library was moved from {} to {root}", from.display())
            }),
            LegacyDataDir::BothKept { old } => Some(format!(
                "using the library in {root}; {} also holds one and was left as it is",
                old.display()
            )),
        }
    }
}

/// Moves the data directory `old` to `new` when `old` holds a library (its database file) and
/// `new` is missing or empty. When both hold something, neither is touched. A rename is tried
/// first; if it fails (across devices, say) the tree is copied beside `new`, put in place with a
/// rename, and only then is `old` removed. On any error `old` is left complete and `new` as it was.
pub fn move_legacy_data_dir(old: &Path, new: &Path) -> Result<LegacyDataDir> {
    move_with(
        old,
        new,
        &|from, to| std::fs::rename(from, to),
        &|from, to| std::fs::copy(from, to).map(|_| ()),
    )
}

/// A file operation from one path to another; injected so tests can make it fail.
type FileOp<'a> = &'a dyn Fn(&Path, &Path) -> std::io::Result<()>;

fn move_with(old: &Path, new: &Path, rename: FileOp, copy_file: FileOp) -> Result<LegacyDataDir> {
    if !old.join(DATABASE_FILE_NAME).is_file() {
        return Ok(LegacyDataDir::Untouched);
    }
    if !is_missing_or_empty_dir(new).map_err(|e| Error::io(new, e))? {
        return Ok(LegacyDataDir::BothKept {
            old: old.to_path_buf(),
        });
    }
    let failed = |e: std::io::Error| {
        Error::io(
            old,
            std::io::Error::new(
                e.kind(),
                format!(
                    "the library could not be moved to {} ({e}); it was left where it is",
                    new.display()
                ),
            ),
        )
    };
    // An empty directory (made by a start that found nothing to open) would stop the rename;
    // `remove_dir` removes nothing but an empty directory.
    if new.exists() {
        std::fs::remove_dir(new).map_err(failed)?;
    }
    if let Some(parent) = new.parent() {
        create_dir_all(parent)?;
    }
    if rename(old, new).is_ok() {
        return Ok(LegacyDataDir::Moved {
            from: old.to_path_buf(),
            is_copied: false,
            is_old_kept: false,
        });
    }
    // A half-copied tree must never look like the library, so the copy is made under another
    // name and renamed into place once complete; the old directory goes only after that.
    let mut staging_name = new.file_name().unwrap_or_default().to_os_string();
    staging_name.push(".moving");
    let staging = new.with_file_name(staging_name);
    if staging.exists() {
        // Left by a copy that was interrupted; the old directory is still complete.
        std::fs::remove_dir_all(&staging).map_err(failed)?;
    }
    let copied = copy_tree(old, &staging, copy_file).and_then(|()| rename(&staging, new));
    if let Err(e) = copied {
        let _ = std::fs::remove_dir_all(&staging);
        return Err(failed(e));
    }
    let is_old_kept = std::fs::remove_dir_all(old).is_err();
    Ok(LegacyDataDir::Moved {
        from: old.to_path_buf(),
        is_copied: true,
        is_old_kept,
    })
}

fn is_missing_or_empty_dir(dir: &Path) -> std::io::Result<bool> {
    match std::fs::read_dir(dir) {
        Ok(mut entries) => Ok(entries.next().is_none()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(true),
        Err(e) => Err(e),
    }
}

/// Copies the directory `from` to a new directory `to`: files, folders and symbolic links.
/// Sockets and pipes hold no data and are not copied.
fn copy_tree(from: &Path, to: &Path, copy_file: FileOp) -> std::io::Result<()> {
    std::fs::create_dir(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let (source, target) = (entry.path(), to.join(entry.file_name()));
        let file_type = entry.file_type()?;
        if file_type.is_dir() {
            copy_tree(&source, &target, copy_file)?;
        } else if file_type.is_file() {
            copy_file(&source, &target)?;
        } else if file_type.is_symlink() {
            copy_symlink(&source, &target)?;
        }
    }
    Ok(())
}

#[cfg(unix)]
fn copy_symlink(source: &Path, target: &Path) -> std::io::Result<()> {
    std::os::unix::fs::symlink(std::fs::read_link(source)?, target)
}

#[cfg(not(unix))]
fn copy_symlink(source: &Path, target: &Path) -> std::io::Result<()> {
    // Windows links need privileges to create; the file they point at is copied instead.
    std::fs::copy(source, target).map(|_| ())
}

/// Creates `dir` and its parents. When a path on the way exists but is a file, the error names
/// that file: `create_dir_all` alone reports "File exists" for whichever folder it could not
/// create, which sends the user looking in the wrong place.
pub(crate) fn create_dir_all(dir: &Path) -> Result<()> {
    std::fs::create_dir_all(dir).map_err(|e| {
        let blocker = dir.ancestors().find(|a| a.exists()).filter(|a| !a.is_dir());
        match blocker {
            Some(file) => Error::io(
                file,
                std::io::Error::new(
                    std::io::ErrorKind::NotADirectory,
                    "exists but is not a directory",
                ),
            ),
            None => Error::io(dir, e),
        }
    })
}

/// Opens `path` for reading only if it is a regular file (symbolic links followed). The
/// open itself cannot block: on Unix it does not wait for a writer when the path is a named
/// pipe (`O_NONBLOCK`), and the type is checked on the opened handle, so a file swapped for a
/// pipe or a device after it was looked at is refused all the same.
pub(crate) fn open_regular_file(path: &Path) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options.open(path)?;
    let file_type = file.metadata()?.file_type();
    if file_type.is_file() {
        return Ok(file);
    }
    Err(std::io::Error::new(
        std::io::ErrorKind::InvalidInput,
        format!("{}, not a regular file", describe_file_type(file_type)),
    ))
}

/// What a file system entry that is not a regular file is, in words.
pub(crate) fn describe_file_type(file_type: std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_fifo() {
            return "a named pipe (FIFO)";
        }
        if file_type.is_socket() {
            return "a socket";
        }
        if file_type.is_block_device() || file_type.is_char_device() {
            return "a device";
        }
    }
    if file_type.is_dir() {
        "a folder"
    } else if file_type.is_file() {
        "a regular file"
    } else {
        "a special file"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn explicit_path_wins_over_environment() {
        let dir = DataDir::resolve(Some(Path::new("/x/flag")), Some("/x/env")).unwrap();
        assert_eq!(dir.root(), Path::new("/x/flag"));
    }

    #[test]
    fn environment_wins_over_default_and_blank_is_ignored() {
        let dir = DataDir::resolve(None, Some("/x/env")).unwrap();
        assert_eq!(
            dir.database_path(),
            Path::new("/x/env").join(DATABASE_FILE_NAME)
        );
        let default = DataDir::resolve(None, Some("  ")).unwrap();
        assert!(
            default.root().ends_with(APP_IDENTIFIER),
            "{:?}",
            default.root()
        );
    }

    /// An old data directory with a library, a WAL file and a backup in a subfolder.
    fn old_library(parent: &Path) -> PathBuf {
        let old = parent.join(LEGACY_APP_IDENTIFIER);
        std::fs::create_dir_all(old.join("backups")).unwrap();
        std::fs::write(old.join(DATABASE_FILE_NAME), b"db").unwrap();
        std::fs::write(old.join("stratus.sqlite3-wal"), b"wal").unwrap();
        std::fs::write(old.join("backups/2026-01-01.sqlite3"), b"backup").unwrap();
        old
    }

    fn assert_library_in(dir: &Path) {
        assert_eq!(std::fs::read(dir.join(DATABASE_FILE_NAME)).unwrap(), b"db");
        assert_eq!(
            std::fs::read(dir.join("stratus.sqlite3-wal")).unwrap(),
            b"wal"
        );
        assert_eq!(
            std::fs::read(dir.join("backups/2026-01-01.sqlite3")).unwrap(),
            b"backup"
        );
    }

    fn cross_device(_: &Path, _: &Path) -> std::io::Result<()> {
        Err(std::io::Error::other("cross-device link"))
    }

    #[test]
    fn a_library_under_the_old_name_is_moved_with_its_contents() {
        let tmp = tempfile::tempdir().unwrap();
        let old = old_library(tmp.path());
        let new = tmp.path().join(APP_IDENTIFIER);
        let outcome = move_legacy_data_dir(&old, &new).unwrap();
        assert_eq!(
            outcome,
            LegacyDataDir::Moved {
                from: old.clone(),
                is_copied: false,
                is_old_kept: false
            }
        );
        assert_library_in(&new);
        assert!(!old.exists());
    }

    #[test]
    fn an_empty_new_directory_does_not_stop_the_move() {
        let tmp = tempfile::tempdir().unwrap();
        let old = old_library(tmp.path());
        let new = tmp.path().join(APP_IDENTIFIER);
        std::fs::create_dir(&new).unwrap();
        assert!(matches!(
            move_legacy_data_dir(&old, &new).unwrap(),
            LegacyDataDir::Moved { .. }
        ));
        assert_library_in(&new);
    }

    #[test]
    fn when_the_rename_fails_the_tree_is_copied_then_the_old_one_removed() {
        let tmp = tempfile::tempdir().unwrap();
        let old = old_library(tmp.path());
        let new = tmp.path().join(APP_IDENTIFIER);
        // Only the first rename (old -> new) crosses devices; the staging rename succeeds.
        let calls = std::cell::Cell::new(0);
        let rename = |from: &Path, to: &Path| {
            calls.set(calls.get() + 1);
            if calls.get() == 1 {
                cross_device(from, to)
            } else {
                std::fs::rename(from, to)
            }
        };
        let copy = |from: &Path, to: &Path| std::fs::copy(from, to).map(|_| ());
        let outcome = move_with(&old, &new, &rename, &copy).unwrap();
        assert_eq!(
            outcome,
            LegacyDataDir::Moved {
                from: old.clone(),
                is_copied: true,
                is_old_kept: false
            }
        );
        assert_library_in(&new);
        assert!(!old.exists());
        assert!(!tmp.path().join("dev.stratus.desktop.moving").exists());
    }

    #[test]
    fn a_copy_failing_midway_leaves_the_old_directory_whole_and_no_new_one() {
        let tmp = tempfile::tempdir().unwrap();
        let old = old_library(tmp.path());
        let new = tmp.path().join(APP_IDENTIFIER);
        let copies = std::cell::Cell::new(0);
        let copy = |from: &Path, to: &Path| {
            copies.set(copies.get() + 1);
            if copies.get() == 2 {
                return Err(std::io::Error::other("disk full"));
            }
            std::fs::copy(from, to).map(|_| ())
        };
        let err = move_with(&old, &new, &cross_device, &copy).unwrap_err();
        assert!(err.to_string().contains("left where it is"), "{err}");
        assert_eq!(copies.get(), 2, "the copy stopped at the failing file");
        assert_library_in(&old);
        assert!(!new.exists());
        assert!(!tmp.path().join("dev.stratus.desktop.moving").exists());
    }

    #[test]
    fn when_both_hold_data_neither_is_touched() {
        let tmp = tempfile::tempdir().unwrap();
        let old = old_library(tmp.path());
        let new = tmp.path().join(APP_IDENTIFIER);
        std::fs::create_dir(&new).unwrap();
        std::fs::write(new.join(DATABASE_FILE_NAME), b"newer").unwrap();
        assert_eq!(
            move_legacy_data_dir(&old, &new).unwrap(),
            LegacyDataDir::BothKept { old: old.clone() }
        );
        assert_library_in(&old);
        assert_eq!(
            std::fs::read(new.join(DATABASE_FILE_NAME)).unwrap(),
            b"newer"
        );
    }

    #[test]
    fn without_an_old_library_nothing_happens() {
        let tmp = tempfile::tempdir().unwrap();
        let old = tmp.path().join(LEGACY_APP_IDENTIFIER);
        let new = tmp.path().join(APP_IDENTIFIER);
        assert_eq!(
            move_legacy_data_dir(&old, &new).unwrap(),
            LegacyDataDir::Untouched
        );
        assert!(!old.exists() && !new.exists());
        // A folder under the old name without a database (a web view's cache) stays put too.
        std::fs::create_dir(&old).unwrap();
        std::fs::write(old.join("cache"), b"c").unwrap();
        assert_eq!(
            move_legacy_data_dir(&old, &new).unwrap(),
            LegacyDataDir::Untouched
        );
        assert!(old.join("cache").exists() && !new.exists());
    }

    #[test]
    fn explicit_and_environment_directories_are_never_moved_into() {
        let tmp = tempfile::tempdir().unwrap();
        let flag = tmp.path().join("flag");
        let env = tmp.path().join("env");
        for dir in [
            DataDir::resolve(Some(&flag), None).unwrap(),
            DataDir::resolve(None, env.to_str()).unwrap(),
        ] {
            assert_eq!(dir.ensure().unwrap(), LegacyDataDir::Untouched);
            assert!(dir.root().is_dir());
        }
        let default = DataDir::resolve(None, None).unwrap();
        assert_eq!(
            default.legacy.as_deref().and_then(Path::file_name),
            Some(std::ffi::OsStr::new(LEGACY_APP_IDENTIFIER))
        );
        assert_eq!(
            default.legacy.as_deref().and_then(Path::parent),
            default.root().parent()
        );
    }
}
