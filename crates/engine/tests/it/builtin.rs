//! The built-in course: every file parses, carries complete and valid front matter that
//! agrees with the official exam guides, and its core topics are found by search under
//! their Korean and English names.

use std::path::{Path, PathBuf};

use stratus_engine::{Library, LibraryOptions, SearchQuery, exam_guide};

fn content_files() -> Vec<(String, PathBuf)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../content");
    let mut files = Vec::new();
    for lang in ["ko", "en"] {
        for entry in std::fs::read_dir(root.join(lang)).expect("content/<lang> exists") {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "md") {
                files.push((lang.to_string(), path));
            }
        }
    }
    files.sort();
    files
}

fn front_matter(text: &str) -> serde_yaml_ng::Mapping {
    let rest = text
        .strip_prefix("---\n")
        .expect("file starts with front matter");
    let end = rest.find("\n---\n").expect("front matter is closed");
    serde_yaml_ng::from_str(&rest[..end]).expect("front matter is valid YAML")
}

fn strings(value: &serde_yaml_ng::Value) -> Vec<String> {
    match value {
        serde_yaml_ng::Value::String(s) => vec![s.clone()],
        serde_yaml_ng::Value::Sequence(items) => items
            .iter()
            .map(|v| v.as_str().expect("a list of strings").to_string())
            .collect(),
        other => panic!("expected a string or a list, got {other:?}"),
    }
}

#[test]
fn every_built_in_file_has_complete_front_matter_that_matches_the_exam_guides() {
    let files = content_files();
    assert!(files.len() >= 14, "seven topics in two languages");
    for (lang, path) in &files {
        let name = path.display();
        let text = std::fs::read_to_string(path).unwrap();
        let fm = front_matter(&text);
        let get = |key: &str| {
            fm.get(key)
                .unwrap_or_else(|| panic!("{name}: `{key}` is missing"))
        };
        assert!(
            !get("title").as_str().unwrap().trim().is_empty(),
            "{name}: title"
        );
        assert_eq!(
            get("lang").as_str(),
            Some(lang.as_str()),
            "{name}: lang matches its folder"
        );
        let updated = get("updated");
        let updated = updated
            .as_str()
            .map(str::to_string)
            .unwrap_or_else(|| format!("{updated:?}"));
        assert!(
            chrono::NaiveDate::parse_from_str(&updated, "%Y-%m-%d").is_ok(),
            "{name}: updated {updated}"
        );
        assert!(!strings(get("service")).is_empty(), "{name}: service");

        let exams = strings(get("exam"));
        assert!(!exams.is_empty(), "{name}: exam");
        let domains = get("domain")
            .as_mapping()
            .unwrap_or_else(|| panic!("{name}: domain is a map"));
        for exam in &exams {
            let guide = exam_guide(exam).unwrap_or_else(|| panic!("{name}: unknown exam {exam}"));
            assert_eq!(&guide.code, exam, "{name}: use the full exam code");
            let domain = domains
                .get(exam.as_str())
                .and_then(|d| d.as_str())
                .unwrap_or_else(|| panic!("{name}: no domain for {exam}"));
            let (number, title) = domain
                .split_once(". ")
                .unwrap_or_else(|| panic!("{name}: `{domain}`"));
            let number: u32 = number
                .parse()
                .unwrap_or_else(|_| panic!("{name}: `{domain}`"));
            let official = guide.domains.iter().find(|d| d.number == number);
            assert_eq!(
                official.map(|d| d.name.as_str()),
                Some(title),
                "{name}: {exam} domain `{domain}`"
            );
        }
        assert_eq!(
            domains.len(),
            exams.len(),
            "{name}: one domain per exam, no more"
        );
    }
}

#[test]
fn every_topic_exists_in_both_languages() {
    let files = content_files();
    let names = |lang: &str| -> Vec<String> {
        files
            .iter()
            .filter(|(l, _)| l == lang)
            .map(|(_, p)| p.file_name().unwrap().to_string_lossy().to_string())
            .collect()
    };
    assert_eq!(names("ko"), names("en"));
}

#[test]
fn a_new_learner_meets_cards_of_many_sections_first() {
    let mut lib = Library::open_in_memory(LibraryOptions::default()).unwrap();
    lib.sync_builtin().unwrap();
    let mut sections = std::collections::BTreeSet::new();
    let mut documents = std::collections::BTreeSet::new();
    let mut previous = None;
    for _ in 0..10 {
        let next = lib
            .review_next(&stratus_engine::ReviewScope::All)
            .unwrap()
            .card
            .expect("a new card");
        let card = lib.card(&next.card_id).unwrap();
        let section = (card.document_id, card.heading_path.clone());
        assert_ne!(
            previous.as_ref(),
            Some(&section),
            "two new cards of one section in a row"
        );
        sections.insert(section.clone());
        documents.insert(card.document_id);
        previous = Some(section);
        lib.bury_card(&next.card_id).unwrap();
    }
    assert!(sections.len() >= 5, "{sections:#?}");
    assert!(documents.len() >= 3, "{documents:?}");
}

#[test]
fn built_in_course_imports_cleanly_and_core_topics_are_found_by_name() {
    let mut lib = Library::open_in_memory(LibraryOptions::default()).unwrap();
    let report = lib.sync_builtin().unwrap();
    assert_eq!(report.totals.failed, 0, "{report:?}");
    assert_eq!(report.totals.skipped, 0, "{report:?}");
    assert!(
        report.files.iter().all(|f| f.warnings.is_empty()),
        "{report:?}"
    );

    let cases = [
        ("EC2 구매 옵션", "ko/ec2-purchasing.md"),
        ("EC2 purchasing options", "en/ec2-purchasing.md"),
        ("S3 스토리지 클래스", "ko/s3-storage-classes.md"),
        ("S3 storage classes", "en/s3-storage-classes.md"),
        ("IAM 정책 평가", "ko/iam.md"),
        ("IAM policy evaluation", "en/iam.md"),
    ];
    for (query, expected) in cases {
        let results = lib.search(&SearchQuery::new(query)).unwrap();
        let top: Vec<&str> = results
            .hits
            .iter()
            .take(3)
            .map(|h| h.document.path.as_str())
            .collect();
        assert!(
            top.contains(&expected),
            "{query}: top hits {top:?}, expected {expected}"
        );
    }
}
