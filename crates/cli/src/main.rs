//! `stratus`: a thin command line over the Stratus engine. Every subcommand opens the
//! library, makes one engine call and renders the engine's own result struct.
//!
//! Exit codes: 0 success, 1 nothing matched, 2 error. With `--json`, errors are written to
//! stderr as `{"error": {"kind": "...", "message": "..."}}`.

mod args;
mod cmd;
mod output;

use std::process::ExitCode;

use clap::Parser;
use stratus_engine::{DataDir, Library, LibraryOptions};

use crate::args::{Args, Command};
use crate::output::Output;

fn main() -> ExitCode {
    let args = Args::parse();
    let json = args.json;
    match run(args) {
        Ok(code) => code,
        Err(err) => {
            report(&err, json);
            ExitCode::from(2)
        }
    }
}

fn run(args: Args) -> anyhow::Result<ExitCode> {
    // clap already folded STRATUS_DATA_DIR into `data_dir`.
    let data_dir = DataDir::resolve(args.data_dir.as_deref(), None)?;
    data_dir.ensure()?;
    let library = Library::open(data_dir.database_path(), LibraryOptions::default())?;
    let mut out = Output::new(args.json);
    match args.command {
        Command::Info => cmd::info::run(&library, &mut out)?,
    }
    Ok(ExitCode::SUCCESS)
}

fn report(err: &anyhow::Error, json: bool) {
    let engine = err.downcast_ref::<stratus_engine::Error>();
    if json {
        let kind = engine
            .map(|e| serde_json::to_value(e.kind()).unwrap_or_default())
            .unwrap_or_else(|| serde_json::Value::String("internal".into()));
        let body = serde_json::json!({ "error": { "kind": kind, "message": format!("{err:#}") } });
        eprintln!("{body}");
    } else {
        eprintln!("stratus: {err:#}");
    }
}
