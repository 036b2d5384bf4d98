//! Crash safety and concurrent writers, with the real `stratus` binary.
//!
//! The crash harness runs a session of commands (import, review answers, a backup, a
//! restore) in child processes and kills one of them at an operation chosen from a seeded
//! schedule: just before SQLite's `k`th write to a file during a given phase
//! (`STRATUS_CRASH_AFTER_WRITES`, read by debug builds, see `src/crashpoint.rs`), so a seed
//! replays the same kill on any machine. Afterwards the database and every listed backup
//! must pass `PRAGMA integrity_check`, the database must hold every review whose command
//! returned before the kill and no half-imported file, and it must open again. `cargo test`
//! runs 10 trials, which kill in each phase; set `STRATUS_CRASH_TRIALS=100` for the long
//! run (and `STRATUS_CRASH_SEED` to replay one).

use std::collections::{BTreeMap, BTreeSet};
use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

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

/// One command of a trial's session, and the phase it belongs to.
struct Step {
    phase: &'static str,
    args: Vec<String>,
}

/// What a command did: ran to its end (with its output and the writes it made), or was
/// killed at its crash point.
enum Ran {
    Finished { stdout: Vec<u8>, writes: u64 },
    Killed,
}

/// Runs `stratus ARGS` in `data`, killed just before its `kill_at`th write when given
/// (`STRATUS_CRASH_AFTER_WRITES`, see `src/crashpoint.rs`); otherwise the writes are only
/// counted.
fn run_step(data: &Path, args: &[String], kill_at: Option<u64>) -> Ran {
    let out = stratus(data)
        .args(args)
        .env(
            "STRATUS_CRASH_AFTER_WRITES",
            kill_at.unwrap_or(0).to_string(),
        )
        .output()
        .expect("stratus runs");
    if out.status.signal() == Some(9) {
        assert!(
            kill_at.is_some(),
            "{args:?} was killed without a crash point"
        );
        return Ran::Killed;
    }
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{args:?} failed: {stderr}");
    let writes = stderr
        .lines()
        .find_map(|l| l.strip_prefix("stratus: crash point: "))
        .and_then(|l| l.strip_suffix(" writes"))
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("{args:?} did not count its writes: {stderr}"));
    Ran::Finished {
        stdout: out.stdout,
        writes,
    }
}

/// The phases of a session, in order; trial `t` kills in phase `t % 4`.
const PHASES: [&str; 4] = ["import", "review", "backup", "restore"];
const ANSWERS: usize = 4;
const RATINGS: [&str; 4] = ["good", "again", "hard", "easy"];

