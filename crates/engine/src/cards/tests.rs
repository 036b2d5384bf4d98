//! Tests of card generation: snapshots per source kind in Korean and English, properties over
//! arbitrary markdown, identity across edits through a real library, and the floors for the
//! built-in course and the notebook of the test fixtures.

use std::collections::{BTreeMap, BTreeSet};

use proptest::prelude::*;
use rusqlite::params;

use super::*;
use crate::storage::LibraryOptions;

const SEED: u64 = 7;

fn lint(text: &str) -> CardLintFile {
    lint_text("notes/fixture.md", text, true, SEED)
}

/// The cards of a fixture as compact lines for snapshots: line, generator, kind, prompt,
/// answer and options.
fn view(text: &str) -> Vec<String> {
    let file = lint(text);
    let mut out: Vec<String> = file
        .cards
        .iter()
        .map(|c| {
            let mut s = format!(
                "{} {}/{}: {} => {}",
                c.line,
                c.generator.as_str(),
                c.kind.as_str(),
                c.prompt,
                c.answer
            );
            if !c.options.is_empty() {
                let opts: Vec<String> = c
                    .options
                    .iter()
                    .map(|o| format!("{}{}", if o.is_correct { "*" } else { "" }, o.text))
                    .collect();
                s.push_str(&format!(" [{}]", opts.join(" | ")));
            }
            s
        })
        .collect();
    out.extend(
        file.skipped
            .iter()
            .map(|s| format!("{} skipped {:?}: {}", s.line, s.reason, s.text)),
    );
    out
}

#[test]
fn web_notes_make_no_card_of_page_furniture_and_no_bullet_reaches_a_card() {
    let notes = [
        include_str!("../../tests/fixtures/notebook/blog-iam-organizations.txt"),
        include_str!("../../tests/fixtures/notebook/blog-vpc-network.txt"),
        include_str!("../../tests/fixtures/notebook/slides-serverless-patterns.txt"),
    ];
    let mut cards = 0;
    for (i, text) in notes.iter().enumerate() {
        let file = lint_text(&format!("notes/web-{i}.txt"), text, false, SEED);
        cards += file.cards.len();
        for c in &file.cards {
            let texts = [&c.prompt, &c.answer]
                .into_iter()
                .chain(c.options.iter().map(|o| &o.text));
            for t in texts {
                assert!(
                    !t.contains(['•', '◦', '▪', '‣', '※']) && !t.contains(" · "),
                    "a bullet in {t:?}"
                );
                let lower = t.to_lowercase();
                for furniture in ["top of page", "728x90", "share on", "공유하기", "구독하기"]
                {
                    assert!(!lower.contains(furniture), "{furniture} in {t:?}");
                }
            }
        }
        // The bulleted definitions of the blog become term cards without their bullets.
        if i == 0 {
            assert!(
                file.cards
                    .iter()
                    .any(|c| c.prompt == "AWS Organizations란?"),
                "{:#?}",
                file.cards.iter().map(|c| &c.prompt).collect::<Vec<_>>()
            );
        }
    }
    assert!(cards > 30, "{cards}");
}

/// Two sections of one note whose tables key the same reverse question to different rows.
const REPEATED_EN: &str = "---\nlang: en\n---\n# Pricing\n## Savings Plans\n\n\
| Option | Maximum discount |\n|---|---|\n| EC2 Instance Savings Plans | 72% |\n\
| Compute Savings Plans | 66% |\n| SageMaker Savings Plans | 64% |\n| Database Savings Plans | 35% |\n\n\
## Reserved Instances\n\n| Option | Maximum discount |\n|---|---|\n| Standard RI | 72% |\n\
| Convertible RI | 54% |\n| Regional RI | 40% |\n| Scheduled RI | 10% |\n";

#[test]
fn a_question_asked_twice_with_different_answers_is_told_apart_by_its_section() {
    let file = lint(REPEATED_EN);
    let asked: Vec<(&str, &str)> = file
        .cards
        .iter()
        .filter(|c| c.prompt.contains("“72%”"))
        .map(|c| (c.prompt.as_str(), c.answer.as_str()))
        .collect();
    assert_eq!(asked.len(), 2, "{asked:?}");
    assert_ne!(asked[0].0, asked[1].0, "{asked:?}");
    for (prompt, answer) in &asked {
        let section = if answer.contains("Savings") {
            "Savings Plans: "
        } else {
            "Reserved Instances: "
        };
        assert!(prompt.starts_with(section), "{prompt} => {answer}");
    }
    // Every question of the note has one answer.
    let mut answers: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for c in &file.cards {
        answers
            .entry(norm_text(&c.prompt))
            .or_default()
            .insert(norm_text(&c.answer));
    }
    assert!(answers.values().all(|a| a.len() == 1), "{answers:?}");
}

/// Terms of one list, one of which is a property rather than a name.
const MIXED_KINDS_EN: &str = "---\nlang: en\n---\n# VPC\n## Firewalls\n\n\
- **Security group**: a firewall attached to network interfaces that remembers connections.\n\
- **Network ACL**: a firewall attached to subnets that checks each packet on its own.\n\
- **Stateful**: return traffic is allowed without a rule of its own.\n\
- **AWS Network Firewall**: a managed firewall for VPCs with deep packet inspection.\n\
- **AWS WAF**: a firewall for web requests to CloudFront, ALB and API Gateway.\n";

