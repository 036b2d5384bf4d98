//! One module per subcommand: each makes one engine call and renders its result.

pub mod backup;
pub mod cards;
pub mod documents;
pub mod exam;
pub mod export;
pub mod import;
pub mod info;
pub mod optimize;
pub mod pack;
pub mod palette;
pub mod progress;
pub mod review;
pub mod search;
pub mod settings;
pub mod show;
pub mod stats;
