//! Tauri commands: thin adapters that lock the library, make one engine call and return
//! the engine's struct. No domain logic lives here.

pub mod backup;
pub mod cards;
pub mod exam;
pub mod export;
pub mod library;
pub mod notes;
pub mod pack;
pub mod progress;
pub mod review;
pub mod settings;
