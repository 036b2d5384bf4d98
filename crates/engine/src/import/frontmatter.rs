//! YAML front matter (`title`, `lang`, `exam`, `domain`, `service`, `tags`, `updated`), read
//! leniently: a field may be a string or a list, unknown fields are ignored, and a block that
//! is not valid YAML becomes a warning instead of failing the file.

use serde_yaml_ng::Value;

use super::tags::{SectionTags, normalize_exam_code};

/// What the engine uses from a document's front matter.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct FrontMatter {
    pub title: Option<String>,
    pub lang: Option<String>,
    pub tags: SectionTags,
    pub updated: Option<String>,
}

/// A list-valued field (`tags`, `service`, `exam`): a list, or one string with commas between
/// the items.
fn strings(value: Option<&Value>) -> Vec<String> {
    values(value, true)
}

/// A field whose values are names that may hold commas themselves (`domain`, and any scalar),
/// such as "4. Billing, Pricing, and Support": only a YAML list makes several of them.
fn whole_strings(value: Option<&Value>) -> Vec<String> {
    values(value, false)
}

fn values(value: Option<&Value>, split_commas: bool) -> Vec<String> {
    match value {
        Some(Value::String(s)) if split_commas => s
            .split(',')
            .map(|p| p.trim().to_string())
            .filter(|p| !p.is_empty())
            .collect(),
        Some(Value::String(s)) => Some(s.trim().to_string())
            .filter(|s| !s.is_empty())
            .into_iter()
            .collect(),
        Some(Value::Sequence(items)) => items
            .iter()
            .flat_map(|v| values(Some(v), split_commas))
            .collect(),
        Some(Value::Number(n)) => vec![n.to_string()],
        Some(Value::Bool(b)) => vec![b.to_string()],
        _ => Vec::new(),
    }
}

fn scalar(value: Option<&Value>) -> Option<String> {
    whole_strings(value).into_iter().next()
}

/// Parses a front matter block (without its `---` fences).
pub(crate) fn parse_front_matter(yaml: &str) -> Result<FrontMatter, String> {
    let value: Value = serde_yaml_ng::from_str(yaml).map_err(|e| e.to_string())?;
    let Value::Mapping(map) = value else {
        return Err("front matter is not a mapping of fields".into());
    };
    let get = |key: &str| map.get(Value::String(key.into()));
    let mut tags = SectionTags {
        exams: strings(get("exam").or_else(|| get("exams")))
            .iter()
            .filter_map(|e| normalize_exam_code(e))
            .collect(),
        services: strings(get("service").or_else(|| get("services"))),
        topics: strings(get("tags")),
        domains: Vec::new(),
    };
    match get("domain").or_else(|| get("domains")) {
        Some(Value::Mapping(domains)) => {
            for (exam, domain) in domains {
                let exam = scalar(Some(exam)).unwrap_or_default();
                let exam = normalize_exam_code(&exam).unwrap_or(exam);
                for d in whole_strings(Some(domain)) {
                    tags.domains.push(format!("{exam}: {d}"));
                }
            }
        }
        other => tags.domains = whole_strings(other),
    }
    let mut normalized = SectionTags::default();
    normalized.merge(&tags);
    Ok(FrontMatter {
        title: scalar(get("title")),
        lang: scalar(get("lang")),
        tags: normalized,
        updated: scalar(get("updated")),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_course_fields() {
        let fm = parse_front_matter(
            "title: EC2 purchasing options\nlang: en\nexam: [CLF-C02, SAA-C03]\n\
             domain:\n  SAA-C03: \"4. Design Cost-Optimized Architectures\"\n\
             service: EC2\ntags: [pricing, compute]\nupdated: 2026-11-01\n",
        )
        .unwrap();
        assert_eq!(fm.title.as_deref(), Some("EC2 purchasing options"));
        assert_eq!(fm.lang.as_deref(), Some("en"));
        assert_eq!(fm.tags.exams, ["CLF", "SAA"]);
        assert_eq!(
            fm.tags.domains,
            ["SAA: 4. Design Cost-Optimized Architectures"]
        );
        assert_eq!(fm.tags.services, ["EC2"]);
        assert_eq!(fm.tags.topics, ["compute", "pricing"]);
        assert_eq!(fm.updated.as_deref(), Some("2026-11-01"));
    }

    #[test]
    fn single_strings_and_unknown_fields_are_accepted() {
        let fm = parse_front_matter("exam: SOA\ntags: a, b\nauthor: x\n").unwrap();
        assert_eq!(fm.tags.exams, ["SOA"]);
        assert_eq!(fm.tags.topics, ["a", "b"]);
    }

    #[test]
    fn domain_and_title_values_keep_their_commas() {
        let fm = parse_front_matter(
            "title: Billing, pricing, and support\n\
             domain: {CLF-C02: \"4. Billing, Pricing, and Support\"}\n",
        )
        .unwrap();
        assert_eq!(fm.tags.domains, ["CLF: 4. Billing, Pricing, and Support"]);
        assert_eq!(fm.title.as_deref(), Some("Billing, pricing, and support"));
        let fm = parse_front_matter(
            "domain:\n  - \"2. Security, Identity, and Compliance\"\n  - 3. Cloud Technology\n",
        )
        .unwrap();
        assert_eq!(
            fm.tags.domains,
            [
                "2. Security, Identity, and Compliance",
                "3. Cloud Technology"
            ]
        );
        let fm = parse_front_matter("domain: \"1. Cloud Concepts, Basics\"\n").unwrap();
        assert_eq!(fm.tags.domains, ["1. Cloud Concepts, Basics"]);
    }

    #[test]
    fn invalid_yaml_is_an_error_not_a_panic() {
        assert!(parse_front_matter("title: [unclosed").is_err());
        assert!(parse_front_matter("- just\n- a list\n").is_err());
    }
}
