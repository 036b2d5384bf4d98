//! Fact tables: the first column names entities of one kind (storage classes, purchase
//! options), the other columns are attributes. Each filled cell asks for the attribute of an
//! entity; a value held by one row only asks the reverse, as multiple choice among the other
//! rows. A table that cannot be read that way is reported, not guessed at.

use super::blocks::{Block, Table};
use super::model::{CardKind, CardSkipReason, Draft, Generator, Mcq, Yield};
use super::templates::{self, Lang};
use super::text::norm;

const G: Generator = Generator::Table;

/// A reverse question needs the answer plus three other rows to choose from.
pub(crate) const MIN_ROWS_FOR_CHOICE: usize = 4;

/// Whether a cell says "does not apply": such cells make no card.
pub(crate) fn is_blank(cell: &str) -> bool {
    matches!(cell.trim(), "" | "—" | "-" | "–" | "N/A" | "n/a")
}

/// Whether a cell answers yes or no, possibly with a remark: `Yes`, `No (io1/io2 only)`,
/// `예`, `아니요, …`; or only says whether the row has something, with nothing more: `있음`,
/// `없음`, `지원`, `미지원`, `Supported`, `Not supported`, and the marks `O`, `X`, `✓`, `✗`.
/// (`있음, 지정한 AZ` or `지원 (최대 15개)` carry a fact and stay card material.)
fn is_yes_or_no(cell: &str) -> bool {
    let cell = cell.trim();
    let bare = cell.trim_end_matches(['.', '。']).to_lowercase();
    if matches!(
        bare.as_str(),
        "o" | "x"
            | "○"
            | "△"
            | "×"
            | "✓"
            | "✔"
            | "✔️"
            | "✗"
            | "✘"
            | "✅"
            | "❌"
            | "있음"
            | "없음"
            | "지원"
            | "미지원"
            | "지원 안 함"
            | "지원하지 않음"
            | "supported"
            | "unsupported"
            | "not supported"
    ) {
        return true;
    }
    let first = cell
        .split(|c: char| !c.is_alphanumeric())
        .find(|w| !w.is_empty())
        .unwrap_or("");
    matches!(
        first.to_lowercase().as_str(),
        "yes" | "no" | "예" | "아니요" | "아니오"
    )
}

/// Why `table` is not a fact table, if it is not.
pub(crate) fn problem(table: &Table) -> Option<String> {
    if table.header.len() < 2 {
        return Some(
            "a fact table needs an entity column and at least one attribute column".into(),
        );
    }
    if table.rows.is_empty() {
        return Some("the table has a header but no rows".into());
    }
    if let Some(c) = table.header.iter().position(|h| h.trim().is_empty()) {
        return Some(format!("header cell {} is empty", c + 1));
    }
    for (r, width) in table.row_widths.iter().enumerate() {
        if *width != table.header.len() {
            return Some(format!(
                "line {}: the row has {width} cells but the header has {}",
                table.row_lines[r],
                table.header.len()
            ));
        }
    }
    let mut seen = std::collections::BTreeSet::new();
    for (r, row) in table.rows.iter().enumerate() {
        let entity = row.first().map(String::as_str).unwrap_or("");
        if is_blank(entity) {
            return Some(format!(
                "line {}: the first cell must name the row's entity",
                table.row_lines[r]
            ));
        }
        if !seen.insert(norm(entity)) {
            return Some(format!(
                "line {}: “{entity}” is named by two rows; one row per entity",
                table.row_lines[r]
            ));
        }
    }
    None
}

/// The tables of a section that are fact tables.
pub(crate) fn fact_tables(blocks: &[Block]) -> impl Iterator<Item = &Table> {
    blocks.iter().filter_map(|b| match b {
        Block::Table(t) if problem(t).is_none() => Some(t),
        _ => None,
    })
}

pub(crate) fn generate(lang: Lang, blocks: &[Block]) -> Yield {
    let mut out = Yield::default();
    for block in blocks {
        let Block::Table(table) = block else {
            continue;
        };
        if let Some(why) = problem(table) {
            out.skip(
                table.line,
                G,
                CardSkipReason::MalformedTable,
                table.header.join(" | "),
                why,
            );
            continue;
        }
        cells(lang, table, &mut out);
    }
    out
}

