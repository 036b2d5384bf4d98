//! The engine handle held in Tauri state. Opening can fail (a newer, foreign or damaged
//! database); the app still starts, every command reports why, and a damaged library can
//! be replaced by one of its backups from inside the app.

use std::ops::{Deref, DerefMut};
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;
use std::sync::{Arc, Mutex, MutexGuard, OnceLock};

use stratus_engine::Library;

use crate::error::{AppError, AppErrorKind};

/// The library, or the reason it could not be opened.
pub struct AppState {
    /// Set once the library has been opened (or failed to open). The app opens it on a
    /// thread of its own while the window and its web process start; a command that comes
    /// first waits here.
    library: Arc<OnceLock<Mutex<Result<Library, AppError>>>>,
    /// Where the library's database is (or should be); `None` when even the data folder
    /// could not be worked out.
    database_path: Option<PathBuf>,
    /// Set by `cancel_import`; read by a running import between files. Kept outside the
    /// library lock, which the import holds.
    pub cancel_import: AtomicBool,
}

/// Puts the library opened on another thread into the app state, once.
pub struct Opener(Arc<OnceLock<Mutex<Result<Library, AppError>>>>);

impl Opener {
    /// Makes `library` (or the reason it did not open) what every command sees.
    pub fn opened(self, library: Result<Library, stratus_engine::Error>) {
        // Only the opener made for this state sets it, once; a second call is a bug that
        // must not replace a library in use.
        let _ = self.0.set(Mutex::new(library.map_err(unavailable)));
    }
}

impl Drop for Opener {
    /// An opener dropped unused — its thread panicked while opening — still answers every
    /// waiting command (with the reason) instead of leaving them waiting forever; the
    /// repair commands then work as for a library that did not open.
    fn drop(&mut self) {
        if self.0.get().is_none() {
            let _ = self.0.set(Mutex::new(Err(AppError {
                kind: AppErrorKind::LibraryUnavailable,
                message: "opening the library stopped with an internal error".into(),
            })));
        }
    }
}

/// The open library, locked for one engine call.
pub struct LibraryGuard<'a>(MutexGuard<'a, Result<Library, AppError>>);

impl Deref for LibraryGuard<'_> {
    type Target = Library;
    fn deref(&self) -> &Library {
        self.0.as_ref().expect("checked when locked")
    }
}

impl DerefMut for LibraryGuard<'_> {
    fn deref_mut(&mut self) -> &mut Library {
        self.0.as_mut().expect("checked when locked")
    }
}

/// Turns a failure to open into the error every command returns.
pub fn unavailable(e: stratus_engine::Error) -> AppError {
    AppError {
        kind: AppErrorKind::LibraryUnavailable,
        message: e.to_string(),
    }
}

impl AppState {
    pub fn new(
        library: Result<Library, stratus_engine::Error>,
        database_path: Option<PathBuf>,
    ) -> Self {
        let state = Self::opening(database_path);
        state.opened(library);
        state
    }

    /// State whose library is still being opened: pass [`AppState::opener`] to the thread
    /// that opens it. Commands wait until it is done.
    pub fn opening(database_path: Option<PathBuf>) -> Self {
        Self {
            library: Arc::new(OnceLock::new()),
            database_path,
            cancel_import: AtomicBool::new(false),
        }
    }

    /// A handle that puts the opened library (or the reason it did not open) in place.
    pub fn opener(&self) -> Opener {
        Opener(Arc::clone(&self.library))
    }

    fn opened(&self, library: Result<Library, stratus_engine::Error>) {
        self.opener().opened(library);
    }

