//! Building a pack from a folder of notes and images. The builder applies the reader's rules
//! to its own output — names, types, sizes, counts — so it cannot make a pack that install
//! would refuse, and it writes through a temporary file renamed into place.

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::archive::{MAX_PACK_ENTRIES, MAX_PACK_FILE_BYTES, MAX_PACK_TOTAL_BYTES};
use super::entry::{self, FileKind, MANIFEST_NAME};
use super::manifest::{self, PACK_SCHEMA_VERSION, PackFile, PackManifest};
use crate::error::{Error, Result};
use crate::model::Lang;
use crate::out_file;

/// The file in a pack's source folder that holds its metadata; not packed itself.
pub const PACK_META_FILE: &str = "pack.json";

/// A pack's metadata as `pack.json` or the command line gives it. Every field is optional
/// here; a field given on the command line wins over `pack.json`, and the pack needs all
/// but `exams` in the end.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default, deny_unknown_fields)]
pub struct PackMeta {
    pub name: Option<String>,
    pub title: Option<String>,
    pub author: Option<String>,
    pub version: Option<String>,
    pub language: Option<Lang>,
    pub exams: Option<Vec<String>>,
    pub licence: Option<String>,
}

impl PackMeta {
    /// `self` with the fields it lacks taken from `fallback`.
    fn or(self, fallback: PackMeta) -> PackMeta {
        PackMeta {
            name: self.name.or(fallback.name),
            title: self.title.or(fallback.title),
            author: self.author.or(fallback.author),
            version: self.version.or(fallback.version),
            language: self.language.or(fallback.language),
            exams: self.exams.or(fallback.exams),
            licence: self.licence.or(fallback.licence),
        }
    }
}

/// What [`build_pack`] wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct PackBuildReport {
    /// The pack file written.
    pub path: String,
    pub name: String,
    pub version: String,
    pub file_count: u32,
    pub note_count: u32,
    pub image_count: u32,
    /// Size of the files before packing.
    pub total_bytes: u32,
    /// Size of the pack file.
    pub archive_bytes: u32,
}

/// Packs the notes (`.md`, `.markdown`, `.txt`) and images (PNG, JPEG, WebP, GIF) under `dir`
/// into the pack file `out`, with `meta` over the folder's `pack.json`. Hidden files and
/// folders (names starting with `.`) are left out; any other file type, a symbolic link or a
/// name a pack may not hold is an error naming the file. A file already at `out` is replaced
/// (only once the whole pack was written) when `replace` is set; otherwise the build fails
/// with `already_exists` and leaves it as it was.
pub fn build_pack(
    dir: &Path,
    meta: PackMeta,
    out: &Path,
    replace: bool,
) -> Result<PackBuildReport> {
    if !dir.is_dir() {
        return Err(Error::NotFound {
            what: "folder",
            id: dir.display().to_string(),
        });
    }
    let from_file = read_meta_file(&dir.join(PACK_META_FILE))?;
    let meta = meta.or(from_file);
    let missing = |field: &str| {
        Error::InvalidInput(format!(
            "the pack needs a {field}: put it in {PACK_META_FILE} or pass --{field}"
        ))
    };
    let exams = meta
        .exams
        .unwrap_or_default()
        .iter()
        .map(|e| {
            crate::model::normalize_exam_code(e).ok_or_else(|| {
                Error::InvalidInput(format!("{e:?} is not an exam code such as SAA or DVA"))
            })
        })
        .collect::<Result<Vec<_>>>()?;
    let mut manifest = PackManifest {
        schema: PACK_SCHEMA_VERSION,
        name: meta.name.ok_or_else(|| missing("name"))?,
        title: meta.title.ok_or_else(|| missing("title"))?,
        author: meta.author.ok_or_else(|| missing("author"))?,
        version: meta.version.ok_or_else(|| missing("version"))?,
        language: meta.language.ok_or_else(|| missing("language"))?,
        exams,
        licence: meta.licence.ok_or_else(|| missing("licence"))?,
        files: Vec::new(),
    };
    manifest::check(&manifest).map_err(Error::InvalidInput)?;

    let files = collect(dir)?;
    out_file::check_free(out, replace)?;
    let temp = out_file::temp_beside(out, ".pack-")?;
    let mut zip = zip::ZipWriter::new(temp.as_file());
    let zip_err = |e: zip::result::ZipError| Error::io(out, std::io::Error::other(e));
    let (mut note_count, mut image_count, mut total_bytes) = (0u32, 0u32, 0u64);
    for (name, path) in &files {
        let bytes = read_file(path)?;
        let kind = entry::kind_of(name).ok_or_else(|| unsupported(name))?;
        let method = match kind {
            FileKind::Note => {
                note_count += 1;
                zip::CompressionMethod::Deflated
            }
            FileKind::Image(image) => {
                if !image.matches(&bytes) {
                    return Err(Error::InvalidInput(format!(
                        "{} is named as a {} image but its contents are not one",
                        path.display(),
                        image.name()
                    )));
                }
                image_count += 1;
                // Already compressed.
                zip::CompressionMethod::Stored
            }
        };
        total_bytes += bytes.len() as u64;
        if total_bytes > MAX_PACK_TOTAL_BYTES {
            return Err(Error::InvalidInput(format!(
                "the files add up to more than {MAX_PACK_TOTAL_BYTES} bytes, the most a pack may hold"
            )));
        }
        zip.start_file(name.as_str(), options(method))
            .map_err(zip_err)?;
        zip.write_all(&bytes).map_err(|e| Error::io(out, e))?;
        manifest.files.push(PackFile {
            path: name.clone(),
            size: bytes.len() as u64,
            blake3: blake3::hash(&bytes).to_hex().to_string(),
        });
    }
    if note_count == 0 {
        return Err(Error::InvalidInput(format!(
            "{} holds no note (.md, .markdown, .txt)",
            dir.display()
        )));
    }
    manifest::check(&manifest).map_err(Error::InvalidInput)?;
    let manifest_json = serde_json::to_vec_pretty(&manifest)
        .map_err(|e| Error::InvalidInput(format!("manifest: {e}")))?;
    zip.start_file(MANIFEST_NAME, options(zip::CompressionMethod::Deflated))
        .map_err(zip_err)?;
    zip.write_all(&manifest_json)
        .map_err(|e| Error::io(out, e))?;
    zip.finish().map_err(zip_err)?;
    out_file::persist(temp, out, replace)?;
    let archive_bytes = std::fs::metadata(out).map_err(|e| Error::io(out, e))?.len();
    Ok(PackBuildReport {
        path: out.display().to_string(),
        name: manifest.name,
        version: manifest.version,
        file_count: manifest.files.len() as u32,
        note_count,
        image_count,
        total_bytes: u32::try_from(total_bytes).unwrap_or(u32::MAX),
        archive_bytes: u32::try_from(archive_bytes).unwrap_or(u32::MAX),
    })
}

