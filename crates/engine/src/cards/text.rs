//! Small text helpers shared by the generators: normal forms for comparing and hashing,
//! sentence splitting, term masking. They work on plain text that pulldown-cmark already
//! stripped of markup; none of them looks at markdown structure.

pub(crate) use crate::text::norm;

/// The normal form of a cloze prompt, keeping where the blank is (and any hint).
pub(crate) fn cloze_key(prompt: &str) -> String {
    norm(
        &prompt
            .replace(super::templates::BLANK, " blank0 ")
            .replace('[', " blank0 "),
    )
}

/// Whether `needle` occurs in `haystack` starting at a word boundary (after normalizing
/// both); a Korean particle after it still counts, a letter before it does not (`3` is not
/// in `S3`).
pub(crate) fn contains_words(haystack: &str, needle: &str) -> bool {
    let needle = norm(needle);
    if needle.is_empty() {
        return false;
    }
    let hay = format!(" {} ", norm(haystack));
    hay.contains(&format!(" {needle}"))
}

/// Bullet characters of pasted web pages and slides. Markdown's own `-`, `*`, `+` are not
/// among them: the markdown parser reads those as lists.
const BULLETS: &[char] = &[
    '•', '◦', '▪', '▫', '‣', '●', '○', '■', '□', '▶', '►', '▸', '※', '✔', '✓', '·',
];

/// The section's source as card generators read it: lines of page furniture
/// (`crate::parse::boilerplate`) blanked, and lines opening with a bullet character
/// (`  • item`) turned into markdown list items (`  - item`), so that they become list items
/// instead of one paragraph with bullets in it. Line numbers do not change.
pub(crate) fn card_source(markdown: &str) -> std::borrow::Cow<'_, str> {
    let needs_work = markdown.lines().any(|l| {
        l.trim_start().starts_with(BULLETS) || crate::parse::boilerplate::is_boilerplate(l)
    });
    if !needs_work {
        return std::borrow::Cow::Borrowed(markdown);
    }
    let mut out = String::with_capacity(markdown.len());
    let mut in_fence = false;
    for (i, line) in markdown.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let body = line.trim_start();
        if body.starts_with("```") || body.starts_with("~~~") {
            in_fence = !in_fence;
        }
        if in_fence || body.starts_with('|') {
            out.push_str(line);
        } else if crate::parse::boilerplate::is_boilerplate(line) {
            // blank: not card material
        } else if let Some(rest) = body.strip_prefix(BULLETS) {
            let indent = &line[..line.len() - body.len()];
            out.push_str(indent);
            out.push_str("- ");
            out.push_str(rest.trim_start_matches(BULLETS).trim_start());
        } else {
            out.push_str(line);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// `text` without bullet characters: none at its start, and one standing between items
/// (`a • b`) becomes a comma. A middle dot joining words (`읽기·쓰기`) is kept.
pub(crate) fn without_bullets(text: &str) -> String {
    if !text.contains(BULLETS) {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if !BULLETS.contains(&c) {
            out.push(c);
            continue;
        }
        let before = out.trim_end();
        let is_start = before.is_empty() || before.ends_with(['\n', ':', '(', '“', '"']);
        let after_space = chars.get(i + 1).is_none_or(|n| n.is_whitespace());
        let before_space = i == 0 || chars[i - 1].is_whitespace();
        if c == '·' && !(is_start || (before_space && after_space)) {
            out.push(c);
        } else if !is_start && before_space {
            // "a • b": a separator between items.
            let kept = out.trim_end().len();
            out.truncate(kept);
            out.push(',');
        }
    }
    out.split(' ')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
        .replace(" ,", ",")
        .replace(",,", ",")
        .trim_matches([' ', ','])
        .to_string()
}

/// Number of characters (not bytes).
pub(crate) fn chars(s: &str) -> usize {
    s.chars().count()
}

/// Splits text into sentences: at line breaks, and after `.`, `!`, `?` or `。` followed by a
/// space. Decimal points (`99.9`) and abbreviations without a following space stay inside.
/// Returns (byte offset, sentence) pairs with trimmed sentences.
pub(crate) fn sentences<'a>(text: &'a str) -> Vec<(usize, &'a str)> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    let push = |from: usize, to: usize, out: &mut Vec<(usize, &'a str)>| {
        let s = &text[from..to];
        let trimmed = s.trim();
        if !trimmed.is_empty() {
            let lead = s.len() - s.trim_start().len();
            out.push((from + lead, trimmed));
        }
    };
    for (i, c) in text.char_indices() {
        let end = i + c.len_utf8();
        let is_break = c == '\n'
            || (matches!(c, '.' | '!' | '?' | '。')
                && bytes.get(end).is_none_or(|b| *b == b' ' || *b == b'\n'));
        if is_break {
            push(start, if c == '\n' { i } else { end }, &mut out);
            start = end;
        }
    }
    push(start, text.len(), &mut out);
    out
}

