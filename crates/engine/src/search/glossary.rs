//! The bilingual AWS glossary (`glossary.tsv`, embedded): Korean terms and their English
//! counterparts, both ways. A query word, or a run of query words, equal to one side of a
//! pair also matches the other side (docs/decisions/0010). Korean notes write `스팟 인스턴스`
//! where English ones write `Spot Instance`, and learners type either; lexical search alone
//! cannot meet them. Terms are compared in the normal form of `tokenize` with the spaces
//! between Hangul words removed, since Korean spacing varies (`수명 주기`, `수명주기`).

use std::collections::HashMap;
use std::sync::LazyLock;

use crate::text::tokenize::{Segment, segments};

/// The glossary data: `korean<TAB>english` lines, `#` comments.
const DATA: &str = include_str!("glossary.tsv");

/// The most query words one glossary term spans (`가상 테이프 라이브러리`).
pub(crate) const MAX_TERM_WORDS: usize = 4;

/// Korean particles a query word may carry after a glossary term (`버킷에`, `역할을`),
/// longest first.
const PARTICLES: &[&str] = &[
    "에서는",
    "으로는",
    "에서",
    "으로",
    "에는",
    "에도",
    "이란",
    "이나",
    "까지",
    "부터",
    "은",
    "는",
    "이",
    "가",
    "을",
    "를",
    "의",
    "에",
    "로",
    "와",
    "과",
    "도",
    "만",
    "란",
];

/// One pair of the glossary as written in the data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Pair {
    pub korean: String,
    pub english: String,
}

/// The pairs of the data, in file order.
pub(crate) fn pairs() -> &'static [Pair] {
    static PAIRS: LazyLock<Vec<Pair>> = LazyLock::new(|| {
        DATA.lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .filter_map(|l| {
                let (korean, english) = l.split_once('\t')?;
                Some(Pair {
                    korean: korean.trim().to_string(),
                    english: english.trim().to_string(),
                })
            })
            .collect()
    });
    &PAIRS
}

/// The comparison key of normalized segments: Hangul runs next to each other joined
/// without a space, everything else separated by one.
pub(crate) fn key_of(segs: &[Segment]) -> String {
    let mut key = String::new();
    let mut last_is_hangul = false;
    for seg in segs {
        let (text, is_hangul) = match seg {
            Segment::Word(w) => (w.as_str(), false),
            Segment::Hangul(h) => (h.as_str(), true),
        };
        let is_joined = is_hangul && last_is_hangul;
        if !key.is_empty() && !is_joined {
            key.push(' ');
        }
        key.push_str(text);
        last_is_hangul = is_hangul;
    }
    key
}

/// The glossary as a map from the key of each side to the other side's terms as written.
struct Index {
    counterparts: HashMap<String, Vec<&'static str>>,
}

fn index() -> &'static Index {
    static INDEX: LazyLock<Index> = LazyLock::new(|| {
        let mut counterparts: HashMap<String, Vec<&'static str>> = HashMap::new();
        let mut add = |from: &str, to: &'static str| {
            let key = key_of(&segments(from));
            if key.is_empty() {
                return;
            }
            let list = counterparts.entry(key).or_default();
            if !list.contains(&to) {
                list.push(to);
            }
        };
        for pair in pairs() {
            add(&pair.korean, &pair.english);
            add(&pair.english, &pair.korean);
        }
        Index { counterparts }
    });
    &INDEX
}

/// The counterparts of a term given by its key, if it is in the glossary.
pub(crate) fn counterparts(key: &str) -> Option<&'static [&'static str]> {
    index().counterparts.get(key).map(Vec::as_slice)
}

/// A Hangul run without a trailing particle, when what is left has two syllables or more.
pub(crate) fn strip_particle(run: &str) -> Option<&str> {
    PARTICLES.iter().find_map(|p| {
        let stem = run.strip_suffix(p)?;
        (stem.chars().count() >= 2).then_some(stem)
    })
}

/// The counterparts of the query words `segs` taken together: of their key, or, when the
/// last one is Hangul, of their key without its trailing particle.
pub(crate) fn lookup(segs: &[Segment]) -> Option<&'static [&'static str]> {
    if let Some(found) = counterparts(&key_of(segs)) {
        return Some(found);
    }
    let (last, rest) = segs.split_last()?;
    let Segment::Hangul(run) = last else {
        return None;
    };
    let stem = strip_particle(run)?;
    let mut stripped = rest.to_vec();
    stripped.push(Segment::Hangul(stem.to_string()));
    counterparts(&key_of(&stripped))
}

