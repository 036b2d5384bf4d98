//! Reading a pack: every check a hostile archive could need, made before a byte of it is used.
//! The archive's central directory is checked first (counts, sizes, ratios, names, types,
//! flags), then the manifest, then each file is read — never more bytes than it declares —
//! and compared with the manifest's size and hash before the caller sees it.

use std::collections::{BTreeMap, HashMap};
use std::io::{Read, Seek, SeekFrom};
use std::path::Path;

use super::PackProblem;
use super::entry::{self, FileKind, MANIFEST_NAME};
use super::manifest::{self, PackManifest};

/// Most entries (files and folders) in a pack.
pub const MAX_PACK_ENTRIES: usize = 5_000;
/// Largest total size of a pack's files once extracted.
pub const MAX_PACK_TOTAL_BYTES: u64 = 200 * 1024 * 1024;
/// Largest single file of a pack once extracted.
pub const MAX_PACK_FILE_BYTES: u64 = 20 * 1024 * 1024;
/// Largest `manifest.json`.
pub const MAX_MANIFEST_BYTES: u64 = 1024 * 1024;
/// Highest compression ratio (extracted ÷ stored size) of a file larger than
/// [`RATIO_FLOOR_BYTES`]; higher ones are how zip bombs work.
pub const MAX_COMPRESSION_RATIO: u64 = 100;
/// Files up to this size are not held to the ratio: a short run of blank lines may compress
/// very well and harms nobody.
pub const RATIO_FLOOR_BYTES: u64 = 64 * 1024;

/// A file the reader hands on, checked against the manifest.
pub(crate) struct PackEntry<'a> {
    pub path: &'a str,
    pub kind: FileKind,
    pub bytes: &'a [u8],
}

/// What the reader learned beside the files.
pub(crate) struct ReadPack {
    pub manifest: PackManifest,
    pub archive_bytes: u64,
}

