//! Runs the real `stratus` binary in temporary directories.

use std::path::Path;
use std::process::{Command, Output};

fn stratus(args: &[&str], env_data_dir: Option<&Path>) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_stratus"));
    cmd.args(args).env_remove("STRATUS_DATA_DIR");
    if let Some(dir) = env_data_dir {
        cmd.env("STRATUS_DATA_DIR", dir);
    }
    cmd.output().expect("stratus runs")
}

fn json(out: &Output) -> serde_json::Value {
    assert!(
        out.status.success(),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("stdout is JSON")
}

/// Number of files of the built-in course in one content language (the markdown files of
/// `content/<lang>/`); a library holds the course of its content language, Korean by default.
/// Number of note files of the built-in course in `lang`: `content/<lang>/*.md` and one
/// level of subfolders (the question bank), READMEs left out. Never 0 (checked), so the
/// comparisons below cannot hold by accident.
fn builtin_file_count(lang: &str) -> u64 {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../content")
        .join(lang);
    let is_note = |p: &Path| {
        let name = p.file_name().unwrap().to_string_lossy().to_string();
        p.is_file() && name.ends_with(".md") && !name.eq_ignore_ascii_case("README.md")
    };
    let mut count = 0;
    for entry in std::fs::read_dir(&folder)
        .expect("content/<lang> exists")
        .flatten()
    {
        let path = entry.path();
        if path.is_dir() {
            count += std::fs::read_dir(&path)
                .unwrap()
                .flatten()
                .filter(|f| is_note(&f.path()))
                .count() as u64;
        } else if is_note(&path) {
            count += 1;
        }
    }
    assert!(
        count > 20,
        "the built-in course of {lang} has {count} files"
    );
    count
}

#[test]
fn info_json_on_new_data_dir_reports_schema_and_builtin_counts() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("fresh");
    let out = stratus(
        &["info", "--json", "--data-dir", data.to_str().unwrap()],
        None,
    );
    let v = json(&out);
    assert_eq!(
        v["schema_version"].as_u64(),
        Some(u64::from(stratus_engine::SCHEMA_VERSION))
    );
    assert_eq!(v["data_dir"], data.display().to_string());
    assert_eq!(
        v["database_path"],
        data.join("stratus.sqlite3").display().to_string()
    );
    // A new library holds exactly the built-in course, and nothing studied yet.
    let documents = builtin_file_count("ko");
    assert_eq!(v["counts"]["documents"], documents);
    assert!(v["counts"]["sections"].as_u64().unwrap() > documents);
    // The built-in course comes with its cards, and nothing is studied yet.
    assert!(v["counts"]["cards"].as_u64().unwrap() > 1000, "{v}");
    assert_eq!(v["counts"]["reviews"], 0);
    assert!(v["sqlite_version"].as_str().unwrap().starts_with("3."));
    assert!(
        data.join("stratus.sqlite3").is_file(),
        "data dir is created on first use"
    );
}

#[test]
fn data_dir_comes_from_environment_and_flag_overrides_it() {
    let dir = tempfile::tempdir().unwrap();
    let from_env = dir.path().join("env");
    let from_flag = dir.path().join("flag");
    let v = json(&stratus(&["info", "--json"], Some(&from_env)));
    assert_eq!(v["data_dir"], from_env.display().to_string());
    let v = json(&stratus(
        &["--data-dir", from_flag.to_str().unwrap(), "info", "--json"],
        Some(&from_env),
    ));
    assert_eq!(v["data_dir"], from_flag.display().to_string());
}

#[test]
fn text_output_lists_the_same_facts() {
    let dir = tempfile::tempdir().unwrap();
    let out = stratus(&["info"], Some(dir.path()));
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("schema version:"), "{text}");
    assert!(text.contains(&dir.path().display().to_string()), "{text}");
}

#[test]
fn refused_database_is_an_error_on_stderr_with_exit_code_2() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("stratus.sqlite3"), "not a database at all").unwrap();
    let out = stratus(&["info", "--json"], Some(dir.path()));
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let err: serde_json::Value = serde_json::from_slice(&out.stderr).unwrap();
    assert_eq!(err["error"]["kind"], "not_a_database");
    assert!(
        err["error"]["message"]
            .as_str()
            .unwrap()
            .contains("stratus.sqlite3")
    );

    let out = stratus(&["info"], Some(dir.path()));
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).starts_with("stratus: "));
}

#[test]
fn restore_replaces_a_damaged_library_and_keeps_the_damaged_file() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let backup = json(&stratus_in(&data, &["backup", "--json"]));
    let backup = backup["backup"]["path"].as_str().unwrap().to_string();
    let db = data.join("stratus.sqlite3");
    std::fs::write(&db, "garbage over the library").unwrap();
    let out = stratus_in(&data, &["info"]);
    assert_eq!(out.status.code(), Some(2), "a damaged library is refused");

    let out = stratus_in(&data, &["restore", &backup]);
    assert!(
        out.status.success(),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("damaged library: "), "{text}");
    assert!(text.contains("-damaged-"), "{text}");

    std::fs::write(&db, "damaged again").unwrap();
    let report = json(&stratus_in(&data, &["restore", &backup, "--json"]));
    assert!(report["previous"].is_null(), "{report}");
    let kept = report["damaged"]["kept_as"][0].as_str().unwrap();
    assert_eq!(std::fs::read_to_string(kept).unwrap(), "damaged again");
    assert!(
        report["damaged"]["error"]
            .as_str()
            .unwrap()
            .contains("not a Stratus database"),
        "{report}"
    );
    let documents = builtin_file_count("ko");
    assert_eq!(report["counts"]["documents"], documents);
    let info = json(&stratus_in(&data, &["info", "--json"]));
    assert_eq!(info["counts"]["documents"], documents);

    // A library that opens is backed up before it is replaced.
    let report = json(&stratus_in(&data, &["restore", &backup, "--json"]));
    assert!(report["damaged"].is_null(), "{report}");
    assert_eq!(report["previous"]["reason"], "restore");
}

/// The study notes written for the tests (crates/engine/tests/fixtures/notebook).
fn notebook_dir() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../engine/tests/fixtures/notebook")
}

