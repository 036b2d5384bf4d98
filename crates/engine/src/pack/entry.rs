//! The names a pack may hold: paths that mean the same file on Linux, macOS and Windows and
//! can only land inside the pack's folder, and the file types a pack may carry. Pure checks on
//! strings and bytes; nothing here touches the file system.

use unicode_normalization::UnicodeNormalization;

use super::PackProblem;

/// The file inside every pack that describes it.
pub(crate) const MANIFEST_NAME: &str = "manifest.json";

/// Longest path inside a pack, in bytes.
pub(crate) const MAX_PATH_BYTES: usize = 512;
/// Longest single name (folder or file) inside a pack, in bytes.
pub(crate) const MAX_NAME_BYTES: usize = 255;

/// What a file of a pack is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FileKind {
    /// A note: `.md`, `.markdown` or `.txt`.
    Note,
    /// An image: PNG, JPEG, WebP or GIF.
    Image(ImageType),
}

/// The image types a pack may carry. SVG is not one: it is a document that can hold scripts
/// and links, not a picture.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ImageType {
    Png,
    Jpeg,
    Webp,
    Gif,
}

impl ImageType {
    /// Whether `bytes` start the way a file of this type must.
    pub(crate) fn matches(self, bytes: &[u8]) -> bool {
        match self {
            ImageType::Png => bytes.starts_with(b"\x89PNG\r\n\x1a\n"),
            ImageType::Jpeg => bytes.starts_with(&[0xFF, 0xD8, 0xFF]),
            ImageType::Gif => bytes.starts_with(b"GIF87a") || bytes.starts_with(b"GIF89a"),
            ImageType::Webp => {
                bytes.len() >= 12 && bytes.starts_with(b"RIFF") && &bytes[8..12] == b"WEBP"
            }
        }
    }

    /// The type's name as people know it.
    pub(crate) fn name(self) -> &'static str {
        match self {
            ImageType::Png => "PNG",
            ImageType::Jpeg => "JPEG",
            ImageType::Webp => "WebP",
            ImageType::Gif => "GIF",
        }
    }
}

/// The kind of a file by its name's extension (any case), or `None` for a type packs do not
/// carry.
pub(crate) fn kind_of(path: &str) -> Option<FileKind> {
    let name = path.rsplit('/').next().unwrap_or(path);
    let (_, ext) = name.rsplit_once('.')?;
    Some(match ext.to_ascii_lowercase().as_str() {
        "md" | "markdown" | "txt" => FileKind::Note,
        "png" => FileKind::Image(ImageType::Png),
        "jpg" | "jpeg" => FileKind::Image(ImageType::Jpeg),
        "webp" => FileKind::Image(ImageType::Webp),
        "gif" => FileKind::Image(ImageType::Gif),
        _ => return None,
    })
}

/// Names Windows reserves for devices, with or without an extension (`nul.md` is a device).
const DEVICE_NAMES: &[&str] = &[
    "CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$", "COM1", "COM2", "COM3", "COM4", "COM5",
    "COM6", "COM7", "COM8", "COM9", "COM¹", "COM²", "COM³", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5",
    "LPT6", "LPT7", "LPT8", "LPT9", "LPT¹", "LPT²", "LPT³",
];

