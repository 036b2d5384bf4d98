//! Reading notes: a file's bytes decoded to text and parsed into sections — markdown by
//! headings, plain text by the lines that read as titles — with front matter, exam and topic
//! tags, and boilerplate lines told apart. Pure: text in, a parsed document out. A leaf
//! module: it imports only `model` and `text`, so that import, card generation, the question
//! parser and packs read a note the same way without importing each other (decision 0014).

pub(crate) mod boilerplate;
pub(crate) mod document;
pub(crate) mod frontmatter;
mod markdown;
mod plaintext;
mod tags;
