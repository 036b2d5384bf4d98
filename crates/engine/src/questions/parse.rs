//! Reading exam-style questions out of a section's blocks (docs/card-syntax.md, section 5):
//! a stem paragraph ending with `?` (and perhaps "(Choose TWO.)"), a task list whose items
//! carry explanations on their indented lines, and a metadata paragraph of `Key: value`
//! lines. Pure: blocks in, drafts and problems out. Source links are checked later
//! ([`super::resolve`]), when the headings of the linked notes are at hand.

use crate::model::{
    QuestionOption, QuestionProblemKind, SectionTags, exam_guide, normalize_exam_code,
};
use crate::text::blocks::{Block, Inline, Item};

/// Most options a question may have.
pub(crate) const MAX_OPTIONS: usize = 8;
/// Longest stem, option or explanation kept, in characters; longer text is a problem.
pub(crate) const MAX_TEXT_CHARS: usize = 4000;

/// The blocks of one question, taken out of a section before cards are generated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct QuestionBlocks {
    pub stem: Inline,
    pub items: Vec<Item>,
    pub meta: Option<Inline>,
}

/// A question as written, before its source link is checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct QuestionDraft {
    pub line: u32,
    pub stem: String,
    /// How many options are correct (what the stem says, checked against the keys).
    pub choose: u32,
    pub options: Vec<QuestionOption>,
    pub explanation: String,
    /// (short exam code such as `SAA`, domain number).
    pub exams: Vec<(String, u32)>,
    pub topic: Option<String>,
    /// The source link as written: (path, anchor); an empty path is the same note.
    pub source: Option<(String, String)>,
    /// Marked `[new]` / `[신규]`: about something newer than the exam guides.
    pub is_new: bool,
}

/// A question that could not be read, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Problem {
    pub line: u32,
    pub kind: QuestionProblemKind,
    pub stem: String,
    pub detail: String,
}

/// Markers of a fact newer than the exam guides.
const NEW_MARKERS: [&str; 2] = ["[new]", "[신규]"];

/// Keys of the metadata paragraph, English and Korean.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Key {
    Explanation,
    Exam,
    Topic,
    Source,
}

fn key_of(line: &str) -> Option<(Key, &str)> {
    let (key, value) = line.split_once(':')?;
    let key = match key.trim().to_lowercase().as_str() {
        "explanation" | "해설" => Key::Explanation,
        "exam" | "exams" | "시험" => Key::Exam,
        "topic" | "주제" => Key::Topic,
        "source" | "출처" => Key::Source,
        _ => return None,
    };
    Some((key, value.trim()))
}

/// Whether a paragraph is question metadata: its first line starts with a known key.
fn is_meta(p: &Inline) -> bool {
    p.text.lines().next().is_some_and(|l| key_of(l).is_some())
}

/// The number of answers a stem asks for: `Some(1)` for a stem ending in `?`, `Some(n)` for
/// `? (Choose TWO.)` or `? (2개 선택)`, `None` when the stem is no question.
pub(crate) fn stem_choose(stem: &str) -> Option<u32> {
    let stem = stem.trim_end();
    if stem.ends_with('?') {
        return Some(1);
    }
    let q = stem.rfind('?')?;
    let suffix = stem[q + 1..].trim();
    let inner = suffix.strip_prefix('(')?.strip_suffix(')')?.trim();
    let inner = inner.trim_end_matches('.').to_lowercase();
    let words: Vec<&str> = inner.split_whitespace().collect();
    let number = |w: &str| -> Option<u32> {
        Some(match w.trim_end_matches(['개', '가', '지']) {
            "two" | "2" | "두" => 2,
            "three" | "3" | "세" => 3,
            "four" | "4" | "네" => 4,
            "five" | "5" | "다섯" => 5,
            _ => return None,
        })
    };
    match words.as_slice() {
        ["choose" | "select", n, ..] => number(n),
        [n, rest @ ..]
            if rest
                .iter()
                .any(|w| w.starts_with("선택") || w.starts_with("고르")) =>
        {
            number(n)
        }
        _ => None,
    }
}

/// Whether `blocks[i..]` starts a question group: a stem, task-list options, and either a
/// metadata paragraph or options that carry explanations. Plain multiple-choice cards (no
/// explanations, no metadata) are left to the card generators.
fn group_at(blocks: &[Block], i: usize) -> Option<usize> {
    let Block::Paragraph(stem) = &blocks[i] else {
        return None;
    };
    let Some(Block::List(items)) = blocks.get(i + 1) else {
        return None;
    };
    if items.is_empty() || !items.iter().all(|it| it.checked.is_some()) {
        return None;
    }
    stem_choose(&stem.text)?;
    let has_meta = matches!(blocks.get(i + 2), Some(Block::Paragraph(p)) if is_meta(p));
    let has_explanations = items
        .iter()
        .any(|it| it.inline.text.contains('\n') || !it.children.is_empty());
    if has_meta {
        Some(3)
    } else if has_explanations {
        Some(2)
    } else {
        None
    }
}

