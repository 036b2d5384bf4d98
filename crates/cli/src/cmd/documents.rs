//! `stratus documents` and `stratus documents rename`.

use std::io::Write;

use stratus_engine::{DocumentId, DocumentSummary, Library};

use crate::args::DocumentsCommand;
use crate::output::Output;

pub fn run(
    library: &mut Library,
    out: &mut Output,
    command: Option<DocumentsCommand>,
) -> anyhow::Result<()> {
    match command.unwrap_or(DocumentsCommand::List) {
        DocumentsCommand::List => {
            let documents = library.documents()?;
            out.render(&documents, render_text)
        }
        DocumentsCommand::Rename { id, title } => {
            let renamed = library.rename_document(DocumentId(id), &title)?;
            out.render(&renamed, |d, w| {
                writeln!(w, "renamed {}: {}", d.id, d.title)
            })
        }
    }
}

fn render_text(documents: &Vec<DocumentSummary>, w: &mut dyn Write) -> std::io::Result<()> {
    for d in documents {
        writeln!(
            w,
            "{:>5}  {:<8} {:>4} sections {:>5} cards  {}  ({})",
            d.id,
            if d.is_builtin { "built-in" } else { "imported" },
            d.section_count,
            d.card_count,
            d.title,
            d.path
        )?;
    }
    Ok(())
}
