//! Text vocabulary shared by import, search, cards, questions and rendering: the one normal
//! form and tokenizer of search text, the normal form card prompts and question stems are
//! hashed in, the markdown dialect every parser reads, the blocks cards and questions are
//! read from, and line numbers of byte offsets. A leaf module: it imports nothing else of the
//! engine (decision 0014).

pub(crate) mod blocks;
mod lines;
mod norm;
pub(crate) mod tokenize;

use pulldown_cmark::Options;

pub(crate) use lines::LineIndex;
pub(crate) use norm::norm;

/// The markdown extensions notes are read with, by import, card generation and rendering
/// alike, so that a section is parsed the same way wherever it is read.
pub(crate) fn markdown_options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
}
