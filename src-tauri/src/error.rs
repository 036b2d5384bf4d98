//! The error every command returns: a stable `kind` code the UI translates, plus the
//! engine's message for details.

use serde::Serialize;
use stratus_engine::ErrorKind;

/// A command failure as the UI sees it.
#[derive(Debug, Clone, Serialize, specta::Type, thiserror::Error)]
#[error("{message}")]
pub struct AppError {
    /// Stable code, mapped to a translated message by the UI.
    pub kind: AppErrorKind,
    /// Human-readable detail (names the file or item concerned).
    pub message: String,
}

/// Engine error kinds plus the shell's own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum AppErrorKind {
    /// The library could not be opened at start-up.
    LibraryUnavailable,
    /// A bug in the shell itself (e.g. a background task panicked).
    Internal,
    /// An engine error, by its stable kind.
    #[serde(untagged)]
    Engine(ErrorKind),
}

impl AppError {
    /// An internal failure, with its detail.
    pub fn internal(detail: impl std::fmt::Display) -> Self {
        Self {
            kind: AppErrorKind::Internal,
            message: detail.to_string(),
        }
    }
}

impl From<stratus_engine::Error> for AppError {
    fn from(e: stratus_engine::Error) -> Self {
        Self {
            kind: AppErrorKind::Engine(e.kind()),
            message: e.to_string(),
        }
    }
}
