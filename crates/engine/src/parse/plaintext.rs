//! Plain text to sections. Notes pasted from blogs and slides have no markup, so titles are
//! recognised by shape: a short, unindented line that does not read like a sentence, list item
//! or code, followed by ordinary text. A section that is still large (a whole pasted blog) is
//! cut again at its blank-line blocks, using a short single-line block (often a bullet) that
//! introduces a longer one as the sub-heading, so a hit points into the text, not at 50 KB.

use crate::model::{SectionDraft, SectionTags};

/// Sections larger than this (in bytes of text) are split at their blocks.
const SPLIT_ABOVE_BYTES: usize = 3000;
/// Target size of the chunks of a large section with no sub-heading shape.
const CHUNK_BYTES: usize = 1500;

struct Line<'a> {
    number: u32,
    text: &'a str,
}

/// Splits `text` into sections; text before the first title goes under `fallback_title`.
pub(crate) fn parse(text: &str, fallback_title: &str) -> Vec<SectionDraft> {
    let lines: Vec<Line<'_>> = text
        .lines()
        .enumerate()
        .map(|(i, t)| Line {
            number: i as u32 + 1,
            text: t,
        })
        .collect();
    let mut sections = Vec::new();
    let mut heading = fallback_title.to_string();
    let mut current: Vec<&Line<'_>> = Vec::new();
    let mut is_preamble = true;
    for (i, line) in lines.iter().enumerate() {
        if is_title_line(line.text) && next_is_body(&lines[i + 1..]) {
            push_section(&mut sections, &heading, &current, is_preamble);
            heading = line.text.trim().to_string();
            current = vec![line];
            is_preamble = false;
        } else {
            current.push(line);
        }
    }
    push_section(&mut sections, &heading, &current, is_preamble);
    sections
}

fn push_section(
    out: &mut Vec<SectionDraft>,
    heading: &str,
    lines: &[&Line<'_>],
    is_preamble: bool,
) {
    let (heading_line, body_lines): (Option<&Line<'_>>, &[&Line<'_>]) = if is_preamble {
        (None, lines)
    } else {
        match lines.split_first() {
            Some((first, rest)) => (Some(*first), rest),
            None => return,
        }
    };
    if is_preamble && body_lines.iter().all(|l| l.text.trim().is_empty()) {
        return;
    }
    let text_bytes: usize = body_lines.iter().map(|l| l.text.len() + 1).sum();
    let path = vec![heading.to_string()];
    if text_bytes <= SPLIT_ABOVE_BYTES {
        out.push(draft(1, path, heading, heading_line, body_lines));
        return;
    }
    // Large: keep the heading with whatever leads up to the first sub-part, and cut the rest.
    let blocks = blocks(body_lines);
    let mut parts: Vec<(Option<&Line<'_>>, Vec<&Line<'_>>)> = vec![(None, Vec::new())];
    for (i, block) in blocks.iter().enumerate() {
        let block_bytes: usize = block.iter().map(|l| l.text.len() + 1).sum();
        let introduces_next = block.len() == 1
            && is_subheading_line(block[0].text)
            && blocks
                .get(i + 1)
                .is_some_and(|next| next.iter().map(|l| l.text.len()).sum::<usize>() > block_bytes);
        let last = parts.last_mut().expect("parts starts non-empty");
        let last_bytes: usize = last.1.iter().map(|l| l.text.len() + 1).sum();
        if introduces_next {
            parts.push((Some(block[0]), Vec::new()));
        } else if last_bytes > 0 && last_bytes + block_bytes > CHUNK_BYTES && last.0.is_none() {
            parts.push((None, block.clone()));
        } else {
            last.1.extend(block.iter().copied());
        }
    }
    let mut parts = parts.into_iter();
    let (_, lead) = parts.next().expect("parts starts non-empty");
    if heading_line.is_some() || !lead.is_empty() {
        out.push(draft(1, path, heading, heading_line, &lead));
    }
    let mut chunk_number = 1;
    for (title_line, part_lines) in parts {
        let sub = match title_line {
            Some(line) => strip_bullet(line.text).to_string(),
            None => {
                chunk_number += 1;
                format!("{heading} ({chunk_number})")
            }
        };
        let sub_path = vec![heading.to_string(), sub.clone()];
        out.push(draft(2, sub_path, &sub, title_line, &part_lines));
    }
}

