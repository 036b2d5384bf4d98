//! The Anki deck package: a zip holding `collection.anki2`, an SQLite database in Anki's
//! legacy collection layout (schema 11; Anki upgrades it on import), and `media`, the JSON
//! map of media files (empty: cards carry no images).
//!
//! The database holds two note types, Stratus Basic (Front, Back, Source) and Stratus Cloze
//! (Text, Back Extra, Source), with fixed ids so every export names the same ones; one deck;
//! one note and one new card per exported card. Note ids are new on each export (Anki keeps
//! its own when a GUID matches); GUIDs are stable.

use std::io::{Cursor, Write};
use std::path::Path;

use chrono::{DateTime, Utc};
use rusqlite::{Connection, params};
use serde_json::{Value, json};
use zip::write::SimpleFileOptions;

use super::{ExportNote, NoteKind};
use crate::error::{Error, Result};

/// Anki separates the fields of a note with the unit separator.
const FIELD_SEPARATOR: &str = "\u{1f}";

/// Look of both note types: readable Korean and English, the source quiet below.
const CSS: &str = ".card { font-family: \"Noto Sans CJK KR\", \"Apple SD Gothic Neo\", \
\"Malgun Gothic\", sans-serif; font-size: 20px; text-align: left; line-height: 1.5; }\n\
.choices li, .answer li { margin: 0.2em 0; }\n\
.why, .explanation { font-size: 0.85em; margin-top: 0.8em; }\n\
.source { font-size: 0.7em; opacity: 0.6; margin-top: 1.2em; }\n\
.cloze { font-weight: bold; color: #1565c0; }\n";

/// An id in the range Anki uses (milliseconds since 1970) derived from `label`, so the
/// note types and a deck of a given name get the same id in every export.
pub(crate) fn stable_id(label: &str) -> i64 {
    let hash = blake3::hash(label.as_bytes());
    let mut first = [0u8; 8];
    first.copy_from_slice(&hash.as_bytes()[..8]);
    // 1.0e12 ms is 2001; the hash spreads ids over the next 10^12 ms (about 31 years).
    1_000_000_000_000 + (u64::from_le_bytes(first) % 1_000_000_000_000) as i64
}

/// Id of the Stratus Basic note type.
pub(crate) fn basic_model_id() -> i64 {
    stable_id("stratus note type: basic")
}

/// Id of the Stratus Cloze note type.
pub(crate) fn cloze_model_id() -> i64 {
    stable_id("stratus note type: cloze")
}

/// The bytes of an `.apkg` holding `notes` in deck `deck`, written at `now`.
pub(crate) fn package(notes: &[ExportNote], deck: &str, now: DateTime<Utc>) -> Result<Vec<u8>> {
    let dir = tempfile::tempdir().map_err(|source| Error::Io {
        path: std::env::temp_dir(),
        source,
    })?;
    let db_path = dir.path().join("collection.anki2");
    write_collection(&db_path, notes, deck, now)?;
    let collection = std::fs::read(&db_path).map_err(|source| Error::Io {
        path: db_path.clone(),
        source,
    })?;
    zip_package(&collection).map_err(|e| Error::Io {
        path: db_path,
        source: std::io::Error::other(format!("writing the package failed: {e}")),
    })
}

fn zip_package(collection: &[u8]) -> zip::result::ZipResult<Vec<u8>> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    zip.start_file("collection.anki2", options)?;
    zip.write_all(collection)?;
    zip.start_file("media", options)?;
    zip.write_all(b"{}")?;
    Ok(zip.finish()?.into_inner())
}

/// Creates the collection database at `path`.
fn write_collection(
    path: &Path,
    notes: &[ExportNote],
    deck: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    let mut conn = Connection::open(path)?;
    conn.execute_batch(include_str!("anki_schema.sql"))?;
    let now_ms = now.timestamp_millis();
    let now_s = now.timestamp();
    let deck_id = stable_id(&format!("stratus deck: {deck}"));
    let tx = conn.transaction()?;
    tx.execute(
        "INSERT INTO col (id, crt, mod, scm, ver, dty, usn, ls, conf, models, decks, dconf, tags)
         VALUES (1, ?1, ?2, ?2, 11, 0, 0, 0, ?3, ?4, ?5, ?6, '{}')",
        params![
            now_s - now_s.rem_euclid(86_400),
            now_ms,
            collection_config(deck_id, notes.len()).to_string(),
            models(deck_id, now_s).to_string(),
            decks(deck, deck_id, now_s).to_string(),
            deck_options(now_s).to_string(),
        ],
    )?;
    {
        let mut note_stmt = tx.prepare(
            "INSERT INTO notes (id, guid, mid, mod, usn, tags, flds, sfld, csum, flags, data)
             VALUES (?1, ?2, ?3, ?4, -1, ?5, ?6, ?7, 0, 0, '')",
        )?;
        let mut card_stmt = tx.prepare(
            "INSERT INTO cards (id, nid, did, ord, mod, usn, type, queue, due, ivl, factor, reps,
                                lapses, left, odue, odid, flags, data)
             VALUES (?1, ?2, ?3, 0, ?4, -1, 0, 0, ?5, 0, 0, 0, 0, 0, 0, 0, 0, '')",
        )?;
        for (i, note) in notes.iter().enumerate() {
            let id = now_ms + i as i64;
            let model = match note.kind {
                NoteKind::Basic => basic_model_id(),
                NoteKind::Cloze => cloze_model_id(),
            };
            let tags = if note.tags.is_empty() {
                String::new()
            } else {
                format!(" {} ", note.tags.join(" "))
            };
            // Anki derives the sort field and the first field's checksum (kept to find
            // duplicates) itself when it imports a note; the file carries the plain front
            // and 0.
            let sort_field = note.plain[0].as_str();
            note_stmt.execute(params![
                id,
                note.guid,
                model,
                now_s,
                tags,
                note.html.join(FIELD_SEPARATOR),
                sort_field,
            ])?;
            card_stmt.execute(params![id, id, deck_id, now_s, i as i64 + 1])?;
        }
    }
    tx.commit()?;
    conn.close().map_err(|(_, e)| Error::Db(e))?;
    Ok(())
}

