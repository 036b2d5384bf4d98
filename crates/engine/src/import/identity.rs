//! Document identity (decision 0011): the key a document is known by in the library, from
//! which its card and question ids are derived. A note's key never holds where the notes
//! folder sits on disk, so moving or renaming the folder, or importing the same course on a
//! second computer, keeps every card's id and history. This module only computes keys and
//! decides which stored document a file is; writing stays in `storage::import`.

use std::path::{Component, Path};

use rusqlite::Connection;
use unicode_normalization::UnicodeNormalization;

use crate::error::Result;
use crate::ids::DocumentId;
use crate::model::Origin;
use crate::storage::import as store;

use crate::parse::keys::path_key;
pub(crate) use crate::parse::keys::{NaturalKey, natural_key_in};

/// How many qualified keys are tried for one file before giving up.
const MAX_QUALIFIED: u32 = 100;

/// Whether a stored key is in a pack's key space.
fn is_pack_key(doc_key: Option<&str>) -> bool {
    doc_key.is_some_and(|k| k.starts_with("pack:"))
}

/// Which stored document a file is, and under what key it is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Resolved {
    /// The key the document is stored under.
    pub doc_key: String,
    /// The stored document this file is (updated in place), if any.
    pub existing: Option<DocumentId>,
    /// The key its cards and questions were made with until now, when it differs from
    /// `doc_key`: they are re-keyed, with their history, as the file is written.
    pub rekey_from: Option<String>,
    /// The folder the document was imported from before, when this import found it moved.
    pub moved_from_root: Option<String>,
    /// Why the key differs from the file's natural key, for the import report.
    pub warning: Option<String>,
}

/// Whether the stored path `path` ends with the `/`-separated relative path `rel`, part by
/// part (a stored name decomposed or composed alike).
fn ends_with(path: &str, rel: &str) -> bool {
    let parts: Vec<String> = Path::new(path)
        .components()
        .filter_map(|c| match c {
            Component::Normal(part) => Some(part.to_string_lossy().nfc().collect()),
            _ => None,
        })
        .collect();
    let wanted: Vec<String> = rel.split('/').map(str::to_string).collect();
    parts.len() > wanted.len() && parts.ends_with(&wanted)
}

/// A stored document another file may claim.
fn is_gone(path: &str) -> bool {
    !Path::new(path).exists()
}

/// Decides which document the file at `path` (its `path_key`), found under `root`, is:
///
/// 1. The document stored at this very path keeps its key while the file's front-matter id
///    does not change it (a legacy document without key gets its natural key now).
/// 2. Else the document holding the natural key is this file when its own file is gone
///    (the folder was moved or renamed). A note imported before schema 11 whose file is
///    gone and whose path ends with the file's relative path (the only such note) is this
///    file too: its cards are re-keyed with their history.
/// 3. A key held by another file that still exists: a front-matter id is refused (`Err`
///    with why); a path is qualified with the folder's name (`path:<folder>/<relative>`,
///    then `path:<folder>~2/<relative>` …) until a free or abandoned key is found.
pub(crate) fn resolve(
    conn: &Connection,
    origin: Origin,
    path: &str,
    root: &Path,
    natural: &NaturalKey,
) -> Result<std::result::Result<Resolved, String>> {
    let wanted = natural.key();
    if let Some(here) = store::find_by_path(conn, origin, path)? {
        let keep = match (&here.doc_key, natural) {
            (Some(stored), NaturalKey::Path(_))
                if !stored.starts_with("id:") && !is_pack_key(Some(stored)) =>
            {
                Some(stored.clone())
            }
            (Some(stored), NaturalKey::Id(_) | NaturalKey::Pack(_)) if *stored == wanted => {
                Some(stored.clone())
            }
            _ => None,
        };
        if let Some(doc_key) = keep {
            return Ok(Ok(Resolved {
                doc_key,
                existing: Some(here.id),
                rekey_from: None,
                moved_from_root: None,
                warning: None,
            }));
        }
        // The key changes (legacy document, or an id added, changed or removed): the file
        // keeps its row and its cards follow it to the new key.
        let old = here.doc_key.clone().unwrap_or_else(|| path.to_string());
        let claimed = claim(conn, origin, root, natural, Some(here.id))?;
        return Ok(claimed.map(|mut r| {
            r.existing = Some(here.id);
            r.rekey_from = Some(old);
            r.moved_from_root = None;
            r
        }));
    }
    claim(conn, origin, root, natural, None)
}