/// `text` with every case-insensitive occurrence of `term` replaced by `___`, so a
/// definition shown as a question does not give its term away.
pub(crate) fn mask(text: &str, term: &str) -> String {
    let term = term.trim();
    if term.is_empty() {
        return text.to_string();
    }
    let lower_text = text.to_lowercase();
    let lower_term = term.to_lowercase();
    // Lower-casing can change byte lengths; only mask when it did not.
    if lower_text.len() != text.len() || lower_term.len() != term.len() {
        return text.replace(term, "___");
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = 0;
    for (i, _) in lower_text.match_indices(&lower_term) {
        if i < rest {
            continue;
        }
        out.push_str(&text[rest..i]);
        out.push_str("___");
        rest = i + term.len();
    }
    out.push_str(&text[rest..]);
    out
}

/// Openings of a sentence that continues the one before it, and words that point at other
/// text: a card made from such a sentence cannot be answered on its own.
const LEANING_OPENINGS: &[&str] = &[
    "또한",
    "그리고",
    "하지만",
    "그러나",
    "왜냐하면",
    "예를 들어",
    "예를 들면",
    "따라서",
    "즉",
    "그래서",
    "이 경우",
    "이때",
    "이는",
    "여기에서",
    "여기서",
    "지정된",
    // Pronouns that point at a term named before: the card would not say what it asks about.
    "이것",
    "그것",
    "이들",
    "그들",
    "이 서비스",
    "이 기능",
    "also",
    "and ",
    "but ",
    "so ",
    "for example",
    "e.g.",
    "this ",
    "that ",
    "it ",
    "its ",
    "it's ",
    "these ",
    "those ",
    "their ",
    "they ",
    "here ",
    "here,",
];
const POINTING_WORDS: &[&str] = &[
    "위와",
    "위의",
    "위 예제",
    "아래와",
    "말그대로",
    "above",
    "below",
];

/// Whether `text` only makes sense after the text before it (see [`LEANING_OPENINGS`]).
pub(crate) fn needs_context(text: &str) -> bool {
    let lower = text.trim_start().to_lowercase();
    LEANING_OPENINGS.iter().any(|o| lower.starts_with(o))
        || POINTING_WORDS.iter().any(|w| lower.contains(w))
}

/// Whether a line of text reads as a sentence or instruction rather than a term: ends in
/// sentence punctuation or a Korean predicate ending, or is long.
pub(crate) fn reads_as_sentence(text: &str) -> bool {
    let t = text.trim();
    let words = t.split_whitespace().count();
    words > 6
        || chars(t) > 60
        || t.ends_with(['.', '!', '?', ':', '。', ',', ';'])
        || ["다", "요", "음", "함", "됨", "임", "등", "경우", "때", "것"]
            .iter()
            .any(|e| t.ends_with(e))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokenize;

    #[test]
    fn sentences_that_lean_on_their_neighbours_need_context() {
        assert!(needs_context(
            "여기에서 Throughput은 75% 이상일 때 경고가 표시된다."
        ));
        assert!(needs_context(
            "지정된 기간은 1시간부터 6시간까지 지정할 수 있다."
        ));
        assert!(needs_context("Here the alarm fires after 3 periods."));
        assert!(needs_context("또한 가용성이 높다."));
        assert!(!needs_context(
            "Spot Instances get a 2-minute interruption notice."
        ));
        assert!(!needs_context(
            "S3 Standard-IA는 최소 30일 보관 요금이 붙는다."
        ));
    }

    #[test]
    fn bullets_become_list_items_and_furniture_is_blanked() {
        let src = "AWS Organizations\n\n  • AWS Organizations : 계정 묶음\n  ◦ 둘째\n728x90\n공유하기\n| a • b |";
        let got = card_source(src);
        assert_eq!(
            got,
            "AWS Organizations\n\n  - AWS Organizations : 계정 묶음\n  - 둘째\n\n\n| a • b |"
        );
        assert_eq!(got.lines().count(), src.lines().count());
        assert!(matches!(
            card_source("plain\n- item"),
            std::borrow::Cow::Borrowed(_)
        ));
    }

    #[test]
    fn bullets_never_survive_in_card_text() {
        assert_eq!(without_bullets("• AWS Organizations"), "AWS Organizations");
        assert_eq!(without_bullets("▪ a ◦ b ‣ c"), "a, b, c");
        assert_eq!(without_bullets("사용자·그룹·역할"), "사용자·그룹·역할");
        assert_eq!(without_bullets("· 첫째 · 둘째"), "첫째, 둘째");
        assert_eq!(without_bullets("※ 주의: 예약"), "주의: 예약");
        assert_eq!(without_bullets("no bullets"), "no bullets");
    }

    #[test]
    fn normal_form_ignores_case_space_and_punctuation() {
        assert_eq!(norm("  Spot  Instance, (EC2)!"), "spot instance ec2");
        assert_eq!(norm("스팟 인스턴스"), "스팟 인스턴스");
    }

    #[test]
    fn word_containment_respects_the_start_of_words() {
        assert!(contains_words("What is S3 Standard?", "s3 standard"));
        assert!(!contains_words("What is S3 Standard?", "3"));
        assert!(contains_words("90일간 보관", "90일"));
    }

    #[test]
    fn sentences_split_at_stops_but_not_decimals() {
        let got: Vec<&str> = sentences("It is 99.9% available. Then 30 days.\nNext line")
            .into_iter()
            .map(|s| s.1)
            .collect();
        assert_eq!(
            got,
            ["It is 99.9% available.", "Then 30 days.", "Next line"]
        );
    }

    #[test]
    fn masking_hides_the_term_in_any_case() {
        assert_eq!(
            mask("A spot instance is a Spot Instance.", "Spot Instance"),
            "A ___ is a ___."
        );
    }

    proptest::proptest! {
        #[test]
        fn normal_form_is_the_words_joined_by_single_spaces(text in "[ a-zA-Z0-9,.()가-힣\u{0301}é-]{0,40}") {
            let words: Vec<String> = tokenize::normalize(&text)
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .map(str::to_string)
                .collect();
            proptest::prop_assert_eq!(norm(&text), words.join(" "));
        }
    }
}
