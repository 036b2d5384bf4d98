//! The pure half of import: bytes in, a parsed document out — decoding, format detection,
//! sections, tags, keys and search terms. Nothing here touches the database or the disk.

use super::frontmatter::FrontMatter;
use super::{markdown, plaintext};
use crate::model::{DocumentFormat, ParsedDocument, PreparedSection, SectionDraft, SectionTags};
use crate::text::tokenize;

/// Why bytes could not become text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Undecodable {
    Binary,
    Empty,
}

/// Decodes file bytes: UTF-8 (BOM dropped), UTF-16 with a BOM, or UTF-8 decoded lossily with
/// a warning. NUL bytes in the first 8 KiB of a file without a UTF-16 BOM mean binary.
pub(crate) fn decode(bytes: &[u8]) -> Result<(String, Option<String>), Undecodable> {
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return Ok(decode_utf16(rest, u16::from_le_bytes));
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return Ok(decode_utf16(rest, u16::from_be_bytes));
    }
    let bytes = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    if bytes[..bytes.len().min(8192)].contains(&0) {
        return Err(Undecodable::Binary);
    }
    let (text, warning) = match std::str::from_utf8(bytes) {
        Ok(s) => (s.to_string(), None),
        Err(_) => {
            let lossy = String::from_utf8_lossy(bytes).into_owned();
            let replaced = lossy.matches('\u{FFFD}').count();
            (
                lossy,
                Some(format!(
                    "not valid UTF-8: {replaced} invalid byte sequence(s) were replaced with �"
                )),
            )
        }
    };
    if text.trim().is_empty() {
        return Err(Undecodable::Empty);
    }
    Ok((text, warning))
}

fn decode_utf16(bytes: &[u8], read: fn([u8; 2]) -> u16) -> (String, Option<String>) {
    let units: Vec<u16> = bytes.chunks_exact(2).map(|c| read([c[0], c[1]])).collect();
    let text = String::from_utf16_lossy(&units);
    (text, None)
}

/// Whether a `.txt` file is really markdown: it has several ATX headings outside code.
fn looks_like_markdown(text: &str) -> bool {
    let mut in_fence = false;
    let mut headings = 0;
    for line in text.lines() {
        let t = line.trim_start();
        if t.starts_with("```") || t.starts_with("~~~") {
            in_fence = !in_fence;
            continue;
        }
        if in_fence {
            continue;
        }
        let hashes = t.chars().take_while(|&c| c == '#').count();
        if (1..=6).contains(&hashes) && t[hashes..].starts_with(' ') && line.len() == t.len() {
            headings += 1;
            if headings >= 3 {
                return true;
            }
        }
    }
    false
}

/// "ko" when Hangul makes up a fair part of the letters, else "en".
fn detect_lang(text: &str) -> String {
    let mut hangul = 0usize;
    let mut letters = 0usize;
    for c in text.chars().take(20_000) {
        if tokenize::is_hangul_syllable(c) {
            hangul += 1;
            letters += 1;
        } else if c.is_alphabetic() {
            letters += 1;
        }
    }
    // A Hangul syllable carries as much as three Latin letters.
    if hangul * 3 * 5 >= letters {
        "ko"
    } else {
        "en"
    }
    .to_string()
}

