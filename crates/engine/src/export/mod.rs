//! Export of cards to other study tools: an Anki deck package (`.apkg`) and a plain CSV
//! file.
//!
//! Both formats are built from the same notes ([`ExportNote`]): a card becomes one note,
//! Basic (front, back) or Cloze (a sentence with `{{c1::…}}`); a multiple-choice card is a
//! Basic note with its choices on the front. Tags name the card's exams, exam-guide domains
//! and topics. A note's GUID is derived from the card id alone, so importing a newer export
//! into Anki updates the notes it made before instead of adding copies.

mod anki;
mod csv;
#[cfg(test)]
mod tests;

use std::collections::HashMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::model::{SectionTags, exam_guide};
use crate::out_file;
use crate::{Card, CardFilter, CardKind, Library};

/// The gap card generation leaves in a cloze card's prompt where its answer was (the
/// tests check that generated cloze cards carry it).
const BLANK: &str = "[...]";

/// Which file an export writes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum ExportFormat {
    /// An Anki deck package: Anki → File → Import.
    #[default]
    Apkg,
    /// Comma-separated values (RFC 4180) with a header row, text without HTML.
    Csv,
}

/// Which cards to export, and how.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default)]
pub struct AnkiExportOptions {
    /// Only cards of this exam (`SAA`, `saa-c03`…); all exams when `None`.
    pub exam: Option<String>,
    /// Only cards with this topic or service tag, or from a file whose path holds it.
    pub topic: Option<String>,
    pub format: ExportFormat,
}

/// What an export wrote.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct AnkiExportReport {
    /// The file written.
    pub path: String,
    pub format: ExportFormat,
    /// The Anki deck the notes go to (`Stratus`, `Stratus::SAA-C03`…).
    pub deck: String,
    /// Notes written, one per card.
    pub note_count: u32,
    /// Of those, Basic notes (including multiple-choice cards).
    pub basic_count: u32,
    /// Of those, Cloze notes.
    pub cloze_count: u32,
    /// Of the Basic notes, multiple-choice cards with their choices on the front.
    pub choice_count: u32,
    /// Size of the file written, in bytes (a float for the UI's number type; exact below 2^53).
    pub size_bytes: f64,
}

/// The Anki note type a card becomes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum NoteKind {
    /// Fields: Front, Back, Source.
    Basic,
    /// Fields: Text (with `{{c1::…}}`), Back Extra, Source.
    Cloze,
}

/// One card as a note of another tool, in two renderings: HTML for Anki, plain text for
/// CSV.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ExportNote {
    pub card_id: String,
    pub guid: String,
    pub kind: NoteKind,
    pub is_choice: bool,
    /// Front (or cloze text), back, source — HTML with the card's text escaped.
    pub html: [String; 3],
    /// The same fields as plain text (a cloze keeps its `{{c1::…}}`).
    pub plain: [String; 3],
    /// Tags without spaces: `exam::SAA-C03`, `domain::SAA-C03::1_…`, `topic::s3`.
    pub tags: Vec<String>,
}

impl Library {
    /// Writes the active cards matching `options` to `dest` as an Anki package or a CSV file.
    /// A file already at `dest` is replaced (only once the new one is complete) when
    /// `replace` is set; otherwise the export fails with `already_exists` and leaves it as it
    /// was. Fails with `invalid_input`, writing nothing, when no card matches.
    pub fn export_anki(
        &self,
        options: &AnkiExportOptions,
        dest: &Path,
        replace: bool,
    ) -> Result<AnkiExportReport> {
        let filter = CardFilter {
            exam: options.exam.clone(),
            topic: options.topic.clone(),
            ..CardFilter::default()
        };
        let cards = self.list_cards(&filter)?;
        if cards.is_empty() {
            return Err(Error::InvalidInput(format!(
                "no active card matches{}; nothing was written",
                describe_filter(options)
            )));
        }
        if dest.is_dir() {
            return Err(Error::InvalidInput(format!(
                "{} is a folder; give the name of the file to write",
                dest.display()
            )));
        }
        out_file::check_free(dest, replace)?;
        let domains = self.card_domains()?;
        let notes: Vec<ExportNote> = cards
            .iter()
            .map(|c| note_of(c, domains.get(&c.id.0).map(Vec::as_slice).unwrap_or(&[])))
            .collect();
        let deck = deck_name(options);
        let now = self.clock().now();
        let bytes = match options.format {
            ExportFormat::Apkg => anki::package(&notes, &deck, now)?,
            ExportFormat::Csv => csv::write(&notes, &deck)?,
        };
        out_file::write(dest, &bytes, replace, ".stratus-export-")?;
        let count = |f: &dyn Fn(&ExportNote) -> bool| notes.iter().filter(|n| f(n)).count() as u32;
        Ok(AnkiExportReport {
            path: dest.display().to_string(),
            format: options.format,
            deck,
            note_count: notes.len() as u32,
            basic_count: count(&|n| n.kind == NoteKind::Basic),
            cloze_count: count(&|n| n.kind == NoteKind::Cloze),
            choice_count: count(&|n| n.is_choice),
            size_bytes: bytes.len() as f64,
        })
    }