#[test]
fn choices_offer_only_options_of_the_answers_kind() {
    let file = lint(MIXED_KINDS_EN);
    let choices: Vec<&GeneratedCard> = file
        .cards
        .iter()
        .filter(|c| !c.options.is_empty())
        .collect();
    assert!(!choices.is_empty(), "{:#?}", file.cards);
    for c in &choices {
        let answer = c.options.iter().find(|o| o.is_correct).unwrap();
        assert_ne!(answer.text, "Stateful", "{c:#?}");
        assert!(
            c.options.iter().all(|o| o.text != "Stateful"),
            "a property offered among names: {c:#?}"
        );
        assert!(c.options.len() >= 4, "{c:#?}");
    }
    assert!(
        file.skipped
            .iter()
            .any(|s| s.reason == CardSkipReason::TooFewDistractors),
        "{:#?}",
        file.skipped
    );
}

#[test]
fn a_question_never_opens_with_a_pronoun() {
    let file = lint(
        "---\nlang: en\n---\n# Lambda\n## Limits\n\n\
| Limit | Maximum |\n|---|---|\n| Its timeout | 15 minutes |\n| Memory | 10,240 MB |\n",
    );
    assert!(
        file.cards
            .iter()
            .all(|c| !c.prompt.to_lowercase().starts_with("its ")),
        "{:#?}",
        file.cards
    );
    assert!(file.cards.iter().any(|c| c.answer == "10,240 MB"));
}

#[test]
fn value_tables_name_the_property_in_the_question() {
    for (text, want) in [
        (
            "---\nlang: en\n---\n# DynamoDB\n## Limits\n\n| DynamoDB limit | Value |\n|---|---|\n\
| Maximum item size | 400 KB |\n| Items per transaction | 100 |\n",
            "DynamoDB limit: what is the maximum item size?",
        ),
        (
            "---\nlang: ko\n---\n# DynamoDB\n## 한도\n\n| DynamoDB 한도 | 값 |\n|---|---|\n\
| 항목 최대 크기 | 400 KB |\n| 트랜잭션당 항목 수 | 100개 |\n",
            "DynamoDB 한도 — 항목 최대 크기는?",
        ),
    ] {
        let file = lint(text);
        let prompts: Vec<&str> = file.cards.iter().map(|c| c.prompt.as_str()).collect();
        assert!(prompts.contains(&want), "{prompts:?}");
        assert!(
            prompts
                .iter()
                .all(|p| !p.contains("value of") && !p.contains("의 값")),
            "{prompts:?}"
        );
    }
}

const TABLE_EN: &str = "---\nlang: en\n---\n# S3\n## Classes [SAA]\n\n\
| Storage class | Minimum storage duration | AZs |\n|---|---|---|\n\
| S3 Standard | None | ≥ 3 |\n| S3 Standard-IA | 30 days | ≥ 3 |\n\
| S3 One Zone-IA | 30 days | 1 |\n| S3 Glacier Instant Retrieval | 90 days | ≥ 3 |\n\
| S3 Glacier Deep Archive | 180 days | ≥ 3 |\n| S3 Express One Zone | — | 1 |\n";

const TABLE_KO: &str = "---\nlang: ko\n---\n# EC2\n## 구매 옵션\n\n\
| 옵션 | 약정 | 최대 할인 |\n|---|---|---|\n\
| On-Demand | 없음 | 없음 |\n| Standard RI | 1년 또는 3년 | 최대 72% |\n\
| Compute Savings Plans | 1년 또는 3년 | 최대 66% |\n| Spot Instances | 없음 | 최대 90% |\n\
| Dedicated Hosts | 없음 | — |\n";

const DEFINITIONS_EN: &str = "# EC2\n## Purchase options\n\n\
- **Spot Instance**: spare EC2 capacity at a steep discount that AWS can reclaim.\n\
- Convertible RI : a Reserved Instance whose instance family can be exchanged during the term.\n\
- Dedicated Host\n  - A physical server reserved for you, for per-core licences.\n\
- **Savings Plan:** a commitment to spend a fixed amount per hour for one or three years.\n";

const DEFINITIONS_KO: &str = "# EC2\n## 구매 옵션\n\n\
- **스팟 인스턴스**: 남는 EC2 capacity를 크게 할인해 파는 것으로 AWS가 회수할 수 있다.\n\
- 전환형 RI : 기간 중에 instance family를 다른 것으로 교환할 수 있는 예약 인스턴스.\n\
- 전용 호스트\n  - 내 계정 전용으로 할당된 물리 서버로 소켓과 코어가 보인다.\n\
- **Savings Plan**: 1년 또는 3년 동안 시간당 일정 금액을 쓰겠다고 약정하는 모델.\n";

const NUMBERS_EN: &str = "# EC2\n## Reserved Instances\n\n\
Reserved Instances give up to 72% off compared with On-Demand. Spot Instances get a notice\n\
2 minutes before they are reclaimed.\n\n- Capacity Reservations\n  - bill at least 1 hour when created.\n";

