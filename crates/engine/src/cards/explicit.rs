//! Explicit cards written with the syntax of `docs/card-syntax.md`: `question :: answer`,
//! `question ::: answer` (both ways), `==hidden==` and `{{c1::hidden}}` clozes, a question
//! and answer separated by a line holding only `?`, and a question followed by a task list
//! (checked items are correct). Markers inside code spans are literal text.

use super::blocks::{Block, Inline, Item};
use super::model::{CardKind, CardSkipReason, Draft, Generator, Mcq, Yield};
use super::templates::BLANK;
use super::text::norm;

const G: Generator = Generator::Explicit;

/// The `::` or `:::` separator of a line starting at byte `line_start` of `inline`: with
/// white space on both sides, outside code, so `Fn::GetAtt` or `AWS::AccountId` is no card.
/// Returns (offset in the line, separator length).
fn separator(inline: &Inline, line: &str, line_start: usize) -> Option<(usize, usize)> {
    line.match_indices("::").map(|(i, _)| i).find_map(|i| {
        if inline.is_code(line_start + i) {
            return None;
        }
        let len = if line[i..].starts_with(":::") { 3 } else { 2 };
        let before_ok = i > 0 && line[..i].ends_with(char::is_whitespace);
        let after = &line[i + len..];
        let after_ok = after.starts_with(char::is_whitespace);
        (before_ok && after_ok && (i == 0 || !line[..i].ends_with(':'))).then_some((i, len))
    })
}

/// Whether an inline holds explicit card syntax, so other generators leave it alone.
pub(crate) fn is_explicit(inline: &Inline) -> bool {
    let mut offset = 0;
    let has_separator = inline.text.split('\n').any(|line| {
        let found = separator(inline, line, offset).is_some();
        offset += line.len() + 1;
        found
    });
    has_separator
        || !inline.find_all("{{c").is_empty()
        || inline.find_all("==").len() >= 2
        || inline
            .text
            .lines()
            .any(|l| l.trim() == "?" && !inline.text.trim().starts_with('?'))
}

/// Whether a list is the options of a multiple-choice question.
pub(crate) fn is_task_list(items: &[Item]) -> bool {
    !items.is_empty() && items.iter().all(|i| i.checked.is_some())
}

pub(crate) fn generate(blocks: &[Block]) -> Yield {
    let mut out = Yield::default();
    let mut i = 0;
    while i < blocks.len() {
        match &blocks[i] {
            Block::Paragraph(p) => {
                let next_is_choices =
                    matches!(blocks.get(i + 1), Some(Block::List(items)) if is_task_list(items));
                if next_is_choices && p.text.trim_end().ends_with('?') {
                    if let Some(Block::List(items)) = blocks.get(i + 1) {
                        choices(p, items, &mut out);
                    }
                    i += 2;
                    continue;
                }
                inline(p, &mut out);
            }
            Block::List(items) => walk_items(items, &mut out),
            Block::Table(_) => {}
        }
        i += 1;
    }
    out
}

fn walk_items(items: &[Item], out: &mut Yield) {
    for item in items {
        if item.checked.is_none() {
            inline(&item.inline, out);
        }
        walk_items(&item.children, out);
    }
}

fn choices(question: &Inline, items: &[Item], out: &mut Yield) {
    let prompt = question
        .text
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let correct: Vec<String> = items
        .iter()
        .filter(|i| i.checked == Some(true))
        .map(|i| i.inline.text.trim().to_string())
        .collect();
    let distractors: Vec<String> = items
        .iter()
        .filter(|i| i.checked == Some(false))
        .map(|i| i.inline.text.trim().to_string())
        .collect();
    if correct.is_empty() || items.len() < 2 {
        out.skip(
            question.line,
            G,
            CardSkipReason::IncompleteSyntax,
            prompt,
            "a multiple-choice question needs at least two options with one checked (- [x])",
        );
        return;
    }
    out.drafts.push(Draft {
        generator: G,
        kind: CardKind::Mcq,
        prompt_key: format!("mcq|{}", norm(&prompt)),
        answer: correct.join(" / "),
        prompt,
        line: question.line,
        mcq: Some(Mcq {
            correct,
            distractors,
            is_authored: true,
        }),
    });
}

fn inline(p: &Inline, out: &mut Yield) {
    if !p.find_all("{{c").is_empty() && cloze_numbered(p, out) {
        return;
    }
    if p.find_all("==").len() >= 2 && cloze_marked(p, out) {
        return;
    }
    if question_mark_line(p, out) {
        return;
    }
    // One card per line holding `::` or `:::`.
    let mut offset = 0;
    for (n, line) in p.text.split('\n').enumerate() {
        let line_start = offset;
        offset += line.len() + 1;
        let Some((at, sep)) = separator(p, line, line_start) else {
            continue;
        };
        let is_both = sep == 3;
        let question = line[..at].trim();
        let answer = line[at + sep..].trim();
        let line_no = p.line + n as u32;
        if question.is_empty() || answer.is_empty() {
            out.skip(
                line_no,
                G,
                CardSkipReason::IncompleteSyntax,
                line.trim(),
                "write the question before `::` and the answer after it",
            );
            continue;
        }
        out.drafts
            .push(basic(CardKind::Basic, question, answer, line_no));
        if is_both {
            out.drafts
                .push(basic(CardKind::Reverse, answer, question, line_no));
        }
    }
}

