//! Export tests: what the CSV and the package hold, tags, escaping, GUID stability, and that
//! a failed export writes nothing.

use std::collections::BTreeSet;
use std::io::Read;
use std::path::{Path, PathBuf};

use super::csv::COLUMNS;
use super::*;
use crate::{CardKind, LibraryOptions};

const NOTE: &str = "---
exam: SAA
domain:
  SAA-C03: \"4. Design Cost-Optimized Architectures\"
tags: [storage, cost saving]
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

fn library(dir: &Path) -> Library {
    let path = dir.join("s3.md");
    std::fs::write(&path, NOTE).unwrap();
    let mut lib = Library::open_in_memory(LibraryOptions::default()).unwrap();
    lib.import_path(&path).unwrap();
    lib
}

fn options(format: ExportFormat) -> AnkiExportOptions {
    AnkiExportOptions {
        format,
        ..AnkiExportOptions::default()
    }
}

fn cards(lib: &Library) -> Vec<Card> {
    lib.list_cards(&CardFilter::default()).unwrap()
}

fn csv_rows(path: &Path) -> (Vec<String>, Vec<Vec<String>>) {
    let mut reader = ::csv::Reader::from_path(path).unwrap();
    let header = reader.headers().unwrap().iter().map(String::from).collect();
    let rows = reader
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect();
    (header, rows)
}

/// Unzips the package and opens its collection.
fn open_package(path: &Path, dir: &Path) -> (rusqlite::Connection, String) {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut media = String::new();
    zip.by_name("media")
        .unwrap()
        .read_to_string(&mut media)
        .unwrap();
    let mut collection = Vec::new();
    zip.by_name("collection.anki2")
        .unwrap()
        .read_to_end(&mut collection)
        .unwrap();
    let db: PathBuf = dir.join("unpacked.anki2");
    std::fs::write(&db, collection).unwrap();
    (rusqlite::Connection::open(&db).unwrap(), media)
}

#[test]
fn generated_cloze_cards_carry_the_gap_the_export_replaces() {
    let dir = tempfile::tempdir().unwrap();
    let lib = library(dir.path());
    let cloze: Vec<Card> = cards(&lib)
        .into_iter()
        .filter(|c| c.kind == CardKind::Cloze)
        .collect();
    assert!(!cloze.is_empty(), "the note makes a cloze card");
    for card in &cloze {
        assert_eq!(card.prompt.matches(BLANK).count(), 1, "{}", card.prompt);
    }
}

#[test]
fn csv_has_one_row_per_card_with_plain_fields_and_tags() {
    let dir = tempfile::tempdir().unwrap();
    let lib = library(dir.path());
    let dest = dir.path().join("deck.csv");
    let report = lib
        .export_anki(&options(ExportFormat::Csv), &dest, false)
        .unwrap();
    let all = cards(&lib);
    let (header, rows) = csv_rows(&dest);
    assert_eq!(header, COLUMNS);
    assert_eq!(rows.len(), all.len());
    assert_eq!(report.note_count as usize, all.len());
    let cloze_cards = all.iter().filter(|c| c.kind == CardKind::Cloze).count();
    assert_eq!(report.cloze_count as usize, cloze_cards);
    assert_eq!(report.basic_count as usize, all.len() - cloze_cards);
    assert_eq!(report.deck, "Stratus");
    assert_eq!(
        report.size_bytes,
        std::fs::metadata(&dest).unwrap().len() as f64
    );

    let by_front = |front: &str| {
        rows.iter()
            .find(|r| r[3] == front)
            .unwrap_or_else(|| panic!("no row with front {front:?} in {rows:#?}"))
    };
    let basic = by_front("What does S3 stand for?");
    assert_eq!(basic[2], "basic");
    assert_eq!(basic[4], "Simple Storage Service");
    assert_eq!(basic[5], "S3 요금 › Storage classes");
    let tags: BTreeSet<&str> = basic[7].split(' ').collect();
    for tag in [
        "exam::SAA-C03",
        "domain::SAA-C03::4_Design_Cost-Optimized_Architectures",
        "topic::storage",
        "topic::cost_saving",
    ] {
        assert!(tags.contains(tag), "{tag} missing from {tags:?}");
    }
    let card = all
        .iter()
        .find(|c| c.prompt == "What does S3 stand for?")
        .unwrap();
    assert_eq!(basic[1], card.id.0);
    assert_eq!(basic[0], format!("stratus-{}", card.id.0));

    let cloze = rows.iter().find(|r| r[2] == "cloze").expect("a cloze row");
    assert!(cloze[3].contains("{{c1::30 days}}"), "{}", cloze[3]);

    let choice = rows
        .iter()
        .find(|r| r[3].starts_with("Which class is cheapest"))
        .expect("the multiple-choice row");
    assert_eq!(choice[2], "basic");
    let letter = choice[3]
        .lines()
        .find_map(|l| l.strip_suffix(". S3 Glacier Deep Archive"))
        .expect("the right choice is on the front with its letter");
    assert_eq!(choice[4], format!("{letter}. S3 Glacier Deep Archive"));
    assert_eq!(choice[3].lines().count(), 4, "question and three choices");
    assert_eq!(report.choice_count, 1);
}

