//! The whole built-in course and its question bank: every topic in both languages with
//! enough cards, found by search under its title, every exam-guide domain covered by cards;
//! and a question bank that matches the exam guides — at least 65 questions per exam and
//! language, each domain's share within 5 points of its weight, at least 15 % with several
//! answers, every question linked to the section that teaches it (and showing that section's
//! headings), the same questions in Korean and English.

use std::collections::BTreeMap;
use std::path::Path;

use stratus_engine::{
    ExamStart, Lang, Library, LibraryOptions, Question, QuestionFilter, SearchQuery, UiLanguage,
    UiSettings, exam_guides, heading_anchor,
};

fn content() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../content"))
}

/// Topic files (not question files) of a language: (stem, title from the front matter).
fn topics(lang: &str) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = std::fs::read_dir(content().join(lang))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .map(|p| {
            let text = std::fs::read_to_string(&p).unwrap();
            let title = text
                .lines()
                .find_map(|l| l.strip_prefix("title: "))
                .unwrap_or_else(|| panic!("{}: no title", p.display()))
                .trim_matches('"')
                .to_string();
            (p.file_stem().unwrap().to_string_lossy().into_owned(), title)
        })
        .collect();
    out.sort();
    out
}

fn course() -> Library {
    let mut lib = Library::open_in_memory(LibraryOptions::default()).unwrap();
    let report = lib.sync_builtin().unwrap();
    let warnings: Vec<String> = report
        .files
        .iter()
        .flat_map(|f| f.warnings.iter().map(move |w| format!("{}: {w}", f.path)))
        .collect();
    assert!(warnings.is_empty(), "{warnings:#?}");
    assert_eq!(report.totals.failed + report.totals.skipped, 0);
    lib
}

/// A library holding the built-in course in one language, as a learner has it.
fn course_in(lang: UiLanguage) -> Library {
    let mut lib = Library::open_in_memory(LibraryOptions::default()).unwrap();
    let settings = UiSettings {
        content_language: lang,
        ..lib.ui_settings().unwrap()
    };
    lib.set_ui_settings(settings).unwrap();
    lib.sync_course().unwrap();
    lib
}

/// The name of a topic: its title up to the first " - " or " — " (what follows lists
/// subtopics).
fn name_of(title: &str) -> &str {
    let cut = [" - ", " — "]
        .iter()
        .filter_map(|sep| title.find(sep))
        .min()
        .unwrap_or(title.len());
    &title[..cut]
}

#[test]
fn every_topic_gives_enough_cards_and_is_found_by_its_name_in_both_languages() {
    let stems = |lang: &str| topics(lang).into_iter().map(|t| t.0).collect::<Vec<_>>();
    assert_eq!(stems("ko"), stems("en"));
    assert!(stems("en").len() >= 23, "{:?}", stems("en"));
    let mut missed = Vec::new();
    for (lang, ui) in [("ko", UiLanguage::Ko), ("en", UiLanguage::En)] {
        let lib = course_in(ui);
        for (stem, title) in topics(lang) {
            let path = format!("{lang}/{stem}.md");
            let lint = lib.lint_cards(&[content().join(&path)]).unwrap();
            assert!(
                lint.card_count >= 60,
                "{path}: {} cards, fewer than 60",
                lint.card_count
            );
            let name = name_of(&title);
            let hits = lib.search(&SearchQuery::new(name)).unwrap().hits;
            let top: Vec<&str> = hits
                .iter()
                .take(5)
                .map(|h| h.document.path.as_str())
                .collect();
            if !top.contains(&path.as_str()) {
                missed.push(format!("{name} → {top:?}"));
            }
        }
    }
    assert!(
        missed.is_empty(),
        "topics not found by their name: {missed:#?}"
    );
}

#[test]
fn every_domain_of_every_exam_has_cards_in_both_languages() {
    let mut empty = Vec::new();
    for lang in [UiLanguage::Ko, UiLanguage::En] {
        let lib = course_in(lang);
        for guide in &exam_guides().exams {
            let stats = lib.progress_stats(Some(&guide.short)).unwrap();
            let exam = stats
                .exams
                .iter()
                .find(|e| e.code == guide.code)
                .unwrap_or_else(|| panic!("{} in stats", guide.code));
            for d in exam.domains.iter().filter(|d| d.number.is_some()) {
                if d.mastery.total == 0 {
                    empty.push(format!("{lang:?} {} {}", guide.code, d.name));
                }
            }
        }
    }
    assert!(empty.is_empty(), "domains without cards: {empty:#?}");
}

fn bank(lib: &Library, lang: Lang) -> Vec<Question> {
    lib.list_questions(&QuestionFilter {
        lang: Some(lang),
        ..QuestionFilter::default()
    })
    .unwrap()
    .into_iter()
    .filter(|q| {
        q.source
            .as_ref()
            .is_some_and(|s| s.path.starts_with(lang.as_str()))
    })
    .collect()
}

