//! Crash safety and concurrent writers, with the real `stratus` binary.
//!
//! The crash harness runs an import and a scripted review session in child processes and
//! SIGKILLs the running one at a random moment. Afterwards the database must pass
//! `PRAGMA integrity_check`, hold every review whose command returned before the kill, and
//! hold no half-imported file. `cargo test` runs 10 trials; set `STRATUS_CRASH_TRIALS=100`
//! for the long run (and `STRATUS_CRASH_SEED` to replay one).

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use rusqlite::Connection;

fn stratus(data: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_stratus"));
    cmd.env_remove("STRATUS_NOW")
        .env("STRATUS_DATA_DIR", data)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    cmd
}

fn run_ok(cmd: &mut Command) -> serde_json::Value {
    let out = cmd.output().expect("stratus runs");
    assert!(
        out.status.success(),
        "{:?} failed: {}",
        cmd,
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap_or(serde_json::Value::Null)
}

/// A small deterministic generator (xorshift64*), so a failing trial can be replayed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

/// Notes with many sections each, so an import takes long enough to be cut.
fn write_notes(folder: &Path) {
    std::fs::create_dir_all(folder).unwrap();
    for f in 0..6 {
        let mut text = format!("# File {f}\n\n");
        for s in 0..(40 + f * 15) {
            text.push_str(&format!(
                "## S3 topic {f}-{s}\n\nAmazon S3 stores objects {s}. Glacier keeps archives.\n\n\
                 - **Term{f}x{s}**: definition of term number {s} in file {f}\n\n"
            ));
        }
        std::fs::write(folder.join(format!("note{f}.md")), text).unwrap();
    }
}

/// Sections per imported file, by file name.
fn sections_per_file(db: &Path) -> Vec<(String, u32)> {
    let conn = Connection::open(db).unwrap();
    let mut stmt = conn
        .prepare(
            "SELECT d.path, (SELECT count(*) FROM sections s WHERE s.document_id = d.id)
             FROM documents d WHERE d.origin = 'user' ORDER BY d.path",
        )
        .unwrap();
    stmt.query_map([], |r| {
        let path: String = r.get(0)?;
        let name = Path::new(&path)
            .file_name()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        Ok((name, r.get(1)?))
    })
    .unwrap()
    .map(Result::unwrap)
    .collect()
}

/// A library holding the built-in course, created once and copied into every trial.
fn template(root: &Path) -> PathBuf {
    let data = root.join("template");
    run_ok(stratus(&data).args(["info", "--json"]));
    data.join("stratus.sqlite3")
}

fn copy_library(template_db: &Path, data: &Path) -> PathBuf {
    std::fs::create_dir_all(data).unwrap();
    let db = data.join("stratus.sqlite3");
    std::fs::copy(template_db, &db).unwrap();
    db
}

/// Waits for `child` until `deadline`; kills it (SIGKILL) if still running then. Returns
/// the output if it finished on its own.
fn wait_or_kill(mut child: Child, deadline: Instant) -> Option<std::process::Output> {
    loop {
        if child.try_wait().expect("wait works").is_some() {
            return Some(child.wait_with_output().expect("output is read"));
        }
        if Instant::now() >= deadline {
            child.kill().expect("the child can be killed");
            let _ = child.wait();
            return None;
        }
        std::thread::sleep(Duration::from_millis(2));
    }
}

struct TrialResult {
    killed_during: &'static str,
    answers_before_kill: usize,
}

fn trial(
    template_db: &Path,
    notes: &Path,
    clean: &[(String, u32)],
    data: &Path,
    rng: &mut Rng,
) -> TrialResult {
    let db = copy_library(template_db, data);
    // Kill somewhere between the start of the import and a few answers after it.
    let deadline = Instant::now() + Duration::from_millis(rng.below(1500));
    let mut answered: Vec<i64> = Vec::new();
    let mut import_done = false;
    let killed_during = loop {
        let (what, child) = if !import_done {
            let child = stratus(data)
                .args(["--json", "import"])
                .arg(notes)
                .spawn()
                .unwrap();
            ("import", child)
        } else {
            let next = wait_or_kill(
                stratus(data)
                    .args(["--json", "review", "next"])
                    .spawn()
                    .unwrap(),
                deadline,
            );
            let Some(next) = next else {
                break "review next";
            };
            assert!(
                next.status.success(),
                "{}",
                String::from_utf8_lossy(&next.stderr)
            );
            let v: serde_json::Value = serde_json::from_slice(&next.stdout).unwrap();
            let card = v["card"]["card_id"].as_str().unwrap().to_string();
            let rating = ["again", "hard", "good", "easy"][rng.below(4) as usize];
            let child = stratus(data)
                .args(["--json", "review", "answer", &card, "--rating", rating])
                .spawn()
                .unwrap();
            ("review answer", child)
        };
        match wait_or_kill(child, deadline) {
            None => break what,
            Some(out) => {
                assert!(
                    out.status.success(),
                    "{what}: {}",
                    String::from_utf8_lossy(&out.stderr)
                );
                if what == "import" {
                    import_done = true;
                } else {
                    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
                    answered.push(v["review_id"].as_i64().expect("review id"));
                }
            }
        }
    };

    let conn = Connection::open(&db).unwrap();
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok", "killed during {killed_during}");
    for id in &answered {
        let n: i64 = conn
            .query_row("SELECT count(*) FROM review_log WHERE id = ?1", [id], |r| {
                r.get(0)
            })
            .unwrap();
        assert_eq!(n, 1, "review {id} returned before the kill but is lost");
    }
    drop(conn);
    // Every imported file is whole: as many sections as a clean import gives.
    for (name, count) in sections_per_file(&db) {
        let expected = clean
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, c)| *c)
            .unwrap_or_else(|| panic!("{name} was not in the clean import"));
        assert_eq!(
            count, expected,
            "{name} is half imported (killed during {killed_during})"
        );
    }
    // The library still opens and works.
    run_ok(stratus(data).args(["--json", "info"]));
    TrialResult {
        killed_during,
        answers_before_kill: answered.len(),
    }
}

