//! The Stratus desktop shell: opens the engine's library and exposes it to the web UI
//! through typed commands. TypeScript bindings for the commands are generated from these
//! Rust signatures (`bindings()`), never written by hand.

mod commands;
mod error;
mod protocol;
mod state;

use stratus_engine::{DataDir, Library, LibraryOptions};
use tauri_specta::{Builder, collect_commands};

pub use error::{AppError, AppErrorKind};

/// The command set, shared by the running app and the bindings export.
pub fn bindings() -> Builder<tauri::Wry> {
    Builder::<tauri::Wry>::new().commands(collect_commands![
        commands::library::library_info,
        commands::library::rename_document,
        commands::notes::import_paths,
        commands::notes::cancel_import,
        commands::notes::documents,
        commands::notes::remove_document,
        commands::notes::search,
        commands::notes::palette,
        commands::notes::open_section,
        commands::cards::cards_for_section,
        commands::cards::list_cards,
        commands::cards::browse_cards,
        commands::cards::set_cards_suspended,
        commands::cards::suspend_card,
        commands::cards::unsuspend_card,
        commands::cards::edit_card,
        commands::review::review_next,
        commands::review::answer_card,
        commands::review::grade_choice,
        commands::review::bury_card,
        commands::review::suspend_in_review,
        commands::review::undo_review,
        commands::review::review_settings,
        commands::review::set_review_settings,
        commands::review::scheduler_parameters,
        commands::review::optimize,
        commands::progress::progress_stats,
        commands::progress::export_progress,
        commands::progress::import_progress,
        commands::export::export_anki,
        commands::backup::list_backups,
        commands::backup::backup_now,
        commands::backup::restore_backup,
        commands::backup::backup_settings,
        commands::backup::set_backup_settings,
        commands::backup::recover_library,
        commands::settings::ui_settings,
        commands::settings::set_ui_settings,
        commands::exam::exam_guides,
        commands::exam::start_exam,
        commands::exam::exam_attempt,
        commands::exam::resume_exam,
        commands::exam::pause_exam,
        commands::exam::exam_goto,
        commands::exam::answer_exam_question,
        commands::exam::flag_exam_question,
        commands::exam::submit_exam,
        commands::exam::exam_report,
        commands::exam::exam_history,
        commands::exam::exam_in_progress,
        commands::exam::list_questions,
        commands::exam::question_source,
        commands::pack::inspect_pack,
        commands::pack::install_pack,
        commands::pack::list_packs,
        commands::pack::remove_pack,
    ])
}

/// Writes the TypeScript bindings for every command and type to `path`.
pub fn export_bindings(path: &std::path::Path) -> Result<(), String> {
    let ts = specta_typescript::Typescript::default()
        .header("// Generated from the Rust command signatures by `cargo test -p stratus-app`. Do not edit.\n/* eslint-disable */");
    bindings().export(ts, path).map_err(|e| e.to_string())
}

/// The value of `--data-dir DIR` or `--data-dir=DIR` on the app's command line.
fn data_dir_argument(args: impl IntoIterator<Item = String>) -> Option<std::path::PathBuf> {
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        if arg == "--data-dir" {
            return args.next().map(Into::into);
        }
        if let Some(value) = arg.strip_prefix("--data-dir=") {
            return Some(value.into());
        }
    }
    None
}

/// Where the library's database is: `--data-dir`, then `STRATUS_DATA_DIR`, then the
/// per-user app-data directory (the same resolution as the CLI).
fn database_path() -> Result<std::path::PathBuf, stratus_engine::Error> {
    let explicit = data_dir_argument(std::env::args().skip(1));
    let data_dir = DataDir::from_env(explicit.as_deref())?;
    if let Some(note) = data_dir.ensure()?.note(data_dir.root()) {
        eprintln!("stratus: {note}");
    }
    Ok(data_dir.database_path())
}

fn open_library(path: &std::path::Path) -> Result<Library, stratus_engine::Error> {
    let mut library = Library::open(path, LibraryOptions::default())?;
    sync_course(&mut library);
    Ok(library)
}

