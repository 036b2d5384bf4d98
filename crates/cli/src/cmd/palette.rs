//! `stratus palette QUERY`.

use std::io::Write;

use stratus_engine::{Library, PaletteHit};

use crate::output::Output;

pub fn run(library: &Library, out: &mut Output, query: &str, limit: u32) -> anyhow::Result<bool> {
    let hits = library.palette(query, limit)?;
    out.render(&hits, render_text)?;
    Ok(!hits.is_empty())
}

fn render_text(hits: &Vec<PaletteHit>, w: &mut dyn Write) -> std::io::Result<()> {
    for hit in hits {
        writeln!(
            w,
            "{:>6}  {}  ({})",
            hit.section_id, hit.label, hit.document_title
        )?;
    }
    Ok(())
}
