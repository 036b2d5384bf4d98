//! Highlighted snippets, made in Rust rather than by FTS5's `snippet()`: the index holds
//! bigrams, not the words people read, so the engine finds the query's words in the section
//! text itself. The result is a list of spans, so the UI never has to parse markup.

use serde::{Deserialize, Serialize};

use crate::text::tokenize::{bigrams, is_hangul_syllable};

/// A piece of a snippet; `is_match` pieces are the query's words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct SnippetSpan {
    pub text: String,
    pub is_match: bool,
}

/// What to look for: Latin words match at a word start and extend to the word's end; Hangul
/// runs match anywhere (falling back to their bigrams).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Needle {
    WordPrefix(Vec<char>),
    Hangul(Vec<char>),
}

fn fold(c: char) -> char {
    c.to_lowercase().next().unwrap_or(c)
}

fn find_all(text: &[char], folded: &[char], needle: &Needle, out: &mut Vec<(usize, usize)>) {
    let (pattern, is_word) = match needle {
        Needle::WordPrefix(p) => (p, true),
        Needle::Hangul(p) => (p, false),
    };
    if pattern.is_empty() || pattern.len() > folded.len() {
        return;
    }
    let before = out.len();
    for start in 0..=folded.len() - pattern.len() {
        if folded[start..start + pattern.len()] != pattern[..] {
            continue;
        }
        if is_word {
            if start > 0
                && text[start - 1].is_alphanumeric()
                && !is_hangul_syllable(text[start - 1])
            {
                continue;
            }
            let mut end = start + pattern.len();
            while end < text.len() && text[end].is_alphanumeric() && !is_hangul_syllable(text[end])
            {
                end += 1;
            }
            out.push((start, end));
        } else {
            out.push((start, start + pattern.len()));
        }
    }
    if out.len() == before && !is_word && pattern.len() > 2 {
        let run: String = pattern.iter().collect();
        for gram in bigrams(&run) {
            find_all(text, folded, &Needle::Hangul(gram.chars().collect()), out);
        }
    }
}

/// A window of about `max_chars` characters of `text` around the first match, with the
/// matches marked. Without a match, the start of the text.
pub(crate) fn snippet(text: &str, needles: &[Needle], max_chars: usize) -> Vec<SnippetSpan> {
    let chars: Vec<char> = text
        .chars()
        .map(|c| if c == '\n' { ' ' } else { c })
        .collect();
    let folded: Vec<char> = chars.iter().copied().map(fold).collect();
    let mut matches = Vec::new();
    for needle in needles {
        find_all(&chars, &folded, needle, &mut matches);
    }
    matches.sort();
    let first = matches.first().map_or(0, |m| m.0);
    let mut start = first.saturating_sub(max_chars / 4);
    // Start at a word boundary when one is near.
    if start > 0
        && let Some(space) = chars[start..first].iter().position(|c| c.is_whitespace())
    {
        start += space + 1;
    }
    let end = (start + max_chars).min(chars.len());
    let mut spans: Vec<SnippetSpan> = Vec::new();
    let mut push = |text: String, is_match: bool| {
        if text.is_empty() {
            return;
        }
        match spans.last_mut() {
            Some(last) if last.is_match == is_match => last.text.push_str(&text),
            _ => spans.push(SnippetSpan { text, is_match }),
        }
    };
    if start > 0 {
        push("…".into(), false);
    }
    let mut pos = start;
    for (m_start, m_end) in matches {
        if m_end <= pos || m_start >= end {
            continue;
        }
        let m_start = m_start.max(pos);
        let m_end = m_end.min(end);
        push(chars[pos..m_start].iter().collect(), false);
        push(chars[m_start..m_end].iter().collect(), true);
        pos = m_end;
    }
    push(chars[pos..end].iter().collect(), false);
    if end < chars.len() {
        push("…".into(), false);
    }
    spans
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marked(spans: &[SnippetSpan]) -> String {
        spans
            .iter()
            .map(|s| {
                if s.is_match {
                    format!("[{}]", s.text)
                } else {
                    s.text.clone()
                }
            })
            .collect()
    }

    fn word(s: &str) -> Needle {
        Needle::WordPrefix(s.chars().collect())
    }

    fn hangul(s: &str) -> Needle {
        Needle::Hangul(s.chars().collect())
    }

    #[test]
    fn marks_word_prefixes_and_hangul_inside_words() {
        let s = snippet(
            "Spot 인스턴스 요금은 CloudFront보다 싸다",
            &[word("cloudf"), hangul("요금")],
            100,
        );
        assert_eq!(marked(&s), "Spot 인스턴스 [요금]은 [CloudFront]보다 싸다");
    }

    #[test]
    fn words_match_only_at_word_starts() {
        let s = snippet("vpc myvpc", &[word("vpc")], 100);
        assert_eq!(marked(&s), "[vpc] myvpc");
    }

    #[test]
    fn long_text_is_cut_around_the_first_match() {
        let text = format!("{} needle {}", "aaa ".repeat(100), "bbb ".repeat(100));
        let s = marked(&snippet(&text, &[word("needle")], 60));
        assert!(s.starts_with('…') && s.ends_with('…'), "{s}");
        assert!(s.contains("[needle]"), "{s}");
        assert!(s.chars().count() < 70, "{s}");
    }

    #[test]
    fn hangul_falls_back_to_bigrams() {
        let s = snippet("수명 주기 정책", &[hangul("수명주기")], 100);
        assert_eq!(marked(&s), "[수명] [주기] 정책");
    }
}
