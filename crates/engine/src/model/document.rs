//! Documents and sections as import produces them and storage keeps them: where a document
//! came from, how its text is read, its summary for lists, and a parsed document ready to
//! store.

use serde::{Deserialize, Serialize};

use super::SectionTags;
use crate::ids::DocumentId;

/// Where a document came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum Origin {
    /// The course shipped inside Stratus; read-only.
    Builtin,
    /// Notes the user imported from disk.
    User,
    /// An instructor's pack.
    Pack,
}

impl Origin {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Origin::Builtin => "builtin",
            Origin::User => "user",
            Origin::Pack => "pack",
        }
    }

    pub(crate) fn from_db(s: &str) -> Self {
        match s {
            "builtin" => Origin::Builtin,
            "pack" => Origin::Pack,
            _ => Origin::User,
        }
    }
}

/// A document of the library, for lists and filters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct DocumentSummary {
    pub id: DocumentId,
    pub title: String,
    /// File path (user notes) or path inside `content/` (built-in course).
    pub path: String,
    pub origin: Origin,
    pub is_builtin: bool,
    pub format: DocumentFormat,
    pub lang: String,
    pub section_count: u32,
    /// Cards made from it that are studied or suspended (retired ones are not counted).
    pub card_count: u32,
    pub size_bytes: u32,
}

/// How a document's text is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum DocumentFormat {
    Markdown,
    PlainText,
}

impl DocumentFormat {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            DocumentFormat::Markdown => "markdown",
            DocumentFormat::PlainText => "plain_text",
        }
    }

    pub(crate) fn from_db(s: &str) -> Self {
        if s == "plain_text" {
            DocumentFormat::PlainText
        } else {
            DocumentFormat::Markdown
        }
    }
}

/// A section as parsed, before it has keys and search terms.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SectionDraft {
    /// 1–6 for headings, 0 for text before the first heading.
    pub level: u8,
    pub heading: String,
    pub heading_path: Vec<String>,
    /// Plain text of the section's own content (emphasis, links and markup removed).
    pub body: String,
    /// The section's source, heading line included.
    pub markdown: String,
    pub tags: SectionTags,
    pub line_start: u32,
    pub line_end: u32,
}

/// A section ready to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PreparedSection {
    pub draft: SectionDraft,
    pub section_key: String,
    pub heading_key: String,
    pub heading_terms: String,
    pub body_terms: String,
}

/// A whole parsed file.
#[derive(Debug, Clone)]
pub(crate) struct ParsedDocument {
    pub title: String,
    pub lang: String,
    pub format: DocumentFormat,
    pub sections: Vec<PreparedSection>,
    pub warnings: Vec<String>,
    pub meta_json: String,
}
