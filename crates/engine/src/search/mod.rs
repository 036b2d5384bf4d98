//! Search: full-text search over sections (FTS5, bm25, heading weighted above body), the
//! fuzzy heading palette, and opening a section as sanitized HTML. User text goes through
//! `parser` (AST) and `writer` (quoted FTS5 expression, bound as a parameter); it is never
//! spliced into SQL or FTS5 syntax.

pub(crate) mod glossary;
mod palette;
mod parser;
mod plan;
pub(crate) mod rank;
mod render;
mod snippet;
mod typo;
mod writer;

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use serde::{Deserialize, Serialize};

use crate::error::Result;
use crate::ids::{DocumentId, SectionId};
use crate::model::{Origin, normalize_exam_code};
use crate::storage::Library;
use crate::storage::search::{self as store, terms};

pub use palette::PaletteHit;
pub use render::{Breadcrumb, CardSource, SectionView, SourceCell};
pub use snippet::SnippetSpan;

use crate::text::tokenize::{self, Segment};
use snippet::Needle;
use writer::{Join, Unit};

/// The most results one search returns.
pub const MAX_SEARCH_LIMIT: u32 = 200;
/// How many indexed terms a query word (typed as a prefix) stands for at most: all its
/// completions up to this many, else the most common ones (docs/decisions/0007).
const MAX_COMPLETIONS: usize = 16;
/// Up to how many rows (section counts summed over the completions) a prefix stays a
/// prefix query.
const MAX_PREFIX_ROWS: i64 = 2_000;
/// Characters of section text shown in a snippet.
const SNIPPET_CHARS: usize = 160;

/// Which documents to search.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum SearchScope {
    #[default]
    All,
    /// Only the built-in course.
    Builtin,
    /// Only notes the user imported.
    Imported,
}

/// A search request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default)]
pub struct SearchQuery {
    /// What the user typed; any text is accepted.
    pub text: String,
    /// Only sections tagged with this exam (`SAA`, `saa-c03`, `CCP`…).
    pub exam: Option<String>,
    /// Only sections of this document.
    pub document_id: Option<DocumentId>,
    pub scope: SearchScope,
    /// At most this many hits (1 to 200; default 20).
    pub limit: u32,
}

impl Default for SearchQuery {
    fn default() -> Self {
        Self {
            text: String::new(),
            exam: None,
            document_id: None,
            scope: SearchScope::All,
            limit: 20,
        }
    }
}

impl SearchQuery {
    /// A query for `text` with default filters.
    pub fn new(text: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            ..Self::default()
        }
    }
}

/// The document a hit or section belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct DocumentRef {
    pub id: DocumentId,
    pub title: String,
    pub path: String,
    pub is_builtin: bool,
}

/// One search result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct SearchHit {
    pub section_id: SectionId,
    pub heading: String,
    /// Headings from the top of the document down to this section.
    pub heading_path: Vec<String>,
    pub level: u32,
    pub document: DocumentRef,
    /// Part of the section's text with the query's words marked.
    pub snippet: Vec<SnippetSpan>,
    pub exams: Vec<String>,
    /// Relevance, higher is better (negated bm25).
    pub score: f64,
    pub line_start: u32,
    pub line_end: u32,
}

/// A word that matched nothing and the indexed words searched in its place.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Correction {
    pub word: String,
    pub replacements: Vec<String>,
}

/// A query word (or run of words) found in the bilingual glossary, and the terms it also
/// matched (`스팟` → `Spot`); sections with the word itself rank above those with only a
/// counterpart.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Expansion {
    pub from: String,
    pub to: Vec<String>,
}

