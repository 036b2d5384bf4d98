//! The keys a note is known by (decision 0011), computed from the file alone: its
//! front-matter `id`, its path under the imported folder, and the key card and question ids
//! are derived from. Deciding which stored document a file is stays in `import::identity`;
//! card linting computes the same keys from here without importing anything.

use std::path::{Component, Path};

use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use unicode_normalization::UnicodeNormalization;

use super::frontmatter::parse_front_matter;
use crate::model::Origin;

/// The longest front-matter `id` taken as a document's identity, in characters.
pub(crate) const MAX_ID_CHARS: usize = 200;
/// What a file says about its own identity, before the library is asked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum NaturalKey {
    /// A front-matter `id`: the same id is the same document, wherever it lies.
    Id(String),
    /// The path relative to the imported folder, `/`-separated.
    Path(String),
    /// A document of the course pack named first: its front-matter id (`<pack>#<id>`) or its
    /// path in the pack (`<pack>/<relative path>`). Pack keys never meet user keys, so a pack
    /// never takes a user's document (and its history) nor gives one away.
    Pack(String),
}

impl NaturalKey {
    /// The stored form: `id:<id>` or `path:<relative path>`.
    pub(crate) fn key(&self) -> String {
        match self {
            NaturalKey::Id(id) => format!("id:{id}"),
            NaturalKey::Path(rel) => format!("path:{rel}"),
            NaturalKey::Pack(key) => format!("pack:{key}"),
        }
    }
}

/// The path of `file` relative to `root`, `/`-separated, each part as `path_key` writes it
/// in Unicode NFC (a name stored decomposed, as some file systems do, gives the same key);
/// the file name alone when `file` is not under `root`.
pub(crate) fn relative_path(root: &Path, file: &Path) -> String {
    let nfc = |part: &Path| path_key(part).nfc().collect::<String>();
    let parts: Vec<String> = match file.strip_prefix(root) {
        Ok(rel) => rel
            .components()
            .filter_map(|c| match c {
                Component::Normal(part) => Some(nfc(Path::new(part))),
                _ => None,
            })
            .collect(),
        Err(_) => Vec::new(),
    };
    if parts.is_empty() {
        return file
            .file_name()
            .map(|n| nfc(Path::new(n)))
            .unwrap_or_else(|| nfc(file));
    }
    parts.join("/")
}

/// The front-matter `id` of a markdown note, trimmed; `None` without one, or when it is
/// empty, longer than [`MAX_ID_CHARS`] or the front matter cannot be read (the note is then
/// identified by its path, as it would be without the field).
pub(crate) fn front_matter_id(text: &str) -> Option<String> {
    let mut in_metadata = false;
    let mut yaml = String::new();
    for event in Parser::new_ext(text, crate::text::markdown_options()) {
        match event {
            Event::Start(Tag::MetadataBlock(_)) => in_metadata = true,
            Event::Text(t) if in_metadata => yaml.push_str(&t),
            Event::End(TagEnd::MetadataBlock(_)) => break,
            // Front matter only comes first.
            _ if !in_metadata => return None,
            _ => {}
        }
    }
    let id = parse_front_matter(&yaml).ok()?.id?;
    let id = id.trim();
    (!id.is_empty() && id.chars().count() <= MAX_ID_CHARS).then(|| id.to_string())
}

/// The key of a file: its front-matter id if it has one, else its path under `root`.
pub(crate) fn natural_key(id: Option<String>, root: &Path, file: &Path) -> NaturalKey {
    natural_key_in(id, root, file, None)
}

/// The key of a file as [`natural_key`] gives it; inside the folder of the course pack
/// `pack`, the same within the pack's own key space.
pub(crate) fn natural_key_in(
    id: Option<String>,
    root: &Path,
    file: &Path,
    pack: Option<&str>,
) -> NaturalKey {
    match (pack, id) {
        (Some(pack), Some(id)) => NaturalKey::Pack(format!("{pack}#{id}")),
        (Some(pack), None) => NaturalKey::Pack(format!("{pack}/{}", relative_path(root, file))),
        (None, Some(id)) => NaturalKey::Id(id),
        (None, None) => NaturalKey::Path(relative_path(root, file)),
    }
}

/// The document key that card and question ids are derived from: origin and library key
/// (`builtin:en/iam.md`, `user:path:aws/s3.md`, `user:id:s3-basics`). A note imported before
/// schema 11 still has its absolute path as key (`user:/notes/s3.md`) until it is re-keyed.
pub(crate) fn id_key(origin: Origin, doc_key: &str) -> String {
    format!("{}:{doc_key}", origin.as_str())
}

/// The text that identifies a file in the library: its path as written when that is valid
/// Unicode, else a lossless escape of it, so that two names differing only in bytes that are
/// not UTF-8 (`bad\xfe.md`, `bad\xff.md`) stay two documents. Each such byte becomes `\u{FFFD}`
/// and two upper-case hex digits (`bad\u{FFFD}FE.md`), and a real `\u{FFFD}` of the name
/// becomes two of them; a valid name without `\u{FFFD}` is unchanged, so the mapping is
/// one-to-one and the keys of existing documents stay as they were.
pub(crate) fn path_key(path: &Path) -> String {
    const MARK: char = char::REPLACEMENT_CHARACTER;
    let bytes = path.as_os_str().as_encoded_bytes();
    if let Ok(text) = std::str::from_utf8(bytes)
        && !text.contains(MARK)
    {
        return text.to_string();
    }
    let mut key = String::with_capacity(bytes.len() + 8);
    for chunk in bytes.utf8_chunks() {
        for c in chunk.valid().chars() {
            key.push(c);
            if c == MARK {
                key.push(MARK);
            }
        }
        for byte in chunk.invalid() {
            key.push(MARK);
            key.push_str(&format!("{byte:02X}"));
        }
    }
    key
}
