//! One module per subcommand: each makes one engine call and renders its result.

pub mod cards;
pub mod documents;
pub mod import;
pub mod info;
pub mod palette;
pub mod search;
pub mod settings;
pub mod show;
