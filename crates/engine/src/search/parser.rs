//! The user's query as an AST. Only one piece of syntax is recognised: a balanced pair of
//! double quotes makes a phrase. Everything FTS5 would treat as an operator — `*`, `-`, `:`,
//! `^`, parentheses, `NEAR`, `AND`, `OR`, `NOT`, a lone quote — is either a separator or an
//! ordinary word, so no input can change the meaning of the query the writer produces.

use crate::text::tokenize::{Segment, segments};

/// One thing the results must contain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Clause {
    /// One normalized word or Hangul run.
    Term(Segment),
    /// Several segments that must appear in this order, next to each other.
    Phrase(Vec<Segment>),
}

/// A parsed query: its clauses in input order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct ParsedQuery {
    pub clauses: Vec<Clause>,
}

impl ParsedQuery {
    pub(crate) fn is_empty(&self) -> bool {
        self.clauses.is_empty()
    }
}

fn is_quote(c: char) -> bool {
    matches!(c, '"' | '“' | '”')
}

/// Parses any string; never fails.
pub(crate) fn parse(input: &str) -> ParsedQuery {
    let mut clauses = Vec::new();
    let quote_count = input.chars().filter(|&c| is_quote(c)).count();
    // An odd last quote has no partner: it is a separator like any other punctuation.
    let usable_quotes = quote_count - quote_count % 2;
    let mut seen_quotes = 0;
    let mut in_phrase = false;
    let mut buf = String::new();
    let flush = |buf: &mut String, as_phrase: bool, clauses: &mut Vec<Clause>| {
        let segs = segments(buf);
        buf.clear();
        if as_phrase && segs.len() > 1 {
            clauses.push(Clause::Phrase(segs));
        } else {
            clauses.extend(segs.into_iter().map(Clause::Term));
        }
    };
    for c in input.chars() {
        if is_quote(c) && seen_quotes < usable_quotes {
            seen_quotes += 1;
            flush(&mut buf, in_phrase, &mut clauses);
            in_phrase = !in_phrase;
        } else {
            buf.push(c);
        }
    }
    flush(&mut buf, in_phrase, &mut clauses);
    ParsedQuery { clauses }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(s: &str) -> Clause {
        Clause::Term(Segment::Word(s.into()))
    }

    fn h(s: &str) -> Clause {
        Clause::Term(Segment::Hangul(s.into()))
    }

    #[test]
    fn words_and_hangul_runs_become_terms() {
        assert_eq!(parse("S3 수명주기").clauses, [w("s3"), h("수명주기")]);
        assert_eq!(parse("EC2의").clauses, [w("ec2"), h("의")]);
    }

    #[test]
    fn balanced_quotes_make_phrases() {
        assert_eq!(
            parse("\"spot fleet\" 요금").clauses,
            [
                Clause::Phrase(vec![
                    Segment::Word("spot".into()),
                    Segment::Word("fleet".into())
                ]),
                h("요금")
            ]
        );
    }

    #[test]
    fn operators_are_plain_text() {
        assert_eq!(
            parse("a NEAR(b) -c:d *").clauses,
            [w("a"), w("near"), w("b"), w("c"), w("d")]
        );
        assert_eq!(parse("\"unbalanced").clauses, [w("unbalanced")]);
        assert_eq!(parse("a \"b c").clauses, [w("a"), w("b"), w("c")]);
        assert!(parse("\"\" ** ()").is_empty());
    }
}
