//! `stratus progress export` and `stratus progress import`: carrying study progress to
//! another computer as a file (decision 0011; `Library::export_progress`).

use std::io::Write;
use std::path::PathBuf;

use clap::Subcommand;
use stratus_engine::{Library, ProgressExportReport, ProgressImportReport};

use crate::output::Output;

/// The `progress` subcommands.
#[derive(Debug, Subcommand)]
pub enum ProgressCommand {
    /// Write the review log, suspended and buried cards, card edits and finished practice
    /// exams to a file, for `progress import` on another computer.
    Export {
        /// The file to write; an existing file is kept unless --force is given.
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: PathBuf,
        /// Replace the file if it exists.
        #[arg(long)]
        force: bool,
    },
    /// Merge a file written by `progress export` into this library; importing it again
    /// changes nothing.
    Import {
        /// The progress file to read.
        #[arg(value_name = "FILE")]
        file: PathBuf,
    },
}

/// Runs a `progress` subcommand.
pub fn run(
    library: &mut Library,
    out: &mut Output,
    command: ProgressCommand,
) -> anyhow::Result<()> {
    match command {
        ProgressCommand::Export { output, force } => {
            let report = library.export_progress(&output, force)?;
            out.render(&report, render_export)
        }
        ProgressCommand::Import { file } => {
            let report = library.import_progress(&file)?;
            out.render(&report, render_import)
        }
    }
}

fn render_export(r: &ProgressExportReport, w: &mut dyn Write) -> std::io::Result<()> {
    writeln!(w, "{} ({} bytes)", r.path, r.bytes)?;
    writeln!(w, "answers:          {}", r.reviews)?;
    writeln!(w, "suspended cards:  {}", r.suspended_cards)?;
    writeln!(w, "buried cards:     {}", r.buried_cards)?;
    writeln!(w, "card edits:       {}", r.card_edits)?;
    writeln!(w, "practice exams:   {}", r.exam_attempts)
}

fn render_import(r: &ProgressImportReport, w: &mut dyn Write) -> std::io::Result<()> {
    if r.is_unchanged {
        writeln!(
            w,
            "nothing new: this library already has everything in the file"
        )?;
    }
    writeln!(
        w,
        "answers:          {} added, {} already here",
        r.reviews_added, r.reviews_known
    )?;
    writeln!(w, "cards replayed:   {}", r.cards_replayed)?;
    writeln!(w, "suspended cards:  {} added", r.suspended_added)?;
    writeln!(w, "buried cards:     {} added", r.buried_added)?;
    writeln!(w, "card edits:       {} taken", r.card_edits_applied)?;
    writeln!(
        w,
        "practice exams:   {} added, {} already here",
        r.exam_attempts_added, r.exam_attempts_known
    )?;
    if r.reviews_unknown_card + r.exam_attempts_unknown_question > 0 {
        writeln!(
            w,
            "left out:         {} answers and {} practice exams of cards or questions this \
             library does not have (import the same notes, then the file again)",
            r.reviews_unknown_card, r.exam_attempts_unknown_question
        )?;
    }
    Ok(())
}