/// Whether a cell says "none" in some spelling: asking "which has none?" has as many
/// answers as rows without the attribute, so such a value never keys a choice.
pub(crate) fn is_none_like(cell: &str) -> bool {
    let first = cell
        .split(|c: char| !c.is_alphanumeric())
        .find(|w| !w.is_empty())
        .unwrap_or("");
    is_blank(cell)
        || matches!(
            first.to_lowercase().as_str(),
            "none" | "no" | "없음" | "없다" | "없고" | "0" | "n" | "x"
        )
}

/// A cell's value for comparing rows: lower case, without remarks in parentheses or spaces.
pub(crate) fn value_key(cell: &str) -> String {
    if is_none_like(cell) {
        return "none".into();
    }
    let mut out = String::new();
    let mut depth = 0usize;
    for c in cell.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            c if depth == 0 && !c.is_whitespace() => out.extend(c.to_lowercase()),
            _ => {}
        }
    }
    out
}

/// Whether a column is no card material: yes/no answers, "adjustable?" flags, or prose.
pub(crate) fn is_unaskable_column(t: &Table, c: usize) -> bool {
    let filled: Vec<&String> = t
        .rows
        .iter()
        .map(|row| &row[c])
        .filter(|v| !is_none_like(v))
        .collect();
    let header = t.header[c].to_lowercase();
    let is_flag = [
        "adjustable",
        "조정 가능",
        "변경 가능",
        "가능?",
        "지원?",
        "supported?",
    ]
    .iter()
    .any(|w| header.contains(w));
    let is_prose = !filled.is_empty()
        && filled
            .iter()
            .filter(|v| super::text::chars(v) > 60 || super::text::reads_as_sentence(v))
            .count()
            * 2
            > filled.len();
    let is_yes_no = t
        .rows
        .iter()
        .map(|row| &row[c])
        .filter(|v| !is_blank(v))
        .all(|v| is_yes_or_no(v));
    is_yes_no || is_flag || is_prose
}

fn cells(lang: Lang, t: &Table, out: &mut Yield) {
    let kind = &t.header[0];
    for (c, attribute) in t.header.iter().enumerate().skip(1) {
        if is_unaskable_column(t, c) {
            out.skip(
                t.line,
                G,
                CardSkipReason::AnswerTooLong,
                attribute.clone(),
                "a column of yes/no answers, flags or prose makes no cards",
            );
            continue;
        }
        for (r, row) in t.rows.iter().enumerate() {
            let entity = &row[0];
            let value = &row[c];
            if is_blank(value) {
                continue;
            }
            let line = t.row_lines[r];
            out.drafts.push(Draft {
                generator: G,
                kind: CardKind::Basic,
                prompt: if templates::is_value_header(attribute) {
                    templates::table_value(lang, kind, entity)
                } else if templates::is_need_header(kind) {
                    templates::need_cell(lang, entity, attribute)
                } else {
                    templates::table_cell(lang, entity, attribute, false)
                },
                answer: value.clone(),
                prompt_key: format!("cell|{}|{}|{}", norm(kind), norm(entity), norm(attribute)),
                line,
                mcq: None,
            });
            // A distractor that has the same value would be correct too: the value must be
            // one row's alone, after normalization, and not a "none".
            let key = value_key(value);
            let same = t.rows.iter().filter(|o| value_key(&o[c]) == key).count();
            if same == 1 && !is_none_like(value) && t.rows.len() >= MIN_ROWS_FOR_CHOICE {
                let distractors = t
                    .rows
                    .iter()
                    // A row where the attribute does not apply is no fair distractor.
                    .filter(|o| norm(&o[0]) != norm(entity) && !is_none_like(&o[c]))
                    .map(|o| o[0].clone())
                    .collect();
                out.drafts.push(Draft {
                    generator: G,
                    kind: CardKind::Mcq,
                    prompt: if templates::is_value_header(attribute) {
                        templates::table_value_reverse(lang, kind, value)
                    } else if templates::is_need_header(kind) {
                        templates::need_reverse(lang, kind, value)
                    } else {
                        templates::table_reverse(lang, kind, attribute, value)
                    },
                    answer: entity.clone(),
                    prompt_key: format!("value|{}|{}|{}", norm(kind), norm(attribute), norm(value)),
                    line,
                    mcq: Some(Mcq {
                        correct: vec![entity.clone()],
                        distractors,
                        is_authored: false,
                    }),
                });
            }
        }
    }
}
