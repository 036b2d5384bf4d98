//! Commands about the library as a whole.

use stratus_engine::LibraryInfo;
use tauri::State;

use crate::error::AppError;
use crate::state::AppState;

/// Where the library lives and what it holds.
#[tauri::command(async)]
#[specta::specta]
pub fn library_info(state: State<'_, AppState>) -> Result<LibraryInfo, AppError> {
    Ok(state.library()?.info()?)
}
