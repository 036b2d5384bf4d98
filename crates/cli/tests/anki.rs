//! `stratus export anki` checked by Anki itself: two exports of the same cards are imported,
//! one after the other, into a fresh collection by Anki's Python package (`anki` on PyPI,
//! through `tests/anki/check_apkg.py`), and what Anki holds is compared with the cards.
//!
//! The Python comes from `STRATUS_ANKI_PYTHON`, an interpreter with `anki` installed
//! (`scripts/test.sh` makes one in `target/anki-venv`). Without it the test says SKIPPED,
//! unless `STRATUS_REQUIRE_MOUNT=1` or `CI` is set: there it fails.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

const NOTE: &str = "---
exam: SAA
domain:
  SAA-C03: \"4. Design Cost-Optimized Architectures\"
tags: [anki-check, cost saving]
---
# S3 요금

## Storage classes

What does S3 stand for? :: Simple Storage Service

S3 Standard-IA has a minimum storage duration of ==30 days== per object.

Which class is cheapest for archives read once a year?
- [ ] S3 Standard
- [x] S3 Glacier Deep Archive
- [ ] S3 One Zone-IA

Escaping 1 < 2 & co :: a \"quoted\" {{answer}} & more
";

fn stratus(data: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_stratus"))
        .arg("--data-dir")
        .arg(data)
        .args(args)
        .env_remove("STRATUS_DATA_DIR")
        .env_remove("STRATUS_NOW")
        .output()
        .expect("stratus runs")
}

