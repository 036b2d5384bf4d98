//! Question templates in Korean and English. The note's language picks the set; Korean
//! particles (은/는, 이/가, 이란/란) follow the last syllable of the word they attach to, so
//! questions read naturally whatever term is spliced in.

use serde::{Deserialize, Serialize};

/// The language questions are written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum Lang {
    Ko,
    En,
}

impl Lang {
    /// `ko` for Korean notes, English for everything else.
    pub fn from_code(code: &str) -> Self {
        if code.trim().to_ascii_lowercase().starts_with("ko") {
            Lang::Ko
        } else {
            Lang::En
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Lang::Ko => "ko",
            Lang::En => "en",
        }
    }
}

/// Whether the last letter of `word` ends in a consonant (has a 받침); `None` when it is not
/// Hangul, or a digit or Latin letter whose reading is ambiguous.
fn has_final_consonant(word: &str) -> Option<bool> {
    let last = word
        .trim_end_matches(|c: char| !c.is_alphanumeric())
        .chars()
        .last()?;
    if ('\u{AC00}'..='\u{D7A3}').contains(&last) {
        return Some(!(last as u32 - 0xAC00).is_multiple_of(28));
    }
    // Digits as read in Korean: 0 영, 1 일, 3 삼, 6 육, 7 칠, 8 팔 end in a consonant.
    if last.is_ascii_digit() {
        return Some(matches!(last, '0' | '1' | '3' | '6' | '7' | '8'));
    }
    let tail: String = word
        .trim_end_matches(|c: char| !c.is_alphanumeric())
        .chars()
        .rev()
        .take_while(char::is_ascii_alphabetic)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    if tail.len() >= 2 && tail.chars().all(|c| c.is_ascii_uppercase()) {
        // An acronym is read letter by letter: 엘, 엠, 엔, 알 end in a consonant.
        return Some(matches!(last, 'L' | 'M' | 'N' | 'R'));
    }
    let lower = tail.to_ascii_lowercase();
    if lower.ends_with("ng") || lower.ends_with(['l', 'm', 'n']) {
        Some(true)
    } else if lower.ends_with(['a', 'e', 'i', 'o', 'u', 'y', 'r', 's', 'x']) {
        Some(false)
    } else {
        None
    }
}

/// `word` with the particle pair `(after_consonant, after_vowel)`, or the written form that
/// covers both (`은(는)`, `(이)란`) when the reading is unknown.
pub(crate) fn josa(word: &str, after_consonant: &str, after_vowel: &str) -> String {
    match has_final_consonant(word) {
        Some(true) => format!("{word}{after_consonant}"),
        Some(false) => format!("{word}{after_vowel}"),
        None if after_consonant.ends_with(after_vowel) => {
            let extra = &after_consonant[..after_consonant.len() - after_vowel.len()];
            format!("{word}({extra}){after_vowel}")
        }
        None => format!("{word}{after_consonant}({after_vowel})"),
    }
}

/// English attribute names read in the middle of a sentence: lower-case the first letter
/// unless the word is an acronym (`AZs`, `SLA`).
fn mid_sentence(attribute: &str) -> String {
    let mut chars = attribute.chars();
    match (chars.next(), chars.next()) {
        (Some(a), Some(b)) if a.is_uppercase() && b.is_lowercase() => a
            .to_lowercase()
            .chain(attribute[a.len_utf8()..].chars())
            .collect(),
        _ => attribute.to_string(),
    }
}

/// "What is the minimum storage duration of S3 Glacier Instant Retrieval?"
pub(crate) fn table_cell(lang: Lang, entity: &str, attribute: &str) -> String {
    match lang {
        Lang::En => format!("What is the {} of {entity}?", mid_sentence(attribute)),
        Lang::Ko => format!("{}의 {}?", entity, josa(attribute, "은", "는")),
    }
}

/// "Which storage class has a minimum storage duration of 180 days?"
pub(crate) fn table_reverse(lang: Lang, kind: &str, attribute: &str, value: &str) -> String {
    match lang {
        Lang::En => format!(
            "Which {} has {} “{value}”?",
            mid_sentence(kind),
            mid_sentence(attribute)
        ),
        Lang::Ko => format!(
            "{} “{value}”인 {}?",
            josa(attribute, "이", "가"),
            josa(kind, "은", "는")
        ),
    }
}

/// "Which of these storage classes has AZs “1”?"
pub(crate) fn comparison_value(lang: Lang, kind: &str, attribute: &str, value: &str) -> String {
    match lang {
        Lang::En => format!(
            "{kind}: which of these has {} “{value}”?",
            mid_sentence(attribute)
        ),
        Lang::Ko => format!(
            "다음 중 {} “{value}”인 {}?",
            josa(attribute, "이", "가"),
            josa(kind, "은", "는")
        ),
    }
}

/// "Which of these is described: …?" with sibling terms as options.
pub(crate) fn comparison_definition(lang: Lang, definition: &str) -> String {
    match lang {
        Lang::En => format!("Which of these matches: “{definition}”?"),
        Lang::Ko => format!("다음 설명에 해당하는 것은? “{definition}”"),
    }
}

/// "What is Spot Instance?"
pub(crate) fn definition(lang: Lang, term: &str) -> String {
    match lang {
        Lang::En => format!("What is {term}?"),
        Lang::Ko => format!("{}?", josa(term, "이란", "란")),
    }
}

/// "Which term is this: …?"
pub(crate) fn definition_reverse(lang: Lang, definition: &str) -> String {
    match lang {
        Lang::En => format!("Which term is this: “{definition}”?"),
        Lang::Ko => format!("다음 설명에 해당하는 용어는? “{definition}”"),
    }
}

/// The blank shown in place of a cloze answer.
pub(crate) const BLANK: &str = "[...]";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn particles_follow_the_last_syllable() {
        assert_eq!(josa("약정", "은", "는"), "약정은");
        assert_eq!(josa("할인", "이", "가"), "할인이");
        assert_eq!(josa("스팟 인스턴스", "이란", "란"), "스팟 인스턴스란");
        assert_eq!(josa("최대 72%", "이", "가"), "최대 72%가");
        assert_eq!(josa("AZ", "은", "는"), "AZ는");
        assert_eq!(josa("IAM", "은", "는"), "IAM은");
        assert_eq!(josa("Troubleshooting", "이란", "란"), "Troubleshooting이란");
        assert_eq!(josa("Instances", "이란", "란"), "Instances란");
        assert_eq!(josa("Spot", "이란", "란"), "Spot(이)란");
    }

    #[test]
    fn english_templates_read_as_sentences() {
        assert_eq!(
            table_cell(
                Lang::En,
                "S3 Glacier Instant Retrieval",
                "Minimum storage duration"
            ),
            "What is the minimum storage duration of S3 Glacier Instant Retrieval?"
        );
        assert_eq!(
            table_reverse(Lang::En, "Storage class", "AZs", "1"),
            "Which storage class has AZs “1”?"
        );
    }
}
