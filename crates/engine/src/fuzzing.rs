//! Entry points for the fuzz targets in `fuzz/`: the pure steps of import and card
//! generation, which the public API only reaches through files on disk and a database.
//! Hidden from the documentation and not a stable API.

use crate::cards::CardLintFile;

/// One section as the import would store it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// 1–6 for headings, 0 for text before the first heading.
    pub level: u8,
    pub heading: String,
    pub heading_path: Vec<String>,
    /// The section's source text, heading line included.
    pub markdown: String,
    /// 1-based lines of the section in the file, `\r\n` counting as one line break.
    pub line_start: u32,
    pub line_end: u32,
}

/// Decodes file bytes the way import does; `None` for a binary or empty file.
pub fn decode(bytes: &[u8]) -> Option<String> {
    crate::parse::document::decode(bytes)
        .ok()
        .map(|(text, _)| text)
}

/// The sections of `text`, read as a `.md` file when `is_markdown_name`, else as `.txt`.
pub fn sections(text: &str, is_markdown_name: bool) -> Vec<Section> {
    crate::parse::document::parse_document(text, is_markdown_name, "note")
        .sections
        .into_iter()
        .map(|s| Section {
            level: s.draft.level,
            heading: s.draft.heading,
            heading_path: s.draft.heading_path,
            markdown: s.draft.markdown,
            line_start: s.draft.line_start,
            line_end: s.draft.line_end,
        })
        .collect()
}

/// What `stratus cards lint` reports for `text` as a note named `note.md` or `note.txt`.
pub fn lint_text(text: &str, is_markdown_name: bool, seed: u64) -> CardLintFile {
    let path = if is_markdown_name {
        "note.md"
    } else {
        "note.txt"
    };
    crate::cards::lint_text(path, text, is_markdown_name, seed)
}

/// Checks a pack held in memory as `stratus pack inspect` does; the manifest when it passes,
/// with the sizes of the files handed on.
pub fn read_pack(bytes: &[u8]) -> crate::Result<(crate::PackManifest, Vec<u64>)> {
    let mut sizes = Vec::new();
    let read = crate::pack::read_archive(
        std::io::Cursor::new(bytes),
        bytes.len() as u64,
        std::path::Path::new("fuzz.stratus"),
        &mut |e| {
            sizes.push(e.bytes.len() as u64);
            Ok(())
        },
    )?;
    Ok((read.manifest, sizes))
}

/// Parses and checks a `manifest.json`.
pub fn parse_pack_manifest(bytes: &[u8]) -> Result<crate::PackManifest, crate::PackProblem> {
    crate::pack::parse_manifest(bytes)
}
