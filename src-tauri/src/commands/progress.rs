//! Commands for the Progress screen, and for carrying progress to another computer
//! (Settings → Progress).

use std::path::Path;

use stratus_engine::{ProgressExportReport, ProgressImportReport, ProgressStats};
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

/// Writes the review log, suspended and buried cards, card edits and finished practice exams
/// to `path` as a progress file. A file already there is replaced only with `replace`;
/// otherwise the error is `already_exists` and the UI asks.
#[tauri::command(async)]
#[specta::specta]
pub fn export_progress(
    state: State<'_, AppState>,
    path: String,
    replace: bool,
) -> Result<ProgressExportReport, AppError> {
    Ok(state
        .library()?
        .export_progress(Path::new(&path), replace)?)
}

/// Merges the progress file at `path` (checked in full first; a bad one changes nothing).
#[tauri::command(async)]
#[specta::specta]
pub fn import_progress(
    state: State<'_, AppState>,
    path: String,
) -> Result<ProgressImportReport, AppError> {
    Ok(state.library()?.import_progress(Path::new(&path))?)
}
