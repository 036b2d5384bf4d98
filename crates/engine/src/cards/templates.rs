//! Question templates in Korean and English. The note's language picks the set; Korean
//! particles (은/는, 이/가, 이란/란) follow the last syllable of the word they attach to, so
//! questions read naturally whatever term is spliced in.

pub(crate) use crate::model::Lang;

/// How a word ends when read aloud in Korean: what picks its particle.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Final {
    /// No final consonant (받침): `S3는`, `EC2가`, `람다로`.
    Vowel,
    /// A final ㄹ: `규칙은`, but `규칙으로` vs `ACL로` (으로/로 treats ㄹ like a vowel).
    Rieul,
    /// Any other final consonant: `IAM은`, `1년은`, `버킷이`.
    Consonant,
}

/// Words and acronyms read otherwise than the rules below guess (lower case).
const READINGS: &[(&str, Final)] = &[
    ("nat", Final::Consonant),  // 냇
    ("cidr", Final::Vowel),     // 사이더
    ("saml", Final::Rieul),     // 쌔멀
    ("json", Final::Consonant), // 제이슨
    ("yaml", Final::Rieul),     // 야멀
    ("ram", Final::Consonant),  // 램
    ("set", Final::Vowel),      // 세트
    ("iops", Final::Vowel),     // 아이옵스
    ("fifo", Final::Vowel),     // 파이포
    ("lifo", Final::Vowel),
    ("mib/s", Final::Vowel), // 메비바이트
    ("mb/s", Final::Vowel),
    ("gb/s", Final::Vowel),
    ("%", Final::Vowel), // 퍼센트
];

/// Letters of an acronym read one by one: 엘, 엠, 엔, 알 end in a consonant.
fn letter_final(c: char) -> Final {
    match c.to_ascii_uppercase() {
        'L' | 'R' => Final::Rieul,
        'M' | 'N' => Final::Consonant,
        _ => Final::Vowel,
    }
}

/// A digit read in Korean (일, 이, 삼…): after a number standing alone.
fn korean_digit_final(d: char) -> Final {
    match d {
        '1' | '7' | '8' => Final::Rieul,     // 일, 칠, 팔
        '0' | '3' | '6' => Final::Consonant, // 영·십·백·천·만, 삼, 육
        _ => Final::Vowel,                   // 이, 사, 오, 구
    }
}

/// A digit read in English (one, two…): inside a name such as `EC2`, `S3`, `gp3`, `io1`.
fn english_digit_final(d: char) -> Final {
    match d {
        '1' | '7' | '9' => Final::Consonant, // 원, 세븐, 나인
        _ => Final::Vowel,                   // 투, 쓰리, 포, 파이브, 식스, 에이트, 제로
    }
}

/// An English word as Korean spells it: `-l` → ㄹ, `-m`/`-n`/`-ng` → a consonant, a short
/// vowel before `-t`/`-k`/`-c`/`-p`/`-ck` → a consonant (스팟, 버킷, 그룹), anything else ends
/// in a vowel (스토리지, 클라우드, 엔드포인트).
fn word_final(word: &str) -> Final {
    let lower = word.to_ascii_lowercase();
    let b = lower.as_bytes();
    let last = b[b.len() - 1];
    let before = b.len().checked_sub(2).map(|i| b[i]);
    let is_vowel = |c: u8| matches!(c, b'a' | b'e' | b'i' | b'o' | b'u');
    match last {
        b'l' => Final::Rieul,
        b'm' | b'n' => Final::Consonant,
        b'g' if before == Some(b'n') => Final::Consonant,
        b'k' if before == Some(b'c') => Final::Consonant,
        b't' | b'k' | b'c' | b'p' if before.is_some_and(is_vowel) => Final::Consonant,
        _ => Final::Vowel,
    }
}

