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
    // A particle after a parenthetical follows the word before it: `기본 성능(baseline)은`.
    let word = match opening_of_final_parenthetical(word) {
        Some(at) if !word[..at].trim().is_empty() => word[..at].trim_end(),
        _ => word,
    };
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

/// Byte index of the `(` matching the `)` that ends `word`, if it ends with one.
fn opening_of_final_parenthetical(word: &str) -> Option<usize> {
    let trimmed = word.trim_end();
    if !trimmed.ends_with(')') {
        return None;
    }
    let mut depth = 0usize;
    for (i, c) in trimmed.char_indices().rev() {
        match c {
            ')' => depth += 1,
            '(' => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    return Some(i);
                }
            }
            _ => {}
        }
    }
    None
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

/// Words that start a column header written as a clause or question (`What it does`,
/// `Can be interrupted`, `Reserves capacity`) rather than as the name of a property.
const CLAUSE_STARTS: &[&str] = &[
    "what", "which", "how", "when", "where", "who", "why", "can", "could", "is", "are", "does",
    "do", "needs", "must", "has", "have", "reserves", "supports", "requires", "allows", "looks",
    "works", "runs", "counts", "keeps", "applies", "grants", "the", "a", "an", "modify", "sell",
    "switch", "exchange", "enable",
];

/// Prepositions: a header holding one (`Attached to`, `Days without access before moving`)
/// is a clause or a phrase that "What is the … of X?" cannot take.
const PREPOSITIONS: &[&str] = &[
    "to", "in", "at", "of", "for", "by", "from", "on", "with", "before", "after", "into", "per",
    "as", "inside", "without", "within", "between", "over", "under", "through", "via", "than",
];

/// Whether an English column header names a property, so that "What is the <header> of X?"
/// reads as a sentence. Clauses (`What it does`), headers with a preposition, ending in an
/// adjective or participle (`Adjustable`, `Required`), starting or ending in a plural
/// (`Notes`, `AZs`, `Security groups`), and questions (`Grants permissions?`) do not; they
/// are asked as "X: <header>?".
fn names_a_property(attribute: &str) -> bool {
    let words: Vec<&str> = attribute
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
        .collect();
    let (Some(first), Some(last)) = (words.first(), words.last()) else {
        return false;
    };
    let lower = |w: &str| w.to_lowercase();
    // A plural ends in a lower-case `s` (`AZs`, not `IOPS`), but not `ss`, `us` or `is`.
    let is_plural = |w: &str| {
        w.len() > 2
            && w.ends_with('s')
            && !w.ends_with("ss")
            && !w.ends_with("us")
            && !w.ends_with("is")
    };
    let last_lower = lower(last);
    // `Phishing-resistant`, `Read-only`: a compound adjective.
    let is_compound_adjective = last_lower.contains('-')
        && [
            "resistant",
            "only",
            "aware",
            "based",
            "free",
            "safe",
            "specific",
            "wide",
        ]
        .iter()
        .any(|end| last_lower.ends_with(end));
    let is_adjective = is_compound_adjective
        || last_lower.len() > 4
            && ["able", "ible", "ed"]
                .iter()
                .any(|end| last_lower.ends_with(end));
    !(attribute.trim_end().ends_with('?')
        || CLAUSE_STARTS.contains(&lower(first).as_str())
        || words[1..]
            .iter()
            .any(|w| PREPOSITIONS.contains(&lower(w).as_str()))
        || is_adjective
        || is_plural(first)
        || is_plural(last))
}

/// The header as asked after a colon: `Can be interrupted?` → `can be interrupted?`.
fn as_question(attribute: &str) -> String {
    let attribute = mid_sentence(attribute.trim());
    if attribute.ends_with('?') {
        attribute
    } else {
        format!("{attribute}?")
    }
}

/// "What is the minimum storage duration of S3 Glacier Instant Retrieval?", or, for a header
/// that is not a property name, "Spot Instances: can be interrupted?".
/// `is_yes_no`: the column answers yes or no (`Multi-Attach`, `Boot volume`), which "What is
/// the … of X?" cannot ask whatever the header.
pub(crate) fn table_cell(lang: Lang, entity: &str, attribute: &str, is_yes_no: bool) -> String {
    match lang {
        Lang::En if !is_yes_no && names_a_property(attribute) => {
            format!("What is the {} of {entity}?", mid_sentence(attribute))
        }
        Lang::En => format!("{entity}: {}", as_question(attribute)),
        // A header written as a question (`권한 부여?`) is asked as it stands.
        Lang::Ko if attribute.trim_end().ends_with('?') => {
            format!("{entity}: {}", attribute.trim())
        }
        Lang::Ko => format!("{}의 {}?", entity, josa(attribute, "은", "는")),
    }
}