const NUMBERS_KO: &str = "# EC2\n## 예약 인스턴스\n\n\
- 온디맨드에 비해서 72% 정도 할인이 된다.\n- 스팟 인스턴스는 2분 전에 중단 통지를 받는다.\n\
- 배치 그룹은 AZ 당 7개의 인스턴스로 제한된다.\n";

const EXPLICIT_EN: &str = "# S3\n\
Which class is the default? :: S3 Standard\n\n\
Directory bucket ::: the bucket type of S3 Express One Zone\n\n\
A 10 KB object in One Zone-IA is billed as ==128 KB== for ==30 days==.\n\n\
Deep Archive restores take {{c1::12 hours}} (Standard) or {{c2::48 hours}} (Bulk).\n\n\
How long must objects stay in S3 Standard before moving to Standard-IA?\n?\nAt least 30 days.\n\n\
Which class suits unknown access patterns?\n- [ ] S3 Standard-IA\n- [x] S3 Intelligent-Tiering\n- [ ] S3 One Zone-IA\n\n\
Use `Fn::GetAtt` :: here to read an attribute, and `a :: b` in code is literal.\n";

const EXPLICIT_KO: &str = "# S3\n\
업로드 시 클래스를 안 정하면? :: S3 Standard\n\n\
디렉터리 버킷 ::: S3 Express One Zone 객체를 담는 버킷\n\n\
One Zone-IA의 10 KB 객체는 ==128 KB==로 ==30일== 동안 과금된다.\n\n\
어떤 클래스가 접근 패턴을 모를 때 맞는가?\n- [ ] S3 Standard-IA\n- [x] S3 Intelligent-Tiering\n- [ ] S3 Glacier Deep Archive\n\n\
빈 선택지 질문?\n- [ ] 하나\n- [ ] 둘\n";

const COMPARISON_EN: &str = "# Placement groups\n\n\
- Cluster : packs instances close together inside one Availability Zone for low latency.\n\
- Spread : places each instance on distinct hardware, at most 7 per AZ per group.\n\
- Partition : spreads instances across partitions that share no racks, for HDFS or Kafka.\n\
- Default : lets EC2 place instances across the underlying hardware as it sees fit.\n";

const COMPARISON_KO: &str = "# 배치 그룹\n\n\
- 클러스터 : 하나의 가용 영역 안에서 인스턴스를 가깝게 모아 지연을 줄인다.\n\
- 분산 : 각 인스턴스를 서로 다른 랙에 두며 AZ 당 그룹 당 7개까지다.\n\
- 파티션 : 랙을 공유하지 않는 파티션에 인스턴스를 나누어 HDFS나 Kafka에 쓴다.\n\
- 기본 : EC2가 기본 하드웨어에 알아서 인스턴스를 분산해 둔다.\n";

#[test]
fn snapshot_table_en() {
    insta::assert_yaml_snapshot!(view(TABLE_EN));
}

#[test]
fn snapshot_table_ko() {
    insta::assert_yaml_snapshot!(view(TABLE_KO));
}

#[test]
fn snapshot_definitions_en() {
    insta::assert_yaml_snapshot!(view(DEFINITIONS_EN));
}

#[test]
fn snapshot_definitions_ko() {
    insta::assert_yaml_snapshot!(view(DEFINITIONS_KO));
}

#[test]
fn snapshot_numbers_en() {
    insta::assert_yaml_snapshot!(view(NUMBERS_EN));
}

#[test]
fn snapshot_numbers_ko() {
    insta::assert_yaml_snapshot!(view(NUMBERS_KO));
}

#[test]
fn snapshot_explicit_en() {
    insta::assert_yaml_snapshot!(view(EXPLICIT_EN));
}

#[test]
fn snapshot_explicit_ko() {
    insta::assert_yaml_snapshot!(view(EXPLICIT_KO));
}

#[test]
fn snapshot_comparison_en() {
    insta::assert_yaml_snapshot!(view(COMPARISON_EN));
}

#[test]
fn snapshot_comparison_ko() {
    insta::assert_yaml_snapshot!(view(COMPARISON_KO));
}

#[test]
fn table_cards_ask_both_ways_and_distractors_are_other_rows() {
    let file = lint(TABLE_EN);
    let cell = file
        .cards
        .iter()
        .find(|c| {
            c.prompt == "What is the minimum storage duration of S3 Glacier Instant Retrieval?"
        })
        .expect("cell card");
    assert_eq!(cell.answer, "90 days");
    assert_eq!(cell.heading_path, ["S3", "Classes [SAA]"]);
    let reverse = file
        .cards
        .iter()
        .find(|c| c.kind == CardKind::Mcq && c.prompt.contains("180 days"))
        .expect("reverse choice");
    assert_eq!(reverse.answer, "S3 Glacier Deep Archive");
    assert_eq!(reverse.options.len(), 4);
    assert_eq!(reverse.options.iter().filter(|o| o.is_correct).count(), 1);
    for o in reverse.options.iter().filter(|o| !o.is_correct) {
        assert_ne!(o.text, reverse.answer);
        assert!(
            TABLE_EN.contains(&format!("| {} |", o.text)),
            "{o:?} is a row"
        );
    }
    // "30 days" is shared by two rows: no reverse question for it.
    assert!(!file.cards.iter().any(|c| c.generator == Generator::Table
        && c.kind == CardKind::Mcq
        && c.prompt.contains("30 days")));
    // "—" makes no card.
    assert!(!file.cards.iter().any(|c| c.answer == "—"));
}