/// The first key from the natural one on that is free or whose file is gone.
fn claim(
    conn: &Connection,
    origin: Origin,
    root: &Path,
    natural: &NaturalKey,
    own: Option<DocumentId>,
) -> Result<std::result::Result<Resolved, String>> {
    let folder = root
        .file_name()
        .map(|n| path_key(Path::new(n)))
        .unwrap_or_else(|| "notes".into());
    for n in 0..MAX_QUALIFIED {
        let doc_key = match (natural, n) {
            (_, 0) => natural.key(),
            (NaturalKey::Path(rel), 1) => format!("path:{folder}/{rel}"),
            (NaturalKey::Path(rel), n) => format!("path:{folder}~{n}/{rel}"),
            (NaturalKey::Id(_) | NaturalKey::Pack(_), _) => {
                unreachable!("an id or a pack's key is never qualified")
            }
        };
        let warning = (n > 0).then(|| {
            format!(
                "another imported folder has a note at the same place ({}); this one is kept apart as {}",
                natural.key().trim_start_matches("path:"),
                doc_key.trim_start_matches("path:")
            )
        });
        let Some(holder) = store::find_by_key(conn, origin, &doc_key)? else {
            // A note imported before schema 11 whose folder has moved since: the one gone
            // note of the library at the same relative path is this file, and its cards
            // move to the new key with their history.
            let moved_legacy = match natural {
                NaturalKey::Path(rel) if n == 0 && own.is_none() => {
                    // Compared part by part, so a path stored with `\` separators (Windows) matches.
                    let mut gone: Vec<_> = store::legacy_documents(conn, origin)?
                        .into_iter()
                        .filter(|d| ends_with(&d.path, rel) && is_gone(&d.path))
                        .collect();
                    if gone.len() == 1 { gone.pop() } else { None }
                }
                _ => None,
            };
            return Ok(Ok(Resolved {
                doc_key,
                existing: moved_legacy.as_ref().map(|d| d.id),
                rekey_from: moved_legacy.map(|d| d.path),
                moved_from_root: None,
                warning,
            }));
        };
        if Some(holder.id) == own {
            return Ok(Ok(Resolved {
                doc_key,
                existing: own,
                rekey_from: None,
                moved_from_root: None,
                warning,
            }));
        }
        // A document whose file is gone (its folder moved, or on a drive not mounted now) is
        // claimed only from its own key space: a pack never takes a user's document, nor a
        // user's note a pack's.
        let holder_is_pack = is_pack_key(holder.doc_key.as_deref())
            || crate::storage::pack::pack_of_document(conn, holder.id)?.is_some();
        let same_space = holder_is_pack == matches!(natural, NaturalKey::Pack(_));
        if same_space && is_gone(&holder.path) && own.is_none() {
            return Ok(Ok(Resolved {
                doc_key,
                existing: Some(holder.id),
                rekey_from: None,
                moved_from_root: holder.root,
                warning,
            }));
        }
        match natural {
            NaturalKey::Id(id) => {
                return Ok(Err(format!(
                    "the front-matter id {id:?} is already the id of {}; give one of them another id",
                    holder.path
                )));
            }
            NaturalKey::Pack(key) => {
                return Ok(Err(format!(
                    "the pack's key {key:?} is already held by {}; give one of the notes another front-matter id",
                    holder.path
                )));
            }
            NaturalKey::Path(_) => {}
        }
    }
    Ok(Err(format!(
        "more than {MAX_QUALIFIED} imported folders hold a note at {}",
        natural.key().trim_start_matches("path:")
    )))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::keys::{MAX_ID_CHARS, front_matter_id, id_key, relative_path};

    #[test]
    fn relative_paths_use_slashes_and_fall_back_to_the_file_name() {
        assert_eq!(
            relative_path(Path::new("/n/aws"), Path::new("/n/aws/s3/요금.md")),
            "s3/요금.md"
        );
        assert_eq!(
            relative_path(Path::new("/elsewhere"), Path::new("/n/aws/iam.md")),
            "iam.md"
        );
    }

    #[test]
    fn decomposed_and_composed_names_give_the_same_key() {
        let composed: String = "요금.md".nfc().collect();
        let decomposed: String = "요금.md".nfd().collect();
        assert_ne!(composed, decomposed);
        let root = Path::new("/n/aws");
        let from_nfd = relative_path(root, &root.join("s3").join(&decomposed));
        let from_nfc = relative_path(root, &root.join("s3").join(&composed));
        assert_eq!(from_nfd, from_nfc);
        assert_eq!(from_nfc, format!("s3/{composed}"));
        assert_eq!(
            relative_path(Path::new("/elsewhere"), Path::new(&decomposed)),
            composed
        );
    }

    #[test]
    fn a_stored_path_ends_with_a_relative_path_part_by_part() {
        assert!(ends_with("/old/aws/s3/iam.md", "s3/iam.md"));
        assert!(!ends_with("/old/aws/xs3/iam.md", "s3/iam.md"));
        assert!(!ends_with("s3/iam.md", "s3/iam.md"));
        let decomposed: String = "/old/요금.md".nfd().collect();
        assert!(ends_with(&decomposed, "요금.md"));
    }

    #[test]
    fn a_front_matter_id_is_read_only_from_the_front_matter() {
        assert_eq!(
            front_matter_id("---\nid: \" s3-basics \"\ntitle: S3\n---\n# S3\n"),
            Some("s3-basics".into())
        );
        assert_eq!(front_matter_id("# S3\n\nid: s3\n"), None);
        assert_eq!(front_matter_id("---\nid: ''\n---\n# S3\n"), None);
        assert_eq!(front_matter_id("---\nid: [unclosed\n---\n"), None);
        let long = format!("---\nid: {}\n---\n", "x".repeat(MAX_ID_CHARS + 1));
        assert_eq!(front_matter_id(&long), None);
    }

    #[test]
    fn keys_of_ids_and_paths_cannot_meet() {
        assert_eq!(NaturalKey::Id("a".into()).key(), "id:a");
        assert_eq!(NaturalKey::Path("id:a".into()).key(), "path:id:a");
        assert_eq!(id_key(Origin::User, "path:a.md"), "user:path:a.md");
        assert_eq!(id_key(Origin::Builtin, "en/iam.md"), "builtin:en/iam.md");
    }
}