/// "Which storage class has a minimum storage duration of 180 days?", or "Which purchasing
/// option? Can be interrupted: “Yes”".
pub(crate) fn table_reverse(lang: Lang, kind: &str, attribute: &str, value: &str) -> String {
    match lang {
        Lang::En if !names_a_property(attribute) => format!(
            "Which {}? {}: “{value}”",
            mid_sentence(kind),
            attribute.trim().trim_end_matches('?')
        ),
        Lang::En => format!(
            "Which {} has {} “{value}”?",
            mid_sentence(kind),
            mid_sentence(attribute)
        ),
        Lang::Ko if attribute.trim_end().ends_with('?') => format!(
            "어느 {kind}? {}: “{value}”",
            attribute.trim().trim_end_matches('?')
        ),
        Lang::Ko => format!(
            "{} “{value}”인 {}?",
            josa(attribute, "이", "가"),
            josa(kind, "은", "는")
        ),
    }
}

/// "Storage class: which of these has minimum storage duration “180 days”?", or, for a header
/// that is not a property name, "Storage class: which of these? AZs: “1”".
pub(crate) fn comparison_value(lang: Lang, kind: &str, attribute: &str, value: &str) -> String {
    match lang {
        Lang::En if !names_a_property(attribute) => format!(
            "{kind}: which of these? {}: “{value}”",
            attribute.trim().trim_end_matches('?')
        ),
        Lang::En => format!(
            "{kind}: which of these has {} “{value}”?",
            mid_sentence(attribute)
        ),
        Lang::Ko if attribute.trim_end().ends_with('?') => format!(
            "다음 중 어느 {kind}? {}: “{value}”",
            attribute.trim().trim_end_matches('?')
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
                "Minimum storage duration",
                false
            ),
            "What is the minimum storage duration of S3 Glacier Instant Retrieval?"
        );
        assert_eq!(
            table_reverse(
                Lang::En,
                "Storage class",
                "Minimum storage duration",
                "180 days"
            ),
            "Which storage class has minimum storage duration “180 days”?"
        );
    }

    #[test]
    fn headers_that_are_not_property_names_are_asked_after_a_colon() {
        for (header, asked) in [
            ("What it does", "Systems Manager: what it does?"),
            ("Can be interrupted", "Systems Manager: can be interrupted?"),
            ("Attached to", "Systems Manager: attached to?"),
            ("Adjustable", "Systems Manager: adjustable?"),
            (
                "Restore needed before read",
                "Systems Manager: restore needed before read?",
            ),
            ("Notes", "Systems Manager: notes?"),
            ("AZs", "Systems Manager: AZs?"),
            ("Security groups", "Systems Manager: security groups?"),
            (
                "Days without access before moving",
                "Systems Manager: days without access before moving?",
            ),
            ("Logged by default", "Systems Manager: logged by default?"),
            ("Phishing-resistant", "Systems Manager: phishing-resistant?"),
            (
                "Grants permissions?",
                "Systems Manager: grants permissions?",
            ),
        ] {
            assert_eq!(
                table_cell(Lang::En, "Systems Manager", header, false),
                asked
            );
        }
        for property in [
            "Designed availability",
            "Consolidated bill",
            "Attach limit",
            "Minimum storage duration",
            "Typical use",
            "Max IOPS",
            "Class",
            "Value",
        ] {
            assert!(
                table_cell(Lang::En, "X", property, false).starts_with("What is the "),
                "{property}"
            );
        }
        assert_eq!(
            table_reverse(Lang::En, "Purchasing option", "Can be interrupted", "Yes"),
            "Which purchasing option? Can be interrupted: “Yes”"
        );
        assert_eq!(
            comparison_value(Lang::En, "Alarm action", "Notes", "Only on ALARM"),
            "Alarm action: which of these? Notes: “Only on ALARM”"
        );
    }

    #[test]
    fn yes_no_columns_are_asked_after_a_colon() {
        assert_eq!(
            table_cell(Lang::En, "gp3", "Multi-Attach", true),
            "gp3: multi-Attach?"
        );
        assert_eq!(
            table_cell(Lang::En, "gp3", "Boot volume", true),
            "gp3: boot volume?"
        );
    }

    #[test]
    fn korean_headers_written_as_questions_are_asked_as_they_stand() {
        assert_eq!(
            table_cell(Lang::Ko, "SCP", "권한 부여?", false),
            "SCP: 권한 부여?"
        );
        assert_eq!(
            table_reverse(Lang::Ko, "정책", "권한 부여?", "아니오"),
            "어느 정책? 권한 부여: “아니오”"
        );
        assert_eq!(
            table_cell(Lang::Ko, "S3 Standard", "최소 저장 기간", false),
            "S3 Standard의 최소 저장 기간은?"
        );
    }

    #[test]
    fn a_particle_after_a_parenthetical_follows_the_word_before_it() {
        assert_eq!(
            josa("기본 성능(baseline)", "은", "는"),
            "기본 성능(baseline)은"
        );
        assert_eq!(josa("최대 속도(MiB/s)", "은", "는"), "최대 속도(MiB/s)는");
        assert_eq!(
            josa("처리량(MiB/s (최대))", "은", "는"),
            "처리량(MiB/s (최대))은"
        );
    }
}
