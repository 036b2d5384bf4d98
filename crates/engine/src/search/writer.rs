//! Writes a parsed query as an FTS5 expression. Every token is an FTS5 string literal with
//! embedded `"` doubled, so the expression is always valid and user text is never syntax.
//! The expression itself is then bound as a parameter of the MATCH.

use super::parser::{Clause, ParsedQuery};
use crate::text::tokenize::{Segment, bigrams, segment_tokens};

/// One matchable unit of a query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Unit {
    /// Any token starting with this text.
    Prefix(String),
    /// Exactly this token.
    Exact(String),
    /// These tokens next to each other.
    Phrase(Vec<String>),
    /// Any of these units (a word and its spelling corrections).
    AnyOf(Vec<Unit>),
    /// All of these units, anywhere in the section.
    AllOf(Vec<Unit>),
    /// A glossary counterpart of a query word (`Spot` for `스팟`): matched like the unit
    /// inside, scored below a literal match (`rank::COUNTERPART_WEIGHT`).
    Counterpart(Box<Unit>),
}

/// A Hangul run as a unit: its bigrams side by side. Korean spacing varies (`수명주기`,
/// `수명 주기`), so a run of four or more syllables may also match as two-syllable pieces
/// found separately, which the space would otherwise break.
pub(crate) fn hangul_unit(run: &str) -> Unit {
    let chars: Vec<char> = run.chars().collect();
    let grams = bigrams(run);
    match chars.len() {
        1 => Unit::Prefix(run.to_string()),
        2 => Unit::Exact(grams[0].clone()),
        3 => Unit::Phrase(grams),
        n => {
            let mut pieces = Vec::new();
            let mut start = 0;
            while start < n {
                // Pairs, with a trailing triple instead of a lone syllable.
                let len = if n - start == 3 { 3 } else { 2 };
                let piece: String = chars[start..start + len].iter().collect();
                pieces.push(if len == 2 {
                    Unit::Exact(piece)
                } else {
                    Unit::Phrase(bigrams(&piece))
                });
                start += len;
            }
            Unit::AnyOf(vec![Unit::Phrase(grams), Unit::AllOf(pieces)])
        }
    }
}

/// How the units of a query combine.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Join {
    All,
    Any,
}

/// The units of a query, one per clause, before spelling corrections are added.
pub(crate) fn units(query: &ParsedQuery) -> Vec<Unit> {
    query
        .clauses
        .iter()
        .map(|clause| match clause {
            Clause::Term(Segment::Word(w)) => Unit::Prefix(w.clone()),
            Clause::Term(Segment::Hangul(h)) => hangul_unit(h),
            Clause::Phrase(segs) => Unit::Phrase(segs.iter().flat_map(segment_tokens).collect()),
        })
        .collect()
}

fn quote(token: &str) -> String {
    format!("\"{}\"", token.replace('"', "\"\""))
}

fn write_unit(unit: &Unit, out: &mut String) {
    match unit {
        Unit::Prefix(t) => {
            out.push_str(&quote(t));
            out.push('*');
        }
        Unit::Exact(t) => out.push_str(&quote(t)),
        Unit::Phrase(tokens) => out.push_str(&quote(&tokens.join(" "))),
        Unit::AnyOf(units) | Unit::AllOf(units) => {
            let join = if matches!(unit, Unit::AnyOf(_)) {
                " OR "
            } else {
                " AND "
            };
            out.push('(');
            for (i, u) in units.iter().filter(|u| !is_empty(u)).enumerate() {
                if i > 0 {
                    out.push_str(join);
                }
                write_unit(u, out);
            }
            out.push(')');
        }
        Unit::Counterpart(inner) => write_unit(inner, out),
    }
}

fn is_empty(unit: &Unit) -> bool {
    match unit {
        Unit::Prefix(t) | Unit::Exact(t) => t.is_empty(),
        Unit::Phrase(ts) => ts.iter().all(String::is_empty),
        Unit::AnyOf(us) | Unit::AllOf(us) => us.iter().all(is_empty),
        Unit::Counterpart(inner) => is_empty(inner),
    }
}

/// The FTS5 expression for `units`, or `None` when there is nothing to match.
pub(crate) fn write(units: &[Unit], join: Join) -> Option<String> {
    let mut out = String::new();
    for unit in units.iter().filter(|u| !is_empty(u)) {
        if !out.is_empty() {
            out.push_str(match join {
                Join::All => " AND ",
                Join::Any => " OR ",
            });
        }
        write_unit(unit, &mut out);
    }
    (!out.is_empty()).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::parser::parse;
    use proptest::prelude::*;

    fn fts(q: &str) -> Option<String> {
        write(&units(&parse(q)), Join::All)
    }

    #[test]
    fn terms_are_quoted_words_by_prefix_and_hangul_by_bigram_phrase() {
        assert_eq!(
            fts("S3 수명주기").unwrap(),
            "\"s3\"* AND (\"수명 명주 주기\" OR (\"수명\" AND \"주기\"))"
        );
        assert_eq!(
            fts("수명주기는").unwrap(),
            "(\"수명 명주 주기 기는\" OR (\"수명\" AND \"주기 기는\"))"
        );
        assert_eq!(fts("인스턴").unwrap(), "\"인스 스턴\"");
        assert_eq!(fts("요금").unwrap(), "\"요금\"");
        assert_eq!(fts("요").unwrap(), "\"요\"*");
        assert_eq!(fts("\"spot fleet\"").unwrap(), "\"spot fleet\"");
        assert_eq!(fts("\"\" * - ( :"), None);
    }

    #[test]
    fn alternatives_are_grouped() {
        let u = [
            Unit::AnyOf(vec![
                Unit::Prefix("cloudfrnot".into()),
                Unit::Exact("cloudfront".into()),
            ]),
            Unit::Exact("a\"b".into()),
        ];
        assert_eq!(
            write(&u, Join::Any).unwrap(),
            "(\"cloudfrnot\"* OR \"cloudfront\") OR \"a\"\"b\""
        );
    }

    fn fts_table() -> rusqlite::Connection {
        let conn = rusqlite::Connection::open_in_memory().unwrap();
        conn.execute_batch(
            "CREATE VIRTUAL TABLE t USING fts5(a, b, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3');
             INSERT INTO t VALUES ('ec2 요금 금은', 'near and or not');",
        )
        .unwrap();
        conn
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]
        #[test]
        fn any_input_gives_a_valid_fts5_query(input in "\\PC{0,40}|[\"*():^+\\-{} a-zNEARO]{0,30}") {
            let conn = fts_table();
            for join in [Join::All, Join::Any] {
                if let Some(expr) = write(&units(&parse(&input)), join) {
                    let result: rusqlite::Result<i64> = conn.query_row(
                        "SELECT count(*) FROM t WHERE t MATCH ?1",
                        [&expr],
                        |r| r.get(0),
                    );
                    prop_assert!(result.is_ok(), "{input:?} -> {expr:?}: {result:?}");
                }
            }
        }

        #[test]
        fn operator_words_only_match_as_words(word in prop::sample::select(vec!["NEAR", "AND", "OR", "NOT"])) {
            let conn = fts_table();
            let expr = write(&units(&parse(word)), Join::All).unwrap();
            let n: i64 = conn.query_row("SELECT count(*) FROM t WHERE t MATCH ?1", [&expr], |r| r.get(0)).unwrap();
            prop_assert_eq!(n, 1, "{} is searched as a word", word);
        }
    }
}
