//! `stratus cards lint`, `stratus cards list` and `stratus cards suspend|unsuspend`.

use std::io::Write;

use serde::Serialize;
use stratus_engine::{
    CardId, CardLintReport, CardPage, CardQuery, CardSort, CardState, DocumentId, Library,
};

use crate::args::{CardsCommand, SortArg, StateArg};
use crate::output::Output;

/// What `cards suspend` and `cards unsuspend` print.
#[derive(Debug, Serialize)]
struct SuspendReport {
    /// The ids given, in order.
    card_ids: Vec<String>,
    is_suspended: bool,
    /// How many of them changed (one already in that state, or retired, does not).
    changed: u32,
}

/// The states of cards that may be reviewed: what `cards list` shows by default.
const REVIEWABLE: [CardState; 5] = [
    CardState::New,
    CardState::Learning,
    CardState::Review,
    CardState::Relearning,
    CardState::Buried,
];

fn state(arg: StateArg) -> CardState {
    match arg {
        StateArg::New => CardState::New,
        StateArg::Learning => CardState::Learning,
        StateArg::Review => CardState::Review,
        StateArg::Relearning => CardState::Relearning,
        StateArg::Suspended => CardState::Suspended,
        StateArg::Buried => CardState::Buried,
        StateArg::Retired => CardState::Retired,
    }
}

fn sort(arg: SortArg) -> CardSort {
    match arg {
        SortArg::Due => CardSort::Due,
        SortArg::Prompt => CardSort::Prompt,
        SortArg::Document => CardSort::Document,
        SortArg::Lapses => CardSort::Lapses,
        SortArg::Interval => CardSort::Interval,
        SortArg::Created => CardSort::Created,
    }
}

/// Runs a `cards` subcommand; returns whether anything was found.
pub fn run(library: &mut Library, out: &mut Output, command: CardsCommand) -> anyhow::Result<bool> {
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
            state: states,
            due_before,
            min_lapses,
            text,
            sort: sort_by,
            desc,
            all,
            offset,
            limit,
        } => {
            let states = if all {
                vec![
                    CardState::New,
                    CardState::Learning,
                    CardState::Review,
                    CardState::Relearning,
                    CardState::Suspended,
                    CardState::Buried,
                    CardState::Retired,
                ]
            } else if states.is_empty() {
                REVIEWABLE.to_vec()
            } else {
                states.into_iter().map(state).collect()
            };
            let query = CardQuery {
                exam,
                topic,
                document_id: document.map(DocumentId),
                states,
                due_before,
                min_lapses,
                text,
                sort: sort(sort_by),
                is_descending: desc,
                offset,
                limit,
            };
            let page = library.browse_cards(&query)?;
            out.render(&page, render_list)?;
            Ok(page.total > 0)
        }
        CardsCommand::Suspend { card_ids } => suspend(library, out, card_ids, true),
        CardsCommand::Unsuspend { card_ids } => suspend(library, out, card_ids, false),
    }
}

fn suspend(
    library: &mut Library,
    out: &mut Output,
    card_ids: Vec<String>,
    is_suspended: bool,
) -> anyhow::Result<bool> {
    let ids: Vec<CardId> = card_ids.iter().cloned().map(CardId).collect();
    let changed = library.set_cards_suspended(&ids, is_suspended)?;
    let report = SuspendReport {
        card_ids,
        is_suspended,
        changed,
    };
    out.render(&report, |r, w| {
        let verb = if r.is_suspended {
            "suspended"
        } else {
            "unsuspended"
        };
        writeln!(w, "{verb} {} of {} cards", r.changed, r.card_ids.len())
    })?;
    Ok(true)
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

fn render_list(page: &CardPage, w: &mut dyn Write) -> std::io::Result<()> {
    for c in &page.cards {
        let due = c
            .due_at
            .as_deref()
            .map(|d| format!(", due {d}"))
            .unwrap_or_default();
        writeln!(
            w,
            "{}  {}{}  [{}{due}, {} reps, {} lapses]\n    Q: {}\n    A: {}",
            c.id,
            c.heading_path.join(" > "),
            if c.exams.is_empty() {
                String::new()
            } else {
                format!(" [{}]", c.exams.join("/"))
            },
            format!("{:?}", c.state).to_lowercase(),
            c.reps,
            c.lapses,
            c.prompt,
            c.answer
        )?;
    }
    let shown = page.cards.len() as u32;
    if shown == page.total {
        writeln!(w, "{} cards", page.total)
    } else if shown == 0 {
        writeln!(
            w,
            "none of {} cards after the first {}",
            page.total, page.offset
        )
    } else {
        let first = page.offset + 1;
        let last = page.offset + shown;
        writeln!(w, "{first}–{last} of {} cards", page.total)
    }
}
