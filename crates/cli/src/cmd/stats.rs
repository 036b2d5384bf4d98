//! `stratus stats [--exam CODE]`: progress figures as a compact table.

use std::io::Write;

use stratus_engine::{Library, Mastery, ProgressStats};

use crate::output::Output;

pub fn run(library: &Library, out: &mut Output, exam: Option<&str>) -> anyhow::Result<()> {
    let stats = library.progress_stats(exam)?;
    out.render(&stats, render)
}

fn percent(v: Option<f64>) -> String {
    v.map_or("-".into(), |v| format!("{:.0}%", v * 100.0))
}

fn row(w: &mut dyn Write, label: &str, m: &Mastery) -> std::io::Result<()> {
    writeln!(
        w,
        "  {label:<44} {:>6} {:>6} {:>6} {:>7} {:>7} {:>9}",
        m.total,
        m.seen,
        m.mature,
        percent(m.mean_retrievability),
        percent(m.expected_recall),
        percent(m.retention_30d),
    )
}

fn render(s: &ProgressStats, w: &mut dyn Write) -> std::io::Result<()> {
    writeln!(w, "study day {}", s.today)?;
    let header = format!(
        "  {:<44} {:>6} {:>6} {:>6} {:>7} {:>7} {:>9}",
        "", "cards", "seen", "mature", "recall", "expect", "ret. 30d"
    );
    for exam in &s.exams {
        writeln!(
            w,
            "\n{} {}: expected recall {} ({}; covered weight {}%)",
            exam.code,
            exam.name,
            percent(Some(exam.readiness.expected_recall)),
            if exam.readiness.is_weighted {
                "weighted by domain, not a pass probability"
            } else {
                "unweighted, not a pass probability"
            },
            exam.readiness.covered_weight_percent,
        )?;
        writeln!(w, "{header}")?;
        row(w, "all", &exam.mastery)?;
        for d in &exam.domains {
            let label = match d.number {
                Some(n) => format!("{n}. {} ({}%)", d.name, d.weight_percent),
                None => d.name.clone(),
            };
            let label: String = label.chars().take(44).collect();
            row(w, &label, &d.mastery)?;
        }
    }
    if !s.weakest_topics.is_empty() {
        writeln!(w, "\nweakest topics")?;
        for t in &s.weakest_topics {
            writeln!(
                w,
                "  {:<30} forgetting {:.2}  (stratus review next --scope topic:{})",
                t.topic, t.expected_forgetting, t.topic
            )?;
        }
    }
    let a = &s.activity;
    writeln!(
        w,
        "\nactivity: {} answers on {} days in 365, {:.0} min; streak {} (longest {})",
        a.reviews_365d,
        a.active_days_365d,
        a.duration_ms_365d / 60_000.0,
        a.current_streak_days,
        a.longest_streak_days
    )?;
    let due: Vec<String> = a
        .forecast
        .iter()
        .take(7)
        .map(|d| d.due.to_string())
        .collect();
    writeln!(w, "due next 7 days: {}", due.join(" "))
}
