//! YAML front matter (`title`, `lang`, `exam`, `domain`, `service`, `tags`, `updated`), read
//! leniently: a field may be a string or a list, unknown fields are ignored, and a block that
//! is not valid YAML becomes a warning instead of failing the file.
//!
//! The block is bounded before the YAML parser sees it: libyaml's time grows faster than the
//! input with nesting (80,000 levels of `[[[…]]]` took 21 s) and the value it builds is
//! dropped recursively. A block over [`MAX_FRONT_MATTER_BYTES`] or nested deeper than
//! [`MAX_FRONT_MATTER_DEPTH`] is ignored with a warning; the note itself still imports.

use serde_yaml_ng::Value;

use crate::model::SectionTags;
use crate::model::normalize_exam_code;

/// What the engine uses from a document's front matter.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct FrontMatter {
    pub title: Option<String>,
    pub lang: Option<String>,
    pub tags: SectionTags,
    pub updated: Option<String>,
    /// The document's own identity (decision 0011): kept when the file moves or is renamed.
    pub id: Option<String>,
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

/// The largest front matter block read, in bytes. Real ones — a title, an exam, a domain and
/// a few tags — are under 1 KiB; 64 KiB leaves room for long tag lists.
pub(crate) const MAX_FRONT_MATTER_BYTES: usize = 64 * 1024;
/// The deepest nesting of lists and mappings read. The fields used are at most two levels
/// deep (`domain: {SAA-C03: [..]}`); 32 is generous and keeps parsing and dropping shallow.
pub(crate) const MAX_FRONT_MATTER_DEPTH: usize = 32;

/// Why a front matter block was ignored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum FrontMatterError {
    TooLarge { bytes: usize },
    TooDeep,
    Invalid(String),
}

impl std::fmt::Display for FrontMatterError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FrontMatterError::TooLarge { bytes } => write!(
                f,
                "front matter ignored: {bytes} bytes is over the limit of \
                 {MAX_FRONT_MATTER_BYTES} bytes"
            ),
            FrontMatterError::TooDeep => write!(
                f,
                "front matter ignored: it nests lists or mappings more than \
                 {MAX_FRONT_MATTER_DEPTH} levels deep"
            ),
            FrontMatterError::Invalid(e) => {
                write!(f, "front matter ignored, it is not valid YAML: {e}")
            }
        }
    }
}

/// An upper bound of the nesting depth of a YAML text, found without parsing it: block
/// levels by indentation, `- ` entries opened on one line (`- - - x`), and flow brackets
/// (`[`, `{`) outside quotes and comments. Over-counting is harmless (the limit is far above
/// real front matter); under-counting is not, so anything unclear counts as a level.
fn nesting_depth(yaml: &str) -> usize {
    let mut deepest = 0;
    let mut indents: Vec<usize> = Vec::new();
    let mut flow = 0usize;
    let mut quote: Option<char> = None;
    for line in yaml.lines() {
        let rest = line.trim_start_matches([' ', '\t']);
        if rest.is_empty() || (rest.starts_with('#') && quote.is_none()) {
            continue;
        }
        if flow == 0 && quote.is_none() {
            let indent = line.len() - rest.len();
            while indents.last().is_some_and(|&i| i >= indent) {
                indents.pop();
            }
            indents.push(indent);
        }
        let mut rest = rest;
        let mut entries = 0;
        while quote.is_none() && (rest.starts_with("- ") || rest.starts_with("? ") || rest == "-") {
            entries += 1;
            rest = rest.get(2..).unwrap_or("").trim_start_matches([' ', '\t']);
        }
        let mut line_flow = flow;
        let mut prev = ' ';
        for c in rest.chars() {
            match (quote, c) {
                (Some('\''), '\'') | (Some('"'), '"') if prev != '\\' => quote = None,
                (Some(_), _) => {}
                // A quote opens a string only where a token starts (`it's` is plain text).
                (None, '\'' | '"') if matches!(prev, ' ' | '\t' | '[' | '{' | ',' | ':') => {
                    quote = Some(c)
                }
                (None, '#') if prev == ' ' || prev == '\t' => break,
                (None, '[' | '{') => {
                    flow += 1;
                    line_flow = line_flow.max(flow);
                }
                (None, ']' | '}') => flow = flow.saturating_sub(1),
                (None, _) => {}
            }
            prev = if prev == '\\' && c == '\\' { ' ' } else { c };
        }
        // A mapping value on the same line (`a: b: c` is invalid, but `a: [..]` is one
        // level) is counted by the brackets; block levels by the indentation stack.
        deepest = deepest.max(indents.len() + entries + line_flow);
    }
    deepest
}

