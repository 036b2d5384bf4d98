//! `stratus`: a thin command line over the Stratus engine. Every subcommand opens the
//! library, makes one engine call and renders the engine's own result struct.
//!
//! Exit codes: 0 success, 1 nothing matched, 2 error. With `--json`, errors are written to
//! stderr as `{"error": {"kind": "...", "message": "..."}}`.

mod args;
mod cmd;
#[cfg(debug_assertions)]
mod crashpoint;
mod output;

use std::process::ExitCode;
use std::sync::Arc;

use clap::Parser;
use stratus_engine::{
    Clock, DataDir, DocumentId, FixedClock, ImportOptions, Library, LibraryOptions, SearchQuery,
    SearchScope, SystemClock,
};

use crate::args::{Args, Command, Scope};
use crate::output::Output;

fn main() -> ExitCode {
    #[cfg(debug_assertions)]
    crashpoint::install_from_env();
    let args = Args::parse();
    let json = args.json;
    let result = run(args);
    #[cfg(debug_assertions)]
    crashpoint::report();
    match result {
        Ok(code) => code,
        // The reader went away (`stratus search x | head -1`): what it wanted was written.
        Err(err) if is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            report(&err, json);
            ExitCode::from(2)
        }
    }
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
            || cause
                .downcast_ref::<serde_json::Error>()
                .and_then(|e| e.io_error_kind())
                .is_some_and(|k| k == std::io::ErrorKind::BrokenPipe)
    })
}

fn run(args: Args) -> anyhow::Result<ExitCode> {
    // clap already folded STRATUS_DATA_DIR into `data_dir`.
    let data_dir = DataDir::resolve(args.data_dir.as_deref(), None)?;
    if let Some(note) = data_dir.ensure()?.note(data_dir.root()) {
        eprintln!("stratus: {note}");
    }
    // With --at / STRATUS_NOW the library runs on a fixed clock. The time is read in the
    // zone of the review settings, which are in the library, so the clock is set after open.
    let fixed_clock = args
        .at
        .as_ref()
        .map(|_| Arc::new(FixedClock::new(SystemClock.now())));
    let options = match &fixed_clock {
        Some(clock) => LibraryOptions {
            clock: clock.clone(),
            ..LibraryOptions::default()
        },
        None => LibraryOptions::default(),
    };
    if let Command::Restore { file } = &args.command {
        // Restoring must also work when the current library is too damaged to open.
        let mut out = Output::new(args.json);
        cmd::backup::restore(&data_dir.database_path(), file, options, &mut out)?;
        return Ok(ExitCode::SUCCESS);
    }
    if let Command::Pack { command } = &args.command
        && cmd::pack::needs_no_library(command)
    {
        // Building a pack reads a folder and writes a file; the library is not opened.
        cmd::pack::build(command, &mut Output::new(args.json))?;
        return Ok(ExitCode::SUCCESS);
    }
    let mut library = Library::open(data_dir.database_path(), options)?;
    if let Some(problem) = library.backup_error() {
        eprintln!("stratus: warning: the daily backup failed: {problem}");
    }
    if let (Some(clock), Some(at)) = (&fixed_clock, &args.at) {
        clock.set(library.parse_time(at)?);
    }
    // The built-in course (in the chosen content language) is part of every library; this
    // is one lookup when it is current.
    library.sync_course()?;
    let mut out = Output::new(args.json);
    let found = match args.command {
        Command::Info => {
            cmd::info::run(&library, &mut out)?;
            true
        }
        Command::Settings {
            language,
            theme,
            content_language,
        } => {
            let change = cmd::settings::Change {
                language,
                theme,
                content_language,
            };
            cmd::settings::run(&mut library, &mut out, change)?;
            true
        }
        Command::Import {
            paths,
            prune,
            max_file_bytes,
        } => {
            let options = ImportOptions {
                max_file_bytes,
                prune,
            };
            cmd::import::run(&mut library, &mut out, &paths, options)?;
            true
        }
        Command::Search {
            query,
            exam,
            document,
            scope,
            limit,
            batch,
        } => {
            let query = SearchQuery {
                text: query.unwrap_or_default(),
                exam,
                document_id: document.map(DocumentId),
                scope: match scope {
                    Scope::All => SearchScope::All,
                    Scope::Builtin => SearchScope::Builtin,
                    Scope::Imported => SearchScope::Imported,
                },
                limit,
            };
            match batch {
                Some(file) => {
                    cmd::search::run_batch(&library, &mut out, &file, &query)?;
                    true
                }
                None => cmd::search::run(&library, &mut out, &query)?,
            }
        }
        Command::Palette { query, limit } => cmd::palette::run(&library, &mut out, &query, limit)?,
        Command::Show { section_id } => {
            cmd::show::run(&library, &mut out, section_id)?;
            true
        }
        Command::Documents { command } => {
            cmd::documents::run(&mut library, &mut out, command)?;
            true
        }
        Command::Cards { command } => cmd::cards::run(&mut library, &mut out, command)?,
        Command::Review { command } => cmd::review::run(&mut library, &mut out, command)?,
        Command::Backup { list, keep } => {
            cmd::backup::run(&mut library, &mut out, list, keep)?;
            true
        }
        Command::Restore { .. } => unreachable!("restore runs before the library is opened"),
        Command::Optimize { reset } => {
            cmd::optimize::run(&mut library, &mut out, reset)?;
            true
        }
        Command::Exam { command } => cmd::exam::run(&mut library, &mut out, command)?,
        Command::Questions { command } => cmd::exam::questions(&library, &mut out, command)?,
        Command::Pack { command } => {
            cmd::pack::run(&mut library, &mut out, command)?;
            true
        }
        Command::Export { command } => {
            cmd::export::run(&library, &mut out, command)?;
            true
        }
        Command::Progress { command } => {
            cmd::progress::run(&mut library, &mut out, command)?;
            true
        }
        Command::Stats { exam } => {
            cmd::stats::run(&library, &mut out, exam.as_deref())?;
            true
        }
    };
    Ok(if found {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

fn report(err: &anyhow::Error, json: bool) {
    let engine = err.downcast_ref::<stratus_engine::Error>();
    // An engine error's message already holds its cause; the alternate form of the chain
    // would print the cause a second time.
    let message = match engine {
        // The engine leaves the way to ask for a replacement to its caller.
        Some(e @ stratus_engine::Error::AlreadyExists { .. }) => {
            format!("{e}; add --force to replace it")
        }
        Some(e) => e.to_string(),
        None => format!("{err:#}"),
    };
    if json {
        let kind = engine
            .map(|e| serde_json::to_value(e.kind()).unwrap_or_default())
            .unwrap_or_else(|| serde_json::Value::String("internal".into()));
        let body = serde_json::json!({ "error": { "kind": kind, "message": message } });
        eprintln!("{body}");
    } else {
        eprintln!("stratus: {message}");
    }
}
