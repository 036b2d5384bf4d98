//! Opening a section: its markdown rendered to HTML by pulldown-cmark and cleaned by ammonia,
//! because notes come from anywhere and the HTML goes into the app's web view. Scripts, event
//! handlers, iframes, objects, `javascript:`/`data:` links and remote images never survive.
//! Cloze markers written for card generation (`==hidden==`, `{{c1::hidden}}`) are shown as
//! highlighted text (`<mark>`) rather than as markup; inside code they stay literal.
//! A relative image of an imported note (markdown `![alt](img/x.png)` or an HTML `<img>`)
//! points at the app's image URL for its document (see `crate::images`); any other image
//! source, and every image of the built-in course, is dropped.

use std::collections::HashSet;

use pulldown_cmark::utils::TextMergeStream;
use pulldown_cmark::{CowStr, Event, Parser, Tag, TagEnd, html};
use serde::{Deserialize, Serialize};

use super::DocumentRef;
use crate::error::Result;
use crate::ids::{DocumentId, SectionId};
use crate::model::{DocumentFormat, Origin, SectionTags};
use crate::storage::Library;
use crate::storage::search as store;

/// One step of a section's breadcrumbs; `section_id` is missing when the enclosing heading
/// is not a section of its own (the document title of text before the first heading).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Breadcrumb {
    pub section_id: Option<SectionId>,
    pub heading: String,
}

/// A section ready to show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct SectionView {
    pub id: SectionId,
    /// Stable identity of the section's content (what cards refer to).
    pub section_key: String,
    pub heading: String,
    pub heading_path: Vec<String>,
    /// The enclosing sections, outermost first, ending with this one.
    pub breadcrumbs: Vec<Breadcrumb>,
    pub level: u32,
    pub tags: SectionTags,
    pub document: DocumentRef,
    /// Sanitized HTML of the section's own content, heading included.
    pub html: String,
    pub line_start: u32,
    pub line_end: u32,
    /// Lines of an imported note that state retired, renamed or changed AWS facts.
    pub stale: Vec<crate::model::StaleWarning>,
}

/// One cell of a table row, with its column's header.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct SourceCell {
    pub header: String,
    pub value: String,
}

/// The part of a note a card came from, ready to show after answering: the paragraph, list
/// item or heading on the card's line as plain text, or its table row as header–value pairs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct CardSource {
    /// The section to open.
    pub section_id: SectionId,
    /// Headings from the document title down to the section.
    pub heading_path: Vec<String>,
    /// 1-based line of the note.
    pub line: u32,
    /// The block's text without markup (cloze markers, emphasis, links taken out); empty for
    /// a table row, or when the line no longer holds anything.
    pub text: String,
    /// The table row, one entry per cell in column order; empty unless the line is a row.
    pub cells: Vec<SourceCell>,
}

/// An image source is kept only if it is a relative path: no scheme, no `//host`.
fn is_local_relative(url: &str) -> bool {
    let url = url.trim();
    !url.starts_with("//")
        && !url.starts_with('\\')
        && url
            .split(['/', '?', '#'])
            .next()
            .is_none_or(|first| !first.contains(':'))
}

/// Renders markdown to sanitized HTML. Relative images point at document `images`' image
/// URLs; with `None` (the built-in course, which has no folder) they are dropped.
pub(crate) fn markdown_to_safe_html(markdown: &str, images: Option<DocumentId>) -> String {
    let mut raw = String::with_capacity(markdown.len() * 3 / 2);
    let events = TextMergeStream::new(Parser::new_ext(markdown, crate::text::markdown_options()));
    html::push_html(&mut raw, mark_clozes(events).into_iter());
    sanitize(&raw, images)
}

const MARK_OPEN: &str = "<mark>";
const MARK_CLOSE: &str = "</mark>";

