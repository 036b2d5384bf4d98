//! Drawing the questions of a practice exam: as many from each domain as the exam guide's
//! weights ask (largest remainders), questions not seen in recent attempts first, all from a
//! seed so a draw can be replayed. Pure: candidates in, an ordered list out.

use std::collections::HashSet;

use rand::SeedableRng;
use rand::rngs::StdRng;
use rand::seq::SliceRandom;

/// A question that may be drawn, with its domain in the exam being drawn.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Candidate {
    pub id: String,
    pub domain: u32,
}

/// How many questions each domain gets: `count` split by `weights` (domain number, percent)
/// with largest remainders (ties to the lower domain number), then moved from domains that
/// have too few questions (`available`) to the others, in proportion to their weights.
/// The result sums to `count`, or to every available question when there are fewer.
pub(crate) fn quotas(
    weights: &[(u32, u32)],
    available: &[(u32, usize)],
    count: usize,
) -> Vec<(u32, usize)> {
    let have = |d: u32| -> usize {
        available
            .iter()
            .find(|(n, _)| *n == d)
            .map_or(0, |(_, c)| *c)
    };
    let total_available: usize = weights.iter().map(|(d, _)| have(*d)).sum();
    let count = count.min(total_available);
    let mut quota: Vec<(u32, usize)> = weights.iter().map(|(d, _)| (*d, 0)).collect();
    let mut open: Vec<(u32, u32)> = weights.to_vec();
    let mut left = count;
    // Each round shares what is left among the domains that still have questions.
    while left > 0 && !open.is_empty() {
        let weight_sum: u32 = open.iter().map(|(_, w)| *w).sum::<u32>().max(1);
        let mut shares: Vec<(u32, usize, u64)> = open
            .iter()
            .map(|(d, w)| {
                let exact = left as u64 * u64::from(*w);
                let whole = (exact / u64::from(weight_sum)) as usize;
                let remainder = exact % u64::from(weight_sum);
                (*d, whole, remainder)
            })
            .collect();
        // Each floor loses less than one, so fewer than `shares.len()` are missing: one more
        // each for the largest remainders (ties to the lower domain number).
        let given: usize = shares.iter().map(|s| s.1).sum();
        let mut order: Vec<usize> = (0..shares.len()).collect();
        order.sort_by(|&a, &b| {
            shares[b]
                .2
                .cmp(&shares[a].2)
                .then(shares[a].0.cmp(&shares[b].0))
        });
        for &i in order.iter().take(left.saturating_sub(given)) {
            shares[i].1 += 1;
        }
        let mut placed = 0;
        for (d, want, _) in &shares {
            let slot = quota
                .iter_mut()
                .find(|(n, _)| n == d)
                .expect("domain listed");
            let room = have(*d) - slot.1;
            let take = (*want).min(room);
            slot.1 += take;
            placed += take;
        }
        left -= placed;
        open.retain(|(d, _)| {
            let slot = quota.iter().find(|(n, _)| n == d).expect("domain listed");
            slot.1 < have(*d)
        });
        if placed == 0 {
            break;
        }
    }
    quota
}

