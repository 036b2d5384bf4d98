//! `stratus pack build|inspect|install|list|remove`: course packs.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::Subcommand;
use stratus_engine::{
    Lang, Library, PackBuildReport, PackInfo, PackInstallReport, PackMeta, PackRemoveReport,
    PackSummary,
};

use crate::output::Output;

/// The pack subcommands.
#[derive(Debug, Subcommand)]
pub enum PackCommand {
    /// Pack the notes and images of DIR into a .stratus file. Metadata comes from DIR's
    /// pack.json; the options override it.
    Build {
        #[arg(value_name = "DIR")]
        dir: PathBuf,
        /// The pack file to write (NAME.stratus); an existing file is kept unless --force
        /// is given.
        #[arg(short, long, value_name = "FILE")]
        output: PathBuf,
        /// Replace the pack file if it exists.
        #[arg(long)]
        force: bool,
        /// The pack's name: a slug such as `saa-networking`.
        #[arg(long)]
        name: Option<String>,
        #[arg(long)]
        title: Option<String>,
        #[arg(long)]
        author: Option<String>,
        /// Semantic version, e.g. 1.2.0.
        #[arg(long = "version", value_name = "VERSION")]
        pack_version: Option<String>,
        /// Language of the notes: ko or en.
        #[arg(long, value_parser = ["ko", "en"])]
        language: Option<String>,
        /// An exam the pack prepares for (SAA, DVA…); repeat for several.
        #[arg(long = "exam", value_name = "EXAM")]
        exams: Vec<String>,
        #[arg(long)]
        licence: Option<String>,
    },
    /// Check a pack and show what it holds and would add, without installing it.
    Inspect {
        #[arg(value_name = "FILE")]
        file: PathBuf,
    },
    /// Install a pack (or a newer version of an installed one, keeping progress).
    Install {
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// Install even when the version is not newer than the installed one.
        #[arg(long)]
        force: bool,
    },
    /// The installed packs.
    List,
    /// Remove an installed pack: its documents and its folder.
    Remove {
        #[arg(value_name = "NAME")]
        name: String,
    },
}

/// `stratus pack build`, which needs no library.
pub fn build(command: &PackCommand, out: &mut Output) -> anyhow::Result<()> {
    let PackCommand::Build {
        dir,
        output,
        force,
        name,
        title,
        author,
        pack_version,
        language,
        exams,
        licence,
    } = command
    else {
        unreachable!("only build is sent here");
    };
    let meta = PackMeta {
        name: name.clone(),
        title: title.clone(),
        author: author.clone(),
        version: pack_version.clone(),
        language: language.as_deref().map(Lang::from_code),
        exams: (!exams.is_empty()).then(|| exams.clone()),
        licence: licence.clone(),
    };
    let report = stratus_engine::build_pack(dir, meta, output, *force)?;
    out.render(&report, render_build)
}

/// The other pack subcommands.
pub fn run(library: &mut Library, out: &mut Output, command: PackCommand) -> anyhow::Result<()> {
    match command {
        PackCommand::Build { .. } => unreachable!("build runs before the library is opened"),
        PackCommand::Inspect { file } => {
            let info = library.inspect_pack(&file)?;
            out.render(&info, render_info)
        }
        PackCommand::Install { file, force } => {
            let report = library.install_pack(&file, force)?;
            out.render(&report, render_install)
        }
        PackCommand::List => {
            let packs = library.list_packs()?;
            out.render(&packs, |packs, w| {
                packs.iter().try_for_each(|p| render_summary(p, w))
            })
        }
        PackCommand::Remove { name } => {
            let report = library.remove_pack(&name)?;
            out.render(&report, render_remove)
        }
    }
}

/// Whether a subcommand runs without opening the library.
pub fn needs_no_library(command: &PackCommand) -> bool {
    matches!(command, PackCommand::Build { .. })
}

fn render_build(r: &PackBuildReport, w: &mut dyn Write) -> std::io::Result<()> {
    writeln!(
        w,
        "wrote {} ({} {}): {} notes, {} images, {} bytes packed into {}",
        r.path, r.name, r.version, r.note_count, r.image_count, r.total_bytes, r.archive_bytes
    )
}

fn render_info(i: &PackInfo, w: &mut dyn Write) -> std::io::Result<()> {
    writeln!(w, "{} {} — {}", i.name, i.version, i.title)?;
    writeln!(w, "author:   {}", i.author)?;
    writeln!(w, "licence:  {}", i.licence)?;
    writeln!(w, "language: {:?}", i.language)?;
    writeln!(w, "exams:    {}", i.exams.join(", "))?;
    writeln!(
        w,
        "files:    {} ({} notes, {} images), {} bytes",
        i.file_count, i.note_count, i.image_count, i.total_bytes
    )?;
    writeln!(
        w,
        "adds:     {} cards, {} questions",
        i.card_count, i.question_count
    )?;
    match &i.installed_version {
        Some(v) if i.is_upgrade => writeln!(w, "installed: {v} (this version is newer)")?,
        Some(v) => writeln!(w, "installed: {v} (installing this one needs --force)")?,
        None => writeln!(w, "installed: no")?,
    }
    for topic in &i.topics {
        writeln!(w, "  - {topic}")?;
    }
    Ok(())
}

fn render_install(r: &PackInstallReport, w: &mut dyn Write) -> std::io::Result<()> {
    match &r.previous_version {
        Some(v) => writeln!(w, "updated {} from {v} to {}", r.pack.name, r.pack.version)?,
        None => writeln!(w, "installed {} {}", r.pack.name, r.pack.version)?,
    }
    let t = &r.import.totals;
    writeln!(
        w,
        "{} documents: {} new, {} updated, {} unchanged, {} removed, {} failed",
        r.pack.document_ids.len(),
        t.imported,
        t.updated,
        t.unchanged,
        t.pruned,
        t.failed
    )?;
    for f in &r.import.files {
        if let stratus_engine::FileOutcome::Failed { message } = &f.outcome {
            writeln!(w, "{}: error: {message}", f.path)?;
        }
    }
    Ok(())
}

fn render_summary(p: &PackSummary, w: &mut dyn Write) -> std::io::Result<()> {
    writeln!(
        w,
        "{:<24} {:<10} {:>3} documents  {} ({}, installed {})",
        p.name,
        p.version,
        p.document_ids.len(),
        p.title,
        p.author,
        p.installed_at
    )
}

fn render_remove(r: &PackRemoveReport, w: &mut dyn Write) -> std::io::Result<()> {
    writeln!(
        w,
        "removed {} {}: {} documents and {}",
        r.name,
        r.version,
        r.documents_removed,
        Path::new(&r.folder).display()
    )
}