/// How many note files (`.md`, `.txt`) the notebook folder holds.
fn notebook_file_count() -> usize {
    std::fs::read_dir(notebook_dir())
        .unwrap()
        .flatten()
        .filter(|e| {
            matches!(
                e.path().extension().and_then(|x| x.to_str()),
                Some("md" | "txt")
            )
        })
        .count()
}

fn stratus_in(data: &Path, args: &[&str]) -> Output {
    let mut all = vec!["--data-dir", data.to_str().unwrap()];
    all.extend_from_slice(args);
    stratus(&all, None)
}

#[test]
fn import_reports_each_file_and_reimport_is_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let notes = notebook_dir();
    let v = json(&stratus_in(
        dir.path(),
        &["import", notes.to_str().unwrap(), "--json"],
    ));
    let files = notebook_file_count();
    assert!(files >= 5, "{files} notes");
    assert_eq!(v["totals"]["imported"], files, "{v}");
    assert_eq!(v["totals"]["failed"], 0, "{v}");
    assert_eq!(v["totals"]["skipped"], 0, "{v}");
    assert_eq!(v["files"].as_array().unwrap().len(), files);
    assert!(
        v["files"]
            .as_array()
            .unwrap()
            .iter()
            .all(|f| f["outcome"]["kind"] == "imported"),
        "{v}"
    );
    let sections: u64 = v["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["outcome"]["section_count"].as_u64().unwrap())
        .sum();
    assert_eq!(v["totals"]["sections"], sections, "{v}");
    let again = json(&stratus_in(
        dir.path(),
        &["import", notes.to_str().unwrap(), "--json"],
    ));
    assert_eq!(again["totals"]["unchanged"], files);
    assert_eq!(again["totals"]["imported"], 0);

    let text = stratus_in(dir.path(), &["import", notes.to_str().unwrap()]);
    assert!(text.status.success());
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(text.contains(&format!("{files} unchanged")), "{text}");
}

#[test]
fn bad_files_are_listed_with_reasons() {
    let dir = tempfile::tempdir().unwrap();
    let notes = dir.path().join("notes");
    std::fs::create_dir(&notes).unwrap();
    std::fs::write(notes.join("ok.md"), "# Ok\ntext\n").unwrap();
    std::fs::write(notes.join("bin.txt"), b"\0\x01\x02").unwrap();
    let v = json(&stratus_in(
        dir.path(),
        &["import", notes.to_str().unwrap(), "--json"],
    ));
    let files = v["files"].as_array().unwrap();
    let bin = files
        .iter()
        .find(|f| f["path"].as_str().unwrap().ends_with("bin.txt"))
        .unwrap();
    assert_eq!(bin["outcome"]["kind"], "skipped");
    assert_eq!(bin["outcome"]["reason"], "binary");
}

#[test]
fn search_finds_korean_and_english_and_exits_1_on_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let notes = notebook_dir();
    assert!(
        stratus_in(dir.path(), &["import", notes.to_str().unwrap()])
            .status
            .success()
    );

    let v = json(&stratus_in(
        dir.path(),
        &["search", "스팟 플릿", "--scope", "imported", "--json"],
    ));
    let first = &v["hits"][0];
    assert!(
        first["heading"].as_str().unwrap().contains("스팟 플릿"),
        "{v}"
    );
    assert!(
        first["snippet"]
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s["is_match"] == true)
    );

    let v = json(&stratus_in(
        dir.path(),
        &["search", "cloudfrnot", "--scope", "imported", "--json"],
    ));
    assert!(
        v["hits"][0]["heading"]
            .as_str()
            .unwrap()
            .contains("CloudFront"),
        "{v}"
    );
    assert_eq!(v["corrections"][0]["replacements"][0], "cloudfront");

    let v = json(&stratus_in(
        dir.path(),
        &["search", "Elastic IPs", "--exam", "SOA", "--json"],
    ));
    assert!(
        v["hits"].as_array().unwrap().is_empty()
            || v["hits"][0]["exams"]
                .as_array()
                .unwrap()
                .contains(&"SOA".into())
    );

    let none = stratus_in(dir.path(), &["search", "zzqqxxyy", "--json"]);
    assert_eq!(none.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&none.stdout).unwrap();
    assert!(v["hits"].as_array().unwrap().is_empty());

    let text = stratus_in(dir.path(), &["search", "예약 인스턴스", "--limit", "3"]);
    assert!(text.status.success());
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(text.contains(" 1. ") && text.contains('['), "{text}");
}

#[test]
fn batch_search_prints_one_json_line_per_query_with_timing() {
    let dir = tempfile::tempdir().unwrap();
    let notes = notebook_dir();
    assert!(
        stratus_in(dir.path(), &["import", notes.to_str().unwrap()])
            .status
            .success()
    );
    let queries = dir.path().join("queries.txt");
    std::fs::write(&queries, "요금\n\nS3 Glacier\n\"unbalanced ( NEAR -x:\n").unwrap();
    let out = stratus_in(
        dir.path(),
        &["search", "--batch", queries.to_str().unwrap()],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let lines: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[0]["query"], "요금");
    assert!(
        lines
            .iter()
            .all(|l| l["type"] == "results" && l["elapsed_us"].is_u64() && l["hits"].is_array())
    );
}

