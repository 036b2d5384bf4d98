//! Commands for the interface settings.

use stratus_engine::UiSettings;
use tauri::State;

use crate::error::AppError;
use crate::state::AppState;

/// The saved interface settings (language, theme).
#[tauri::command(async)]
#[specta::specta]
pub fn ui_settings(state: State<'_, AppState>) -> Result<UiSettings, AppError> {
    Ok(state.library()?.ui_settings()?)
}

/// Saves the interface settings and returns them as stored.
#[tauri::command(async)]
#[specta::specta]
pub fn set_ui_settings(
    state: State<'_, AppState>,
    settings: UiSettings,
) -> Result<UiSettings, AppError> {
    Ok(state.library()?.set_ui_settings(settings)?)
}