/// Draws `count` questions from `candidates`: per-domain quotas from `weights`, within a
/// domain questions outside `recent` first (in a seeded random order), and the drawn list
/// shuffled. Each question appears once.
pub(crate) fn draw(
    candidates: &[Candidate],
    weights: &[(u32, u32)],
    count: usize,
    recent: &HashSet<String>,
    seed: u64,
) -> Vec<Candidate> {
    let mut rng = StdRng::seed_from_u64(seed);
    // Sorted by id first (and each id once), so the draw depends on the seed and not on
    // the order rows came in.
    let mut order: Vec<&Candidate> = candidates.iter().collect();
    // A question tagged twice for one exam keeps its lower domain, whatever the row order.
    order.sort_unstable_by(|a, b| (&a.id, a.domain).cmp(&(&b.id, b.domain)));
    order.dedup_by(|a, b| a.id == b.id);
    let available: Vec<(u32, usize)> = weights
        .iter()
        .map(|(d, _)| (*d, order.iter().filter(|c| c.domain == *d).count()))
        .collect();
    let mut drawn = Vec::new();
    for (domain, n) in quotas(weights, &available, count) {
        let mut pool: Vec<&Candidate> = order
            .iter()
            .copied()
            .filter(|c| c.domain == domain)
            .collect();
        pool.shuffle(&mut rng);
        // Unseen questions first, each part in its shuffled order (one look-up per question).
        let (fresh, seen): (Vec<&Candidate>, Vec<&Candidate>) =
            pool.into_iter().partition(|c| !recent.contains(&c.id));
        drawn.extend(fresh.into_iter().chain(seen).take(n).cloned());
    }
    drawn.shuffle(&mut rng);
    drawn
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAA: [(u32, u32); 4] = [(1, 30), (2, 26), (3, 24), (4, 20)];

    fn bank(per_domain: &[(u32, usize)]) -> Vec<Candidate> {
        per_domain
            .iter()
            .flat_map(|(d, n)| {
                (0..*n).map(move |i| Candidate {
                    id: format!("d{d}-q{i:03}"),
                    domain: *d,
                })
            })
            .collect()
    }

    fn counts(drawn: &[Candidate]) -> Vec<usize> {
        (1..=4)
            .map(|d| drawn.iter().filter(|c| c.domain == d).count())
            .collect()
    }

    #[test]
    fn a_full_exam_follows_the_weights_exactly() {
        let all = bank(&[(1, 100), (2, 100), (3, 100), (4, 100)]);
        // 65 × (30, 26, 24, 20) % = 19.5, 16.9, 15.6, 13 → 19 + 1 (largest remainders: .9
        // to domain 2, .6 to domain 3) → 19, 17, 16, 13.
        let drawn = draw(&all, &SAA, 65, &HashSet::new(), 7);
        assert_eq!(counts(&drawn), [19, 17, 16, 13]);
        let drawn = draw(&all, &SAA, 10, &HashSet::new(), 7);
        assert_eq!(counts(&drawn), [3, 3, 2, 2]);
        let ids: HashSet<_> = drawn.iter().map(|c| &c.id).collect();
        assert_eq!(ids.len(), 10, "no question twice");
    }

    #[test]
    fn a_seed_replays_and_another_seed_differs() {
        let all = bank(&[(1, 40), (2, 40), (3, 40), (4, 40)]);
        let a = draw(&all, &SAA, 20, &HashSet::new(), 42);
        assert_eq!(a, draw(&all, &SAA, 20, &HashSet::new(), 42));
        let mut reversed = all.clone();
        reversed.reverse();
        assert_eq!(
            a,
            draw(&reversed, &SAA, 20, &HashSet::new(), 42),
            "row order does not matter"
        );
        assert_ne!(a, draw(&all, &SAA, 20, &HashSet::new(), 43));
    }

    #[test]
    fn short_domains_give_their_share_to_the_others() {
        // Domain 4 has only 2 questions: its 13 go to the other domains by weight.
        let all = bank(&[(1, 100), (2, 100), (3, 100), (4, 2)]);
        let drawn = draw(&all, &SAA, 65, &HashSet::new(), 1);
        let c = counts(&drawn);
        assert_eq!(c[3], 2);
        assert_eq!(c.iter().sum::<usize>(), 65);
        assert!(c[0] > 19 && c[1] > 17 && c[2] > 16, "{c:?}");
        // Fewer questions than asked: every question, once.
        let few = bank(&[(1, 3), (2, 2), (3, 1), (4, 0)]);
        assert_eq!(draw(&few, &SAA, 65, &HashSet::new(), 1).len(), 6);
    }

    #[test]
    fn questions_seen_recently_come_last() {
        let all = bank(&[(1, 10), (2, 10), (3, 10), (4, 10)]);
        let recent: HashSet<String> = all
            .iter()
            .filter(|c| !c.id.ends_with("000") && !c.id.ends_with("001"))
            .map(|c| c.id.clone())
            .collect();
        let drawn = draw(&all, &SAA, 8, &recent, 5);
        assert_eq!(counts(&drawn), [2, 2, 2, 2]);
        assert!(drawn.iter().all(|c| !recent.contains(&c.id)), "{drawn:?}");
    }
}
