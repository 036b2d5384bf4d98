//! Markdown to sections, from pulldown-cmark's event stream with source offsets. A section is
//! one heading plus its own text up to the next heading of any level, so a parent never holds
//! its children's text. Fenced code is body text (its `#` lines are not headings), and a
//! section made only of links to anchors in the same file — a table of contents — is dropped.

use pulldown_cmark::{Event, MetadataBlockKind, Parser, Tag, TagEnd};

use super::frontmatter::{FrontMatter, parse_front_matter};
use super::tags::split_heading_tags;
use crate::model::{SectionDraft, SectionTags};
use crate::text::{LineIndex, markdown_options};

/// The sections of a markdown text, its front matter, and warnings about it.
pub(crate) struct MarkdownParse {
    pub sections: Vec<SectionDraft>,
    pub front_matter: Option<FrontMatter>,
    pub first_h1: Option<String>,
    pub warnings: Vec<String>,
}

/// Text collected for the section being read.
#[derive(Default)]
struct Open {
    level: u8,
    heading: String,
    exams: Vec<String>,
    start: usize,
    body: String,
    anchor_links: usize,
    other_text_chars: usize,
}

/// The deepest nesting of list items and block quotes kept, together. Notes nest a handful
/// of levels; the HTML sanitizer (html5ever) and card generation take time that grows with
/// the square of the depth — a one-line list of 20,000 `- ` markers took 17 s to render and
/// 43 s to generate cards from (release build) — so deeper containers are cut off here,
/// before anything else reads the text.
pub(crate) const MAX_CONTAINER_DEPTH: usize = 32;
/// Cutting off the containers one level too deep may let lines below them open new ones
/// (indented lists under a cut item); after this many passes the note is read as plain text.
const MAX_NESTING_PASSES: usize = 3;

/// What [`bound_nesting`] did to a markdown text.
pub(crate) enum Nesting {
    /// Nothing nested too deep: the text is read as it is.
    WithinBounds,
    /// The markers of containers nested too deep were escaped (a `\` before each), so they
    /// read as text; lines and line numbers are unchanged.
    Escaped(String),
    /// Still too deep after escaping: to be read as plain text.
    TooDeep,
}

/// Bounds the nesting of lists and block quotes of `text` to [`MAX_CONTAINER_DEPTH`] by
/// escaping the marker of every container that would open one level deeper (`- - - x` at
/// the limit keeps `\- - x` as text). Each pass is one linear parse.
pub(crate) fn bound_nesting(text: &str) -> Nesting {
    // The parser itself slows down with the square of the markers on one line (100,000
    // `- ` take seconds), so those are cut by a scan of each line first.
    let line_cuts = too_many_markers_on_a_line(text);
    let lines_cut = !line_cuts.is_empty();
    let mut current = if lines_cut {
        escape_at(text, &line_cuts)
    } else {
        text.to_string()
    };
    let mut cuts = too_deep_markers(&current);
    if cuts.is_empty() {
        return if lines_cut {
            Nesting::Escaped(current)
        } else {
            Nesting::WithinBounds
        };
    }
    for _ in 0..MAX_NESTING_PASSES {
        current = escape_at(&current, &cuts);
        cuts = too_deep_markers(&current);
        if cuts.is_empty() {
            return Nesting::Escaped(current);
        }
    }
    Nesting::TooDeep
}

/// `text` with a backslash inserted before each of the (ascending) byte offsets `cuts`.
fn escape_at(text: &str, cuts: &[usize]) -> String {
    let mut out = String::with_capacity(text.len() + cuts.len());
    let mut last = 0;
    for &at in cuts {
        out.push_str(&text[last..at]);
        out.push('\\');
        last = at;
    }
    out.push_str(&text[last..]);
    out
}

