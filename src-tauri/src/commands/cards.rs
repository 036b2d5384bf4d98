//! Commands for quiz cards: the cards of a section, suspending and editing them.

use stratus_engine::{Card, CardEdit, CardFilter, CardId, SectionId};
use tauri::State;

use crate::error::AppError;
use crate::state::AppState;

/// The cards generated from one section (active and suspended).
#[tauri::command(async)]
#[specta::specta]
pub fn cards_for_section(
    state: State<'_, AppState>,
    section_id: SectionId,
) -> Result<Vec<Card>, AppError> {
    Ok(state.library()?.cards_for_section(section_id)?)
}

/// Cards matching a filter (exam, topic), for browsing.
#[tauri::command(async)]
#[specta::specta]
pub fn list_cards(state: State<'_, AppState>, filter: CardFilter) -> Result<Vec<Card>, AppError> {
    Ok(state.library()?.list_cards(&filter)?)
}

/// Hides a card from reviews until it is unsuspended.
#[tauri::command(async)]
#[specta::specta]
pub fn suspend_card(state: State<'_, AppState>, id: CardId) -> Result<Card, AppError> {
    Ok(state.library()?.suspend_card(&id)?)
}

/// Brings a suspended card back into reviews.
#[tauri::command(async)]
#[specta::specta]
pub fn unsuspend_card(state: State<'_, AppState>, id: CardId) -> Result<Card, AppError> {
    Ok(state.library()?.unsuspend_card(&id)?)
}

/// Stores the learner's wording of a card; it survives re-imports of the note.
#[tauri::command(async)]
#[specta::specta]
pub fn edit_card(state: State<'_, AppState>, id: CardId, edit: CardEdit) -> Result<Card, AppError> {
    Ok(state.library()?.edit_card(&id, &edit)?)
}