    /// The stored exam-guide domains of each card that is not retired, by card id.
    fn card_domains(&self) -> Result<HashMap<String, Vec<String>>> {
        let mut stmt = self
            .conn()
            .prepare_cached(include_str!("card_domains.sql"))?;
        let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
        let mut out = HashMap::new();
        for row in rows {
            let (id, json) = row?;
            let tags: SectionTags = serde_json::from_str(&json).unwrap_or_default();
            if !tags.domains.is_empty() {
                out.insert(id, tags.domains);
            }
        }
        Ok(out)
    }
}

/// ` for --exam X --topic T`, or nothing.
fn describe_filter(options: &AnkiExportOptions) -> String {
    let mut s = String::new();
    if let Some(exam) = options.exam.as_deref().filter(|e| !e.trim().is_empty()) {
        s.push_str(&format!(" --exam {exam}"));
    }
    if let Some(topic) = options.topic.as_deref().filter(|t| !t.trim().is_empty()) {
        s.push_str(&format!(" --topic {topic}"));
    }
    if s.is_empty() { s } else { format!(" for{s}") }
}

/// `Stratus`, then the exam's full code and the topic when the export is limited to them.
pub(crate) fn deck_name(options: &AnkiExportOptions) -> String {
    let mut name = String::from("Stratus");
    if let Some(exam) = options
        .exam
        .as_deref()
        .map(str::trim)
        .filter(|e| !e.is_empty())
    {
        let code = exam_guide(exam).map_or_else(|| exam.to_ascii_uppercase(), |g| g.code.clone());
        name.push_str("::");
        name.push_str(&tag_part(&code));
    }
    if let Some(topic) = options
        .topic
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
    {
        name.push_str("::");
        name.push_str(&tag_part(topic));
    }
    name
}

/// The note GUID of a card: the card id under a fixed prefix, so it stays the same across
/// exports for as long as the card keeps its id.
pub(crate) fn guid_of(card_id: &str) -> String {
    format!("stratus-{card_id}")
}

/// Builds the note of one card; `domains` are its stored domain tags (`SAA: 1. Design …`).
pub(crate) fn note_of(card: &Card, domains: &[String]) -> ExportNote {
    let source = card.heading_path.join(" › ");
    let mut explanation_html = String::new();
    let mut explanation_plain = String::new();
    if let Some(text) = card.explanation.as_deref().filter(|t| !t.trim().is_empty()) {
        explanation_html = format!("<div class=\"explanation\">{}</div>", html(text));
        explanation_plain = format!("\n\n{text}");
    }
    let (kind, is_choice, html_fields, plain_fields) = match card.kind {
        CardKind::Mcq if !card.options.is_empty() => {
            let mut front_html = format!("{}<ol class=\"choices\" type=\"A\">", html(&card.prompt));
            let mut front_plain = card.prompt.clone();
            let mut back_html = String::from("<ul class=\"answer\">");
            let mut back_plain = String::new();
            let mut why_html = String::new();
            for (i, option) in card.options.iter().enumerate() {
                let letter = option_letter(i);
                front_html.push_str(&format!("<li>{}</li>", html(&option.text)));
                front_plain.push_str(&format!("\n{letter}. {}", option.text));
                if option.is_correct {
                    back_html.push_str(&format!("<li>{letter}. {}</li>", html(&option.text)));
                    if !back_plain.is_empty() {
                        back_plain.push('\n');
                    }
                    back_plain.push_str(&format!("{letter}. {}", option.text));
                }
                if let Some(why) = option
                    .explanation
                    .as_deref()
                    .filter(|w| !w.trim().is_empty())
                {
                    why_html.push_str(&format!("<li>{letter}. {}</li>", html(why)));
                    explanation_plain.push_str(&format!("\n{letter}. {why}"));
                }
            }
            front_html.push_str("</ol>");
            back_html.push_str("</ul>");
            if !why_html.is_empty() {
                back_html.push_str(&format!("<ul class=\"why\">{why_html}</ul>"));
            }
            back_html.push_str(&explanation_html);
            back_plain.push_str(&explanation_plain);
            (
                NoteKind::Basic,
                true,
                [front_html, back_html],
                [front_plain, back_plain],
            )
        }
        CardKind::Cloze if card.prompt.matches(BLANK).count() == 1 => {
            let (before, after) = card.prompt.split_once(BLANK).unwrap_or((&card.prompt, ""));
            let text_html = format!(
                "{}{{{{c1::{}}}}}{}",
                no_braces(&html(before)),
                no_braces(&html(&card.answer)).replace(':', "&#58;"),
                no_braces(&html(after))
            );
            let text_plain = format!("{before}{{{{c1::{}}}}}{after}", card.answer);
            let extra_plain = explanation_plain.trim_start().to_string();
            (
                NoteKind::Cloze,
                false,
                [text_html, explanation_html],
                [text_plain, extra_plain],
            )
        }
        // Basic, reverse, a choice card without choices, and a cloze whose gap was edited
        // away: prompt and answer as they are.
        _ => (
            NoteKind::Basic,
            false,
            [
                html(&card.prompt),
                format!("{}{explanation_html}", html(&card.answer)),
            ],
            [
                card.prompt.clone(),
                format!("{}{explanation_plain}", card.answer),
            ],
        ),
    };
    let [front_html, back_html] = html_fields;
    let [front_plain, back_plain] = plain_fields;
    ExportNote {
        card_id: card.id.0.clone(),
        guid: guid_of(&card.id.0),
        kind,
        is_choice,
        html: [front_html, back_html, html(&source)],
        plain: [front_plain, back_plain, source],
        tags: tags_of(card, domains),
    }
}

