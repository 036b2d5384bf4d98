//! Definitions as instructors write them: `- Term : description`, `**Term**: description`
//! (in a bullet or a paragraph), a bold line followed by its explanation, and a bullet `Term`
//! whose child bullets explain it. Each gives a term → definition card and a
//! definition → term card with the term masked out.

use super::blocks::{Block, Inline, Item};
use super::explicit::{is_explicit, is_task_list};
use super::model::{CardKind, CardSkipReason, Draft, Generator, Yield};
use super::templates::{self, Lang};
use super::text::{chars, mask, needs_context, norm, reads_as_sentence};

const G: Generator = Generator::Definition;

/// Longest term accepted, in characters.
const MAX_TERM_CHARS: usize = 60;
/// Fewest words of a definition shown as a question.
const MIN_REVERSE_WORDS: usize = 4;
/// Child bullets joined into one answer stop being one fact beyond this; the first child
/// alone is used then.
const MAX_JOINED_CHARS: usize = 120;

/// A term with its definition and line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Definition {
    pub term: String,
    pub definition: String,
    pub line: u32,
}

/// The definitions of a section, grouped by the list (or run of paragraphs) they appear in:
/// terms of one group are siblings, which the comparison generator uses as distractors.
pub(crate) fn extract(blocks: &[Block]) -> Vec<Vec<Definition>> {
    let mut groups = Vec::new();
    let mut paragraphs = Vec::new();
    for block in blocks {
        match block {
            Block::Paragraph(p) => {
                if let Some(d) = from_inline(p) {
                    paragraphs.push(d);
                }
            }
            Block::List(items) if !is_task_list(items) => from_items(items, &mut groups),
            _ => {}
        }
    }
    if !paragraphs.is_empty() {
        groups.push(paragraphs);
    }
    groups.retain(|g| !g.is_empty());
    groups
}

fn from_items(items: &[Item], groups: &mut Vec<Vec<Definition>>) {
    let mut group = Vec::new();
    for item in items {
        if let Some(d) = from_inline(&item.inline) {
            group.push(d);
        } else if let Some(d) = from_children(item) {
            group.push(d);
        }
    }
    groups.push(group);
    for item in items {
        if !item.children.is_empty() && !is_task_list(&item.children) {
            from_items(&item.children, groups);
        }
    }
}

/// `Term : description`, `**Term**: description`, `**Term:** description`, or a bold first
/// line followed by the explanation.
fn from_inline(inline: &Inline) -> Option<Definition> {
    if is_explicit(inline) {
        return None;
    }
    let text = inline.text.as_str();
    if let Some(strong) = inline.lead_strong.clone() {
        let term = text[strong.clone()]
            .trim()
            .trim_end_matches([':', '：'])
            .trim();
        let rest = &text[strong.end..];
        let rest_trim = rest.trim_start_matches([' ', '\t']);
        let term_had_colon = text[strong.clone()].trim_end().ends_with([':', '：']);
        let body = if term_had_colon {
            Some(rest_trim)
        } else if let Some(after) = rest_trim.strip_prefix([':', '：']) {
            Some(after)
        } else {
            rest_trim.strip_prefix('\n')
        };
        if let Some(body) = body {
            return make(term, body, inline.line);
        }
        return None;
    }
    // `Term : description` — the spaced colon instructors use; the first line only.
    let first = text.lines().next().unwrap_or("");
    let at = first
        .match_indices(" : ")
        .map(|(i, _)| i)
        .find(|&i| !inline.is_code(i))?;
    make(&first[..at], &first[at + 3..], inline.line)
}

/// A bullet that is only a term, explained by its child bullets.
fn from_children(item: &Item) -> Option<Definition> {
    let term = item.inline.text.trim();
    if item.children.is_empty()
        || is_task_list(&item.children)
        || term.contains('\n')
        || reads_as_sentence(term)
        || is_explicit(&item.inline)
    {
        return None;
    }
    // Children that are definitions themselves are a glossary under a heading, not the
    // explanation of this bullet.
    if item
        .children
        .iter()
        .any(|c| from_inline(&c.inline).is_some())
    {
        return None;
    }
    let parts: Vec<&str> = item
        .children
        .iter()
        .map(|c| c.inline.text.trim())
        .filter(|t| !t.is_empty())
        .collect();
    let first = *parts.first()?;
    let mut all = String::new();
    for part in &parts {
        if !all.is_empty() {
            all.push_str(if all.ends_with(['.', '!', '?', '。']) {
                " "
            } else {
                "; "
            });
        }
        all.push_str(part);
    }
    let body = if chars(&all) <= MAX_JOINED_CHARS {
        all
    } else {
        first.to_string()
    };
    make(term, &body, item.inline.line)
}

fn make(term: &str, body: &str, line: u32) -> Option<Definition> {
    let term = term.trim();
    let body = body.split_whitespace().collect::<Vec<_>>().join(" ");
    if term.is_empty() || chars(term) > MAX_TERM_CHARS || body.is_empty() {
        return None;
    }
    // A "term" that is itself a sentence is a list of remarks, not a glossary.
    if term.ends_with(['.', '!', '?']) || term.split_whitespace().count() > 8 {
        return None;
    }
    Some(Definition {
        term: term.to_string(),
        definition: body,
        line,
    })
}

pub(crate) fn generate(lang: Lang, blocks: &[Block]) -> Yield {
    let mut out = Yield::default();
    for group in extract(blocks) {
        for d in group {
            if needs_context(&d.definition) {
                out.skip(
                    d.line,
                    G,
                    CardSkipReason::NeedsContext,
                    &d.term,
                    "the explanation points at other text (as above, 말그대로 …); say it in full",
                );
                continue;
            }
            out.drafts.push(Draft {
                generator: G,
                kind: CardKind::Basic,
                prompt: templates::definition(lang, &d.term),
                answer: d.definition.clone(),
                prompt_key: format!("term|{}", norm(&d.term)),
                line: d.line,
                mcq: None,
            });
            let masked = mask(&d.definition, &d.term);
            // A definition of two or three words does not single out its term.
            if masked.split_whitespace().count() < MIN_REVERSE_WORDS {
                continue;
            }
            out.drafts.push(Draft {
                generator: G,
                kind: CardKind::Reverse,
                prompt: templates::definition_reverse(lang, &masked),
                answer: d.term.clone(),
                prompt_key: format!("definition|{}", norm(&masked)),
                line: d.line,
                mcq: None,
            });
        }
    }
    out
}