#[test]
fn killed_imports_and_reviews_lose_nothing_and_leave_no_half_file() {
    let trials: u64 = std::env::var("STRATUS_CRASH_TRIALS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10);
    let seed: u64 = std::env::var("STRATUS_CRASH_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(0x5eed_cafe);
    let root = tempfile::tempdir().unwrap();
    let template_db = template(root.path());
    let notes = root.path().join("notes");
    write_notes(&notes);
    let clean_data = root.path().join("clean");
    copy_library(&template_db, &clean_data);
    run_ok(stratus(&clean_data).args(["--json", "import"]).arg(&notes));
    let clean = sections_per_file(&clean_data.join("stratus.sqlite3"));
    assert_eq!(clean.len(), 6);

    let mut kills = std::collections::BTreeMap::new();
    let mut answers = 0;
    for t in 0..trials {
        let mut rng = Rng(seed ^ (t + 1).wrapping_mul(0x9e37_79b9_7f4a_7c15));
        let data = root.path().join(format!("trial{t}"));
        let result = trial(&template_db, &notes, &clean, &data, &mut rng);
        *kills.entry(result.killed_during).or_insert(0) += 1;
        answers += result.answers_before_kill;
        std::fs::remove_dir_all(&data).unwrap();
    }
    println!("{trials} trials (seed {seed}): killed during {kills:?}; {answers} answers checked");
}

/// Several processes answer reviews on one library at once: no "database is locked"
/// failure and no lost write.
#[test]
fn concurrent_writers_lose_no_answer() {
    const PROCESSES: usize = 4;
    const ANSWERS: usize = 25;
    let root = tempfile::tempdir().unwrap();
    let template_db = template(root.path());
    let data = root.path().join("shared");
    let db = copy_library(&template_db, &data);
    let list = run_ok(stratus(&data).args(["--json", "cards", "list", "--limit", "200"]));
    let cards: Vec<String> = list
        .as_array()
        .or_else(|| list["cards"].as_array())
        .expect("a card list")
        .iter()
        .map(|c| {
            c["card_id"]
                .as_str()
                .or(c["id"].as_str())
                .unwrap()
                .to_string()
        })
        .collect();
    assert!(cards.len() >= PROCESSES * ANSWERS, "{} cards", cards.len());

    let workers: Vec<_> = (0..PROCESSES)
        .map(|p| {
            let data = data.clone();
            let mine: Vec<String> = cards[p * ANSWERS..(p + 1) * ANSWERS].to_vec();
            std::thread::spawn(move || {
                for card in mine {
                    let out = stratus(&data)
                        .args(["--json", "review", "answer", &card, "--rating", "good"])
                        .output()
                        .unwrap();
                    assert!(
                        out.status.success(),
                        "answer {card} failed: {}",
                        String::from_utf8_lossy(&out.stderr)
                    );
                }
            })
        })
        .collect();
    for w in workers {
        w.join().expect("a writer failed");
    }
    let conn = Connection::open(&db).unwrap();
    let rows: usize = conn
        .query_row("SELECT count(*) FROM review_log", [], |r| r.get(0))
        .unwrap();
    assert_eq!(rows, PROCESSES * ANSWERS);
}

/// Concurrent imports of different folders all land whole.
#[test]
fn concurrent_imports_of_different_folders_all_land() {
    let root = tempfile::tempdir().unwrap();
    let template_db = template(root.path());
    let data = root.path().join("shared");
    let db = copy_library(&template_db, &data);
    let folders: Vec<PathBuf> = (0..3)
        .map(|i| {
            let f = root.path().join(format!("notes{i}"));
            write_notes(&f);
            f
        })
        .collect();
    let workers: Vec<_> = folders
        .iter()
        .map(|f| {
            let mut cmd = stratus(&data);
            cmd.args(["--json", "import"]).arg(f);
            std::thread::spawn(move || {
                let out = cmd.output().unwrap();
                assert!(
                    out.status.success(),
                    "{}",
                    String::from_utf8_lossy(&out.stderr)
                );
            })
        })
        .collect();
    for w in workers {
        w.join().expect("an import failed");
    }
    let per_file = sections_per_file(&db);
    assert_eq!(per_file.len(), 18);
    let conn = Connection::open(&db).unwrap();
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok");
}