/// The result of a search.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct SearchResults {
    pub query: String,
    pub hits: Vec<SearchHit>,
    pub corrections: Vec<Correction>,
    /// True when no section had every word: the hits are partial matches, sections with
    /// the most of the words first.
    pub is_relaxed: bool,
    /// Glossary counterparts of the query words that occur in the library; their sections
    /// follow those of the words themselves when these fill less than the page.
    pub expansions: Vec<Expansion>,
    /// Question words and endings that were not required to match (`어떻게`, `how`).
    pub ignored_words: Vec<String>,
    /// When nothing matched: terms to try instead (spelling corrections and glossary terms
    /// found in the library).
    pub suggestions: Vec<String>,
    /// True when the query was longer than is searched (256 characters, 16 words) and only
    /// its beginning was searched.
    pub is_truncated: bool,
}

/// The completions of the prefixes of one search, each looked up once: a prefix kept as a
/// prefix query is needed again for its idf, and a relaxed search goes over every unit again.
struct CompletionMemo<'a> {
    lib: &'a Library,
    found: RefCell<HashMap<String, Rc<terms::Completions>>>,
}

impl<'a> CompletionMemo<'a> {
    fn new(lib: &'a Library) -> Self {
        Self {
            lib,
            found: RefCell::new(HashMap::new()),
        }
    }

    fn get(&self, prefix: &str) -> Result<Rc<terms::Completions>> {
        if let Some(found) = self.found.borrow().get(prefix) {
            return Ok(Rc::clone(found));
        }
        let found = Rc::new(terms::completions(
            self.lib.conn(),
            prefix,
            MAX_COMPLETIONS,
        )?);
        self.found
            .borrow_mut()
            .insert(prefix.to_owned(), Rc::clone(&found));
        Ok(found)
    }
}

/// The unit as typed, without the glossary counterparts of its words.
fn without_counterparts(unit: &Unit) -> Unit {
    match unit {
        Unit::AnyOf(units) => {
            let mut kept: Vec<Unit> = units
                .iter()
                .filter(|u| !matches!(u, Unit::Counterpart(_)))
                .map(without_counterparts)
                .collect();
            if kept.len() == 1 {
                kept.remove(0)
            } else {
                Unit::AnyOf(kept)
            }
        }
        Unit::AllOf(units) => Unit::AllOf(units.iter().map(without_counterparts).collect()),
        u => u.clone(),
    }
}

fn needles(
    clauses: &[parser::Clause],
    expansions: &[Expansion],
    corrections: &[Correction],
) -> Vec<Needle> {
    let mut out = Vec::new();
    let mut push = |seg: &Segment| match seg {
        Segment::Word(w) => out.push(Needle::WordPrefix(w.chars().collect())),
        Segment::Hangul(h) => out.push(Needle::Hangul(h.chars().collect())),
    };
    for clause in clauses {
        match clause {
            parser::Clause::Term(seg) => push(seg),
            parser::Clause::Phrase(segs) => segs.iter().for_each(&mut push),
        }
    }
    for e in expansions {
        for term in &e.to {
            tokenize::segments(term).iter().for_each(&mut push);
        }
    }
    for c in corrections {
        out.extend(
            c.replacements
                .iter()
                .map(|r| Needle::WordPrefix(r.chars().collect())),
        );
    }
    out
}

