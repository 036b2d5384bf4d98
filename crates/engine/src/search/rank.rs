//! bm25 of candidate sections, computed from their stored search terms rather than by FTS5's
//! `bm25()` (docs/decisions/0007). FTS5 learns each phrase's document frequency, the idf of
//! bm25, by walking the phrase's whole row list — and, for a phrase of several Hangul
//! bigrams, testing positions in every row holding all of them — once per ranking query;
//! for common words that walk cost more than everything else a search does. Here the counts
//! come from `search_terms`, and the term frequencies from the few candidate rows only.
//!
//! The formula is FTS5's: for each phrase, idf × f·(k1+1) / (f + k1·(1 − b + b·|D|/avgdl)),
//! with f the column-weighted count of the phrase in the row (heading 4, body 1, as
//! `migrations/0002` configures), |D| the row's tokens in both columns, and idf
//! ln((N − n + 0.5)/(n + 0.5)), at least 1e-6. A test checks equality with FTS5 on
//! single-word queries.

use std::cell::RefCell;

use rusqlite::Connection;

use super::writer::{Join, Unit};
use crate::error::Result;
use crate::ids::SectionId;
pub(crate) use crate::storage::search::Totals;
use crate::storage::search::{self as store, Filter, Index};

const K1: f64 = 1.2;
const B: f64 = 0.75;
pub(crate) const HEADING_WEIGHT: f64 = 4.0;
pub(crate) const BODY_WEIGHT: f64 = 1.0;
/// The share of its bm25 that a glossary counterpart of a query word scores: a section
/// with the word itself ranks above one with only its translation (docs/decisions/0010).
pub(crate) const COUNTERPART_WEIGHT: f64 = 0.4;
/// Added per query unit a section holds when any unit may match (a partial match), so
/// that sections holding more of the query's words rank first.
const PARTIAL_UNIT_BONUS: f64 = 1_000.0;

/// One phrase of the FTS5 expression, as FTS5 scores it: a quoted string, optionally a
/// prefix (its last token).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Phrase {
    pub tokens: Vec<String>,
    pub is_prefix: bool,
}

/// The phrases of `units` in expression order, as `writer::write` quotes them.
pub(crate) fn phrases(units: &[Unit]) -> Vec<Phrase> {
    fn walk(unit: &Unit, out: &mut Vec<Phrase>) {
        match unit {
            Unit::Prefix(t) | Unit::Exact(t) if !t.is_empty() => out.push(Phrase {
                tokens: vec![t.clone()],
                is_prefix: matches!(unit, Unit::Prefix(_)),
            }),
            Unit::Prefix(_) | Unit::Exact(_) => {}
            Unit::Phrase(tokens) => {
                let tokens: Vec<String> = tokens
                    .iter()
                    .flat_map(|t| t.split_whitespace())
                    .map(str::to_string)
                    .collect();
                if !tokens.is_empty() {
                    out.push(Phrase {
                        tokens,
                        is_prefix: false,
                    });
                }
            }
            Unit::AnyOf(units) | Unit::AllOf(units) => units.iter().for_each(|u| walk(u, out)),
            Unit::Counterpart(inner) => walk(inner, out),
        }
    }
    let mut out = Vec::new();
    units.iter().for_each(|u| walk(u, &mut out));
    out
}