/// Glossary terms that start with `prefix` (a normalized key), either side, for
/// suggestions; at most `limit`, shortest first.
pub(crate) fn terms_starting_with(prefix: &str, limit: usize) -> Vec<&'static str> {
    if prefix.is_empty() {
        return Vec::new();
    }
    let mut found: Vec<&'static str> = Vec::new();
    for pair in pairs() {
        for term in [pair.korean.as_str(), pair.english.as_str()] {
            if key_of(&segments(term)).starts_with(prefix) && !found.contains(&term) {
                found.push(term);
            }
        }
    }
    found.sort_by_key(|t| (t.chars().count(), *t));
    found.truncate(limit);
    found
}

#[cfg(test)]
mod tests {
    use std::collections::{HashMap, HashSet};

    use super::*;
    use crate::text::tokenize::is_hangul_syllable;

    fn has_hangul(s: &str) -> bool {
        s.chars().any(is_hangul_syllable)
    }

    #[test]
    fn the_data_is_large_well_formed_and_free_of_duplicates() {
        let pairs = pairs();
        assert!(pairs.len() >= 600, "{} pairs", pairs.len());
        let lines = DATA
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .count();
        assert_eq!(lines, pairs.len(), "every line is `korean<TAB>english`");
        let mut seen = HashSet::new();
        for p in pairs {
            assert!(!p.korean.is_empty() && !p.english.is_empty(), "{p:?}");
            assert!(has_hangul(&p.korean), "Korean side has Hangul: {p:?}");
            assert!(!has_hangul(&p.english), "English side has none: {p:?}");
            let key = (key_of(&segments(&p.korean)), key_of(&segments(&p.english)));
            assert!(!key.1.is_empty(), "English side has letters: {p:?}");
            assert!(seen.insert(key), "duplicate pair {p:?}");
        }
    }

    #[test]
    fn no_term_is_on_both_sides() {
        let korean: HashMap<String, &Pair> = pairs()
            .iter()
            .map(|p| (key_of(&segments(&p.korean)), p))
            .collect();
        for p in pairs() {
            let key = key_of(&segments(&p.english));
            assert!(
                !korean.contains_key(&key),
                "{p:?} conflicts with {:?}",
                korean[&key]
            );
        }
    }

    #[test]
    fn the_issue_terms_are_there_both_ways() {
        let ko = |k: &str| lookup(&segments(k)).unwrap_or_default().to_vec();
        assert!(ko("스팟").contains(&"Spot"));
        assert!(ko("spot").contains(&"스팟"));
        assert!(ko("람다").contains(&"Lambda"));
        assert!(ko("오로라").contains(&"Aurora"));
        assert!(ko("버킷에").contains(&"bucket"), "a particle is ignored");
        assert!(ko("수명주기").contains(&"lifecycle"), "spacing is ignored");
        assert!(ko("lifecycle").contains(&"수명 주기"));
        assert!(ko("교차 리전").contains(&"cross-Region"));
        assert!(ko("cross-region").contains(&"교차 리전"));
        for (k, e) in [
            ("복제", "replication"),
            ("요금", "pricing"),
            ("요금", "billing"),
            ("비용", "cost"),
            ("역할", "role"),
            ("위임", "delegation"),
            ("위임", "cross-account"),
            ("상태 확인", "status check"),
            ("버킷 정책", "bucket policy"),
            ("삭제 방지", "deletion protection"),
            ("메모리 사용률", "memory utilization"),
        ] {
            assert!(ko(k).contains(&e), "{k} → {e}");
            assert!(ko(e).contains(&k), "{e} → {k}");
        }
        assert_eq!(lookup(&segments("zzzz")), None);
    }

    #[test]
    fn particles_come_off_only_long_runs() {
        assert_eq!(strip_particle("버킷에"), Some("버킷"));
        assert_eq!(strip_particle("역할을"), Some("역할"));
        assert_eq!(strip_particle("요금"), None);
        assert_eq!(strip_particle("스팟"), None);
    }
}
