//! Search behaviour over small in-memory libraries.

use super::*;
use crate::import::Source;
use crate::model::Origin;
use crate::storage::LibraryOptions;
use rusqlite::OptionalExtension;

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
fn a_section_and_its_snippet_show_clozes_without_their_markers() {
    let lib = lib_with(&[(
        "vpc.md",
        "# VPC\n## CIDR 블록과 Subnet\n/24 subnet에서 쓸 수 있는 주소는 실제로 ==251==개, /28 subnet은 ==11==개만.\n",
    )]);
    let hit = &lib.search(&SearchQuery::new("subnet 주소")).unwrap().hits[0];
    let snippet: String = hit.snippet.iter().map(|s| s.text.as_str()).collect();
    assert!(snippet.contains("실제로 251개"), "{snippet}");
    assert!(!snippet.contains("=="), "{snippet}");
    let view = lib.open_section(hit.section_id).unwrap();
    assert!(
        view.html.contains("실제로 <mark>251</mark>개"),
        "{}",
        view.html
    );
    assert!(!view.html.contains("=="), "{}", view.html);
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
    let count = rank::RANK_CAP as usize + 50;
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

/// `search_terms` against the FTS5 index's own vocabulary (read through a temporary
/// `fts5vocab` table): the same terms with the same section counts.
fn assert_terms_match_index(lib: &Library) {
    let conn = lib.conn();
    conn.execute_batch(
        "CREATE VIRTUAL TABLE IF NOT EXISTS temp.index_vocab
         USING fts5vocab('main', 'sections_fts', 'row')",
    )
    .unwrap();
    let read = |sql: &str| -> Vec<(String, i64)> {
        let mut stmt = conn.prepare(sql).unwrap();
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap()
    };
    let index = read("SELECT term, doc FROM temp.index_vocab ORDER BY term");
    let table = read("SELECT term, sections FROM search_terms ORDER BY term");
    assert!(!index.is_empty() || table.is_empty());
    assert_eq!(table, index);
    // Both FTS5 indexes agree with the sections they index.
    for check in [
        "INSERT INTO sections_fts (sections_fts, rank) VALUES ('integrity-check', 1)",
        "INSERT INTO headings_fts (headings_fts, rank) VALUES ('integrity-check', 1)",
    ] {
        conn.execute_batch(check).unwrap();
    }
}

#[test]
fn term_counts_follow_imports_edits_and_removals() {
    let mut lib = lib_with(&[("ec2.md", EC2)]);
    assert_terms_match_index(&lib);
    let other =
        "# Lambda\n## Limits\nLambda functions run up to 15 minutes; 요금은 요청 수와 시간.\n";
    let source = |text: &'static str| Source {
        origin: Origin::User,
        path: "lambda.md".into(),
        bytes: text.as_bytes(),
        is_markdown_name: true,
        stem: "lambda".into(),
    };
    lib.import_source(&source(other)).unwrap();
    assert_terms_match_index(&lib);
    // An edit replaces one section and keeps the other.
    let edited =
        "# Lambda\n## Limits\nLambda functions run up to 15 minutes; memory up to 10,240 MB.\n";
    lib.import_source(&source(edited)).unwrap();
    assert_terms_match_index(&lib);
    let count = |term: &str| -> Option<i64> {
        lib.conn()
            .query_row(
                "SELECT sections FROM search_terms WHERE term = ?1",
                [term],
                |r| r.get(0),
            )
            .optional()
            .unwrap()
    };
    assert_eq!(count("memory"), Some(1));
    assert_eq!(count("요청"), None, "a term of no section any more is gone");
    assert!(count("요금").unwrap() >= 1);
    for doc in lib.documents().unwrap() {
        lib.remove_document(doc.id).unwrap();
    }
    assert_terms_match_index(&lib);
    let left: i64 = lib
        .conn()
        .query_row("SELECT count(*) FROM search_terms", [], |r| r.get(0))
        .unwrap();
    assert_eq!(left, 0);
}

#[test]
fn a_short_prefix_stands_for_its_most_common_completions() {
    // 20 words starting with `ab`, `abk00` in one section … `abk19` in twenty; and `abs`.
    let mut text = String::from("# Words\n");
    for s in 0..20 {
        text.push_str(&format!("## Part {s}\n"));
        for w in 0..=s {
            text.push_str(&format!("abk{w:02} "));
        }
        text.push_str("absolute\n");
    }
    let lib = lib_with(&[("words.md", text.as_str())]);
    let found = terms::completions(lib.conn(), "ab", MAX_COMPLETIONS).unwrap();
    assert_eq!(found.terms.len(), MAX_COMPLETIONS);
    assert!(!found.is_complete);
    assert_eq!(found.rows, 20 + (1..=20).sum::<i64>());
    assert!(found.terms.contains(&"absolute".to_string()));
    assert!(
        found.terms.contains(&"abk00".to_string()),
        "the most common"
    );
    assert!(
        !found.terms.contains(&"abk19".to_string()),
        "among the rarest"
    );
    // A prefix with few completions stands for all of them.
    let found = terms::completions(lib.conn(), "abk1", MAX_COMPLETIONS).unwrap();
    assert!(found.is_complete);
    assert_eq!(found.terms.len(), 10);
    assert_eq!(found.terms[0], "abk10");
    assert_eq!(headings(&lib, "abk19"), ["Part 19"]);
    assert_eq!(headings(&lib, "abso").len(), 20);
    // Searched through its completions, the short prefix still finds the sections.
    let hits = headings(&lib, "ab");
    assert_eq!(hits.len(), 20);
}

