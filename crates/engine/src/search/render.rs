//! Opening a section: its markdown rendered to HTML by pulldown-cmark and cleaned by ammonia,
//! because notes come from anywhere and the HTML goes into the app's web view. Scripts, event
//! handlers, iframes, objects, `javascript:`/`data:` links and remote images never survive.

use std::collections::HashSet;

use pulldown_cmark::{Parser, html};
use serde::{Deserialize, Serialize};

use super::DocumentRef;
use crate::error::Result;
use crate::ids::SectionId;
use crate::import::document::DocumentFormat;
use crate::import::{Origin, SectionTags};
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
    pub stale: Vec<crate::cards::StaleWarning>,
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

/// Renders markdown to sanitized HTML.
pub(crate) fn markdown_to_safe_html(markdown: &str) -> String {
    let mut raw = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(
        &mut raw,
        Parser::new_ext(markdown, crate::import::markdown_options()),
    );
    sanitize(&raw)
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

fn sanitize(raw: &str) -> String {
    ammonia::Builder::default()
        .url_schemes(HashSet::from(["http", "https", "mailto"]))
        .attribute_filter(|element, attribute, value| {
            if element == "img" && attribute == "src" && !is_local_relative(value) {
                return None;
            }
            Some(value.into())
        })
        .clean(raw)
        .to_string()
}

impl Library {
    /// The section `id` with breadcrumbs, tags, its document and its content as safe HTML.
    pub fn open_section(&self, id: SectionId) -> Result<SectionView> {
        let row = store::hit_row(self.conn(), id)?;
        let html = match row.format {
            DocumentFormat::Markdown => markdown_to_safe_html(&row.markdown),
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
        let html = markdown_to_safe_html(md);
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
    fn only_local_relative_images_keep_their_source() {
        let html = markdown_to_safe_html(
            "![r](img/a.png) ![remote](https://tracker.example/p.gif) ![p](//cdn.example/x.png) ![d](data:image/png;base64,AAAA)",
        );
        assert!(html.contains("src=\"img/a.png\""), "{html}");
        assert!(!html.contains("tracker.example"), "{html}");
        assert!(!html.contains("cdn.example"), "{html}");
        assert!(!html.contains("data:image"), "{html}");
    }

    #[test]
    fn plain_text_is_escaped() {
        let html = plain_to_safe_html("a <b>\nc\n\nd & e");
        assert_eq!(html, "<p>a &lt;b&gt;<br>\nc</p>\n<p>d &amp; e</p>\n");
    }
}