#[test]
fn distractor_choice_is_seeded() {
    let a = lint_text("x.md", TABLE_EN, true, 1);
    let b = lint_text("x.md", TABLE_EN, true, 1);
    assert_eq!(a, b, "same seed, same cards");
    let differs = (2..20).any(|seed| lint_text("x.md", TABLE_EN, true, seed).cards != a.cards);
    assert!(differs, "the seed decides which distractors are drawn");
}

#[test]
fn quality_gate_gives_reasons() {
    let long = "x".repeat(230);
    let md = format!(
        "# T\nWhat is it? :: {long}\n\nWhat is S3 Standard? :: S3 Standard\n\n\
         Same question? :: yes\n\nSame question? :: yes\n\n\
         | Option | Discount |\n|---|---|\n| A | 10% |\n| B | 20% |\n| A | 30% |\n"
    );
    let reasons: BTreeSet<CardSkipReason> = lint(&md).skipped.iter().map(|s| s.reason).collect();
    assert_eq!(
        reasons,
        BTreeSet::from([
            CardSkipReason::AnswerTooLong,
            CardSkipReason::AnswerInPrompt,
            CardSkipReason::Duplicate,
            CardSkipReason::MalformedTable,
        ])
    );
}

#[test]
fn multiple_choice_needs_three_plausible_distractors() {
    // Three rows: a reverse question would have only two distractors, so none is made.
    let md = "# T\n| Class | AZs |\n|---|---|\n| A | 1 |\n| B | 3 |\n| C | 6 |\n";
    let file = lint(md);
    assert!(file.cards.iter().all(|c| c.kind != CardKind::Mcq));
    for c in lint(TABLE_EN)
        .cards
        .iter()
        .filter(|c| c.kind == CardKind::Mcq)
    {
        assert!(
            c.options.iter().filter(|o| !o.is_correct).count() >= 3,
            "{c:?}"
        );
    }
}

// ---- the built-in course and the notebook fixture ----

fn content_files() -> Vec<(String, String)> {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../../content");
    let mut out = Vec::new();
    for lang in ["en", "ko"] {
        let dir = format!("{root}/{lang}");
        let mut names: Vec<_> = std::fs::read_dir(&dir)
            .expect("content folder")
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "md"))
            .collect();
        names.sort();
        for p in names {
            let name = format!("{lang}/{}", p.file_name().unwrap().to_string_lossy());
            out.push((name, std::fs::read_to_string(&p).expect("UTF-8 content")));
        }
    }
    out
}

/// Core topics of the built-in course and the least number of cards each must give, per
/// language.
const CORE_TOPICS: &[&str] = &["ec2-purchasing.md", "s3-storage-classes.md", "iam.md"];
const MIN_CORE_CARDS: usize = 60;

#[test]
fn core_topics_give_enough_cards_in_both_languages() {
    let files = content_files();
    for lang in ["en", "ko"] {
        for topic in CORE_TOPICS {
            let name = format!("{lang}/{topic}");
            let (_, text) = files
                .iter()
                .find(|(n, _)| *n == name)
                .unwrap_or_else(|| panic!("{name} is missing"));
            let file = lint_text(&name, text, true, SEED);
            assert_eq!(file.lang.as_str(), lang, "{name} language");
            assert!(
                file.cards.len() >= MIN_CORE_CARDS,
                "{name} gives {} cards, fewer than {MIN_CORE_CARDS}",
                file.cards.len()
            );
        }
    }
}

#[test]
fn no_fact_table_in_the_course_is_malformed() {
    for (name, text) in content_files() {
        let file = lint_text(&name, &text, true, SEED);
        let bad: Vec<String> = file
            .skipped
            .iter()
            .filter(|s| s.reason == CardSkipReason::MalformedTable)
            .map(|s| format!("{name}:{}: {}", s.line, s.detail))
            .collect();
        assert!(bad.is_empty(), "malformed tables: {bad:#?}");
    }
}

#[test]
fn every_course_card_carries_context_and_a_source_line() {
    for (name, text) in content_files() {
        for c in lint_text(&name, &text, true, SEED).cards {
            assert!(!c.heading_path.is_empty() && c.line > 0, "{name}: {c:?}");
            assert!(c.answer.chars().count() <= generate::MAX_ANSWER_CHARS);
        }
    }
}

/// The long Korean exam notebook of the test fixtures (tables, definitions, numbers in
/// sentences, nested lists, code), as instructors write them.
const NOTEBOOK: &str = include_str!("../../tests/fixtures/notebook/aws-exam-notebook.md");

/// The cards the notebook must give at least: well over one per heading.
const NOTEBOOK_MIN_CARDS: usize = 350;