/// Whether an event belongs to the inline content of a paragraph, heading, cell or item.
/// Cloze markers pair up only within one such run, as the card generator pairs them.
fn is_inline(event: &Event) -> bool {
    match event {
        Event::Text(_)
        | Event::Code(_)
        | Event::InlineMath(_)
        | Event::InlineHtml(_)
        | Event::SoftBreak
        | Event::HardBreak
        | Event::FootnoteReference(_) => true,
        Event::Start(tag) => matches!(
            tag,
            Tag::Emphasis
                | Tag::Strong
                | Tag::Strikethrough
                | Tag::Superscript
                | Tag::Subscript
                | Tag::Link { .. }
                | Tag::Image { .. }
        ),
        Event::End(tag) => matches!(
            tag,
            TagEnd::Emphasis
                | TagEnd::Strong
                | TagEnd::Strikethrough
                | TagEnd::Superscript
                | TagEnd::Subscript
                | TagEnd::Link
                | TagEnd::Image
        ),
        _ => false,
    }
}

/// Replaces cloze markers in text with `<mark>` around the hidden part. Code spans and code
/// blocks are not text events, or are skipped, so their `==` stays literal; so does an
/// unpaired `==` (the last of an odd count) and the alt text of images.
fn mark_clozes<'a>(events: impl Iterator<Item = Event<'a>>) -> Vec<Event<'a>> {
    let mut out = Vec::new();
    let mut run = Vec::new();
    let mut in_code_block = false;
    for event in events {
        match &event {
            Event::Start(Tag::CodeBlock(_)) => in_code_block = true,
            Event::End(TagEnd::CodeBlock) => in_code_block = false,
            _ => {}
        }
        if !in_code_block && is_inline(&event) {
            run.push(event);
        } else {
            mark_run(std::mem::take(&mut run), &mut out);
            out.push(event);
        }
    }
    mark_run(run, &mut out);
    out
}

/// One inline run: `{{cN::answer::hint}}` within a text event first, then `==` pairs, which
/// may enclose emphasis or links (`==**251**==`).
fn mark_run<'a>(run: Vec<Event<'a>>, out: &mut Vec<Event<'a>>) {
    let mut events = Vec::with_capacity(run.len());
    let mut in_image = 0usize;
    for event in run {
        match &event {
            Event::Start(Tag::Image { .. }) => in_image += 1,
            Event::End(TagEnd::Image) => in_image = in_image.saturating_sub(1),
            Event::Text(text) if in_image == 0 && text.contains("{{c") => {
                numbered_clozes(text, &mut events);
                continue;
            }
            _ => {}
        }
        events.push((event, in_image > 0));
    }
    // (event index, byte offset) of every `==` in text outside images.
    let marks: Vec<(usize, usize)> = events
        .iter()
        .enumerate()
        .filter_map(|(i, (event, in_image))| match event {
            Event::Text(text) if !in_image => Some((i, text)),
            _ => None,
        })
        .flat_map(|(i, text)| text.match_indices("==").map(move |(at, _)| (i, at)))
        .collect();
    let mut cuts: Vec<(usize, usize, &str)> = Vec::new();
    for pair in marks.chunks_exact(2) {
        let (open, close) = (pair[0], pair[1]);
        // `====` hides nothing; leave it as written.
        if open.0 == close.0 && close.1 == open.1 + 2 {
            continue;
        }
        cuts.push((open.0, open.1, MARK_OPEN));
        cuts.push((close.0, close.1, MARK_CLOSE));
    }
    let mut cuts = cuts.into_iter().peekable();
    for (i, (event, _)) in events.into_iter().enumerate() {
        if cuts.peek().is_none_or(|c| c.0 != i) {
            out.push(event);
            continue;
        }
        let Event::Text(text) = event else {
            // Cuts are only made in text events; anything else passes as it is.
            out.push(event);
            continue;
        };
        let mut last = 0;
        while let Some((_, at, tag)) = cuts.next_if(|c| c.0 == i) {
            if at > last {
                out.push(Event::Text(CowStr::from(text[last..at].to_string())));
            }
            out.push(Event::InlineHtml(CowStr::Borrowed(tag)));
            last = at + 2;
        }
        if last < text.len() {
            out.push(Event::Text(CowStr::from(text[last..].to_string())));
        }
    }
}

