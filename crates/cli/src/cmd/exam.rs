//! `stratus exam …` and `stratus questions list`.

use std::io::Write;

use stratus_engine::{
    AttemptStatus, AttemptSummary, ExamAttempt, ExamMode, ExamReport, ExamStart, Library, Question,
    QuestionFilter,
};

use crate::args::{ExamCommand, QuestionsCommand};
use crate::output::Output;

/// Runs an `exam` subcommand; returns whether anything was found.
pub fn run(library: &mut Library, out: &mut Output, command: ExamCommand) -> anyhow::Result<bool> {
    match command {
        ExamCommand::Start {
            exam,
            count,
            seed,
            practice,
            domain,
            topic,
            review_correct,
        } => {
            let start = ExamStart {
                exam,
                mode: if practice {
                    ExamMode::Practice
                } else {
                    ExamMode::Exam
                },
                count,
                seed,
                domain,
                topic,
                review_correct,
            };
            let attempt = library.start_exam(&start)?;
            out.render(&attempt, render_attempt)?;
        }
        ExamCommand::Answer {
            attempt,
            question,
            choices,
        } => {
            let position = position(question)?;
            let current = library.exam_attempt(attempt)?;
            let shown = current
                .questions
                .get(position as usize)
                .ok_or_else(|| anyhow::anyhow!("attempt {attempt} has no question {question}"))?;
            let mut picked = Vec::new();
            for choice in &choices {
                picked.push(option_index(choice, &shown.options)?);
            }
            let attempt = library.answer_exam_question(attempt, position, &picked)?;
            out.render(&attempt, render_attempt)?;
        }
        ExamCommand::Flag {
            attempt,
            question,
            off,
        } => {
            let attempt = library.flag_exam_question(attempt, position(question)?, !off)?;
            out.render(&attempt, render_attempt)?;
        }
        ExamCommand::Submit { attempt } => {
            let report = library.submit_exam(attempt)?;
            out.render(&report, render_report)?;
        }
        ExamCommand::Show { attempt } => {
            let current = library.exam_attempt(attempt)?;
            if current.status == AttemptStatus::InProgress {
                out.render(&current, render_attempt)?;
            } else {
                let report = library.exam_report(attempt)?;
                out.render(&report, render_report)?;
            }
        }
        ExamCommand::Resume { attempt } => {
            let attempt = library.resume_exam(attempt)?;
            out.render(&attempt, render_attempt)?;
        }
        ExamCommand::History { exam } => {
            let history = library.exam_history(exam.as_deref())?;
            out.render(&history, render_history)?;
            return Ok(!history.is_empty());
        }
    }
    Ok(true)
}

/// `stratus questions list`.
pub fn questions(
    library: &Library,
    out: &mut Output,
    command: QuestionsCommand,
) -> anyhow::Result<bool> {
    let QuestionsCommand::List {
        exam,
        domain,
        topic,
        limit,
    } = command;
    let filter = QuestionFilter {
        exam,
        domain,
        topic,
        lang: None,
        limit,
    };
    let list = library.list_questions(&filter)?;
    out.render(&list, render_questions)?;
    Ok(!list.is_empty())
}

fn position(number: u32) -> anyhow::Result<u32> {
    number
        .checked_sub(1)
        .ok_or_else(|| anyhow::anyhow!("questions are numbered from 1"))
}

/// An option named by its letter as shown (A, B, …) or by its index in the question.
fn option_index(choice: &str, shown: &[stratus_engine::ShownOption]) -> anyhow::Result<u32> {
    let choice = choice.trim();
    if let Ok(index) = choice.parse::<u32>() {
        return Ok(index);
    }
    let mut chars = choice.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) if c.is_ascii_alphabetic() => {
            let n = (c.to_ascii_uppercase() as u8 - b'A') as usize;
            shown.get(n).map(|o| o.index).ok_or_else(|| {
                anyhow::anyhow!("there is no option {c}: this question has {}", shown.len())
            })
        }
        _ => anyhow::bail!(
            "choose options by letter (A, B, …) or by index (0, 1, …), not {choice:?}"
        ),
    }
}

fn letter(i: usize) -> char {
    (b'A' + i as u8) as char
}

fn minutes(ms: f64) -> String {
    let s = (ms / 1000.0).round() as u64;
    format!("{}:{:02}", s / 60, s % 60)
}

