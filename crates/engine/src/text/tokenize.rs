//! The one text transform shared by indexing and querying (see
//! `docs/decisions/0001-korean-search-tokenization.md`): NFC, case folding, then words cut at
//! anything that is not a letter or digit. Latin words stay whole (queried by prefix); every
//! run of Hangul syllables becomes its overlapping syllable bigrams, so `요금` matches inside
//! `요금은` and `스팟` inside `스팟인스턴스` although Korean attaches particles and writes
//! compounds without spaces. Applying the same function to both sides is what makes them meet.

use unicode_normalization::UnicodeNormalization;

/// One piece of normalized text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Segment {
    /// A run of letters and digits that are not Hangul syllables, case-folded.
    Word(String),
    /// A run of Hangul syllables.
    Hangul(String),
}

/// NFC plus case folding (lowercase), the normal form of all stored search text.
pub(crate) fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    normalize_into(text, &mut out);
    out
}

/// Appends the normal form of `text` to `out`.
pub(crate) fn normalize_into(text: &str, out: &mut String) {
    for_each_folded(text, |c| out.push(c));
}

pub(crate) fn is_hangul_syllable(c: char) -> bool {
    ('\u{AC00}'..='\u{D7A3}').contains(&c)
}

/// Whether `c` is stable under NFC whatever surrounds it: below U+0300 (where no character
/// combines with what precedes it) or a precomposed Hangul syllable not followed by a
/// trailing jamo (which is outside this set, so its presence sends the text the slow way).
fn is_nfc_stable(c: char) -> bool {
    (c as u32) < 0x300 || is_hangul_syllable(c)
}

/// Lowercase of one character, with the common cases first.
fn fold(c: char, f: &mut impl FnMut(char)) {
    if c.is_ascii() {
        f(c.to_ascii_lowercase());
    } else if is_hangul_syllable(c) {
        f(c);
    } else {
        c.to_lowercase().for_each(f);
    }
}

/// Calls `f` with every character of NFC(`text`), lowercased. Notes are almost always NFC
/// already (Latin letters, precomposed Hangul), so the normalizer only runs when a character
/// outside that set appears; composing every character was the largest cost of import.
fn for_each_folded(text: &str, mut f: impl FnMut(char)) {
    if text.chars().all(is_nfc_stable) {
        text.chars().for_each(|c| fold(c, &mut f));
    } else {
        text.nfc().for_each(|c| fold(c, &mut f));
    }
}

/// `char::is_alphanumeric`, answering ASCII and Hangul syllables without the Unicode tables
/// (their lookup was a tenth of import time).
pub(crate) fn is_alphanumeric(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        is_hangul_syllable(c) || c.is_alphanumeric()
    }
}

/// Splits `text` into normalized segments, in order.
pub(crate) fn segments(text: &str) -> Vec<Segment> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut current_is_hangul = false;
    let flush = |current: &mut String, is_hangul: bool, out: &mut Vec<Segment>| {
        if !current.is_empty() {
            let s = std::mem::take(current);
            out.push(if is_hangul {
                Segment::Hangul(s)
            } else {
                Segment::Word(s)
            });
        }
    };
    for_each_folded(text, |c| {
        if is_hangul_syllable(c) {
            if !current_is_hangul {
                flush(&mut current, false, &mut out);
                current_is_hangul = true;
            }
            current.push(c);
        } else if is_alphanumeric(c) {
            if current_is_hangul {
                flush(&mut current, true, &mut out);
                current_is_hangul = false;
            }
            current.push(c);
        } else {
            flush(&mut current, current_is_hangul, &mut out);
        }
    });
    flush(&mut current, current_is_hangul, &mut out);
    out
}

/// Syllable bigrams of a Hangul run; a single syllable stays as it is.
pub(crate) fn bigrams(run: &str) -> Vec<String> {
    let chars: Vec<char> = run.chars().collect();
    if chars.len() < 2 {
        return vec![run.to_string()];
    }
    chars.windows(2).map(|w| w.iter().collect()).collect()
}

/// The tokens of one segment as they are indexed.
pub(crate) fn segment_tokens(segment: &Segment) -> Vec<String> {
    match segment {
        Segment::Word(w) => vec![w.clone()],
        Segment::Hangul(h) => bigrams(h),
    }
}

/// The indexed form of `text`: its tokens separated by single spaces. The same tokens as
/// `segments` followed by `segment_tokens`, written straight into one string because import
/// runs this over every section.
pub(crate) fn index_terms(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 2);
    // The previous syllable of the Hangul run being read, and whether it is the run's first.
    let mut last_syllable: Option<char> = None;
    let mut is_first_syllable = false;
    let mut in_word = false;
    for_each_folded(text, |c| {
        if is_hangul_syllable(c) {
            in_word = false;
            match last_syllable {
                // The run's second syllable completes its first bigram.
                Some(_) if is_first_syllable => {
                    out.push(c);
                    is_first_syllable = false;
                }
                Some(prev) => {
                    out.push(' ');
                    out.push(prev);
                    out.push(c);
                }
                None => {
                    if !out.is_empty() {
                        out.push(' ');
                    }
                    out.push(c);
                    is_first_syllable = true;
                }
            }
            last_syllable = Some(c);
        } else if is_alphanumeric(c) {
            last_syllable = None;
            if !in_word {
                if !out.is_empty() {
                    out.push(' ');
                }
                in_word = true;
            }
            out.push(c);
        } else {
            last_syllable = None;
            in_word = false;
        }
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin_words_are_folded_and_hangul_becomes_bigrams() {
        assert_eq!(
            index_terms("S3 수명주기 정책은"),
            "s3 수명 명주 주기 정책 책은"
        );
        assert_eq!(index_terms("EC2의 요금"), "ec2 의 요금");
        assert_eq!(index_terms("CloudFront(CDN)"), "cloudfront cdn");
    }

    #[test]
    fn decomposed_hangul_is_composed_first() {
        // "요금" written as conjoining jamo (as some macOS files are).
        let nfd = "\u{110B}\u{116D}\u{1100}\u{1173}\u{11B7}";
        assert_eq!(normalize(nfd), "요금");
        assert_eq!(index_terms(nfd), "요금");
    }

    /// The tokens the way queries get them, for comparison with the one-pass `index_terms`.
    fn terms_via_segments(text: &str) -> String {
        segments(text)
            .iter()
            .flat_map(segment_tokens)
            .collect::<Vec<_>>()
            .join(" ")
    }

    fn reference_normalize(text: &str) -> String {
        text.nfc().flat_map(char::to_lowercase).collect()
    }

    proptest::proptest! {
        #[test]
        fn one_pass_terms_equal_segment_tokens(text in "[a-zA-Z0-9 요금수명주기가\u{1100}\u{1161}\u{11A8}\u{0301}\u{0130}ΣÉé.,!-]{0,40}") {
            proptest::prop_assert_eq!(index_terms(&text), terms_via_segments(&text));
            proptest::prop_assert_eq!(normalize(&text), reference_normalize(&text));
        }

        #[test]
        fn fast_normalization_equals_nfc_then_lowercase(text in "\\PC{0,30}") {
            proptest::prop_assert_eq!(normalize(&text), reference_normalize(&text));
            proptest::prop_assert_eq!(index_terms(&text), terms_via_segments(&text));
        }
    }

    #[test]
    fn punctuation_and_query_syntax_only_separate() {
        assert_eq!(
            index_terms("\"a\" * NEAR(-b:c)"),
            "a near b c",
            "FTS5 syntax characters are separators"
        );
        assert_eq!(index_terms("   "), "");
    }
}
