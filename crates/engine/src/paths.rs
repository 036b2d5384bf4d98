//! Where Stratus keeps its data. The CLI and the desktop app resolve the same directory:
//! an explicit path first, then `STRATUS_DATA_DIR`, then the operating system's per-user
//! application-data directory for the app identifier (the one Tauri's `app_data_dir` uses).

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// The application identifier, shared with the desktop bundle (`tauri.conf.json`).
pub const APP_IDENTIFIER: &str = "dev.stratus.app";
/// Environment variable that overrides the data directory.
pub const DATA_DIR_ENV: &str = "STRATUS_DATA_DIR";
/// File name of the database inside the data directory.
pub const DATABASE_FILE_NAME: &str = "stratus.sqlite3";

/// A resolved data directory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataDir {
    root: PathBuf,
}

impl DataDir {
    /// Resolves the data directory: `explicit` if given, else a non-empty `env_value`
    /// (the caller reads `STRATUS_DATA_DIR`, so this stays testable), else the OS default.
    pub fn resolve(explicit: Option<&Path>, env_value: Option<&str>) -> Result<Self> {
        if let Some(path) = explicit {
            return Ok(Self {
                root: path.to_path_buf(),
            });
        }
        if let Some(value) = env_value.filter(|v| !v.trim().is_empty()) {
            return Ok(Self {
                root: PathBuf::from(value),
            });
        }
        let base = directories::BaseDirs::new().ok_or_else(|| {
            Error::InvalidInput(format!(
                "cannot find the per-user data directory of this system; set {DATA_DIR_ENV} or pass --data-dir"
            ))
        })?;
        Ok(Self {
            root: base.data_dir().join(APP_IDENTIFIER),
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

    /// Creates the directory (and parents) if missing.
    pub fn ensure(&self) -> Result<()> {
        create_dir_all(&self.root)
    }
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
}