/// Takes the question groups out of a section's blocks, leaving the rest to the card
/// generators.
pub(crate) fn take_questions(blocks: &mut Vec<Block>) -> Vec<QuestionBlocks> {
    let mut found = Vec::new();
    let mut i = 0;
    while i < blocks.len() {
        let Some(len) = group_at(blocks, i) else {
            i += 1;
            continue;
        };
        let mut group = blocks.drain(i..i + len);
        let (Some(Block::Paragraph(stem)), Some(Block::List(items))) = (group.next(), group.next())
        else {
            unreachable!("group_at checked the shape");
        };
        let meta = match group.next() {
            Some(Block::Paragraph(p)) => Some(p),
            _ => None,
        };
        drop(group);
        found.push(QuestionBlocks { stem, items, meta });
    }
    found
}

/// Removes the newness markers from `text`; true when there was one.
fn strip_new(text: &str) -> (String, bool) {
    let mut out = text.to_string();
    let mut found = false;
    for marker in NEW_MARKERS {
        if out.contains(marker) {
            found = true;
            out = out.replace(marker, "");
        }
    }
    if found {
        out = out.split_whitespace().collect::<Vec<_>>().join(" ");
    }
    (out, found)
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The metadata fields of a question: each key's value, continued over the lines that
/// follow it until the next key.
#[derive(Debug, Default)]
struct Meta {
    explanation: Option<String>,
    exam: Option<(String, u32)>,
    topic: Option<String>,
    source: Option<(String, u32)>,
}

fn read_meta(meta: &Inline) -> Meta {
    let mut out = Meta::default();
    let mut current: Option<(Key, String, u32)> = None;
    let store = |field: Option<(Key, String, u32)>, out: &mut Meta| {
        if let Some((key, value, line)) = field {
            let value = one_line(&value);
            match key {
                Key::Explanation => out.explanation = Some(value),
                Key::Exam => out.exam = Some((value, line)),
                Key::Topic => out.topic = Some(value),
                Key::Source => out.source = Some((value, line)),
            }
        }
    };
    for (n, line) in meta.text.split('\n').enumerate() {
        match key_of(line) {
            Some((key, value)) => {
                store(current.take(), &mut out);
                current = Some((key, value.to_string(), meta.line + n as u32));
            }
            None => {
                if let Some((_, value, _)) = current.as_mut() {
                    value.push(' ');
                    value.push_str(line.trim());
                }
            }
        }
    }
    store(current, &mut out);
    out
}

/// Splits a link destination into (path, anchor), decoding `%XX` escapes of the anchor.
pub(crate) fn split_link(dest: &str) -> Option<(String, String)> {
    let dest = dest.trim().trim_start_matches('<').trim_end_matches('>');
    let (path, anchor) = dest.split_once('#')?;
    if anchor.is_empty() {
        return None;
    }
    Some((path.to_string(), percent_decode(anchor)))
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(hex) = s.get(i + 1..i + 3)
            && let Ok(b) = u8::from_str_radix(hex, 16)
        {
            out.push(b);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap_or_else(|_| s.to_string())
}

/// Exam tags written as `SAA-C03/2, SOA/2` (or `SAA-C03 2`).
fn parse_exams(value: &str) -> Result<Vec<(String, u32)>, (QuestionProblemKind, String)> {
    let mut out: Vec<(String, u32)> = Vec::new();
    for part in value
        .split([',', ';', '·'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        let (code, domain) = part
            .split_once(['/', ' '])
            .map(|(c, d)| (c.trim(), d.trim()))
            .unwrap_or((part, ""));
        let Some(short) = normalize_exam_code(code) else {
            return Err((
                QuestionProblemKind::UnknownExam,
                format!("unknown exam {code:?}: write SAA-C03, DVA-C02, SOA-C03 or CLF-C02"),
            ));
        };
        let guide = exam_guide(&short).ok_or_else(|| {
            (
                QuestionProblemKind::UnknownExam,
                format!("no exam guide for {code:?}"),
            )
        })?;
        let domain_text = domain.trim_start_matches(|c: char| !c.is_ascii_digit());
        let digits: String = domain_text
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        let Ok(number) = digits.parse::<u32>() else {
            return Err((
                QuestionProblemKind::UnknownDomain,
                format!(
                    "{code}: give the exam-guide domain number after a slash, e.g. {}/1",
                    guide.code
                ),
            ));
        };
        if !guide.domains.iter().any(|d| d.number == number) {
            return Err((
                QuestionProblemKind::UnknownDomain,
                format!(
                    "{} has domains 1 to {}, not {number}",
                    guide.code,
                    guide.domains.len()
                ),
            ));
        }
        if out.iter().any(|(e, _)| *e == short) {
            return Err((
                QuestionProblemKind::UnknownDomain,
                format!("{} is tagged twice", guide.code),
            ));
        }
        out.push((short, number));
    }
    if out.is_empty() {
        return Err((
            QuestionProblemKind::MissingExam,
            "the Exam line names no exam".into(),
        ));
    }
    Ok(out)
}

/// The exams and domains of a section's tags (from front matter): `SAA: 1. Design …`.
fn default_exams(tags: &SectionTags) -> Vec<(String, u32)> {
    tags.domains
        .iter()
        .filter_map(|d| {
            let (code, rest) = d.split_once(':')?;
            let short = normalize_exam_code(code)?;
            let digits: String = rest
                .trim()
                .chars()
                .take_while(char::is_ascii_digit)
                .collect();
            let number = digits.parse().ok()?;
            let guide = exam_guide(&short)?;
            guide
                .domains
                .iter()
                .any(|dom| dom.number == number)
                .then_some((short, number))
        })
        .filter(|(short, _)| tags.exams.is_empty() || tags.exams.contains(short))
        .collect()
}

/// Reads one question group. `tags` are the section's tags, the defaults for exams.
pub(crate) fn read(group: &QuestionBlocks, tags: &SectionTags) -> Result<QuestionDraft, Problem> {
    let line = group.stem.line;
    let (stem, stem_new) = strip_new(&one_line(&group.stem.text));
    let problem = |kind, detail: String| Problem {
        line,
        kind,
        stem: stem.chars().take(120).collect(),
        detail,
    };
    let choose = stem_choose(&stem).unwrap_or(1);
    if group.items.len() < 2 || group.items.len() > MAX_OPTIONS {
        return Err(problem(
            QuestionProblemKind::OptionCount,
            format!(
                "a question has 2 to {MAX_OPTIONS} options, not {}",
                group.items.len()
            ),
        ));
    }
    let mut options = Vec::new();
    let mut any_new = stem_new;
    for item in &group.items {
        let (first, rest) = item
            .inline
            .text
            .split_once('\n')
            .unwrap_or((&item.inline.text, ""));
        let (text, text_new) = strip_new(&one_line(first));
        // The explanation is on the lines under the option, or in a nested list.
        let nested: Vec<&str> = item
            .children
            .iter()
            .map(|c| c.inline.text.as_str())
            .collect();
        let rest = if rest.trim().is_empty() {
            nested.join(" ")
        } else {
            rest.to_string()
        };
        let (explanation, expl_new) = strip_new(&one_line(&rest));
        any_new |= text_new || expl_new;
        if text.is_empty() {
            return Err(Problem {
                line: item.inline.line,
                ..problem(
                    QuestionProblemKind::OptionWithoutExplanation,
                    "an option has no text".into(),
                )
            });
        }
        if explanation.is_empty() {
            return Err(Problem {
                line: item.inline.line,
                ..problem(
                    QuestionProblemKind::OptionWithoutExplanation,
                    format!(
                        "option {text:?} has no explanation: write why it is right or wrong on an indented line under it"
                    ),
                )
            });
        }
        if options
            .iter()
            .any(|o: &QuestionOption| o.text.to_lowercase() == text.to_lowercase())
        {
            return Err(Problem {
                line: item.inline.line,
                ..problem(
                    QuestionProblemKind::DuplicateOption,
                    format!("option {text:?} is written twice"),
                )
            });
        }
        options.push(QuestionOption {
            text,
            is_correct: item.checked == Some(true),
            explanation,
        });
    }
    let correct = options.iter().filter(|o| o.is_correct).count() as u32;
    if correct == 0 {
        return Err(problem(
            QuestionProblemKind::NoCorrectOption,
            "no option is checked: mark the correct ones with - [x]".into(),
        ));
    }
    if correct as usize == options.len() {
        return Err(problem(
            QuestionProblemKind::AllOptionsCorrect,
            "every option is checked: a question needs at least one wrong option".into(),
        ));
    }
    if correct != choose {
        return Err(problem(
            QuestionProblemKind::ChooseMismatch,
            if choose == 1 {
                format!(
                    "{correct} options are checked but the stem does not say how many to choose: end it with \"(Choose {correct}.)\""
                )
            } else {
                format!("the stem asks for {choose} answers but {correct} options are checked")
            },
        ));
    }
    let meta = group.meta.as_ref().map(read_meta).unwrap_or_default();
    let (explanation, expl_new) = strip_new(meta.explanation.as_deref().unwrap_or(""));
    any_new |= expl_new;
    if explanation.is_empty() {
        return Err(problem(
            QuestionProblemKind::MissingExplanation,
            "add an overall explanation: a line starting with \"Explanation:\" (해설:) after the options".into(),
        ));
    }
    let exams = match &meta.exam {
        Some((value, exam_line)) => parse_exams(value).map_err(|(kind, detail)| Problem {
            line: *exam_line,
            ..problem(kind, detail)
        })?,
        None => default_exams(tags),
    };
    if exams.is_empty() {
        return Err(problem(
            QuestionProblemKind::MissingExam,
            "no exam: add \"Exam: SAA-C03/2\" (시험:) or exam domains in the front matter".into(),
        ));
    }
    let source = match &meta.source {
        None => None,
        Some((value, source_line)) => {
            let dest = group
                .meta
                .as_ref()
                .and_then(|m| m.links.first().cloned())
                .unwrap_or_else(|| value.clone());
            match split_link(&dest) {
                Some(link) => Some(link),
                None => {
                    return Err(Problem {
                        line: *source_line,
                        ..problem(
                            QuestionProblemKind::BrokenSource,
                            format!(
                                "the source {value:?} is not a link to a heading: write [label](file.md#anchor)"
                            ),
                        )
                    });
                }
            }
        }
    };
    let too_long = std::iter::once(&stem)
        .chain(std::iter::once(&explanation))
        .chain(options.iter().flat_map(|o| [&o.text, &o.explanation]))
        .any(|t| t.chars().count() > MAX_TEXT_CHARS);
    if too_long {
        return Err(problem(
            QuestionProblemKind::TooLong,
            format!("a stem, option or explanation is longer than {MAX_TEXT_CHARS} characters"),
        ));
    }
    Ok(QuestionDraft {
        line,
        stem,
        choose,
        options,
        explanation,
        exams,
        topic: meta.topic.filter(|t| !t.is_empty()),
        source,
        is_new: any_new,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::blocks::parse_blocks;

    #[test]
    fn choose_counts_in_english_and_korean() {
        assert_eq!(stem_choose("Which one?"), Some(1));
        assert_eq!(stem_choose("Which two? (Choose TWO.)"), Some(2));
        assert_eq!(stem_choose("Which? (Select three)"), Some(3));
        assert_eq!(stem_choose("무엇인가? (2개 선택)"), Some(2));
        assert_eq!(stem_choose("무엇인가? (두 개를 고르시오.)"), Some(2));
        assert_eq!(stem_choose("A statement."), None);
        assert_eq!(stem_choose("Why? (see above)"), None);
    }

    #[test]
    fn a_group_needs_explanations_or_metadata() {
        let plain = "Which?\n\n- [ ] a\n- [x] b\n";
        let mut blocks = parse_blocks(plain, 1);
        assert!(take_questions(&mut blocks).is_empty());
        assert_eq!(
            blocks.len(),
            2,
            "plain multiple choice is left to the cards"
        );

        let md = "Intro.\n\nWhich?\n\n- [ ] a\n  wrong because\n- [x] b\n  right because\n\nExplanation: all\nExam: SAA/2\n\nAfter.\n";
        let mut blocks = parse_blocks(md, 1);
        let groups = take_questions(&mut blocks);
        assert_eq!(groups.len(), 1);
        assert_eq!(blocks.len(), 2, "intro and after stay");
        let q = read(&groups[0], &SectionTags::default()).unwrap();
        assert_eq!(q.options[0].explanation, "wrong because");
        assert_eq!(q.exams, [("SAA".to_string(), 2)]);
        assert_eq!(q.line, 3);
    }

    #[test]
    fn percent_escapes_in_anchors_are_decoded() {
        assert_eq!(
            split_link("../a.md#%EB%B2%84%ED%82%B7"),
            Some(("../a.md".into(), "버킷".into()))
        );
        assert_eq!(split_link("#x"), Some((String::new(), "x".into())));
        assert_eq!(split_link("a.md"), None);
    }
}
