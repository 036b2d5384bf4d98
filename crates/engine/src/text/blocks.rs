//! The blocks of one section that card generators look at — paragraphs, list trees and
//! tables — read from pulldown-cmark's event stream with source offsets, so every card knows
//! its line. Headings, code blocks and HTML are not card material and are left out.

use std::ops::Range;

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use crate::text::LineIndex;

/// Inline text of a paragraph, list item or table cell, markup removed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Inline {
    /// Plain text; soft and hard breaks are `\n`, code spans keep their text without backticks.
    pub text: String,
    /// Byte ranges of `text` that came from code spans: card syntax inside them is literal.
    pub code: Vec<Range<usize>>,
    /// The range of a bold (or italic) run that opens the text, e.g. the term of `**Term**: …`.
    pub lead_strong: Option<Range<usize>>,
    /// 1-based line of the block in the document.
    pub line: u32,
    /// Destinations of the links in the text, in order.
    pub links: Vec<String>,
}

impl Inline {
    /// Whether byte `at` of `text` lies inside a code span.
    pub fn is_code(&self, at: usize) -> bool {
        self.code.iter().any(|r| r.contains(&at))
    }

    /// Byte offsets of `pattern` in `text` outside code spans.
    pub fn find_all(&self, pattern: &str) -> Vec<usize> {
        self.text
            .match_indices(pattern)
            .map(|(i, _)| i)
            .filter(|&i| !self.is_code(i))
            .collect()
    }
}

/// One item of a bullet or numbered list with its nested items.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Item {
    /// The item's own text, without nested lists.
    pub inline: Inline,
    /// `Some(checked)` for a task-list item.
    pub checked: Option<bool>,
    pub children: Vec<Item>,
}

/// A table: header cells and rows of cells, each row with its line.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Table {
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
    pub row_lines: Vec<u32>,
    /// Number of cells each row had in the source (pulldown-cmark pads short rows).
    pub row_widths: Vec<usize>,
    pub line: u32,
}

/// A block of a section, in source order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Block {
    Paragraph(Inline),
    List(Vec<Item>),
    Table(Table),
}

/// Lists nested deeper than this are flattened into their ancestor at this depth. The
/// generators walk items recursively, so a note of 10,000 nested bullets would otherwise
/// overflow the stack; no real note nests a fact this deep.
const MAX_LIST_DEPTH: usize = 16;

/// `items` and all their descendants as one flat list, in document order, without recursion.
fn flatten(items: Vec<Item>) -> Vec<Item> {
    let mut flat = Vec::with_capacity(items.len());
    let mut pending: Vec<Item> = items.into_iter().rev().collect();
    while let Some(mut item) = pending.pop() {
        let children = std::mem::take(&mut item.children);
        flat.push(item);
        pending.extend(children.into_iter().rev());
    }
    flat
}

/// Where inline text is being collected.
enum Sink {
    Paragraph(Inline),
    Item(Item),
    List(Vec<Item>),
    Table(Table),
    Row(Vec<String>, u32, bool),
    Cell(Inline),
}