#[test]
fn import_warnings_name_the_file_and_the_line() {
    let dir = tempfile::tempdir().unwrap();
    let note = dir.path().join("storage.md");
    std::fs::write(
        &note,
        "# Storage\n\nWhich storage class is the cheapest for archives?\n\n\
         - [ ] S3 Standard\n  Wrong: priced for frequent access.\n\
         - [ ] S3 One Zone-IA\n  Wrong: still priced for millisecond access.\n\n\
         Explanation: no option is marked right.\nExam: SAA-C03/4\n",
    )
    .unwrap();
    let out = stratus_in(dir.path(), &["import", note.to_str().unwrap()]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(out.status.success(), "{text}");
    let prefix = format!("{}:", note.display());
    let warning = text
        .lines()
        .find(|l| l.contains("warning: question left out"))
        .unwrap_or_else(|| panic!("no warning: {text}"));
    let line: u32 = warning
        .strip_prefix(&prefix)
        .and_then(|rest| rest.split_once(": warning: "))
        .and_then(|(line, _)| line.parse().ok())
        .unwrap_or_else(|| panic!("not FILE:LINE: warning: {warning}"));
    assert!((3..=10).contains(&line), "{warning}");
}

#[test]
fn search_reports_glossary_expansions_question_words_and_suggestions() {
    let dir = tempfile::tempdir().unwrap();
    let notes = notebook_dir();
    assert!(
        stratus_in(dir.path(), &["import", notes.to_str().unwrap()])
            .status
            .success()
    );
    let v = json(&stratus_in(
        dir.path(),
        &[
            "search",
            "EC2 메모리 사용률은 어떻게 모니터링하나",
            "--json",
        ],
    ));
    assert!(!v["hits"].as_array().unwrap().is_empty(), "{v}");
    assert_eq!(v["ignored_words"][0], "어떻게", "{v}");
    assert!(
        v["expansions"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["from"] == "메모리 사용률"
                && e["to"]
                    .as_array()
                    .unwrap()
                    .contains(&"memory utilization".into())),
        "{v}"
    );
    let text = stratus_in(dir.path(), &["search", "스팟 플릿"]);
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(text.contains("스팟 플릿 → Spot Fleet"), "{text}");
}

#[test]
fn a_huge_batch_query_is_cut_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let notes = notebook_dir();
    assert!(
        stratus_in(dir.path(), &["import", notes.to_str().unwrap()])
            .status
            .success()
    );
    let queries = dir.path().join("queries.txt");
    let huge = "S3 수명주기 lifecycle 요금 ".repeat(1 << 20 >> 5);
    assert!(huge.len() >= 1 << 20);
    std::fs::write(&queries, format!("{huge}\n")).unwrap();
    let started = std::time::Instant::now();
    let out = stratus_in(
        dir.path(),
        &["search", "--batch", queries.to_str().unwrap()],
    );
    assert!(out.status.success());
    assert!(started.elapsed().as_secs() < 20, "{:?}", started.elapsed());
    let line: serde_json::Value =
        serde_json::from_str(String::from_utf8(out.stdout).unwrap().trim()).unwrap();
    assert_eq!(line["is_truncated"], true);
    assert!(!line["hits"].as_array().unwrap().is_empty());
}

#[test]
fn show_renders_a_section_and_palette_finds_headings() {
    let dir = tempfile::tempdir().unwrap();
    let notes = notebook_dir();
    assert!(
        stratus_in(dir.path(), &["import", notes.to_str().unwrap()])
            .status
            .success()
    );
    let v = json(&stratus_in(
        dir.path(),
        &["palette", "reserved instances", "--json"],
    ));
    let id = v[0]["section_id"].as_u64().unwrap().to_string();
    let view = json(&stratus_in(dir.path(), &["show", &id, "--json"]));
    assert!(
        view["html"].as_str().unwrap().contains("Reserved"),
        "{view}"
    );
    assert!(view["breadcrumbs"].as_array().unwrap().len() >= 2);
    let missing = stratus_in(dir.path(), &["show", "99999999", "--json"]);
    assert_eq!(missing.status.code(), Some(2));
    let err: serde_json::Value = serde_json::from_slice(&missing.stderr).unwrap();
    assert_eq!(err["error"]["kind"], "not_found");
}

#[test]
fn cards_lint_reports_cards_and_skips_by_line() {
    let dir = tempfile::tempdir().unwrap();
    let note = dir.path().join("note.md");
    std::fs::write(
        &note,
        "# S3\n\nWhich class is the default? :: S3 Standard\n\n\
         | Class | AZs |\n|---|---|\n| A | 1 |\n| A | 3 |\n",
    )
    .unwrap();
    let data = dir.path().join("data");
    let args = ["cards", "lint", note.to_str().unwrap(), "--json"];
    let v = json(&stratus(&args, Some(&data)));
    let file = &v["files"][0];
    assert_eq!(file["cards"][0]["line"], 3);
    assert_eq!(file["cards"][0]["generator"], "explicit");
    assert_eq!(file["cards"][0]["answer"], "S3 Standard");
    assert_eq!(file["skipped"][0]["reason"], "malformed_table");
    assert_eq!(file["skipped"][0]["line"], 5);

    let text = stratus(&["cards", "lint", note.to_str().unwrap()], Some(&data));
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(text.contains("MalformedTable"), "{text}");
}

#[test]
fn cards_list_filters_by_exam_and_topic() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let args = ["cards", "list", "--exam", "SAA", "--topic", "s3", "--json"];
    let v = json(&stratus(&args, Some(&data)));
    let cards = v["cards"].as_array().unwrap();
    assert_eq!(cards.is_empty(), builtin_file_count("ko") == 0);
    for c in cards {
        assert!(c["exams"].as_array().unwrap().contains(&"SAA".into()));
        assert!(!c["heading_path"].as_array().unwrap().is_empty());
    }
    let none = stratus(&["cards", "list", "--topic", "no-such-topic"], Some(&data));
    assert_eq!(none.status.code(), Some(1));
    let bad = stratus(&["cards", "list", "--exam", "XYZ", "--json"], Some(&data));
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("invalid_input"));
}

