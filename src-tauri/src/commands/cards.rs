//! Commands for quiz cards: the cards of a section, the card browser, suspending and
//! editing them.

use stratus_engine::{Card, CardEdit, CardFilter, CardId, CardPage, CardQuery, SectionId};
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

/// One page of the card browser: cards matching a query, sorted, with the total.
#[tauri::command(async)]
#[specta::specta]
pub fn browse_cards(state: State<'_, AppState>, query: CardQuery) -> Result<CardPage, AppError> {
    Ok(state.library()?.browse_cards(&query)?)
}

/// Suspends or unsuspends several cards in one step; returns how many changed.
#[tauri::command(async)]
#[specta::specta]
pub fn set_cards_suspended(
    state: State<'_, AppState>,
    ids: Vec<CardId>,
    is_suspended: bool,
) -> Result<u32, AppError> {
    Ok(state.library()?.set_cards_suspended(&ids, is_suspended)?)
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