/// A section made of an optional heading line and its body lines.
fn draft(
    level: u8,
    heading_path: Vec<String>,
    heading: &str,
    heading_line: Option<&Line<'_>>,
    body_lines: &[&Line<'_>],
) -> SectionDraft {
    let body = super::markdown::tidy_body(
        &body_lines
            .iter()
            .map(|l| l.text)
            .collect::<Vec<_>>()
            .join("\n"),
    );
    let all: Vec<&Line<'_>> = heading_line
        .into_iter()
        .chain(body_lines.iter().copied())
        .collect();
    let source = all.iter().map(|l| l.text).collect::<Vec<_>>().join("\n");
    SectionDraft {
        level,
        heading: heading.to_string(),
        heading_path,
        body,
        markdown: source.trim_end().to_string(),
        tags: SectionTags::default(),
        line_start: all.first().map_or(1, |l| l.number),
        line_end: all.last().map_or(1, |l| l.number),
    }
}

fn blocks<'a, 'b>(lines: &'b [&'b Line<'a>]) -> Vec<Vec<&'b Line<'a>>> {
    let mut out: Vec<Vec<&Line<'_>>> = Vec::new();
    let mut current = Vec::new();
    for line in lines {
        if line.text.trim().is_empty() {
            if !current.is_empty() {
                out.push(std::mem::take(&mut current));
            }
        } else {
            current.push(*line);
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

const BULLETS: &[char] = &[
    '•', '·', '▪', '◦', '-', '*', '●', '○', '■', '□', '▶', '►', '✔', '✓',
];

fn strip_bullet(line: &str) -> &str {
    line.trim().trim_start_matches(BULLETS).trim()
}

/// Shape of a title line: unindented, short, has a letter, not a list item, sentence or code.
pub(crate) fn is_title_line(line: &str) -> bool {
    if line.starts_with(char::is_whitespace) || super::boilerplate::is_boilerplate(line) {
        return false;
    }
    looks_like_title(line.trim(), 80)
}

fn is_subheading_line(line: &str) -> bool {
    !super::boilerplate::is_boilerplate(line) && looks_like_title(strip_bullet(line), 120)
}

/// The title of a plain-text document: its first line shaped like a title, skipping page
/// furniture ("top of page", "728x90", bylines); a leading tag in brackets
/// (`[SAA 스터디 6주차] VPC 정리`) is allowed and kept.
pub(crate) fn document_title(text: &str) -> Option<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !super::boilerplate::is_boilerplate(l))
        .find(|l| {
            let untagged = match l.strip_prefix('[').and_then(|r| r.split_once(']')) {
                Some((tag, rest)) if !tag.is_empty() && !rest.trim().is_empty() => rest.trim(),
                _ => l,
            };
            is_title_line(untagged)
        })
        .map(str::to_string)
}

fn looks_like_title(t: &str, max_chars: usize) -> bool {
    let chars = t.chars().count();
    if !(2..=max_chars).contains(&chars) || !t.chars().any(char::is_alphabetic) {
        return false;
    }
    // Titles start with a letter or digit, not a bullet, quote, bracket or leftover punctuation.
    if !t.chars().next().is_some_and(char::is_alphanumeric) {
        return false;
    }
    // "1. item", "2) item"
    let digits = t.chars().take_while(char::is_ascii_digit).count();
    if digits > 0
        && matches!(t[digits..].chars().next(), Some('.' | ')'))
        && t[digits + 1..].starts_with(' ')
    {
        return false;
    }
    let last = t.chars().last().unwrap_or(' ');
    if matches!(
        last,
        '.' | ',' | ';' | ':' | '!' | '?' | '。' | '{' | '}' | '[' | '(' | '"' | '”' | '=' | '\\'
    ) {
        return false;
    }
    // Korean sentences end in -다 / -요 even without a full stop.
    if chars > 12 && matches!(last, '다' | '요') {
        return false;
    }
    // A line cut in the middle of a parenthesis is a wrapped sentence.
    if t.matches('(').count() != t.matches(')').count() {
        return false;
    }
    let code_chars = t
        .chars()
        .filter(|c| matches!(c, '{' | '}' | ';' | '=' | '<' | '>'))
        .count();
    code_chars < 2
}

/// A title must introduce text: the next non-blank line exists and is not itself a title.
fn next_is_body(rest: &[Line<'_>]) -> bool {
    rest.iter()
        .find(|l| !l.text.trim().is_empty())
        .is_some_and(|l| !is_title_line(l.text))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn outline(text: &str) -> Vec<String> {
        parse(text, "Doc")
            .into_iter()
            .map(|s| s.heading_path.join(" > "))
            .collect()
    }

    #[test]
    fn short_unindented_lines_before_text_are_titles() {
        let text = "AWS Organizations\n\n  • 특징\n  1. 하나의 관리계정\n\n\nIAM Conditions\n\n  • IAM Conditions : 조건\n";
        assert_eq!(outline(text), ["AWS Organizations", "IAM Conditions"]);
        let s = &parse(text, "Doc")[1];
        assert_eq!((s.line_start, s.line_end), (7, 9));
        assert_eq!(s.body, "• IAM Conditions : 조건");
    }

    #[test]
    fn sentences_list_items_and_code_are_not_titles() {
        for line in [
            "이 서비스는 사용자를 생성하고 그룹을 할당하는 서비스입니다",
            "1. first item",
            "- item",
            "\"Effect\": \"Allow\",",
            "{",
            "12",
            "This is a sentence.",
            "특정 IAM 역할(Get-pics",
        ] {
            assert!(!is_title_line(line), "{line}");
        }
        for line in [
            "IAM Policies Structure",
            "Dynamic IAM Policy",
            "1부. 한 번에 알아보는 AWS",
            "AWS Control Tower",
        ] {
            assert!(is_title_line(line), "{line}");
        }
    }

    #[test]
    fn page_furniture_is_never_a_title() {
        let text = "top of page\n\n728x90\n반응형\n\nAWS 공부 기록 - 멀티 계정\n2025. 11. 3. 21:40\n\n\
                    AWS Organizations\n\n  • 조직\n\n공유하기\n구독하기\n";
        assert_eq!(
            document_title(text).as_deref(),
            Some("AWS 공부 기록 - 멀티 계정")
        );
        let got = outline(text);
        assert!(
            got.iter()
                .all(|h| !h.contains("top of page") && !h.contains("728x90")),
            "{got:?}"
        );
        assert_eq!(
            document_title(
                "Skip to content\nMenu\n\n[SAA 6주차] VPC 정리\nPosted on 2025-09-20 by me\n\ntext."
            )
            .as_deref(),
            Some("[SAA 6주차] VPC 정리")
        );
        assert_eq!(
            document_title(
                "Download PDF\nEmbed\n1,204 views\n\n서버리스 입문 (발표)\n\nbody text."
            )
            .as_deref(),
            Some("서버리스 입문 (발표)")
        );
        assert_eq!(document_title("top of page\n728x90\n"), None);
    }

    #[test]
    fn text_before_the_first_title_uses_the_fallback() {
        assert_eq!(outline("just text.\nmore text.\n"), ["Doc"]);
        assert!(parse("", "Doc").is_empty());
        assert!(parse("\n\n  \n", "Doc").is_empty());
    }

    #[test]
    fn large_sections_are_cut_at_introducing_blocks() {
        let mut text = String::from("Results\n\n");
        for i in 0..5 {
            text.push_str(&format!(
                "  • Post number {i}\n\n    {}\n\n",
                "word ".repeat(300)
            ));
        }
        let got = outline(&text);
        assert_eq!(got.len(), 6, "{got:?}");
        assert_eq!(got[0], "Results");
        assert_eq!(got[1], "Results > Post number 0");
        assert_eq!(got[5], "Results > Post number 4");
    }

    #[test]
    fn large_sections_without_shape_are_chunked() {
        let mut text = String::from("Notes\n");
        for _ in 0..10 {
            text.push_str(&format!("{}\n\n", "a sentence goes here. ".repeat(30)));
        }
        let sections = parse(&text, "Doc");
        assert!(sections.len() >= 4, "{}", sections.len());
        assert!(sections.iter().all(|s| s.body.len() < 2 * CHUNK_BYTES));
        assert_eq!(sections[1].heading_path, ["Notes", "Notes (2)"]);
    }
}
