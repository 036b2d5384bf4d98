//! Course packs: an instructor's notes and their images in one zip file (`.stratus`) with a
//! manifest — name, title, author, version, language, exams, licence and every file with its
//! size and BLAKE3 hash. [`build_pack`] makes one from a folder; [`Library::inspect_pack`]
//! checks one and tells what it would add without writing anything;
//! [`Library::install_pack`] extracts it into `<data dir>/packs/<name>/` and imports that
//! folder with the ordinary import, so a newer version in the same place keeps the history of
//! every card it still makes.
//!
//! A pack is untrusted input: every check (`archive.rs`, `entry.rs`, `manifest.rs`) runs
//! before anything is written, and each problem has its own [`PackProblem`]. This module does
//! not parse notes itself; it hands them to `import` and `cards`.

mod archive;
mod build;
mod entry;
mod manifest;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

use serde::Serialize;

use crate::error::{Error, Result};
use crate::ids::DocumentId;
use crate::import::{FileOutcome, ImportOptions, ImportReport};
use crate::model::Lang;
use crate::model::{Origin, PackProblem};
use crate::storage::Library;
use crate::storage::pack as store;

pub(crate) use archive::read_archive;
pub use archive::{
    MAX_COMPRESSION_RATIO, MAX_MANIFEST_BYTES, MAX_PACK_ENTRIES, MAX_PACK_FILE_BYTES,
    MAX_PACK_TOTAL_BYTES, RATIO_FLOOR_BYTES,
};
pub use build::{PACK_META_FILE, PackBuildReport, PackMeta, build_pack};
pub(crate) use manifest::parse as parse_manifest;
pub use manifest::{PACK_SCHEMA_VERSION, PackFile, PackManifest};

/// Folder of the data directory that holds installed packs, one folder per pack name.
pub const PACKS_DIR_NAME: &str = "packs";

/// What a pack holds and would add, from [`Library::inspect_pack`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct PackInfo {
    /// The pack file inspected.
    pub path: String,
    pub name: String,
    pub title: String,
    pub version: String,
    pub author: String,
    pub language: Lang,
    pub exams: Vec<String>,
    pub licence: String,
    /// Files besides the manifest.
    pub file_count: u32,
    pub note_count: u32,
    pub image_count: u32,
    /// Size of the files once extracted (at most [`MAX_PACK_TOTAL_BYTES`]).
    pub total_bytes: u32,
    /// Size of the pack file.
    pub archive_bytes: u32,
    /// The title of each note, in path order.
    pub topics: Vec<String>,
    /// Cards the notes make (as an import of them would).
    pub card_count: u32,
    /// Exam-style questions the notes hold.
    pub question_count: u32,
    /// Version of the same pack already installed, if any.
    pub installed_version: Option<String>,
    /// Whether installing replaces an older version (or installs a new pack) without `force`.
    pub is_upgrade: bool,
}

/// An installed pack.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct PackSummary {
    pub name: String,
    pub title: String,
    pub version: String,
    pub author: String,
    pub language: Lang,
    pub exams: Vec<String>,
    pub licence: String,
    /// When this version was installed, RFC 3339 (UTC).
    pub installed_at: String,
    /// The folder its files were extracted to.
    pub folder: String,
    /// The documents it brought, by id; read-only while the pack is installed.
    pub document_ids: Vec<DocumentId>,
}

/// The result of [`Library::install_pack`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct PackInstallReport {
    pub pack: PackSummary,
    /// The version it replaced, if another one was installed.
    pub previous_version: Option<String>,
    /// The import of the pack's folder, file by file.
    pub import: ImportReport,
}

/// The result of [`Library::remove_pack`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct PackRemoveReport {
    pub name: String,
    pub version: String,
    pub documents_removed: u32,
    /// The pack's folder, now deleted.
    pub folder: String,
}

/// Question source links between the notes of a pack still in memory.
struct PackAnchors {
    notes: HashMap<String, Vec<String>>,
}

impl crate::questions::AnchorSource for PackAnchors {
    fn anchors(&mut self, path: &str) -> Option<Vec<String>> {
        self.notes.get(path).cloned()
    }
}

/// A note of a pack, decoded.
struct NoteText {
    path: String,
    text: String,
}

