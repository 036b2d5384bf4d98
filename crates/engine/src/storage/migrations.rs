//! Schema migrations: numbered SQL files from `migrations/`, embedded at compile time and
//! applied in order, each in its own transaction together with the `user_version` bump (all
//! of them in one for a new database), so a failed step leaves the database at the previous
//! version.

use rusqlite::Connection;

use crate::error::{Error, Result};

/// One migration: its version (the number in the file name) and its SQL.
pub(crate) struct Migration {
    pub version: u32,
    pub name: &'static str,
    pub sql: &'static str,
}

macro_rules! migration {
    ($version:literal, $name:literal) => {
        Migration {
            version: $version,
            name: $name,
            sql: include_str!(concat!("../../../../migrations/", $name)),
        }
    };
}

/// All migrations, oldest first. Append only; a shipped file is never edited.
pub(crate) const MIGRATIONS: &[Migration] = &[
    migration!(1, "0001_init.sql"),
    migration!(2, "0002_notes_search.sql"),
    migration!(3, "0003_cards.sql"),
    migration!(4, "0004_reviews.sql"),
    migration!(5, "0005_review_queue.sql"),
    migration!(6, "0006_review_totals.sql"),
    migration!(7, "0007_search_terms.sql"),
    migration!(8, "0008_heading_index.sql"),
    migration!(9, "0009_unused_key_indexes.sql"),
    migration!(10, "0010_questions_and_exams.sql"),
    migration!(11, "0011_portable_identity.sql"),
    migration!(12, "0012_packs.sql"),
    migration!(13, "0013_document_titles.sql"),
];

/// The schema version this build creates and understands.
pub const SCHEMA_VERSION: u32 = MIGRATIONS[MIGRATIONS.len() - 1].version;

/// Marks a database as ours in the SQLite header (`PRAGMA application_id`), "STRT".
pub(crate) const APPLICATION_ID: i32 = 0x5354_5254;

/// Reads the schema version stored in the database.
pub(crate) fn user_version(conn: &Connection) -> rusqlite::Result<u32> {
    conn.query_row("PRAGMA user_version", [], |row| row.get(0))
}

