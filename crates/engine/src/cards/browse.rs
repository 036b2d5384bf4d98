//! The card browser: every card of the library in one sortable, filterable, paged list with
//! its scheduling state, and suspension of many cards at once. Reads only; the single write
//! (`set_cards_suspended`) reuses the one-card suspension of `storage::cards`, so a bulk
//! change means exactly what the same change one card at a time means. Nothing here
//! schedules: states, due dates and intervals are read as the scheduler left them.

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::ids::DocumentId;
use crate::model::{BrowseFilter, CardId, CardListItem, CardSort, CardState, normalize_exam_code};
use crate::storage::Library;
use crate::storage::cards as store;

/// Longest prompt or answer a browser row carries, in characters; the full text is one
/// `Library::card` away.
pub const BROWSE_TEXT_CHARS: usize = 160;

/// Which cards to list and in what order. The default lists every card that is not retired,
/// by document, all at once.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default)]
pub struct CardQuery {
    /// Exam code in any spelling (`saa`, `SAA-C03`).
    pub exam: Option<String>,
    /// A topic or service tag (`s3`, `pricing`), or a word of the document's path.
    pub topic: Option<String>,
    pub document_id: Option<DocumentId>,
    /// Cards in any of these states; empty means every state except `retired`.
    pub states: Vec<CardState>,
    /// Only scheduled cards due before this time (`2026-12-01`, `2026-12-01T09:00` in the
    /// review time zone, or RFC 3339); new cards have no due time and never match.
    pub due_before: Option<String>,
    /// Only cards forgotten at least this many times.
    pub min_lapses: Option<u32>,
    /// Text the prompt or the answer contains, ignoring ASCII case.
    pub text: Option<String>,
    pub sort: CardSort,
    pub is_descending: bool,
    /// Rows to skip before the first one returned.
    pub offset: u32,
    /// At most this many rows (all when `None`).
    pub limit: Option<u32>,
}

/// One page of a card list and how many cards match in all.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct CardPage {
    /// Cards matching the query, on every page.
    pub total: u32,
    /// The offset this page starts at.
    pub offset: u32,
    pub cards: Vec<CardListItem>,
}

impl Library {
    /// Cards matching `query`, in its order, from `offset` up to `limit`, with the number of
    /// matching cards in all. A bad exam code or time is `InvalidInput`.
    pub fn browse_cards(&self, query: &CardQuery) -> Result<CardPage> {
        let exam = match query.exam.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(raw) => Some(normalize_exam_code(raw).ok_or_else(|| {
                let known: Vec<&str> = crate::model::exam_guides()
                    .exams
                    .iter()
                    .map(|g| g.short.as_str())
                    .collect();
                Error::InvalidInput(format!(
                    "unknown exam code: {raw} (try {})",
                    known.join(", ")
                ))
            })?),
        };
        let non_empty = |s: &Option<String>| {
            s.as_deref()
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .map(str::to_lowercase)
        };
        let due_before_ms = match query.due_before.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(raw) => Some(self.parse_time(raw)?.timestamp_millis()),
        };
        let states_json = if query.states.is_empty() {
            None
        } else {
            let names: Vec<&str> = query.states.iter().map(|s| s.as_str()).collect();
            Some(serde_json::to_string(&names).expect("strings serialize"))
        };
        let now = self.clock().now();
        let today = self.scheduler()?.days().day(now);
        let filter = BrowseFilter {
            exam,
            topic: non_empty(&query.topic),
            document_id: query.document_id,
            states_json,
            due_before_ms,
            min_lapses: query.min_lapses,
            text: non_empty(&query.text),
            today,
        };
        let total = store::count_browsed(self.conn(), &filter)?;
        let mut cards = store::browse_cards(
            self.conn(),
            &filter,
            query.sort,
            query.is_descending,
            query.offset,
            query.limit,
        )?;
        for card in &mut cards {
            shorten(&mut card.prompt);
            shorten(&mut card.answer);
        }
        Ok(CardPage {
            total,
            offset: query.offset,
            cards,
        })
    }

    /// Suspends (`true`) or unsuspends every card of `ids` in one transaction, as
    /// `suspend_card` / `unsuspend_card` do one at a time. Returns how many cards changed
    /// (a card already in the asked state, or retired, does not count). An unknown id is
    /// `NotFound` and changes nothing.
    pub fn set_cards_suspended(&mut self, ids: &[CardId], is_suspended: bool) -> Result<u32> {
        let now_ms = self.clock().now().timestamp_millis();
        let mut unique: Vec<&CardId> = ids.iter().collect();
        unique.sort();
        unique.dedup();
        self.transact(|tx| {
            let mut changed = 0;
            for id in unique {
                let before = store::card_status(tx, id)?.ok_or_else(|| Error::NotFound {
                    what: "card",
                    id: id.to_string(),
                })?;
                store::set_suspended(tx, id, is_suspended, now_ms)?;
                let after = store::card_status(tx, id)?;
                if after.as_ref() != Some(&before) {
                    changed += 1;
                }
            }
            Ok(changed)
        })
    }
}

/// Cuts `text` to `BROWSE_TEXT_CHARS` characters on one line, marking the cut with `…`.
fn shorten(text: &mut String) {
    if text.contains('\n') {
        *text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    }
    if let Some((at, _)) = text.char_indices().nth(BROWSE_TEXT_CHARS) {
        text.truncate(at);
        text.truncate(text.trim_end().len());
        text.push('…');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shorten_cuts_long_text_on_a_character_boundary() {
        let mut long = "가".repeat(BROWSE_TEXT_CHARS + 5);
        shorten(&mut long);
        assert_eq!(long.chars().count(), BROWSE_TEXT_CHARS + 1);
        assert!(long.ends_with('…'));
        let mut short = String::from("S3 Standard\n  Glacier");
        shorten(&mut short);
        assert_eq!(short, "S3 Standard Glacier");
    }

    #[test]
    fn states_round_trip_through_their_stored_names() {
        for state in [
            CardState::New,
            CardState::Learning,
            CardState::Review,
            CardState::Relearning,
            CardState::Suspended,
            CardState::Buried,
            CardState::Retired,
        ] {
            assert_eq!(CardState::from_db(state.as_str()), state);
        }
    }
}