impl Library {
    /// Searches section headings and text. Korean matches inside words (particles and
    /// compounds), Latin words match by prefix, and a Latin word that matches nothing is
    /// replaced by its closest indexed spellings. If no section has every word, sections with
    /// any of them are returned and `is_relaxed` is set.
    pub fn search(&self, query: &SearchQuery) -> Result<SearchResults> {
        let (text, is_cut) = plan::bounded(&query.text);
        let parsed = parser::parse(text);
        let plan = plan::plan(&parsed, true);
        let mut results = SearchResults {
            query: query.text.clone(),
            hits: Vec::new(),
            corrections: Vec::new(),
            is_relaxed: false,
            expansions: Vec::new(),
            ignored_words: plan.ignored.clone(),
            suggestions: Vec::new(),
            is_truncated: is_cut || plan.is_truncated,
        };
        if parsed.is_empty() {
            return Ok(results);
        }
        let exam = match &query.exam {
            Some(e) if !e.trim().is_empty() => Some(normalize_exam_code(e).ok_or_else(|| {
                crate::Error::InvalidInput(format!(
                    "unknown exam code {e:?} (try SAA, DVA, SOA or CLF)"
                ))
            })?),
            _ => None,
        };
        let limit = query.limit.clamp(1, MAX_SEARCH_LIMIT);
        let filter = store::Filter {
            exam,
            document_id: query.document_id,
            is_builtin: match query.scope {
                SearchScope::All => None,
                SearchScope::Builtin => Some(true),
                SearchScope::Imported => Some(false),
            },
        };
        let memo = CompletionMemo::new(self);
        let mut units = plan.units.clone();
        results.expansions = self.keep_present_counterparts(&mut units, &plan.expansions, &memo)?;
        let totals = store::index_totals(self.conn())?;
        let ranked_ids = |units: &[Unit], join: Join| -> Result<Vec<(SectionId, f64)>> {
            let units = units
                .iter()
                .map(|u| Self::complete(u, &memo))
                .collect::<Result<Vec<_>>>()?;
            let (Some(expr), Some(any)) = (
                writer::write(&units, join),
                writer::write(&units, Join::Any),
            ) else {
                return Ok(Vec::new());
            };
            let rows_with = rank::phrases(&units)
                .iter()
                .map(|p| self.rows_with(p, &memo))
                .collect::<Result<Vec<_>>>()?;
            let scorer = rank::Scorer::new(units, join, &rows_with, totals);
            rank::ranked_ids(self.conn(), &expr, &any, &filter, limit, &scorer)
        };
        // Sections with every word need no spelling help: each word then starts some indexed
        // term. Only when there are none is the vocabulary consulted, which spares the common
        // case a scan of the vocabulary per word.
        //
        // Glossary counterparts are searched only when the words themselves fill less than
        // the page: their hits then follow the words' own (docs/decisions/0010). Searching
        // them every time doubled the time of common words, whose page is already full.
        let literal: Vec<Unit> = units.iter().map(without_counterparts).collect();
        let mut ranked = ranked_ids(&literal, Join::All)?;
        if ranked.len() < limit as usize && !results.expansions.is_empty() {
            for hit in ranked_ids(&units, Join::All)? {
                if ranked.len() == limit as usize {
                    break;
                }
                if !ranked.iter().any(|(id, _)| *id == hit.0) {
                    ranked.push(hit);
                }
            }
        }
        if ranked.is_empty() {
            if self.correct_spelling(&mut units, &mut results.corrections)? {
                ranked = ranked_ids(&units, Join::All)?;
            }
            if ranked.is_empty() && units.len() > 1 {
                ranked = ranked_ids(&units, Join::Any)?;
                results.is_relaxed = !ranked.is_empty();
            }
        }
        if ranked.is_empty() {
            results.suggestions = self.suggestions(&plan.clauses, &results.corrections)?;
        }
        let needles = needles(&plan.clauses, &results.expansions, &results.corrections);
        for (id, rank) in ranked {
            let row = store::hit_row(self.conn(), id)?;
            results.hits.push(SearchHit {
                section_id: id,
                snippet: snippet::snippet(
                    &render::without_cloze_marks(&row.body),
                    &needles,
                    SNIPPET_CHARS,
                ),
                heading: row.heading,
                heading_path: row.heading_path,
                level: row.level,
                document: DocumentRef {
                    id: row.document_id,
                    title: row.document_title,
                    path: row.document_path,
                    is_builtin: row.origin == Origin::Builtin,
                },
                exams: row.tags.exams,
                score: -rank,
                line_start: row.line_start,
                line_end: row.line_end,
            });
        }
        Ok(results)
    }

