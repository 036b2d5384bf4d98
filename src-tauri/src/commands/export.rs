//! Commands for exporting cards to other study tools.

use std::path::Path;

use stratus_engine::{AnkiExportOptions, AnkiExportReport};
use tauri::State;

use crate::error::AppError;
use crate::state::AppState;

/// Writes the active cards matching `options` to `path` as an Anki package or a CSV file. A
/// file already there is replaced only with `replace`; otherwise the error is
/// `already_exists` and the UI asks.
#[tauri::command(async)]
#[specta::specta]
pub fn export_anki(
    state: State<'_, AppState>,
    options: AnkiExportOptions,
    path: String,
    replace: bool,
) -> Result<AnkiExportReport, AppError> {
    Ok(state
        .library()?
        .export_anki(&options, Path::new(&path), replace)?)
}
