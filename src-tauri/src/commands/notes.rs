//! Commands for the notes library: import, documents, search, the heading palette and the
//! rendered section view.

use std::sync::atomic::Ordering;

use stratus_engine::{
    DocumentId, DocumentSummary, ImportOptions, ImportProgress, ImportReport, PaletteHit,
    SearchQuery, SearchResults, SectionId, SectionView,
};
use tauri::ipc::Channel;
use tauri::{AppHandle, Manager, State};

use crate::error::AppError;
use crate::state::AppState;

/// Imports files and folders of notes, streaming progress to `on_progress`. Runs off the
/// UI thread; `cancel_import` stops it between two files.
#[tauri::command]
#[specta::specta]
pub async fn import_paths(
    app: AppHandle,
    paths: Vec<String>,
    prune: bool,
    on_progress: Channel<ImportProgress>,
) -> Result<ImportReport, AppError> {
    tauri::async_runtime::spawn_blocking(move || {
        let state = app.state::<AppState>();
        state.cancel_import.store(false, Ordering::SeqCst);
        let options = ImportOptions {
            prune,
            ..ImportOptions::default()
        };
        // A handle of its own: the app's library stays free for search, the palette and
        // every screen while the import runs.
        let mut library = state.import_library()?;
        let report = library.import_paths(
            &paths,
            &options,
            &mut |progress| {
                // A closed window only means nobody is watching; the import goes on.
                let _ = on_progress.send(progress);
            },
            &state.cancel_import,
        )?;
        Ok(report)
    })
    .await
    .map_err(AppError::internal)?
}

/// Asks a running import to stop after the current file.
#[tauri::command]
#[specta::specta]
pub fn cancel_import(state: State<'_, AppState>) {
    state.cancel_import.store(true, Ordering::SeqCst);
}

/// Every document of the library, built-in course first.
#[tauri::command(async)]
#[specta::specta]
pub fn documents(state: State<'_, AppState>) -> Result<Vec<DocumentSummary>, AppError> {
    Ok(state.library()?.documents()?)
}

/// Removes an imported document and its sections.
#[tauri::command(async)]
#[specta::specta]
pub fn remove_document(state: State<'_, AppState>, id: DocumentId) -> Result<(), AppError> {
    Ok(state.library()?.remove_document(id)?)
}

/// Full-text search over the library.
#[tauri::command(async)]
#[specta::specta]
pub fn search(state: State<'_, AppState>, query: SearchQuery) -> Result<SearchResults, AppError> {
    Ok(state.library()?.search(&query)?)
}

/// Heading paths ranked by fuzzy match, for the Ctrl+K palette.
#[tauri::command(async)]
#[specta::specta]
pub fn palette(
    state: State<'_, AppState>,
    query: String,
    limit: u32,
) -> Result<Vec<PaletteHit>, AppError> {
    Ok(state.library()?.palette(&query, limit)?)
}

/// One section with its sanitized HTML and breadcrumbs.
#[tauri::command(async)]
#[specta::specta]
pub fn open_section(state: State<'_, AppState>, id: SectionId) -> Result<SectionView, AppError> {
    Ok(state.library()?.open_section(id)?)
}
