//! `manifest.json`: what a pack says about itself, and the checks on each field. Pure; the
//! archive reader compares the manifest's file list with the archive's entries.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use super::PackProblem;
use super::entry::{self, MANIFEST_NAME};
use crate::model::Lang;

/// The manifest schema this version of Stratus writes and reads.
pub const PACK_SCHEMA_VERSION: u32 = 1;

/// Longest title, author or licence, in characters.
const MAX_TEXT_CHARS: usize = 200;
/// Longest pack name (a slug), in bytes.
const MAX_NAME_BYTES: usize = 64;

/// One file of a pack as the manifest lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PackFile {
    /// Path inside the pack, `/`-separated.
    pub path: String,
    /// Size in bytes.
    pub size: u64,
    /// BLAKE3 hash of the contents, 64 lowercase hex digits.
    pub blake3: String,
}

/// A pack's `manifest.json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PackManifest {
    /// Manifest schema version ([`PACK_SCHEMA_VERSION`]).
    pub schema: u32,
    /// The pack's name: a slug (`a`–`z`, `0`–`9`, `-`), also its folder's name.
    pub name: String,
    pub title: String,
    pub author: String,
    /// Semantic version (`1.2.0`); a higher one replaces an installed pack.
    pub version: String,
    /// Language of the notes.
    pub language: Lang,
    /// Exam codes the pack prepares for, normalized (`SAA`, `DVA`…).
    pub exams: Vec<String>,
    /// Licence of the notes, as the author states it (e.g. `CC BY 4.0`).
    pub licence: String,
    /// Every file of the pack except the manifest, sorted by path.
    pub files: Vec<PackFile>,
}

/// Parses and checks a manifest. Every problem names the field.
pub(crate) fn parse(bytes: &[u8]) -> Result<PackManifest, PackProblem> {
    let bad = |why: String| PackProblem::BadManifest { why };
    // The schema number is read first, so that a newer pack says so rather than failing on
    // a field this version does not know.
    let value: serde_json::Value =
        serde_json::from_slice(bytes).map_err(|e| bad(format!("not valid JSON: {e}")))?;
    match value.get("schema").and_then(serde_json::Value::as_u64) {
        Some(n) if n == u64::from(PACK_SCHEMA_VERSION) => {}
        Some(n) => {
            return Err(PackProblem::UnsupportedSchema {
                found: n,
                supported: PACK_SCHEMA_VERSION,
            });
        }
        None => return Err(bad("`schema` is missing or not a number".into())),
    }
    let manifest: PackManifest = serde_json::from_value(value).map_err(|e| bad(e.to_string()))?;
    check(&manifest).map_err(bad)?;
    Ok(manifest)
}

/// Checks the fields of a manifest (also used on a manifest about to be built).
pub(crate) fn check(m: &PackManifest) -> Result<(), String> {
    check_name(&m.name)?;
    for (field, value) in [
        ("title", &m.title),
        ("author", &m.author),
        ("licence", &m.licence),
    ] {
        if value.trim().is_empty() {
            return Err(format!("`{field}` is empty"));
        }
        if value.chars().count() > MAX_TEXT_CHARS {
            return Err(format!(
                "`{field}` is longer than {MAX_TEXT_CHARS} characters"
            ));
        }
        if value.chars().any(char::is_control) {
            return Err(format!("`{field}` holds a control character"));
        }
    }
    parse_version(&m.version)?;
    for exam in &m.exams {
        if crate::model::normalize_exam_code(exam).as_deref() != Some(exam.as_str()) {
            return Err(format!(
                "`exams` holds {exam:?}, which is not an exam code such as SAA or DVA"
            ));
        }
    }
    let mut seen = BTreeSet::new();
    let mut previous: Option<&str> = None;
    for file in &m.files {
        entry::check_path(&file.path).map_err(|p| format!("`files`: {p}"))?;
        if file.path.ends_with('/') || file.path == MANIFEST_NAME {
            return Err(format!(
                "`files` lists {:?}, which is not a file of the pack",
                file.path
            ));
        }
        if !seen.insert(entry::collision_key(&file.path)) {
            return Err(format!("`files` lists {:?} twice", file.path));
        }
        if previous.is_some_and(|p| p >= file.path.as_str()) {
            return Err("`files` is not sorted by path".into());
        }
        previous = Some(&file.path);
        if file.blake3.len() != 64
            || !file
                .blake3
                .bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
        {
            return Err(format!(
                "`files`: the hash of {:?} is not 64 lowercase hex digits",
                file.path
            ));
        }
    }
    Ok(())
}