fn json(out: &Output) -> Value {
    assert!(
        out.status.success(),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("stdout is JSON")
}

/// The interpreter with `anki` installed; a relative path is taken from the workspace root.
fn anki_python() -> Option<PathBuf> {
    let raw = std::env::var_os("STRATUS_ANKI_PYTHON").filter(|v| !v.is_empty())?;
    let path = PathBuf::from(raw);
    Some(if path.is_relative() {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../..")
            .join(path)
    } else {
        path
    })
}

#[test]
fn anki_imports_two_exports_as_one_set_of_notes() {
    match anki_python() {
        Some(python) => check_with_anki(&python),
        None => {
            let required = std::env::var("STRATUS_REQUIRE_MOUNT").as_deref() == Ok("1")
                || std::env::var_os("CI").is_some();
            assert!(
                !required,
                "STRATUS_ANKI_PYTHON is not set: ./scripts/test.sh makes target/anki-venv and sets it"
            );
            eprintln!(
                "SKIPPED anki_imports_two_exports_as_one_set_of_notes: STRATUS_ANKI_PYTHON is not set \
                 (./scripts/test.sh sets it)"
            );
        }
    }
}

fn check_with_anki(python: &Path) {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let notes = dir.path().join("notes");
    std::fs::create_dir(&notes).unwrap();
    std::fs::write(notes.join("s3.md"), NOTE).unwrap();
    json(&stratus(
        &data,
        &["import", notes.to_str().unwrap(), "--json"],
    ));
    let cards = json(&stratus(
        &data,
        &["cards", "list", "--topic", "anki-check", "--json"],
    ));
    // A list of cards, or a page of them under `cards`.
    let cards = cards
        .as_array()
        .or_else(|| cards["cards"].as_array())
        .expect("cards list prints cards")
        .clone();
    assert!(cards.len() >= 4, "{cards:#?}");
    let kind_count = |kind: &str| cards.iter().filter(|c| c["kind"] == kind).count();
    assert!(
        kind_count("cloze") >= 1 && kind_count("mcq") == 1,
        "{cards:#?}"
    );

    let first = dir.path().join("first.apkg");
    let second = dir.path().join("second.apkg");
    let csv = dir.path().join("deck.csv");
    let export = |at: &str, dest: &Path, extra: &[&str]| -> Value {
        let mut args = vec![
            "--at",
            at,
            "export",
            "anki",
            "--topic",
            "anki-check",
            "-o",
            dest.to_str().unwrap(),
            "--json",
        ];
        args.extend_from_slice(extra);
        json(&stratus(&data, &args))
    };
    let report = export("2026-12-01T09:00", &first, &[]);
    assert_eq!(report["note_count"], cards.len());
    assert_eq!(report["deck"], "Stratus::anki-check");
    export("2026-12-02T09:00", &second, &[]);
    export("2026-12-02T09:00", &csv, &["--csv"]);

    let out = Command::new(python)
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/anki/check_apkg.py"))
        .arg(&first)
        .arg(&second)
        .output()
        .unwrap_or_else(|e| panic!("{} does not run: {e}", python.display()));
    assert!(
        out.status.success(),
        "check_apkg.py failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let anki: Value = serde_json::from_slice(&out.stdout).expect("check_apkg.py prints JSON");

    // The first package adds every card; the second, newer one updates them all.
    let imports = anki["imports"].as_array().unwrap();
    assert_eq!(imports[0]["new"], cards.len(), "{anki:#}");
    assert_eq!(imports[1]["new"], 0, "{anki:#}");
    assert_eq!(imports[1]["updated"], cards.len(), "{anki:#}");

    // One note per card, one Anki card per note, GUIDs from the card ids.
    let notes = anki["notes"].as_array().unwrap();
    assert_eq!(notes.len(), cards.len());
    let guids: BTreeSet<String> = notes
        .iter()
        .map(|n| n["guid"].as_str().unwrap().to_string())
        .collect();
    let expected: BTreeSet<String> = cards
        .iter()
        .map(|c| format!("stratus-{}", c["id"].as_str().unwrap()))
        .collect();
    assert_eq!(guids, expected);
    for note in notes {
        assert_eq!(note["card_count"], 1, "{note:#}");
        assert_eq!(note["decks"], serde_json::json!(["Stratus::anki-check"]));
    }
    let types: BTreeMap<String, u64> = serde_json::from_value(anki["notetypes"].clone()).unwrap();
    assert_eq!(
        types.get("Stratus Cloze").copied(),
        Some(kind_count("cloze") as u64)
    );
    assert_eq!(
        types.get("Stratus Basic").copied(),
        Some((cards.len() - kind_count("cloze")) as u64)
    );

    let by_front = |field: &str, start: &str| -> &Value {
        notes
            .iter()
            .find(|n| {
                n["fields"][field]
                    .as_str()
                    .is_some_and(|f| f.starts_with(start))
            })
            .unwrap_or_else(|| panic!("no note whose {field} starts with {start:?}: {anki:#}"))
    };
    let basic = by_front("Front", "What does S3 stand for?");
    assert_eq!(basic["notetype"], "Stratus Basic");
    assert_eq!(basic["fields"]["Back"], "Simple Storage Service");
    assert_eq!(basic["fields"]["Source"], "S3 요금 › Storage classes");
    let tags: BTreeSet<&str> = basic["tags"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t.as_str().unwrap())
        .collect();
    for tag in [
        "exam::SAA-C03",
        "domain::SAA-C03::4_Design_Cost-Optimized_Architectures",
        "topic::anki-check",
        "topic::cost_saving",
    ] {
        assert!(tags.contains(tag), "{tag} missing from {tags:?}");
    }
    assert!(tags.iter().all(|t| !t.contains(' ')));

    let escaped = by_front("Front", "Escaping");
    assert_eq!(escaped["fields"]["Front"], "Escaping 1 &lt; 2 &amp; co");
    assert_eq!(
        escaped["fields"]["Back"],
        "a &quot;quoted&quot; {{answer}} &amp; more"
    );

    let choice = by_front("Front", "Which class is cheapest");
    let front = choice["fields"]["Front"].as_str().unwrap();
    for option in ["S3 Standard", "S3 Glacier Deep Archive", "S3 One Zone-IA"] {
        assert!(front.contains(&format!("<li>{option}</li>")), "{front}");
    }
    let back = choice["fields"]["Back"].as_str().unwrap();
    assert!(back.contains(". S3 Glacier Deep Archive</li>"), "{back}");
    assert!(!back.contains("S3 Standard<"), "{back}");

    let cloze = by_front("Text", "S3 Standard-IA");
    assert_eq!(cloze["notetype"], "Stratus Cloze");
    assert!(
        cloze["fields"]["Text"]
            .as_str()
            .unwrap()
            .contains("{{c1::30 days}}"),
        "{cloze:#}"
    );

    // The CSV names the same notes.
    let text = std::fs::read_to_string(&csv).unwrap();
    let mut lines = text.split("\r\n");
    assert_eq!(
        lines.next(),
        Some("guid,card_id,note_type,front,back,source,deck,tags")
    );
    let csv_guids: BTreeSet<String> = text
        .split("\r\n")
        .skip(1)
        .filter_map(|l| l.strip_prefix("stratus-"))
        .filter_map(|l| l.split(',').next())
        .map(|id| format!("stratus-{id}"))
        .collect();
    assert_eq!(csv_guids, guids);
}