#[test]
fn cards_list_filters_sorts_pages_and_suspends_in_bulk() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let note = dir.path().join("notes/storage.md");
    std::fs::create_dir_all(note.parent().unwrap()).unwrap();
    std::fs::write(
        &note,
        "---\ntitle: Storage notes\nexam: [SAA-C03]\n---\n\n# S3 classes\n\n\
         S3에서 객체를 담는 최상위 컨테이너 :: 버킷\n\
         Cheapest class for archives :: S3 Glacier Deep Archive\n\
         Durability of S3 Standard :: 11 nines\n",
    )
    .unwrap();
    let imported = json(&stratus_in(
        &data,
        &["import", note.to_str().unwrap(), "--json"],
    ));
    let doc = imported["files"][0]["document_id"].to_string();
    let list = |extra: &[&str]| {
        let mut args = vec!["cards", "list", "--document", doc.as_str(), "--json"];
        args.extend_from_slice(extra);
        json(&stratus_in(&data, &args))
    };
    let prompts = |v: &serde_json::Value| -> Vec<String> {
        v["cards"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["prompt"].as_str().unwrap().to_string())
            .collect()
    };

    let by_prompt = list(&["--sort", "prompt"]);
    assert_eq!(by_prompt["total"], 3);
    assert_eq!(
        prompts(&by_prompt),
        [
            "Cheapest class for archives",
            "Durability of S3 Standard",
            "S3에서 객체를 담는 최상위 컨테이너"
        ]
    );
    let reversed = list(&[
        "--sort", "prompt", "--desc", "--limit", "1", "--offset", "1",
    ]);
    assert_eq!(reversed["total"], 3);
    assert_eq!(reversed["offset"], 1);
    assert_eq!(prompts(&reversed), ["Durability of S3 Standard"]);
    assert_eq!(
        prompts(&list(&["--text", "버킷"])),
        ["S3에서 객체를 담는 최상위 컨테이너"]
    );
    assert_eq!(
        prompts(&list(&["--text", "GLACIER"])),
        ["Cheapest class for archives"]
    );
    let id = |v: &serde_json::Value, i: usize| v["cards"][i]["id"].as_str().unwrap().to_string();
    let (first, second) = (id(&by_prompt, 0), id(&by_prompt, 1));

    let out = json(&stratus_in(
        &data,
        &["cards", "suspend", &first, &second, "--json"],
    ));
    assert_eq!(out["changed"], 2);
    assert_eq!(out["is_suspended"], true);
    let suspended = list(&["--state", "suspended"]);
    let mut ids: Vec<String> = (0..2).map(|i| id(&suspended, i)).collect();
    ids.sort();
    let mut expected = vec![first.clone(), second.clone()];
    expected.sort();
    assert_eq!(suspended["total"], 2);
    assert_eq!(ids, expected);
    assert!(suspended["cards"][0]["is_suspended"].as_bool().unwrap());
    // By default only cards that may be reviewed are listed; --all shows every card.
    assert_eq!(list(&[])["total"], 1);
    assert_eq!(list(&["--all"])["total"], 3);
    assert_eq!(
        list(&["--state", "new", "--state", "suspended"])["total"],
        3
    );

    // An unknown id is an error and changes nothing.
    let bad = stratus_in(
        &data,
        &["cards", "unsuspend", &first, "no-such-card", "--json"],
    );
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("not_found"));
    assert_eq!(list(&["--state", "suspended"])["total"], 2);

    let text = stratus_in(&data, &["cards", "unsuspend", &first, &second]);
    assert!(text.status.success());
    assert!(String::from_utf8_lossy(&text.stdout).contains("unsuspended 2 of 2 cards"));
    let none = stratus_in(
        &data,
        &["cards", "list", "--document", &doc, "--state", "suspended"],
    );
    assert_eq!(none.status.code(), Some(1));
    let bad_time = stratus_in(&data, &["cards", "list", "--due-before", "soon", "--json"]);
    assert_eq!(bad_time.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad_time.stderr).contains("invalid_input"));
}

#[test]
fn settings_switch_the_content_language_and_the_course_follows() {
    let dir = tempfile::tempdir().unwrap();
    let v = json(&stratus(&["settings", "--json"], Some(dir.path())));
    assert_eq!(v["language"], "ko");
    assert_eq!(v["content_language"], "ko");
    assert_eq!(
        json(&stratus(&["info", "--json"], Some(dir.path())))["counts"]["documents"],
        builtin_file_count("ko")
    );

    let v = json(&stratus(
        &[
            "settings",
            "--content-language",
            "en",
            "--theme",
            "dark",
            "--json",
        ],
        Some(dir.path()),
    ));
    assert_eq!(v["content_language"], "en");
    assert_eq!(v["theme"], "dark");
    assert_eq!(v["language"], "ko", "options not given keep their value");
    let docs = json(&stratus(&["documents", "--json"], Some(dir.path())));
    let paths: Vec<&str> = docs
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths.len() as u64, builtin_file_count("en"));
    assert!(paths.iter().all(|p| p.starts_with("en/")), "{paths:?}");
}

/// Runs `stratus` on a data dir at a fixed time given by `STRATUS_NOW`.
fn stratus_now(data: &Path, now: &str, args: &[&str]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_stratus"));
    cmd.args(args)
        .env("STRATUS_DATA_DIR", data)
        .env("STRATUS_NOW", now);
    cmd.output().expect("stratus runs")
}

