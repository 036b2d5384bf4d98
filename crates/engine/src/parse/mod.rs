//! Reading notes: a file's bytes decoded to text and parsed into sections — markdown by
//! headings, plain text by the lines that read as titles — with front matter, exam and topic
//! tags, and boilerplate lines told apart. Pure: text in, a parsed document out. A leaf
//! module: it imports only `model` and `text`, so that import, card generation, the question
//! parser and packs read a note the same way without importing each other (decision 0014).

pub(crate) mod boilerplate;
pub(crate) mod document;
pub(crate) mod frontmatter;
pub(crate) mod keys;
mod markdown;
mod plaintext;
mod tags;

/// The largest note file read by default (an import's `max_file_bytes`, a lint's limit).
pub(crate) const DEFAULT_MAX_FILE_BYTES: u32 = 20 * 1024 * 1024;