/// A session in a copy of the template: import the notes, answer `ANSWERS` cards
/// (`review next` + `review answer`), make a backup, restore it. The steps after the first
/// depend on what earlier ones printed (the card, the backup's path), so they are made as
/// the session goes. With `kill` = (phase, k), the command running the phase's `k`th write
/// is killed just before it and the session stops there. Returns the writes of each phase
/// and what was checked.
struct Session {
    writes: BTreeMap<&'static str, u64>,
    killed: Option<(&'static str, String)>,
    answered: Vec<i64>,
}

fn session(data: &Path, notes: &Path, kill: Option<(&'static str, u64)>) -> Session {
    let mut writes: BTreeMap<&'static str, u64> = BTreeMap::new();
    let mut answered = Vec::new();
    let mut backup_path = String::new();
    let mut card = String::new();
    let mut index = 0;
    loop {
        let step = match index {
            0 => Step {
                phase: "import",
                args: vec![
                    "--json".into(),
                    "import".into(),
                    notes.display().to_string(),
                ],
            },
            i if i <= 2 * ANSWERS && i % 2 == 1 => Step {
                phase: "review",
                args: vec!["--json".into(), "review".into(), "next".into()],
            },
            i if i <= 2 * ANSWERS => Step {
                phase: "review",
                args: vec![
                    "--json".into(),
                    "review".into(),
                    "answer".into(),
                    card.clone(),
                    "--rating".into(),
                    RATINGS[(i / 2 - 1) % RATINGS.len()].into(),
                ],
            },
            i if i == 2 * ANSWERS + 1 => Step {
                phase: "backup",
                args: vec!["--json".into(), "backup".into()],
            },
            i if i == 2 * ANSWERS + 2 => Step {
                phase: "restore",
                args: vec!["--json".into(), "restore".into(), backup_path.clone()],
            },
            _ => break,
        };
        let done = writes.get(step.phase).copied().unwrap_or(0);
        let kill_at = match kill {
            Some((phase, k)) if phase == step.phase => Some(k - done),
            _ => None,
        };
        let Ran::Finished { stdout, writes: n } = run_step(data, &step.args, kill_at) else {
            return Session {
                writes,
                killed: Some((step.phase, command(&step.args))),
                answered,
            };
        };
        *writes.entry(step.phase).or_insert(0) += n;
        let v: serde_json::Value = serde_json::from_slice(&stdout).unwrap_or_default();
        match step.args[1..]
            .iter()
            .map(String::as_str)
            .collect::<Vec<_>>()[..]
        {
            ["review", "next", ..] => {
                card = v["card"]["card_id"]
                    .as_str()
                    .expect("a card is due")
                    .to_string()
            }
            ["review", "answer", ..] => answered.push(v["review_id"].as_i64().expect("review id")),
            ["backup", ..] => {
                backup_path = v["backup"]["path"]
                    .as_str()
                    .expect("a backup path")
                    .to_string()
            }
            _ => {}
        }
        index += 1;
    }
    Session {
        writes,
        killed: None,
        answered,
    }
}

/// The command of `args` without its values: `review answer`, `restore`.
fn command(args: &[String]) -> String {
    let words = if args[1] == "review" { 3 } else { 2 };
    args[1..words].join(" ")
}

/// A copy of the template library with its backups (so that no daily backup is due).
fn copy_with_backups(template_db: &Path, data: &Path) -> PathBuf {
    let db = copy_library(template_db, data);
    let backups = template_db.parent().unwrap().join("backups");
    std::fs::create_dir_all(data.join("backups")).unwrap();
    for entry in std::fs::read_dir(backups).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, data.join("backups").join(path.file_name().unwrap())).unwrap();
    }
    db
}

fn integrity(db: &Path) -> String {
    Connection::open(db)
        .unwrap()
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap()
}

/// Names of the unfinished backups (`*.partial`) in the backups folder of `data`.
fn partials(data: &Path) -> Vec<String> {
    std::fs::read_dir(data.join("backups"))
        .map(|entries| {
            entries
                .flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|name| name.ends_with(".partial"))
                .collect()
        })
        .unwrap_or_default()
}

/// After a kill: the library and every listed backup pass `integrity_check`, every answer
/// that returned is kept, every imported file is whole and the library opens again.
fn check_after_kill(db: &Path, data: &Path, clean: &[(String, u32)], s: &Session, what: &str) {
    assert_eq!(integrity(db), "ok", "killed during {what}");
    let conn = Connection::open(db).unwrap();
    for id in &s.answered {
        let n: i64 = conn
            .query_row("SELECT count(*) FROM review_log WHERE id = ?1", [id], |r| {
                r.get(0)
            })
            .unwrap();
        assert_eq!(
            n, 1,
            "review {id} returned before the kill but is lost ({what})"
        );
    }
    let reviews: usize = conn
        .query_row("SELECT count(*) FROM review_log", [], |r| r.get(0))
        .unwrap();
    // An answer killed after its commit is kept although it never returned.
    assert!(
        (s.answered.len()..=s.answered.len() + 1).contains(&reviews),
        "{reviews} reviews after {} answers ({what})",
        s.answered.len()
    );
    drop(conn);
    for (name, count) in sections_per_file(db) {
        let expected = clean
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, c)| *c)
            .unwrap_or_else(|| panic!("{name} was not in the clean import"));
        assert_eq!(count, expected, "{name} is half imported ({what})");
    }
    run_ok(stratus(data).args(["--json", "info"]));
    // A backup killed half-written leaves a `*.partial` file; opening the library again
    // (which sees today's backup) removes it, and so does the next backup.
    assert_eq!(
        partials(data),
        Vec::<String>::new(),
        "after the next open ({what})"
    );
    run_ok(stratus(data).args(["--json", "backup"]));
    assert_eq!(
        partials(data),
        Vec::<String>::new(),
        "after the next backup ({what})"
    );
    let listed = run_ok(stratus(data).args(["--json", "backup", "--list"]));
    for backup in listed.as_array().expect("a list of backups") {
        let path = backup["path"].as_str().unwrap();
        assert_eq!(integrity(Path::new(path)), "ok", "{path} ({what})");
    }
}

