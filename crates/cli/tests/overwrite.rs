//! Commands that write a file the learner names (`export anki`, `progress export`,
//! `pack build`) keep a file already there: exit code 2 and an `already_exists` error
//! naming it and `--force`, the file untouched; with `--force` they replace it.

use std::path::Path;
use std::process::{Command, Output};

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

const MINE: &str = "the learner's own file";

/// Runs `args` (which write to `file`) against an existing `file`: refused as text and as
/// JSON without `--force`, the file as it was; replaced with it.
fn refuses_then_replaces(data: &Path, file: &Path, args: &[&str]) {
    std::fs::write(file, MINE).unwrap();
    let shown = file.display().to_string();

    let text = stratus(data, args);
    assert_eq!(text.status.code(), Some(2), "{args:?}");
    let stderr = String::from_utf8_lossy(&text.stderr);
    assert!(
        stderr.contains(&format!("{shown} already exists")) && stderr.contains("--force"),
        "{args:?}: {stderr}"
    );
    assert!(text.stdout.is_empty(), "{args:?}");

    let mut with_json = args.to_vec();
    with_json.push("--json");
    let refused = stratus(data, &with_json);
    assert_eq!(refused.status.code(), Some(2), "{args:?}");
    let err: serde_json::Value = serde_json::from_slice(&refused.stderr).unwrap();
    assert_eq!(err["error"]["kind"], "already_exists", "{err}");
    assert!(
        err["error"]["message"].as_str().unwrap().contains(&shown),
        "{err}"
    );
    assert_eq!(std::fs::read_to_string(file).unwrap(), MINE, "{args:?}");

    with_json.push("--force");
    let replaced = stratus(data, &with_json);
    assert!(
        replaced.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&replaced.stderr)
    );
    let report: serde_json::Value = serde_json::from_slice(&replaced.stdout).unwrap();
    assert_eq!(report["path"], shown.as_str());
    assert_ne!(std::fs::read(file).unwrap(), MINE.as_bytes(), "{args:?}");
}

#[test]
fn exports_keep_an_existing_file_unless_forced() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");

    let deck = tmp.path().join("deck.csv");
    let deck_arg = deck.to_str().unwrap();
    refuses_then_replaces(&data, &deck, &["export", "anki", "--csv", "-o", deck_arg]);
    let csv = std::fs::read_to_string(&deck).unwrap();
    assert!(csv.starts_with("guid,card_id,note_type"), "{csv}");

    let progress = tmp.path().join("progress.json");
    let progress_arg = progress.to_str().unwrap();
    refuses_then_replaces(
        &data,
        &progress,
        &["progress", "export", "-o", progress_arg],
    );
    let written: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&progress).unwrap()).unwrap();
    assert_eq!(written["format"], "stratus-progress");
}

#[test]
fn pack_build_keeps_an_existing_file_unless_forced() {
    let tmp = tempfile::tempdir().unwrap();
    let src = tmp.path().join("pack-src");
    std::fs::create_dir_all(&src).unwrap();
    std::fs::write(
        src.join("s3.md"),
        "# S3 basics\n\nWhat is the durability of S3 Standard? :: 99.999999999%\n",
    )
    .unwrap();
    std::fs::write(
        src.join("pack.json"),
        r#"{"name": "kept", "title": "Kept", "author": "Kim", "version": "1.0.0",
            "language": "en", "exams": ["SAA"], "licence": "CC BY 4.0"}"#,
    )
    .unwrap();
    let pack = tmp.path().join("kept.stratus");
    refuses_then_replaces(
        &tmp.path().join("data"),
        &pack,
        &[
            "pack",
            "build",
            src.to_str().unwrap(),
            "-o",
            pack.to_str().unwrap(),
        ],
    );
    assert_eq!(&std::fs::read(&pack).unwrap()[..2], b"PK");
}