#[test]
fn the_question_bank_follows_the_exam_guides_in_both_languages() {
    let lib = course();
    let mut report = Vec::new();
    for lang in [Lang::Ko, Lang::En] {
        let questions = bank(&lib, lang);
        assert!(
            questions.iter().all(|q| q.source.is_some()),
            "every built-in question names its source"
        );
        let multi = questions.iter().filter(|q| q.choose > 1).count();
        let share = multi as f64 / questions.len() as f64;
        assert!(
            share >= 0.15,
            "{lang:?}: {multi} of {} with several answers",
            questions.len()
        );
        for guide in &exam_guides().exams {
            let mut per_domain: BTreeMap<u32, usize> = BTreeMap::new();
            for q in &questions {
                if let Some(e) = q.exams.iter().find(|e| e.exam == guide.short) {
                    *per_domain.entry(e.domain).or_default() += 1;
                }
            }
            let total: usize = per_domain.values().sum();
            report.push(format!("{lang:?} {}: {total} {per_domain:?}", guide.code));
            assert!(total >= 65, "{lang:?} {}: {total} questions", guide.code);
            for d in &guide.domains {
                let n = per_domain.get(&d.number).copied().unwrap_or(0);
                let pct = n as f64 * 100.0 / total as f64;
                assert!(
                    (pct - f64::from(d.weight_percent)).abs() <= 5.0,
                    "{lang:?} {} domain {}: {pct:.1} % against {} %",
                    guide.code,
                    d.number,
                    d.weight_percent
                );
            }
        }
    }
    println!("question bank: {report:#?}");
}

#[test]
fn every_question_source_opens_a_section_and_both_languages_hold_the_same_questions() {
    let lib = course();
    for lang in [Lang::Ko, Lang::En] {
        for q in bank(&lib, lang) {
            let section = lib.question_source_section(&q.id).unwrap();
            assert!(section.is_some(), "{}: {:?}", q.stem, q.source);
        }
    }
    // Same files, same number of questions, same exam tags in the same order.
    let shape = |lang: Lang| -> BTreeMap<String, Vec<String>> {
        let mut out: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for q in bank(&lib, lang) {
            let tags: Vec<String> = q
                .exams
                .iter()
                .map(|e| format!("{}/{}", e.exam, e.domain))
                .collect();
            out.entry(q.topic.clone()).or_default().push(format!(
                "{}:{}",
                tags.join(","),
                q.choose
            ));
        }
        out
    };
    assert_eq!(shape(Lang::Ko), shape(Lang::En));
}

/// What the exam report shows beside a question's source link is the heading path of the
/// section that link opens in the reader: for every built-in question, in a library holding
/// the course in one language as the app has it. Every question is drawn (one exam per
/// guide, as many questions as it has) and the attempt submitted, so each shows its result.
#[test]
fn every_question_shows_the_headings_of_the_section_its_source_opens_in_both_languages() {
    for (ui, lang) in [(UiLanguage::Ko, Lang::Ko), (UiLanguage::En, Lang::En)] {
        let mut lib = course_in(ui);
        let bank = bank(&lib, lang);
        let mut shown = std::collections::BTreeSet::new();
        let mut wrong = Vec::new();
        for guide in &exam_guides().exams {
            let count = bank
                .iter()
                .filter(|q| q.exams.iter().any(|e| e.exam == guide.short))
                .count() as u32;
            let attempt = lib
                .start_exam(&ExamStart {
                    exam: guide.code.clone(),
                    count: Some(count),
                    seed: Some(7),
                    ..ExamStart::default()
                })
                .unwrap();
            assert_eq!(attempt.questions.len() as u32, count, "{}", guide.code);
            let report = lib.submit_exam(attempt.id).unwrap();
            for item in &report.attempt.questions {
                let result = item
                    .result
                    .as_ref()
                    .expect("a submitted exam shows results");
                let source = result.source.as_ref().expect("every question has a source");
                let opened = lib
                    .question_source_section(&item.question_id)
                    .unwrap()
                    .unwrap_or_else(|| panic!("{}: {source:?} opens nothing", item.stem));
                let view = lib.open_section(opened.section_id).unwrap();
                // The section opened is the one the link names…
                assert_eq!(view.document.path, source.path, "{}", item.stem);
                assert_eq!(
                    heading_anchor(&view.heading),
                    source.anchor,
                    "{}",
                    item.stem
                );
                // …and the question shows exactly its headings, which the reader's title and
                // breadcrumbs show too.
                let crumbs: Vec<&String> = view.breadcrumbs.iter().map(|b| &b.heading).collect();
                if result.heading_path != view.heading_path
                    || view.heading_path.last() != Some(&view.heading)
                    || crumbs != view.heading_path.iter().collect::<Vec<_>>()
                {
                    wrong.push(format!(
                        "{}#{}: shows {:?}, opens {:?} ({crumbs:?})",
                        source.path, source.anchor, result.heading_path, view.heading_path
                    ));
                }
                shown.insert(item.question_id.clone());
            }
        }
        let all: std::collections::BTreeSet<_> = bank.iter().map(|q| q.id.clone()).collect();
        assert_eq!(shown, all, "{lang:?}: every question was shown");
        assert!(
            wrong.is_empty(),
            "{lang:?}: {} wrong: {wrong:#?}",
            wrong.len()
        );
    }
}
