//! The `settings` table as a small key → JSON store, shared by every domain that keeps
//! settings or markers in the library (interface, scheduling, backups, built-in course).

use rusqlite::{Connection, OptionalExtension, Transaction};
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::error::Result;

/// The value stored under `key`; `None` when never saved or when the stored JSON no longer
/// decodes (callers fall back to their defaults rather than fail).
pub(crate) fn read<T: DeserializeOwned>(conn: &Connection, key: &str) -> Result<Option<T>> {
    let raw: Option<String> = conn
        .prepare_cached("SELECT value_json FROM settings WHERE key = ?1")?
        .query_row([key], |r| r.get(0))
        .optional()?;
    Ok(raw.and_then(|s| serde_json::from_str(&s).ok()))
}

/// Stores `value` under `key`, replacing what was there, inside the caller's transaction.
pub(crate) fn write<T: Serialize>(tx: &Transaction<'_>, key: &str, value: &T) -> Result<()> {
    let json = serde_json::to_string(value).expect("settings values always serialize");
    tx.prepare_cached(
        "INSERT INTO settings (key, value_json) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value_json = excluded.value_json",
    )?
    .execute(rusqlite::params![key, json])?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::storage::{Library, LibraryOptions};

    #[test]
    fn round_trips_replaces_and_tolerates_unreadable_values() {
        let mut lib = Library::open_in_memory(LibraryOptions::default()).unwrap();
        assert_eq!(read::<u32>(lib.conn(), "k").unwrap(), None);
        lib.transact(|tx| write(tx, "k", &7u32)).unwrap();
        lib.transact(|tx| write(tx, "k", &8u32)).unwrap();
        assert_eq!(read::<u32>(lib.conn(), "k").unwrap(), Some(8));
        assert_eq!(
            read::<String>(lib.conn(), "k").unwrap(),
            None,
            "wrong type reads as absent"
        );
    }
}
