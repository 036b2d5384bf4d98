//! `stratus search QUERY` and `stratus search --batch FILE`.

use std::io::Write;
use std::path::Path;
use std::time::Instant;

use serde::Serialize;
use stratus_engine::{Library, SearchQuery, SearchResults};

use crate::output::Output;

/// Runs one search; returns whether anything matched.
pub fn run(library: &Library, out: &mut Output, query: &SearchQuery) -> anyhow::Result<bool> {
    let results = library.search(query)?;
    let found = !results.hits.is_empty();
    out.render(&results, render_text)?;
    Ok(found)
}

/// One line of `--batch` output, tagged like ripgrep's JSON lines: `"type": "results"`.
#[derive(Serialize)]
struct BatchLine<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    elapsed_us: u64,
    #[serde(flatten)]
    results: &'a SearchResults,
}

/// Runs every non-empty line of `file` as a query with the filters of `template`, printing
/// one JSON line per query with the time the engine took.
pub fn run_batch(
    library: &Library,
    out: &mut Output,
    file: &Path,
    template: &SearchQuery,
) -> anyhow::Result<()> {
    let text =
        std::fs::read_to_string(file).map_err(|e| anyhow::anyhow!("{}: {e}", file.display()))?;
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let query = SearchQuery {
            text: line.to_string(),
            ..template.clone()
        };
        let started = Instant::now();
        let results = library.search(&query)?;
        let elapsed_us = started.elapsed().as_micros() as u64;
        out.json_line(&BatchLine {
            kind: "results",
            elapsed_us,
            results: &results,
        })?;
    }
    Ok(())
}

fn render_text(results: &SearchResults, w: &mut dyn Write) -> std::io::Result<()> {
    if results.is_truncated {
        writeln!(
            w,
            "(query too long: only its first 256 characters and 16 words were searched)"
        )?;
    }
    for c in &results.corrections {
        writeln!(w, "(searched {} as {})", c.word, c.replacements.join(", "))?;
    }
    for e in &results.expansions {
        writeln!(w, "(also searched: {} → {})", e.from, e.to.join(", "))?;
    }
    if !results.ignored_words.is_empty() {
        writeln!(
            w,
            "(question words not required: {})",
            results.ignored_words.join(", ")
        )?;
    }
    if results.is_relaxed {
        writeln!(
            w,
            "(partial matches: no section has every word; sections with the most of them first)"
        )?;
    }
    if results.hits.is_empty() {
        writeln!(w, "no results for {:?}", results.query)?;
        if !results.suggestions.is_empty() {
            writeln!(w, "try: {}", results.suggestions.join(", "))?;
        }
    }
    for (i, hit) in results.hits.iter().enumerate() {
        let exams = if hit.exams.is_empty() {
            String::new()
        } else {
            format!(" [{}]", hit.exams.join("/"))
        };
        writeln!(
            w,
            "{:>2}. {}{}  (#{})",
            i + 1,
            hit.heading_path.join(" › "),
            exams,
            hit.section_id
        )?;
        writeln!(
            w,
            "    {}:{}-{}",
            hit.document.path, hit.line_start, hit.line_end
        )?;
        let snippet: String = hit
            .snippet
            .iter()
            .map(|s| {
                if s.is_match {
                    format!("[{}]", s.text)
                } else {
                    s.text.clone()
                }
            })
            .collect();
        if !snippet.is_empty() {
            writeln!(w, "    {snippet}")?;
        }
    }
    Ok(())
}