/// Byte offsets of the marker past [`MAX_CONTAINER_DEPTH`] on lines that start with more
/// container markers (`- `, `* `, `+ `, `1. `, `1) `, `>`) than that, found without parsing.
/// A thematic break (`- - - -`) is not a list and is left alone.
fn too_many_markers_on_a_line(text: &str) -> Vec<usize> {
    let mut cuts = Vec::new();
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        let bytes = line.as_bytes();
        let is_break = {
            let mut marks = line.bytes().filter(|b| !b.is_ascii_whitespace());
            marks.next().is_some_and(|first| {
                matches!(first, b'-' | b'*' | b'_') && marks.all(|b| b == first)
            })
        };
        if is_break {
            line_start += line.len();
            continue;
        }
        let mut i = 0;
        let mut count = 0;
        loop {
            while i < bytes.len() && matches!(bytes[i], b' ' | b'\t') {
                i += 1;
            }
            let ends_marker = |j: usize| matches!(bytes.get(j), None | Some(b' ' | b'\t' | b'\n'));
            let (cut, next) = match bytes.get(i) {
                Some(b'>') => (i, i + 1),
                Some(b'-' | b'*' | b'+') if ends_marker(i + 1) => (i, i + 1),
                Some(b'0'..=b'9') => {
                    let mut j = i;
                    while j < bytes.len() && j - i < 9 && bytes[j].is_ascii_digit() {
                        j += 1;
                    }
                    if matches!(bytes.get(j), Some(b'.' | b')')) && ends_marker(j + 1) {
                        (j, j + 1)
                    } else {
                        break;
                    }
                }
                _ => break,
            };
            count += 1;
            if count > MAX_CONTAINER_DEPTH {
                cuts.push(line_start + cut);
                break;
            }
            i = next;
        }
        line_start += line.len();
    }
    cuts
}

