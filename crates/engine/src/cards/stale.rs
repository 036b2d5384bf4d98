//! The staleness guard: lines of imported notes that state a retired, renamed or changed AWS
//! fact (Spot blocks, AWS SSO, gp3 at 16,000 IOPS…), found with the embedded list in
//! `stale.tsv`. A flagged line gives a warning with the current fact and its source; the cards
//! made from it carry the warning and start suspended. Pure: text in, warnings out. The list
//! is data, so a fact is added without touching code; the built-in course is never checked
//! against it (it states the current facts, which a test keeps true).

use std::sync::OnceLock;

pub(crate) use crate::model::StaleWarning;
use crate::model::{Lang, StaleKind};

const DATA: &str = include_str!("stale.tsv");

impl StaleKind {
    fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "retired" => StaleKind::Retired,
            "renamed" => StaleKind::Renamed,
            "changed" => StaleKind::Changed,
            "wrong" => StaleKind::Wrong,
            "figure" => StaleKind::Figure,
            _ => return None,
        })
    }
}

/// Phrasings: every group needs one of its alternatives.
type Pattern = Vec<Vec<String>>;

#[derive(Debug)]
struct Entry {
    id: String,
    kind: StaleKind,
    changed: String,
    patterns: [Pattern; 2],
    unless: Vec<String>,
    current_en: String,
    current_ko: String,
    source: String,
}

fn pattern(s: &str) -> Pattern {
    s.split(" & ")
        .map(|group| {
            group
                .split('|')
                .map(|a| normalize(a.trim()))
                .filter(|a| !a.is_empty())
                .collect()
        })
        .collect()
}

fn entries() -> &'static [Entry] {
    static ENTRIES: OnceLock<Vec<Entry>> = OnceLock::new();
    ENTRIES.get_or_init(|| parse(DATA))
}

fn parse(data: &str) -> Vec<Entry> {
    data.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            assert_eq!(f.len(), 9, "stale.tsv: 9 fields in {l}");
            let kind = StaleKind::parse(f[1]).expect("stale.tsv: a known kind");
            let unless = if f[5] == "-" {
                Vec::new()
            } else {
                f[5].split('|')
                    .map(|a| normalize(a.trim()))
                    .filter(|a| !a.is_empty())
                    .collect()
            };
            Entry {
                id: f[0].to_string(),
                kind,
                changed: if f[2] == "-" {
                    String::new()
                } else {
                    f[2].to_string()
                },
                patterns: [pattern(f[3]), pattern(f[4])],
                unless,
                current_en: f[6].to_string(),
                current_ko: f[7].to_string(),
                source: f[8].to_string(),
            }
        })
        .collect()
}

/// Lower case, one space between words, one kind of dash.
fn normalize(s: &str) -> String {
    let lower = s.to_lowercase().replace(['–', '—', '‐'], "-");
    lower.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether `needle` occurs in `hay`; a needle that starts or ends with a Latin letter or digit
/// must not continue a Latin word or number there (`sso` is not in `ssom`, `5개` not in `15개`).
fn has(hay: &str, needle: &str) -> bool {
    let is_word = |c: char| c.is_ascii_alphanumeric();
    let first = needle.chars().next().is_some_and(is_word);
    let last = needle.chars().last().is_some_and(is_word);
    hay.match_indices(needle).any(|(at, _)| {
        let before = hay[..at].chars().last();
        let mut rest = hay[at + needle.len()..].chars();
        // A plural `s` may follow a Latin word: `spot block` is in `spot blocks`.
        let after = match rest.next() {
            Some('s') if needle.ends_with(|c: char| c.is_ascii_alphabetic()) => rest.next(),
            other => other,
        };
        let joins_before = first && before.is_some_and(is_word);
        let joins_after = last && after.is_some_and(is_word);
        !(joins_before || joins_after)
    })
}

fn any(hay: &str, alternatives: &[String]) -> bool {
    alternatives.iter().any(|a| has(hay, a))
}

/// Words that say the line already knows the fact changed ("Spot blocks are no longer
/// available", "2024년에 이름이 바뀌었다").
const NEGATIONS: &[&str] = &[
    "no longer",
    "discontinued",
    "renamed",
    "formerly",
    "previously",
    "used to",
    "retired",
    "deprecated",
    "legacy",
    "end of life",
    "end of support",
    "replaced by",
    "was replaced",
    "now called",
    "now named",
    "now known as",
    "(now",
    "not offered",
    "not available",
    "closed to new",
    "was removed",
    "old name",
    "earlier limit",
    "was the earlier",
    "is gone",
    "are gone",
    "ended",
    "end of",
    "더 이상",
    "더는",
    "이름이 바뀌",
    "이름을 바꾸",
    "이름 변경",
    "명칭 변경",
    "개명",
    "바뀌었",
    "바뀜",
    "변경되었",
    "변경됨",
    "종료되었",
    "종료됐",
    "종료됨",
    "지원 종료",
    "서비스 종료",
    "판매 종료",
    "판매 중단",
    "폐지",
    "사라졌",
    "사라짐",
    "없어졌",
    "없어짐",
    "예전에는",
    "과거에는",
    "이전에는",
    "예전 이름",
    "옛 이름",
    "이전 이름",
    "구 명칭",
    "레거시",
    "현재는",
    "지금은",
    "신규 고객",
    "단종",
    "종료",
    "주문 중단",
];

/// Whether `pattern` holds for `line`; its first group may instead be found in `context`.
fn holds(pattern: &Pattern, line: &str, context: &str) -> bool {
    let Some((subject, claim)) = pattern.split_first() else {
        return false;
    };
    if subject.is_empty() {
        return false;
    }
    let subject_found = any(line, subject) || (!claim.is_empty() && any(context, subject));
    subject_found && claim.iter().all(|g| any(line, g))
}

/// The entry a line states, if any: `texts` are the ways to read the line (the line itself,
/// and for a table row each cell with its row name and header), `context` what encloses it,
/// `whole` the line with the rest of its paragraph (where a negation or the new name may be).
fn entry_for<'e>(
    entry: &'e Entry,
    texts: &[String],
    context: &str,
    whole: &str,
) -> Option<&'e Entry> {
    let stated = texts
        .iter()
        .any(|t| entry.patterns.iter().any(|p| holds(p, t, context)));
    let knows = any(whole, &entry.unless) || NEGATIONS.iter().any(|n| whole.contains(n));
    (stated && !knows).then_some(entry)
}