/// Parses decoded text. `is_markdown_name` is true for `.md`/`.markdown`; a `.txt` file is
/// read as markdown when it clearly is markdown. `stem` names a document without a title.
pub(crate) fn parse_document(text: &str, is_markdown_name: bool, stem: &str) -> ParsedDocument {
    // A lone `\r` (classic Mac OS) ends a line too, as in CommonMark and in editors. Line
    // numbers count `\n` only, so both endings become `\n` before anything counts lines.
    let text: String = if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text.to_string()
    };
    let mut format = if is_markdown_name || looks_like_markdown(&text) {
        DocumentFormat::Markdown
    } else {
        DocumentFormat::PlainText
    };
    let mut warnings = Vec::new();
    // Lists and quotes nested past the bound are cut off before anything reads them, so the
    // sections stored (and rendered later) are bounded too.
    let text = match format {
        DocumentFormat::Markdown => match markdown::bound_nesting(&text) {
            markdown::Nesting::WithinBounds => text,
            markdown::Nesting::Escaped(bounded) => {
                warnings.push(format!(
                    "lists or block quotes nested more than {} levels deep: the deeper \
                     markers are kept as text",
                    markdown::MAX_CONTAINER_DEPTH
                ));
                bounded
            }
            markdown::Nesting::TooDeep => {
                warnings.push(format!(
                    "lists or block quotes nested more than {} levels deep: read as plain text",
                    markdown::MAX_CONTAINER_DEPTH
                ));
                format = DocumentFormat::PlainText;
                text
            }
        },
        DocumentFormat::PlainText => text,
    };
    let (title, front_matter, drafts) = match format {
        DocumentFormat::Markdown => {
            let parsed = markdown::parse(&text, stem);
            warnings.extend(parsed.warnings);
            let fm = parsed.front_matter.unwrap_or_default();
            let title = fm
                .title
                .clone()
                .or(parsed.first_h1)
                .unwrap_or_else(|| stem.to_string());
            (title, fm, parsed.sections)
        }
        DocumentFormat::PlainText => {
            let sections = plaintext::parse(&text, stem);
            let title = plaintext::document_title(&text).unwrap_or_else(|| stem.to_string());
            (title, FrontMatter::default(), sections)
        }
    };
    let lang = front_matter
        .lang
        .clone()
        .unwrap_or_else(|| detect_lang(&text));
    let meta = serde_json::json!({
        "updated": front_matter.updated,
        "tags": front_matter.tags,
    });
    let sections = prepare_sections(drafts, &front_matter.tags);
    ParsedDocument {
        title,
        lang,
        format,
        sections,
        warnings,
        meta_json: meta.to_string(),
    }
}

/// Adds document tags, identity keys and search terms to the drafts.
pub(crate) fn prepare_sections(
    drafts: Vec<SectionDraft>,
    document_tags: &SectionTags,
) -> Vec<PreparedSection> {
    let mut seen_keys = std::collections::HashMap::<String, u32>::new();
    let mut seen_headings = std::collections::HashMap::<String, u32>::new();
    drafts
        .into_iter()
        .map(|mut draft| {
            draft.tags.merge(document_tags);
            let path = tokenize::normalize(&draft.heading_path.join("\u{1F}"));
            // Word by word, so that whitespace is never part of what NFC sees.
            let mut content = String::with_capacity(draft.body.len());
            for word in draft.body.split_whitespace() {
                if !content.is_empty() {
                    content.push(' ');
                }
                tokenize::normalize_into(word, &mut content);
            }
            let section_key = occurrence_key(&mut seen_keys, &[&path, &content]);
            let heading_key = occurrence_key(&mut seen_headings, &[&path]);
            let heading_terms = tokenize::index_terms(&draft.heading);
            let body_terms = tokenize::index_terms(&draft.body);
            PreparedSection {
                draft,
                section_key,
                heading_key,
                heading_terms,
                body_terms,
            }
        })
        .collect()
}

