//! The engine's one error type. Variants follow what a caller can do about the failure,
//! and carry the path or item they concern.

use std::path::PathBuf;

/// Result alias used throughout the engine.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can go wrong in the engine.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The database was written by a newer Stratus; opening it could damage it.
    #[error(
        "{path} has schema version {found}, but this version of Stratus only knows up to {supported}; \
         update Stratus to open it (the file was not changed)"
    )]
    NewerSchema {
        path: PathBuf,
        found: u32,
        supported: u32,
    },

    /// The file exists but is not an SQLite database at all.
    #[error(
        "{path} is not a Stratus database (it is not an SQLite file); the file was not changed"
    )]
    NotADatabase { path: PathBuf },

    /// The file is an SQLite database of some other program.
    #[error(
        "{path} is an SQLite database of another program, not Stratus; the file was not changed"
    )]
    ForeignDatabase { path: PathBuf },

    /// The file looks like SQLite but its contents are damaged.
    #[error("{path} is damaged ({detail}); restore a backup — the file was not changed")]
    Corrupt { path: PathBuf, detail: String },

    /// Reading or writing a file or folder failed.
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    /// A migration failed to apply; the database is left at its previous version.
    #[error("upgrading the database to schema version {version} ({name}) failed: {source}")]
    Migration {
        version: u32,
        name: &'static str,
        #[source]
        source: rusqlite::Error,
    },

    /// Something the caller asked for does not exist.
    #[error("{what} not found: {id}")]
    NotFound { what: &'static str, id: String },

    /// The caller passed a value the engine cannot use.
    #[error("{0}")]
    InvalidInput(String),

    /// A course pack was refused; nothing was written.
    #[error("{path} is not a valid course pack: {problem}; nothing was changed")]
    InvalidPack {
        path: PathBuf,
        problem: crate::model::PackProblem,
    },

    /// A note's image was refused (outside the note's folder, not an allowed type, too
    /// large, missing); the reader shows it as not loaded.
    #[error("image {path:?} of document {document} was refused: {problem}")]
    ImageRefused {
        document: crate::ids::DocumentId,
        path: String,
        problem: crate::model::ImageProblem,
    },

    /// The file to write is already there and replacing it was not asked for; it was
    /// left as it was.
    #[error("{path} already exists; it was left as it was and nothing was written")]
    AlreadyExists { path: PathBuf },

    /// Any other database error.
    #[error("database error: {0}")]
    Db(#[from] rusqlite::Error),
}

/// Stable, machine-readable error codes, used by the CLI's `--json` errors and the UI's
/// translated messages. Never renamed once shipped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    NewerSchema,
    NotADatabase,
    ForeignDatabase,
    Corrupt,
    Io,
    Migration,
    NotFound,
    InvalidInput,
    InvalidPack,
    ImageRefused,
    AlreadyExists,
    Db,
}

impl Error {
    /// The stable code of this error.
    pub fn kind(&self) -> ErrorKind {
        match self {
            Error::NewerSchema { .. } => ErrorKind::NewerSchema,
            Error::NotADatabase { .. } => ErrorKind::NotADatabase,
            Error::ForeignDatabase { .. } => ErrorKind::ForeignDatabase,
            Error::Corrupt { .. } => ErrorKind::Corrupt,
            Error::Io { .. } => ErrorKind::Io,
            Error::Migration { .. } => ErrorKind::Migration,
            Error::NotFound { .. } => ErrorKind::NotFound,
            Error::InvalidInput(_) => ErrorKind::InvalidInput,
            Error::InvalidPack { .. } => ErrorKind::InvalidPack,
            Error::ImageRefused { .. } => ErrorKind::ImageRefused,
            Error::AlreadyExists { .. } => ErrorKind::AlreadyExists,
            Error::Db(_) => ErrorKind::Db,
        }
    }

    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }
}
