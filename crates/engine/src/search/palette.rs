//! The Ctrl+K heading palette: every heading path of the library ranked by fuzzy match
//! (skim's algorithm, via fuzzy-matcher) against what the user typed. The list of paths is
//! loaded once and kept until the library changes, so ranking is all that runs per keystroke.

use std::sync::Arc;

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use serde::{Deserialize, Serialize};

use crate::error::Result;
use crate::ids::SectionId;
use crate::storage::Library;
use crate::storage::search as store;

/// Separator between headings in a palette label.
pub const PATH_SEPARATOR: &str = " › ";

/// One palette entry.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct PaletteHit {
    pub section_id: SectionId,
    /// The heading path joined with ` › `.
    pub label: String,
    pub heading_path: Vec<String>,
    pub document_title: String,
    pub is_builtin: bool,
    /// Match quality, higher is better.
    pub score: f64,
    /// Positions (in characters of `label`) of the matched characters, for highlighting.
    pub matched_indices: Vec<u32>,
}

pub(crate) struct PaletteEntry {
    id: SectionId,
    label: String,
    folded: Vec<char>,
    heading_path: Vec<String>,
    document_title: String,
    is_builtin: bool,
}

pub(crate) struct PaletteIndex {
    data_version: i64,
    entries: Vec<PaletteEntry>,
}

/// Cheap test that every character of `pattern` occurs in `text` in order; most labels fail
/// it, which spares the full scoring.
fn is_subsequence(pattern: &[char], text: &[char]) -> bool {
    let mut it = text.iter();
    pattern.iter().all(|p| it.any(|c| c == p))
}

fn fold(s: &str) -> Vec<char> {
    s.chars().flat_map(char::to_lowercase).collect()
}

impl Library {
    fn palette_index(&self) -> Result<Arc<PaletteIndex>> {
        let version = store::data_version(self.conn())?;
        let mut caches = self.caches().lock();
        if let Some(index) = caches.get::<PaletteIndex>()
            && index.data_version == version
        {
            return Ok(index);
        }
        let entries = store::palette_entries(self.conn())?
            .into_iter()
            .map(|row| {
                let label = row.heading_path.join(PATH_SEPARATOR);
                PaletteEntry {
                    id: row.id,
                    folded: fold(&label),
                    label,
                    heading_path: row.heading_path,
                    document_title: row.document_title,
                    is_builtin: row.is_builtin,
                }
            })
            .collect();
        let index = Arc::new(PaletteIndex {
            data_version: version,
            entries,
        });
        caches.put(Arc::clone(&index));
        Ok(index)
    }

    /// The `limit` heading paths that best match `query` (fuzzy, case-insensitive), best
    /// first; ties keep library order. An empty query lists headings in library order.
    pub fn palette(&self, query: &str, limit: u32) -> Result<Vec<PaletteHit>> {
        let index = self.palette_index()?;
        let limit = limit.clamp(1, 500) as usize;
        let pattern: String = query.split_whitespace().collect::<Vec<_>>().join(" ");
        let folded_pattern: Vec<char> = fold(&pattern).into_iter().filter(|c| *c != ' ').collect();
        let hit = |e: &PaletteEntry, score: i64, indices: Vec<usize>| PaletteHit {
            section_id: e.id,
            label: e.label.clone(),
            heading_path: e.heading_path.clone(),
            document_title: e.document_title.clone(),
            is_builtin: e.is_builtin,
            score: score as f64,
            matched_indices: indices.into_iter().map(|i| i as u32).collect(),
        };
        if folded_pattern.is_empty() {
            return Ok(index
                .entries
                .iter()
                .take(limit)
                .map(|e| hit(e, 0, Vec::new()))
                .collect());
        }
        let matcher = SkimMatcherV2::default().ignore_case();
        let pattern_no_space: String = folded_pattern.iter().collect();
        let mut scored: Vec<(i64, usize)> = index
            .entries
            .iter()
            .enumerate()
            .filter(|(_, e)| is_subsequence(&folded_pattern, &e.folded))
            .filter_map(|(i, e)| {
                matcher
                    .fuzzy_match(&e.label, &pattern_no_space)
                    .map(|s| (s, i))
            })
            .collect();
        // Best score first, then shorter labels, then library order.
        scored.sort_by_key(|&(s, i)| (std::cmp::Reverse(s), index.entries[i].folded.len(), i));
        Ok(scored
            .into_iter()
            .take(limit)
            .map(|(score, i)| {
                let e = &index.entries[i];
                let indices = matcher
                    .fuzzy_indices(&e.label, &pattern_no_space)
                    .map(|(_, ix)| ix)
                    .unwrap_or_default();
                hit(e, score, indices)
            })
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subsequence_check() {
        let t: Vec<char> = "reserved instances".chars().collect();
        assert!(is_subsequence(&['r', 'i'], &t));
        assert!(!is_subsequence(&['z'], &t));
    }
}
