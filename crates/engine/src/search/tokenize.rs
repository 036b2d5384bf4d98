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
    text.nfc().flat_map(char::to_lowercase).collect()
}

pub(crate) fn is_hangul_syllable(c: char) -> bool {
    ('\u{AC00}'..='\u{D7A3}').contains(&c)
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
    for c in text.nfc().flat_map(char::to_lowercase) {
        if is_hangul_syllable(c) {
            if !current_is_hangul {
                flush(&mut current, false, &mut out);
                current_is_hangul = true;
            }
            current.push(c);
        } else if c.is_alphanumeric() {
            if current_is_hangul {
                flush(&mut current, true, &mut out);
                current_is_hangul = false;
            }
            current.push(c);
        } else {
            flush(&mut current, current_is_hangul, &mut out);
        }
    }
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

/// The indexed form of `text`: its tokens separated by single spaces.
pub(crate) fn index_terms(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 2);
    for segment in segments(text) {
        for token in segment_tokens(&segment) {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(&token);
        }
    }
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