#[test]
fn killed_imports_reviews_backups_and_restores_lose_nothing() {
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
    // Today's backup, copied into every trial, so that no daily backup is due there.
    run_ok(stratus(template_db.parent().unwrap()).args(["--json", "backup"]));
    let notes = root.path().join("notes");
    write_notes(&notes);
    // A whole session without a kill: the sections of a clean import, and how many writes
    // each phase makes, which the kill schedule draws from.
    let clean_data = root.path().join("clean");
    let clean_db = copy_with_backups(&template_db, &clean_data);
    let whole = session(&clean_data, &notes, None);
    assert_eq!(whole.answered.len(), ANSWERS);
    let clean = sections_per_file(&clean_db);
    assert_eq!(clean.len(), 6);
    for phase in PHASES {
        assert!(
            whole.writes[phase] > 0,
            "{phase} made no write: {:?}",
            whole.writes
        );
    }

    let mut kills: BTreeMap<String, u32> = BTreeMap::new();
    let mut answers = 0;
    for t in 0..trials {
        let mut rng = Rng(seed ^ (t + 1).wrapping_mul(0x9e37_79b9_7f4a_7c15));
        let phase = PHASES[(t % PHASES.len() as u64) as usize];
        let k = 1 + rng.below(whole.writes[phase]);
        let data = root.path().join(format!("trial{t}"));
        let db = copy_with_backups(&template_db, &data);
        let s = session(&data, &notes, Some((phase, k)));
        let Some((killed_phase, command)) = &s.killed else {
            panic!(
                "trial {t} (seed {seed}): write {k} of {phase} was never reached: {:?}",
                s.writes
            );
        };
        assert_eq!(*killed_phase, phase);
        let what = format!("trial {t} (seed {seed}), {command} at write {k} of {phase}");
        check_after_kill(&db, &data, &clean, &s, &what);
        *kills.entry(format!("{phase}: {command}")).or_insert(0) += 1;
        answers += s.answered.len();
        std::fs::remove_dir_all(&data).unwrap();
    }
    let phases: BTreeSet<&str> = kills.keys().map(|k| k.split(':').next().unwrap()).collect();
    if trials >= PHASES.len() as u64 {
        assert_eq!(
            phases.len(),
            PHASES.len(),
            "not every phase was hit: {kills:?}"
        );
    }
    println!(
        "{trials} trials (seed {seed}), writes per phase {:?}: killed during {kills:?}; \
         {answers} answers checked",
        whole.writes
    );
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

/// Two and three imports of the same folder at once (issue #22, item 7): one of them used to
/// fail with `UNIQUE constraint failed: documents.origin, documents.path` and print no
/// report, and on a new library the second start failed with "table documents already
/// exists". Every run now ends with its report of all six files, on an existing library and
/// on a data folder that does not exist yet (migrations, the course and the daily backup
/// started by all at once).
#[test]
fn concurrent_imports_of_the_same_folder_all_report() {
    let root = tempfile::tempdir().unwrap();
    let template_db = template(root.path());
    let notes = root.path().join("notes");
    write_notes(&notes);
    for (runs, fresh) in [(2, false), (3, false), (3, true)] {
        let data = root.path().join(format!("same{runs}{fresh}"));
        let db = if fresh {
            data.join("stratus.sqlite3")
        } else {
            copy_library(&template_db, &data)
        };
        let workers: Vec<_> = (0..runs)
            .map(|_| {
                let mut cmd = stratus(&data);
                cmd.args(["--json", "import"]).arg(&notes);
                std::thread::spawn(move || cmd.output().unwrap())
            })
            .collect();
        for w in workers {
            let out = w.join().unwrap();
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert!(out.status.success(), "{runs} runs, new {fresh}: {stderr}");
            let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
            let files = report["files"].as_array().expect("a report");
            assert_eq!(files.len(), 6, "{report}");
            for file in files {
                assert!(
                    matches!(
                        file["outcome"]["kind"].as_str(),
                        Some("imported" | "unchanged")
                    ),
                    "{file}"
                );
            }
        }
        let per_file = sections_per_file(&db);
        assert_eq!(per_file.len(), 6, "{per_file:?}");
        assert_eq!(integrity(&db), "ok");
        assert_eq!(partials(&data), Vec::<String>::new());
        run_ok(stratus(&data).args(["--json", "info"]));
    }
}
