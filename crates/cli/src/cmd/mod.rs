//! One module per subcommand: each makes one engine call and renders its result.

pub mod info;
