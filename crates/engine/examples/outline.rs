//! Prints the sections the importer makes of the given files: `cargo run --example outline -- PATH...`.

use stratus_engine::{Library, LibraryOptions, SearchQuery};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut lib = Library::open_in_memory(LibraryOptions::default())?;
    let args: Vec<String> = std::env::args().skip(1).collect();
    let report = lib.import_paths(&args, &Default::default(), &mut |_| {}, &Default::default())?;
    println!("{}", serde_json::to_string_pretty(&report.totals)?);
    for hit in lib.palette("", 500)? {
        let view = lib.open_section(hit.section_id)?;
        println!(
            "{:>5}-{:<5} {:?} {} [{}]",
            view.line_start,
            view.line_end,
            view.tags.exams,
            hit.label,
            view.html.len()
        );
    }
    let _ = SearchQuery::default();
    Ok(())
}
