//! The pure pipeline: sections of one document in, cards with stable ids out. Every
//! generator proposes drafts; the quality gate keeps the recallable ones and records why the
//! others were dropped; identity and distractor choice are computed from content and the
//! library seed only, so the same note always gives the same cards.

use std::collections::HashSet;

use rand::SeedableRng;
use rand::rngs::StdRng;
use rand::seq::IndexedRandom;

use super::blocks::parse_blocks;
use super::model::{
    CardId, CardKind, CardSkipReason, Draft, GeneratedCard, Generator, McqOption, SkippedCard,
    Yield,
};
use super::stale::{StaleWarning, block_start, scan};
use super::templates::{BLANK, Lang};
use super::text::{card_source, chars, contains_words, norm, without_bullets};
use super::{compare, definition, explicit, numbers, table};

/// Answers longer than this are too long to recall.
pub(crate) const MAX_ANSWER_CHARS: usize = 200;
/// Prompts longer than this are too long to read at a glance.
const MAX_PROMPT_CHARS: usize = 400;
/// Distractors shown with a generated multiple-choice card.
pub(crate) const DISTRACTORS: usize = 3;
/// Mixed into every card id; bump only to deliberately re-key all cards (it drops progress).
const ID_DOMAIN: &str = "stratus-card-1";

/// One section as the generators see it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct SectionSource<'a> {
    /// Stable across edits of the section's text (heading path plus occurrence).
    pub heading_key: &'a str,
    pub heading_path: &'a [String],
    /// The section's own markdown, heading line included.
    pub markdown: &'a str,
    /// Line of the document where `markdown` starts.
    pub line_start: u32,
}

/// The cards of a document, each with the index of its section, and what was skipped.
#[derive(Debug, Default)]
pub(crate) struct Generation {
    pub cards: Vec<(usize, GeneratedCard)>,
    pub skipped: Vec<SkippedCard>,
    /// Exam-style question groups, taken out before the card generators ran (they are
    /// read by `crate::questions`, and make no cards).
    pub question_groups: Vec<(usize, crate::questions::QuestionBlocks)>,
    /// Lines that state outdated AWS facts (when checked), in note order.
    pub stale: Vec<StaleWarning>,
}

/// A card's id: hash of the document's identity, the section's stable key, the generator,
/// the kind and the normalized prompt key. Nothing positional goes in.
pub(crate) fn card_id(
    document_key: &str,
    heading_key: &str,
    generator: Generator,
    kind: CardKind,
    prompt_key: &str,
) -> CardId {
    let mut hasher = blake3::Hasher::new();
    for part in [
        ID_DOMAIN,
        document_key,
        heading_key,
        generator.as_str(),
        kind.as_str(),
        prompt_key,
    ] {
        hasher.update(&(part.len() as u64).to_le_bytes());
        hasher.update(part.as_bytes());
    }
    CardId(hasher.finalize().to_hex()[..32].to_string())
}