fn render_attempt(a: &ExamAttempt, w: &mut dyn Write) -> std::io::Result<()> {
    let clock = match a.remaining_ms {
        Some(left) => format!("{} left", minutes(left)),
        None => format!("{} used, untimed", minutes(a.elapsed_ms)),
    };
    writeln!(
        w,
        "attempt {} · {} ({:?}) · {:?} · {} · answered {}/{} · flagged {}",
        a.id,
        a.exam,
        a.mode,
        a.status,
        clock,
        a.answered_count,
        a.questions.len(),
        a.flagged_count
    )?;
    for q in &a.questions {
        let flag = if q.is_flagged { " [flagged]" } else { "" };
        let choose = if q.choose > 1 {
            format!(" (choose {})", q.choose)
        } else {
            String::new()
        };
        writeln!(
            w,
            "\nQ{} [domain {}]{flag}{choose}\n{}",
            q.position + 1,
            q.domain,
            q.stem
        )?;
        for (i, o) in q.options.iter().enumerate() {
            let chosen = if q.answer.contains(&o.index) {
                "*"
            } else {
                " "
            };
            let mark = match &q.result {
                Some(r) if r.correct.contains(&o.index) => " ✓",
                _ => "",
            };
            writeln!(w, "  {chosen}{}. {}{mark}", letter(i), o.text)?;
        }
        if let Some(r) = &q.result {
            writeln!(
                w,
                "  → {}: {}",
                if r.is_correct { "right" } else { "wrong" },
                r.explanation
            )?;
        }
    }
    Ok(())
}

fn render_report(r: &ExamReport, w: &mut dyn Write) -> std::io::Result<()> {
    let a = &r.attempt;
    writeln!(
        w,
        "{} attempt {} · {:?} · {}/{} right ({:.1} %) · time used {}",
        a.exam,
        a.id,
        a.status,
        r.correct,
        r.total,
        r.percent,
        minutes(a.elapsed_ms)
    )?;
    writeln!(
        w,
        "estimated score {} (pass mark {}): {} — Stratus's estimate, 100 + 900 × share right; AWS scales scores its own way",
        r.estimated_score,
        r.passing_score,
        if r.passed {
            "pass"
        } else {
            "below the pass mark"
        }
    )?;
    for d in &r.domains {
        writeln!(
            w,
            "  domain {} {:<62} {:>2}/{:<2} {:>5.1} %  (weight {} %)",
            d.number, d.name, d.correct, d.total, d.percent, d.weight_percent
        )?;
    }
    writeln!(w, "{} question(s) added to the review queue", r.cards_added)?;
    for q in &a.questions {
        let Some(res) = &q.result else { continue };
        if res.is_correct && !q.is_flagged {
            continue;
        }
        writeln!(
            w,
            "\nQ{} {}{}\n{}",
            q.position + 1,
            if res.is_correct { "right" } else { "wrong" },
            if q.is_flagged { ", flagged" } else { "" },
            q.stem
        )?;
        for (i, o) in q.options.iter().enumerate() {
            let mine = if q.answer.contains(&o.index) {
                "*"
            } else {
                " "
            };
            let key = if res.correct.contains(&o.index) {
                "✓"
            } else {
                " "
            };
            writeln!(w, "  {mine}{key} {}. {}", letter(i), o.text)?;
            if let Some(why) = res.explanations.get(i) {
                writeln!(w, "        {why}")?;
            }
        }
        writeln!(w, "  {}", res.explanation)?;
    }
    Ok(())
}

fn render_history(h: &Vec<AttemptSummary>, w: &mut dyn Write) -> std::io::Result<()> {
    for a in h {
        let score = match (a.correct, a.percent, a.estimated_score) {
            (Some(c), Some(p), Some(e)) => format!("{c}/{} {p:.1} % est. {e}", a.total),
            _ => format!("{}/{} answered", a.answered, a.total),
        };
        writeln!(
            w,
            "{:>4}  {}  {}  {:?} {:?}  {}",
            a.id, a.started_at, a.exam, a.mode, a.status, score
        )?;
    }
    Ok(())
}

fn render_questions(list: &Vec<Question>, w: &mut dyn Write) -> std::io::Result<()> {
    for q in list {
        let exams: Vec<String> = q
            .exams
            .iter()
            .map(|e| format!("{}/{}", e.exam, e.domain))
            .collect();
        writeln!(
            w,
            "{}  [{}] {}  {}",
            q.id,
            exams.join(", "),
            q.topic,
            q.stem
        )?;
    }
    Ok(())
}
