//! `stratus documents`.

use std::io::Write;

use stratus_engine::{DocumentSummary, Library};

use crate::output::Output;

pub fn run(library: &Library, out: &mut Output) -> anyhow::Result<()> {
    let documents = library.documents()?;
    out.render(&documents, render_text)
}

fn render_text(documents: &Vec<DocumentSummary>, w: &mut dyn Write) -> std::io::Result<()> {
    for d in documents {
        writeln!(
            w,
            "{:>5}  {:<8} {:>4} sections  {}  ({})",
            d.id,
            if d.is_builtin { "built-in" } else { "imported" },
            d.section_count,
            d.title,
            d.path
        )?;
    }
    Ok(())
}