/// Runs every generator over every section of a document. With `check_stale`, lines that
/// state outdated AWS facts are found, and the cards made from them carry the warnings.
pub(crate) fn generate(
    document_key: &str,
    lang: Lang,
    sections: &[SectionSource<'_>],
    seed: u64,
    check_stale: bool,
) -> Generation {
    let mut out = Generation::default();
    let mut seen_ids = HashSet::new();
    for (index, section) in sections.iter().enumerate() {
        let stale = if check_stale {
            scan(
                section.markdown,
                section.line_start,
                section.heading_path,
                lang,
            )
        } else {
            Vec::new()
        };
        // A card of a paragraph carries the paragraph's first line.
        let stale_of = |line: u32| -> Vec<StaleWarning> {
            stale
                .iter()
                .filter(|w| {
                    w.line == line
                        || block_start(section.markdown, section.line_start, w.line) == line
                })
                .cloned()
                .collect()
        };
        let source = card_source(section.markdown);
        let mut blocks = parse_blocks(&source, section.line_start);
        drop_tables_turned_off(&mut blocks, &source, section.line_start);
        for group in crate::questions::take_questions(&mut blocks) {
            out.question_groups.push((index, group));
        }
        let mut seen_text = HashSet::new();
        let yields = [
            explicit::generate(&blocks),
            table::generate(lang, &blocks),
            definition::generate(lang, &blocks),
            numbers::generate(&blocks),
            compare::generate(lang, &blocks),
        ];
        for Yield { drafts, skipped } in yields {
            for (line, generator, reason, text, detail) in skipped {
                out.skipped.push(SkippedCard {
                    line,
                    heading_path: section.heading_path.to_vec(),
                    generator,
                    reason,
                    text,
                    detail,
                });
            }
            for draft in drafts {
                let (draft, is_new) = strip_new_markers(draft);
                let draft = strip_bullets(draft);
                let id = card_id(
                    document_key,
                    section.heading_key,
                    draft.generator,
                    draft.kind,
                    &draft.prompt_key,
                );
                let text_key = (norm(&draft.prompt), norm(&draft.answer), draft.kind);
                let verdict = if seen_ids.contains(&id) || seen_text.contains(&text_key) {
                    Err((
                        CardSkipReason::Duplicate,
                        "another card of this section already asks this".to_string(),
                    ))
                } else {
                    gate(&draft, &id, seed)
                };
                match verdict {
                    Ok(options) => {
                        seen_ids.insert(id.clone());
                        seen_text.insert(text_key);
                        out.cards.push((
                            index,
                            GeneratedCard {
                                id,
                                heading_path: section.heading_path.to_vec(),
                                generator: draft.generator,
                                kind: draft.kind,
                                prompt: draft.prompt,
                                answer: draft.answer,
                                options,
                                stale: stale_of(draft.line),
                                line: draft.line,
                                is_new,
                            },
                        ));
                    }
                    Err((reason, detail)) => out.skipped.push(SkippedCard {
                        line: draft.line,
                        heading_path: section.heading_path.to_vec(),
                        generator: draft.generator,
                        reason,
                        text: draft.prompt,
                        detail,
                    }),
                }
            }
        }
        out.stale.extend(stale);
    }
    settle_repeated_prompts(&mut out, sections);
    out
}

/// Cards of one document that ask the same question (after normalization) but key different
/// answers: a learner meeting both would be told two answers to one question. Each is made
/// distinct by naming its section before the question (`DynamoDB TTL: TTL이란?`); a
/// generated choice that offers another card's keyed answer of the same question as a
/// distractor is dropped, since that option is right too; a question still repeated after
/// naming the sections keeps its first card only.
fn settle_repeated_prompts(out: &mut Generation, sections: &[SectionSource<'_>]) {
    use std::collections::HashMap;
    let mut answers: HashMap<String, HashSet<String>> = HashMap::new();
    for (_, c) in &out.cards {
        answers
            .entry(norm(&c.prompt))
            .or_default()
            .insert(norm(&c.answer));
    }
    let repeated: HashMap<String, HashSet<String>> =
        answers.into_iter().filter(|(_, a)| a.len() > 1).collect();
    if repeated.is_empty() {
        return;
    }
    // How many cards of each section ask each repeated question.
    let mut in_section: HashMap<(String, usize), usize> = HashMap::new();
    for (index, c) in &out.cards {
        let key = norm(&c.prompt);
        if repeated.contains_key(&key) {
            *in_section.entry((key, *index)).or_default() += 1;
        }
    }
    let mut kept = Vec::with_capacity(out.cards.len());
    let mut seen = HashSet::new();
    for (index, mut card) in std::mem::take(&mut out.cards) {
        let key = norm(&card.prompt);
        let Some(keyed) = repeated.get(&key) else {
            kept.push((index, card));
            continue;
        };
        let is_generated_choice = card.generator != Generator::Explicit && !card.options.is_empty();
        // One section asking one choice of several rows: the value is not one row's alone,
        // so every such card has more than one right option.
        if is_generated_choice
            && in_section
                .get(&(key.clone(), index))
                .is_some_and(|n| *n > 1)
        {
            out.skipped.push(SkippedCard {
                line: card.line,
                heading_path: card.heading_path.clone(),
                generator: card.generator,
                reason: CardSkipReason::DistractorEqualsAnswer,
                text: card.prompt.clone(),
                detail: "several rows of the section hold this value".into(),
            });
            continue;
        }
        let offers_another_key = card
            .options
            .iter()
            .any(|o| !o.is_correct && keyed.contains(&norm(&o.text)));
        if is_generated_choice && offers_another_key {
            out.skipped.push(SkippedCard {
                line: card.line,
                heading_path: card.heading_path.clone(),
                generator: card.generator,
                reason: CardSkipReason::DistractorEqualsAnswer,
                text: card.prompt.clone(),
                detail: "another card of the note keys an offered option to the same question"
                    .into(),
            });
            continue;
        }
        let path = sections[index].heading_path;
        let label = match path {
            [.., parent, last] if seen.contains(&format!("{}|{}", key, norm(last))) => {
                format!("{parent} › {last}")
            }
            [.., last] => last.clone(),
            [] => String::new(),
        };
        let distinct = format!("{}|{}", key, norm(&label));
        if !label.is_empty() && contains_words(&label, &card.answer) {
            out.skipped.push(SkippedCard {
                line: card.line,
                heading_path: card.heading_path.clone(),
                generator: card.generator,
                reason: CardSkipReason::AnswerInPrompt,
                text: card.prompt.clone(),
                detail: "the section that tells this card apart names its answer".into(),
            });
            continue;
        }
        if label.is_empty() || !seen.insert(distinct) {
            out.skipped.push(SkippedCard {
                line: card.line,
                heading_path: card.heading_path.clone(),
                generator: card.generator,
                reason: CardSkipReason::Duplicate,
                text: card.prompt.clone(),
                detail: "the note asks this question elsewhere with another answer".into(),
            });
            continue;
        }
        seen.insert(format!(
            "{}|{}",
            key,
            norm(path.last().map_or("", String::as_str))
        ));
        card.prompt = format!("{label}: {}", card.prompt);
        kept.push((index, card));
    }
    out.cards = kept;
}

/// What kind of value an option is, so that a choice offers only options of the answer's
/// kind: a quantity (`30 days`), a one-word property (`Stateful`, `Regional`) or a name
/// (`Security group`, `S3 Glacier Deep Archive`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ValueKind {
    Quantity,
    Property,
    Name,
}

/// The kind of an option's text (see [`ValueKind`]).
pub(crate) fn value_kind(text: &str) -> ValueKind {
    let t = text.trim();
    if t.chars()
        .next()
        .is_some_and(|c| c.is_ascii_digit() || "$€₩≥≤<>~".contains(c))
    {
        return ValueKind::Quantity;
    }
    let words: Vec<&str> = t.split_whitespace().collect();
    let is_property_word = |w: &str| {
        let lower = w.to_lowercase();
        lower.len() > 4
            && lower.chars().all(|c| c.is_ascii_alphabetic() || c == '-')
            && [
                "ful", "less", "able", "ible", "ive", "ous", "ic", "al", "ent", "ant",
            ]
            .iter()
            .any(|end| lower.ends_with(end))
    };
    if words.len() == 1 && is_property_word(words[0]) {
        return ValueKind::Property;
    }
    ValueKind::Name
}

/// The comment an author writes on the line before a table to keep it out of card generation
/// (docs/card-syntax.md); `<!-- cards: on -->` is the default and may be written for clarity.
const CARDS_OFF: &str = "<!-- cards: off -->";

/// Removes the tables whose previous non-blank line is `<!-- cards: off -->`.
fn drop_tables_turned_off(blocks: &mut Vec<super::blocks::Block>, markdown: &str, first_line: u32) {
    if !markdown.contains("cards:") {
        return;
    }
    let lines: Vec<&str> = markdown.lines().collect();
    let is_off = |table_line: u32| {
        let at = table_line.saturating_sub(first_line) as usize;
        lines[..at.min(lines.len())]
            .iter()
            .rev()
            .find(|l| !l.trim().is_empty())
            .is_some_and(|l| {
                let squeezed: String = l.split_whitespace().collect::<Vec<_>>().join(" ");
                squeezed.eq_ignore_ascii_case(CARDS_OFF)
                    || squeezed.eq_ignore_ascii_case("<!-- cards:off -->")
            })
    };
    blocks.retain(|b| !matches!(b, super::blocks::Block::Table(t) if is_off(t.line)));
}

/// Markers of a fact newer than the exam guides (content/README.md).
const NEW_MARKERS: [&str; 2] = ["[new]", "[신규]"];

fn without_markers(text: &str) -> Option<String> {
    NEW_MARKERS.iter().any(|m| text.contains(m)).then(|| {
        let mut out = text.to_string();
        for m in NEW_MARKERS {
            out = out.replace(m, "");
        }
        out.split_whitespace().collect::<Vec<_>>().join(" ")
    })
}

/// The draft without `[new]` / `[신규]` markers, and whether it had one: the card says it is
/// newer than the exam guide instead, and its identity does not depend on the marker.
fn strip_new_markers(mut d: Draft) -> (Draft, bool) {
    let mut found = false;
    for text in [&mut d.prompt, &mut d.answer, &mut d.prompt_key] {
        if let Some(clean) = without_markers(text) {
            *text = clean;
            found = true;
        }
    }
    if let Some(mcq) = d.mcq.as_mut() {
        for text in mcq.correct.iter_mut().chain(mcq.distractors.iter_mut()) {
            if let Some(clean) = without_markers(text) {
                *text = clean;
                found = true;
            }
        }
    }
    (d, found)
}

/// The draft with no bullet character in its prompt, answer or options.
fn strip_bullets(mut d: Draft) -> Draft {
    d.prompt = without_bullets(&d.prompt);
    d.answer = without_bullets(&d.answer);
    if let Some(mcq) = d.mcq.as_mut() {
        for text in mcq.correct.iter_mut().chain(mcq.distractors.iter_mut()) {
            *text = without_bullets(text);
        }
    }
    d
}

/// The quality gate: the options of a card worth keeping, or why it is not.
fn gate(d: &Draft, id: &CardId, seed: u64) -> Result<Vec<McqOption>, (CardSkipReason, String)> {
    let prompt = d.prompt.trim();
    let answer = d.answer.trim();
    if norm(prompt).is_empty() || prompt == BLANK {
        return Err((
            CardSkipReason::EmptyPrompt,
            "the question has no words".into(),
        ));
    }
    if norm(answer).is_empty() {
        return Err((CardSkipReason::EmptyAnswer, "the answer is empty".into()));
    }
    if chars(answer) > MAX_ANSWER_CHARS {
        return Err((
            CardSkipReason::AnswerTooLong,
            format!(
                "the answer has {} characters; keep it under {MAX_ANSWER_CHARS} (one fact per card)",
                chars(answer)
            ),
        ));
    }
    if chars(prompt) > MAX_PROMPT_CHARS {
        return Err((
            CardSkipReason::PromptTooLong,
            format!("the question has over {MAX_PROMPT_CHARS} characters"),
        ));
    }
    let is_authored_mcq = d.mcq.as_ref().is_some_and(|m| m.is_authored);
    if d.generator != Generator::Explicit && starts_with_pronoun(prompt) {
        return Err((
            CardSkipReason::NeedsContext,
            "the question opens with a pronoun that points at text before it".into(),
        ));
    }
    if !is_authored_mcq && contains_words(prompt, answer) {
        return Err((
            CardSkipReason::AnswerInPrompt,
            "the answer can be read in the question".into(),
        ));
    }
    let Some(mcq) = &d.mcq else {
        return Ok(Vec::new());
    };
    let correct: HashSet<String> = mcq.correct.iter().map(|c| norm(c)).collect();
    let mut seen = HashSet::new();
    // A generated choice offers only options of the answer's kind.
    let answer_kind = value_kind(&mcq.correct[0]);
    let pool: Vec<&String> = mcq
        .distractors
        .iter()
        .filter(|x| !norm(x).is_empty() && !correct.contains(&norm(x)))
        .filter(|x| mcq.is_authored || value_kind(x) == answer_kind)
        .filter(|x| seen.insert(norm(x)))
        .collect();
    if mcq.is_authored {
        if pool.is_empty() {
            return Err((
                CardSkipReason::DistractorEqualsAnswer,
                "every unchecked option equals a checked one".into(),
            ));
        }
        let mut options: Vec<McqOption> = mcq
            .correct
            .iter()
            .map(|c| McqOption {
                text: c.clone(),
                is_correct: true,
                explanation: None,
            })
            .collect();
        options.extend(pool.into_iter().map(|x| McqOption {
            text: x.clone(),
            is_correct: false,
            explanation: None,
        }));
        return Ok(options);
    }
    if pool.len() < DISTRACTORS {
        return Err((
            CardSkipReason::TooFewDistractors,
            format!(
                "{} distractor(s) of the same kind; a choice needs {DISTRACTORS}",
                pool.len()
            ),
        ));
    }
    let mut rng = StdRng::seed_from_u64(seed ^ id_seed(id));
    let chosen: Vec<&&String> = pool.choose_multiple(&mut rng, DISTRACTORS).collect();
    let mut options = vec![McqOption {
        text: mcq.correct[0].clone(),
        is_correct: true,
        explanation: None,
    }];
    options.extend(chosen.into_iter().map(|x| McqOption {
        text: (*x).clone(),
        is_correct: false,
        explanation: None,
    }));
    Ok(options)
}

/// Whether a question opens with a word that points back at a term named earlier (`Its`,
/// `This`, `이것은`): it would not say what it asks about.
fn starts_with_pronoun(prompt: &str) -> bool {
    const OPENINGS: &[&str] = &[
        "it ",
        "its ",
        "it's ",
        "this ",
        "these ",
        "those ",
        "they ",
        "their ",
        "them ",
        "이것",
        "그것",
        "이들",
        "그들",
        "이는 ",
        "이 서비스",
        "이 기능",
        "해당 ",
    ];
    let lower = prompt.trim_start().to_lowercase();
    OPENINGS.iter().any(|o| lower.starts_with(o))
}

/// 64 bits of a card id, to seed its random choices.
pub(crate) fn id_seed(id: &CardId) -> u64 {
    u64::from_str_radix(id.0.get(..16).unwrap_or("0"), 16).unwrap_or(0)
}
