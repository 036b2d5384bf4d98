//! `stratus export anki`: the cards as an Anki deck package, or as a plain CSV file.

use std::io::Write;

use stratus_engine::{AnkiExportOptions, AnkiExportReport, ExportFormat, Library};

use crate::args::ExportCommand;
use crate::output::Output;

/// Runs an `export` subcommand.
pub fn run(library: &Library, out: &mut Output, command: ExportCommand) -> anyhow::Result<()> {
    match command {
        ExportCommand::Anki {
            exam,
            topic,
            output,
            force,
            csv,
        } => {
            let options = AnkiExportOptions {
                exam,
                topic,
                format: if csv {
                    ExportFormat::Csv
                } else {
                    ExportFormat::Apkg
                },
            };
            let report = library.export_anki(&options, &output, force)?;
            out.render(&report, render)
        }
    }
}

fn render(report: &AnkiExportReport, w: &mut dyn Write) -> std::io::Result<()> {
    writeln!(
        w,
        "{}: {} notes for the deck {} ({} basic, of which {} multiple choice; {} cloze), {} bytes",
        report.path,
        report.note_count,
        report.deck,
        report.basic_count,
        report.choice_count,
        report.cloze_count,
        report.size_bytes
    )
}