/// Splits a text at `{{cN::answer}}` and `{{cN::answer::hint}}`, the answer marked; anything
/// that is not a complete deletion stays text. Pushes (event, is in an image) pairs.
fn numbered_clozes<'a>(text: &str, out: &mut Vec<(Event<'a>, bool)>) {
    let mut rest = text;
    let mut plain = String::new();
    while let Some(start) = rest.find("{{c") {
        let after = &rest[start + 3..];
        let digits = after.bytes().take_while(u8::is_ascii_digit).count();
        let deletion = (digits > 0)
            .then(|| after[digits..].strip_prefix("::"))
            .flatten()
            .and_then(|body| body.find("}}").map(|end| (&body[..end], &body[end + 2..])));
        match deletion {
            Some((body, tail)) => {
                plain.push_str(&rest[..start]);
                let answer = body.split("::").next().unwrap_or(body);
                if !plain.is_empty() {
                    out.push((Event::Text(std::mem::take(&mut plain).into()), false));
                }
                out.push((Event::InlineHtml(CowStr::Borrowed(MARK_OPEN)), false));
                out.push((Event::Text(answer.to_string().into()), false));
                out.push((Event::InlineHtml(CowStr::Borrowed(MARK_CLOSE)), false));
                rest = tail;
            }
            None => {
                plain.push_str(&rest[..start + 3]);
                rest = after;
            }
        }
    }
    plain.push_str(rest);
    if !plain.is_empty() {
        out.push((Event::Text(plain.into()), false));
    }
}

/// Section text (as indexed, code included) with cloze markers taken out, for snippets:
/// `{{cN::answer::hint}}` becomes `answer`, and `==x==` becomes `x` when the marked part
/// starts and ends with a non-space on one line. The indexed text no longer says what was
/// code, so the stricter `==` rule keeps `a == b == c` as written.
pub(crate) fn without_cloze_marks(text: &str) -> String {
    let mut events = Vec::new();
    numbered_clozes(text, &mut events);
    let mut out = String::with_capacity(text.len());
    for (event, _) in events {
        if let Event::Text(piece) = event {
            out.push_str(&piece);
        }
    }
    out.split('\n')
        .map(strip_tight_marks)
        .collect::<Vec<_>>()
        .join("\n")
}

