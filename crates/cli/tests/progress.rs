//! `stratus progress export` / `import` through the real binary: two data folders with the
//! same notes exchange an answer, a second import changes nothing, a bad file is refused.

use std::path::Path;
use std::process::{Command, Output};

fn stratus(data: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_stratus"))
        .arg("--data-dir")
        .arg(data)
        .args(["--at", "2026-05-01T09:00"])
        .args(args)
        .env_remove("STRATUS_NOW")
        .output()
        .unwrap()
}

fn json(out: &Output) -> serde_json::Value {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

const NOTE: &str = "# S3 storage classes

| Storage class | Minimum storage duration |
|---|---|
| S3 Standard-IA | 30 days |
| S3 Glacier Instant Retrieval | 90 days |
| S3 Glacier Deep Archive | 180 days |
";

#[test]
fn progress_travels_between_two_data_folders() {
    let tmp = tempfile::tempdir().unwrap();
    let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
    for (data, notes) in [(&a, "notes-here"), (&b, "notes-there")] {
        let notes = tmp.path().join(notes);
        std::fs::create_dir_all(&notes).unwrap();
        std::fs::write(notes.join("s3.md"), NOTE).unwrap();
        json(&stratus(
            data,
            &["--json", "import", notes.to_str().unwrap()],
        ));
    }
    let documents = json(&stratus(&a, &["--json", "documents"]));
    let note = documents
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["origin"] == "user")
        .expect("the imported note is a document");
    let listed = json(&stratus(
        &a,
        &[
            "--json",
            "cards",
            "list",
            "--document",
            &note["id"].to_string(),
        ],
    ));
    let card = listed["cards"][0]["id"].as_str().unwrap().to_string();
    json(&stratus(
        &a,
        &["--json", "review", "answer", &card, "--rating", "good"],
    ));

    let file = tmp.path().join("progress.json");
    let file = file.to_str().unwrap();
    let sent = json(&stratus(&a, &["--json", "progress", "export", "-o", file]));
    assert_eq!(sent["reviews"], 1);
    let merged = json(&stratus(&b, &["--json", "progress", "import", file]));
    assert_eq!(merged["reviews_added"], 1, "{merged}");
    assert_eq!(merged["is_unchanged"], false);
    let again = stratus(&b, &["progress", "import", file]);
    assert!(again.status.success());
    assert!(
        String::from_utf8_lossy(&again.stdout).contains("nothing new"),
        "{}",
        String::from_utf8_lossy(&again.stdout)
    );
    let kept = stratus(&b, &["progress", "export", "-o", file]);
    assert_eq!(kept.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&kept.stderr).contains("--force"),
        "{}",
        String::from_utf8_lossy(&kept.stderr)
    );
    let back = json(&stratus(
        &b,
        &["--json", "progress", "export", "-o", file, "--force"],
    ));
    assert_eq!(back["reviews"], 1);

    let bad = tmp.path().join("bad.json");
    std::fs::write(&bad, "{\"format\": \"stratus-progress\", \"version\": 7}").unwrap();
    let refused = stratus(&b, &["--json", "progress", "import", bad.to_str().unwrap()]);
    assert_eq!(refused.status.code(), Some(2));
    let err: serde_json::Value = serde_json::from_slice(&refused.stderr).unwrap();
    assert_eq!(err["error"]["kind"], "invalid_input");
    assert!(
        err["error"]["message"]
            .as_str()
            .unwrap()
            .contains("newer Stratus"),
        "{err}"
    );
}
