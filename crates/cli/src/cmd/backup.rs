//! `stratus backup` and `stratus restore`.

use std::io::Write;
use std::path::Path;

use stratus_engine::{BackupInfo, BackupSettings, Library, RestoreReport};

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
    let backup = library.backup_now()?;
    out.render(&backup, render_one)
}

/// Restores the library from `file` (validated first; the current library is backed up).
pub fn restore(library: &mut Library, out: &mut Output, file: &Path) -> anyhow::Result<()> {
    let report = library.restore_from_file(file)?;
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

fn render_restore(r: &RestoreReport, w: &mut dyn Write) -> std::io::Result<()> {
    writeln!(w, "restored from:   {}", r.restored_from)?;
    writeln!(w, "previous saved:  {}", r.previous.path)?;
    writeln!(w, "documents:       {}", r.counts.documents)?;
    writeln!(w, "reviews:         {}", r.counts.reviews)
}
