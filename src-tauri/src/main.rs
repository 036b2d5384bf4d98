// Keeps a console window from opening next to the app on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    // SAFETY: the first statement of `main`: no other thread exists yet (the library opens on
    // its own thread later, in `run`), so nothing can read the environment while it changes.
    #[cfg(target_os = "linux")]
    unsafe {
        stratus_app_lib::prepare_linux_environment();
    }
    stratus_app_lib::run()
}
