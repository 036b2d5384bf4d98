//! Commands for backups: list, back up now, restore one, and how many to keep; and the
//! restore of a library that does not open.

use stratus_engine::{
    BackupInfo, BackupReport, BackupSettings, DatabaseRestoreReport, Library, LibraryOptions,
    RestoreReport,
};
use tauri::State;

use crate::error::AppError;
use crate::state::AppState;

/// The backups of the library, newest first; also when the library does not open.
#[tauri::command(async)]
#[specta::specta]
pub fn list_backups(state: State<'_, AppState>) -> Result<Vec<BackupInfo>, AppError> {
    match state.library() {
        Ok(library) => Ok(library.list_backups()?),
        Err(closed) => {
            let path = state.closed_database_path().map_err(|_| closed)?;
            Ok(stratus_engine::list_backups(
                &stratus_engine::backup_dir_of(path),
            )?)
        }
    }
}

/// Replaces a library that did not open with its backup `file_name`. The damaged files are
/// kept beside it under a new name; the restored library is used from then on.
#[tauri::command(async)]
#[specta::specta]
pub fn recover_library(
    state: State<'_, AppState>,
    file_name: String,
) -> Result<DatabaseRestoreReport, AppError> {
    let path = state.closed_database_path()?;
    let (mut library, report) =
        Library::restore_database_backup(path, &file_name, LibraryOptions::default())?;
    crate::sync_course(&mut library);
    state.replace(library);
    Ok(report)
}

/// Writes a backup now.
#[tauri::command(async)]
#[specta::specta]
pub fn backup_now(state: State<'_, AppState>) -> Result<BackupReport, AppError> {
    Ok(state.library()?.backup_now()?)
}

/// Replaces the library with a backup (after backing up the current one).
#[tauri::command(async)]
#[specta::specta]
pub fn restore_backup(
    state: State<'_, AppState>,
    file_name: String,
) -> Result<RestoreReport, AppError> {
    Ok(state.library()?.restore_backup(&file_name)?)
}

/// How many backups are kept.
#[tauri::command(async)]
#[specta::specta]
pub fn backup_settings(state: State<'_, AppState>) -> Result<BackupSettings, AppError> {
    Ok(state.library()?.backup_settings()?)
}

/// Changes how many backups are kept.
#[tauri::command(async)]
#[specta::specta]
pub fn set_backup_settings(
    state: State<'_, AppState>,
    settings: BackupSettings,
) -> Result<BackupSettings, AppError> {
    Ok(state.library()?.set_backup_settings(settings)?)
}
