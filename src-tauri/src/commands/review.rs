//! Commands of the reviewer: the next card, answering, multiple-choice grading, bury,
//! suspend, undo, and the scheduler's settings and optimizer.

use stratus_engine::{
    AnswerResult, CardId, ChoiceGrade, OptimizeReport, Rating, ReviewNext, ReviewScope,
    ReviewSettings, SchedulerParameters, UndoResult,
};
use tauri::{AppHandle, Manager, State};

use crate::error::AppError;
use crate::state::AppState;

/// The next card to study in a scope, with the counts left today.
#[tauri::command(async)]
#[specta::specta]
pub fn review_next(state: State<'_, AppState>, scope: ReviewScope) -> Result<ReviewNext, AppError> {
    Ok(state.library()?.review_next(&scope)?)
}

/// Records an answer; `duration_ms` is how long the card was shown.
#[tauri::command(async)]
#[specta::specta]
pub fn answer_card(
    state: State<'_, AppState>,
    card_id: CardId,
    rating: Rating,
    duration_ms: u32,
) -> Result<AnswerResult, AppError> {
    Ok(state
        .library()?
        .answer_card(&card_id, rating, duration_ms)?)
}

/// Grades the options picked on a multiple-choice card and suggests a rating.
#[tauri::command(async)]
#[specta::specta]
pub fn grade_choice(
    state: State<'_, AppState>,
    card_id: CardId,
    selected: Vec<u32>,
) -> Result<ChoiceGrade, AppError> {
    Ok(state.library()?.grade_choice(&card_id, &selected)?)
}

/// Hides a card until the next study day.
#[tauri::command(async)]
#[specta::specta]
pub fn bury_card(state: State<'_, AppState>, card_id: CardId) -> Result<(), AppError> {
    Ok(state.library()?.bury_card(&card_id)?)
}

/// Suspends a card from the reviewer (undoable like an answer).
#[tauri::command(async)]
#[specta::specta]
pub fn suspend_in_review(state: State<'_, AppState>, card_id: CardId) -> Result<(), AppError> {
    Ok(state.library()?.suspend_in_review(&card_id)?)
}

/// Takes back the last answer, burial or suspension.
#[tauri::command(async)]
#[specta::specta]
pub fn undo_review(state: State<'_, AppState>) -> Result<UndoResult, AppError> {
    Ok(state.library()?.undo_review()?)
}

/// The scheduler's settings (retention, limits, steps, day rollover).
#[tauri::command(async)]
#[specta::specta]
pub fn review_settings(state: State<'_, AppState>) -> Result<ReviewSettings, AppError> {
    Ok(state.library()?.review_settings()?)
}

/// Saves the scheduler's settings after validating them.
#[tauri::command(async)]
#[specta::specta]
pub fn set_review_settings(
    state: State<'_, AppState>,
    settings: ReviewSettings,
) -> Result<ReviewSettings, AppError> {
    Ok(state.library()?.set_review_settings(&settings)?)
}

/// The FSRS parameters in use and where they came from.
#[tauri::command(async)]
#[specta::specta]
pub fn scheduler_parameters(state: State<'_, AppState>) -> Result<SchedulerParameters, AppError> {
    Ok(state.library()?.scheduler_parameters()?)
}

/// Fits personal FSRS parameters to the review history (off the UI thread).
#[tauri::command]
#[specta::specta]
pub async fn optimize(app: AppHandle) -> Result<OptimizeReport, AppError> {
    tauri::async_runtime::spawn_blocking(move || {
        let state = app.state::<AppState>();
        let mut library = state.library()?;
        Ok(library.optimize()?)
    })
    .await
    .map_err(AppError::internal)?
}
