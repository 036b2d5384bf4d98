//! Comparisons between siblings: rows of one fact table that share a value other rows do
//! not have ("Which of these classes has AZs “1”?"), and terms of one definition list told
//! apart by their definitions. The distractors are always siblings of the same kind.

use super::blocks::Block;
use super::definition;
use super::generate::DISTRACTORS;
use super::model::{CardKind, Draft, Generator, Mcq, Yield};
use super::table::{
    MIN_ROWS_FOR_CHOICE, fact_tables, is_none_like, is_unaskable_column, value_key,
};
use super::templates::{self, Lang};
use super::text::{mask, norm};

const G: Generator = Generator::Comparison;

/// A value held by more rows than this is the rule, not a distinguishing attribute.
const MAX_SHARED_ROWS: usize = 3;

pub(crate) fn generate(lang: Lang, blocks: &[Block]) -> Yield {
    let mut out = Yield::default();
    for t in fact_tables(blocks) {
        if t.rows.len() < MIN_ROWS_FOR_CHOICE {
            continue;
        }
        let kind = &t.header[0];
        for (c, attribute) in t.header.iter().enumerate().skip(1) {
            if is_unaskable_column(t, c) {
                continue;
            }
            for (r, row) in t.rows.iter().enumerate() {
                let value = &row[c];
                // "Which has none?" is answered by every row without the attribute.
                if is_none_like(value) {
                    continue;
                }
                let key = value_key(value);
                let shared = t.rows.iter().filter(|o| value_key(&o[c]) == key).count();
                // Unique values are the table generator's reverse questions.
                if !(2..=MAX_SHARED_ROWS).contains(&shared) {
                    continue;
                }
                let distractors: Vec<String> = t
                    .rows
                    .iter()
                    .filter(|o| value_key(&o[c]) != key && !is_none_like(&o[c]))
                    .map(|o| o[0].clone())
                    .collect();
                if distractors.len() < DISTRACTORS {
                    continue;
                }
                out.drafts.push(Draft {
                    generator: G,
                    kind: CardKind::Mcq,
                    prompt: templates::comparison_value(lang, kind, attribute, value),
                    answer: row[0].clone(),
                    prompt_key: format!(
                        "value|{}|{}|{}|{}",
                        norm(kind),
                        norm(attribute),
                        norm(value),
                        norm(&row[0])
                    ),
                    line: t.row_lines[r],
                    mcq: Some(Mcq {
                        correct: vec![row[0].clone()],
                        distractors,
                        is_authored: false,
                    }),
                });
            }
        }
    }
    for group in definition::extract(blocks) {
        if group.len() < MIN_ROWS_FOR_CHOICE {
            continue;
        }
        for d in &group {
            let masked = mask(&d.definition, &d.term);
            let distractors = group
                .iter()
                .filter(|o| norm(&o.term) != norm(&d.term))
                .map(|o| o.term.clone())
                .collect();
            out.drafts.push(Draft {
                generator: G,
                kind: CardKind::Mcq,
                prompt: templates::comparison_definition(lang, &masked),
                answer: d.term.clone(),
                prompt_key: format!("definition|{}", norm(&masked)),
                line: d.line,
                mcq: Some(Mcq {
                    correct: vec![d.term.clone()],
                    distractors,
                    is_authored: false,
                }),
            });
        }
    }
    out
}
