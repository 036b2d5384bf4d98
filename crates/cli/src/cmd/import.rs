//! `stratus import PATH...`.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::sync::atomic::AtomicBool;

use stratus_engine::{FileOutcome, ImportOptions, ImportReport, Library};

use crate::output::Output;

pub fn run(
    library: &mut Library,
    out: &mut Output,
    paths: &[PathBuf],
    options: ImportOptions,
) -> anyhow::Result<()> {
    let show_progress = !out.is_json() && std::io::stderr().is_terminal();
    let mut progress = |p: stratus_engine::ImportProgress| {
        if show_progress {
            eprint!(
                "\r\x1b[K[{}/{}] {}",
                p.files_done, p.files_total, p.current_path
            );
            if p.current_path.is_empty() {
                eprint!("\r\x1b[K");
            }
        }
    };
    let report = library.import_paths(paths, &options, &mut progress, &AtomicBool::new(false))?;
    out.render(&report, render_text)
}

fn render_text(report: &ImportReport, w: &mut dyn Write) -> std::io::Result<()> {
    for file in &report.files {
        let status = match &file.outcome {
            FileOutcome::Imported {
                section_count,
                is_update,
                ..
            } => format!(
                "{} ({section_count} sections)",
                if *is_update { "updated" } else { "imported" }
            ),
            FileOutcome::Unchanged => "unchanged".to_string(),
            FileOutcome::Skipped { message, .. } => format!("skipped: {message}"),
            FileOutcome::Failed { message } => format!("failed: {message}"),
            FileOutcome::Pruned => "removed (file is gone)".to_string(),
        };
        writeln!(w, "{:<40} {}", status, file.path)?;
        for warning in &file.warnings {
            render_warning(&file.path, warning, w)?;
        }
    }
    let t = &report.totals;
    writeln!(
        w,
        "{} imported, {} updated, {} unchanged, {} skipped, {} failed, {} removed; {} sections written{}",
        t.imported,
        t.updated,
        t.unchanged,
        t.skipped,
        t.failed,
        t.pruned,
        t.sections,
        if report.is_cancelled {
            " (cancelled)"
        } else {
            ""
        }
    )
}

/// `FILE:LINE: warning: …` as compilers and linters print it, or `FILE: warning: …` for a
/// warning about the whole file; the engine starts a warning about one line with `line N: `.
fn render_warning(path: &str, warning: &str, w: &mut dyn Write) -> std::io::Result<()> {
    let at_line = warning
        .strip_prefix("line ")
        .and_then(|rest| rest.split_once(": "))
        .filter(|(line, _)| line.parse::<u32>().is_ok());
    match at_line {
        Some((line, message)) => writeln!(w, "{path}:{line}: warning: {message}"),
        None => writeln!(w, "{path}: warning: {warning}"),
    }
}
