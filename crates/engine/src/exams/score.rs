//! Scoring a practice exam: a question counts only when exactly its correct options were
//! chosen (all or nothing, as in the real exam), shares per domain, and an estimate of the
//! scaled score. Pure.

use std::collections::BTreeSet;

/// Whether `chosen` (option indexes) is exactly the set of correct options.
pub(crate) fn is_correct(chosen: &[u32], correct: &[u32]) -> bool {
    let a: BTreeSet<u32> = chosen.iter().copied().collect();
    let b: BTreeSet<u32> = correct.iter().copied().collect();
    !a.is_empty() && a == b
}

/// Stratus's estimate of AWS's scaled score (100 to 1000) for `correct` of `total`: a
/// straight line, 100 + 900 × share correct. AWS equates scores across exam forms with a
/// model it does not publish and leaves unscored questions out, so this is a rough guide, not
/// the score the exam would give.
pub(crate) fn scaled_estimate(correct: u32, total: u32) -> u32 {
    if total == 0 {
        return 100;
    }
    let share = f64::from(correct) / f64::from(total);
    (100.0 + 900.0 * share).round() as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn several_answers_are_all_or_nothing() {
        assert!(is_correct(&[2, 0], &[0, 2]));
        assert!(!is_correct(&[0], &[0, 2]), "half right is wrong");
        assert!(!is_correct(&[0, 1, 2], &[0, 2]), "an extra choice is wrong");
        assert!(!is_correct(&[], &[]), "unanswered is wrong");
        assert!(is_correct(&[3], &[3]));
    }

    #[test]
    fn the_estimate_is_a_line_from_100_to_1000() {
        assert_eq!(scaled_estimate(0, 65), 100);
        assert_eq!(scaled_estimate(65, 65), 1000);
        assert_eq!(scaled_estimate(45, 65), 723);
        assert_eq!(scaled_estimate(44, 65), 709);
        assert_eq!(scaled_estimate(0, 0), 100);
    }
}
