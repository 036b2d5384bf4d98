//! `stratus show SECTION_ID`.

use std::io::Write;

use stratus_engine::{Library, SectionId, SectionView};

use crate::output::Output;

pub fn run(library: &Library, out: &mut Output, id: u32) -> anyhow::Result<()> {
    let view = library.open_section(SectionId(id))?;
    out.render(&view, render_text)
}

fn render_text(view: &SectionView, w: &mut dyn Write) -> std::io::Result<()> {
    let crumbs: Vec<&str> = view
        .breadcrumbs
        .iter()
        .map(|b| b.heading.as_str())
        .collect();
    writeln!(w, "{}", crumbs.join(" › "))?;
    writeln!(
        w,
        "{}:{}-{}{}",
        view.document.path,
        view.line_start,
        view.line_end,
        if view.tags.exams.is_empty() {
            String::new()
        } else {
            format!("  [{}]", view.tags.exams.join("/"))
        }
    )?;
    writeln!(w)?;
    writeln!(w, "{}", view.html)
}