/// Reads and checks the pack at `path`, calling `sink` with each file in manifest order after
/// its size and hash were checked. The first problem found ends the read.
pub(crate) fn read_pack(
    path: &Path,
    sink: &mut dyn FnMut(PackEntry<'_>) -> crate::Result<()>,
) -> crate::Result<ReadPack> {
    let mut file = crate::paths::open_regular_file(path).map_err(|e| crate::Error::io(path, e))?;
    let archive_bytes = file
        .metadata()
        .map_err(|e| crate::Error::io(path, e))?
        .len();
    read_archive(&mut file, archive_bytes, path, sink)
}

/// [`read_pack`] on any seekable reader of `archive_bytes` bytes; `path` names it in errors.
pub(crate) fn read_archive<R: Read + Seek>(
    reader: R,
    archive_bytes: u64,
    path: &Path,
    sink: &mut dyn FnMut(PackEntry<'_>) -> crate::Result<()>,
) -> crate::Result<ReadPack> {
    let invalid = |problem: PackProblem| crate::Error::InvalidPack {
        path: path.to_path_buf(),
        problem,
    };
    let mut reader = reader;
    // A pack cannot be larger than its files stored without compression, plus the zip's own
    // records; a bigger file is refused before it is parsed.
    let max_archive = MAX_PACK_TOTAL_BYTES + MAX_MANIFEST_BYTES + (MAX_PACK_ENTRIES as u64) * 1024;
    if archive_bytes > max_archive {
        return Err(invalid(PackProblem::TooLarge {
            bytes: archive_bytes,
            limit: max_archive,
        }));
    }
    if has_zip64_end_record(&mut reader, archive_bytes).map_err(|e| crate::Error::io(path, e))? {
        return Err(invalid(PackProblem::Zip64));
    }
    reader
        .seek(SeekFrom::Start(0))
        .map_err(|e| crate::Error::io(path, e))?;
    let mut archive = zip::ZipArchive::new(reader)
        .map_err(|e| invalid(PackProblem::NotAZip { why: e.to_string() }))?;
    let entries = survey(&archive).map_err(invalid)?;

    let Some(&manifest_index) = entries.files.get(MANIFEST_NAME) else {
        return Err(invalid(PackProblem::MissingManifest));
    };
    let manifest_bytes =
        read_entry(&mut archive, manifest_index, MAX_MANIFEST_BYTES).map_err(invalid)?;
    let manifest = manifest::parse(&manifest_bytes).map_err(invalid)?;

    // The manifest and the archive must list the same files.
    let listed: HashMap<&str, &manifest::PackFile> = manifest
        .files
        .iter()
        .map(|f| (f.path.as_str(), f))
        .collect();
    for f in &manifest.files {
        if !entries.files.contains_key(f.path.as_str()) {
            return Err(invalid(PackProblem::MissingFile {
                path: f.path.clone(),
            }));
        }
    }
    for name in entries.files.keys() {
        if name != MANIFEST_NAME && !listed.contains_key(name.as_str()) {
            return Err(invalid(PackProblem::UnlistedFile { path: name.clone() }));
        }
    }
    if !manifest
        .files
        .iter()
        .any(|f| entry::kind_of(&f.path) == Some(FileKind::Note))
    {
        return Err(invalid(PackProblem::NoNotes));
    }

    for f in &manifest.files {
        let index = entries.files[f.path.as_str()];
        let kind = entry::kind_of(&f.path).ok_or_else(|| {
            invalid(PackProblem::DisallowedType {
                path: f.path.clone(),
            })
        })?;
        let bytes = read_entry(&mut archive, index, MAX_PACK_FILE_BYTES).map_err(invalid)?;
        if bytes.len() as u64 != f.size {
            return Err(invalid(PackProblem::SizeMismatch {
                path: f.path.clone(),
                listed: f.size,
                actual: bytes.len() as u64,
            }));
        }
        if blake3::hash(&bytes).to_hex().as_str() != f.blake3 {
            return Err(invalid(PackProblem::HashMismatch {
                path: f.path.clone(),
            }));
        }
        if let FileKind::Image(image) = kind
            && !image.matches(&bytes)
        {
            return Err(invalid(PackProblem::NotAnImage {
                path: f.path.clone(),
                expected: image.name().to_string(),
            }));
        }
        sink(PackEntry {
            path: &f.path,
            kind,
            bytes: &bytes,
        })?;
    }
    Ok(ReadPack {
        manifest,
        archive_bytes,
    })
}

/// The files of an archive by name, from its central directory, after every per-entry check.
struct Survey {
    files: BTreeMap<String, usize>,
}

/// Checks every entry's metadata without reading any contents.
fn survey<R: Read + Seek>(archive: &zip::ZipArchive<R>) -> Result<Survey, PackProblem> {
    if archive.len() > MAX_PACK_ENTRIES {
        return Err(PackProblem::TooManyEntries {
            count: archive.len() as u64,
            limit: MAX_PACK_ENTRIES as u64,
        });
    }
    let mut files = BTreeMap::new();
    let mut keys: HashMap<String, String> = HashMap::new();
    let mut total: u64 = 0;
    for index in 0..archive.len() {
        let e = archive
            .by_index_data(index)
            .map_err(|e| PackProblem::NotAZip { why: e.to_string() })?;
        let name = std::str::from_utf8(e.name_raw())
            .map_err(|_| PackProblem::BadPath {
                path: String::from_utf8_lossy(e.name_raw()).into_owned(),
                why: "the name is not UTF-8".into(),
            })?
            .to_string();
        entry::check_path(&name)?;
        if e.encrypted() {
            return Err(PackProblem::Encrypted { path: name });
        }
        // Version 4.5 is what an entry with ZIP64 sizes needs.
        if e.version_needed() >= 45 || e.size() >= u64::from(u32::MAX) {
            return Err(PackProblem::Zip64);
        }
        if let Some(mode) = e.unix_mode() {
            const TYPE_MASK: u32 = 0o170_000;
            match mode & TYPE_MASK {
                0 | 0o100_000 | 0o040_000 => {}
                0o120_000 => return Err(PackProblem::Symlink { path: name }),
                _ => return Err(PackProblem::SpecialFile { path: name }),
            }
        }
        let is_dir = name.ends_with('/');
        if is_dir && e.size() > 0 {
            return Err(PackProblem::BadPath {
                path: name,
                why: "a folder entry with contents".into(),
            });
        }
        let key = entry::collision_key(name.trim_end_matches('/'));
        if let Some(other) = keys.insert(key, name.clone()) {
            return Err(PackProblem::DuplicateName { path: name, other });
        }
        if is_dir {
            continue;
        }
        if !matches!(
            e.compression(),
            zip::CompressionMethod::Stored | zip::CompressionMethod::Deflated
        ) {
            return Err(PackProblem::UnsupportedCompression {
                path: name,
                method: e.compression().to_string(),
            });
        }
        if name != MANIFEST_NAME && entry::kind_of(&name).is_none() {
            return Err(PackProblem::DisallowedType { path: name });
        }
        let limit = if name == MANIFEST_NAME {
            MAX_MANIFEST_BYTES
        } else {
            MAX_PACK_FILE_BYTES
        };
        if e.size() > limit {
            return Err(PackProblem::FileTooLarge {
                path: name,
                bytes: e.size(),
                limit,
            });
        }
        if e.size() > RATIO_FLOOR_BYTES
            && e.size() > e.compressed_size().saturating_mul(MAX_COMPRESSION_RATIO)
        {
            return Err(PackProblem::CompressionRatio {
                path: name,
                ratio: e.size() / e.compressed_size().max(1),
                limit: MAX_COMPRESSION_RATIO,
            });
        }
        // The manifest is held to its own limit above; the total counts the pack's files.
        if name != MANIFEST_NAME {
            total = total.saturating_add(e.size());
        }
        if total > MAX_PACK_TOTAL_BYTES {
            return Err(PackProblem::TooLarge {
                bytes: total,
                limit: MAX_PACK_TOTAL_BYTES,
            });
        }
        files.insert(name, index);
    }
    Ok(Survey { files })
}

/// Reads one entry, never more than its declared size (and never more than `limit`) plus one
/// byte: the declared size is what the checks saw, so a stream that inflates to more is
/// refused instead of being read to its end.
fn read_entry<R: Read + Seek>(
    archive: &mut zip::ZipArchive<R>,
    index: usize,
    limit: u64,
) -> Result<Vec<u8>, PackProblem> {
    let mut e = archive
        .by_index(index)
        .map_err(|e| PackProblem::NotAZip { why: e.to_string() })?;
    let name = e.name().map(|n| n.into_owned()).unwrap_or_default();
    let declared = e.size();
    let bound = declared.min(limit);
    let mut bytes = Vec::with_capacity(usize::try_from(bound).unwrap_or(0).min(1 << 20));
    (&mut e)
        .take(bound + 1)
        .read_to_end(&mut bytes)
        .map_err(|err| PackProblem::Damaged {
            path: name.clone(),
            why: err.to_string(),
        })?;
    if bytes.len() as u64 != declared {
        return Err(PackProblem::SizeMismatch {
            path: name,
            listed: declared,
            actual: bytes.len() as u64,
        });
    }
    Ok(bytes)
}

/// Whether the archive ends with a ZIP64 end-of-central-directory locator (ZIP64 archives are
/// refused: no pack within the limits needs one). The locator is the 20 bytes before the end
/// record, which sits in the last 64 KiB + 22 bytes.
fn has_zip64_end_record<R: Read + Seek>(file: &mut R, len: u64) -> std::io::Result<bool> {
    let tail = len.min(65_557 + 20);
    file.seek(SeekFrom::Start(len - tail))?;
    let mut bytes = Vec::with_capacity(tail as usize);
    file.by_ref().take(tail).read_to_end(&mut bytes)?;
    let Some(end) = bytes.windows(4).rposition(|w| w == b"PK\x05\x06") else {
        return Ok(false);
    };
    Ok(end >= 20 && &bytes[end - 20..end - 16] == b"PK\x06\x07")
}
