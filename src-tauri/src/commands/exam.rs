//! Commands for practice exams and the question bank.

use stratus_engine::{
    AttemptId, AttemptSummary, ExamAttempt, ExamGuide, ExamReport, ExamStart, Question,
    QuestionFilter, QuestionId, SourceSection,
};
use tauri::State;

use crate::error::AppError;
use crate::state::AppState;

/// The four exams with their domains, weights, question counts, time and pass mark.
#[tauri::command]
#[specta::specta]
pub fn exam_guides() -> Vec<ExamGuide> {
    stratus_engine::exam_guides().exams.clone()
}

/// Starts a practice exam or an untimed practice session.
#[tauri::command(async)]
#[specta::specta]
pub fn start_exam(state: State<'_, AppState>, start: ExamStart) -> Result<ExamAttempt, AppError> {
    Ok(state.library()?.start_exam(&start)?)
}

/// An attempt as it stands (its clock brought up to now).
#[tauri::command(async)]
#[specta::specta]
pub fn exam_attempt(state: State<'_, AppState>, id: AttemptId) -> Result<ExamAttempt, AppError> {
    Ok(state.library()?.exam_attempt(id)?)
}

/// Opens an attempt again after the app was closed: its clock goes on from the last step.
#[tauri::command(async)]
#[specta::specta]
pub fn resume_exam(state: State<'_, AppState>, id: AttemptId) -> Result<ExamAttempt, AppError> {
    Ok(state.library()?.resume_exam(id)?)
}

/// Stops an attempt's clock while the exam screen is left.
#[tauri::command(async)]
#[specta::specta]
pub fn pause_exam(state: State<'_, AppState>, id: AttemptId) -> Result<ExamAttempt, AppError> {
    Ok(state.library()?.pause_exam(id)?)
}

/// Moves to another question of an attempt.
#[tauri::command(async)]
#[specta::specta]
pub fn exam_goto(
    state: State<'_, AppState>,
    id: AttemptId,
    position: u32,
) -> Result<ExamAttempt, AppError> {
    Ok(state.library()?.exam_goto(id, position)?)
}

/// Answers a question of an attempt with option indexes (none clears the answer).
#[tauri::command(async)]
#[specta::specta]
pub fn answer_exam_question(
    state: State<'_, AppState>,
    id: AttemptId,
    position: u32,
    choices: Vec<u32>,
) -> Result<ExamAttempt, AppError> {
    Ok(state
        .library()?
        .answer_exam_question(id, position, &choices)?)
}

/// Flags a question of an attempt for review before submitting, or clears the flag.
#[tauri::command(async)]
#[specta::specta]
pub fn flag_exam_question(
    state: State<'_, AppState>,
    id: AttemptId,
    position: u32,
    flagged: bool,
) -> Result<ExamAttempt, AppError> {
    Ok(state.library()?.flag_exam_question(id, position, flagged)?)
}

/// Submits an attempt and returns its report.
#[tauri::command(async)]
#[specta::specta]
pub fn submit_exam(state: State<'_, AppState>, id: AttemptId) -> Result<ExamReport, AppError> {
    Ok(state.library()?.submit_exam(id)?)
}

/// The report of a submitted attempt.
#[tauri::command(async)]
#[specta::specta]
pub fn exam_report(state: State<'_, AppState>, id: AttemptId) -> Result<ExamReport, AppError> {
    Ok(state.library()?.exam_report(id)?)
}

/// Past attempts of one exam (or all), newest first.
#[tauri::command(async)]
#[specta::specta]
pub fn exam_history(
    state: State<'_, AppState>,
    exam: Option<String>,
) -> Result<Vec<AttemptSummary>, AppError> {
    Ok(state.library()?.exam_history(exam.as_deref())?)
}

/// The attempt still in progress, if any.
#[tauri::command(async)]
#[specta::specta]
pub fn exam_in_progress(state: State<'_, AppState>) -> Result<Option<AttemptId>, AppError> {
    Ok(state.library()?.exam_in_progress()?)
}

/// Questions of the library matching a filter.
#[tauri::command(async)]
#[specta::specta]
pub fn list_questions(
    state: State<'_, AppState>,
    filter: QuestionFilter,
) -> Result<Vec<Question>, AppError> {
    Ok(state.library()?.list_questions(&filter)?)
}

/// The section a question's source link points at, to open it in the reader.
#[tauri::command(async)]
#[specta::specta]
pub fn question_source(
    state: State<'_, AppState>,
    id: QuestionId,
) -> Result<Option<SourceSection>, AppError> {
    Ok(state.library()?.question_source_section(&id)?)
}