impl Library {
    /// Checks the pack at `file` and tells what installing it would add — its cards and
    /// questions are counted by the import's own parser, in memory. Writes nothing.
    pub fn inspect_pack(&self, file: impl AsRef<Path>) -> Result<PackInfo> {
        let file = file.as_ref();
        let mut notes = Vec::new();
        let mut counts = (0u32, 0u32, 0u32);
        let read = archive::read_pack(file, &mut |e| {
            counts.2 = counts.2.saturating_add(e.bytes.len() as u32);
            match e.kind {
                entry::FileKind::Note => {
                    counts.0 += 1;
                    // An undecodable note (binary, empty) is skipped by the import too.
                    if let Ok((text, _)) = crate::parse::document::decode(e.bytes) {
                        notes.push(NoteText {
                            path: e.path.to_string(),
                            text,
                        });
                    }
                }
                entry::FileKind::Image(_) => counts.1 += 1,
            }
            Ok(())
        })?;
        let (note_count, image_count, total_bytes) = counts;
        let seed = self.card_seed();
        let parsed: Vec<_> = notes
            .iter()
            .map(|n| {
                let is_md = !n.path.to_ascii_lowercase().ends_with(".txt");
                let stem = Path::new(&n.path)
                    .file_stem()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_default();
                let doc = crate::parse::document::parse_document(&n.text, is_md, &stem);
                (n, is_md, doc)
            })
            .collect();
        let mut anchors = PackAnchors {
            notes: parsed
                .iter()
                .map(|(n, is_md, _)| {
                    (
                        n.path.clone(),
                        crate::questions::anchors_of_text(&n.text, *is_md),
                    )
                })
                .collect(),
        };
        let mut card_count = 0;
        let mut question_count = 0;
        let mut topics = Vec::new();
        for (note, _, doc) in &parsed {
            let made =
                crate::cards::rows_for_document(Origin::User, &note.path, doc, seed, &mut anchors);
            card_count += made.cards.len() as u32;
            question_count += made.questions.len() as u32;
            topics.push(doc.title.clone());
        }
        let m = read.manifest;
        let installed = store::list_packs(self.conn())?
            .into_iter()
            .find(|p| p.name == m.name)
            .map(|p| p.version);
        let is_upgrade = is_newer(&m.version, installed.as_deref());
        Ok(PackInfo {
            path: file.display().to_string(),
            name: m.name,
            title: m.title,
            version: m.version,
            author: m.author,
            language: m.language,
            exams: m.exams,
            licence: m.licence,
            file_count: m.files.len() as u32,
            note_count,
            image_count,
            total_bytes,
            archive_bytes: u32::try_from(read.archive_bytes).unwrap_or(u32::MAX),
            topics,
            card_count,
            question_count,
            installed_version: installed,
            is_upgrade,
        })
    }

