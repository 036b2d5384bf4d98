//! From the parsed query to what is searched: glossary terms found among the query words
//! and given their counterparts (docs/decisions/0010), question words and endings set aside
//! (`어떻게`, `하려면`, `what is`: they say how the learner asks, not what about), particles
//! taken off Korean words, and the size of the query bounded.

use super::glossary;
use super::parser::{Clause, ParsedQuery};
use super::writer::{self, Unit};
use crate::text::tokenize::{Segment, segments};

/// The most characters of a query that are searched; the rest is left out and the result
/// says so. Longer text is a pasted paragraph, not a search, and its cost grows with it
/// (a 1 MiB query took 90 s).
pub(crate) const MAX_QUERY_CHARS: usize = 256;
/// The most words (clauses) of a query that are searched.
pub(crate) const MAX_QUERY_WORDS: usize = 16;

/// Korean words that only ask: they need not match.
const KOREAN_QUESTION_WORDS: &[&str] = &[
    "어떻게",
    "어떤",
    "어떠한",
    "무엇",
    "무엇인가",
    "무엇인가요",
    "무엇인지",
    "뭐",
    "뭐야",
    "뭐지",
    "뭔가요",
    "뭔지",
    "뭐가",
    "뭘",
    "왜",
    "언제",
    "어디",
    "어디서",
    "어디에",
    "누가",
    "누구",
    "얼마",
    "얼마나",
    "어느",
    "몇",
    "하나",
    "하나요",
    "인가",
    "인가요",
    "할까",
    "할까요",
    "하는지",
    "하는",
    "방법",
    "되나",
    "되나요",
    "있나",
    "있나요",
    "있을까",
    "해야",
    "하면",
    "하려면",
    "되는지",
    "알려줘",
    "설명",
    "설명해줘",
    "좋은",
    "좋을까",
    "쓰나",
    "쓰나요",
    "쓰려면",
    "해",
    "할",
    "수",
    "있는",
    "있어",
    "있다",
    "된다",
    "한다",
    "뭐예요",
    "무엇을",
];

/// Question endings taken off the end of a Korean word (`모니터링하나` → `모니터링`), longest
/// first. A word left with one syllable (`막으려면` → `막`) is set aside as a whole.
const KOREAN_ENDINGS: &[&str] = &[
    "하려면",
    "으려면",
    "하나요",
    "하는가",
    "하는지",
    "할까요",
    "되나요",
    "되는지",
    "인가요",
    "이에요",
    "려면",
    "하나",
    "할까",
    "인가",
    "인지",
    "이란",
    "예요",
    "나요",
    "까요",
    "는지",
    "하면",
    "되나",
    "해요",
    "해야",
    "란",
];

/// English words that only ask or join.
const ENGLISH_QUESTION_WORDS: &[&str] = &[
    "how", "what", "why", "which", "when", "where", "who", "is", "are", "does", "do", "can",
    "should", "to", "the", "a", "an", "of", "for", "in", "on", "with", "i", "my", "it",
];

/// A glossary term found in the query and what it also matches.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Found {
    /// The query words, as normalized, separated by spaces.
    pub from: String,
    /// Its counterparts as the glossary writes them.
    pub to: Vec<String>,
}

/// What a query searches for.
#[derive(Debug, Default)]
pub(crate) struct Plan {
    /// One unit per query word or glossary term, in query order.
    pub units: Vec<Unit>,
    /// The clauses searched literally, for snippets.
    pub clauses: Vec<Clause>,
    pub expansions: Vec<Found>,
    /// Question words set aside.
    pub ignored: Vec<String>,
    /// Whether the query was cut to [`MAX_QUERY_CHARS`] or [`MAX_QUERY_WORDS`].
    pub is_truncated: bool,
}

/// The query text cut to [`MAX_QUERY_CHARS`] characters, and whether it was cut.
pub(crate) fn bounded(text: &str) -> (&str, bool) {
    match text.char_indices().nth(MAX_QUERY_CHARS) {
        Some((at, _)) => (&text[..at], true),
        None => (text, false),
    }
}

fn is_question_word(seg: &Segment) -> bool {
    match seg {
        Segment::Word(w) => ENGLISH_QUESTION_WORDS.contains(&w.as_str()),
        Segment::Hangul(h) => {
            KOREAN_QUESTION_WORDS.contains(&h.as_str())
                || glossary::strip_particle(h).is_some_and(|s| KOREAN_QUESTION_WORDS.contains(&s))
        }
    }
}

