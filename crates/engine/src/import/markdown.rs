//! Markdown to sections, from pulldown-cmark's event stream with source offsets. A section is
//! one heading plus its own text up to the next heading of any level, so a parent never holds
//! its children's text. Fenced code is body text (its `#` lines are not headings), and a
//! section made only of links to anchors in the same file — a table of contents — is dropped.

use pulldown_cmark::{Event, MetadataBlockKind, Options, Parser, Tag, TagEnd};

use super::document::{LineIndex, SectionDraft};
use super::frontmatter::{FrontMatter, parse_front_matter};
use super::tags::{SectionTags, split_heading_tags};

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

pub(crate) fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
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

    for (event, range) in Parser::new_ext(text, options()).into_offset_iter() {
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
                if open.level == 1 && out.first_h1.is_none() && !heading.is_empty() {
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

    #[test]
    fn broken_front_matter_is_a_warning() {
        let parsed = parse("---\ntitle: [x\n---\n# H\n", "f");
        assert_eq!(parsed.warnings.len(), 1);
        assert_eq!(parsed.sections.len(), 1);
    }
}
