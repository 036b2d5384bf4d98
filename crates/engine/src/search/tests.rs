//! Search behaviour over small in-memory libraries.

use super::*;
use crate::import::{Origin, Source};
use crate::storage::LibraryOptions;

fn lib_with(files: &[(&str, &str)]) -> Library {
    let mut lib = Library::open_in_memory(LibraryOptions::default()).unwrap();
    for (path, text) in files {
        let source = Source {
            origin: Origin::User,
            path: (*path).to_string(),
            bytes: text.as_bytes(),
            is_markdown_name: path.ends_with(".md"),
            stem: (*path).to_string(),
        };
        lib.import_source(&source).unwrap();
    }
    lib
}

fn headings(lib: &Library, q: &str) -> Vec<String> {
    lib.search(&SearchQuery::new(q))
        .unwrap()
        .hits
        .into_iter()
        .map(|h| h.heading)
        .collect()
}

const EC2: &str = "# EC2\n## [CCP/SAA] 구매 옵션\n### Reserved Instances\n예약 인스턴스는 1년 또는 3년 약정으로 요금을 할인받는다.\n\
### Spot Instances\n스팟 인스턴스는 남는 용량을 싸게 쓰지만 중단될 수 있다.\n\
## CloudFront\nCloudFront는 CDN이다. 엣지 로케이션에 캐시한다.\n\
# S3\n## 수명주기 정책\nS3 수명주기 규칙으로 객체를 Glacier로 옮긴다.\n## IAM 역할\nEC2에 IAM 역할을 붙여 임시 자격 증명을 쓴다.\n";

#[test]
fn korean_particles_and_two_syllable_words_match() {
    let lib = lib_with(&[("ec2.md", EC2)]);
    assert_eq!(
        headings(&lib, "요금")[0],
        "Reserved Instances",
        "요금 finds 요금을"
    );
    assert_eq!(headings(&lib, "예약")[0], "Reserved Instances");
    assert_eq!(headings(&lib, "스팟")[0], "Spot Instances");
    assert_eq!(headings(&lib, "S3 수명주기")[0], "수명주기 정책");
    assert_eq!(headings(&lib, "IAM 역할")[0], "IAM 역할");
}

#[test]
fn english_prefix_and_typos() {
    let lib = lib_with(&[("ec2.md", EC2)]);
    assert_eq!(headings(&lib, "cloudfr")[0], "CloudFront");
    let results = lib.search(&SearchQuery::new("cloudfrnot")).unwrap();
    assert_eq!(results.hits[0].heading, "CloudFront");
    assert_eq!(results.corrections[0].replacements, ["cloudfront"]);
    assert!(headings(&lib, "zzzzqqq").is_empty());
}

#[test]
fn child_section_outranks_its_parent() {
    let doc = "# Storage\nS3 overview.\n## S3 Glacier\nGlacier is archive storage. Glacier retrieval takes hours.\n";
    let lib = lib_with(&[("s.md", doc)]);
    assert_eq!(
        headings(&lib, "glacier"),
        ["S3 Glacier"],
        "the parent holds no child text"
    );
}

#[test]
fn heading_match_outranks_body_match() {
    let doc = "# Alpha\nmentions lambda once.\n# Lambda\nserverless functions.\n";
    let lib = lib_with(&[("a.md", doc)]);
    assert_eq!(headings(&lib, "lambda")[0], "Lambda");
}

#[test]
fn filters_by_exam_document_and_scope() {
    let lib = lib_with(&[("ec2.md", EC2), ("other.md", "# Spot\n스팟 요금 메모\n")]);
    let mut q = SearchQuery::new("스팟");
    assert_eq!(lib.search(&q).unwrap().hits.len(), 2);
    q.exam = Some("saa-c03".into());
    let hits = lib.search(&q).unwrap().hits;
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].exams, ["CLF", "SAA"]);
    q.exam = Some("nope".into());
    assert!(lib.search(&q).is_err());
    q.exam = None;
    q.document_id = Some(hits[0].document.id);
    assert_eq!(lib.search(&q).unwrap().hits.len(), 1);
    q.document_id = None;
    q.scope = SearchScope::Builtin;
    assert!(lib.search(&q).unwrap().hits.is_empty());
    q.scope = SearchScope::Imported;
    assert_eq!(lib.search(&q).unwrap().hits.len(), 2);
}