fn basic(kind: CardKind, prompt: &str, answer: &str, line: u32) -> Draft {
    Draft {
        generator: G,
        kind,
        prompt: prompt.to_string(),
        answer: answer.to_string(),
        prompt_key: norm(prompt),
        line,
        mcq: None,
    }
}

/// A question, a line holding only `?`, then the answer — all in one paragraph.
fn question_mark_line(p: &Inline, out: &mut Yield) -> bool {
    let lines: Vec<&str> = p.text.split('\n').collect();
    let Some(q_end) = lines.iter().position(|l| l.trim() == "?") else {
        return false;
    };
    let join = |ls: &[&str]| {
        ls.iter()
            .map(|l| l.trim())
            .filter(|l| !l.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
    };
    let question = join(&lines[..q_end]);
    let answer = join(&lines[q_end + 1..]);
    if question.is_empty() || answer.is_empty() {
        out.skip(
            p.line,
            G,
            CardSkipReason::IncompleteSyntax,
            p.text.replace('\n', " "),
            "a `?` line needs question lines above it and answer lines below it",
        );
    } else {
        out.drafts
            .push(basic(CardKind::Basic, &question, &answer, p.line));
    }
    true
}

/// `==hidden==`: one card per marked part, the others shown.
fn cloze_marked(p: &Inline, out: &mut Yield) -> bool {
    let marks = p.find_all("==");
    let spans: Vec<(usize, usize)> = marks
        .chunks_exact(2)
        .map(|pair| (pair[0], pair[1]))
        .filter(|(a, b)| b > a)
        .collect();
    if spans.is_empty() {
        return false;
    }
    for (n, &(open, close)) in spans.iter().enumerate() {
        let mut prompt = String::new();
        let mut last = 0;
        for (m, &(o, c)) in spans.iter().enumerate() {
            prompt.push_str(&p.text[last..o]);
            if m == n {
                prompt.push_str(BLANK);
            } else {
                prompt.push_str(&p.text[o + 2..c]);
            }
            last = c + 2;
        }
        prompt.push_str(&p.text[last..]);
        let answer = p.text[open + 2..close].trim().to_string();
        push_cloze(prompt, answer, p.line, out);
    }
    true
}

/// `{{c1::hidden}}` or `{{c1::hidden::hint}}`: one card per cloze number.
fn cloze_numbered(p: &Inline, out: &mut Yield) -> bool {
    // (start, end, number, answer, hint) of each deletion.
    let mut dels: Vec<(usize, usize, u32, String, Option<String>)> = Vec::new();
    let text = &p.text;
    let mut from = 0;
    while let Some(rel) = text[from..].find("{{c") {
        let start = from + rel;
        from = start + 3;
        if p.is_code(start) {
            continue;
        }
        let digits: String = text[start + 3..]
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        let after_num = start + 3 + digits.len();
        let Ok(number) = digits.parse::<u32>() else {
            continue;
        };
        if !text[after_num..].starts_with("::") {
            continue;
        }
        let Some(close_rel) = text[after_num + 2..].find("}}") else {
            continue;
        };
        let inner = &text[after_num + 2..after_num + 2 + close_rel];
        let (answer, hint) = match inner.split_once("::") {
            Some((a, h)) => (a.to_string(), Some(h.to_string())),
            None => (inner.to_string(), None),
        };
        let end = after_num + 2 + close_rel + 2;
        dels.push((start, end, number, answer, hint));
        from = end;
    }
    if dels.is_empty() {
        return false;
    }
    let mut numbers: Vec<u32> = dels.iter().map(|d| d.2).collect();
    numbers.sort_unstable();
    numbers.dedup();
    for number in numbers {
        let mut prompt = String::new();
        let mut answers = Vec::new();
        let mut last = 0;
        for (start, end, n, answer, hint) in &dels {
            prompt.push_str(&text[last..*start]);
            if *n == number {
                match hint {
                    Some(h) => prompt.push_str(&format!("[{h}]")),
                    None => prompt.push_str(BLANK),
                }
                answers.push(answer.trim().to_string());
            } else {
                prompt.push_str(answer);
            }
            last = *end;
        }
        prompt.push_str(&text[last..]);
        push_cloze(prompt, answers.join(" / "), p.line, out);
    }
    true
}

fn push_cloze(prompt: String, answer: String, line: u32, out: &mut Yield) {
    let prompt = prompt.split_whitespace().collect::<Vec<_>>().join(" ");
    out.drafts.push(Draft::cloze(G, prompt, answer, line));
}