/// A Korean word without its question ending or particle: `Some(stem)` to search, `None` to
/// set the word aside (a one-syllable stem).
fn korean_stem(run: &str) -> Option<String> {
    for ending in KOREAN_ENDINGS {
        if let Some(stem) = run.strip_suffix(ending) {
            if stem.is_empty() {
                continue;
            }
            let stem = glossary::strip_particle(stem).unwrap_or(stem);
            return (stem.chars().count() >= 2).then(|| stem.to_string());
        }
    }
    // Particles only come off words of three syllables or more: `요금` stays whole.
    Some(
        glossary::strip_particle(run)
            .filter(|_| run.chars().count() >= 3)
            .unwrap_or(run)
            .to_string(),
    )
}

/// The unit a glossary counterpart is searched as: Korean spacing ignored, English words by
/// prefix, all of them anywhere in the section.
fn counterpart_unit(term: &str) -> Unit {
    let mut segs: Vec<Segment> = Vec::new();
    for seg in segments(term) {
        match (segs.last_mut(), seg) {
            (Some(Segment::Hangul(prev)), Segment::Hangul(h)) => prev.push_str(&h),
            (_, seg) => segs.push(seg),
        }
    }
    let mut units: Vec<Unit> = segs
        .iter()
        .map(|seg| match seg {
            Segment::Word(w) => Unit::Prefix(w.clone()),
            Segment::Hangul(h) => writer::hangul_unit(h),
        })
        .collect();
    let unit = if units.len() == 1 {
        units.remove(0)
    } else {
        Unit::AllOf(units)
    };
    Unit::Counterpart(Box::new(unit))
}

fn literal_units(clauses: &[Clause]) -> Vec<Unit> {
    writer::units(&ParsedQuery {
        clauses: clauses.to_vec(),
    })
}

/// One query word after question words and endings are recognised.
struct Word {
    /// The word as searched: a Korean word without its particle or question ending.
    clause: Clause,
    /// Whether it only asks (`어떻게`, `막으려면`, `what`).
    is_question: bool,
    /// The word as typed (normalized).
    typed: String,
    /// The word as typed, when it is a single word.
    typed_segment: Option<Segment>,
}

fn word(clause: &Clause) -> Word {
    match clause {
        Clause::Term(Segment::Hangul(h)) => {
            let stem = (!is_question_word(&Segment::Hangul(h.clone())))
                .then(|| korean_stem(h))
                .flatten();
            Word {
                is_question: stem.is_none(),
                clause: Clause::Term(Segment::Hangul(stem.unwrap_or_else(|| h.clone()))),
                typed: h.clone(),
                typed_segment: Some(Segment::Hangul(h.clone())),
            }
        }
        Clause::Term(seg) => Word {
            is_question: is_question_word(seg),
            clause: clause.clone(),
            typed: seg_text(seg),
            typed_segment: Some(seg.clone()),
        },
        Clause::Phrase(_) => Word {
            clause: clause.clone(),
            is_question: false,
            typed: String::new(),
            typed_segment: None,
        },
    }
}

fn clause_text(clause: &Clause) -> String {
    match clause {
        Clause::Term(seg) => seg_text(seg),
        Clause::Phrase(segs) => segs.iter().map(seg_text).collect::<Vec<_>>().join(" "),
    }
}