#[test]
fn syntax_characters_never_error() {
    let lib = lib_with(&[("ec2.md", EC2)]);
    for q in [
        "\"",
        "a\"b",
        "*",
        "NEAR(",
        "-스팟",
        "cloud:front",
        "((",
        "AND OR NOT",
        "^x",
        "\"\"",
    ] {
        lib.search(&SearchQuery::new(q)).unwrap();
    }
    assert_eq!(
        headings(&lib, "-스팟")[0],
        "Spot Instances",
        "- is not negation"
    );
}

#[test]
fn no_common_section_relaxes_to_any_word() {
    let lib = lib_with(&[("ec2.md", EC2)]);
    let r = lib.search(&SearchQuery::new("glacier 스팟")).unwrap();
    assert!(r.is_relaxed);
    assert_eq!(r.hits.len(), 2);
}

#[test]
fn snippets_mark_the_query_words() {
    let lib = lib_with(&[("ec2.md", EC2)]);
    let hit = &lib.search(&SearchQuery::new("요금")).unwrap().hits[0];
    assert!(
        hit.snippet.iter().any(|s| s.is_match && s.text == "요금"),
        "{:?}",
        hit.snippet
    );
    assert_eq!(hit.heading_path, ["EC2", "구매 옵션", "Reserved Instances"]);
}

#[test]
fn palette_ranks_heading_paths_fuzzily() {
    let lib = lib_with(&[("ec2.md", EC2)]);
    let hits = lib.palette("resins", 5).unwrap();
    assert_eq!(
        hits[0].heading_path,
        ["EC2", "구매 옵션", "Reserved Instances"]
    );
    assert!(!hits[0].matched_indices.is_empty());
    assert_eq!(lib.palette("", 3).unwrap().len(), 3);
    assert!(lib.palette("qqqxxx", 5).unwrap().is_empty());
}

#[test]
fn palette_sees_new_imports() {
    let mut lib = lib_with(&[("ec2.md", EC2)]);
    assert!(lib.palette("kinesis", 5).unwrap().is_empty());
    let source = Source {
        origin: Origin::User,
        path: "k.md".into(),
        bytes: b"# Kinesis\nstreams\n",
        is_markdown_name: true,
        stem: "k".into(),
    };
    lib.import_source(&source).unwrap();
    lib.invalidate_caches();
    assert_eq!(lib.palette("kinesis", 5).unwrap().len(), 1);
}

#[test]
fn open_section_gives_breadcrumbs_and_html() {
    let lib = lib_with(&[("ec2.md", EC2)]);
    let hit = &lib.search(&SearchQuery::new("예약")).unwrap().hits[0];
    let view = lib.open_section(hit.section_id).unwrap();
    let crumbs: Vec<_> = view
        .breadcrumbs
        .iter()
        .map(|b| b.heading.as_str())
        .collect();
    assert_eq!(crumbs, ["EC2", "구매 옵션", "Reserved Instances"]);
    assert!(view.breadcrumbs.iter().all(|b| b.section_id.is_some()));
    assert!(
        view.html.starts_with("<h3>Reserved Instances</h3>"),
        "{}",
        view.html
    );
    assert_eq!(view.tags.exams, ["CLF", "SAA"]);
    assert!(matches!(
        lib.open_section(crate::ids::SectionId(999_999)),
        Err(crate::Error::NotFound { .. })
    ));
}

#[test]
fn a_word_in_more_sections_than_are_ranked_still_finds_its_heading_first() {
    let count = crate::storage::search::RANK_CAP as usize + 50;
    let mut md = String::from("# Zeta basics\nzeta once.\n");
    for i in 0..count {
        md.push_str(&format!(
            "## Note {i}\nzeta zeta appears in the body here.\n"
        ));
    }
    let lib = lib_with(&[("many.md", &md)]);
    let results = lib.search(&SearchQuery::new("zeta")).unwrap();
    assert_eq!(results.hits.len(), 20);
    assert_eq!(results.hits[0].heading, "Zeta basics");
}