/// The weight of each phrase of `units`, in the order of [`phrases`]: 1 for the words
/// typed; for a glossary counterpart [`COUNTERPART_WEIGHT`] shared out over its phrases in
/// proportion to the phrases of the word it stands for, so that a counterpart written as
/// several Hangul bigram phrases (`인스턴스 스토어`) weighs no more than its English word.
/// The phrases of an all-of group with a phrase in no section weigh nothing: the group
/// matches nowhere (`트랜짓 게이트웨이` in notes that write `Transit Gateway`), and its other
/// words alone would rank sections about something else.
fn phrase_weights(units: &[Unit], rows_with: &[i64]) -> Vec<f64> {
    fn count(unit: &Unit) -> usize {
        phrases(std::slice::from_ref(unit)).len()
    }
    fn walk(unit: &Unit, weight: f64, rows_with: &[i64], out: &mut Vec<f64>) {
        match unit {
            Unit::AnyOf(units) => {
                let literal: usize = units
                    .iter()
                    .filter(|u| !matches!(u, Unit::Counterpart(_)))
                    .map(count)
                    .sum();
                for u in units {
                    match u {
                        Unit::Counterpart(inner) => {
                            let share = literal.max(1) as f64 / count(inner).max(1) as f64;
                            walk(
                                inner,
                                weight * COUNTERPART_WEIGHT * share.min(1.0),
                                rows_with,
                                out,
                            )
                        }
                        u => walk(u, weight, rows_with, out),
                    }
                }
            }
            Unit::AllOf(units) => {
                let start = out.len();
                let n = count(unit);
                let is_dead = rows_with
                    .get(start..start + n)
                    .is_some_and(|rows| rows.contains(&0));
                let weight = if is_dead { 0.0 } else { weight };
                units.iter().for_each(|u| walk(u, weight, rows_with, out));
            }
            Unit::Counterpart(inner) => walk(inner, weight * COUNTERPART_WEIGHT, rows_with, out),
            u => out.extend(std::iter::repeat_n(weight, count(u))),
        }
    }
    let mut out = Vec::new();
    units.iter().for_each(|u| walk(u, 1.0, rows_with, &mut out));
    out
}

/// The scorer for one query: its phrases with their idf, and the query itself, to tell
/// whether a row matches it.
pub(crate) struct Scorer {
    units: Vec<Unit>,
    join: Join,
    phrases: Vec<Phrase>,
    idf: Vec<f64>,
    avg_tokens: f64,
    /// Where each term of the row being scored starts and ends, heading then body; kept
    /// between rows so that scoring allocates nothing.
    spans: RefCell<(Vec<Span>, Vec<Span>)>,
}

type Span = (u32, u32);

impl Scorer {
    /// `units` joined by `join` is the query; `rows_with[i]` is the number of sections
    /// holding its phrase `i` (see [`phrases`]), or an estimate.
    pub fn new(units: Vec<Unit>, join: Join, rows_with: &[i64], totals: Totals) -> Self {
        let phrases = phrases(&units);
        let n = totals.rows.max(1) as f64;
        let idf = rows_with
            .iter()
            .zip(phrase_weights(&units, rows_with))
            .map(|(&hits, weight)| {
                let hits = hits.clamp(0, totals.rows) as f64;
                let idf = ((n - hits + 0.5) / (hits + 0.5)).ln();
                weight * if idf <= 0.0 { 1e-6 } else { idf }
            })
            .collect();
        Self {
            units,
            join,
            phrases,
            idf,
            avg_tokens: (totals.tokens.max(1) as f64) / n,
            spans: RefCell::default(),
        }
    }

    /// The bm25 score (higher is better) of a section from its two search-term strings,
    /// given as bytes (terms are compared byte for byte; no need to check UTF-8 here).
    pub fn score(&self, heading_terms: &[u8], body_terms: &[u8]) -> f64 {
        let mut spans = self.spans.borrow_mut();
        let (heading, body) = &mut *spans;
        split_terms(heading_terms, heading);
        split_terms(body_terms, body);
        let length = (heading.len() + body.len()) as f64;
        let norm = K1 * (1.0 - B + B * length / self.avg_tokens);
        let bm25: f64 = self
            .phrases
            .iter()
            .zip(&self.idf)
            .map(|(phrase, idf)| {
                let f = HEADING_WEIGHT * occurrences(phrase, heading_terms, heading) as f64
                    + BODY_WEIGHT * occurrences(phrase, body_terms, body) as f64;
                idf * f * (K1 + 1.0) / (f + norm)
            })
            .sum();
        if self.join == Join::Any && self.units.len() > 1 {
            let holds = |p: &Phrase| {
                occurrences(p, heading_terms, heading) > 0 || occurrences(p, body_terms, body) > 0
            };
            let held = self
                .units
                .iter()
                .filter(|u| eval(u, &holds) == Some(true))
                .count();
            bm25 + PARTIAL_UNIT_BONUS * held as f64
        } else {
            bm25
        }
    }
}

