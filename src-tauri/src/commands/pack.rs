//! Commands for course packs: inspect one before installing, install, list and remove.

use stratus_engine::{PackInfo, PackInstallReport, PackRemoveReport, PackSummary};
use tauri::State;

use crate::error::AppError;
use crate::state::AppState;

/// What the pack file at `path` holds and would add; nothing is written.
#[tauri::command(async)]
#[specta::specta]
pub fn inspect_pack(state: State<'_, AppState>, path: String) -> Result<PackInfo, AppError> {
    Ok(state.library()?.inspect_pack(&path)?)
}

/// Installs (or updates) the pack at `path`; `force` allows a version not newer than the
/// installed one.
#[tauri::command(async)]
#[specta::specta]
pub fn install_pack(
    state: State<'_, AppState>,
    path: String,
    force: bool,
) -> Result<PackInstallReport, AppError> {
    // A handle of its own: the app's library stays free for every screen while the pack's
    // notes are imported.
    let mut library = state.import_library()?;
    Ok(library.install_pack(&path, force)?)
}

/// The installed packs with their documents' ids.
#[tauri::command(async)]
#[specta::specta]
pub fn list_packs(state: State<'_, AppState>) -> Result<Vec<PackSummary>, AppError> {
    Ok(state.library()?.list_packs()?)
}

/// Removes an installed pack: its documents and its folder.
#[tauri::command(async)]
#[specta::specta]
pub fn remove_pack(state: State<'_, AppState>, name: String) -> Result<PackRemoveReport, AppError> {
    Ok(state.library()?.remove_pack(&name)?)
}