/// The built-in course is imported on first launch and refreshed when a new version ships.
/// A failure here must not lock the learner out of their own notes.
pub(crate) fn sync_course(library: &mut Library) {
    if let Err(e) = library.sync_course() {
        eprintln!("stratus: the built-in course could not be updated: {e}");
    }
}

/// Whether the learner asked for WebKit's default GPU drawing (`STRATUS_GPU=1`).
#[cfg(target_os = "linux")]
fn gpu_requested() -> bool {
    std::env::var_os("STRATUS_GPU").is_some_and(|v| v == "1")
}

/// Tells GDK not to probe OpenGL when GTK starts (`GDK_GL=disable`), unless `STRATUS_GPU=1`
/// or the variable is already set. Opening the X display, GDK asks GLX for the visuals it
/// could draw OpenGL into, which loads the Mesa driver and all of LLVM, in the app and again
/// in WebKit's web process, before the window exists: about 0.1–0.15 s of every launch
/// (BENCHMARKS.md, startup). Nothing in the app draws with GDK's OpenGL: the web view draws
/// without compositing (`software_rendering`) and WebKit sets up its own EGL display.
///
/// # Safety
///
/// Changes the process environment: call it before any other thread exists (first thing in
/// `main`), as `std::env::set_var` requires.
#[cfg(target_os = "linux")]
pub unsafe fn prepare_linux_environment() {
    if gpu_requested() || std::env::var_os("GDK_GL").is_some() {
        return;
    }
    // SAFETY: single-threaded by this function's contract.
    unsafe { std::env::set_var("GDK_GL", "disable") };
}

/// Draws the window without GPU compositing (WebKitGTK's hardware acceleration policy
/// "never"), unless `STRATUS_GPU=1`. Stratus shows text, tables and small charts, which
/// need no compositing layers; without them the web process does not load the GL stack
/// (Mesa and LLVM, about 40 MiB) and keeps fewer layer buffers: about 415 → 285 MiB in
/// total after visiting every screen (BENCHMARKS.md, startup and memory).
#[cfg(target_os = "linux")]
fn software_rendering(app: &tauri::App) {
    use tauri::Manager;
    use webkit2gtk::{HardwareAccelerationPolicy, SettingsExt, WebViewExt};
    if gpu_requested() {
        return;
    }
    for window in app.webview_windows().values() {
        let _ = window.with_webview(|webview| {
            if let Some(settings) = WebViewExt::settings(&webview.inner()) {
                settings.set_hardware_acceleration_policy(HardwareAccelerationPolicy::Never);
            }
        });
    }
}

/// Runs the desktop app.
pub fn run() {
    let builder = bindings();
    let state = match database_path() {
        Ok(path) => {
            // Opening (migrations, the course check) runs while the window and its web
            // process start, instead of before them; the first command waits for it.
            let state = state::AppState::opening(Some(path.clone()));
            let opener = state.opener();
            std::thread::spawn(move || opener.opened(open_library(&path)));
            state
        }
        Err(e) => state::AppState::new(Err(e), None),
    };
    tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .manage(state)
        .register_asynchronous_uri_scheme_protocol(protocol::SCHEME, protocol::handle)
        .invoke_handler(builder.invoke_handler())
        .setup(move |app| {
            builder.mount_events(app);
            #[cfg(target_os = "linux")]
            software_rendering(app);
            Ok(())
        })
        .run(tauri::generate_context!())
        .expect("the Tauri runtime failed to start");
}

#[cfg(test)]
mod tests {
    use super::data_dir_argument;

    #[test]
    fn data_dir_argument_accepts_both_spellings() {
        let args = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            data_dir_argument(args(&["--data-dir", "/a"])),
            Some("/a".into())
        );
        assert_eq!(
            data_dir_argument(args(&["-x", "--data-dir=/b"])),
            Some("/b".into())
        );
        assert_eq!(data_dir_argument(args(&["--data-dir"])), None);
        assert_eq!(data_dir_argument(args(&[])), None);
    }
}