impl Scorer {
    /// Whether a section holds the query, as FTS5 would decide from the same terms.
    pub fn matches(&self, heading_terms: &[u8], body_terms: &[u8]) -> bool {
        let mut spans = self.spans.borrow_mut();
        let (heading, body) = &mut *spans;
        split_terms(heading_terms, heading);
        split_terms(body_terms, body);
        let holds = |p: &Phrase| {
            occurrences(p, heading_terms, heading) > 0 || occurrences(p, body_terms, body) > 0
        };
        let mut results = self.units.iter().filter_map(|u| eval(u, &holds));
        match self.join {
            Join::All => results.all(|b| b),
            Join::Any => results.any(|b| b),
        }
    }
}

/// Whether `holds` is true of the unit's phrases as its structure requires; `None` for an
/// empty unit, which the written expression leaves out.
fn eval(unit: &Unit, holds: &impl Fn(&Phrase) -> bool) -> Option<bool> {
    match unit {
        Unit::AnyOf(units) => {
            let mut results = units.iter().filter_map(|u| eval(u, holds)).peekable();
            results.peek()?;
            Some(results.any(|b| b))
        }
        Unit::AllOf(units) => {
            let mut results = units.iter().filter_map(|u| eval(u, holds)).peekable();
            results.peek()?;
            Some(results.all(|b| b))
        }
        Unit::Counterpart(inner) => eval(inner, holds),
        _ => {
            let found = phrases(std::slice::from_ref(unit));
            let phrase = found.first()?;
            Some(holds(phrase))
        }
    }
}

/// The spans of the terms of a search-term string: `index_terms` separates them by spaces.
fn split_terms(text: &[u8], spans: &mut Vec<Span>) {
    spans.clear();
    let mut start = 0;
    for (i, &byte) in text.iter().enumerate() {
        if byte == b' ' {
            if i > start {
                spans.push((start as u32, i as u32));
            }
            start = i + 1;
        }
    }
    if text.len() > start {
        spans.push((start as u32, text.len() as u32));
    }
}

/// How often `phrase` occurs among the terms of `text` at `spans`.
fn occurrences(phrase: &Phrase, text: &[u8], spans: &[Span]) -> usize {
    let n = phrase.tokens.len();
    if n == 0 || spans.len() < n {
        return 0;
    }
    let term = |(start, end): Span| &text[start as usize..end as usize];
    let matches = |i: usize, (want, span): (&String, &Span)| {
        let token = term(*span);
        if phrase.is_prefix && i == n - 1 {
            token.starts_with(want.as_bytes())
        } else {
            token == want.as_bytes()
        }
    };
    spans
        .windows(n)
        .filter(|window| {
            window.len() == n
                && phrase
                    .tokens
                    .iter()
                    .zip(window.iter())
                    .enumerate()
                    .all(|(i, pair)| matches(i, pair))
        })
        .count()
}

/// The most matching rows one ranking pass scores with bm25. Scoring reads a row's search
/// terms (a few kilobytes) and costs microseconds, so a word found in tens of thousands of
/// sections cannot be ranked in full within a keystroke's time; 100 rather than 200 halved
/// the slowest searches of the benchmark mix (BENCHMARKS.md) and left the relevance set's
/// recall unchanged.
pub(crate) const RANK_CAP: u32 = 100;

/// The best `limit` sections for the FTS5 expression `expr`, best first, with their score
/// (higher is better).
///
/// The newest [`RANK_CAP`] matches are scored; when there are fewer, that is all of them
/// and the ranking is exact bm25. Beyond that the ranking is bounded (decisions 0006, 0007):
/// the newest `RANK_CAP` sections with a word of the query in the heading (`any`, through
/// the heading index) that hold the whole query are scored first — the best hits of a
/// common word are there — and the newest matches fill up the list if that gives too few.
pub(crate) fn ranked_ids(
    conn: &Connection,
    expr: &str,
    any: &str,
    filter: &Filter,
    limit: u32,
    scorer: &Scorer,
) -> Result<Vec<(SectionId, f64)>> {
    let limit = limit as usize;
    let newest = store::candidates(conn, Index::Sections, expr, filter, RANK_CAP)?;
    let is_all = newest.len() < RANK_CAP as usize;
    let mut newest = score(conn, &newest, scorer, false)?;
    if is_all {
        newest.truncate(limit);
        return Ok(newest);
    }
    let headed = store::candidates(conn, Index::Headings, any, filter, RANK_CAP)?;
    let mut hits = score(conn, &headed, scorer, true)?;
    hits.truncate(limit);
    for hit in newest {
        if hits.len() == limit {
            break;
        }
        if !hits.iter().any(|(id, _)| *id == hit.0) {
            hits.push(hit);
        }
    }
    Ok(hits)
}

