//! Numeric facts in sentences — percentages, durations, sizes, counts, nines — become cloze
//! cards that hide the figure. The scanner reads plain sentence text (markup already gone);
//! it only decides where a figure with a unit starts and ends.

use super::blocks::{Block, Inline, Item};
use super::explicit::{is_explicit, is_task_list};
use super::model::{CardSkipReason, Draft, Generator, Yield};
use super::templates::BLANK;
use super::text::{chars, needs_context, reads_as_sentence, sentences};
use crate::text::tokenize::is_alphanumeric;

const G: Generator = Generator::Number;

/// Longest sentence turned into a cloze, in characters.
const MAX_SENTENCE_CHARS: usize = 240;

/// Units that follow a figure, longest first so `hours` wins over `h`. Latin units must end
/// at a word boundary; Hangul units may carry a particle (`90일간`, `7개의`).
const LATIN_UNITS: &[&str] = &[
    "milliseconds",
    "millisecond",
    "percent",
    "minutes",
    "seconds",
    "minute",
    "second",
    "months",
    "nines",
    "hours",
    "years",
    "weeks",
    "month",
    "hour",
    "year",
    "week",
    "days",
    "mins",
    "Gbps",
    "Mbps",
    "GiB",
    "TiB",
    "MiB",
    "day",
    "min",
    "sec",
    "GB",
    "TB",
    "MB",
    "KB",
    "PB",
    "ms",
    "%",
];
const HANGUL_UNITS: &[&str] = &[
    "개월",
    "시간",
    "퍼센트",
    "일",
    "분",
    "초",
    "년",
    "주",
    "배",
    "개",
    "회",
    "번",
];

/// A figure found in a sentence: byte range and text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Figure {
    pub start: usize,
    pub end: usize,
}

/// Finds figures with units in `s`: a number (digits with `,` or `.` inside, optionally a
/// range such as `1–5` or `90 to 730`) followed by a unit.
pub(crate) fn figures(s: &str) -> Vec<Figure> {
    let mut out = Vec::new();
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (start, c) = chars[i];
        let at_boundary = || {
            let prev = i.checked_sub(1).map(|p| chars[p].1);
            prev.is_none_or(|p| !is_alphanumeric(p) && p != '.' && p != '_')
        };
        if !c.is_ascii_digit() || !at_boundary() {
            i += 1;
            continue;
        }
        // The number, with separators between digits.
        let mut j = i;
        let mut k = number_end(&chars, j);
        // A range: `1–5`, `1-5`, `90 to 730`, `1~3`.
        let rest: String = chars[k..].iter().take(5).map(|x| x.1).collect();
        for sep in ["–", "-", "~", " to ", " ~ ", " – "] {
            if let Some(after) = rest.strip_prefix(sep)
                && after.starts_with(|ch: char| ch.is_ascii_digit())
            {
                j = k + sep.chars().count();
                k = number_end(&chars, j);
                break;
            }
        }
        let tail_start = chars.get(k).map_or(s.len(), |x| x.0);
        let tail = &s[tail_start..];
        let spaced = tail.strip_prefix(' ');
        let mut unit_end = None;
        for candidate in [Some(tail), spaced].into_iter().flatten() {
            let offset = s.len() - candidate.len();
            if let Some(u) = LATIN_UNITS.iter().find(|u| {
                candidate.starts_with(**u)
                    && !candidate[u.len()..].starts_with(|ch: char| ch.is_ascii_alphanumeric())
            }) {
                unit_end = Some(offset + u.len());
                break;
            }
            if let Some(u) = HANGUL_UNITS.iter().find(|u| candidate.starts_with(**u)) {
                if !is_calendar_date(s, start, tail_start, u) {
                    unit_end = Some(offset + u.len());
                }
                break;
            }
        }
        match unit_end {
            Some(end) => {
                out.push(Figure { start, end });
                i = chars.iter().position(|x| x.0 >= end).unwrap_or(chars.len());
            }
            None => i = k.max(i + 1),
        }
    }
    out
}

/// Whether the number `s[start..number_end]` followed by the Hangul unit `unit` is part of a
/// calendar date rather than a quantity: a year such as `2025년` (four digits; `3년` is a
/// duration) or the day of `11월 7일`. Hiding a date's digits makes a trivia card, not a fact
/// worth learning.
fn is_calendar_date(s: &str, start: usize, number_end: usize, unit: &str) -> bool {
    let number = &s[start..number_end];
    match unit {
        // Each end of a range too: `2024–2025년`.
        "년" => number
            .split(|c: char| !c.is_ascii_digit())
            .filter(|part| !part.is_empty())
            .all(|part| part.len() == 4),
        "일" => s[..start]
            .trim_end()
            .strip_suffix('월')
            .is_some_and(|before| before.ends_with(|c: char| c.is_ascii_digit())),
        _ => false,
    }
}

