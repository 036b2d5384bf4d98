//! The engine handle held in Tauri state. Opening can fail (a newer, foreign or damaged
//! database); the app still starts and every command reports why.

use std::sync::atomic::AtomicBool;
use std::sync::{Mutex, MutexGuard};

use stratus_engine::Library;

use crate::error::{AppError, AppErrorKind};

/// The library, or the reason it could not be opened.
pub struct AppState {
    library: Result<Mutex<Library>, AppError>,
    /// Set by `cancel_import`; read by a running import between files. Kept outside the
    /// library lock, which the import holds.
    pub cancel_import: AtomicBool,
}

impl AppState {
    pub fn new(library: Result<Library, stratus_engine::Error>) -> Self {
        let library = library.map(Mutex::new).map_err(|e| AppError {
            kind: AppErrorKind::LibraryUnavailable,
            message: e.to_string(),
        });
        Self {
            library,
            cancel_import: AtomicBool::new(false),
        }
    }

    /// Locks the library for one engine call.
    pub fn library(&self) -> Result<MutexGuard<'_, Library>, AppError> {
        let mutex = self.library.as_ref().map_err(Clone::clone)?;
        // A panic inside an engine call poisons the lock; the connection itself is still
        // consistent (every write is a transaction), so keep serving.
        Ok(mutex
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner()))
    }
}