    /// Installs the pack at `file`: checks all of it, extracts it beside the installed packs
    /// and swaps the folder in by renaming (an installed older version is replaced only once
    /// the new one is complete), then imports the folder and records the pack. A version not
    /// newer than the installed one is refused unless `force`. A refused pack changes nothing;
    /// a pack with a note that fails to import is not recorded, and the version installed
    /// before (if any) is put back.
    pub fn install_pack(
        &mut self,
        file: impl AsRef<Path>,
        force: bool,
    ) -> Result<PackInstallReport> {
        let file = file.as_ref();
        let root = self.packs_dir()?;
        // First pass: every check, nothing written.
        let checked = archive::read_pack(file, &mut |_| Ok(()))?.manifest;
        let installed = store::list_packs(self.conn())?
            .into_iter()
            .find(|p| p.name == checked.name);
        let previous_version = installed.map(|p| p.version);
        if !force && !is_newer(&checked.version, previous_version.as_deref()) {
            return Err(Error::InvalidInput(format!(
                "pack {} is already installed at version {}; version {} is not newer, so \
                 installing it needs --force (nothing was changed)",
                checked.name,
                previous_version.as_deref().unwrap_or_default(),
                checked.version,
            )));
        }
        crate::paths::create_dir_all(&root)?;
        // Second pass: extract into a staging folder, checking every file again (the pack
        // file may have changed since). The staging folder is deleted on any failure.
        let staging = tempfile::Builder::new()
            .prefix(".incoming-")
            .tempdir_in(&root)
            .map_err(|e| Error::io(&root, e))?;
        let read = archive::read_pack(file, &mut |e| {
            let target = staging.path().join(e.path);
            if let Some(parent) = target.parent() {
                crate::paths::create_dir_all(parent)?;
            }
            std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&target)
                .and_then(|mut f| std::io::Write::write_all(&mut f, e.bytes))
                .map_err(|err| Error::io(&target, err))
        })?;
        let manifest = read.manifest;
        if manifest.name != checked.name || manifest.version != checked.version {
            return Err(Error::InvalidInput(format!(
                "{} changed while it was being installed; nothing was installed",
                file.display()
            )));
        }
        let folder = root.join(&manifest.name);
        // The old version stays aside until the new one is imported and recorded; on any
        // failure it is put back (and imported again) and the pack stays as it was.
        let swapped = swap_in(staging, &folder, &root)?;
        match self.import_and_record(&folder, &manifest) {
            Ok((import, pack)) => {
                drop(swapped);
                Ok(PackInstallReport {
                    pack,
                    previous_version,
                    import,
                })
            }
            Err(e) => {
                let restored = self.roll_back(swapped, &folder, &manifest.name);
                match (e, restored, previous_version) {
                    (Error::InvalidInput(why), Ok(()), Some(old)) => Err(Error::InvalidInput(
                        format!("{why}; version {old} stays installed"),
                    )),
                    (e, Ok(()), _) => Err(e),
                    (e, Err(back), _) => Err(Error::InvalidInput(format!(
                        "{e}; and the version installed before could not be put back: {back}"
                    ))),
                }
            }
        }
    }

    /// Imports an installed pack's folder and records the pack with its documents; refused
    /// (before recording) when any of its files failed to import.
    fn import_and_record(
        &mut self,
        folder: &Path,
        manifest: &PackManifest,
    ) -> Result<(ImportReport, PackSummary)> {
        let import = self.import_folders(
            &[folder],
            &ImportOptions {
                prune: true,
                ..ImportOptions::default()
            },
            Some(&manifest.name),
            &mut |_| {},
            &AtomicBool::new(false),
        )?;
        let failed: Vec<String> = import
            .files
            .iter()
            .filter_map(|f| match &f.outcome {
                FileOutcome::Failed { message } => Some(format!("{}: {message}", f.path)),
                _ => None,
            })
            .collect();
        if !failed.is_empty() {
            return Err(Error::InvalidInput(format!(
                "pack {} {} was not installed, because its notes did not all import ({})",
                manifest.name,
                manifest.version,
                failed.join("; ")
            )));
        }
        let documents: Vec<DocumentId> = import
            .files
            .iter()
            .filter(|f| !matches!(f.outcome, FileOutcome::Pruned))
            .filter_map(|f| f.document_id)
            .collect();
        let row = store::PackRow {
            name: manifest.name.clone(),
            version: manifest.version.clone(),
            title: manifest.title.clone(),
            author: manifest.author.clone(),
            language: lang_code(manifest.language).to_string(),
            exams_json: serde_json::to_string(&manifest.exams).unwrap_or_else(|_| "[]".into()),
            licence: manifest.licence.clone(),
            installed_at_ms: self.clock().now().timestamp_millis(),
        };
        let manifest_json = serde_json::to_string(&manifest).unwrap_or_default();
        self.transact(|tx| {
            store::upsert_pack(tx, &row, &manifest_json)?;
            store::set_pack_documents(tx, &row.name, &documents)
        })?;
        let pack = self
            .list_packs()?
            .into_iter()
            .find(|p| p.name == manifest.name)
            .ok_or_else(|| Error::NotFound {
                what: "pack",
                id: manifest.name.clone(),
            })?;
        Ok((import, pack))
    }

    /// Undoes an install that failed after its folder was swapped in: the old folder goes
    /// back and is imported again (so its documents are as they were, and the pack record
    /// lists them); without an old version, the new folder and its documents are removed.
    fn roll_back(&mut self, swapped: Swapped, folder: &Path, name: &str) -> Result<()> {
        let had_old = swapped.put_back(folder)?;
        if !had_old {
            let written =
                crate::storage::import::documents_under(self.conn(), Origin::User, folder)?;
            self.transact(|tx| {
                for (id, _) in &written {
                    crate::storage::import::delete_document(tx, *id)?;
                }
                Ok(())
            })?;
            self.invalidate_caches();
            return Ok(());
        }
        let import = self.import_folders(
            &[folder],
            &ImportOptions {
                prune: true,
                ..ImportOptions::default()
            },
            Some(name),
            &mut |_| {},
            &AtomicBool::new(false),
        )?;
        let documents: Vec<DocumentId> = import
            .files
            .iter()
            .filter(|f| !matches!(f.outcome, FileOutcome::Pruned))
            .filter_map(|f| f.document_id)
            .collect();
        let recorded = store::list_packs(self.conn())?
            .iter()
            .any(|p| p.name == name);
        if recorded {
            self.transact(|tx| store::set_pack_documents(tx, name, &documents))?;
        }
        self.invalidate_caches();
        Ok(())
    }

    /// The installed packs, by name.
    pub fn list_packs(&self) -> Result<Vec<PackSummary>> {
        let root = self.packs_dir().ok();
        store::list_packs(self.conn())?
            .into_iter()
            .map(|row| {
                let document_ids = store::pack_documents(self.conn(), &row.name)?;
                Ok(summary(row, root.as_deref(), document_ids))
            })
            .collect()
    }

    /// Removes an installed pack: its documents (with their sections; their cards leave the
    /// review queue, and their review history stays in the log only until the cards are
    /// cleaned up — installing the same pack again makes the same cards), its record and
    /// its folder.
    pub fn remove_pack(&mut self, name: &str) -> Result<PackRemoveReport> {
        let row = store::list_packs(self.conn())?
            .into_iter()
            .find(|p| p.name == name)
            .ok_or_else(|| Error::NotFound {
                what: "pack",
                id: name.to_string(),
            })?;
        let documents = self.transact(|tx| {
            let documents = store::pack_documents(tx, name)?;
            for id in &documents {
                crate::storage::import::delete_document(tx, *id)?;
            }
            store::delete_pack(tx, name)?;
            Ok(documents)
        })?;
        self.invalidate_caches();
        let folder = self.packs_dir()?.join(name);
        match std::fs::remove_dir_all(&folder) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(Error::io(&folder, e)),
        }
        Ok(PackRemoveReport {
            name: row.name,
            version: row.version,
            documents_removed: documents.len() as u32,
            folder: folder.display().to_string(),
        })
    }

    /// `<data dir>/packs`: beside the database file.
    fn packs_dir(&self) -> Result<PathBuf> {
        let db = self.path().ok_or_else(|| {
            Error::InvalidInput("packs are installed only into a library stored on disk".into())
        })?;
        Ok(db
            .parent()
            .map_or_else(|| PathBuf::from(PACKS_DIR_NAME), |p| p.join(PACKS_DIR_NAME)))
    }
}