/// Applies every migration newer than the stored version. Returns how many ran.
///
/// A new database (version 0) gets every migration in one transaction, so a process opening
/// it while another creates it finds either no schema or the whole of it, never a library
/// half made that looks like an old one to upgrade (and back up). An existing database is
/// upgraded one migration a transaction.
pub(crate) fn apply(conn: &mut Connection) -> Result<usize> {
    let current = user_version(conn)?;
    let pending: Vec<&Migration> = MIGRATIONS.iter().filter(|m| m.version > current).collect();
    let batches: Vec<&[&Migration]> = if current == 0 {
        vec![&pending[..]]
    } else {
        pending.chunks(1).collect()
    };
    let mut applied = 0;
    for batch in batches.into_iter().filter(|b| !b.is_empty()) {
        let failed = |m: &Migration| {
            let (version, name) = (m.version, m.name);
            move |source| Error::Migration {
                version,
                name,
                source,
            }
        };
        let tx = conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(failed(batch[0]))?;
        for migration in batch {
            let step = || -> rusqlite::Result<bool> {
                // Another process opening the same new library may have applied it while this
                // one waited for the lock ("table documents already exists").
                if user_version(&tx)? >= migration.version {
                    return Ok(false);
                }
                tx.execute_batch(migration.sql)?;
                // Pragmas cannot take bound parameters; both values are internal constants.
                tx.execute_batch(&format!(
                    "PRAGMA application_id = {APPLICATION_ID}; PRAGMA user_version = {};",
                    migration.version
                ))?;
                Ok(true)
            };
            if step().map_err(failed(migration))? {
                applied += 1;
            }
        }
        tx.commit().map_err(failed(batch[batch.len() - 1]))?;
    }
    Ok(applied)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_numbered_consecutively_from_one() {
        for (i, m) in MIGRATIONS.iter().enumerate() {
            assert_eq!(m.version as usize, i + 1, "{} is out of order", m.name);
            let prefix = format!("{:04}_", m.version);
            assert!(
                m.name.starts_with(&prefix),
                "{} must start with {prefix}",
                m.name
            );
            assert!(!m.sql.trim().is_empty(), "{} is empty", m.name);
        }
    }

    #[test]
    fn migrations_apply_from_empty_and_are_idempotent() {
        let mut conn = Connection::open_in_memory().unwrap();
        assert_eq!(apply(&mut conn).unwrap(), MIGRATIONS.len());
        assert_eq!(user_version(&conn).unwrap(), SCHEMA_VERSION);
        assert_eq!(
            apply(&mut conn).unwrap(),
            0,
            "a second run must change nothing"
        );
        assert_eq!(user_version(&conn).unwrap(), SCHEMA_VERSION);
        let app_id: i32 = conn
            .query_row("PRAGMA application_id", [], |r| r.get(0))
            .unwrap();
        assert_eq!(app_id, APPLICATION_ID);
    }

    #[test]
    fn each_migration_is_applied_in_one_transaction() {
        // A database at version 0 whose first migration fails half-way stays at version 0
        // with none of the migration's tables.
        let mut conn = Connection::open_in_memory().unwrap();
        conn.execute_batch("CREATE TABLE settings (x INTEGER);")
            .unwrap();
        let err = apply(&mut conn).unwrap_err();
        assert!(matches!(err, Error::Migration { version: 1, .. }), "{err}");
        assert_eq!(user_version(&conn).unwrap(), 0);
        let documents: i64 = conn
            .query_row(
                "SELECT count(*) FROM sqlite_master WHERE name = 'documents'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(
            documents, 0,
            "the failed migration's tables were rolled back"
        );
    }

    #[test]
    fn a_new_database_gets_the_whole_schema_or_none_of_it() {
        // Migration 13 fails on a new database: nothing of the earlier ones stays, so
        // no process ever finds a library half made (it would take it for an old one).
        let mut conn = Connection::open_in_memory().unwrap();
        conn.execute_batch("CREATE TABLE document_titles (x INTEGER);")
            .unwrap();
        let err = apply(&mut conn).unwrap_err();
        assert!(matches!(err, Error::Migration { version: 13, .. }), "{err}");
        assert_eq!(user_version(&conn).unwrap(), 0);
        let tables: i64 = conn
            .query_row(
                "SELECT count(*) FROM sqlite_master WHERE name IN ('documents', 'cards', 'packs')",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(
            tables, 0,
            "every migration of the new database was rolled back"
        );
    }

    #[test]
    fn an_existing_database_is_upgraded_one_migration_at_a_time() {
        // At version 11, migration 12 applies and 13 fails: the database stays at 12.
        let mut conn = Connection::open_in_memory().unwrap();
        for m in &MIGRATIONS[..11] {
            conn.execute_batch(m.sql).unwrap();
        }
        conn.execute_batch("PRAGMA user_version = 11; CREATE TABLE document_titles (x INTEGER);")
            .unwrap();
        let err = apply(&mut conn).unwrap_err();
        assert!(matches!(err, Error::Migration { version: 13, .. }), "{err}");
        assert_eq!(user_version(&conn).unwrap(), 12);
    }

    fn log_answer(conn: &Connection, at_ms: i64, duration_ms: i64) {
        conn.execute(
            "INSERT INTO review_log (card_id, reviewed_at_ms, rating, duration_ms, elapsed_days,
                 phase_before, step_before, due_before_ms, interval_days_before, phase_after,
                 step_after, stability_after, difficulty_after, due_after_ms,
                 interval_days_after)
             VALUES ('c', ?1, 3, ?2, 0, 'new', 0, 0, 0, 'learning', 0, 1.0, 5.0, 0, 0)",
            [at_ms, duration_ms],
        )
        .unwrap();
    }

    fn buckets(conn: &Connection) -> Vec<(i64, i64, i64)> {
        let mut stmt = conn
            .prepare("SELECT bucket, reviews, duration_ms FROM review_buckets ORDER BY bucket")
            .unwrap();
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap()
    }

    #[test]
    fn review_totals_are_backfilled_and_follow_answers_and_undo() {
        // A library at version 5 with answers in two quarter hours.
        let mut conn = Connection::open_in_memory().unwrap();
        conn.pragma_update(None, "foreign_keys", false).unwrap();
        for m in MIGRATIONS.iter().filter(|m| m.version <= 5) {
            conn.execute_batch(m.sql).unwrap();
            conn.pragma_update(None, "user_version", m.version).unwrap();
        }
        let q = 900_000;
        log_answer(&conn, 10 * q, 1_000);
        log_answer(&conn, 10 * q + q - 1, 2_000);
        log_answer(&conn, 11 * q, 500);
        apply(&mut conn).unwrap();
        assert_eq!(buckets(&conn), vec![(10, 2, 3_000), (11, 1, 500)]);

        // New answers add to their quarter hour; undoing one takes it back out, and a
        // quarter hour left without answers disappears.
        log_answer(&conn, 11 * q + 5, 250);
        log_answer(&conn, 40 * q, 9_000);
        assert_eq!(
            buckets(&conn),
            vec![(10, 2, 3_000), (11, 2, 750), (40, 1, 9_000)]
        );
        conn.execute("DELETE FROM review_log WHERE reviewed_at_ms = ?1", [40 * q])
            .unwrap();
        conn.execute("DELETE FROM review_log WHERE reviewed_at_ms = ?1", [10 * q])
            .unwrap();
        assert_eq!(buckets(&conn), vec![(10, 1, 2_000), (11, 2, 750)]);
    }

    #[test]
    fn search_terms_are_backfilled_and_the_index_rebuilt_without_prefixes() {
        let mut conn = Connection::open_in_memory().unwrap();
        conn.pragma_update(None, "foreign_keys", false).unwrap();
        for m in MIGRATIONS.iter().filter(|m| m.version <= 6) {
            conn.execute_batch(m.sql).unwrap();
            conn.pragma_update(None, "user_version", m.version).unwrap();
        }
        for (i, (heading, body)) in [
            ("spot 인스 스턴", "spot price 요금"),
            ("reserved", "요금 할인 요금"),
        ]
        .iter()
        .enumerate()
        {
            conn.execute(
                "INSERT INTO sections (document_id, section_key, position, level, heading,
                     heading_path, body, line_start, line_end, heading_terms, body_terms)
                 VALUES (1, ?1, ?2, 2, ?3, '[]', ?4, 1, 1, ?3, ?4)",
                rusqlite::params![format!("k{i}"), i as i64, heading, body],
            )
            .unwrap();
        }
        apply(&mut conn).unwrap();
        let terms: Vec<(String, i64)> = conn
            .prepare("SELECT term, sections FROM search_terms ORDER BY term")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        let expected: Vec<(String, i64)> = [
            ("price", 1),
            ("reserved", 1),
            ("spot", 1),
            ("스턴", 1),
            ("요금", 2),
            ("인스", 1),
            ("할인", 1),
        ]
        .iter()
        .map(|(t, n)| (t.to_string(), *n))
        .collect();
        assert_eq!(terms, expected);
        let matches: i64 = conn
            .query_row(
                "SELECT count(*) FROM sections_fts WHERE sections_fts MATCH '\"요금\"'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(matches, 2, "the rebuilt index finds both sections");
        let config: String = conn
            .query_row(
                "SELECT sql FROM sqlite_schema WHERE name = 'sections_fts'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert!(!config.contains("prefix"), "{config}");
    }

    /// A library as schema 10 left it: one note imported by its absolute path, its cards
    /// keyed by that path, two of them answered. Written with the storage functions of the
    /// cards and sections, and the review log and states as version 10 stored them.
    struct Version10 {
        _dir: tempfile::TempDir,
        db: std::path::PathBuf,
        notes: std::path::PathBuf,
        legacy_ids: Vec<crate::model::CardId>,
    }

    const NOTE: &str = "# S3 storage classes

| Storage class | Minimum storage duration |
|---|---|
| S3 Standard-IA | 30 days |
| S3 Glacier Instant Retrieval | 90 days |
| S3 Glacier Deep Archive | 180 days |
";

    fn library_at_version_10(options: &crate::storage::LibraryOptions) -> Version10 {
        use crate::model::Origin;
        let dir = tempfile::tempdir().unwrap();
        let notes = dir.path().join("notes");
        std::fs::create_dir_all(&notes).unwrap();
        let file = std::fs::canonicalize(notes.clone()).unwrap().join("s3.md");
        std::fs::write(&file, NOTE).unwrap();
        let path = file.to_str().unwrap().to_string();
        let db = dir.path().join("library.sqlite3");
        let mut conn = Connection::open(&db).unwrap();
        conn.pragma_update(None, "foreign_keys", true).unwrap();
        for m in MIGRATIONS.iter().filter(|m| m.version <= 10) {
            conn.execute_batch(m.sql).unwrap();
            conn.execute_batch(&format!(
                "PRAGMA application_id = {APPLICATION_ID}; PRAGMA user_version = {};",
                m.version
            ))
            .unwrap();
        }
        let seed = crate::storage::Library::open_in_memory(options.clone())
            .unwrap()
            .card_seed();
        let parsed = crate::parse::document::parse_document(NOTE, true, "s3");
        let rows = crate::cards::rows_for_document(
            Origin::User,
            &path,
            &parsed,
            seed,
            &mut crate::questions::DiskAnchors::default(),
        );
        assert!(rows.cards.len() >= 3, "{:?}", rows.cards.len());
        let tx = conn.transaction().unwrap();
        tx.execute(
            "INSERT INTO documents (origin, path, title, lang, content_hash, size_bytes,
                 meta_json, imported_at_ms, format)
             VALUES ('user', ?1, 'S3 storage classes', 'en', ?2, ?3, '{}', 1000, 'markdown')",
            rusqlite::params![
                path,
                crate::import::content_hash(NOTE.as_bytes()),
                NOTE.len() as i64
            ],
        )
        .unwrap();
        let document_id = crate::ids::DocumentId(tx.last_insert_rowid() as u32);
        let terms = crate::storage::import::term_counts(&parsed.sections);
        crate::storage::import::replace_sections(&tx, document_id, &parsed.sections, &terms)
            .unwrap();
        crate::storage::cards::write_document_cards(&tx, document_id, &rows.cards, 1000).unwrap();
        let legacy_ids: Vec<_> = rows.cards.iter().map(|c| c.card.id.clone()).collect();
        // Two answers of the first card, one of the second, as version 10 logged them.
        for (card, at_ms, rating, reps) in [
            (&legacy_ids[0], 1_765_000_000_000_i64, 3, 1),
            (&legacy_ids[0], 1_765_086_400_000, 4, 2),
            (&legacy_ids[1], 1_765_000_100_000, 1, 1),
        ] {
            tx.execute(
                "INSERT INTO review_log (card_id, reviewed_at_ms, rating, duration_ms,
                     elapsed_days, phase_before, step_before, due_before_ms,
                     interval_days_before, phase_after, step_after, stability_after,
                     difficulty_after, due_after_ms, interval_days_after)
                 VALUES (?1, ?2, ?3, 2000, 0, 'new', 0, 0, 0, 'review', 0, 3.5, 5.0, ?2 + 86400000, 1)",
                rusqlite::params![card.0, at_ms, rating],
            )
            .unwrap();
            tx.execute(
                "UPDATE card_states SET phase = 'review', stability = 3.5, difficulty = 5.0,
                     due_at_ms = ?2 + 86400000, interval_days = 1, last_review_at_ms = ?2,
                     reps = ?3
                 WHERE card_id = ?1",
                rusqlite::params![card.0, at_ms, reps],
            )
            .unwrap();
        }
        tx.commit().unwrap();
        drop(conn);
        Version10 {
            _dir: dir,
            db,
            notes,
            legacy_ids,
        }
    }

    fn history(lib: &crate::storage::Library, id: &crate::model::CardId) -> Vec<(String, u8)> {
        lib.card_review_log(id)
            .unwrap()
            .into_iter()
            .map(|r| (r.reviewed_at, r.rating.as_number()))
            .collect()
    }

    #[test]
    fn version_11_keeps_a_version_10_library_and_its_next_import_rekeys_with_history() {
        let options = crate::storage::LibraryOptions::default();
        let old = library_at_version_10(&options);
        let mut lib = crate::storage::Library::open(&old.db, options).unwrap();
        assert_eq!(user_version(lib.conn()).unwrap(), SCHEMA_VERSION);

        // The upgrade itself changes no card id, state or answer; every answer gets a
        // distinct version 7 id whose time is the answer's.
        let first = &old.legacy_ids[0];
        let second = &old.legacy_ids[1];
        let first_history = history(&lib, first);
        assert_eq!(first_history.len(), 2);
        assert_eq!(history(&lib, second).len(), 1);
        let (state, _) = crate::storage::schedule::get_state(lib.conn(), first)
            .unwrap()
            .unwrap();
        assert_eq!(state.state.reps, 2);
        let uids: Vec<(i64, String)> = lib
            .conn()
            .prepare("SELECT reviewed_at_ms, uid FROM review_log ORDER BY id")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        assert_eq!(uids.len(), 3);
        for (at_ms, uid) in &uids {
            let parsed = crate::ids::ReviewUid::parse(uid).expect("a version 7 id");
            let time = uuid::Uuid::parse_str(&parsed.0)
                .unwrap()
                .get_timestamp()
                .unwrap();
            assert_eq!(
                time.to_unix().0 * 1000 + u64::from(time.to_unix().1 / 1_000_000),
                *at_ms as u64
            );
        }
        let distinct: std::collections::BTreeSet<_> = uids.iter().map(|(_, u)| u).collect();
        assert_eq!(distinct.len(), 3);

        // Importing the notes folder gives the note its location-free key: its cards get
        // new ids and take their answers and states along; the document stays one.
        let report = lib.import_path(&old.notes).unwrap();
        assert_eq!(report.totals.updated, 1, "{report:#?}");
        let cards = lib
            .list_cards(&crate::model::CardFilter {
                include_retired: true,
                ..Default::default()
            })
            .unwrap();
        assert_eq!(cards.len(), old.legacy_ids.len());
        assert!(cards.iter().all(|c| !old.legacy_ids.contains(&c.id)));
        let rekeyed: Vec<_> = cards
            .iter()
            .filter(|c| !history(&lib, &c.id).is_empty())
            .collect();
        assert_eq!(
            rekeyed.len(),
            2,
            "the two answered cards keep their answers"
        );
        let moved_first = rekeyed
            .iter()
            .find(|c| history(&lib, &c.id) == first_history)
            .expect("the first card's two answers moved together");
        let (state, _) = crate::storage::schedule::get_state(lib.conn(), &moved_first.id)
            .unwrap()
            .unwrap();
        assert_eq!(state.state.reps, 2);
        assert!(matches!(
            lib.card(first),
            Err(crate::error::Error::NotFound { .. })
        ));
        assert_eq!(lib.documents().unwrap().len(), 1);

        // And now the folder can move.
        let moved = old.notes.with_file_name("moved-notes");
        std::fs::rename(&old.notes, &moved).unwrap();
        lib.import_path(&moved).unwrap();
        assert_eq!(history(&lib, &moved_first.id), first_history);
        assert_eq!(lib.documents().unwrap().len(), 1);
    }

    #[test]
    fn a_version_10_folder_moved_before_its_next_import_keeps_its_history() {
        let options = crate::storage::LibraryOptions::default();
        let old = library_at_version_10(&options);
        let mut lib = crate::storage::Library::open(&old.db, options).unwrap();
        let first_history = history(&lib, &old.legacy_ids[0]);
        assert_eq!(first_history.len(), 2);

        // Upgraded and moved in one go: the old document's file is gone, and the moved note
        // is recognized by its relative path.
        let moved = old.notes.with_file_name("renamed-notes");
        std::fs::rename(&old.notes, &moved).unwrap();
        let report = lib.import_path(&moved).unwrap();
        assert_eq!(report.totals.updated, 1, "{report:#?}");
        assert_eq!(lib.documents().unwrap().len(), 1);
        let carried: Vec<_> = lib
            .list_cards(&crate::model::CardFilter::default())
            .unwrap()
            .into_iter()
            .filter(|c| history(&lib, &c.id) == first_history)
            .collect();
        assert_eq!(carried.len(), 1, "the answered card kept its two answers");
        assert!(!old.legacy_ids.contains(&carried[0].id));
    }
}
