use super::*;

const CASES: &str = include_str!("cases.tsv");

fn flagged(line: &str) -> Vec<String> {
    scan(line, 1, &[], Lang::Ko)
        .into_iter()
        .map(|w| w.entry)
        .collect()
}

#[test]
fn the_list_has_at_least_40_entries_each_with_a_source_and_a_current_fact() {
    let all = entries();
    assert!(all.len() >= 40, "{} entries", all.len());
    let mut ids = std::collections::HashSet::new();
    for e in all {
        assert!(ids.insert(e.id.as_str()), "duplicate id {}", e.id);
        assert!(!e.source.is_empty() && !e.current_en.is_empty() && !e.current_ko.is_empty());
        assert!(e.patterns.iter().all(|p| !p.is_empty()), "{}", e.id);
        assert!(
            e.kind == StaleKind::Wrong || !e.changed.is_empty(),
            "{}",
            e.id
        );
    }
}

#[test]
fn every_entry_is_flagged_in_korean_and_english_and_not_when_the_change_is_stated() {
    let mut covered = std::collections::HashSet::new();
    for row in CASES
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
    {
        let f: Vec<&str> = row.split('\t').collect();
        assert_eq!(f.len(), 5, "{row}");
        let id = f[0];
        covered.insert(id);
        for stated in [f[1], f[3]] {
            assert!(
                flagged(stated).iter().any(|e| e == id),
                "{id}: not flagged: {stated} (got {:?})",
                flagged(stated)
            );
        }
        for negated in [f[2], f[4]] {
            assert!(
                !flagged(negated).iter().any(|e| e == id),
                "{id}: flagged although it states the change: {negated}"
            );
        }
    }
    for id in entry_ids() {
        assert!(covered.contains(id), "no case for {id}");
    }
}

#[test]
fn a_table_row_is_read_with_its_header_and_a_bullet_with_its_parent() {
    let md = "## EBS\n\n| 볼륨 유형 | 최대 IOPS | 최대 처리량 |\n|---|---|---|\n\
              | gp2 | 16,000 | 250 MB/s |\n| gp3 | 16,000 | 1,000 MB/s |\n";
    let got: Vec<(u32, String)> = scan(md, 10, &[], Lang::Ko)
        .into_iter()
        .map(|w| (w.line, w.entry))
        .collect();
    assert_eq!(
        got,
        [
            (15, "gp3-max-iops".to_string()),
            (15, "gp3-max-throughput".to_string())
        ]
    );
    let md = "- Kinesis Data Firehose는 S3에 적재한다\n  - 버퍼 최소 60초라서 실시간은 아님\n";
    let got: Vec<(u32, String)> = scan(md, 1, &[], Lang::Ko)
        .into_iter()
        .map(|w| (w.line, w.entry))
        .collect();
    assert_eq!(
        got,
        [
            (1, "kinesis-data-firehose".to_string()),
            (2, "firehose-buffer-60s".to_string())
        ]
    );
}

#[test]
fn code_blocks_and_headings_are_not_claims() {
    assert!(scan("## Spot blocks\n```\nspot block\n```\n", 1, &[], Lang::En).is_empty());
}

#[test]
fn the_warning_is_in_the_language_of_the_note() {
    let en = scan("Use AWS SSO.", 3, &[], Lang::En);
    assert_eq!(en.len(), 1);
    assert!(en[0].current.contains("IAM Identity Center"));
    assert_eq!(en[0].changed, "2022-07-26");
    assert!(en[0].describe().starts_with("line 3: outdated (aws-sso)"));
    let ko = scan("AWS SSO를 켠다.", 3, &[], Lang::Ko);
    assert!(ko[0].current.contains("이름이 바뀌었다"));
}

#[test]
fn the_built_in_course_states_no_outdated_fact() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../content");
    let mut found = Vec::new();
    for entry in walkdir::WalkDir::new(root).into_iter().flatten() {
        let p = entry.path();
        if p.extension().is_some_and(|e| e == "md") {
            let text = std::fs::read_to_string(p).expect("course file reads");
            for w in scan(&text, 1, &[], Lang::En) {
                found.push(format!(
                    "{}:{}: {} — {}",
                    p.display(),
                    w.line,
                    w.entry,
                    w.claim
                ));
            }
        }
    }
    assert!(found.is_empty(), "{}", found.join("\n"));
}