#[test]
fn scripted_review_sessions_over_two_days() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let notes = dir.path().join("notes");
    std::fs::create_dir_all(&notes).unwrap();
    std::fs::write(
        notes.join("s3.md"),
        "# S3\n\n## [SAA] Facts\n\n\
         Which storage class is the default? :: S3 Standard\n\n\
         How many nines of durability does S3 offer? :: eleven\n\n\
         Which S3 feature keeps every version of an object? :: versioning\n",
    )
    .unwrap();
    let imported = json(&stratus_in(
        &data,
        &["import", notes.to_str().unwrap(), "--json"],
    ));
    let document = imported["files"][0]["document_id"].as_u64().unwrap();
    let scope = format!("document:{document}");
    let settings = json(&stratus_in(
        &data,
        &[
            "review",
            "settings",
            "--time-zone",
            "Asia/Seoul",
            "--new-per-day",
            "2",
            "--json",
        ],
    ));
    assert_eq!(settings["new_cards_per_day"], 2);
    assert_eq!(
        settings["learning_steps_secs"],
        serde_json::json!([60, 600])
    );

    let day1 = "2026-12-01T09:00";
    let next = |now: &str| {
        let out = stratus_now(&data, now, &["review", "next", "--scope", &scope, "--json"]);
        (
            out.status.code(),
            serde_json::from_slice::<serde_json::Value>(&out.stdout).unwrap(),
        )
    };
    let (code, first) = next(day1);
    assert_eq!(code, Some(0));
    assert_eq!(first["study_day"], "2026-12-01");
    assert_eq!(
        first["counts"]["new"], 2,
        "the daily limit caps the 3 new cards"
    );
    let card = &first["card"];
    assert_eq!(card["queue"], "new");
    assert_eq!(card["heading_path"], serde_json::json!(["S3", "Facts"]));
    assert_eq!(card["exams"], serde_json::json!(["SAA"]));
    assert!(card["section_id"].as_u64().is_some());
    let labels: Vec<&str> = card["buttons"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["label"].as_str().unwrap())
        .collect();
    assert_eq!(&labels[..3], &["1m", "6m", "10m"]);
    let id = card["card_id"].as_str().unwrap().to_string();

    // The same time gives the same card: the clock is fixed.
    assert_eq!(next(day1).1["card"]["card_id"], id.as_str());

    let answered = json(&stratus_now(
        &data,
        day1,
        &[
            "review",
            "answer",
            &id,
            "--rating",
            "good",
            "--duration-ms",
            "4200",
            "--json",
        ],
    ));
    assert_eq!(answered["phase"], "learning");
    assert_eq!(answered["label"], "10m");

    // --at overrides STRATUS_NOW.
    let later = stratus_now(
        &data,
        day1,
        &[
            "review",
            "next",
            "--scope",
            &scope,
            "--json",
            "--at",
            "2026-12-01T09:05",
        ],
    );
    let later: serde_json::Value = serde_json::from_slice(&later.stdout).unwrap();
    assert_eq!(later["counts"]["new"], 1);
    let second = later["card"]["card_id"].as_str().unwrap().to_string();
    assert_ne!(second, id);
    json(&stratus_now(
        &data,
        "2026-12-01T09:05",
        &["review", "answer", &second, "--rating", "easy", "--json"],
    ));
    let undone = json(&stratus_now(
        &data,
        "2026-12-01T09:06",
        &["review", "undo", "--json"],
    ));
    assert_eq!(undone["action"], "answer");
    assert_eq!(undone["card_id"], second.as_str());
    json(&stratus_now(
        &data,
        "2026-12-01T09:06",
        &["review", "bury", &second, "--json"],
    ));

    // The learning card is due at 09:10; past it, it comes first, then graduates.
    let (_, due) = next("2026-12-01T09:11");
    assert_eq!(due["card"]["card_id"], id.as_str());
    assert_eq!(due["card"]["queue"], "learning");
    let graduated = json(&stratus_now(
        &data,
        "2026-12-01T09:11",
        &["review", "answer", &id, "--rating", "good", "--json"],
    ));
    assert_eq!(graduated["phase"], "review");
    // One new card is left today (the limit is 2; the undone answer no longer counts).
    let (_, third) = next("2026-12-01T09:12");
    assert_eq!(third["counts"]["new"], 1);
    let third = third["card"]["card_id"].as_str().unwrap().to_string();
    assert!(third != id && third != second);
    json(&stratus_now(
        &data,
        "2026-12-01T09:12",
        &["review", "bury", &third, "--json"],
    ));
    let (code, done) = next("2026-12-01T09:13");
    assert_eq!(code, Some(1), "nothing left today: exit 1");
    assert!(done["card"].is_null());
    assert_eq!(
        done["counts"],
        serde_json::json!({"new": 0, "learning": 0, "review": 0})
    );

    // Next study day starts at 04:00 in Seoul: the buried cards are back.
    let (_, night) = next("2026-12-02T03:59");
    assert_eq!(night["study_day"], "2026-12-01");
    assert!(night["card"].is_null());
    let (_, day2) = next("2026-12-02T04:00");
    assert_eq!(day2["study_day"], "2026-12-02");
    assert_eq!(day2["counts"]["new"], 2);

    let summary = json(&stratus_now(
        &data,
        "2026-12-01T10:00",
        &["review", "summary", "--json"],
    ));
    assert_eq!(summary["answered"], 2);
    let optimize = json(&stratus_in(&data, &["optimize", "--json"]));
    assert_eq!(optimize["outcome"], "not_enough_reviews");
    assert_eq!(optimize["is_default"], true);

    let bad = stratus_now(
        &data,
        day1,
        &["review", "answer", &id, "--rating", "perfect", "--json"],
    );
    assert_eq!(bad.status.code(), Some(2));
    let err: serde_json::Value = serde_json::from_slice(&bad.stderr).unwrap();
    assert_eq!(err["error"]["kind"], "invalid_input");
    let missing = stratus_now(&data, day1, &["review", "bury", "nope", "--json"]);
    assert_eq!(missing.status.code(), Some(2));
}

#[test]
fn stats_json_on_a_fresh_data_dir_shows_the_exam_unstudied() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let v = json(&stratus_now(
        &data,
        "2026-12-01T10:00",
        &["stats", "--exam", "SAA", "--json"],
    ));
    for field in [
        "today",
        "exam",
        "exams",
        "topics",
        "weakest_topics",
        "activity",
        "weights_source",
        "weights_checked",
    ] {
        assert!(v.get(field).is_some(), "{field} missing: {v}");
    }
    assert_eq!(v["exam"], "SAA-C03");
    let exams = v["exams"].as_array().unwrap();
    assert_eq!(exams.len(), 1);
    let saa = &exams[0];
    assert_eq!(saa["short"], "SAA");
    assert!(!saa["readiness"]["label"].as_str().unwrap().is_empty());
    let has_course = builtin_file_count("ko") > 0;
    assert_eq!(saa["mastery"]["total"].as_u64().unwrap() > 0, has_course);
    assert_eq!(saa["mastery"]["seen"], 0);
    let domains = saa["domains"].as_array().unwrap();
    // The guide's four domains, then the bucket of cards without a domain tag.
    let numbers: Vec<Option<u64>> = domains.iter().map(|d| d["number"].as_u64()).collect();
    assert_eq!(numbers, [Some(1), Some(2), Some(3), Some(4), None]);
    assert_eq!(domains[4]["name"], "Unassigned");
    for d in domains {
        assert_eq!(d["mastery"]["seen"], 0, "{d}");
    }
    let activity = &v["activity"];
    assert_eq!(activity["reviews_365d"], 0);
    assert_eq!(activity["current_streak_days"], 0);
    assert_eq!(activity["days"].as_array().unwrap().len(), 365);

    let bad = stratus_in(&data, &["stats", "--exam", "XYZ", "--json"]);
    assert_eq!(bad.status.code(), Some(2));
    let err: serde_json::Value = serde_json::from_slice(&bad.stderr).unwrap();
    assert_eq!(err["error"]["kind"], "invalid_input");
}

