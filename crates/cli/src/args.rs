//! Command-line arguments. clap checks only the form of the arguments; the engine validates
//! their meaning.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

/// Stratus: offline study for AWS certification exams.
#[derive(Debug, Parser)]
#[command(name = "stratus", version, about, long_about = None)]
pub struct Args {
    /// Directory holding the library (default: the per-user app-data directory).
    #[arg(long, global = true, env = "STRATUS_DATA_DIR", value_name = "DIR")]
    pub data_dir: Option<PathBuf>,

    /// Print machine-readable JSON instead of text.
    #[arg(long, global = true)]
    pub json: bool,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Show where the library lives, its schema and SQLite versions, and what it holds.
    Info,
}
