//! `stratus info`.

use std::io::Write;

use stratus_engine::{Library, LibraryInfo};

use crate::output::Output;

pub fn run(library: &Library, out: &mut Output) -> anyhow::Result<()> {
    let info = library.info()?;
    out.render(&info, render_text)
}

fn render_text(info: &LibraryInfo, w: &mut dyn Write) -> std::io::Result<()> {
    writeln!(w, "data dir:        {}", info.data_dir)?;
    writeln!(w, "database:        {}", info.database_path)?;
    writeln!(w, "schema version:  {}", info.schema_version)?;
    writeln!(w, "sqlite version:  {}", info.sqlite_version)?;
    writeln!(w, "documents:       {}", info.counts.documents)?;
    writeln!(w, "sections:        {}", info.counts.sections)?;
    writeln!(w, "cards:           {}", info.counts.cards)?;
    writeln!(w, "reviews:         {}", info.counts.reviews)
}
