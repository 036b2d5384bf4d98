//! `stratus optimize [--reset]`.

use std::io::Write;

use stratus_engine::{Library, OptimizeOutcome, OptimizeReport, SchedulerParameters};

use crate::output::Output;

pub fn run(library: &mut Library, out: &mut Output, reset: bool) -> anyhow::Result<()> {
    if reset {
        let parameters = library.reset_scheduler_parameters()?;
        return out.render(&parameters, render_parameters);
    }
    let report = library.optimize()?;
    out.render(&report, render_report)
}

fn render_parameters(p: &SchedulerParameters, w: &mut dyn Write) -> std::io::Result<()> {
    writeln!(
        w,
        "{} parameters: {}",
        if p.is_default { "default" } else { "personal" },
        join(&p.parameters)
    )
}

fn join(values: &[f64]) -> String {
    values
        .iter()
        .map(|v| format!("{v:.4}"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn render_report(r: &OptimizeReport, w: &mut dyn Write) -> std::io::Result<()> {
    let loss = |v: Option<f64>| v.map_or("-".to_string(), |v| format!("{v:.4}"));
    match r.outcome {
        OptimizeOutcome::NotEnoughReviews => writeln!(
            w,
            "not enough history yet: {} usable answers of {} needed; the defaults stay",
            r.trainable_count, r.minimum_count
        )?,
        OptimizeOutcome::Optimized => writeln!(
            w,
            "fitted on {} answers: log loss {} -> {} (lower is better); saved",
            r.trainable_count,
            loss(r.log_loss_before),
            loss(r.log_loss_after)
        )?,
        OptimizeOutcome::KeptCurrent => writeln!(
            w,
            "fitted on {} answers but no better: log loss {} vs {}; kept the current parameters",
            r.trainable_count,
            loss(r.log_loss_before),
            loss(r.log_loss_after)
        )?,
    }
    writeln!(w, "parameters: {}", join(&r.parameters))
}
