//! Interval fuzz and button labels. Fuzz spreads cards learned together over nearby days;
//! the random factor is drawn by the caller from a seed of card id and answer count, so the
//! functions here are pure and an answer replays to the same interval.

/// (start, end, share of the interval in that band added to the fuzz range), as Anki uses.
const FUZZ_RANGES: [(f64, f64, f64); 3] =
    [(2.5, 7.0, 0.15), (7.0, 20.0, 0.1), (20.0, f64::MAX, 0.05)];

/// Half-width, in days, of the range an interval may be fuzzed within.
fn fuzz_delta(interval: f64) -> f64 {
    if interval < 2.5 {
        return 0.0;
    }
    FUZZ_RANGES
        .iter()
        .fold(1.0, |delta, &(start, end, factor)| {
            delta + factor * (interval.min(end) - start).max(0.0)
        })
}

/// The whole-day bounds an interval may be fuzzed to, kept within `minimum..=maximum`.
fn constrained_bounds(interval: f64, minimum: u32, maximum: u32) -> (u32, u32) {
    let minimum = minimum.min(maximum);
    let interval = interval.clamp(f64::from(minimum), f64::from(maximum));
    let delta = fuzz_delta(interval);
    let lower = ((interval - delta).round().max(1.0) as u32).clamp(minimum, maximum);
    let mut upper = ((interval + delta).round().max(1.0) as u32).clamp(minimum, maximum);
    if upper == lower && upper > 2 && upper < maximum {
        upper = lower + 1;
    }
    (lower, upper)
}

/// Rounds `interval` (days) to whole days within `minimum..=maximum`; with a `fuzz` factor
/// in `[0, 1)` the result is spread evenly over the fuzz range of intervals of 2.5 days and
/// more.
pub(crate) fn constrain_interval(
    interval: f64,
    minimum: u32,
    maximum: u32,
    fuzz: Option<f64>,
) -> u32 {
    let minimum = minimum.max(1).min(maximum.max(1));
    let maximum = maximum.max(1);
    match fuzz {
        Some(factor) if interval >= 2.5 => {
            let (lower, upper) = constrained_bounds(interval, minimum, maximum);
            let span = f64::from(upper - lower + 1);
            (f64::from(lower) + factor.clamp(0.0, 0.999_999) * span).floor() as u32
        }
        _ => (interval.round().max(1.0) as u32).clamp(minimum, maximum),
    }
}

/// A short label for an interval: `45s`, `10m`, `1.5h`, `3d`, `1.2mo`, `2.1y`.
pub fn interval_label(secs: f64) -> String {
    const MINUTE: f64 = 60.0;
    const HOUR: f64 = 3600.0;
    const DAY: f64 = 86_400.0;
    const MONTH: f64 = 30.0 * DAY;
    const YEAR: f64 = 365.0 * DAY;
    let secs = secs.max(0.0);
    let one_decimal = |v: f64, unit: &str| {
        let rounded = (v * 10.0).round() / 10.0;
        if rounded.fract() == 0.0 {
            format!("{rounded:.0}{unit}")
        } else {
            format!("{rounded:.1}{unit}")
        }
    };
    if secs < MINUTE {
        format!("{:.0}s", secs.round())
    } else if secs < HOUR {
        format!("{:.0}m", (secs / MINUTE).round())
    } else if secs < DAY {
        one_decimal(secs / HOUR, "h")
    } else if secs < MONTH {
        format!("{:.0}d", (secs / DAY).round())
    } else if secs < YEAR {
        one_decimal(secs / MONTH, "mo")
    } else {
        one_decimal(secs / YEAR, "y")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn labels_are_short_and_rounded() {
        assert_eq!(interval_label(30.0), "30s");
        assert_eq!(interval_label(60.0), "1m");
        assert_eq!(interval_label(600.0), "10m");
        assert_eq!(interval_label(5400.0), "1.5h");
        assert_eq!(interval_label(3.0 * 86_400.0), "3d");
        assert_eq!(interval_label(36.0 * 86_400.0), "1.2mo");
        assert_eq!(interval_label(60.0 * 86_400.0), "2mo");
        assert_eq!(interval_label(800.0 * 86_400.0), "2.2y");
    }

    #[test]
    fn short_intervals_are_not_fuzzed() {
        assert_eq!(constrain_interval(1.4, 1, 100, Some(0.99)), 1);
        assert_eq!(constrain_interval(2.4, 1, 100, Some(0.0)), 2);
        assert_eq!(constrain_interval(0.2, 1, 100, None), 1);
    }

    #[test]
    fn fuzz_spans_the_anki_ranges() {
        // 10 days: delta = 1 + 0.15*4.5 + 0.1*3 = 1.975 -> 8..=12
        assert_eq!(constrain_interval(10.0, 1, 100, Some(0.0)), 8);
        assert_eq!(constrain_interval(10.0, 1, 100, Some(0.999)), 12);
        assert_eq!(constrain_interval(10.0, 1, 100, None), 10);
        // The maximum wins over the fuzz.
        assert_eq!(constrain_interval(400.0, 1, 365, Some(0.999)), 365);
    }

    proptest! {
        #[test]
        fn fuzzed_interval_stays_within_bounds(
            interval in 0.0f64..50_000.0,
            minimum in 1u32..400,
            maximum in 1u32..40_000,
            factor in proptest::option::of(0.0f64..1.0),
        ) {
            let days = constrain_interval(interval, minimum, maximum, factor);
            prop_assert!(days >= 1);
            prop_assert!(days <= maximum.max(1));
            prop_assert!(days >= minimum.min(maximum));
        }
    }
}