/// A pack folder swapped in, with the version it replaced kept aside until the install is
/// done: dropping it deletes the old version, [`Swapped::put_back`] restores it.
struct Swapped {
    /// The folder holding the old version (as `pack`), deleted with it.
    aside: tempfile::TempDir,
    /// Whether there was an old version.
    had_old: bool,
}

impl Swapped {
    /// Deletes the new folder and moves the old one (if any) back; whether there was one.
    fn put_back(self, folder: &Path) -> Result<bool> {
        match std::fs::remove_dir_all(folder) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(Error::io(folder, e)),
        }
        if self.had_old {
            let old = self.aside.path().join("pack");
            std::fs::rename(&old, folder).map_err(|e| Error::io(folder, e))?;
        }
        Ok(self.had_old)
    }
}

/// Renames the complete staging folder to `folder`. An existing folder is first moved aside
/// (and kept there, see [`Swapped`]); if the swap fails it is moved back.
fn swap_in(staging: tempfile::TempDir, folder: &Path, root: &Path) -> Result<Swapped> {
    let aside = tempfile::Builder::new()
        .prefix(".replaced-")
        .tempdir_in(root)
        .map_err(|e| Error::io(root, e))?;
    let old = aside.path().join("pack");
    let had_old = match std::fs::rename(folder, &old) {
        Ok(()) => true,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => false,
        Err(e) => return Err(Error::io(folder, e)),
    };
    let staged = staging.keep();
    if let Err(e) = std::fs::rename(&staged, folder) {
        if had_old {
            let _ = std::fs::rename(&old, folder);
        }
        let _ = std::fs::remove_dir_all(&staged);
        return Err(Error::io(folder, e));
    }
    Ok(Swapped { aside, had_old })
}

/// Whether `offered` is newer than `installed` (or nothing is installed).
fn is_newer(offered: &str, installed: Option<&str>) -> bool {
    let Some(installed) = installed else {
        return true;
    };
    match (
        manifest::parse_version(offered),
        manifest::parse_version(installed),
    ) {
        (Ok(o), Ok(i)) => o > i,
        _ => false,
    }
}

fn lang_code(lang: Lang) -> &'static str {
    match lang {
        Lang::Ko => "ko",
        Lang::En => "en",
    }
}

fn summary(row: store::PackRow, root: Option<&Path>, document_ids: Vec<DocumentId>) -> PackSummary {
    let installed_at = chrono::DateTime::from_timestamp_millis(row.installed_at_ms)
        .unwrap_or_default()
        .to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
    PackSummary {
        folder: root
            .map(|r| r.join(&row.name).display().to_string())
            .unwrap_or_default(),
        language: Lang::from_code(&row.language),
        exams: serde_json::from_str(&row.exams_json).unwrap_or_default(),
        name: row.name,
        title: row.title,
        version: row.version,
        author: row.author,
        licence: row.licence,
        installed_at,
        document_ids,
    }
}