/// The cells of a table row: `| a | b |` → `[a, b]`.
fn cells(line: &str) -> Vec<String> {
    let inner = line.trim().trim_start_matches('|').trim_end_matches('|');
    inner.split('|').map(|c| c.trim().to_string()).collect()
}

fn is_separator_row(line: &str) -> bool {
    let t = line.trim();
    t.starts_with('|') && t.chars().all(|c| matches!(c, '|' | '-' | ':' | ' '))
}

/// The list marker of a line and its indent, if it is a list item.
fn list_item(line: &str) -> Option<(usize, &str)> {
    let indent = line.len() - line.trim_start().len();
    let t = line.trim_start();
    for marker in ["- ", "* ", "+ ", "• ", "◦ ", "▪ ", "· "] {
        if let Some(rest) = t.strip_prefix(marker) {
            return Some((indent, rest));
        }
    }
    let digits = t.chars().take_while(char::is_ascii_digit).count();
    if digits > 0 && (t[digits..].starts_with(". ") || t[digits..].starts_with(") ")) {
        return Some((indent, &t[digits + 2..]));
    }
    None
}

fn claim_of(line: &str) -> String {
    let t = line.trim();
    if t.chars().count() > 160 {
        let cut: String = t.chars().take(159).collect();
        format!("{cut}…")
    } else {
        t.to_string()
    }
}