/// Parses a front matter block (without its `---` fences), refusing one over the size or
/// depth bounds before the YAML parser sees it.
pub(crate) fn parse_front_matter(yaml: &str) -> Result<FrontMatter, FrontMatterError> {
    if yaml.len() > MAX_FRONT_MATTER_BYTES {
        return Err(FrontMatterError::TooLarge { bytes: yaml.len() });
    }
    if nesting_depth(yaml) > MAX_FRONT_MATTER_DEPTH {
        return Err(FrontMatterError::TooDeep);
    }
    let value: Value =
        serde_yaml_ng::from_str(yaml).map_err(|e| FrontMatterError::Invalid(e.to_string()))?;
    let Value::Mapping(map) = value else {
        return Err(FrontMatterError::Invalid(
            "front matter is not a mapping of fields".into(),
        ));
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
        id: scalar(get("id")),
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
    fn depth_is_counted_from_brackets_entries_and_indentation() {
        assert_eq!(nesting_depth("title: x\ntags: [a, b]\n"), 2);
        assert_eq!(nesting_depth("domain:\n  SAA: [\"1. a\"]\n"), 3);
        assert_eq!(nesting_depth("tags: \"[[[[\"  # [[[[\n"), 1);
        assert_eq!(nesting_depth("a: it's [[x]]\n"), 3);
        assert_eq!(nesting_depth("a: [b'c, [[x]]]\n"), 4);
        assert_eq!(nesting_depth("- - - x\n"), 4);
        let flow = format!("tags: {}x{}\n", "[".repeat(40), "]".repeat(40));
        assert_eq!(nesting_depth(&flow), 41);
        let block: String = (0..40)
            .map(|i| format!("{}k{i}:\n", " ".repeat(i)))
            .collect();
        assert_eq!(nesting_depth(&block), 40);
    }

    #[test]
    fn oversized_and_deep_blocks_are_refused_before_parsing() {
        let deep = format!("tags: {}x{}\n", "[".repeat(200_000), "]".repeat(200_000));
        assert_eq!(
            parse_front_matter(&deep),
            Err(FrontMatterError::TooLarge { bytes: deep.len() })
        );
        let deep = format!("tags: {}x{}\n", "[".repeat(5_000), "]".repeat(5_000));
        assert_eq!(parse_front_matter(&deep), Err(FrontMatterError::TooDeep));
        let deep = format!("tags: {}\n", "{a: ".repeat(5_000));
        assert_eq!(parse_front_matter(&deep), Err(FrontMatterError::TooDeep));
        let deep = format!("tags:\n{}x\n", "- ".repeat(5_000));
        assert_eq!(parse_front_matter(&deep), Err(FrontMatterError::TooDeep));
        let ok = format!("tags: {}x{}\n", "[".repeat(20), "]".repeat(20));
        assert!(parse_front_matter(&ok).is_ok());
    }

    #[test]
    fn invalid_yaml_is_an_error_not_a_panic() {
        assert!(parse_front_matter("title: [unclosed").is_err());
        assert!(parse_front_matter("- just\n- a list\n").is_err());
    }
}