/// Hash of `parts`, with the occurrence number of equal parts within the document mixed in,
/// so two identical sections in one file still get two keys.
fn occurrence_key(seen: &mut std::collections::HashMap<String, u32>, parts: &[&str]) -> String {
    let mut hasher = blake3::Hasher::new();
    for part in parts {
        hasher.update(&(part.len() as u64).to_le_bytes());
        hasher.update(part.as_bytes());
    }
    let base = hasher.finalize().to_hex()[..32].to_string();
    let n = seen.entry(base.clone()).or_insert(0);
    *n += 1;
    if *n == 1 { base } else { format!("{base}-{n}") }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decoding_handles_bom_utf16_binary_empty_and_bad_utf8() {
        assert_eq!(decode(b"\xEF\xBB\xBFhi").unwrap().0, "hi");
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("요금".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(decode(&utf16).unwrap().0, "요금");
        assert_eq!(decode(b"\x7fELF\0\0\x01"), Err(Undecodable::Binary));
        assert_eq!(decode(b" \n\t"), Err(Undecodable::Empty));
        let (text, warning) = decode(b"caf\xE9 ok").unwrap();
        assert_eq!(text, "caf\u{FFFD} ok");
        assert!(warning.unwrap().contains("1 invalid"));
    }

    #[test]
    fn markdown_in_a_txt_file_is_detected() {
        let md = "# A\ntext\n## B\nx\n## C\ny\n";
        assert_eq!(
            parse_document(md, false, "f").format,
            DocumentFormat::Markdown
        );
        let plain = "Title\nsome text here\n";
        assert_eq!(
            parse_document(plain, false, "f").format,
            DocumentFormat::PlainText
        );
        let code_only = "```\n# a\n# b\n# c\n```\n";
        assert_eq!(
            parse_document(code_only, false, "f").format,
            DocumentFormat::PlainText
        );
    }

    #[test]
    fn section_keys_ignore_position_and_whitespace_but_not_content() {
        let a = parse_document("# A\none two\n# B\nthree\n", true, "f");
        let b = parse_document(
            "# New\nintro\n# A\none\n  two\n# B\nthree changed\n",
            true,
            "f",
        );
        let key = |d: &ParsedDocument, h: &str| {
            d.sections
                .iter()
                .find(|s| s.draft.heading == h)
                .map(|s| (s.section_key.clone(), s.heading_key.clone()))
                .unwrap()
        };
        assert_eq!(
            key(&a, "A"),
            key(&b, "A"),
            "moved and reflowed, same identity"
        );
        assert_ne!(key(&a, "B").0, key(&b, "B").0, "own content changed");
        assert_eq!(
            key(&a, "B").1,
            key(&b, "B").1,
            "heading key survives the edit"
        );
    }

    #[test]
    fn identical_sections_get_distinct_keys() {
        let d = parse_document("# A\nx\n# A\nx\n", true, "f");
        assert_ne!(d.sections[0].section_key, d.sections[1].section_key);
    }

    #[test]
    fn web_page_furniture_never_titles_an_imported_note() {
        let cases = [
            (
                include_str!("../../tests/fixtures/notebook/blog-iam-organizations.txt"),
                "AWS 공부 기록 - 멀티 계정과 권한 관리",
            ),
            (
                include_str!("../../tests/fixtures/notebook/blog-vpc-network.txt"),
                "[SAA 스터디 6주차] VPC 네트워크 한 번에 정리",
            ),
            (
                include_str!("../../tests/fixtures/notebook/slides-serverless-patterns.txt"),
                "서버리스 이벤트 기반 아키텍처 입문 (DVA 대비 스터디 발표)",
            ),
        ];
        for (text, title) in cases {
            let d = parse_document(text, false, "stem");
            assert_eq!(d.title, title);
            for s in &d.sections {
                assert!(
                    !super::super::boilerplate::is_boilerplate(&s.draft.heading),
                    "{}",
                    s.draft.heading
                );
            }
        }
        let d = parse_document(
            "# top of page
# Real title
text
",
            true,
            "stem",
        );
        assert_eq!(d.title, "Real title");
    }

    #[test]
    fn language_and_title_fall_back_sensibly() {
        let d = parse_document("# 요금 안내\n요금은 사용한 만큼 냅니다.\n", true, "f");
        assert_eq!((d.title.as_str(), d.lang.as_str()), ("요금 안내", "ko"));
        let d = parse_document("no heading here", true, "stem");
        assert_eq!((d.title.as_str(), d.lang.as_str()), ("stem", "en"));
    }
}
