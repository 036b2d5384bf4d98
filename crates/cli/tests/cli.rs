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

#[test]
fn info_json_on_new_data_dir_reports_schema_and_zero_counts() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("fresh");
    let out = stratus(
        &["info", "--json", "--data-dir", data.to_str().unwrap()],
        None,
    );
    let v = json(&out);
    assert!(v["schema_version"].as_u64().unwrap() >= 1);
    assert_eq!(v["data_dir"], data.display().to_string());
    assert_eq!(
        v["database_path"],
        data.join("stratus.sqlite3").display().to_string()
    );
    for key in ["documents", "sections", "cards", "reviews"] {
        assert_eq!(v["counts"][key], 0, "{key}");
    }
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