#[test]
fn the_notebook_gives_hundreds_of_cards_from_several_generators() {
    let file = lint_text("aws-exam-notebook.md", NOTEBOOK, true, SEED);
    assert!(
        file.cards.len() >= NOTEBOOK_MIN_CARDS,
        "{} cards",
        file.cards.len()
    );
    let generators: BTreeSet<Generator> = file.cards.iter().map(|c| c.generator).collect();
    assert!(generators.len() >= 3, "{generators:?}");
    // Cards come from all over the notebook, not one corner of it.
    let lines = NOTEBOOK.lines().count() as u32;
    let last = file.cards.iter().map(|c| c.line).max().unwrap_or(0);
    assert!(last > lines * 9 / 10, "last card on line {last} of {lines}");
}

// ---- identity through a real library ----

const NOTE: &str = "---\nlang: en\nexam: [SAA-C03]\ntags: [s3]\n---\n# S3\n## Classes\n\n\
- **Standard-IA**: infrequent access class kept in at least 3 AZs for backups.\n\
- **One Zone-IA**: infrequent access class kept in a single AZ, for re-creatable data.\n\
- **Glacier Deep Archive**: the cheapest class, restores take up to 48 hours.\n\n\
Which class is the default? :: S3 Standard\n\n## Lifecycle\n\nObjects stay 30 days in S3 Standard before moving to Standard-IA.\n";

fn library_with(dir: &std::path::Path, text: &str) -> (Library, std::path::PathBuf) {
    let path = dir.join("s3.md");
    std::fs::write(&path, text).unwrap();
    let mut lib = Library::open_in_memory(LibraryOptions::default()).unwrap();
    lib.import_path(&path).unwrap();
    (lib, path)
}

fn live_ids(lib: &Library) -> BTreeMap<String, (String, String)> {
    lib.list_cards(&CardFilter {
        include_suspended: true,
        ..CardFilter::default()
    })
    .unwrap()
    .into_iter()
    .map(|c| (c.id.0, (c.prompt, c.answer)))
    .collect()
}

#[test]
fn reimport_keeps_cards_whose_prompt_still_exists_and_retires_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let (mut lib, path) = library_with(dir.path(), NOTE);
    let before = live_ids(&lib);
    assert!(before.len() >= 6, "{before:#?}");
    // Give every card a review, keyed by card id as the review log is (a table of the test's
    // own, so the test does not depend on the scheduler's columns).
    lib.conn()
        .execute_batch("CREATE TEMP TABLE reviews (card_id TEXT NOT NULL)")
        .unwrap();
    for id in before.keys() {
        lib.conn()
            .execute(
                "INSERT INTO temp.reviews (card_id) VALUES (?1)",
                params![id],
            )
            .unwrap();
    }
    let find = |ids: &BTreeMap<String, (String, String)>, prompt: &str| -> String {
        ids.iter()
            .find(|(_, (p, _))| p == prompt)
            .map(|(id, _)| id.clone())
            .unwrap_or_else(|| panic!("no card {prompt:?} in {ids:#?}"))
    };
    let deep_archive_term = find(&before, "What is Glacier Deep Archive?");
    let deep_archive_reverse = before
        .iter()
        .find(|(_, (_, a))| a == "Glacier Deep Archive")
        .map(|(id, _)| id.clone())
        .unwrap();
    let one_zone_term = find(&before, "What is One Zone-IA?");
    let one_zone_reverse = before
        .iter()
        .find(|(_, (p, a))| a == "One Zone-IA" && p.starts_with("Which term"))
        .map(|(id, _)| id.clone())
        .unwrap();
    let default_q = find(&before, "Which class is the default?");

    // Insert a paragraph above, fix a typo in an answer, delete a bullet.
    let edited = NOTE
        .replace("# S3\n", "# S3\n\nA new introduction paragraph.\n")
        .replace("a single AZ, for", "one single AZ, for")
        .replace(
            "- **Glacier Deep Archive**: the cheapest class, restores take up to 48 hours.\n",
            "",
        );
    std::fs::write(&path, edited).unwrap();
    lib.import_path(&path).unwrap();
    let after = live_ids(&lib);

    // Kept: everything whose prompt still exists, including the term card whose answer
    // changed (it shows the new answer).
    for id in before.keys() {
        let gone = [&deep_archive_term, &deep_archive_reverse, &one_zone_reverse];
        let is_gone = gone.contains(&id)
            || before[id].0.contains("Glacier Deep Archive")
            || before[id].1 == "Glacier Deep Archive";
        assert_eq!(after.contains_key(id), !is_gone, "{:?}", before[id]);
    }
    assert!(after[&one_zone_term].1.contains("one single AZ"));
    assert!(after.contains_key(&default_q));
    // Retired, with history kept: the deleted bullet's cards and the reverse card whose
    // prompt (the definition) changed.
    for id in [&deep_archive_term, &deep_archive_reverse, &one_zone_reverse] {
        let card = lib.card(&CardId(id.clone())).unwrap();
        assert_eq!(card.status, CardStatus::Retired);
        let reviews: u32 = lib
            .conn()
            .query_row(
                "SELECT count(*) FROM temp.reviews r JOIN cards c ON c.id = r.card_id
                 WHERE r.card_id = ?1",
                [id],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(
            reviews, 1,
            "the retired card's row and history are still there"
        );
    }
    // New: the reverse card of the fixed definition.
    let new: Vec<_> = after
        .keys()
        .filter(|id| !before.contains_key(*id))
        .collect();
    assert_eq!(new.len(), 1, "{new:?}");
    assert_eq!(after[new[0]].1, "One Zone-IA");

    // Putting the bullet back brings its cards (and their history) back.
    std::fs::write(&path, NOTE).unwrap();
    lib.import_path(&path).unwrap();
    assert_eq!(
        lib.card(&CardId(deep_archive_term)).unwrap().status,
        CardStatus::Active
    );
}

