//! `stratus review next|answer|undo|suspend|bury|summary|settings`.

use std::io::Write;

use stratus_engine::{
    AnswerResult, CardId, Library, Rating, ReviewNext, ReviewScope, ReviewSettings, ReviewSummary,
    UndoResult, parse_steps,
};

use crate::args::ReviewCommand;
use crate::output::Output;

/// Runs a `review` subcommand; returns whether anything was found (a card for `next`).
pub fn run(
    library: &mut Library,
    out: &mut Output,
    command: ReviewCommand,
) -> anyhow::Result<bool> {
    match command {
        ReviewCommand::Next { scope } => {
            let scope: ReviewScope = scope.parse()?;
            let next = library.review_next(&scope)?;
            out.render(&next, render_next)?;
            Ok(next.card.is_some())
        }
        ReviewCommand::Answer {
            card_id,
            rating,
            choice,
            duration_ms,
        } => {
            let card_id = CardId(card_id);
            let rating = match rating {
                Some(text) => Rating::parse(&text).ok_or_else(|| {
                    stratus_engine::Error::InvalidInput(format!(
                        "unknown rating {text:?}: use again, hard, good or easy"
                    ))
                })?,
                None => library.grade_choice(&card_id, &choice)?.suggested_rating,
            };
            let result = library.answer_card(&card_id, rating, duration_ms)?;
            out.render(&result, render_answer)?;
            Ok(true)
        }
        ReviewCommand::Undo => {
            let undone = library.undo_review()?;
            out.render(&undone, render_undo)?;
            Ok(true)
        }
        ReviewCommand::Suspend { card_id } => {
            library.suspend_in_review(&CardId(card_id.clone()))?;
            out.render(&serde_json::json!({ "suspended": card_id }), |_, w| {
                writeln!(w, "suspended {card_id}")
            })?;
            Ok(true)
        }
        ReviewCommand::Bury { card_id } => {
            library.bury_card(&CardId(card_id.clone()))?;
            out.render(&serde_json::json!({ "buried": card_id }), |_, w| {
                writeln!(w, "buried {card_id} until the end of the study day")
            })?;
            Ok(true)
        }
        ReviewCommand::Summary { since } => {
            let summary = library.review_summary(since.as_deref())?;
            out.render(&summary, render_summary)?;
            Ok(summary.answered > 0)
        }
        ReviewCommand::Settings {
            retention,
            new_per_day,
            reviews_per_day,
            learning_steps,
            relearning_steps,
            max_interval,
            rollover_hour,
            time_zone,
            fuzz,
        } => {
            let mut s = library.review_settings()?;
            let before = s.clone();
            if let Some(v) = retention {
                s.desired_retention = v;
            }
            if let Some(v) = new_per_day {
                s.new_cards_per_day = v;
            }
            if let Some(v) = reviews_per_day {
                s.reviews_per_day = v;
            }
            if let Some(v) = learning_steps {
                s.learning_steps_secs = parse_steps(&v)?;
            }
            if let Some(v) = relearning_steps {
                s.relearning_steps_secs = parse_steps(&v)?;
            }
            if let Some(v) = max_interval {
                s.maximum_interval_days = v;
            }
            if let Some(v) = rollover_hour {
                s.day_rollover_hour = v;
            }
            if let Some(v) = time_zone {
                s.time_zone = v;
            }
            if let Some(v) = fuzz {
                s.is_fuzz_enabled = v;
            }
            let saved = if s == before {
                s
            } else {
                library.set_review_settings(&s)?
            };
            out.render(&saved, render_settings)?;
            Ok(true)
        }
    }
}

fn render_next(next: &ReviewNext, w: &mut dyn Write) -> std::io::Result<()> {
    let c = &next.counts;
    writeln!(
        w,
        "{}  new {}  learning {}  review {}",
        next.study_day, c.new, c.learning, c.review
    )?;
    let Some(card) = &next.card else {
        match &next.next_due_at {
            Some(at) => writeln!(w, "nothing due now; next learning card at {at}")?,
            None => writeln!(w, "nothing left to review")?,
        }
        return Ok(());
    };
    writeln!(w)?;
    let mut context = card.heading_path.join(" › ");
    if !card.exams.is_empty() {
        context.push_str(&format!("  [{}]", card.exams.join("/")));
    }
    writeln!(w, "{context}")?;
    writeln!(w, "card {}", card.card_id)?;
    writeln!(w)?;
    writeln!(w, "{}", card.prompt)?;
    for (i, o) in card.options.iter().enumerate() {
        writeln!(w, "  {i}) {}", o.text)?;
    }
    writeln!(w)?;
    let buttons: Vec<String> = card
        .buttons
        .iter()
        .map(|b| format!("{:?} {}", b.rating, b.label).to_lowercase())
        .collect();
    writeln!(w, "{}", buttons.join("  |  "))
}

fn render_answer(a: &AnswerResult, w: &mut dyn Write) -> std::io::Result<()> {
    writeln!(
        w,
        "{} {:?}: {:?}, due in {} ({})",
        a.card_id, a.rating, a.phase, a.label, a.due_at
    )
}

fn render_undo(u: &UndoResult, w: &mut dyn Write) -> std::io::Result<()> {
    writeln!(
        w,
        "undid {:?} of {} ({} more can be undone)",
        u.action, u.card_id, u.remaining
    )
}

fn render_summary(s: &ReviewSummary, w: &mut dyn Write) -> std::io::Result<()> {
    writeln!(
        w,
        "{} answered ({} new): again {}, hard {}, good {}, easy {} in {:.0} min",
        s.answered,
        s.new_cards,
        s.again,
        s.hard,
        s.good,
        s.easy,
        s.duration_ms / 60_000.0
    )?;
    if let Some(r) = s.retention {
        writeln!(w, "recalled {:.0}% of {} reviews", r * 100.0, s.reviews)?;
    }
    Ok(())
}

fn render_settings(s: &ReviewSettings, w: &mut dyn Write) -> std::io::Result<()> {
    let steps = |v: &[u32]| {
        v.iter()
            .map(|s| stratus_engine::interval_label(f64::from(*s)))
            .collect::<Vec<_>>()
            .join(" ")
    };
    writeln!(w, "desired retention   {}", s.desired_retention)?;
    writeln!(w, "new cards per day   {}", s.new_cards_per_day)?;
    writeln!(w, "reviews per day     {}", s.reviews_per_day)?;
    writeln!(w, "learning steps      {}", steps(&s.learning_steps_secs))?;
    writeln!(w, "relearning steps    {}", steps(&s.relearning_steps_secs))?;
    writeln!(w, "maximum interval    {}d", s.maximum_interval_days)?;
    writeln!(w, "day starts at       {:02}:00", s.day_rollover_hour)?;
    writeln!(
        w,
        "time zone           {}",
        if s.time_zone.is_empty() {
            "(system)"
        } else {
            &s.time_zone
        }
    )?;
    writeln!(
        w,
        "interval fuzz       {}",
        if s.is_fuzz_enabled { "on" } else { "off" }
    )
}
