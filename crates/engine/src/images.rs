//! Images referenced by notes: the reader's HTML points relative `<img src>` at an app URL
//! ([`IMAGE_URL_PREFIX`]`<document id>/<percent-encoded path>`), and the shell answers those
//! URLs with [`Library::document_image`]. An image is served only if it lies inside the folder
//! of its note (or below it), is a PNG, JPEG, WebP or GIF by its first bytes, and is at most
//! [`MAX_IMAGE_BYTES`] long. SVG is never served: it can carry scripts and remote references.
//! The built-in course has no folder on disk, so its documents have no images.

use std::io::Read;
use std::path::{Component, Path, PathBuf};

use crate::error::{Error, Result};
use crate::ids::DocumentId;
use crate::model::{ImageProblem, Origin};
use crate::storage::Library;
use crate::storage::images as store;

/// The app URL scheme the shell registers for note images.
pub const IMAGE_URL_SCHEME: &str = "stratus-img";

/// How the reader's HTML writes an image URL before the document id. A web view that serves
/// custom schemes as `http://<scheme>.localhost/` (Windows) has this prefix replaced by the UI.
pub const IMAGE_URL_PREFIX: &str = "stratus-img://localhost/";

/// The largest image served (10 MiB).
pub const MAX_IMAGE_BYTES: u64 = 10 * 1024 * 1024;

/// An image format the reader shows, judged by the file's first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageFormat {
    Png,
    Jpeg,
    Webp,
    Gif,
}

impl ImageFormat {
    /// The MIME type to serve the image with.
    pub fn mime(self) -> &'static str {
        match self {
            ImageFormat::Png => "image/png",
            ImageFormat::Jpeg => "image/jpeg",
            ImageFormat::Webp => "image/webp",
            ImageFormat::Gif => "image/gif",
        }
    }

    /// The format whose signature `head` starts with, if any.
    pub fn sniff(head: &[u8]) -> Option<Self> {
        if head.starts_with(b"\x89PNG\r\n\x1a\n") {
            Some(ImageFormat::Png)
        } else if head.starts_with(&[0xFF, 0xD8, 0xFF]) {
            Some(ImageFormat::Jpeg)
        } else if head.starts_with(b"GIF87a") || head.starts_with(b"GIF89a") {
            Some(ImageFormat::Gif)
        } else if head.len() >= 12 && head.starts_with(b"RIFF") && &head[8..12] == b"WEBP" {
            Some(ImageFormat::Webp)
        } else {
            None
        }
    }
}

/// An image ready to serve.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentImage {
    pub bytes: Vec<u8>,
    pub format: ImageFormat,
}

fn refused(document: DocumentId, path: &str, problem: ImageProblem) -> Error {
    Error::ImageRefused {
        document,
        path: path.to_string(),
        problem,
    }
}

/// Checks a reference as written before touching the disk.
fn check_reference(relative: &str) -> Result<(), ImageProblem> {
    if relative.contains('\0') {
        return Err(ImageProblem::NulByte);
    }
    if relative.trim().is_empty() {
        return Err(ImageProblem::EmptyPath);
    }
    let first = relative.split(['/', '\\']).next().unwrap_or_default();
    if relative.starts_with(['/', '\\']) || first.contains(':') || Path::new(relative).is_absolute()
    {
        return Err(ImageProblem::AbsolutePath);
    }
    if relative.split(['/', '\\']).any(|part| part == "..") {
        return Err(ImageProblem::ParentTraversal);
    }
    if Path::new(relative)
        .components()
        .any(|c| !matches!(c, Component::Normal(_) | Component::CurDir))
    {
        return Err(ImageProblem::AbsolutePath);
    }
    Ok(())
}

/// Whether the file looks like SVG by name or by its first non-blank bytes.
fn looks_like_svg(path: &Path, head: &[u8]) -> bool {
    let by_name = path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("svg") || e.eq_ignore_ascii_case("svgz"));
    let text = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    let start = text
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(text.len());
    let text = String::from_utf8_lossy(&text[start..]).to_ascii_lowercase();
    by_name || text.starts_with("<svg") || (text.starts_with("<?xml") && text.contains("<svg"))
}

/// Reads the image `relative` (a path as written in the note, already percent-decoded) of the
/// note file `note`, confined to the note's folder.
fn read_confined(note: &Path, relative: &str) -> Result<DocumentImage, ImageProblem> {
    check_reference(relative)?;
    let folder = note.parent().ok_or(ImageProblem::NoFolder)?;
    let folder = std::fs::canonicalize(folder).map_err(|_| ImageProblem::Missing)?;
    let target: PathBuf = folder.join(relative);
    let resolved = std::fs::canonicalize(&target).map_err(|_| ImageProblem::Missing)?;
    if !resolved.starts_with(&folder) {
        return Err(ImageProblem::OutsideFolder);
    }
    let meta = std::fs::metadata(&resolved).map_err(|_| ImageProblem::Missing)?;
    if !meta.is_file() {
        return Err(ImageProblem::NotAFile);
    }
    if meta.len() > MAX_IMAGE_BYTES {
        return Err(ImageProblem::TooLarge {
            bytes: meta.len(),
            limit: MAX_IMAGE_BYTES,
        });
    }
    let file = std::fs::File::open(&resolved).map_err(|_| ImageProblem::Missing)?;
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(MAX_IMAGE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|_| ImageProblem::Missing)?;
    if bytes.len() as u64 > MAX_IMAGE_BYTES {
        // The file grew between the size check and the read.
        return Err(ImageProblem::TooLarge {
            bytes: bytes.len() as u64,
            limit: MAX_IMAGE_BYTES,
        });
    }
    let head = &bytes[..bytes.len().min(512)];
    if looks_like_svg(&resolved, head) {
        return Err(ImageProblem::Svg);
    }
    let format = ImageFormat::sniff(head).ok_or(ImageProblem::UnsupportedType)?;
    Ok(DocumentImage { bytes, format })
}