/// The plan of a parsed query. With `use_glossary` false, words match only themselves.
pub(crate) fn plan(parsed: &ParsedQuery, use_glossary: bool) -> Plan {
    let mut out = Plan::default();
    let mut clauses: Vec<Clause> = parsed.clauses.clone();
    if clauses.len() > MAX_QUERY_WORDS {
        clauses.truncate(MAX_QUERY_WORDS);
        out.is_truncated = true;
    }
    let words: Vec<Word> = clauses.iter().map(word).collect();
    let mut i = 0;
    'words: while i < words.len() {
        if use_glossary {
            let run: Vec<&Word> = words[i..]
                .iter()
                .take(glossary::MAX_TERM_WORDS)
                .take_while(|w| matches!(w.clause, Clause::Term(_)))
                .collect();
            for len in (1..=run.len()).rev() {
                let span = &run[..len];
                if span[0].is_question || span[len - 1].is_question {
                    continue;
                }
                let typed: Vec<Segment> = span
                    .iter()
                    .filter_map(|w| w.typed_segment.clone())
                    .collect();
                let stems: Vec<Segment> = span
                    .iter()
                    .filter_map(|w| match &w.clause {
                        Clause::Term(seg) => Some(seg.clone()),
                        Clause::Phrase(_) => None,
                    })
                    .collect();
                // As typed first: a particle-like last syllable may belong to the term
                // (`게이트웨이`).
                if let Some(to) = glossary::lookup(&typed).or_else(|| glossary::lookup(&stems)) {
                    let literal_clauses: Vec<Clause> =
                        span.iter().map(|w| w.clause.clone()).collect();
                    let mut literal = literal_units(&literal_clauses);
                    let literal = if literal.len() == 1 {
                        literal.remove(0)
                    } else {
                        Unit::AllOf(literal)
                    };
                    let mut any = vec![literal];
                    any.extend(to.iter().map(|t| counterpart_unit(t)));
                    out.units.push(Unit::AnyOf(any));
                    out.expansions.push(Found {
                        from: literal_clauses
                            .iter()
                            .map(clause_text)
                            .collect::<Vec<_>>()
                            .join(" "),
                        to: to.iter().map(|t| t.to_string()).collect(),
                    });
                    out.clauses.extend(literal_clauses);
                    i += len;
                    continue 'words;
                }
            }
        }
        let w = &words[i];
        i += 1;
        if w.is_question {
            out.ignored.push(w.typed.clone());
        } else {
            out.units
                .extend(literal_units(std::slice::from_ref(&w.clause)));
            out.clauses.push(w.clause.clone());
        }
    }
    if out.units.is_empty() && !out.ignored.is_empty() {
        // Nothing but question words: search them after all.
        out.ignored.clear();
        out.units = literal_units(&clauses);
        out.clauses = clauses;
    }
    out
}

fn seg_text(seg: &Segment) -> String {
    match seg {
        Segment::Word(w) | Segment::Hangul(w) => w.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::parser::parse;

    fn p(q: &str) -> Plan {
        plan(&parse(q), true)
    }

    #[test]
    fn question_words_and_endings_are_set_aside() {
        let plan = p("EC2 메모리 사용률은 어떻게 모니터링하나");
        assert_eq!(plan.ignored, ["어떻게"]);
        assert_eq!(plan.units.len(), 3, "{:?}", plan.units);
        assert_eq!(
            plan.expansions
                .iter()
                .map(|f| f.from.as_str())
                .collect::<Vec<_>>(),
            ["메모리 사용률", "모니터링"]
        );
        let plan = p("S3 객체 삭제를 막으려면?");
        assert_eq!(plan.ignored, ["막으려면"]);
        let plan = p("what is a placement group");
        assert_eq!(plan.ignored, ["what", "is", "a"]);
        assert_eq!(plan.expansions[0].from, "placement group");
    }

    #[test]
    fn a_query_of_question_words_only_is_searched_as_typed() {
        let plan = p("어떻게 왜");
        assert!(plan.ignored.is_empty());
        assert_eq!(plan.units.len(), 2);
    }

    #[test]
    fn the_longest_glossary_term_wins_and_both_ways_expand() {
        let plan = p("교차 리전 복제");
        assert_eq!(plan.units.len(), 1);
        assert!(
            plan.expansions[0]
                .to
                .contains(&"Cross-Region Replication".to_string())
        );
        let plan = p("spot");
        assert_eq!(plan.expansions[0].to, ["스팟"]);
        let plan = p("스팟");
        assert_eq!(plan.expansions[0].to, ["Spot"]);
        assert!(p("zzqq").expansions.is_empty());
    }

    #[test]
    fn long_queries_are_cut() {
        let long = "가".repeat(MAX_QUERY_CHARS + 10);
        let (text, cut) = bounded(&long);
        assert!(cut);
        assert_eq!(text.chars().count(), MAX_QUERY_CHARS);
        assert_eq!(bounded("짧다"), ("짧다", false));
        let words = (0..40)
            .map(|i| format!("w{i}"))
            .collect::<Vec<_>>()
            .join(" ");
        let plan = p(&words);
        assert!(plan.is_truncated);
        assert_eq!(plan.units.len(), MAX_QUERY_WORDS);
    }
}
