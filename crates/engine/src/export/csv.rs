//! The plain CSV export (RFC 4180: comma-separated, fields with commas, quotes or line
//! breaks quoted, `\r\n` line ends), one row per card under a header row:
//!
//! | column | holds |
//! |---|---|
//! | `guid` | the note GUID the `.apkg` export gives the card (stable across exports) |
//! | `card_id` | the card's id in Stratus |
//! | `note_type` | `basic` or `cloze` |
//! | `front` | the question; a multiple-choice card adds one line per choice (`A. …`); a cloze is its sentence with `{{c1::answer}}` |
//! | `back` | the answer (`B. …` lines for a multiple-choice card), then any explanation |
//! | `source` | the headings from the note's title down to the card's section, joined by ` › ` |
//! | `deck` | the deck name the `.apkg` export uses |
//! | `tags` | space-separated: `exam::SAA-C03`, `domain::SAA-C03::1_…`, `topic::s3` |
//!
//! Text is plain, without HTML.

use super::{ExportNote, NoteKind};
use crate::error::{Error, Result};

/// The header row.
pub(crate) const COLUMNS: [&str; 8] = [
    "guid",
    "card_id",
    "note_type",
    "front",
    "back",
    "source",
    "deck",
    "tags",
];

/// The bytes of the CSV file for `notes`.
pub(crate) fn write(notes: &[ExportNote], deck: &str) -> Result<Vec<u8>> {
    let failed = |e: ::csv::Error| Error::InvalidInput(format!("writing the CSV failed: {e}"));
    let mut writer = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::CRLF)
        .from_writer(Vec::new());
    writer.write_record(COLUMNS).map_err(failed)?;
    for note in notes {
        let kind = match note.kind {
            NoteKind::Basic => "basic",
            NoteKind::Cloze => "cloze",
        };
        let tags = note.tags.join(" ");
        writer
            .write_record([
                note.guid.as_str(),
                note.card_id.as_str(),
                kind,
                note.plain[0].as_str(),
                note.plain[1].as_str(),
                note.plain[2].as_str(),
                deck,
                tags.as_str(),
            ])
            .map_err(failed)?;
    }
    writer
        .into_inner()
        .map_err(|e| Error::InvalidInput(format!("writing the CSV failed: {}", e.error())))
}