#[test]
fn suspension_and_edits_survive_reimport() {
    let dir = tempfile::tempdir().unwrap();
    let (mut lib, path) = library_with(dir.path(), NOTE);
    let sections = lib.conn().query_row(
        "SELECT id FROM sections WHERE heading = 'Classes'",
        [],
        |r| r.get::<_, crate::ids::SectionId>(0),
    );
    let section = sections.unwrap();
    let cards = lib.cards_for_section(section).unwrap();
    assert!(cards.iter().all(|c| c.heading_path == ["S3", "Classes"]));
    assert!(
        cards
            .iter()
            .all(|c| c.exams == ["SAA"] && c.topics.contains(&"s3".to_string()))
    );
    let a = cards[0].id.clone();
    let b = cards[1].id.clone();
    assert_eq!(lib.suspend_card(&a).unwrap().status, CardStatus::Suspended);
    let edited = lib
        .edit_card(
            &b,
            &CardEdit {
                prompt: None,
                answer: Some("my own words".into()),
            },
        )
        .unwrap();
    assert!(edited.is_edited);
    assert_eq!(edited.answer, "my own words");
    assert!(
        lib.edit_card(
            &b,
            &CardEdit {
                prompt: Some(" ".into()),
                answer: None
            }
        )
        .is_err()
    );

    std::fs::write(&path, NOTE.replace("# S3\n", "# S3\n\nIntro.\n")).unwrap();
    lib.import_path(&path).unwrap();
    assert_eq!(lib.card(&a).unwrap().status, CardStatus::Suspended);
    assert_eq!(lib.card(&b).unwrap().answer, "my own words");
    assert_eq!(lib.unsuspend_card(&a).unwrap().status, CardStatus::Active);
    let reset = lib.edit_card(&b, &CardEdit::default()).unwrap();
    assert!(!reset.is_edited);

    // Listing filters by exam and topic; suspended cards are left out unless asked for.
    lib.suspend_card(&a).unwrap();
    let saa = lib
        .list_cards(&CardFilter {
            exam: Some("saa-c03".into()),
            ..CardFilter::default()
        })
        .unwrap();
    assert!(!saa.is_empty() && saa.iter().all(|c| c.id != a));
    let dva = lib
        .list_cards(&CardFilter {
            exam: Some("DVA".into()),
            topic: None,
            ..CardFilter::default()
        })
        .unwrap();
    assert!(dva.is_empty());
    let s3 = lib
        .list_cards(&CardFilter {
            topic: Some("S3".into()),
            ..CardFilter::default()
        })
        .unwrap();
    assert_eq!(s3.len(), saa.len());
    assert!(
        lib.list_cards(&CardFilter {
            exam: Some("nope".into()),
            ..CardFilter::default()
        })
        .is_err()
    );

    // Removing the document retires its cards, history and all.
    let doc = lib.documents().unwrap()[0].id;
    lib.remove_document(doc).unwrap();
    assert!(live_ids(&lib).is_empty());
    assert_eq!(lib.card(&a).unwrap().status, CardStatus::Retired);
}

#[test]
fn review_order_of_options_is_shuffled_per_review_and_reproducible() {
    let dir = tempfile::tempdir().unwrap();
    let (lib, _) = library_with(dir.path(), TABLE_EN);
    let mcq = lib
        .list_cards(&CardFilter::default())
        .unwrap()
        .into_iter()
        .find(|c| c.kind == CardKind::Mcq)
        .expect("an MCQ card");
    let orders: BTreeSet<Vec<String>> = (0..12)
        .map(|n| {
            lib.card_for_review(&mcq.id, n)
                .unwrap()
                .options
                .into_iter()
                .map(|o| o.text)
                .collect()
        })
        .collect();
    assert!(orders.len() > 1, "the order changes between reviews");
    assert_eq!(
        lib.card_for_review(&mcq.id, 3).unwrap(),
        lib.card_for_review(&mcq.id, 3).unwrap()
    );
}

#[test]
fn lint_ids_equal_imported_ids() {
    let dir = tempfile::tempdir().unwrap();
    let (lib, path) = library_with(dir.path(), NOTE);
    let report = lib.lint_cards(&[&path]).unwrap();
    let linted: BTreeSet<String> = report.files[0]
        .cards
        .iter()
        .map(|c| c.id.0.clone())
        .collect();
    let stored: BTreeSet<String> = live_ids(&lib).into_keys().collect();
    assert_eq!(linted, stored);
}