fn number_end(chars: &[(usize, char)], mut j: usize) -> usize {
    while j < chars.len() {
        let c = chars[j].1;
        let next_is_digit = chars.get(j + 1).is_some_and(|x| x.1.is_ascii_digit());
        if c.is_ascii_digit() || ((c == ',' || c == '.') && next_is_digit) {
            j += 1;
        } else {
            break;
        }
    }
    j
}

pub(crate) fn generate(blocks: &[Block]) -> Yield {
    let mut out = Yield::default();
    for block in blocks {
        match block {
            Block::Paragraph(p) => from_inline(p, None, &mut out),
            Block::List(items) if !is_task_list(items) => from_items(items, None, &mut out),
            _ => {}
        }
    }
    out
}

fn from_items(items: &[Item], parent: Option<&str>, out: &mut Yield) {
    for item in items {
        from_inline(&item.inline, parent, out);
        let own = item.inline.text.trim();
        // A short parent bullet names what its children talk about; keep it as context.
        let context =
            (!own.is_empty() && !reads_as_sentence(own) && !own.contains('\n')).then_some(own);
        if !is_task_list(&item.children) {
            from_items(&item.children, context.or(parent), out);
        }
    }
}

fn from_inline(inline: &Inline, context: Option<&str>, out: &mut Yield) {
    if is_explicit(inline) {
        return;
    }
    // Line breaks inside a paragraph are only wrapping; sentences run across them. The
    // replacement keeps byte offsets, so lines are still counted on the original text.
    let flowed = inline.text.replace('\n', " ");
    for (offset, sentence) in sentences(&flowed) {
        // Questions (a scenario before choices) make poor clozes.
        if sentence.ends_with('?') || inline.is_code(offset) {
            continue;
        }
        let found = figures(sentence);
        if found.is_empty() {
            continue;
        }
        let line = inline.line + inline.text[..offset].matches('\n').count() as u32;
        if context.is_none() && needs_context(sentence) {
            out.skip(
                line,
                G,
                CardSkipReason::NeedsContext,
                sentence,
                "the sentence continues the one before it or points elsewhere; name its subject",
            );
            continue;
        }
        if chars(sentence) > MAX_SENTENCE_CHARS {
            out.skip(
                line,
                G,
                CardSkipReason::PromptTooLong,
                sentence,
                format!("split the sentence (over {MAX_SENTENCE_CHARS} characters) to get a card for its figures"),
            );
            continue;
        }
        // `365일 = 31,536,000초` is arithmetic, not a fact to recall.
        if found.len() >= 2 && (sentence.contains('=') || sentence.contains('≈')) {
            out.skip(
                line,
                G,
                CardSkipReason::Duplicate,
                sentence,
                "a unit conversion makes no card",
            );
            continue;
        }
        // One cloze per sentence: the first figure; the others stay visible as context.
        if let Some(f) = found.into_iter().next() {
            let answer = sentence[f.start..f.end].to_string();
            let mut prompt = format!("{}{BLANK}{}", &sentence[..f.start], &sentence[f.end..]);
            if let Some(ctx) = context {
                prompt = format!("{ctx}: {prompt}");
            }
            out.drafts.push(Draft::cloze(G, prompt, answer, line));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(s: &str) -> Vec<&str> {
        figures(s).iter().map(|f| &s[f.start..f.end]).collect()
    }

    #[test]
    fn figures_with_units_are_found() {
        assert_eq!(
            found("up to 72% off, 30 days, 11 nines"),
            ["72%", "30 days", "11 nines"]
        );
        assert_eq!(
            found("온디맨드에 비해 90%의 할인, 7개의 인스턴스"),
            ["90%", "7개"]
        );
        assert_eq!(
            found("restores take 1–5 minutes or 90 to 730 days"),
            ["1–5 minutes", "90 to 730 days"]
        );
        assert_eq!(found("99.99% and 128 KB"), ["99.99%", "128 KB"]);
    }

    #[test]
    fn names_and_bare_numbers_are_not_figures() {
        assert!(found("S3 and EC2 use m5.xlarge in 2024").is_empty());
        assert!(found("daysgone 5 dayslater").is_empty());
    }

    #[test]
    fn korean_calendar_dates_are_not_figures() {
        assert!(found("2025년 11월 7일부터 신규 고객을 받지 않는다").is_empty());
        assert!(found("2026년 말 기준").is_empty());
        assert!(found("2024–2025년에 걸쳐").is_empty());
        assert_eq!(found("3년 약정, 7일 뒤, 매월 1일"), ["3년", "7일", "1일"]);
        assert_eq!(found("12월 31일까지 90일간"), ["90일"]);
    }
}
