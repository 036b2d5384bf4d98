//! Exam tags: the `[CCP/SAA/DVA]` prefix of a heading and the `exam` list of front matter,
//! normalized to one short code per exam (`model::normalize_exam_code`) so that
//! `--exam saa-c03`, `[SAA]` and `SAA-C03` meet.

use crate::model::normalize_exam_code;

/// Splits leading exam tags off a heading: `"[CCP/SAA] EC2 Basics"` gives
/// `(["CLF", "SAA"], "EC2 Basics")`. A bracket group counts only if every part in it is a
/// known exam code, so `"[참고] …"` or `"[1] …"` stay as they are.
pub(crate) fn split_heading_tags(heading: &str) -> (Vec<String>, String) {
    let mut exams = Vec::new();
    let mut rest = heading.trim_start();
    while let Some(inner_and_after) = rest.strip_prefix('[') {
        let Some(close) = inner_and_after.find(']') else {
            break;
        };
        let inner = &inner_and_after[..close];
        let parts: Vec<&str> = inner
            .split(['/', ',', ' ', '|', '·'])
            .filter(|p| !p.is_empty())
            .collect();
        let codes: Option<Vec<String>> = parts.iter().map(|p| normalize_exam_code(p)).collect();
        match codes {
            Some(codes) if !codes.is_empty() => {
                exams.extend(codes);
                rest = inner_and_after[close + 1..].trim_start();
            }
            _ => break,
        }
    }
    exams.sort();
    exams.dedup();
    (exams, rest.trim_end().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn leading_exam_tags_are_split_and_normalized() {
        assert_eq!(
            split_heading_tags("[CCP/SAA/DVA] EC2 Instance Purchasing Options"),
            (
                vec!["CLF".into(), "DVA".into(), "SAA".into()],
                "EC2 Instance Purchasing Options".into()
            )
        );
        assert_eq!(
            split_heading_tags("[SOA][saa-c03]  Spot"),
            (vec!["SAA".into(), "SOA".into()], "Spot".into())
        );
    }

    #[test]
    fn other_brackets_are_kept() {
        assert_eq!(
            split_heading_tags("[참고] 요금"),
            (vec![], "[참고] 요금".into())
        );
        assert_eq!(
            split_heading_tags("[SAA/xyz] A"),
            (vec![], "[SAA/xyz] A".into())
        );
        assert_eq!(split_heading_tags("[SAA"), (vec![], "[SAA".into()));
        assert_eq!(split_heading_tags("A [SAA]"), (vec![], "A [SAA]".into()));
    }

    #[test]
    fn exam_codes_accept_versions_and_nicknames() {
        assert_eq!(normalize_exam_code("saa-c03").as_deref(), Some("SAA"));
        assert_eq!(normalize_exam_code("CCP").as_deref(), Some("CLF"));
        assert_eq!(normalize_exam_code("CLF-C02").as_deref(), Some("CLF"));
        assert_eq!(normalize_exam_code("EC2"), None);
    }

    proptest! {
        #[test]
        fn splitting_never_panics_and_only_removes_a_prefix(s in "\\PC{0,40}") {
            let (exams, rest) = split_heading_tags(&s);
            prop_assert!(s.trim().ends_with(rest.as_str()) || rest.is_empty());
            if exams.is_empty() {
                prop_assert_eq!(rest, s.trim().to_string());
            }
        }

        #[test]
        fn known_tags_round_trip(
            codes in proptest::collection::vec(proptest::sample::select(vec!["SAA", "DVA", "SOA", "CLF"]), 1..4),
            title in "[A-Za-z가-힣][A-Za-z0-9가-힣 ]{0,20}",
        ) {
            let heading = format!("[{}] {}", codes.join("/"), title);
            let (exams, rest) = split_heading_tags(&heading);
            let mut expected: Vec<String> = codes.iter().map(|c| c.to_string()).collect();
            expected.sort();
            expected.dedup();
            prop_assert_eq!(exams, expected);
            prop_assert_eq!(rest, title.trim_end().to_string());
        }
    }
}