#[test]
fn a_short_practice_exam_by_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path();
    let listed = json(&stratus(
        &["questions", "list", "--exam", "SAA", "--json"],
        Some(data),
    ));
    let bank = listed.as_array().unwrap().len();
    assert!(bank >= 65, "{bank} SAA questions in the built-in bank");

    let at = ["--at", "2026-12-01T09:00"];
    let start = |extra: &[&str]| {
        let mut args = vec![
            "exam", "start", "--exam", "SAA-C03", "--count", "4", "--seed", "7", "--json",
        ];
        args.extend_from_slice(extra);
        json(&stratus(&args, Some(data)))
    };
    let attempt = start(&at);
    let id = attempt["id"].as_u64().unwrap().to_string();
    let questions = attempt["questions"].as_array().unwrap();
    assert_eq!(questions.len(), 4);
    // 130 minutes × 4 / 65.
    assert_eq!(attempt["time_limit_ms"], 8.0 * 60_000.0);
    assert!(
        questions.iter().all(|q| q["result"].is_null()),
        "no key during the exam"
    );

    // Answer question 1 with option A as shown, flag question 2, leave the rest.
    let answered = json(&stratus(
        &[
            "exam",
            "answer",
            &id,
            "1",
            "A",
            "--json",
            "--at",
            "2026-12-01T09:02",
        ],
        Some(data),
    ));
    let first = &answered["questions"][0];
    assert_eq!(
        first["answer"],
        serde_json::json!([first["options"][0]["index"]])
    );
    assert_eq!(answered["elapsed_ms"], 120_000.0);
    let flagged = json(&stratus(
        &[
            "exam",
            "flag",
            &id,
            "2",
            "--json",
            "--at",
            "2026-12-01T09:03",
        ],
        Some(data),
    ));
    assert_eq!(flagged["flagged_count"], 1);
    let bad = stratus(
        &["exam", "answer", &id, "9", "A", "--at", "2026-12-01T09:03"],
        Some(data),
    );
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("no question 9"));

    let report = json(&stratus(
        &["exam", "submit", &id, "--json", "--at", "2026-12-01T09:04"],
        Some(data),
    ));
    assert_eq!(report["total"], 4);
    assert_eq!(report["attempt"]["status"], "submitted");
    let domains = report["domains"].as_array().unwrap();
    assert_eq!(domains.len(), 4);
    let total: u64 = domains.iter().map(|d| d["total"].as_u64().unwrap()).sum();
    assert_eq!(total, 4);
    let correct = report["correct"].as_u64().unwrap();
    assert!(correct <= 1, "only one question was answered");
    assert_eq!(report["estimated_score"], 100 + 900 * correct / 4);
    assert_eq!(report["passing_score"], 720);
    assert_eq!(report["cards_added"].as_u64().unwrap(), 4 - correct);
    for q in report["attempt"]["questions"].as_array().unwrap() {
        let result = &q["result"];
        assert_eq!(
            result["explanations"].as_array().unwrap().len(),
            q["options"].as_array().unwrap().len()
        );
        assert!(!result["explanation"].as_str().unwrap().is_empty());
    }
    let text = String::from_utf8(stratus(&["exam", "show", &id], Some(data)).stdout).unwrap();
    assert!(text.contains("estimated score"), "{text}");
    let history = json(&stratus(
        &["exam", "history", "--exam", "saa", "--json"],
        Some(data),
    ));
    assert_eq!(history.as_array().unwrap().len(), 1);
    assert_eq!(history[0]["id"].as_u64().unwrap().to_string(), id);

    // The same seed replays the draw (recent questions go last, so compare with a new library).
    let other = tempfile::tempdir().unwrap();
    let mut args = vec![
        "exam", "start", "--exam", "SAA-C03", "--count", "4", "--seed", "7", "--json",
    ];
    args.extend_from_slice(&at);
    let again = json(&stratus(&args, Some(other.path())));
    let stems = |a: &serde_json::Value| -> Vec<String> {
        a["questions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|q| q["stem"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(stems(&attempt), stems(&again));
}

/// The repro of a data-loss report: backups dated in the future used to make every new
/// backup — and the copy a restore makes — be deleted as soon as it was written.
#[test]
fn backups_dated_in_the_future_do_not_delete_new_ones() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path();
    let mut future = Vec::new();
    for _ in 0..7 {
        let made = json(&stratus(
            &["backup", "--json", "--at", "2099-01-01T09:00"],
            Some(data),
        ));
        future.push(made["backup"]["path"].as_str().unwrap().to_string());
    }
    let made = json(&stratus(
        &["backup", "--json", "--at", "2026-12-01T09:00"],
        Some(data),
    ));
    let path = made["backup"]["path"].as_str().unwrap();
    assert!(Path::new(path).is_file(), "{made}");
    let pruned = made["pruned"].as_array().unwrap();
    assert_eq!(pruned.len(), 1, "{made}");
    let report = json(&stratus(&["restore", &future[6], "--json"], Some(data)));
    let previous = report["previous"]["path"].as_str().unwrap();
    assert!(
        Path::new(previous).is_file(),
        "the copy of the replaced library is kept: {report}"
    );
}

#[test]
fn clock_extremes_are_refused_with_invalid_input_not_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    for at in ["+262142-12-31T23:00", "-262143-01-01T00:00"] {
        let flag = format!("--at={at}");
        let out = stratus_in(&data, &["--json", &flag, "review", "next"]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{at}: {stderr}");
        assert!(!stderr.contains("panicked"), "{at}: {stderr}");
        let err: serde_json::Value = serde_json::from_str(stderr.trim()).expect("JSON error");
        assert_eq!(err["error"]["kind"], "invalid_input", "{at}: {stderr}");
        assert!(
            err["error"]["message"]
                .as_str()
                .unwrap()
                .contains("1970-01-01 and 9999-12-31"),
            "{at}: {stderr}"
        );
    }
}

/// A reader that closes the pipe early (`stratus … | head -1`) is no error.
#[test]
fn a_closed_pipe_is_not_an_error() {
    let dir = tempfile::tempdir().unwrap();
    // Create the library first, so the piped run only prints.
    assert!(stratus(&["info"], Some(dir.path())).status.success());
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_stratus"))
        .args([
            "--data-dir",
            dir.path().to_str().unwrap(),
            "cards",
            "list",
            "--json",
        ])
        .env_remove("STRATUS_DATA_DIR")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Read one line, then close our end while the command still has thousands of cards to print.
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 16];
    std::io::Read::read_exact(&mut stdout, &mut first).unwrap();
    drop(stdout);
    let out = child.wait_with_output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// README's `stratus info --json` example is what a new library prints (keys, versions and
