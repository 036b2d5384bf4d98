//! `stratus cards lint` and `stratus cards list`.

use std::io::Write;

use stratus_engine::{Card, CardFilter, CardLintReport, CardStatus, DocumentId, Library};

use crate::args::CardsCommand;
use crate::output::Output;

/// Runs a `cards` subcommand; returns whether anything was found.
pub fn run(library: &Library, out: &mut Output, command: CardsCommand) -> anyhow::Result<bool> {
    match command {
        CardsCommand::Lint { paths } => {
            let report = library.lint_cards(&paths)?;
            out.render(&report, render_lint)?;
            Ok(report.card_count > 0)
        }
        CardsCommand::List {
            exam,
            topic,
            document,
            all,
            limit,
        } => {
            let filter = CardFilter {
                exam,
                topic,
                document_id: document.map(DocumentId),
                include_suspended: all,
                include_retired: all,
                limit,
            };
            let cards = library.list_cards(&filter)?;
            out.render(&cards, render_list)?;
            Ok(!cards.is_empty())
        }
    }
}

fn render_lint(report: &CardLintReport, w: &mut dyn Write) -> std::io::Result<()> {
    for file in &report.files {
        writeln!(
            w,
            "{} ({}): {} cards, {} skipped, {} questions, {} question problems, {} outdated",
            file.path,
            file.lang.as_str(),
            file.cards.len(),
            file.skipped.len(),
            file.questions.len(),
            file.question_problems.len(),
            file.stale.len()
        )?;
        // Cards and skips interleaved by line, so an author reads the file top to bottom.
        let mut lines: Vec<(u32, String)> = file
            .cards
            .iter()
            .map(|c| {
                let mut s = format!(
                    "  {:>5}  + {:<10} {:<7} {}  =>  {}",
                    c.line,
                    format!("{:?}", c.generator).to_lowercase(),
                    format!("{:?}", c.kind).to_lowercase(),
                    c.prompt,
                    c.answer
                );
                let wrong: Vec<&str> = c
                    .options
                    .iter()
                    .filter(|o| !o.is_correct)
                    .map(|o| o.text.as_str())
                    .collect();
                if !wrong.is_empty() {
                    s.push_str(&format!("  (not: {})", wrong.join(" | ")));
                }
                if !c.stale.is_empty() {
                    s.push_str("  [suspended: outdated]");
                }
                (c.line, s)
            })
            .collect();
        lines.extend(file.skipped.iter().map(|s| {
            (
                s.line,
                format!(
                    "  {:>5}  - {:<10} {:?}: {}  ({})",
                    s.line,
                    format!("{:?}", s.generator).to_lowercase(),
                    s.reason,
                    s.text,
                    s.detail
                ),
            )
        }));
        lines.extend(file.questions.iter().map(|q| {
            let exams: Vec<String> = q
                .exams
                .iter()
                .map(|e| format!("{}/{}", e.exam, e.domain))
                .collect();
            let keys: Vec<&str> = q
                .options
                .iter()
                .filter(|o| o.is_correct)
                .map(|o| o.text.as_str())
                .collect();
            (
                q.line,
                format!(
                    "  {:>5}  ? question   [{}] {}  =>  {}",
                    q.line,
                    exams.join(", "),
                    q.stem,
                    keys.join(" | ")
                ),
            )
        }));
        lines.extend(file.question_problems.iter().map(|p| {
            (
                p.line,
                format!(
                    "  {:>5}  ! question   {:?}: {}  ({})",
                    p.line, p.kind, p.stem, p.detail
                ),
            )
        }));
        // Outdated claims come first on their line, before the cards they suspend.
        lines.extend(file.stale.iter().map(|o| {
            let when = if o.changed.is_empty() {
                String::new()
            } else {
                format!("{}; ", o.changed)
            };
            (
                o.line,
                format!(
                    "  {:>5}  ! outdated   {}: {}  =>  now: {}  ({when}source: {})",
                    o.line, o.entry, o.claim, o.current, o.source
                ),
            )
        }));
        lines.sort_by_key(|(line, text)| (*line, !text.contains("! outdated")));
        for (_, line) in lines {
            writeln!(w, "{line}")?;
        }
    }
    writeln!(
        w,
        "{} cards, {} skipped, {} questions, {} question problems, {} outdated in {} files",
        report.card_count,
        report.skipped_count,
        report.question_count,
        report.question_problem_count,
        report.stale_count,
        report.files.len()
    )
}

fn render_list(cards: &Vec<Card>, w: &mut dyn Write) -> std::io::Result<()> {
    for c in cards {
        let status = match c.status {
            CardStatus::Active => "",
            CardStatus::Suspended if !c.stale.is_empty() => " [suspended: outdated]",
            CardStatus::Suspended => " [suspended]",
            CardStatus::Retired => " [retired]",
        };
        writeln!(
            w,
            "{}  {}{}{}\n    Q: {}\n    A: {}",
            c.id,
            c.heading_path.join(" > "),
            if c.exams.is_empty() {
                String::new()
            } else {
                format!(" [{}]", c.exams.join("/"))
            },
            status,
            c.prompt,
            c.answer
        )?;
    }
    writeln!(w, "{} cards", cards.len())
}