/// The collection's settings: the exported deck is the current one.
fn collection_config(deck_id: i64, note_count: usize) -> Value {
    json!({
        "activeDecks": [deck_id],
        "curDeck": deck_id,
        "curModel": basic_model_id(),
        "nextPos": note_count + 1,
        "newSpread": 0,
        "collapseTime": 1200,
        "timeLim": 0,
        "estTimes": true,
        "dueCounts": true,
        "sortType": "noteFld",
        "sortBackwards": false,
        "addToCur": true,
        "schedVer": 2,
    })
}

fn field(name: &str, ord: u32) -> Value {
    json!({ "name": name, "ord": ord, "sticky": false, "rtl": false, "font": "Arial", "size": 20 })
}

fn template(name: &str, question: &str, answer: &str) -> Value {
    json!({
        "name": name, "ord": 0, "qfmt": question, "afmt": answer,
        "bqfmt": "", "bafmt": "", "did": null, "bfont": "", "bsize": 0,
    })
}

/// The two note types, by id.
fn models(deck_id: i64, now_s: i64) -> Value {
    let source = "{{#Source}}<div class=\"source\">{{Source}}</div>{{/Source}}";
    let basic = json!({
        "id": basic_model_id(),
        "name": "Stratus Basic",
        "type": 0,
        "mod": now_s,
        "usn": -1,
        "sortf": 0,
        "did": deck_id,
        "tmpls": [template(
            "Card 1",
            "{{Front}}",
            &format!("{{{{FrontSide}}}}<hr id=\"answer\">{{{{Back}}}}{source}"),
        )],
        "flds": [field("Front", 0), field("Back", 1), field("Source", 2)],
        "css": CSS,
        "req": [[0, "any", [0]]],
        "tags": [],
        "vers": [],
    });
    let cloze = json!({
        "id": cloze_model_id(),
        "name": "Stratus Cloze",
        "type": 1,
        "mod": now_s,
        "usn": -1,
        "sortf": 0,
        "did": deck_id,
        "tmpls": [template(
            "Cloze",
            "{{cloze:Text}}",
            &format!("{{{{cloze:Text}}}}<br>{{{{Back Extra}}}}{source}"),
        )],
        "flds": [field("Text", 0), field("Back Extra", 1), field("Source", 2)],
        "css": CSS,
        "req": [[0, "any", [0]]],
        "tags": [],
        "vers": [],
    });
    let mut map = serde_json::Map::new();
    map.insert(basic_model_id().to_string(), basic);
    map.insert(cloze_model_id().to_string(), cloze);
    Value::Object(map)
}

fn deck(id: i64, name: &str, description: &str, now_s: i64) -> Value {
    json!({
        "id": id,
        "name": name,
        "mod": now_s,
        "usn": -1,
        "lrnToday": [0, 0],
        "revToday": [0, 0],
        "newToday": [0, 0],
        "timeToday": [0, 0],
        "collapsed": false,
        "browserCollapsed": false,
        "desc": description,
        "dyn": 0,
        "conf": 1,
        "extendNew": 0,
        "extendRev": 0,
    })
}

/// Anki's default deck (every collection has id 1), the exported deck and its parents.
fn decks(name: &str, deck_id: i64, now_s: i64) -> Value {
    let mut map = serde_json::Map::new();
    map.insert("1".into(), deck(1, "Default", "", now_s));
    let parts: Vec<&str> = name.split("::").collect();
    for end in 1..parts.len() {
        let parent = parts[..end].join("::");
        let id = stable_id(&format!("stratus deck: {parent}"));
        map.insert(id.to_string(), deck(id, &parent, "", now_s));
    }
    map.insert(
        deck_id.to_string(),
        deck(deck_id, name, "Cards exported from Stratus.", now_s),
    );
    Value::Object(map)
}

/// Anki's default deck options (id 1), which every deck above uses.
fn deck_options(now_s: i64) -> Value {
    json!({
        "1": {
            "id": 1,
            "name": "Default",
            "mod": now_s,
            "usn": -1,
            "maxTaken": 60,
            "autoplay": true,
            "timer": 0,
            "replayq": true,
            "dyn": false,
            "new": {
                "bury": false,
                "delays": [1.0, 10.0],
                "initialFactor": 2500,
                "ints": [1, 4, 0],
                "order": 1,
                "perDay": 20,
            },
            "lapse": {
                "delays": [10.0],
                "leechAction": 1,
                "leechFails": 8,
                "minInt": 1,
                "mult": 0.0,
            },
            "rev": {
                "bury": false,
                "ease4": 1.3,
                "ivlFct": 1.0,
                "maxIvl": 36500,
                "perDay": 200,
                "hardFactor": 1.2,
            },
        }
    })
}