/// `A`, `B`, … `Z`, then `27`, `28`…
fn option_letter(i: usize) -> String {
    match u8::try_from(i) {
        Ok(n) if n < 26 => char::from(b'A' + n).to_string(),
        _ => (i + 1).to_string(),
    }
}

/// Tags of a card: its exams by full code, its domains under their exam, its topics.
/// Sorted, unique, without spaces.
pub(crate) fn tags_of(card: &Card, domains: &[String]) -> Vec<String> {
    let full_code =
        |exam: &str| exam_guide(exam).map_or_else(|| exam.trim().to_string(), |g| g.code.clone());
    let mut tags: Vec<String> = Vec::new();
    for exam in &card.exams {
        tags.push(format!("exam::{}", tag_part(&full_code(exam))));
    }
    for domain in domains {
        match domain.split_once(':') {
            Some((exam, name)) if !exam.trim().is_empty() && !name.trim().is_empty() => {
                tags.push(format!(
                    "domain::{}::{}",
                    tag_part(&full_code(exam)),
                    domain_part(name)
                ));
            }
            _ => tags.push(format!("domain::{}", domain_part(domain))),
        }
    }
    for topic in &card.topics {
        let part = tag_part(topic);
        if !part.is_empty() {
            tags.push(format!("topic::{part}"));
        }
    }
    tags.sort();
    tags.dedup();
    tags
}

/// A piece of a tag: runs of white space, control characters and `"` become one `_`;
/// `::` separates levels in Anki, so a `::` inside a name becomes `_` (a lone `:` stays).
pub(crate) fn tag_part(text: &str) -> String {
    let mut out = String::new();
    let mut pending_gap = false;
    for c in text.trim().chars() {
        if c.is_whitespace() || c.is_control() || c == '"' {
            pending_gap = !out.is_empty();
            continue;
        }
        if pending_gap {
            out.push('_');
            pending_gap = false;
        }
        out.push(c);
    }
    out.replace("::", "_")
}

/// A domain name as a tag piece: `1. Design Secure Architectures` → `1_Design_Secure_Architectures`.
fn domain_part(name: &str) -> String {
    let name = name.trim();
    let digits: String = name.chars().take_while(char::is_ascii_digit).collect();
    let rest = name[digits.len()..].trim_start_matches('.');
    if digits.is_empty() {
        tag_part(name)
    } else {
        let rest = tag_part(rest);
        if rest.is_empty() {
            digits
        } else {
            format!("{digits}_{rest}")
        }
    }
}

/// Text as HTML: `& < > "` escaped, line breaks as `<br>`.
pub(crate) fn html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\n' => out.push_str("<br>"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// Escaped HTML with braces as character references, so a card's own text can never open
/// or close a `{{c1::…}}` (colons inside the gap are escaped by the caller: `::` would
/// start a hint).
fn no_braces(escaped: &str) -> String {
    escaped.replace('{', "&#123;").replace('}', "&#125;")
}