/// Reads the blocks of `markdown`, whose first line is line `first_line` of the document.
pub(crate) fn parse_blocks(markdown: &str, first_line: u32) -> Vec<Block> {
    let lines = LineIndex::new(markdown);
    let line_of = |byte: usize| lines.line_of(byte) + first_line.saturating_sub(1);
    let mut out = Vec::new();
    let mut stack: Vec<Sink> = Vec::new();
    // Depth of constructs whose text is skipped (headings, code blocks, HTML, images).
    let mut skip = 0usize;
    // Depth of open strong/emphasis runs, and whether the current one opened its block.
    let mut strong_depth = 0usize;
    let mut strong_start: Option<usize> = None;
    // Number of lists open around the current event.
    let mut list_depth = 0usize;

    for (event, range) in Parser::new_ext(markdown, super::markdown_options()).into_offset_iter() {
        if skip > 0 {
            match event {
                Event::Start(Tag::Heading { .. } | Tag::CodeBlock(_) | Tag::Image { .. })
                | Event::Start(Tag::HtmlBlock) => skip += 1,
                Event::End(TagEnd::Heading(_) | TagEnd::CodeBlock | TagEnd::Image)
                | Event::End(TagEnd::HtmlBlock) => skip -= 1,
                _ => {}
            }
            continue;
        }
        match event {
            Event::Start(Tag::Heading { .. } | Tag::CodeBlock(_) | Tag::Image { .. })
            | Event::Start(Tag::HtmlBlock)
            | Event::Start(Tag::MetadataBlock(_)) => skip += 1,
            Event::Start(Tag::Paragraph) => {
                // A paragraph inside a list item is the item's text; elsewhere a block.
                let in_item = matches!(stack.last(), Some(Sink::Item(_)));
                if in_item {
                    if let Some(Sink::Item(item)) = stack.last_mut()
                        && !item.inline.text.is_empty()
                    {
                        item.inline.text.push('\n');
                    }
                } else {
                    stack.push(Sink::Paragraph(Inline {
                        line: line_of(range.start),
                        ..Inline::default()
                    }));
                }
            }
            Event::End(TagEnd::Paragraph) => {
                if let Some(Sink::Paragraph(_)) = stack.last()
                    && let Some(Sink::Paragraph(p)) = stack.pop()
                {
                    out.push(Block::Paragraph(p));
                }
            }
            Event::Start(Tag::List(_)) => {
                list_depth += 1;
                stack.push(Sink::List(Vec::new()));
            }
            Event::End(TagEnd::List(_)) => {
                let depth = list_depth;
                list_depth = list_depth.saturating_sub(1);
                if let Some(Sink::List(items)) = stack.pop() {
                    match stack.last_mut() {
                        Some(Sink::Item(parent)) if depth > MAX_LIST_DEPTH => {
                            parent.children.extend(flatten(items))
                        }
                        Some(Sink::Item(parent)) => parent.children.extend(items),
                        _ => out.push(Block::List(items)),
                    }
                }
            }
            Event::Start(Tag::Item) => stack.push(Sink::Item(Item {
                inline: Inline {
                    line: line_of(range.start),
                    ..Inline::default()
                },
                ..Item::default()
            })),
            Event::End(TagEnd::Item) => {
                if let Some(Sink::Item(mut item)) = stack.pop() {
                    trim_inline(&mut item.inline);
                    if let Some(Sink::List(items)) = stack.last_mut() {
                        items.push(item);
                    }
                }
            }
            Event::TaskListMarker(checked) => {
                if let Some(Sink::Item(item)) = stack.last_mut() {
                    item.checked = Some(checked);
                }
            }
            Event::Start(Tag::Table(_)) => stack.push(Sink::Table(Table {
                line: line_of(range.start),
                ..Table::default()
            })),
            Event::End(TagEnd::Table) => {
                if let Some(Sink::Table(t)) = stack.pop() {
                    out.push(Block::Table(t));
                }
            }
            Event::Start(Tag::TableHead) => stack.push(Sink::Row(Vec::new(), 0, true)),
            Event::Start(Tag::TableRow) => {
                stack.push(Sink::Row(Vec::new(), line_of(range.start), false))
            }
            Event::End(TagEnd::TableHead | TagEnd::TableRow) => {
                if let Some(Sink::Row(cells, line, is_head)) = stack.pop()
                    && let Some(Sink::Table(t)) = stack.last_mut()
                {
                    if is_head {
                        t.header = cells;
                    } else {
                        t.row_widths
                            .push(source_cell_count(&markdown[range.clone()]));
                        t.rows.push(cells);
                        t.row_lines.push(line);
                    }
                }
            }
            Event::Start(Tag::TableCell) => stack.push(Sink::Cell(Inline::default())),
            Event::End(TagEnd::TableCell) => {
                if let Some(Sink::Cell(mut cell)) = stack.pop() {
                    trim_inline(&mut cell);
                    if let Some(Sink::Row(cells, _, _)) = stack.last_mut() {
                        cells.push(collapse(&cell.text));
                    }
                }
            }
            Event::Start(Tag::Strong | Tag::Emphasis) => {
                strong_depth += 1;
                if strong_depth == 1
                    && let Some(inline) = current_inline(&mut stack)
                    && inline.text.trim().is_empty()
                {
                    strong_start = Some(inline.text.len());
                }
            }
            Event::End(TagEnd::Strong | TagEnd::Emphasis) => {
                strong_depth = strong_depth.saturating_sub(1);
                if strong_depth == 0
                    && let Some(start) = strong_start.take()
                    && let Some(inline) = current_inline(&mut stack)
                    && inline.lead_strong.is_none()
                {
                    inline.lead_strong = Some(start..inline.text.len());
                }
            }
            Event::Start(Tag::Link { dest_url, .. }) => {
                if let Some(inline) = current_inline(&mut stack) {
                    inline.links.push(dest_url.into_string());
                }
            }
            Event::Text(t) => {
                if let Some(inline) = current_inline(&mut stack) {
                    inline.text.push_str(&t);
                }
            }
            Event::Code(t) => {
                if let Some(inline) = current_inline(&mut stack) {
                    let start = inline.text.len();
                    inline.text.push_str(&t);
                    inline.code.push(start..inline.text.len());
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some(inline) = current_inline(&mut stack) {
                    inline.text.push('\n');
                }
            }
            _ => {}
        }
    }
    out
}

/// Cells written in one source row of a table: pipes outside code and escapes, minus the
/// optional outer ones.
fn source_cell_count(row: &str) -> usize {
    let row = row.trim();
    let mut pipes = 0usize;
    let mut escaped = false;
    let mut in_code = false;
    for c in row.chars() {
        match c {
            '\\' if !escaped => {
                escaped = true;
                continue;
            }
            '`' => in_code = !in_code,
            '|' if !escaped && !in_code => pipes += 1,
            _ => {}
        }
        escaped = false;
    }
    let outer =
        usize::from(row.starts_with('|')) + usize::from(row.ends_with('|') && row.len() > 1);
    (pipes + 1).saturating_sub(outer)
}

fn current_inline(stack: &mut [Sink]) -> Option<&mut Inline> {
    match stack.last_mut()? {
        Sink::Paragraph(p) => Some(p),
        Sink::Item(i) => Some(&mut i.inline),
        Sink::Cell(c) => Some(c),
        _ => None,
    }
}

/// Trims trailing whitespace so that offsets recorded in `code` stay valid.
fn trim_inline(inline: &mut Inline) {
    let len = inline.text.trim_end().len();
    inline.text.truncate(len);
}

/// Whitespace runs to single spaces.
pub(crate) fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_nest_and_keep_lines_terms_and_task_marks() {
        let md = "# H\n\n- **Spot**: cheap\n- Dedicated Host\n  - a server\n\nWhich?\n- [ ] a\n- [x] b\n";
        let blocks = parse_blocks(md, 10);
        let Block::List(items) = &blocks[0] else {
            panic!("{blocks:?}")
        };
        assert_eq!(items[0].inline.text, "Spot: cheap");
        assert_eq!(items[0].inline.lead_strong, Some(0..4));
        assert_eq!(items[0].inline.line, 12);
        assert_eq!(items[1].children[0].inline.text, "a server");
        assert_eq!(items[1].children[0].inline.line, 14);
        let Block::Paragraph(q) = &blocks[1] else {
            panic!()
        };
        assert_eq!(q.text, "Which?");
        let Block::List(opts) = &blocks[2] else {
            panic!()
        };
        assert_eq!(opts[1].checked, Some(true));
    }

    #[test]
    fn lists_deeper_than_the_limit_are_flattened() {
        fn depth(items: &[Item]) -> usize {
            items
                .iter()
                .map(|i| 1 + depth(&i.children))
                .max()
                .unwrap_or(0)
        }
        let md = format!("{}deep\n", "- ".repeat(10_000));
        let blocks = parse_blocks(&md, 1);
        let [Block::List(items)] = blocks.as_slice() else {
            panic!("{blocks:?}")
        };
        assert_eq!(depth(items), MAX_LIST_DEPTH + 1);
        let shallow = parse_blocks("- a\n  - b\n    - c\n", 1);
        let [Block::List(items)] = shallow.as_slice() else {
            panic!("{shallow:?}")
        };
        assert_eq!(items[0].children[0].children[0].inline.text, "c");
    }

    #[test]
    fn tables_keep_header_rows_and_source_widths() {
        let md = "| A | B |\n|---|---|\n| x | `a` |\n| y |\n";
        let blocks = parse_blocks(md, 1);
        let Block::Table(t) = &blocks[0] else {
            panic!()
        };
        assert_eq!(t.header, ["A", "B"]);
        assert_eq!(t.rows[0], ["x", "a"]);
        assert_eq!(t.row_widths, [2, 1]);
        assert_eq!(t.row_lines, [3, 4]);
    }

    #[test]
    fn code_spans_are_marked_and_headings_skipped() {
        let blocks = parse_blocks("# Q :: A\nuse `a::b` :: yes\n", 1);
        assert_eq!(blocks.len(), 1);
        let Block::Paragraph(p) = &blocks[0] else {
            panic!()
        };
        assert_eq!(p.find_all("::"), [9]);
    }
}
