//! Commands for backups: list, back up now, restore one, and how many to keep.

use stratus_engine::{BackupInfo, BackupSettings, RestoreReport};
use tauri::State;

use crate::error::AppError;
use crate::state::AppState;

/// The backups of the library, newest first.
#[tauri::command]
#[specta::specta]
pub fn list_backups(state: State<'_, AppState>) -> Result<Vec<BackupInfo>, AppError> {
    Ok(state.library()?.list_backups()?)
}

/// Writes a backup now.
#[tauri::command]
#[specta::specta]
pub fn backup_now(state: State<'_, AppState>) -> Result<BackupInfo, AppError> {
    Ok(state.library()?.backup_now()?)
}

/// Replaces the library with a backup (after backing up the current one).
#[tauri::command]
#[specta::specta]
pub fn restore_backup(
    state: State<'_, AppState>,
    file_name: String,
) -> Result<RestoreReport, AppError> {
    Ok(state.library()?.restore_backup(&file_name)?)
}

/// How many backups are kept.
#[tauri::command]
#[specta::specta]
pub fn backup_settings(state: State<'_, AppState>) -> Result<BackupSettings, AppError> {
    Ok(state.library()?.backup_settings()?)
}

/// Changes how many backups are kept.
#[tauri::command]
#[specta::specta]
pub fn set_backup_settings(
    state: State<'_, AppState>,
    settings: BackupSettings,
) -> Result<BackupSettings, AppError> {
    Ok(state.library()?.set_backup_settings(settings)?)
}