#[test]
fn scores_equal_fts5_bm25_for_single_terms() {
    let lib = lib_with(&[
        ("ec2.md", EC2),
        (
            "more.md",
            "# More\n## EC2 pricing\nEC2 요금 EC2 요금 요금.\n## Glacier\nGlacier 요금은 싸다.\n",
        ),
    ]);
    let conn = lib.conn();
    let totals = store::index_totals(conn).unwrap();
    let sections: i64 = conn
        .query_row("SELECT count(*) FROM sections", [], |r| r.get(0))
        .unwrap();
    let tokens: i64 = conn
        .prepare("SELECT heading_terms, body_terms FROM sections")
        .unwrap()
        .query_map([], |r| {
            let h: String = r.get(0)?;
            let b: String = r.get(1)?;
            Ok((h.split_whitespace().count() + b.split_whitespace().count()) as i64)
        })
        .unwrap()
        .map(|n| n.unwrap())
        .sum();
    assert_eq!(
        totals,
        rank::Totals {
            rows: sections,
            tokens
        }
    );
    let mut compared = 0;
    for word in ["요금", "ec2", "glacier", "iam"] {
        let units = vec![writer::Unit::Exact(word.to_string())];
        let expr = writer::write(&units, Join::All).unwrap();
        let rows_with: Vec<i64> = rank::phrases(&units)
            .iter()
            .map(|p| lib.rows_with(p, &super::CompletionMemo::new(&lib)).unwrap())
            .collect();
        let scorer = rank::Scorer::new(units.clone(), Join::All, &rows_with, totals);
        let mut stmt = conn
            .prepare(
                "SELECT s.heading_terms, s.body_terms, bm25(sections_fts, 4.0, 1.0)
                 FROM sections_fts JOIN sections s ON s.id = sections_fts.rowid
                 WHERE sections_fts MATCH ?1",
            )
            .unwrap();
        let rows: Vec<(String, String, f64)> = stmt
            .query_map([&expr], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .unwrap()
            .map(|r| r.unwrap())
            .collect();
        assert!(!rows.is_empty(), "{word} matches");
        for (heading, body, bm25) in rows {
            let ours = scorer.score(heading.as_bytes(), body.as_bytes());
            assert!(
                (ours + bm25).abs() < 1e-9,
                "{word}: {ours} against FTS5 {}",
                -bm25
            );
            compared += 1;
        }
    }
    assert!(compared >= 8);
}

#[test]
fn glossary_counterparts_match_both_ways_below_the_word_itself() {
    let lib = lib_with(&[
        (
            "en.md",
            "# Spot Instances\nSpare capacity at a discount.\n# Other\nNothing here.\n",
        ),
        (
            "ko.md",
            "# 스팟 인스턴스\n남는 용량을 싸게 쓴다.\n# 수명 주기\n객체를 옮긴다.\n",
        ),
    ]);
    let r = lib.search(&SearchQuery::new("스팟")).unwrap();
    let found: Vec<&str> = r.hits.iter().map(|h| h.heading.as_str()).collect();
    assert_eq!(
        found,
        ["스팟 인스턴스", "Spot Instances"],
        "the word itself first"
    );
    assert_eq!(
        r.expansions,
        [Expansion {
            from: "스팟".into(),
            to: vec!["Spot".into()]
        }]
    );
    let r = lib.search(&SearchQuery::new("spot")).unwrap();
    let found: Vec<&str> = r.hits.iter().map(|h| h.heading.as_str()).collect();
    assert_eq!(found, ["Spot Instances", "스팟 인스턴스"]);
    assert_eq!(headings(&lib, "lifecycle"), ["수명 주기"]);
}

#[test]
fn questions_need_only_their_content_words() {
    let lib = lib_with(&[("ec2.md", EC2)]);
    let r = lib
        .search(&SearchQuery::new("S3 수명주기는 어떻게 되나요?"))
        .unwrap();
    assert_eq!(r.hits[0].heading, "수명주기 정책");
    assert!(!r.is_relaxed);
    assert!(r.ignored_words.contains(&"어떻게".to_string()));
    let r = lib
        .search(&SearchQuery::new("what is a spot instance"))
        .unwrap();
    assert_eq!(r.hits[0].heading, "Spot Instances");
}

#[test]
fn partial_matches_are_labelled_and_nothing_gives_suggestions() {
    let lib = lib_with(&[("ec2.md", EC2)]);
    let r = lib
        .search(&SearchQuery::new("CloudFront 엣지 zzqqxx"))
        .unwrap();
    assert!(r.is_relaxed);
    assert_eq!(r.hits[0].heading, "CloudFront", "most words first");
    let r = lib.search(&SearchQuery::new("역핳")).unwrap();
    assert!(r.hits.is_empty());
    let r = lib.search(&SearchQuery::new("cloudfrontx")).unwrap();
    assert!(!r.hits.is_empty(), "typo corrected");
    let r = lib.search(&SearchQuery::new("스팟트")).unwrap();
    assert!(r.hits.is_empty());
    assert!(r.suggestions.iter().any(|s| s.starts_with("스팟")), "{r:?}");
}

#[test]
fn huge_queries_are_cut_and_say_so() {
    let lib = lib_with(&[("ec2.md", EC2)]);
    let q = "스팟 요금 ".repeat(200_000);
    let started = std::time::Instant::now();
    let r = lib.search(&SearchQuery::new(q)).unwrap();
    assert!(r.is_truncated);
    assert!(!r.hits.is_empty());
    assert!(started.elapsed().as_secs() < 5);
}