/// The notebook makes hundreds of cards, written several statements at a time: every one is
/// stored, in the order of the note.
#[test]
fn a_large_note_stores_every_card_in_note_order() {
    let dir = tempfile::tempdir().unwrap();
    let (lib, path) = library_with(dir.path(), NOTEBOOK);
    let linted: Vec<String> = lib.lint_cards(&[&path]).unwrap().files[0]
        .cards
        .iter()
        .map(|c| c.id.0.clone())
        .collect();
    assert!(linted.len() >= NOTEBOOK_MIN_CARDS, "{} cards", linted.len());
    // Cards from lines stating outdated facts are stored suspended.
    let stored: Vec<String> = lib
        .list_cards(&CardFilter {
            include_suspended: true,
            ..CardFilter::default()
        })
        .unwrap()
        .into_iter()
        .map(|c| c.id.0)
        .collect();
    assert_eq!(stored, linted);
}

#[test]
fn builtin_course_has_cards_after_sync() {
    let mut lib = Library::open_in_memory(LibraryOptions::default()).unwrap();
    lib.sync_builtin().unwrap();
    let counts = lib.counts().unwrap();
    assert!(counts.cards as usize >= CORE_TOPICS.len() * 2 * MIN_CORE_CARDS);
    let sections_without_cards_table: u32 = lib
        .conn()
        .query_row(
            "SELECT count(*) FROM cards c WHERE NOT EXISTS
               (SELECT 1 FROM sections s WHERE s.document_id = c.document_id
                  AND s.heading_key = c.heading_key)",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(
        sections_without_cards_table, 0,
        "every card belongs to a stored section"
    );
}

// ---- properties ----