/// Checks a pack name: a slug of 1–64 bytes.
pub(crate) fn check_name(name: &str) -> Result<(), String> {
    let is_slug = !name.is_empty()
        && name.len() <= MAX_NAME_BYTES
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !name.starts_with('-')
        && !name.ends_with('-');
    if is_slug {
        Ok(())
    } else {
        Err(format!(
            "`name` {name:?} is not a slug (1–{MAX_NAME_BYTES} of a–z, 0–9 and '-', not at either end)"
        ))
    }
}

/// Parses a semantic version.
pub(crate) fn parse_version(version: &str) -> Result<semver::Version, String> {
    semver::Version::parse(version)
        .map_err(|e| format!("`version` {version:?} is not a semantic version like 1.2.0: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn manifest() -> serde_json::Value {
        serde_json::json!({
            "schema": 1,
            "name": "saa-basics",
            "title": "SAA basics",
            "author": "Kim",
            "version": "1.0.0",
            "language": "ko",
            "exams": ["SAA"],
            "licence": "CC BY 4.0",
            "files": [{"path": "a.md", "size": 3, "blake3": "0".repeat(64)}],
        })
    }

    fn problem(value: &serde_json::Value) -> PackProblem {
        parse(&serde_json::to_vec(value).unwrap()).unwrap_err()
    }

    #[test]
    fn a_good_manifest_parses() {
        let m = parse(&serde_json::to_vec(&manifest()).unwrap()).unwrap();
        assert_eq!(m.name, "saa-basics");
        assert_eq!(m.language, Lang::Ko);
    }

    #[test]
    fn every_bad_field_is_named() {
        for (field, value, expected) in [
            ("name", serde_json::json!("Bad Name"), "`name`"),
            ("version", serde_json::json!("one"), "`version`"),
            ("language", serde_json::json!("fr"), "unknown variant"),
            ("exams", serde_json::json!(["XYZ"]), "`exams`"),
            ("title", serde_json::json!(" "), "`title`"),
            ("extra", serde_json::json!(1), "unknown field"),
        ] {
            let mut m = manifest();
            m[field] = value;
            match problem(&m) {
                PackProblem::BadManifest { why } => {
                    assert!(why.contains(expected), "{field}: {why}")
                }
                other => panic!("{field}: {other:?}"),
            }
        }
    }

    #[test]
    fn a_newer_schema_says_so() {
        let mut m = manifest();
        m["schema"] = serde_json::json!(2);
        m["new_field"] = serde_json::json!(true);
        assert!(matches!(
            problem(&m),
            PackProblem::UnsupportedSchema { found: 2, .. }
        ));
    }

    #[test]
    fn file_lists_are_checked() {
        let mut m = manifest();
        m["files"] = serde_json::json!([
            {"path": "b.md", "size": 1, "blake3": "0".repeat(64)},
            {"path": "a.md", "size": 1, "blake3": "0".repeat(64)},
        ]);
        assert!(matches!(problem(&m), PackProblem::BadManifest { why } if why.contains("sorted")));
        m["files"] = serde_json::json!([
            {"path": "A.md", "size": 1, "blake3": "0".repeat(64)},
            {"path": "a.md", "size": 1, "blake3": "0".repeat(64)},
        ]);
        assert!(matches!(problem(&m), PackProblem::BadManifest { why } if why.contains("twice")));
        m["files"] = serde_json::json!([{"path": "a.md", "size": 1, "blake3": "xyz"}]);
        assert!(matches!(problem(&m), PackProblem::BadManifest { why } if why.contains("hex")));
    }
}