/// Fixed options, so that the same folder packs to the same bytes.
fn options(method: zip::CompressionMethod) -> zip::write::SimpleFileOptions {
    zip::write::SimpleFileOptions::default()
        .compression_method(method)
        .unix_permissions(0o644)
        .last_modified_time(zip::DateTime::default())
}

fn unsupported(name: &str) -> Error {
    Error::InvalidInput(format!(
        "{name} is not a note (.md, .markdown, .txt) or an image (.png, .jpg, .jpeg, .webp, .gif); \
         move it out of the folder or rename it with a leading '.' to leave it out"
    ))
}

/// `pack.json`, or no metadata when the folder has none.
fn read_meta_file(path: &Path) -> Result<PackMeta> {
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(PackMeta::default()),
        Err(e) => return Err(Error::io(path, e)),
    };
    serde_json::from_slice(&bytes)
        .map_err(|e| Error::InvalidInput(format!("{}: {e}", path.display())))
}

/// The files to pack by their name inside the pack, sorted; every rule checked.
fn collect(dir: &Path) -> Result<BTreeMap<String, PathBuf>> {
    let mut files = BTreeMap::new();
    let mut keys = BTreeMap::new();
    let walker = walkdir::WalkDir::new(dir)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    for item in walker {
        let item = item.map_err(|e| {
            let path = e.path().map(Path::to_path_buf).unwrap_or_default();
            Error::io(path, e.into())
        })?;
        if item.depth() == 0 {
            continue;
        }
        let relative = item.path().strip_prefix(dir).unwrap_or(item.path());
        let name = relative
            .components()
            .map(|c| c.as_os_str().to_str())
            .collect::<Option<Vec<_>>>()
            .ok_or_else(|| {
                Error::InvalidInput(format!(
                    "{} has a name that is not UTF-8",
                    item.path().display()
                ))
            })?
            .join("/");
        let file_type = item.file_type();
        if file_type.is_symlink() {
            return Err(Error::InvalidInput(format!(
                "{} is a symbolic link; copy the file it points to into the folder",
                item.path().display()
            )));
        }
        if file_type.is_dir() {
            continue;
        }
        if item.depth() == 1 && name == PACK_META_FILE {
            continue;
        }
        if !file_type.is_file() {
            return Err(Error::InvalidInput(format!(
                "{} is {}",
                item.path().display(),
                crate::paths::describe_file_type(file_type)
            )));
        }
        entry::check_path(&name).map_err(|p| Error::InvalidInput(p.to_string()))?;
        if name == MANIFEST_NAME || entry::kind_of(&name).is_none() {
            return Err(unsupported(&name));
        }
        if let Some(other) = keys.insert(entry::collision_key(&name), name.clone()) {
            return Err(Error::InvalidInput(format!(
                "{name} and {other} would be the same file on a system that ignores case"
            )));
        }
        files.insert(name, item.into_path());
        if files.len() >= MAX_PACK_ENTRIES {
            return Err(Error::InvalidInput(format!(
                "the folder holds more than {} files, the most a pack may hold",
                MAX_PACK_ENTRIES - 1
            )));
        }
    }
    Ok(files)
}

/// Reads a file of the folder, up to the per-file limit.
fn read_file(path: &Path) -> Result<Vec<u8>> {
    let file = crate::paths::open_regular_file(path).map_err(|e| Error::io(path, e))?;
    let mut bytes = Vec::new();
    file.take(MAX_PACK_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Error::io(path, e))?;
    if bytes.len() as u64 > MAX_PACK_FILE_BYTES {
        return Err(Error::InvalidInput(format!(
            "{} is larger than {MAX_PACK_FILE_BYTES} bytes, the most a file of a pack may be",
            path.display()
        )));
    }
    Ok(bytes)
}
