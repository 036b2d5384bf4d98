//! The kinds of problem that refuse a course pack or an image, one variant per rule. They
//! are part of the error vocabulary (`Error::InvalidPack`, `Error::ImageRefused`), so they
//! live below every domain; the checks that find them stay in `pack` and `images`.

/// Why a pack was refused. One variant per problem, each naming the file it concerns.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PackProblem {
    #[error("it is not a zip archive ({why})")]
    NotAZip { why: String },
    #[error("it holds {count} entries; a pack may hold at most {limit}")]
    TooManyEntries { count: u64, limit: u64 },
    #[error("its files add up to {bytes} bytes; a pack may hold at most {limit}")]
    TooLarge { bytes: u64, limit: u64 },
    #[error("{path} is {bytes} bytes; a file of a pack may be at most {limit}")]
    FileTooLarge {
        path: String,
        bytes: u64,
        limit: u64,
    },
    #[error("{path} is compressed {ratio} to 1; at most {limit} to 1 is accepted (a zip bomb?)")]
    CompressionRatio {
        path: String,
        ratio: u64,
        limit: u64,
    },
    #[error("{path} is an absolute path; paths in a pack are relative")]
    AbsolutePath { path: String },
    #[error("{path} climbs out of the pack with '..'")]
    Traversal { path: String },
    #[error("{path} names a Windows device (CON, NUL, COM1…)")]
    DeviceName { path: String },
    #[error("{path}: {why}")]
    BadPath { path: String, why: String },
    #[error("{path} is a symbolic link; a pack holds only plain files")]
    Symlink { path: String },
    #[error("{path} is a special file (device, pipe…); a pack holds only plain files")]
    SpecialFile { path: String },
    #[error("{path} and {other} are the same file on a system that ignores case or Unicode form")]
    DuplicateName { path: String, other: String },
    #[error(
        "{path} is not a note (.md, .markdown, .txt) or an image (.png, .jpg, .jpeg, .webp, .gif)"
    )]
    DisallowedType { path: String },
    #[error("{path} is named as a {expected} image but its contents are not one")]
    NotAnImage { path: String, expected: String },
    #[error("{path} is encrypted; packs are not")]
    Encrypted { path: String },
    #[error("it uses ZIP64 records, which no pack within the limits needs")]
    Zip64,
    #[error("{path} is compressed with {method}; packs use deflate or no compression")]
    UnsupportedCompression { path: String, method: String },
    #[error("{path} could not be read: {why}")]
    Damaged { path: String, why: String },
    #[error("it has no manifest.json")]
    MissingManifest,
    #[error("manifest.json: {why}")]
    BadManifest { why: String },
    #[error("manifest.json has schema version {found}; this version of Stratus reads {supported}")]
    UnsupportedSchema { found: u64, supported: u32 },
    #[error("manifest.json lists {path}, which is not in the pack")]
    MissingFile { path: String },
    #[error("{path} is in the pack but not listed in manifest.json")]
    UnlistedFile { path: String },
    #[error("{path} is {actual} bytes, not the {listed} its listing says")]
    SizeMismatch {
        path: String,
        listed: u64,
        actual: u64,
    },
    #[error("{path} does not match its BLAKE3 hash in manifest.json")]
    HashMismatch { path: String },
    #[error("it holds no note")]
    NoNotes,
}

impl PackProblem {
    /// A stable snake_case code for this problem, for scripts and tests.
    pub fn code(&self) -> &'static str {
        match self {
            PackProblem::NotAZip { .. } => "not_a_zip",
            PackProblem::TooManyEntries { .. } => "too_many_entries",
            PackProblem::TooLarge { .. } => "too_large",
            PackProblem::FileTooLarge { .. } => "file_too_large",
            PackProblem::CompressionRatio { .. } => "compression_ratio",
            PackProblem::AbsolutePath { .. } => "absolute_path",
            PackProblem::Traversal { .. } => "traversal",
            PackProblem::DeviceName { .. } => "device_name",
            PackProblem::BadPath { .. } => "bad_path",
            PackProblem::Symlink { .. } => "symlink",
            PackProblem::SpecialFile { .. } => "special_file",
            PackProblem::DuplicateName { .. } => "duplicate_name",
            PackProblem::DisallowedType { .. } => "disallowed_type",
            PackProblem::NotAnImage { .. } => "not_an_image",
            PackProblem::Encrypted { .. } => "encrypted",
            PackProblem::Zip64 => "zip64",
            PackProblem::UnsupportedCompression { .. } => "unsupported_compression",
            PackProblem::Damaged { .. } => "damaged",
            PackProblem::MissingManifest => "missing_manifest",
            PackProblem::BadManifest { .. } => "bad_manifest",
            PackProblem::UnsupportedSchema { .. } => "unsupported_schema",
            PackProblem::MissingFile { .. } => "missing_file",
            PackProblem::UnlistedFile { .. } => "unlisted_file",
            PackProblem::SizeMismatch { .. } => "size_mismatch",
            PackProblem::HashMismatch { .. } => "hash_mismatch",
            PackProblem::NoNotes => "no_notes",
        }
    }
}

/// Why an image reference was refused; one kind per rule.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ImageProblem {
    /// The document is part of the built-in course, which has no folder on disk.
    #[error("built-in course documents have no folder to hold images")]
    NoFolder,
    /// The reference is empty.
    #[error("the image path is empty")]
    EmptyPath,
    /// The reference contains a NUL character.
    #[error("the image path contains a NUL character")]
    NulByte,
    /// The reference is an absolute path (or names a drive).
    #[error("the image path is absolute; only paths relative to the note are shown")]
    AbsolutePath,
    /// The reference climbs out with `..`.
    #[error("the image path leaves the note's folder with `..`")]
    ParentTraversal,
    /// The file resolves outside the note's folder (a symbolic link pointing out).
    #[error("the image resolves outside the note's folder")]
    OutsideFolder,
    /// No file is there.
    #[error("no image file is there")]
    Missing,
    /// Something is there, but not a regular file.
    #[error("the image path is not a file")]
    NotAFile,
    /// The file is larger than [`MAX_IMAGE_BYTES`](crate::MAX_IMAGE_BYTES).
    #[error("the image is {bytes} bytes, more than the {limit} allowed")]
    TooLarge { bytes: u64, limit: u64 },
    /// The file is an SVG, which is never shown.
    #[error("SVG images are not shown")]
    Svg,
    /// The file's first bytes are not those of a PNG, JPEG, WebP or GIF.
    #[error("the file is not a PNG, JPEG, WebP or GIF image")]
    UnsupportedType,
}