#[test]
fn package_holds_a_schema_11_collection_with_escaped_fields() {
    let dir = tempfile::tempdir().unwrap();
    let lib = library(dir.path());
    let dest = dir.path().join("deck.apkg");
    let report = lib
        .export_anki(&options(ExportFormat::Apkg), &dest, false)
        .unwrap();
    let all = cards(&lib);
    let (db, media) = open_package(&dest, dir.path());
    assert_eq!(media, "{}");
    let (ver, models, decks): (i64, String, String) = db
        .query_row("SELECT ver, models, decks FROM col", [], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .unwrap();
    assert_eq!(ver, 11);
    let models: serde_json::Value = serde_json::from_str(&models).unwrap();
    let names: BTreeSet<&str> = models
        .as_object()
        .unwrap()
        .values()
        .map(|m| m["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, BTreeSet::from(["Stratus Basic", "Stratus Cloze"]));
    let decks: serde_json::Value = serde_json::from_str(&decks).unwrap();
    assert!(
        decks
            .as_object()
            .unwrap()
            .values()
            .any(|d| d["name"] == "Stratus")
    );

    let notes: i64 = db
        .query_row("SELECT count(*) FROM notes", [], |r| r.get(0))
        .unwrap();
    let cards_in_deck: i64 = db
        .query_row("SELECT count(*) FROM cards", [], |r| r.get(0))
        .unwrap();
    assert_eq!(notes as usize, all.len());
    assert_eq!(cards_in_deck as usize, all.len());
    assert_eq!(report.note_count as usize, all.len());
    let cloze_notes: i64 = db
        .query_row(
            "SELECT count(*) FROM notes WHERE mid = ?1",
            [anki::cloze_model_id()],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(
        cloze_notes as usize,
        all.iter().filter(|c| c.kind == CardKind::Cloze).count()
    );

    let guids: BTreeSet<String> = db
        .prepare("SELECT guid FROM notes")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let expected: BTreeSet<String> = all.iter().map(|c| format!("stratus-{}", c.id)).collect();
    assert_eq!(guids, expected);

    let escaped: (String, String) = db
        .query_row(
            "SELECT flds, tags FROM notes WHERE flds LIKE 'Escaping%'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    let fields: Vec<&str> = escaped.0.split('\u{1f}').collect();
    assert_eq!(fields[0], "Escaping 1 &lt; 2 &amp; co");
    assert_eq!(fields[1], "a &quot;quoted&quot; {{answer}} &amp; more");
    assert_eq!(fields[2], "S3 요금 › Storage classes");
    assert!(escaped.1.starts_with(' ') && escaped.1.ends_with(' '));
    assert!(escaped.1.contains(" exam::SAA-C03 "), "{}", escaped.1);

    let cloze: String = db
        .query_row(
            "SELECT flds FROM notes WHERE mid = ?1",
            [anki::cloze_model_id()],
            |r| r.get(0),
        )
        .unwrap();
    assert!(cloze.contains("{{c1::30 days}}"), "{cloze}");
}

#[test]
fn exporting_again_keeps_every_guid() {
    let dir = tempfile::tempdir().unwrap();
    let lib = library(dir.path());
    let first = dir.path().join("first.apkg");
    let second = dir.path().join("second.apkg");
    lib.export_anki(&options(ExportFormat::Apkg), &first, false)
        .unwrap();
    lib.export_anki(&options(ExportFormat::Apkg), &second, false)
        .unwrap();
    let guids = |path: &Path, name: &str| -> BTreeSet<(String, String)> {
        let sub = dir.path().join(name);
        std::fs::create_dir(&sub).unwrap();
        let (db, _) = open_package(path, &sub);
        db.prepare("SELECT guid, flds FROM notes")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    };
    let a = guids(&first, "a");
    assert!(!a.is_empty());
    assert_eq!(a, guids(&second, "b"));
}

#[test]
fn a_filter_names_the_deck_and_no_match_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let lib = library(dir.path());
    let dest = dir.path().join("saa.apkg");
    let saa = AnkiExportOptions {
        exam: Some("saa".into()),
        ..AnkiExportOptions::default()
    };
    let report = lib.export_anki(&saa, &dest, false).unwrap();
    assert_eq!(report.deck, "Stratus::SAA-C03");
    assert_eq!(report.note_count as usize, cards(&lib).len());

    std::fs::write(&dest, "earlier export").unwrap();
    let dva = AnkiExportOptions {
        exam: Some("DVA".into()),
        ..AnkiExportOptions::default()
    };
    let err = lib.export_anki(&dva, &dest, false).unwrap_err();
    assert_eq!(err.kind(), crate::ErrorKind::InvalidInput);
    assert!(err.to_string().contains("--exam DVA"), "{err}");
    assert_eq!(std::fs::read_to_string(&dest).unwrap(), "earlier export");

    let topic = AnkiExportOptions {
        topic: Some("nothing-like-this".into()),
        format: ExportFormat::Csv,
        ..AnkiExportOptions::default()
    };
    let missing = dir.path().join("none.csv");
    assert!(lib.export_anki(&topic, &missing, false).is_err());
    assert!(!missing.exists());
    let leftovers = std::fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .filter(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with(".stratus-export-")
        })
        .count();
    assert_eq!(leftovers, 0);
}

#[test]
fn an_existing_file_is_replaced_only_when_asked() {
    let dir = tempfile::tempdir().unwrap();
    let lib = library(dir.path());
    for format in [ExportFormat::Apkg, ExportFormat::Csv] {
        let dest = dir.path().join(format!("mine-{format:?}"));
        std::fs::write(&dest, "the learner's own file").unwrap();
        let err = lib.export_anki(&options(format), &dest, false).unwrap_err();
        assert_eq!(err.kind(), crate::ErrorKind::AlreadyExists);
        assert!(err.to_string().contains(&*dest.to_string_lossy()), "{err}");
        assert_eq!(
            std::fs::read_to_string(&dest).unwrap(),
            "the learner's own file"
        );

        let report = lib.export_anki(&options(format), &dest, true).unwrap();
        assert!(report.note_count > 0);
        let written = std::fs::read(&dest).unwrap();
        assert_eq!(written.len() as f64, report.size_bytes);
        assert_ne!(written, b"the learner's own file");
    }
    let leftovers = std::fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with('.'))
        .count();
    assert_eq!(leftovers, 0);
}

#[test]
fn a_folder_as_destination_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let lib = library(dir.path());
    let err = lib
        .export_anki(&options(ExportFormat::Apkg), dir.path(), false)
        .unwrap_err();
    assert_eq!(err.kind(), crate::ErrorKind::InvalidInput);
}

#[test]
fn tag_parts_have_no_spaces_and_no_level_separators() {
    assert_eq!(tag_part("  cost  saving "), "cost_saving");
    assert_eq!(tag_part("AWS::S3"), "AWS_S3");
    assert_eq!(tag_part("say \"hi\""), "say_hi");
    assert_eq!(tag_part("요금 체계"), "요금_체계");
    assert_eq!(
        domain_part("1. Design Secure Architectures"),
        "1_Design_Secure_Architectures"
    );
    assert_eq!(domain_part("Billing"), "Billing");
}

#[test]
fn html_escapes_markup_and_keeps_line_breaks() {
    assert_eq!(
        html("a < b & \"c\" > d\nnext"),
        "a &lt; b &amp; &quot;c&quot; &gt; d<br>next"
    );
}