fn markdown_piece() -> impl Strategy<Value = String> {
    prop_oneof![
        "\\PC{0,40}",
        Just("# Heading\n".to_string()),
        Just("## [SAA] Sub\n".to_string()),
        Just("- **Term**: a definition of 30 days\n".to_string()),
        Just("- Term : description\n  - child 72%\n".to_string()),
        Just("| A | B |\n|---|---|\n| x | 1 |\n".to_string()),
        Just("| A | B |\n|---|\n| x |\n".to_string()),
        Just("Q :: A\n".to_string()),
        Just("Q ::: A\n".to_string()),
        Just("==x== and {{c1::y}} {{c2::z::hint}} {{c".to_string()),
        Just("Question\n?\nAnswer\n".to_string()),
        Just("Which?\n- [x] a\n- [ ] b\n".to_string()),
        Just("```\n:: code\n```\n".to_string()),
        Just("\n\n".to_string()),
        Just("스팟은 2분 전 통지, 최대 90% 할인. 7개의 인스턴스.\n".to_string()),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn generation_never_panics(pieces in proptest::collection::vec(markdown_piece(), 0..12)) {
        let text = pieces.concat();
        let file = lint(&text);
        for c in &file.cards {
            prop_assert!(!c.prompt.trim().is_empty());
            prop_assert!(!c.answer.trim().is_empty());
            prop_assert_eq!(c.id.0.len(), 32);
        }
        let ids: BTreeSet<_> = file.cards.iter().map(|c| &c.id).collect();
        prop_assert_eq!(ids.len(), file.cards.len(), "ids are unique");
    }

    #[test]
    fn ids_are_stable_under_unrelated_edits(
        pieces in proptest::collection::vec(markdown_piece(), 0..8),
        inserted in "[A-Za-z가-힣 ]{1,30}",
        other_section in "[A-Za-z가-힣 ]{1,30}",
    ) {
        let body = pieces.concat();
        let original = format!("# Alpha\n\n{NOTE_BODY}\n# Beta\n\n{body}\n");
        // An inserted paragraph above, and edits in another section (which may even change
        // the detected language: ids do not depend on the wording of templates).
        let edited = format!("# Alpha\n\n{inserted}.\n\n{NOTE_BODY}\n# Beta\n\n{other_section}\n");
        let ids = |text: &str| -> BTreeSet<CardId> {
            lint(text)
                .cards
                .into_iter()
                .filter(|c| c.heading_path == ["Alpha"])
                .map(|c| c.id)
                .collect()
        };
        prop_assert_eq!(ids(&original), ids(&edited));
    }
}

const NOTE_BODY: &str = "- **Spot Instance**: spare capacity AWS can reclaim with a two-minute notice.\n\
- Convertible RI : a reservation that can be exchanged for another family.\n\n\
Which option can be interrupted? :: Spot Instances\n\n\
Reserved Instances give up to 72% off compared with On-Demand.\n";

/// Fewer, better cards (issue #17, part 2).
mod fewer_better {
    use super::*;

    const OPTIONS: &str = "# P\n\n## Options\n\n\
        | Option | Max discount | Interruptible | Commitment |\n|---|---|---|---|\n\
        | On-Demand | None | No | None |\n\
        | Capacity Reservation | None | No | None |\n\
        | Reserved Instance | 72% | No | 1 or 3 years |\n\
        | Spot Instance | 90% | Yes | No commitment at all |\n\
        | Savings Plan | 72 % (compute) | No | 1 or 3 years |\n";

    #[test]
    fn no_card_asks_a_yes_no_column_or_keys_a_value_shared_by_another_row() {
        let file = lint(OPTIONS);
        assert!(
            file.cards
                .iter()
                .all(|c| !c.prompt.contains("nterruptible"))
        );
        for c in file.cards.iter().filter(|c| c.kind == CardKind::Mcq) {
            assert!(!c.prompt.contains("“None”"), "{}", c.prompt);
            assert!(
                !c.prompt.contains("“72%”"),
                "72% is also a Savings Plan's: {}",
                c.prompt
            );
            assert!(!c.prompt.contains("1 or 3 years"), "{}", c.prompt);
        }
        // 90% is one row's alone, but only two rows have a discount: too few distractors.
        assert!(
            !file
                .cards
                .iter()
                .any(|c| c.kind == CardKind::Mcq && c.prompt.contains("90%"))
        );
    }

    #[test]
    fn no_card_asks_a_has_or_has_not_column() {
        // Cells that only say whether a row has a feature (있음/없음, O/X, ✓/✗, 지원/미지원)
        // are yes/no answers in other words: "Shield Advanced의 DDoS 비용 보호는? → 있음".
        let file = lint(
            "# Shield\n\n## 비교\n\n\
             | 기능 | Shield Standard | Shield Advanced | 요금 |\n\
             |---|---|---|---|\n\
             | DDoS 비용 보호 | 없음 | 있음 | 월 3,000 USD |\n\
             | 24시간 대응 팀(SRT) | X | O | 지원 요금제 필요 |\n\
             | 계층 7 보호 | ✗ | ✓ | WAF 요금 별도 |\n\
             | 상태 기반 탐지 | 미지원 | 지원 | 추가 요금 없음 |\n",
        );
        let asked: Vec<&str> = file.cards.iter().map(|c| c.prompt.as_str()).collect();
        for c in &file.cards {
            for cell in ["있음", "없음", "✓", "✗", "미지원"] {
                assert!(c.answer != cell, "{} → {}", c.prompt, c.answer);
            }
            assert!(!c.prompt.contains("Shield Standard"), "{}", c.prompt);
            assert!(!c.prompt.contains("Shield Advanced"), "{}", c.prompt);
        }
        assert!(
            asked.iter().any(|p| p.contains("요금")),
            "the price column is still asked: {asked:?}"
        );
        // A has-cell that goes on with the fact is still asked.
        let file = lint(
            "# RDS\n\n## 복제\n\n\
             | 엔진 | 읽기 전용 복제본 | 교차 리전 |\n\
             |---|---|---|\n\
             | RDS for MySQL | 지원 (최대 15개) | 있음, 비동기 |\n\
             | RDS for Oracle | 지원 (최대 5개) | 있음, Active Data Guard 필요 |\n\
             | RDS Custom for SQL Server | 없음 (지원하지 않음) | 없음 (같은 리전만) |\n",
        );
        let answers: Vec<&str> = file.cards.iter().map(|c| c.answer.as_str()).collect();
        assert!(answers.contains(&"지원 (최대 15개)"), "{answers:?}");
        assert!(
            answers.contains(&"있음, Active Data Guard 필요"),
            "{answers:?}"
        );
    }

    #[test]
    fn a_need_table_asks_what_fits_each_need() {
        let file = lint(
            "# Decoupling\n\n## Picking a service\n\n\
             | Need | Service |\n|---|---|\n\
             | Send one message to many subscribers | SNS topic |\n\
             | Buffer work for a fleet of workers | SQS standard queue |\n\
             | Keep order per customer | SQS FIFO queue |\n\
             | Route events by content to targets | EventBridge rule |\n",
        );
        let prompts: Vec<&str> = file.cards.iter().map(|c| c.prompt.as_str()).collect();
        assert!(
            prompts
                .contains(&"Which service fits this need: “Send one message to many subscribers”?"),
            "{prompts:?}"
        );
        assert!(
            prompts.contains(&"Which need does “SQS FIFO queue” fit best?"),
            "{prompts:?}"
        );
        assert!(
            prompts
                .iter()
                .all(|p| !p.contains("of Send") && !p.contains("has service")),
            "{prompts:?}"
        );
    }

    #[test]
    fn a_table_after_cards_off_makes_no_card() {
        let on = lint(OPTIONS);
        assert!(on.cards.iter().any(|c| c.generator == Generator::Table));
        let off = lint(&OPTIONS.replace("## Options\n\n", "## Options\n\n<!-- cards: off -->\n\n"));
        assert!(off.cards.iter().all(|c| c.generator != Generator::Table));
    }

    #[test]
    fn one_cloze_per_sentence_and_none_from_unit_conversions() {
        let file = lint(
            "# N\n\nSpot Instances run at up to 90% off with a 2-minute notice.\n\n\
             1년 = 365일 = 31,536,000초.\n",
        );
        let clozes: Vec<&GeneratedCard> = file
            .cards
            .iter()
            .filter(|c| c.kind == CardKind::Cloze)
            .collect();
        assert_eq!(clozes.len(), 1, "{clozes:?}");
        assert_eq!(clozes[0].answer, "90%");
    }
}