/// The outdated claims of a section's markdown, whose first line is line `first_line` of the
/// note; `headings` are the headings enclosing it (context for a line's subject). At most one
/// warning per entry and line.
pub(crate) fn scan(
    markdown: &str,
    first_line: u32,
    headings: &[String],
    lang: Lang,
) -> Vec<StaleWarning> {
    let heading_context = normalize(&headings.join(" "));
    let mut out = Vec::new();
    let mut fence: Option<&str> = None;
    let mut header: Vec<String> = Vec::new();
    let mut in_table = false;
    let mut items: Vec<(usize, String)> = Vec::new();
    let lines: Vec<&str> = markdown.lines().collect();
    let mut cache = None;
    for (i, raw) in lines.iter().copied().enumerate() {
        let line_no = first_line + i as u32;
        let t = raw.trim();
        if let Some(f) = fence {
            if t.starts_with(f) {
                fence = None;
            }
            continue;
        }
        if t.starts_with("```") || t.starts_with("~~~") {
            fence = Some(&t[..3]);
            continue;
        }
        if t.is_empty() {
            in_table = false;
            continue;
        }
        if t.len() > MAX_LINE_CHARS {
            continue;
        }
        if t.starts_with('#') || t.starts_with("<!--") {
            items.clear();
            continue;
        }
        // A wrong option of a question, and why it is wrong, state old facts on purpose.
        let lower = t.to_lowercase();
        if ["- [ ]", "* [ ]", "wrong:", "오답:"]
            .iter()
            .any(|m| lower.starts_with(m))
        {
            continue;
        }
        let whole = normalize(&paragraph_of(&lines, i, &mut cache));
        let mut texts = vec![normalize(raw)];
        let mut context = heading_context.clone();
        if t.starts_with('|') {
            if is_separator_row(t) {
                continue;
            }
            let row = cells(t);
            if !in_table {
                in_table = true;
                header = row;
                continue;
            }
            if let Some(name) = row.first() {
                context.push(' ');
                context.push_str(&normalize(name));
                context.push(' ');
                context.push_str(&normalize(&header.join(" ")));
                for (j, cell) in row.iter().enumerate().skip(1) {
                    // An empty cell (`—`, `-`, `N/A`) says the row has no such attribute.
                    let is_empty = cell
                        .trim_matches(|c: char| c.is_whitespace() || matches!(c, '—' | '-' | '–'))
                        .is_empty()
                        || matches!(cell.to_lowercase().as_str(), "n/a" | "없음" | "no" | "불가");
                    if is_empty {
                        continue;
                    }
                    let head = header.get(j).map(String::as_str).unwrap_or("");
                    texts.push(normalize(&format!("{name} {head} {cell}")));
                }
            }
        } else {
            in_table = false;
            match list_item(raw) {
                Some((indent, text)) => {
                    while items.last().is_some_and(|(at, _)| *at >= indent) {
                        items.pop();
                    }
                    for (_, parent) in items.iter().rev().take(MAX_PARENTS) {
                        context.push(' ');
                        context.push_str(parent);
                    }
                    items.push((indent, normalize(text)));
                }
                None if raw.starts_with([' ', '\t']) => {
                    for (_, parent) in items.iter().rev().take(MAX_PARENTS) {
                        context.push(' ');
                        context.push_str(parent);
                    }
                }
                None => items.clear(),
            }
        }
        for entry in entries() {
            if let Some(e) = entry_for(entry, &texts, &context, &whole) {
                out.push(StaleWarning {
                    line: line_no,
                    entry: e.id.clone(),
                    kind: e.kind,
                    claim: claim_of(raw),
                    current: match lang {
                        Lang::Ko => e.current_ko.clone(),
                        Lang::En => e.current_en.clone(),
                    },
                    changed: e.changed.clone(),
                    source: e.source.clone(),
                });
            }
        }
    }
    out
}

/// Whether a line is a block of its own (blank, heading, table row, list item) rather than a
/// line of a paragraph.
fn is_own_block(line: &str) -> bool {
    let t = line.trim();
    t.is_empty() || t.starts_with(['#', '|']) || list_item(line).is_some()
}

/// Line `i` with the other lines of its paragraph; the line alone when it is a block of its
/// own or its paragraph is longer than a few sentences. `cache` holds the last paragraph
/// (its first line and text), so a long paragraph is joined once, not once per line.
fn paragraph_of(lines: &[&str], i: usize, cache: &mut Option<(usize, String)>) -> String {
    if is_own_block(lines[i]) {
        return lines[i].to_string();
    }
    let mut start = i;
    while start > 0 && !is_own_block(lines[start - 1]) && i - start < MAX_PARAGRAPH_LINES {
        start -= 1;
    }
    if let Some((at, text)) = cache.as_ref()
        && *at == start
    {
        return text.clone();
    }
    let mut end = i + 1;
    while end < lines.len() && !is_own_block(lines[end]) && end - start < MAX_PARAGRAPH_LINES {
        end += 1;
    }
    let text = lines[start..end].join(" ");
    *cache = Some((start, text.clone()));
    text
}

/// Enclosing list items read as a line's context (deep nesting stays linear).
const MAX_PARENTS: usize = 3;
/// Lines of a paragraph read together for a negation.
const MAX_PARAGRAPH_LINES: usize = 8;
/// Longer lines are not claims to check (no card comes from them either).
const MAX_LINE_CHARS: usize = 1_000;

/// The first line of the paragraph holding `line` (a paragraph's cards carry its first line);
/// `line` itself for list items, table rows and headings.
pub(crate) fn block_start(markdown: &str, first_line: u32, line: u32) -> u32 {
    let lines: Vec<&str> = markdown.lines().collect();
    let Some(mut at) = line.checked_sub(first_line).map(|i| i as usize) else {
        return line;
    };
    if at >= lines.len() || is_own_block(lines[at]) {
        return line;
    }
    while at > 0 && !is_own_block(lines[at - 1]) {
        at -= 1;
    }
    first_line + at as u32
}

/// The ids of every entry of the list, in file order.
#[cfg(test)]
pub(crate) fn entry_ids() -> Vec<&'static str> {
    entries().iter().map(|e| e.id.as_str()).collect()
}

#[cfg(test)]
mod tests;
