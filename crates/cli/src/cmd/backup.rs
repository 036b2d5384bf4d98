//! `stratus backup` and `stratus restore`.

use std::io::Write;
use std::path::Path;

use stratus_engine::{
    BackupInfo, BackupReport, BackupSettings, DatabaseRestoreReport, Library, LibraryOptions,
};

use crate::output::Output;

/// Makes a backup, or lists them with `list`, after applying a new `keep` if given.
pub fn run(
    library: &mut Library,
    out: &mut Output,
    list: bool,
    keep: Option<u32>,
) -> anyhow::Result<()> {
    if let Some(keep) = keep {
        library.set_backup_settings(BackupSettings { keep })?;
    }
    if list {
        let backups = library.list_backups()?;
        return out.render(&backups, |b, w| b.iter().try_for_each(|b| render_one(b, w)));
    }
    let report = library.backup_now()?;
    out.render(&report, render_report)
}

fn render_report(r: &BackupReport, w: &mut dyn Write) -> std::io::Result<()> {
    render_one(&r.backup, w)?;
    for name in &r.pruned {
        writeln!(w, "pruned (over the number kept): {name}")?;
    }
    for name in &r.removed_partials {
        writeln!(w, "removed an interrupted backup: {name}")?;
    }
    Ok(())
}

/// Restores the library at `database` from `file` (validated first; the current library is
/// backed up, or set aside when it is too damaged to open).
pub fn restore(
    database: &Path,
    file: &Path,
    options: LibraryOptions,
    out: &mut Output,
) -> anyhow::Result<()> {
    let (_library, report) = Library::restore_database(database, file, options)?;
    out.render(&report, render_restore)
}

fn render_one(b: &BackupInfo, w: &mut dyn Write) -> std::io::Result<()> {
    writeln!(
        w,
        "{}  {:<9}  schema {}  {} bytes  {}",
        b.created_at,
        format!("{:?}", b.reason).to_lowercase(),
        b.schema_version,
        b.size_bytes,
        b.path
    )
}

fn render_restore(r: &DatabaseRestoreReport, w: &mut dyn Write) -> std::io::Result<()> {
    writeln!(w, "restored from:   {}", r.restored_from)?;
    if let Some(previous) = &r.previous {
        writeln!(w, "previous saved:  {}", previous.path)?;
    }
    if let Some(damaged) = &r.damaged {
        writeln!(w, "damaged library: {}", damaged.error)?;
        for path in &damaged.kept_as {
            writeln!(w, "  kept as:       {path}")?;
        }
    }
    writeln!(w, "documents:       {}", r.counts.documents)?;
    writeln!(w, "reviews:         {}", r.counts.reviews)
}
