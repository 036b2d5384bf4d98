//! Schema migrations: numbered SQL files from `migrations/`, embedded at compile time and
//! applied in order, each in its own transaction together with the `user_version` bump, so a
//! failed step leaves the database at the previous version.

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
pub(crate) fn apply(conn: &mut Connection) -> Result<usize> {
    let current = user_version(conn)?;
    let mut applied = 0;
    for migration in MIGRATIONS.iter().filter(|m| m.version > current) {
        let tx = conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(|source| Error::Migration {
                version: migration.version,
                name: migration.name,
                source,
            })?;
        let step = || -> rusqlite::Result<()> {
            tx.execute_batch(migration.sql)?;
            // Pragmas cannot take bound parameters; both values are internal constants.
            tx.execute_batch(&format!(
                "PRAGMA application_id = {APPLICATION_ID}; PRAGMA user_version = {};",
                migration.version
            ))?;
            Ok(())
        };
        step().map_err(|source| Error::Migration {
            version: migration.version,
            name: migration.name,
            source,
        })?;
        tx.commit().map_err(|source| Error::Migration {
            version: migration.version,
            name: migration.name,
            source,
        })?;
        applied += 1;
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
}