    /// The unit with each word typed as a prefix whose completions are in many rows replaced
    /// by those completions (at most [`MAX_COMPLETIONS`], the most common), searched as
    /// exact terms. FTS5 answers a prefix query by merging the row lists of every term with
    /// the prefix in memory, whole, on every query, while exact terms are read lazily, only
    /// as far as the walk and the ranking need (docs/decisions/0007). Below
    /// [`MAX_PREFIX_ROWS`] the merge is cheap and the prefix query stays: bm25 then weighs
    /// the word as one term, as the relevance set was measured.
    fn complete(unit: &Unit, memo: &CompletionMemo<'_>) -> Result<Unit> {
        Ok(match unit {
            Unit::Prefix(word) => {
                let found = memo.get(word)?;
                if found.is_complete && found.rows <= MAX_PREFIX_ROWS {
                    unit.clone()
                } else {
                    Unit::AnyOf(found.terms.iter().cloned().map(Unit::Exact).collect())
                }
            }
            Unit::AnyOf(units) => Unit::AnyOf(
                units
                    .iter()
                    .map(|u| Self::complete(u, memo))
                    .collect::<Result<_>>()?,
            ),
            Unit::AllOf(units) => Unit::AllOf(
                units
                    .iter()
                    .map(|u| Self::complete(u, memo))
                    .collect::<Result<_>>()?,
            ),
            Unit::Counterpart(inner) => Unit::Counterpart(Box::new(Self::complete(inner, memo)?)),
            Unit::Exact(_) | Unit::Phrase(_) => unit.clone(),
        })
    }

    /// Removes from `units` the glossary counterparts with a phrase in no section (they
    /// cannot match, and searching them costs a pass), and returns the expansions left, in
    /// the order of `found`, which follows the units that have counterparts.
    fn keep_present_counterparts(
        &self,
        units: &mut [Unit],
        found: &[plan::Found],
        memo: &CompletionMemo<'_>,
    ) -> Result<Vec<Expansion>> {
        let mut found = found.iter();
        let mut out = Vec::new();
        for unit in units.iter_mut() {
            let Unit::AnyOf(any) = unit else {
                continue;
            };
            if !any.iter().any(|u| matches!(u, Unit::Counterpart(_))) {
                continue;
            }
            let Some(f) = found.next() else {
                break;
            };
            let mut kept_to = Vec::new();
            let mut kept = vec![any[0].clone()];
            for (u, to) in any.iter().skip(1).zip(&f.to) {
                if self.can_match(u, memo)? {
                    kept.push(u.clone());
                    kept_to.push(to.clone());
                }
            }
            if kept_to.is_empty() {
                *unit = kept.remove(0);
            } else {
                *any = kept;
                out.push(Expansion {
                    from: f.from.clone(),
                    to: kept_to,
                });
            }
        }
        Ok(out)
    }

    /// Whether some section may hold `unit`, judged from the term counts (a phrase counts
    /// as its rarest term).
    fn can_match(&self, unit: &Unit, memo: &CompletionMemo<'_>) -> Result<bool> {
        Ok(match unit {
            Unit::AnyOf(units) => {
                for u in units {
                    if self.can_match(u, memo)? {
                        return Ok(true);
                    }
                }
                false
            }
            Unit::AllOf(units) => {
                for u in units {
                    if !self.can_match(u, memo)? {
                        return Ok(false);
                    }
                }
                true
            }
            Unit::Counterpart(inner) => self.can_match(inner, memo)?,
            leaf => match rank::phrases(std::slice::from_ref(leaf)).first() {
                Some(phrase) => self.rows_with(phrase, memo)? > 0,
                None => false,
            },
        })
    }