/// Checks one path of a pack: relative, `/`-separated, every name plain. A folder entry
/// (ending in `/`) is checked without its last slash.
pub(crate) fn check_path(path: &str) -> Result<(), PackProblem> {
    let bad = |why: &str| PackProblem::BadPath {
        path: path.to_string(),
        why: why.to_string(),
    };
    let trimmed = path.strip_suffix('/').unwrap_or(path);
    if trimmed.is_empty() {
        return Err(bad("the name is empty"));
    }
    if trimmed.chars().any(char::is_control) {
        return Err(bad("it holds a control character"));
    }
    if trimmed.contains('\\') {
        return Err(bad("it holds a backslash; paths in a pack use '/'"));
    }
    if trimmed.starts_with('/') {
        return Err(PackProblem::AbsolutePath {
            path: path.to_string(),
        });
    }
    let bytes = trimmed.as_bytes();
    if bytes.len() >= 2 && bytes[0].is_ascii_alphabetic() && bytes[1] == b':' {
        return Err(PackProblem::AbsolutePath {
            path: path.to_string(),
        });
    }
    if trimmed.contains(':') {
        return Err(bad("it holds ':', which Windows does not allow in names"));
    }
    if trimmed.len() > MAX_PATH_BYTES {
        return Err(bad(&format!("it is longer than {MAX_PATH_BYTES} bytes")));
    }
    for name in trimmed.split('/') {
        match name {
            "" => return Err(bad("it holds an empty name ('//')")),
            "." => return Err(bad("it holds a '.' name")),
            ".." => {
                return Err(PackProblem::Traversal {
                    path: path.to_string(),
                });
            }
            _ => {}
        }
        if name.len() > MAX_NAME_BYTES {
            return Err(bad(&format!(
                "a name is longer than {MAX_NAME_BYTES} bytes"
            )));
        }
        if name.ends_with(['.', ' ']) {
            return Err(bad(
                "a name ends in '.' or a space, which Windows drops, so two names could meet",
            ));
        }
        if name.contains(['<', '>', '"', '|', '?', '*']) {
            return Err(bad(
                "a name holds one of < > \" | ? *, which Windows does not allow",
            ));
        }
        let stem = name.split('.').next().unwrap_or(name).trim_end();
        if DEVICE_NAMES.iter().any(|d| d.eq_ignore_ascii_case(stem)) {
            return Err(PackProblem::DeviceName {
                path: path.to_string(),
            });
        }
    }
    Ok(())
}

/// The form under which two paths are the same file on a file system that ignores case or
/// normalizes Unicode (macOS, Windows): NFC, then lower case.
pub(crate) fn collision_key(path: &str) -> String {
    path.nfc().collect::<String>().to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(path: &str) -> &'static str {
        match check_path(path) {
            Ok(()) => "ok",
            Err(PackProblem::AbsolutePath { .. }) => "absolute",
            Err(PackProblem::Traversal { .. }) => "traversal",
            Err(PackProblem::DeviceName { .. }) => "device",
            Err(PackProblem::BadPath { .. }) => "bad",
            Err(other) => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn plain_relative_paths_pass() {
        assert_eq!(kind("notes/s3.md"), "ok");
        assert_eq!(kind("한국어/노트.md"), "ok");
        assert_eq!(kind("img/"), "ok");
        assert_eq!(kind("console.md"), "ok");
    }

    #[test]
    fn each_hostile_path_gets_its_own_problem() {
        assert_eq!(kind("/etc/passwd"), "absolute");
        assert_eq!(kind("C:/x.md"), "absolute");
        assert_eq!(kind("c:x.md"), "absolute");
        assert_eq!(kind("a/../../x.md"), "traversal");
        assert_eq!(kind(".."), "traversal");
        assert_eq!(kind("a\\b.md"), "bad");
        assert_eq!(kind("a//b.md"), "bad");
        assert_eq!(kind("./a.md"), "bad");
        assert_eq!(kind("a\u{7}.md"), "bad");
        assert_eq!(kind("a.md."), "bad");
        assert_eq!(kind("a?.md"), "bad");
        assert_eq!(kind("file.md:stream"), "bad");
        assert_eq!(kind("CON"), "device");
        assert_eq!(kind("notes/nul.md"), "device");
        assert_eq!(kind("Lpt1.txt"), "device");
        assert_eq!(kind(""), "bad");
    }

    #[test]
    fn names_that_one_file_system_merges_collide() {
        assert_eq!(collision_key("Notes/A.md"), collision_key("notes/a.MD"));
        // "é" precomposed and as "e" + combining acute accent.
        assert_eq!(
            collision_key("caf\u{e9}.md"),
            collision_key("cafe\u{301}.md")
        );
        assert_ne!(collision_key("a.md"), collision_key("b.md"));
    }

    #[test]
    fn types_by_extension_and_content() {
        assert_eq!(kind_of("a/b.MD"), Some(FileKind::Note));
        assert_eq!(kind_of("x.jpeg"), Some(FileKind::Image(ImageType::Jpeg)));
        assert_eq!(kind_of("x.svg"), None);
        assert_eq!(kind_of("README"), None);
        assert!(ImageType::Png.matches(b"\x89PNG\r\n\x1a\nrest"));
        assert!(!ImageType::Png.matches(b"<svg>"));
        assert!(ImageType::Webp.matches(b"RIFF\0\0\0\0WEBPVP8 "));
        assert!(!ImageType::Gif.matches(b"GIF"));
    }
}