/// How `word` ends when read aloud; `None` only for a word with no letter or digit.
fn final_sound(word: &str) -> Option<Final> {
    // A particle after a parenthetical follows the word before it: `기본 성능(baseline)은`.
    let word = match opening_of_final_parenthetical(word) {
        Some(at) if !word[..at].trim().is_empty() => word[..at].trim_end(),
        _ => word,
    };
    let lower = word.trim().to_lowercase();
    for (known, sound) in READINGS {
        if lower.ends_with(known)
            && !lower[..lower.len() - known.len()]
                .chars()
                .last()
                .is_some_and(|c| c.is_ascii_alphabetic())
        {
            return Some(*sound);
        }
    }
    let core = word.trim_end_matches(|c: char| !c.is_alphanumeric());
    let last = core.chars().last()?;
    if ('\u{AC00}'..='\u{D7A3}').contains(&last) {
        let jong = (last as u32 - 0xAC00) % 28;
        return Some(match jong {
            0 => Final::Vowel,
            8 => Final::Rieul,
            _ => Final::Consonant,
        });
    }
    if last.is_ascii_digit() {
        let digits = core.chars().rev().take_while(char::is_ascii_digit).count();
        let before = core.chars().rev().nth(digits);
        // `EC2`, `S3`, `gp3`, `SOA-C03`: a digit attached to letters is read in English.
        let is_name = before.is_some_and(|c| c.is_ascii_alphabetic())
            || (before == Some('-')
                && core
                    .chars()
                    .rev()
                    .nth(digits + 1)
                    .is_some_and(|c| c.is_ascii_alphabetic()));
        return Some(if is_name {
            english_digit_final(last)
        } else {
            korean_digit_final(last)
        });
    }
    if !last.is_ascii_alphabetic() {
        return Some(Final::Vowel);
    }
    let tail: String = core
        .chars()
        .rev()
        .take_while(char::is_ascii_alphabetic)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    // An acronym (`IAM`, `VPC`, `AZs`) is read letter by letter.
    let letters = tail.trim_end_matches('s');
    if letters.len() >= 2 && letters.chars().all(|c| c.is_ascii_uppercase()) {
        return Some(letter_final(tail.chars().last().unwrap_or('A')));
    }
    if tail.len() == 1 {
        return Some(letter_final(last));
    }
    Some(word_final(&tail))
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

/// `word` with the particle pair `(after_consonant, after_vowel)` chosen by how the word is
/// read aloud (은/는, 이/가, 을/를, 과/와, 이란/란). Never the written forms `은(는)`, `(이)란`.
pub(crate) fn josa(word: &str, after_consonant: &str, after_vowel: &str) -> String {
    match final_sound(word) {
        Some(Final::Consonant | Final::Rieul) => format!("{word}{after_consonant}"),
        _ => format!("{word}{after_vowel}"),
    }
}

/// `word` with 으로/로: 로 after a vowel or a final ㄹ (`규칙으로`, `ACL로`, `S3로`).
#[allow(dead_code)]
pub(crate) fn josa_ro(word: &str) -> String {
    match final_sound(word) {
        Some(Final::Consonant) => format!("{word}으로"),
        _ => format!("{word}로"),
    }
}

/// English attribute names read in the middle of a sentence: lower-case the first letter
/// unless the word is an acronym (`AZs`, `SLA`).
fn mid_sentence(attribute: &str) -> String {
    let mut chars = attribute.chars();
    // A name with capitals inside its first word (`DynamoDB`, `CloudFront`) keeps its case.
    let first_word_is_plain = attribute
        .split_whitespace()
        .next()
        .is_some_and(|w| !w.chars().skip(1).any(char::is_uppercase));
    match (chars.next(), chars.next()) {
        (Some(a), Some(b)) if a.is_uppercase() && b.is_lowercase() && first_word_is_plain => a
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

/// Headers of a first column that lists needs or situations rather than things (`Need`,
/// `Requirement in the question`, `Scenario`, `요구 사항`, `상황`): its rows are asked as "which
/// answer fits this need", never as "the service of <a need>".
pub(crate) fn is_need_header(kind: &str) -> bool {
    let kind = kind.trim().to_lowercase();
    [
        "need",
        "requirement",
        "use case",
        "scenario",
        "situation",
        "요구",
        "상황",
        "경우",
        "시나리오",
        "용도",
    ]
    .iter()
    .any(|w| kind.contains(w))
}

/// Whether a header already says "the best fit" (`Best fit`, `Choose`, `가장 알맞은 선택`).
fn says_fit(attribute: &str) -> bool {
    let attribute = attribute.to_lowercase();
    ["fit", "choose", "choice", "알맞", "선택", "적합"]
        .iter()
        .any(|w| attribute.contains(w))
}

/// A row of a need table: "Which service fits this need: “Send one message to many
/// subscribers”?", "“여러 구독자에게 한 번에 보내기”에 알맞은 서비스는?".
pub(crate) fn need_cell(lang: Lang, need: &str, attribute: &str) -> String {
    let need = need.trim();
    let attribute = attribute.trim();
    match lang {
        Lang::En if says_fit(attribute) => format!("What fits this need best: “{need}”?"),
        Lang::En if attribute.split_whitespace().count() <= 2 => format!(
            "Which {} fits this need: “{need}”?",
            mid_sentence(attribute)
        ),
        Lang::En => format!("“{need}”: {}", as_question(attribute)),
        Lang::Ko if says_fit(attribute) => format!("“{need}” — {}?", josa(attribute, "은", "는")),
        Lang::Ko => format!("“{need}”에 알맞은 {}?", josa(attribute, "은", "는")),
    }
}

/// The reverse of [`need_cell`]: "Which need does “SNS topic” fit best?" (an English header
/// such as `Requirement in the question` reads badly mid-sentence), "“SNS 주제”가 가장 알맞은
/// 요구 사항은?".
pub(crate) fn need_reverse(lang: Lang, kind: &str, value: &str) -> String {
    let kind = kind.trim();
    match lang {
        Lang::En => format!("Which need does “{value}” fit best?"),
        Lang::Ko => {
            let with = josa(value, "이", "가");
            let particle = &with[value.len()..];
            // A long header (`문제에 나온 요구 사항`) is said the short way.
            let noun = if kind.chars().count() <= 6 {
                kind
            } else {
                "요구 사항"
            };
            format!(
                "“{value}”{particle} 가장 알맞은 {}?",
                josa(noun, "은", "는")
            )
        }
    }
}

/// Headers of a column that holds "the value" of the row's property (`Value`, `값`): the row
/// names the property, so the question names it and the table's subject instead.
pub(crate) fn is_value_header(attribute: &str) -> bool {
    matches!(
        attribute.trim().to_lowercase().as_str(),
        "value" | "values" | "값" | "수치" | "figure"
    )
}

/// A row of a `Setting | Value` table asked by its property: "DynamoDB limit: what is the
/// maximum item size?", "DynamoDB 한도 — 최대 항목 크기는?".
pub(crate) fn table_value(lang: Lang, kind: &str, entity: &str) -> String {
    match lang {
        Lang::En => format!(
            "{}: what is the {}?",
            kind.trim(),
            mid_sentence(entity.trim())
        ),
        Lang::Ko => format!("{} — {}?", kind.trim(), josa(entity.trim(), "은", "는")),
    }
}

/// The reverse of [`table_value`]: "Which DynamoDB limit is “400 KB”?".
pub(crate) fn table_value_reverse(lang: Lang, kind: &str, value: &str) -> String {
    match lang {
        Lang::En => format!("Which {} is “{value}”?", mid_sentence(kind.trim())),
        Lang::Ko => format!("“{value}”인 {}?", josa(kind.trim(), "은", "는")),
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
        assert_eq!(josa("Spot", "이란", "란"), "Spot이란");
    }

    #[test]
    fn latin_words_acronyms_and_numbers_are_read_aloud() {
        for (word, pair, expected) in [
            ("S3", ("은", "는"), "S3는"),
            ("EC2", ("이", "가"), "EC2가"),
            ("IAM", ("은", "는"), "IAM은"),
            ("1년", ("은", "는"), "1년은"),
            ("gp3", ("을", "를"), "gp3를"),
            ("io1", ("은", "는"), "io1은"),
            ("SOA-C03", ("은", "는"), "SOA-C03는"),
            ("30", ("이", "가"), "30이"),
            ("5", ("과", "와"), "5와"),
            ("VPC", ("과", "와"), "VPC와"),
            ("ACL", ("을", "를"), "ACL을"),
            ("NAT", ("이", "가"), "NAT이"),
            ("CIDR", ("이", "가"), "CIDR가"),
            ("Lambda", ("은", "는"), "Lambda는"),
            ("Bucket", ("이", "가"), "Bucket이"),
            ("Endpoint", ("이", "가"), "Endpoint가"),
            ("Storage", ("은", "는"), "Storage는"),
            ("Pool", ("이", "가"), "Pool이"),
            ("Snapshot", ("이란", "란"), "Snapshot이란"),
            ("CloudFront", ("이란", "란"), "CloudFront란"),
            ("Glacier", ("이란", "란"), "Glacier란"),
            ("Stack", ("을", "를"), "Stack을"),
            ("IOPS", ("이", "가"), "IOPS가"),
            ("1,000 MiB/s", ("이", "가"), "1,000 MiB/s가"),
            ("AZs", ("은", "는"), "AZs는"),
        ] {
            assert_eq!(josa(word, pair.0, pair.1), expected, "{word}");
        }
        assert_eq!(josa_ro("규칙"), "규칙으로");
        assert_eq!(josa_ro("ACL"), "ACL로");
        assert_eq!(josa_ro("S3"), "S3로");
        assert_eq!(josa_ro("버킷"), "버킷으로");
        assert_eq!(josa_ro("1일"), "1일로");
        assert_eq!(josa_ro("IAM"), "IAM으로");
    }

    #[test]
    fn no_placeholder_particle_is_ever_written() {
        for word in [
            "Spot",
            "x",
            "?",
            "—",
            "Amazon Q",
            "abc123",
            "ŽŽ",
            "スポット",
            "™",
        ] {
            for (c, v) in [
                ("은", "는"),
                ("이", "가"),
                ("이란", "란"),
                ("을", "를"),
                ("과", "와"),
            ] {
                let out = josa(word, c, v);
                assert!(!out.contains('(') || word.contains('('), "{out}");
            }
        }
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
    fn value_columns_are_asked_by_the_property_the_row_names() {
        assert!(is_value_header("Value") && is_value_header(" 값 "));
        assert!(!is_value_header("Minimum storage duration"));
        assert_eq!(
            table_value(Lang::En, "DynamoDB limit", "Maximum item size"),
            "DynamoDB limit: what is the maximum item size?"
        );
        assert_eq!(
            table_value(Lang::Ko, "DynamoDB 한도", "항목 최대 크기"),
            "DynamoDB 한도 — 항목 최대 크기는?"
        );
        assert_eq!(
            table_value(Lang::Ko, "API 캐시 설정", "기본 TTL"),
            "API 캐시 설정 — 기본 TTL은?"
        );
        assert_eq!(
            table_value_reverse(Lang::En, "DynamoDB limit", "400 KB"),
            "Which DynamoDB limit is “400 KB”?"
        );
        assert_eq!(
            table_value_reverse(Lang::Ko, "DynamoDB 한도", "400 KB"),
            "“400 KB”인 DynamoDB 한도는?"
        );
        for prompt in [
            table_value(Lang::En, "Quota", "Rules per security group"),
            table_value(Lang::Ko, "할당량", "보안 그룹당 규칙"),
        ] {
            assert!(
                !prompt.contains("value") && !prompt.contains("값"),
                "{prompt}"
            );
        }
    }

    #[test]
    fn yes_no_columns_are_asked_after_a_colon() {
        assert_eq!(
            table_cell(Lang::En, "gp3", "Multi-Attach", true),
            "gp3: Multi-Attach?"
        );
        assert_eq!(
            table_cell(Lang::En, "gp3", "Boot volume", true),
            "gp3: boot volume?"
        );
    }

    #[test]
    fn need_tables_ask_what_fits_the_need() {
        assert!(is_need_header("Requirement in the question"));
        assert!(is_need_header("요구 사항"));
        assert!(!is_need_header("Storage class"));
        assert_eq!(
            need_cell(Lang::En, "Send one message to many subscribers", "Service"),
            "Which service fits this need: “Send one message to many subscribers”?"
        );
        assert_eq!(
            need_cell(Lang::En, "Shared file system for Linux", "Best fit"),
            "What fits this need best: “Shared file system for Linux”?"
        );
        assert_eq!(
            need_cell(Lang::En, "Encryption at rest", "Typical fix when missing"),
            "“Encryption at rest”: typical fix when missing?"
        );
        assert_eq!(
            need_cell(Lang::Ko, "여러 구독자에게 한 번에 보내기", "서비스"),
            "“여러 구독자에게 한 번에 보내기”에 알맞은 서비스는?"
        );
        assert_eq!(
            need_cell(Lang::Ko, "리눅스 공유 파일 시스템", "가장 알맞은 선택"),
            "“리눅스 공유 파일 시스템” — 가장 알맞은 선택은?"
        );
        assert_eq!(
            need_reverse(Lang::En, "Requirement in the question", "SNS topic"),
            "Which need does “SNS topic” fit best?"
        );
        assert_eq!(
            need_reverse(Lang::Ko, "요구 사항", "SNS 주제"),
            "“SNS 주제”가 가장 알맞은 요구 사항은?"
        );
        assert_eq!(
            need_reverse(Lang::Ko, "문제에 나온 요구 사항", "SNS"),
            "“SNS”가 가장 알맞은 요구 사항은?"
        );
        assert_eq!(
            need_reverse(Lang::Ko, "상황", "Amazon EFS"),
            "“Amazon EFS”가 가장 알맞은 상황은?"
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