/// Decodes `%XX` escapes of a URL path; `None` when an escape is malformed or the result is
/// not UTF-8.
pub fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// Escapes everything but unreserved characters and `/`, so a path fits one URL path.
pub(crate) fn percent_encode_path(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The app URL for image `relative` (as written in the note: it may hold `%XX` escapes, a
/// query or a fragment) of document `document`; `None` when the reference cannot be an
/// image inside the note's folder, so the image is dropped from the HTML.
pub(crate) fn image_url(document: DocumentId, relative: &str) -> Option<String> {
    let path = relative.trim().split(['?', '#']).next().unwrap_or_default();
    let path = percent_decode(path)?;
    check_reference(&path).ok()?;
    Some(format!(
        "{IMAGE_URL_PREFIX}{document}/{}",
        percent_encode_path(&path)
    ))
}

impl Library {
    /// The image at `relative_path` (relative to the folder of document `document`'s file,
    /// percent-decoded) with its format, or why it is refused: the document is unknown
    /// ([`Error::NotFound`]) or built in, or the image breaks one of the rules of
    /// [`ImageProblem`] ([`Error::ImageRefused`]).
    pub fn document_image(
        &self,
        document: DocumentId,
        relative_path: &str,
    ) -> Result<DocumentImage> {
        let (path, origin) =
            store::document_file(self.conn(), document)?.ok_or_else(|| Error::NotFound {
                what: "document",
                id: document.to_string(),
            })?;
        if origin == Origin::Builtin {
            return Err(refused(document, relative_path, ImageProblem::NoFolder));
        }
        read_confined(Path::new(&path), relative_path)
            .map_err(|problem| refused(document, relative_path, problem))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_are_checked_as_written() {
        assert_eq!(check_reference("img/a.png"), Ok(()));
        assert_eq!(check_reference("./a b.png"), Ok(()));
        assert_eq!(check_reference(""), Err(ImageProblem::EmptyPath));
        assert_eq!(check_reference("a\0.png"), Err(ImageProblem::NulByte));
        assert_eq!(
            check_reference("/etc/x.png"),
            Err(ImageProblem::AbsolutePath)
        );
        assert_eq!(
            check_reference("\\\\srv\\x.png"),
            Err(ImageProblem::AbsolutePath)
        );
        assert_eq!(check_reference("C:/x.png"), Err(ImageProblem::AbsolutePath));
        assert_eq!(
            check_reference("../x.png"),
            Err(ImageProblem::ParentTraversal)
        );
        assert_eq!(
            check_reference("img/..\\..\\x.png"),
            Err(ImageProblem::ParentTraversal)
        );
    }

    #[test]
    fn urls_are_percent_encoded_once_and_decode_back() {
        let url = image_url(DocumentId(7), "img/my%20pic.png?v=2#top").expect("relative");
        assert_eq!(url, "stratus-img://localhost/7/img/my%20pic.png");
        let encoded = url.trim_start_matches("stratus-img://localhost/7/");
        assert_eq!(percent_decode(encoded).as_deref(), Some("img/my pic.png"));
        assert_eq!(
            image_url(DocumentId(1), "그림/망.png").as_deref(),
            Some("stratus-img://localhost/1/%EA%B7%B8%EB%A6%BC/%EB%A7%9D.png")
        );
        assert_eq!(image_url(DocumentId(1), "%2E%2E/x.png"), None);
        assert_eq!(image_url(DocumentId(1), "a%00.png"), None);
        assert_eq!(image_url(DocumentId(1), "a%zz.png"), None);
    }

    #[test]
    fn formats_are_known_by_their_first_bytes() {
        assert_eq!(
            ImageFormat::sniff(b"\x89PNG\r\n\x1a\n...."),
            Some(ImageFormat::Png)
        );
        assert_eq!(
            ImageFormat::sniff(&[0xFF, 0xD8, 0xFF, 0xE0]),
            Some(ImageFormat::Jpeg)
        );
        assert_eq!(ImageFormat::sniff(b"GIF89a.."), Some(ImageFormat::Gif));
        assert_eq!(
            ImageFormat::sniff(b"RIFF\x10\0\0\0WEBPVP8 "),
            Some(ImageFormat::Webp)
        );
        assert_eq!(ImageFormat::sniff(b"RIFF\x10\0\0\0WAVEfmt "), None);
        assert_eq!(ImageFormat::sniff(b"<svg xmlns"), None);
    }
}