/// counts), so the README cannot drift from the program.
#[test]
fn the_readme_info_example_matches_a_new_library() {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../README.md"))
            .unwrap();
    let start = readme
        .find("`stratus info --json`:\n\n```json\n")
        .expect("README shows `stratus info --json`");
    let block = &readme[start..];
    let body = &block[block.find('{').unwrap()..block.find("\n```\n").unwrap()];
    let example: serde_json::Value = serde_json::from_str(body).expect("the example is JSON");
    let dir = tempfile::tempdir().unwrap();
    let actual = json(&stratus(&["info", "--json"], Some(dir.path())));
    let keys =
        |v: &serde_json::Value| -> Vec<String> { v.as_object().unwrap().keys().cloned().collect() };
    assert_eq!(keys(&example), keys(&actual));
    assert_eq!(keys(&example["counts"]), keys(&actual["counts"]));
    for field in ["schema_version", "sqlite_version"] {
        assert_eq!(example[field], actual[field], "README's {field}");
    }
    assert_eq!(
        example["counts"], actual["counts"],
        "README's counts of a new library"
    );
}

/// README's table of `--json` outputs names every top-level field each command prints.
#[test]
fn every_json_output_is_documented() {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../README.md"))
            .unwrap();
    let row = |command: &str| -> &str {
        readme
            .lines()
            .find(|l| l.starts_with(&format!("| `{command}` |")))
            .unwrap_or_else(|| panic!("README has no --json row for `{command}`"))
    };
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path();
    let notes = notebook_dir();
    let notes = notes.to_str().unwrap();
    let note = std::fs::read_dir(notes)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|x| x == "md"))
        .unwrap();
    let mut outputs: Vec<(&str, serde_json::Value)> = Vec::new();
    let mut run = |command: &'static str, args: &[&str]| -> serde_json::Value {
        let mut all = args.to_vec();
        all.push("--json");
        let v = json(&stratus_in(data, &all));
        outputs.push((command, v.clone()));
        v
    };
    run("import", &["import", notes]);
    let found = run("search", &["search", "S3", "--limit", "2"]);
    let section = found["hits"][0]["section_id"].to_string();
    run("palette", &["palette", "s3"]);
    run("show", &["show", &section]);
    let documents = run("documents", &["documents"]);
    let imported = documents
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["is_builtin"] == false)
        .unwrap()["id"]
        .to_string();
    run(
        "documents rename",
        &["documents", "rename", &imported, "My notes"],
    );
    let listed = run("cards list", &["cards", "list", "--limit", "2"]);
    let listed = listed["cards"][0]["id"].as_str().unwrap().to_string();
    run("cards suspend", &["cards", "suspend", &listed]);
    run("cards unsuspend", &["cards", "unsuspend", &listed]);
    run("cards lint", &["cards", "lint", note.to_str().unwrap()]);
    let next = run("review next", &["review", "next"]);
    let card = next["card"]["card_id"].as_str().unwrap().to_string();
    run(
        "review answer",
        &["review", "answer", &card, "--rating", "good"],
    );
    run("review summary", &["review", "summary"]);
    run("review settings", &["review", "settings"]);
    run("review undo", &["review", "undo"]);
    run("optimize", &["optimize"]);
    run("optimize --reset", &["optimize", "--reset"]);
    run("stats", &["stats"]);
    let progress = data.join("progress.json");
    let progress = progress.to_str().unwrap();
    run("progress export", &["progress", "export", "-o", progress]);
    run("progress import", &["progress", "import", progress]);
    let deck = data.join("deck.csv");
    run(
        "export anki",
        &["export", "anki", "--csv", "-o", deck.to_str().unwrap()],
    );
    let backup = run("backup", &["backup"]);
    let backup = backup["backup"]["path"].as_str().unwrap().to_string();
    run("backup --list", &["backup", "--list"]);
    run("settings", &["settings"]);
    run("restore", &["restore", &backup]);
    let pack_src = pack_source(data);
    let pack = data.join("documented.stratus");
    let pack = pack.to_str().unwrap();
    run(
        "pack build",
        &["pack", "build", pack_src.to_str().unwrap(), "-o", pack],
    );
    run("pack inspect", &["pack", "inspect", pack]);
    run("pack install", &["pack", "install", pack]);
    run("pack list", &["pack", "list"]);
    run("pack remove", &["pack", "remove", "cli-pack"]);

    let batch = data.join("queries.txt");
    std::fs::write(&batch, "S3\n").unwrap();
    let out = stratus_in(data, &["search", "--batch", batch.to_str().unwrap()]);
    let line: serde_json::Value = serde_json::from_str(
        String::from_utf8(out.stdout)
            .unwrap()
            .lines()
            .next()
            .unwrap(),
    )
    .unwrap();
    outputs.push((
        "search --batch",
        serde_json::json!({"type": line["type"], "elapsed_us": 0}),
    ));

    for (command, value) in &outputs {
        let object = match value {
            serde_json::Value::Array(rows) => rows
                .first()
                .unwrap_or_else(|| panic!("`{command}` printed no rows to check")),
            other => other,
        };
        let keys = object
            .as_object()
            .unwrap_or_else(|| panic!("`{command}` printed {object}"));
        let row = row(command);
        for key in keys.keys() {
            assert!(
                row.contains(&format!("`{key}`")),
                "README's --json row for `{command}` does not name `{key}`: {row}"
            );
        }
    }
}

