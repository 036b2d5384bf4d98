//! Commands for the Progress screen.

use stratus_engine::ProgressStats;
use tauri::State;

use crate::error::AppError;
use crate::state::AppState;

/// Mastery, readiness, weakest topics and activity; `exam` narrows to one exam.
#[tauri::command(async)]
#[specta::specta]
pub fn progress_stats(
    state: State<'_, AppState>,
    exam: Option<String>,
) -> Result<ProgressStats, AppError> {
    Ok(state.library()?.progress_stats(exam.as_deref())?)
}