/// Byte offsets where a backslash turns the marker of a container at depth
/// `MAX_CONTAINER_DEPTH + 1` into text (everything inside it goes with it).
fn too_deep_markers(text: &str) -> Vec<usize> {
    let mut depth = 0usize;
    let mut cuts = Vec::new();
    for (event, range) in Parser::new_ext(text, markdown_options()).into_offset_iter() {
        match event {
            Event::Start(Tag::Item | Tag::BlockQuote(_)) => {
                depth += 1;
                if depth == MAX_CONTAINER_DEPTH + 1
                    && let Some(at) = marker_at(text, range.start)
                    && cuts.last() != Some(&at)
                {
                    cuts.push(at);
                }
            }
            Event::End(TagEnd::Item | TagEnd::BlockQuote(_)) => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    cuts.sort_unstable();
    cuts.dedup();
    cuts
}

/// Where to put a backslash to make the container marker at or after `start` plain text:
/// before `-`, `*`, `+` or `>`, or before the `.`/`)` of an ordered marker (`1\.`).
fn marker_at(text: &str, start: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut i = start;
    while i < bytes.len() && matches!(bytes[i], b' ' | b'\t') {
        i += 1;
    }
    match *bytes.get(i)? {
        b'-' | b'*' | b'+' | b'>' => Some(i),
        b'0'..=b'9' => {
            while bytes.get(i).is_some_and(u8::is_ascii_digit) {
                i += 1;
            }
            matches!(bytes.get(i), Some(b'.' | b')')).then_some(i)
        }
        _ => None,
    }
}

/// Splits `text` into sections. `fallback_title` names the text before the first heading.
pub(crate) fn parse(text: &str, fallback_title: &str) -> MarkdownParse {
    let lines = LineIndex::new(text);
    let mut out = MarkdownParse {
        sections: Vec::new(),
        front_matter: None,
        first_h1: None,
        warnings: Vec::new(),
    };
    // (level, heading, exam tags) of the enclosing headings.
    let mut stack: Vec<(u8, String, Vec<String>)> = Vec::new();
    let mut open = Open::default();
    let mut in_heading = false;
    let mut in_metadata = false;
    let mut metadata = String::new();
    let mut link_depth_anchor = 0usize;
    let mut link_depth = 0usize;

    for (event, range) in Parser::new_ext(text, markdown_options()).into_offset_iter() {
        match event {
            Event::Start(Tag::MetadataBlock(MetadataBlockKind::YamlStyle)) => in_metadata = true,
            Event::Start(Tag::MetadataBlock(_)) => in_metadata = true,
            Event::End(TagEnd::MetadataBlock(_)) => {
                in_metadata = false;
                match parse_front_matter(&metadata) {
                    Ok(fm) => out.front_matter = Some(fm),
                    Err(e) => out.warnings.push(e.to_string()),
                }
                // Sections start on the line after the closing fence.
                open.start = if text[..range.end].ends_with('\n') {
                    range.end
                } else {
                    text[range.end..]
                        .find('\n')
                        .map_or(text.len(), |i| range.end + i + 1)
                };
            }
            Event::Start(Tag::Heading { level, .. }) => {
                finish(
                    &mut out,
                    &mut open,
                    &stack,
                    text,
                    range.start,
                    &lines,
                    fallback_title,
                );
                in_heading = true;
                open = Open {
                    level: level as u8,
                    start: range.start,
                    ..Open::default()
                };
            }
            Event::End(TagEnd::Heading(_)) => {
                in_heading = false;
                let raw = std::mem::take(&mut open.heading);
                let (exams, heading) = split_heading_tags(raw.trim());
                let heading = collapse_spaces(&heading);
                if open.level == 1
                    && out.first_h1.is_none()
                    && !heading.is_empty()
                    && !super::boilerplate::is_boilerplate(&heading)
                {
                    out.first_h1 = Some(heading.clone());
                }
                while stack.last().is_some_and(|(l, _, _)| *l >= open.level) {
                    stack.pop();
                }
                open.heading = heading.clone();
                open.exams = exams.clone();
                stack.push((open.level, heading, exams));
            }
            Event::Start(Tag::Link { dest_url, .. }) => {
                link_depth += 1;
                if dest_url.starts_with('#') {
                    link_depth_anchor += 1;
                    if !in_heading {
                        open.anchor_links += 1;
                    }
                }
            }
            Event::End(TagEnd::Link) => {
                link_depth = link_depth.saturating_sub(1);
                link_depth_anchor = link_depth_anchor.min(link_depth);
            }
            Event::Text(t) | Event::Code(t) | Event::InlineMath(t) | Event::DisplayMath(t) => {
                if in_metadata {
                    metadata.push_str(&t);
                } else if in_heading {
                    open.heading.push_str(&t);
                } else {
                    if link_depth_anchor == 0 {
                        open.other_text_chars += t.chars().filter(|c| !c.is_whitespace()).count();
                    }
                    open.body.push_str(&t);
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if in_heading {
                    open.heading.push(' ');
                } else {
                    open.body.push('\n');
                }
            }
            Event::End(
                TagEnd::Paragraph
                | TagEnd::Item
                | TagEnd::CodeBlock
                | TagEnd::TableRow
                | TagEnd::TableHead
                | TagEnd::BlockQuote(_),
            ) if !open.body.ends_with('\n') && !open.body.is_empty() => open.body.push('\n'),
            Event::End(TagEnd::TableCell) => open.body.push_str(" | "),
            _ => {}
        }
    }
    finish(
        &mut out,
        &mut open,
        &stack,
        text,
        text.len(),
        &lines,
        fallback_title,
    );
    out
}

/// Closes the open section at byte `end` and keeps it unless it is empty text before the
/// first heading or a table of contents.
fn finish(
    out: &mut MarkdownParse,
    open: &mut Open,
    stack: &[(u8, String, Vec<String>)],
    text: &str,
    end: usize,
    lines: &LineIndex,
    fallback_title: &str,
) {
    let open = std::mem::take(open);
    let body = tidy_body(&open.body);
    let is_preamble = open.level == 0;
    if is_preamble && body.is_empty() {
        return;
    }
    let is_table_of_contents = open.anchor_links >= 2 && open.other_text_chars == 0;
    if is_table_of_contents {
        return;
    }
    let (heading_path, exams): (Vec<String>, Vec<String>) = if is_preamble {
        (vec![fallback_title.to_string()], Vec::new())
    } else {
        (
            stack.iter().map(|(_, h, _)| h.clone()).collect(),
            stack
                .iter()
                .flat_map(|(_, _, e)| e.iter().cloned())
                .collect(),
        )
    };
    let mut tags = SectionTags::default();
    tags.merge(&SectionTags {
        exams,
        ..SectionTags::default()
    });
    let start = open.start.min(end);
    let markdown = text[start..end].trim_end().to_string();
    out.sections.push(SectionDraft {
        level: open.level,
        heading: if is_preamble {
            fallback_title.to_string()
        } else {
            open.heading
        },
        heading_path,
        body,
        markdown,
        tags,
        line_start: lines.line_of(start),
        line_end: lines.line_of(end.saturating_sub(1).max(start)),
    });
}

fn collapse_spaces(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Trims each line and drops runs of blank lines.
pub(crate) fn tidy_body(body: &str) -> String {
    let mut out = String::with_capacity(body.len());
    for line in body.lines() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(line);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headings(md: &str) -> Vec<(u8, String, String)> {
        parse(md, "Doc")
            .sections
            .into_iter()
            .map(|s| (s.level, s.heading_path.join(" > "), s.body))
            .collect()
    }

    #[test]
    fn sections_hold_their_own_text_and_heading_paths() {
        let md = "# EC2\nintro\n## [CCP/SAA] Purchasing **Options**\n### **Reserved Instances**\n\
                  Up to 72% off.\n## Other\ntext\n";
        let parsed = parse(md, "Doc");
        let got: Vec<_> = parsed
            .sections
            .iter()
            .map(|s| (s.level, s.heading_path.join(" > "), s.body.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                (1, "EC2".to_string(), "intro"),
                (2, "EC2 > Purchasing Options".to_string(), ""),
                (
                    3,
                    "EC2 > Purchasing Options > Reserved Instances".to_string(),
                    "Up to 72% off."
                ),
                (2, "EC2 > Other".to_string(), "text"),
            ]
        );
        assert_eq!(parsed.sections[1].tags.exams, ["CLF", "SAA"]);
        assert_eq!(
            parsed.sections[2].tags.exams,
            ["CLF", "SAA"],
            "children inherit"
        );
        assert!(parsed.sections[3].tags.exams.is_empty(), "siblings do not");
        assert_eq!(
            (parsed.sections[2].line_start, parsed.sections[2].line_end),
            (4, 5)
        );
        assert!(parsed.sections[2].markdown.starts_with("### **Reserved"));
    }

    #[test]
    fn fenced_code_lines_starting_with_hash_are_body() {
        let got = headings("# A\n```bash\n# not a heading\necho hi\n```\n");
        assert_eq!(got.len(), 1);
        assert!(got[0].2.contains("# not a heading"), "{got:?}");
    }

    #[test]
    fn anchor_link_table_of_contents_is_dropped() {
        let md = "# 목차\n- [A](#a)\n  - [**B**](#b)\n# A\ntext\n## B\nmore [see](#a)\n";
        let got = headings(md);
        assert_eq!(
            got.iter().map(|g| g.1.as_str()).collect::<Vec<_>>(),
            ["A", "A > B"]
        );
    }

    #[test]
    fn front_matter_is_read_and_not_body() {
        let md = "---\ntitle: T\nexam: [SAA-C03]\n---\nLead text.\n# H\nbody\n";
        let parsed = parse(md, "file");
        let fm = parsed.front_matter.unwrap();
        assert_eq!(fm.title.as_deref(), Some("T"));
        assert_eq!(parsed.sections[0].heading_path, ["file"]);
        assert_eq!(parsed.sections[0].body, "Lead text.");
        assert_eq!(parsed.sections[0].line_start, 5);
    }

    fn depth(text: &str) -> usize {
        let (mut depth, mut deepest) = (0usize, 0usize);
        for event in Parser::new_ext(text, markdown_options()) {
            match event {
                Event::Start(Tag::Item | Tag::BlockQuote(_)) => {
                    depth += 1;
                    deepest = deepest.max(depth);
                }
                Event::End(TagEnd::Item | TagEnd::BlockQuote(_)) => depth -= 1,
                _ => {}
            }
        }
        deepest
    }

    #[test]
    fn nesting_is_cut_at_the_limit_on_one_line_and_across_lines() {
        assert!(matches!(
            bound_nesting("- a\n  - b\n    > c\n"),
            Nesting::WithinBounds
        ));
        let over = MAX_CONTAINER_DEPTH + 10;
        for marker in ["- ", "* ", "+ ", "1. ", "2) ", "> ", "- > "] {
            let text = format!("# H\n\n{}x\n\nafter\n", marker.repeat(over));
            let Nesting::Escaped(bounded) = bound_nesting(&text) else {
                panic!("{marker:?}: not escaped")
            };
            assert!(depth(&bounded) <= MAX_CONTAINER_DEPTH, "{marker:?}");
            assert_eq!(bounded.lines().count(), text.lines().count(), "{marker:?}");
            assert!(bounded.ends_with("x\n\nafter\n"), "{marker:?}: {bounded}");
        }
        let stairs: String = (0..over)
            .map(|i| format!("{}- item {i}\n", "  ".repeat(i)))
            .collect();
        let Nesting::Escaped(bounded) = bound_nesting(&stairs) else {
            panic!("stairs: not escaped")
        };
        assert!(depth(&bounded) <= MAX_CONTAINER_DEPTH);
        let rule = format!("a\n\n{}\n", "- ".repeat(over));
        assert!(matches!(bound_nesting(&rule), Nesting::WithinBounds));
    }

    #[test]
    fn broken_front_matter_is_a_warning() {
        let parsed = parse("---\ntitle: [x\n---\n# H\n", "f");
        assert_eq!(parsed.warnings.len(), 1);
        assert_eq!(parsed.sections.len(), 1);
    }
}
