//! Two handles on one library file answering the same card: the second answer must start
//! from the state the first one wrote, never from the state both saw before either wrote.

use std::sync::{Arc, Barrier};
use std::thread;
use std::time::Duration;

use stratus_engine::{ImportOptions, Library, LibraryOptions, Rating, ReviewScope};

use crate::util::import;

const NOTE: &str = "# S3 storage classes\n\nS3 Glacier Deep Archive: the cheapest class, retrieval within 12 hours\n";

#[test]
fn two_handles_answering_one_card_keep_both_answers() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("stratus.sqlite3");
    let note = dir.path().join("s3.md");
    std::fs::write(&note, NOTE).unwrap();
    let mut lib = Library::open(&db, LibraryOptions::default()).unwrap();
    let report = import(&mut lib, &[note.as_path()], &ImportOptions::default());
    assert_eq!(report.totals.imported, 1, "{report:#?}");
    let card = lib
        .review_next(&ReviewScope::All)
        .unwrap()
        .card
        .expect("the note makes a card")
        .card_id;
    drop(lib);

    // A third connection holds the write lock while both handles start answering. Code that
    // reads the card before taking the lock has read it by the time the lock is released,
    // and both answers then start from the new card; code that reads it under the lock
    // waits and reads what the other answer wrote.
    let blocker = rusqlite::Connection::open(&db).unwrap();
    blocker.execute_batch("BEGIN IMMEDIATE").unwrap();
    let started = Arc::new(Barrier::new(3));
    let answers: Vec<_> = [Rating::Good, Rating::Again]
        .into_iter()
        .map(|rating| {
            let db = db.clone();
            let card = card.clone();
            let started = started.clone();
            thread::spawn(move || {
                let mut lib = Library::open(&db, LibraryOptions::default()).unwrap();
                started.wait();
                lib.answer_card(&card, rating, 1000).unwrap()
            })
        })
        .collect();
    started.wait();
    thread::sleep(Duration::from_millis(500));
    blocker.execute_batch("COMMIT").unwrap();
    for answer in answers {
        answer.join().unwrap();
    }

    let lib = Library::open(&db, LibraryOptions::default()).unwrap();
    let log = lib.card_review_log(&card).unwrap();
    assert_eq!(log.len(), 2, "{log:#?}");
    let (first, second) = if log[0].id < log[1].id {
        (&log[0], &log[1])
    } else {
        (&log[1], &log[0])
    };
    assert_eq!(first.stability_before, None, "{log:#?}");
    assert_eq!(
        (
            second.phase_before,
            second.stability_before,
            second.difficulty_before
        ),
        (
            first.phase_after,
            Some(first.stability_after),
            Some(first.difficulty_after)
        ),
        "the second answer must start from the state the first wrote: {log:#?}"
    );
    assert_eq!(lib.review_card_now(&card).unwrap().review_count, 2);
}

/// The POSIX locks this process holds on the database file at `path`, from `/proc/locks`.
#[cfg(target_os = "linux")]
fn locks_held_on(path: &std::path::Path) -> usize {
    use std::os::unix::fs::MetadataExt;
    let inode = std::fs::metadata(path).unwrap().ino();
    let pid = std::process::id().to_string();
    // In one read: the kernel may skip or repeat a line between two reads while other
    // threads take and release locks.
    let mut table = vec![0u8; 1 << 20];
    let length =
        std::io::Read::read(&mut std::fs::File::open("/proc/locks").unwrap(), &mut table).unwrap();
    String::from_utf8_lossy(&table[..length])
        .lines()
        .filter(|line| {
            let fields: Vec<&str> = line.split_whitespace().collect();
            fields.get(1) == Some(&"POSIX")
                && fields.get(4) == Some(&pid.as_str())
                && fields
                    .get(5)
                    .is_some_and(|f| f.ends_with(&format!(":{inode}")))
        })
        .count()
}

/// Closing any descriptor of a file drops every POSIX lock the process holds on it. The app
/// imports through a second handle while the first stays open: opening it must not release
/// the first handle's lock, or another process (the CLI) takes the database for unused when
/// it closes and deletes the write-ahead log the app goes on writing to — the app's later
/// writes are then lost.
#[cfg(target_os = "linux")]
#[test]
fn a_second_handle_in_the_process_keeps_the_first_ones_lock() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("stratus.sqlite3");
    drop(Library::open(&db, LibraryOptions::default()).unwrap());
    assert_eq!(locks_held_on(&db), 0, "no handle, no lock");

    let first = Library::open(&db, LibraryOptions::default()).unwrap();
    let held = locks_held_on(&db);
    assert!(held > 0, "an open library holds a lock on its file");
    let second = Library::open(&db, LibraryOptions::default()).unwrap();
    assert_eq!(
        locks_held_on(&db),
        held,
        "opening a second handle keeps the lock"
    );
    drop(second);
    assert_eq!(
        locks_held_on(&db),
        held,
        "closing it keeps the first one's lock"
    );
    first.info().unwrap();
    drop(first);
    assert_eq!(locks_held_on(&db), 0, "the last handle closed releases it");

    // Restoring from the library's own file is refused, without reading it.
    let mut lib = Library::open(&db, LibraryOptions::default()).unwrap();
    let refused = lib.restore_from_file(&db).unwrap_err();
    assert!(refused.to_string().contains("own database"), "{refused}");
    assert_eq!(
        locks_held_on(&db),
        held,
        "the refused restore keeps the lock"
    );
    drop(lib);
    assert_eq!(locks_held_on(&db), 0, "the last handle closed releases it");
}