fn strip_tight_marks(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(open) = rest.find("==") {
        let inner = &rest[open + 2..];
        let tight = inner.find("==").filter(|&close| {
            let part = &inner[..close];
            !part.is_empty()
                && !part.starts_with(char::is_whitespace)
                && !part.ends_with(char::is_whitespace)
                && !part.starts_with('=')
        });
        match tight {
            Some(close) => {
                out.push_str(&rest[..open]);
                out.push_str(&inner[..close]);
                rest = &inner[close + 2..];
            }
            None => {
                out.push_str(&rest[..open + 2]);
                rest = inner;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Plain text as paragraphs, every character escaped.
pub(crate) fn plain_to_safe_html(text: &str) -> String {
    let mut out = String::new();
    for block in text.split("\n\n").filter(|b| !b.trim().is_empty()) {
        out.push_str("<p>");
        let lines: Vec<String> = block.lines().map(|l| escape_html(l.trim_end())).collect();
        out.push_str(&lines.join("<br>\n"));
        out.push_str("</p>\n");
    }
    out
}

fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

fn sanitize(raw: &str, images: Option<DocumentId>) -> String {
    ammonia::Builder::default()
        .url_schemes(HashSet::from(["http", "https", "mailto"]))
        .attribute_filter(move |element, attribute, value| {
            if element == "img" && attribute == "src" {
                // Runs after ammonia's own URL checks, so the app URL it writes stays.
                return images
                    .filter(|_| is_local_relative(value))
                    .and_then(|document| crate::images::image_url(document, value))
                    .map(Into::into);
            }
            Some(value.into())
        })
        .clean(raw)
        .to_string()
}

/// Which block of a section holds the card's line.
fn source_block(
    events: &[(Event, std::ops::Range<usize>)],
    line: std::ops::Range<usize>,
) -> Option<usize> {
    let is_block = |event: &Event| {
        matches!(
            event,
            Event::Start(Tag::Paragraph | Tag::Heading { .. } | Tag::Item | Tag::TableRow)
        )
    };
    // A block starting on the line (the outermost: a list item before its paragraph), else
    // the innermost one the line lies in (a sentence's second line).
    events
        .iter()
        .position(|(e, r)| is_block(e) && line.contains(&r.start))
        .or_else(|| {
            events
                .iter()
                .rposition(|(e, r)| is_block(e) && r.contains(&line.start))
        })
}

/// The plain text of `events` (one block), skipping nested lists and images' alt text.
/// Cloze markers outside code are taken out, paired as the reader pairs them.
fn plain_text(events: &[(Event, std::ops::Range<usize>)]) -> String {
    let mut text = String::new();
    // Byte offsets in `text` of each `==` that came from text, not code.
    let mut marks = Vec::new();
    let mut skip = 0usize;
    for (event, _) in events {
        match event {
            Event::Start(Tag::List(_) | Tag::Image { .. }) => skip += 1,
            Event::End(TagEnd::List(_) | TagEnd::Image) => skip = skip.saturating_sub(1),
            Event::Text(t) if skip == 0 => {
                let mut pieces = Vec::new();
                numbered_clozes(t, &mut pieces);
                for (piece, _) in pieces {
                    if let Event::Text(piece) = piece {
                        marks.extend(piece.match_indices("==").map(|(at, _)| text.len() + at));
                        text.push_str(&piece);
                    }
                }
            }
            Event::Code(t) if skip == 0 => text.push_str(t),
            Event::SoftBreak | Event::HardBreak if skip == 0 => text.push(' '),
            _ => {}
        }
    }
    let mut cut: Vec<usize> = marks
        .chunks_exact(2)
        .filter(|pair| pair[1] > pair[0] + 2)
        .flatten()
        .copied()
        .collect();
    // Remove from the end so earlier offsets stay valid.
    cut.reverse();
    for at in cut {
        text.replace_range(at..at + 2, "");
    }
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The cells of the table row or head that starts at `events[0]`.
fn row_cells(events: &[(Event, std::ops::Range<usize>)]) -> Vec<String> {
    let mut cells = Vec::new();
    let mut start = None;
    for (i, (event, _)) in events.iter().enumerate() {
        match event {
            Event::Start(Tag::TableCell) => start = Some(i + 1),
            Event::End(TagEnd::TableCell) => {
                if let Some(from) = start.take() {
                    cells.push(plain_text(&events[from..i]));
                }
            }
            Event::End(TagEnd::TableRow | TagEnd::TableHead) => break,
            _ => {}
        }
    }
    cells
}

/// What a section's `markdown` (whose first line is note line `line_start`) holds on note
/// line `line`: the text of its block, or the cells of its table row with their headers.
pub(crate) fn source_excerpt(
    markdown: &str,
    line_start: u32,
    line: u32,
) -> (String, Vec<SourceCell>) {
    let Some(index) = line.checked_sub(line_start) else {
        return (String::new(), Vec::new());
    };
    let Some(line_from) = markdown
        .split_inclusive('\n')
        .scan(0, |offset, l| {
            let from = *offset;
            *offset += l.len();
            Some(from)
        })
        .nth(index as usize)
    else {
        return (String::new(), Vec::new());
    };
    let line_to = markdown[line_from..]
        .find('\n')
        .map_or(markdown.len(), |n| line_from + n);
    let events: Vec<(Event, std::ops::Range<usize>)> =
        Parser::new_ext(markdown, crate::text::markdown_options())
            .into_offset_iter()
            .collect();
    let Some(at) = source_block(&events, line_from..line_to.max(line_from + 1)) else {
        return (String::new(), Vec::new());
    };
    let end = events[at].1.end;
    let block_len = events[at..]
        .iter()
        .position(|(_, r)| r.start >= end)
        .unwrap_or(events.len() - at);
    let block = &events[at..at + block_len];
    if matches!(block[0].0, Event::Start(Tag::TableRow)) {
        let head = events[..at]
            .iter()
            .rposition(|(e, _)| matches!(e, Event::Start(Tag::TableHead)))
            .map(|h| row_cells(&events[h..]))
            .unwrap_or_default();
        let cells = row_cells(block)
            .into_iter()
            .enumerate()
            .map(|(i, value)| SourceCell {
                header: head.get(i).cloned().unwrap_or_default(),
                value,
            })
            .collect();
        return (String::new(), cells);
    }
    (plain_text(block), Vec::new())
}

impl Library {
    /// Where a card on note line `line` of section `id` came from, ready to show.
    pub fn card_source(&self, id: SectionId, line: u32) -> Result<CardSource> {
        let row = store::hit_row(self.conn(), id)?;
        let (text, cells) = match row.format {
            DocumentFormat::Markdown => source_excerpt(&row.markdown, row.line_start, line),
            DocumentFormat::PlainText => {
                let text = line
                    .checked_sub(row.line_start)
                    .and_then(|i| row.markdown.lines().nth(i as usize))
                    .unwrap_or_default();
                (text.trim().to_string(), Vec::new())
            }
        };
        Ok(CardSource {
            section_id: id,
            heading_path: row.heading_path,
            line,
            text,
            cells,
        })
    }

    /// The section `id` with breadcrumbs, tags, its document and its content as safe HTML.
    pub fn open_section(&self, id: SectionId) -> Result<SectionView> {
        let row = store::hit_row(self.conn(), id)?;
        let html = match row.format {
            DocumentFormat::Markdown => markdown_to_safe_html(
                &row.markdown,
                (row.origin != Origin::Builtin).then_some(row.document_id),
            ),
            DocumentFormat::PlainText => plain_to_safe_html(&row.markdown),
        };
        // Walk back through the outline: each earlier section of a lower level encloses us.
        let outline = store::document_outline(self.conn(), row.document_id)?;
        let mut breadcrumbs = vec![Breadcrumb {
            section_id: Some(id),
            heading: row.heading.clone(),
        }];
        let mut level = row.level;
        for (sid, l, heading, position) in outline.iter().rev() {
            if *position >= row.position || level == 0 {
                continue;
            }
            if *l < level {
                breadcrumbs.push(Breadcrumb {
                    section_id: Some(*sid),
                    heading: heading.clone(),
                });
                level = *l;
            }
        }
        breadcrumbs.reverse();
        let stale = crate::cards::stale_warnings(
            &row.markdown,
            row.line_start,
            &row.heading_path,
            row.origin,
        );
        Ok(SectionView {
            stale,
            id,
            section_key: row.section_key,
            heading: row.heading,
            heading_path: row.heading_path,
            breadcrumbs,
            level: row.level,
            tags: row.tags,
            document: DocumentRef {
                id: row.document_id,
                title: row.document_title,
                path: row.document_path,
                is_builtin: row.origin == Origin::Builtin,
            },
            html,
            line_start: row.line_start,
            line_end: row.line_end,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_handlers_frames_and_dangerous_urls_are_removed() {
        let md = "# T\n<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n\
                  [a](javascript:alert(1)) [b](data:text/html,x) [ok](https://aws.amazon.com)\n\n\
                  <iframe src=\"https://evil\"></iframe><object data=x></object>\n\n\
                  <a href=\"#\" onclick=\"x()\">c</a> <svg onload=alert(1)></svg>\n";
        let html = markdown_to_safe_html(md, None);
        for bad in [
            "<script",
            "onerror",
            "javascript:",
            "data:",
            "<iframe",
            "<object",
            "onclick",
        ] {
            assert!(!html.contains(bad), "{bad} survived: {html}");
        }
        assert!(html.contains("href=\"https://aws.amazon.com\""), "{html}");
        assert!(html.contains(">a</a>") || html.contains("<a rel"), "{html}");
        assert!(html.contains("<h1>T</h1>"), "{html}");
    }

    #[test]
    fn only_local_relative_images_keep_a_source_which_is_the_app_url() {
        let html = markdown_to_safe_html(
            "![r](img/a.png) ![remote](https://tracker.example/p.gif) ![p](//cdn.example/x.png) ![d](data:image/png;base64,AAAA) ![f](file:///etc/x.png) ![up](../x.png) ![abs](/etc/x.png)",
            Some(DocumentId(42)),
        );
        assert!(
            html.contains("<img src=\"stratus-img://localhost/42/img/a.png\" alt=\"r\">"),
            "{html}"
        );
        for gone in [
            "tracker.example",
            "cdn.example",
            "data:image",
            "file:",
            "x.png",
        ] {
            assert!(!html.contains(gone), "{gone}: {html}");
        }
        assert_eq!(html.matches("src=").count(), 1, "{html}");
        assert_eq!(html.matches("<img").count(), 7, "alt text stays: {html}");
    }

    #[test]
    fn html_images_are_rewritten_like_markdown_ones_and_builtin_images_dropped() {
        let md = "<img src=\"pics/a b.png\" alt=\"A\" onerror=\"x()\"> ![b](b%20c.gif)\n";
        let html = markdown_to_safe_html(md, Some(DocumentId(3)));
        assert!(
            html.contains("src=\"stratus-img://localhost/3/pics/a%20b.png\""),
            "{html}"
        );
        assert!(
            html.contains("src=\"stratus-img://localhost/3/b%20c.gif\""),
            "{html}"
        );
        assert!(!html.contains("onerror"), "{html}");
        let builtin = markdown_to_safe_html(md, None);
        assert!(!builtin.contains("src="), "{builtin}");
        assert!(builtin.contains("alt=\"A\""), "{builtin}");
    }

    #[test]
    fn cloze_markers_are_shown_as_highlighted_text() {
        let html = markdown_to_safe_html("실제로 ==251==개, /28 subnet은 ==11==개만\n", None);
        assert_eq!(
            html,
            "<p>실제로 <mark>251</mark>개, /28 subnet은 <mark>11</mark>개만</p>\n"
        );
        let numbered =
            markdown_to_safe_html("{{c1::S3::storage}} and {{c2::EBS}} and {{c3::\n", None);
        assert_eq!(
            numbered,
            "<p><mark>S3</mark> and <mark>EBS</mark> and {{c3::</p>\n"
        );
    }

    #[test]
    fn cloze_markers_in_code_stay_literal() {
        let html = markdown_to_safe_html(
            "Compare `a == b == c` with ==x==.\n\n```\nif a == b and c == d:\n```\n\n`{{c1::k}}`\n",
            None,
        );
        assert!(html.contains("<code>a == b == c</code>"), "{html}");
        assert!(html.contains("with <mark>x</mark>."), "{html}");
        assert!(html.contains("if a == b and c == d:"), "{html}");
        assert!(html.contains("<code>{{c1::k}}</code>"), "{html}");
        assert_eq!(html.matches("<mark>").count(), 1, "{html}");
    }

    #[test]
    fn an_unpaired_marker_stays_as_written() {
        let html = markdown_to_safe_html("==a== and == alone\n\n==b\n\nc==\n\n====\n", None);
        assert_eq!(
            html,
            "<p><mark>a</mark> and == alone</p>\n<p>==b</p>\n<p>c==</p>\n<p>====</p>\n"
        );
    }

    #[test]
    fn clozes_wrap_and_sit_inside_emphasis_headings_and_cells() {
        let html = markdown_to_safe_html(
            "# Limit ==5==\n\n==**bold** text== and *==it==*\n\n| a | b |\n|---|---|\n| ==x== | y |\n",
            None,
        );
        assert!(html.contains("<h1>Limit <mark>5</mark></h1>"), "{html}");
        assert!(
            html.contains("<mark><strong>bold</strong> text</mark>"),
            "{html}"
        );
        assert!(html.contains("<em><mark>it</mark></em>"), "{html}");
        assert!(html.contains("<td><mark>x</mark></td>"), "{html}");
    }

    #[test]
    fn marks_do_not_open_a_door_for_other_markup() {
        let html = markdown_to_safe_html(
            "==<script>x()</script>== ==<mark onclick=\"x()\">y</mark>==\n![==alt==](a.png)\n",
            None,
        );
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("onclick"), "{html}");
        assert!(html.contains("alt=\"==alt==\""), "{html}");
    }

    #[test]
    fn snippet_text_loses_tight_cloze_markers_only() {
        assert_eq!(
            without_cloze_marks(
                "실제로 ==251==개, {{c1::/28::size}} subnet\nif a == b == c\nx ==y\nz== w"
            ),
            "실제로 251개, /28 subnet\nif a == b == c\nx ==y\nz== w"
        );
        assert_eq!(without_cloze_marks("a ===b=== c ===="), "a ===b=== c ====");
    }

    const NOTE: &str = "## Storage\n\
| Class | Min days | Note |\n\
|---|---|---|\n\
| **Standard-IA** | 30 | `a == b` |\n\
| One Zone-IA | ==30== | one AZ |\n\
\n\
A /24 gives ==251== usable\n\
addresses, `x == y` stays.\n\
\n\
- **Gateway endpoint**: S3 and {{c1::DynamoDB::db}}\n\
  - nested detail\n";

    #[test]
    fn a_table_row_is_given_as_header_value_pairs() {
        let (text, cells) = source_excerpt(NOTE, 10, 13);
        assert_eq!(text, "");
        let pairs: Vec<(&str, &str)> = cells
            .iter()
            .map(|c| (c.header.as_str(), c.value.as_str()))
            .collect();
        assert_eq!(
            pairs,
            [
                ("Class", "Standard-IA"),
                ("Min days", "30"),
                ("Note", "a == b")
            ]
        );
        let (_, second) = source_excerpt(NOTE, 10, 14);
        assert_eq!(second[1].value, "30", "cloze markers leave a cell");
    }

    #[test]
    fn a_sentence_is_given_whole_without_markup_from_any_of_its_lines() {
        for line in [16, 17] {
            let (text, cells) = source_excerpt(NOTE, 10, line);
            assert_eq!(text, "A /24 gives 251 usable addresses, x == y stays.");
            assert!(cells.is_empty());
        }
    }

    #[test]
    fn a_list_item_is_given_without_its_children_and_a_lost_line_gives_nothing() {
        let (text, _) = source_excerpt(NOTE, 10, 19);
        assert_eq!(text, "Gateway endpoint: S3 and DynamoDB");
        assert_eq!(source_excerpt(NOTE, 10, 10).0, "Storage");
        assert_eq!(source_excerpt(NOTE, 10, 99), (String::new(), Vec::new()));
        assert_eq!(source_excerpt(NOTE, 10, 3), (String::new(), Vec::new()));
    }

    #[test]
    fn plain_text_is_escaped() {
        let html = plain_to_safe_html("a <b>\nc\n\nd & e");
        assert_eq!(html, "<p>a &lt;b&gt;<br>\nc</p>\n<p>d &amp; e</p>\n");
    }
}