#[test]
fn a_document_is_renamed_and_listed_with_its_card_count() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path();
    let notes = notebook_dir();
    stratus_in(data, &["import", notes.to_str().unwrap()]);
    let documents = json(&stratus_in(data, &["documents", "--json"]));
    let blog = documents
        .as_array()
        .unwrap()
        .iter()
        .find(|d| {
            d["path"]
                .as_str()
                .unwrap()
                .ends_with("blog-iam-organizations.txt")
        })
        .unwrap()
        .clone();
    assert_eq!(blog["title"], "AWS 공부 기록 - 멀티 계정과 권한 관리");
    assert!(blog["card_count"].as_u64().unwrap() > 0, "{blog}");
    let id = blog["id"].to_string();
    let out = stratus_in(data, &["documents", "rename", &id, "조직 정리"]);
    assert!(out.status.success());
    let listed = String::from_utf8(stratus_in(data, &["documents"]).stdout).unwrap();
    assert!(listed.contains("조직 정리"), "{listed}");
    assert!(!listed.contains("멀티 계정과 권한 관리"), "{listed}");
    let builtin = documents
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["is_builtin"] == true)
        .unwrap()["id"]
        .to_string();
    let refused = stratus_in(data, &["documents", "rename", &builtin, "mine"]);
    assert!(!refused.status.success());
    assert!(
        String::from_utf8_lossy(&refused.stderr).contains("built-in course"),
        "{}",
        String::from_utf8_lossy(&refused.stderr)
    );
    let empty = stratus_in(data, &["documents", "rename", &id, " "]);
    assert!(!empty.status.success());
    assert!(
        String::from_utf8_lossy(&empty.stderr).contains("cannot be empty"),
        "{}",
        String::from_utf8_lossy(&empty.stderr)
    );
}

#[test]
fn a_data_dir_that_takes_no_files_names_the_reason_once() {
    if !Path::new("/proc/self").exists() {
        assert!(
            std::env::var("STRATUS_REQUIRE_MOUNT").as_deref() != Ok("1"),
            "STRATUS_REQUIRE_MOUNT=1 but there is no /proc"
        );
        eprintln!("SKIPPED: no /proc here");
        return;
    }
    let out = stratus(&["--data-dir", "/proc", "info"], None);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("/proc/stratus.sqlite3: cannot create a file in /proc"),
        "{stderr}"
    );
    assert_eq!(stderr.matches("cannot create").count(), 1, "{stderr}");
    assert!(!stderr.contains("Error code 14"), "{stderr}");
}

/// A folder a pack is built from: two notes, an image and `pack.json`.
fn pack_source(root: &Path) -> std::path::PathBuf {
    let src = root.join("pack-src");
    std::fs::create_dir_all(src.join("img")).unwrap();
    std::fs::write(
        src.join("s3.md"),
        "# S3 basics\n\nWhat is the durability of S3 Standard? :: 99.999999999%\n\n![s3](img/s3.png)\n",
    )
    .unwrap();
    std::fs::write(
        src.join("ec2.md"),
        "# EC2 basics\n\nWhich EC2 option can be interrupted with a two-minute warning? :: Spot Instances\n",
    )
    .unwrap();
    std::fs::write(src.join("img/s3.png"), b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap();
    std::fs::write(
        src.join("pack.json"),
        r#"{"name": "cli-pack", "title": "CLI pack", "author": "Kim", "version": "1.0.0",
            "language": "en", "exams": ["SAA"], "licence": "CC BY 4.0"}"#,
    )
    .unwrap();
    src
}

#[test]
fn pack_build_inspect_install_list_remove() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let src = pack_source(dir.path());
    let file = dir.path().join("cli-pack.stratus");
    let file_arg = file.to_str().unwrap();
    // Flags override pack.json.
    let built = json(&stratus_in(
        &data,
        &[
            "pack",
            "build",
            src.to_str().unwrap(),
            "-o",
            file_arg,
            "--version",
            "1.2.0",
            "--json",
        ],
    ));
    assert_eq!(built["version"], "1.2.0");
    assert_eq!(built["note_count"], 2);
    assert_eq!(built["image_count"], 1);
    assert!(file.is_file());

    let info = json(&stratus_in(&data, &["pack", "inspect", file_arg, "--json"]));
    assert_eq!(info["title"], "CLI pack");
    assert_eq!(
        info["topics"],
        serde_json::json!(["EC2 basics", "S3 basics"])
    );
    assert_eq!(info["card_count"], 2);
    assert_eq!(info["installed_version"], serde_json::Value::Null);
    let text = stratus_in(&data, &["pack", "inspect", file_arg]);
    assert!(String::from_utf8_lossy(&text.stdout).contains("2 cards"));

    let installed = json(&stratus_in(&data, &["pack", "install", file_arg, "--json"]));
    assert_eq!(installed["pack"]["name"], "cli-pack");
    assert_eq!(
        installed["pack"]["document_ids"].as_array().unwrap().len(),
        2
    );
    assert!(data.join("packs/cli-pack/img/s3.png").is_file());

    // The same version again needs --force, and says so.
    let again = stratus_in(&data, &["pack", "install", file_arg, "--json"]);
    assert_eq!(again.status.code(), Some(2));
    let err: serde_json::Value = serde_json::from_slice(&again.stderr).unwrap();
    assert_eq!(err["error"]["kind"], "invalid_input");
    assert!(
        err["error"]["message"]
            .as_str()
            .unwrap()
            .contains("--force")
    );
    json(&stratus_in(
        &data,
        &["pack", "install", file_arg, "--force", "--json"],
    ));

    let listed = json(&stratus_in(&data, &["pack", "list", "--json"]));
    assert_eq!(listed.as_array().unwrap().len(), 1);
    assert_eq!(listed[0]["version"], "1.2.0");

    let removed = json(&stratus_in(
        &data,
        &["pack", "remove", "cli-pack", "--json"],
    ));
    assert_eq!(removed["documents_removed"], 2);
    assert!(!data.join("packs/cli-pack").exists());
    let listed = json(&stratus_in(&data, &["pack", "list", "--json"]));
    assert_eq!(listed, serde_json::json!([]));

    // A hostile pack: the error kind and the problem.
    let bad = dir.path().join("bad.stratus");
    std::fs::write(&bad, b"not a zip").unwrap();
    let out = stratus_in(&data, &["pack", "install", bad.to_str().unwrap(), "--json"]);
    assert_eq!(out.status.code(), Some(2));
    let err: serde_json::Value = serde_json::from_slice(&out.stderr).unwrap();
    assert_eq!(err["error"]["kind"], "invalid_pack");
    assert!(
        err["error"]["message"]
            .as_str()
            .unwrap()
            .contains("not a zip")
    );
}
