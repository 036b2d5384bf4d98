//! Commands about the library as a whole.

use stratus_engine::{DocumentId, DocumentSummary, LibraryInfo};
use tauri::State;

use crate::error::AppError;
use crate::state::AppState;

/// Where the library lives and what it holds.
#[tauri::command(async)]
#[specta::specta]
pub fn library_info(state: State<'_, AppState>) -> Result<LibraryInfo, AppError> {
    Ok(state.library()?.info()?)
}

/// Gives an imported document the learner's own title, kept across re-imports.
#[tauri::command(async)]
#[specta::specta]
pub fn rename_document(
    state: State<'_, AppState>,
    id: DocumentId,
    title: String,
) -> Result<DocumentSummary, AppError> {
    Ok(state.library()?.rename_document(id, &title)?)
}