    /// Terms to try when nothing matched: the spelling corrections, then glossary terms
    /// starting with a query word (or its first two syllables) whose first indexed term is
    /// in the library; at most eight.
    fn suggestions(
        &self,
        clauses: &[parser::Clause],
        corrections: &[Correction],
    ) -> Result<Vec<String>> {
        const MAX: usize = 8;
        let mut out: Vec<String> = Vec::new();
        for c in corrections {
            out.extend(c.replacements.iter().cloned());
        }
        for clause in clauses {
            let parser::Clause::Term(seg) = clause else {
                continue;
            };
            let prefixes: Vec<String> = match seg {
                Segment::Word(w) if w.chars().count() >= 3 => {
                    let mut p = vec![w.clone()];
                    if typo::is_correctable(w) {
                        p.extend(self.spelling_candidates(w)?);
                    }
                    p
                }
                Segment::Hangul(h) if h.chars().count() >= 2 => {
                    vec![h.clone(), h.chars().take(2).collect()]
                }
                _ => continue,
            };
            for prefix in prefixes {
                for term in glossary::terms_starting_with(&prefix, MAX) {
                    let first = tokenize::index_terms(term);
                    let Some(first) = first.split(' ').next() else {
                        continue;
                    };
                    if !out.iter().any(|t| t == term) && store::term_rows(self.conn(), first)? > 0 {
                        out.push(term.to_string());
                    }
                }
            }
        }
        out.truncate(MAX);
        Ok(out)
    }

    /// How many sections hold `phrase`, for its idf: exact for a single term, the summed
    /// counts of its completions for a prefix, and for a phrase of several terms the count
    /// of its rarest term (an upper bound: counting the phrase itself is the walk through
    /// its rows that ranking here avoids).
    fn rows_with(&self, phrase: &rank::Phrase, memo: &CompletionMemo<'_>) -> Result<i64> {
        let count = |i: usize, token: &str| -> Result<i64> {
            if phrase.is_prefix && i + 1 == phrase.tokens.len() {
                Ok(memo.get(token)?.rows)
            } else {
                store::term_rows(self.conn(), token)
            }
        };
        let mut rarest: Option<i64> = None;
        for (i, token) in phrase.tokens.iter().enumerate() {
            let n = count(i, token)?;
            rarest = Some(rarest.map_or(n, |r| r.min(n)));
        }
        Ok(rarest.unwrap_or(0))
    }

    /// Replaces each Latin word that starts no indexed term by itself or its closest indexed
    /// spellings, recording the corrections; returns whether any word was replaced.
    fn correct_spelling(
        &self,
        units: &mut [Unit],
        corrections: &mut Vec<Correction>,
    ) -> Result<bool> {
        let mut is_changed = false;
        for unit in units {
            if let Unit::Prefix(word) = unit
                && typo::is_correctable(word)
                && !terms::has_prefix(self.conn(), word)?
            {
                let replacements = self.spelling_candidates(word)?;
                if !replacements.is_empty() {
                    corrections.push(Correction {
                        word: word.clone(),
                        replacements: replacements.clone(),
                    });
                    let mut any = vec![Unit::Prefix(word.clone())];
                    any.extend(replacements.into_iter().map(Unit::Exact));
                    *unit = Unit::AnyOf(any);
                    is_changed = true;
                }
            }
        }
        Ok(is_changed)
    }

    fn spelling_candidates(&self, word: &str) -> Result<Vec<String>> {
        let chars: Vec<char> = word.chars().collect();
        let limit = typo::max_distance(chars.len());
        let mut scored: Vec<(usize, i64, String)> = terms::spelling_candidates(
            self.conn(),
            chars[0],
            chars.len().saturating_sub(limit),
            chars.len() + limit,
        )?
        .into_iter()
        .filter_map(|(term, docs)| {
            let t: Vec<char> = term.chars().collect();
            typo::osa_distance(&chars, &t, limit).map(|d| (d, -docs, term))
        })
        .collect();
        scored.sort();
        Ok(scored.into_iter().take(3).map(|(_, _, t)| t).collect())
    }
}

#[cfg(test)]
mod tests;