    fn lock(&self) -> MutexGuard<'_, Result<Library, AppError>> {
        // A panic inside an engine call poisons the lock; the connection itself is still
        // consistent (every write is a transaction), so keep serving.
        self.library
            .wait()
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Locks the library for one engine call.
    pub fn library(&self) -> Result<LibraryGuard<'_>, AppError> {
        let guard = self.lock();
        if let Err(e) = &*guard {
            return Err(e.clone());
        }
        Ok(LibraryGuard(guard))
    }

    /// The database path, when the library could not be opened (`Err` with the reason it
    /// is open); for the commands that repair a library that does not open.
    pub fn closed_database_path(&self) -> Result<&Path, AppError> {
        if self.lock().is_ok() {
            return Err(AppError::internal("the library is open"));
        }
        self.database_path
            .as_deref()
            .ok_or_else(|| AppError::internal("the data folder could not be determined"))
    }

    /// A second handle on the open library's database, for a long import: it writes one
    /// transaction per file on its own connection and never holds the app's lock, so
    /// search, the palette and every screen keep answering meanwhile (other handles see
    /// each file as it commits).
    pub fn import_library(&self) -> Result<Library, AppError> {
        drop(self.library()?);
        let path = self
            .database_path
            .as_deref()
            .ok_or_else(|| AppError::internal("the data folder could not be determined"))?;
        Library::open(path, stratus_engine::LibraryOptions::default()).map_err(unavailable)
    }

    /// Puts a library opened by a repair in place of the one that did not open.
    pub fn replace(&self, library: Library) {
        *self.lock() = Ok(library);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use stratus_engine::LibraryOptions;

    #[test]
    fn a_library_that_did_not_open_can_be_put_in_place_later() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("stratus.sqlite3");
        std::fs::write(&path, vec![0xA5; 8192]).unwrap();
        let state = AppState::new(
            Library::open(&path, LibraryOptions::default()),
            Some(path.clone()),
        );
        let closed = state.library().err().expect("garbage does not open");
        assert_eq!(closed.kind, AppErrorKind::LibraryUnavailable);
        assert_eq!(state.closed_database_path().unwrap(), path);

        state.replace(Library::open_in_memory(LibraryOptions::default()).unwrap());
        assert!(state.library().is_ok());
        assert!(
            state.closed_database_path().is_err(),
            "an open library is not repaired"
        );
    }

    #[test]
    fn commands_wait_for_the_library_being_opened_on_another_thread() {
        let state = AppState::opening(None);
        let opener = state.opener();
        let opened_first = std::sync::Arc::new(AtomicBool::new(false));
        let flag = std::sync::Arc::clone(&opened_first);
        let thread = std::thread::spawn(move || {
            std::thread::sleep(std::time::Duration::from_millis(50));
            let mut library = Library::open_in_memory(LibraryOptions::default()).unwrap();
            library.sync_course().unwrap();
            flag.store(true, std::sync::atomic::Ordering::SeqCst);
            opener.opened(Ok(library));
        });
        // Asked before the thread is done: waits, then sees the library it opened.
        let info = state.library().expect("opened").info().unwrap();
        assert!(opened_first.load(std::sync::atomic::Ordering::SeqCst));
        assert!(info.counts.documents > 0, "{info:?}");
        thread.join().unwrap();
    }

    #[test]
    fn a_panic_while_opening_answers_commands_with_an_error_instead_of_a_hang() {
        let state = AppState::opening(Some(PathBuf::from("/nonexistent/stratus.sqlite3")));
        let opener = state.opener();
        let thread = std::thread::spawn(move || {
            let _opener = opener;
            panic!("a bug while opening");
        });
        assert!(thread.join().is_err(), "the opening thread panicked");
        let error = state.library().err().expect("no library");
        assert_eq!(error.kind, AppErrorKind::LibraryUnavailable);
        assert_eq!(
            state.closed_database_path().unwrap(),
            Path::new("/nonexistent/stratus.sqlite3"),
            "the repair commands see a library that did not open"
        );
    }

    #[test]
    fn an_import_leaves_the_app_library_free_for_other_commands() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("stratus.sqlite3");
        let notes = dir.path().join("notes");
        std::fs::create_dir(&notes).unwrap();
        for i in 0..5 {
            let text = format!("# Note {i}\n\n## S3 bucket policy {i}\n\nText {i}.\n");
            std::fs::write(notes.join(format!("n{i}.md")), text).unwrap();
        }
        let state = AppState::new(
            Library::open(&path, LibraryOptions::default()),
            Some(path.clone()),
        );
        let mut import = state.import_library().unwrap();
        let mut answered = 0;
        let report = import
            .import_paths(
                &[&notes],
                &stratus_engine::ImportOptions::default(),
                &mut |_| {
                    // Would wait forever if the import held the app's lock.
                    let library = state.library().expect("the app's library is free");
                    library.palette("bucket policy", 5).unwrap();
                    answered += 1;
                },
                &AtomicBool::new(false),
            )
            .unwrap();
        assert_eq!(report.totals.imported, 5);
        assert!(answered >= 5, "{answered} palette calls during the import");
        let hits = state
            .library()
            .unwrap()
            .palette("bucket policy", 10)
            .unwrap();
        assert_eq!(
            hits.len(),
            5,
            "the app's handle sees every imported file: {hits:?}"
        );
    }
}