/// The sections `ids` scored by `scorer` from their search terms, best first (the newest
/// first among equals); with `must_match`, only those holding the whole query.
fn score(
    conn: &Connection,
    ids: &[i64],
    scorer: &Scorer,
    must_match: bool,
) -> Result<Vec<(SectionId, f64)>> {
    let mut scored: Vec<(SectionId, f64)> = Vec::with_capacity(ids.len());
    store::section_terms(conn, ids, |id, heading, body| {
        if must_match && !scorer.matches(heading, body) {
            return;
        }
        scored.push((id, scorer.score(heading, body)));
    })?;
    scored.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| b.0.cmp(&a.0)));
    Ok(scored)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn phrase(tokens: &[&str], is_prefix: bool) -> Phrase {
        Phrase {
            tokens: tokens.iter().map(|t| t.to_string()).collect(),
            is_prefix,
        }
    }

    #[test]
    fn phrases_follow_the_written_expression() {
        let units = [
            Unit::Prefix("s3".into()),
            Unit::AnyOf(vec![
                Unit::Phrase(vec!["수명".into(), "명주".into()]),
                Unit::AllOf(vec![Unit::Exact("수명".into()), Unit::Exact(String::new())]),
            ]),
        ];
        assert_eq!(
            phrases(&units),
            [
                phrase(&["s3"], true),
                phrase(&["수명", "명주"], false),
                phrase(&["수명"], false),
            ]
        );
    }

    #[test]
    fn occurrences_match_whole_tokens_and_prefixes() {
        let text = b" spot instances  spot instance spotty";
        let mut spans = Vec::new();
        split_terms(text, &mut spans);
        assert_eq!(spans.len(), 5);
        let count = |p: Phrase| occurrences(&p, text, &spans);
        assert_eq!(count(phrase(&["spot"], false)), 2);
        assert_eq!(count(phrase(&["spot"], true)), 3);
        assert_eq!(count(phrase(&["spot", "instance"], false)), 1);
        assert_eq!(count(phrase(&["spot", "instance"], true)), 2);
        assert_eq!(count(phrase(&["a", "b", "c", "d", "e", "f"], false)), 0);
        split_terms(b"", &mut spans);
        assert!(spans.is_empty());
    }

    #[test]
    fn rarer_phrases_and_shorter_sections_score_higher() {
        let totals = Totals {
            rows: 100,
            tokens: 1_000,
        };
        let scorer = Scorer::new(
            vec![Unit::Exact("rare".into()), Unit::Exact("common".into())],
            Join::Any,
            &[2, 90],
            totals,
        );
        let score = |h: &str, b: &str| scorer.score(h.as_bytes(), b.as_bytes());
        assert!(score("", "rare x") > score("", "common x"));
        assert!(score("", "rare") > score("", "rare a b c d e f g h"));
        assert!(score("rare", "") > score("", "rare"), "heading weighs more");
        assert_eq!(score("", "nothing here"), 0.0);
    }

    #[test]
    fn matching_follows_the_query_structure() {
        let totals = Totals {
            rows: 10,
            tokens: 100,
        };
        let units = vec![
            Unit::Prefix("buck".into()),
            Unit::AnyOf(vec![
                Unit::Phrase(vec!["수명".into(), "명주".into()]),
                Unit::AllOf(vec![Unit::Exact("수명".into()), Unit::Exact("주기".into())]),
            ]),
        ];
        let all = Scorer::new(units.clone(), Join::All, &[1, 1, 1, 1], totals);
        let any = Scorer::new(units, Join::Any, &[1, 1, 1, 1], totals);
        let m = |s: &Scorer, h: &str, b: &str| s.matches(h.as_bytes(), b.as_bytes());
        assert!(m(&all, "buckets", "수명 명주"));
        assert!(m(&all, "", "주기 bucket 수명"));
        assert!(!m(&all, "bucket", "수명"));
        assert!(!m(&all, "", "수명 명주 주기"));
        assert!(m(&any, "", "수명 명주 주기"));
        assert!(!m(&any, "bu", "명주"));
    }
}
