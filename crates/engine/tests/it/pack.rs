//! Course packs through the public API: build → inspect → install → list → remove on real
//! files, an update that keeps progress, and hostile packs written here with the zip crate,
//! each refused with its own problem and the library left as it was.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use stratus_engine::{
    CardFilter, Error, FixedClock, Lang, Library, LibraryOptions, PackMeta, Rating, build_pack,
};

const NOTE_A: &str = "# S3 storage classes\n\n\
| Storage class | Minimum storage duration | Retrieval |\n\
|---|---|---|\n\
| S3 Standard-IA | 30 days | milliseconds |\n\
| S3 Glacier Instant Retrieval | 90 days | milliseconds |\n\
| S3 Glacier Deep Archive | 180 days | 12 hours |\n\n\
What is the durability of S3 Standard? :: 99.999999999%\n\n\
![classes](img/classes.png)\n";

const NOTE_B: &str = "# EC2 purchasing\n\n\
Which EC2 purchase option can be interrupted with a two-minute warning? :: Spot Instances\n\n\
How long is a Savings Plan commitment? :: 1 or 3 years\n";

const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR";

struct Fixture {
    _dir: tempfile::TempDir,
    root: PathBuf,
    lib: Library,
}

impl Fixture {
    fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().to_path_buf();
        let clock = Arc::new(FixedClock::new("2026-12-01T09:00:00Z".parse().unwrap()));
        let lib = Library::open(
            root.join("data").join("stratus.sqlite3"),
            LibraryOptions {
                clock,
                ..LibraryOptions::default()
            },
        )
        .unwrap();
        Fixture {
            _dir: dir,
            root,
            lib,
        }
    }

    /// A source folder with two notes, an image and `pack.json` at `version`.
    fn source(&self, version: &str, note_b: &str) -> PathBuf {
        let src = self.root.join(format!("src-{version}"));
        std::fs::create_dir_all(src.join("img")).unwrap();
        std::fs::create_dir_all(src.join("ec2")).unwrap();
        std::fs::write(src.join("s3.md"), NOTE_A).unwrap();
        std::fs::write(src.join("ec2/purchasing.md"), note_b).unwrap();
        std::fs::write(src.join("img/classes.png"), PNG).unwrap();
        std::fs::write(src.join(".DS_Store"), b"hidden").unwrap();
        std::fs::write(
            src.join("pack.json"),
            format!(
                r#"{{"name": "aws-basics", "title": "AWS basics", "author": "Kim Instructor",
                    "version": "{version}", "language": "en", "exams": ["saa-c03"],
                    "licence": "CC BY 4.0"}}"#
            ),
        )
        .unwrap();
        src
    }

    fn build(&self, version: &str, note_b: &str) -> PathBuf {
        let out = self.root.join(format!("aws-basics-{version}.stratus"));
        build_pack(
            &self.source(version, note_b),
            PackMeta::default(),
            &out,
            true,
        )
        .unwrap();
        out
    }

    /// Everything a refused pack must leave as it was.
    fn state(&self) -> (String, Vec<String>) {
        let packs = format!("{:?}", self.lib.list_packs().unwrap());
        let mut on_disk = Vec::new();
        let data = self.root.join("data").join("packs");
        if data.exists() {
            for e in walkdir::WalkDir::new(&data) {
                on_disk.push(e.unwrap().path().display().to_string());
            }
        }
        let docs = self.lib.documents().unwrap().len();
        (format!("{packs} documents={docs}"), on_disk)
    }
}

fn cards_of(lib: &Library, doc: stratus_engine::DocumentId) -> Vec<stratus_engine::Card> {
    lib.list_cards(&CardFilter {
        document_id: Some(doc),
        ..CardFilter::default()
    })
    .unwrap()
}

#[test]
fn build_inspect_install_list_remove() {
    let mut f = Fixture::new();
    let src = f.source("1.0.0", NOTE_B);
    let out = f.root.join("aws-basics.stratus");
    let built = build_pack(&src, PackMeta::default(), &out, false).unwrap();
    assert_eq!(
        (built.file_count, built.note_count, built.image_count),
        (3, 2, 1)
    );

    let info = f.lib.inspect_pack(&out).unwrap();
    assert_eq!(info.name, "aws-basics");
    assert_eq!(info.title, "AWS basics");
    assert_eq!(info.author, "Kim Instructor");
    assert_eq!(info.version, "1.0.0");
    assert_eq!(info.language, Lang::En);
    assert_eq!(info.exams, vec!["SAA".to_string()]);
    assert_eq!(info.topics, vec!["EC2 purchasing", "S3 storage classes"]);
    assert_eq!(info.installed_version, None);
    assert!(info.is_upgrade);
    // Counted as `cards lint` counts the same notes, without writing anything.
    let lint = f.lib.lint_cards(&[&src]).unwrap();
    assert!(lint.card_count >= 4, "{lint:?}");
    assert_eq!(info.card_count, lint.card_count);
    assert_eq!(info.question_count, lint.question_count);
    assert!(f.lib.documents().unwrap().is_empty());
    assert!(f.lib.list_packs().unwrap().is_empty());

    let report = f.lib.install_pack(&out, false).unwrap();
    assert_eq!(report.previous_version, None);
    assert_eq!(report.pack.document_ids.len(), 2);
    let folder = f.root.join("data/packs/aws-basics");
    assert!(folder.join("img/classes.png").is_file());
    assert!(!folder.join(".DS_Store").exists());
    assert!(!folder.join("pack.json").exists());
    let installed_cards: usize = report
        .pack
        .document_ids
        .iter()
        .map(|id| cards_of(&f.lib, *id).len())
        .sum();
    assert_eq!(installed_cards as u32, info.card_count);

    let listed = f.lib.list_packs().unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].version, "1.0.0");
    assert_eq!(listed[0].installed_at, "2026-12-01T09:00:00.000Z");
    assert_eq!(
        f.lib
            .inspect_pack(&out)
            .unwrap()
            .installed_version
            .as_deref(),
        Some("1.0.0")
    );

    // A pack's documents are removed with the pack, not one by one.
    let doc = listed[0].document_ids[0];
    assert!(matches!(
        f.lib.remove_document(doc),
        Err(Error::InvalidInput(m)) if m.contains("aws-basics")
    ));

    // Nor renamed: they are read-only.
    let title = f
        .lib
        .documents()
        .unwrap()
        .into_iter()
        .find(|d| d.id == doc)
        .unwrap()
        .title;
    assert!(matches!(
        f.lib.rename_document(doc, "My own title"),
        Err(Error::InvalidInput(m)) if m.contains("aws-basics") && m.contains("read-only")
    ));
    let after = f.lib.documents().unwrap();
    assert_eq!(after.iter().find(|d| d.id == doc).unwrap().title, title);

    let removed = f.lib.remove_pack("aws-basics").unwrap();
    assert_eq!(removed.documents_removed, 2);
    assert!(f.lib.list_packs().unwrap().is_empty());
    assert!(f.lib.documents().unwrap().is_empty());
    assert!(!folder.exists());
    assert!(matches!(
        f.lib.remove_pack("aws-basics"),
        Err(Error::NotFound { what: "pack", .. })
    ));
}

#[test]
fn a_newer_version_updates_in_place_and_keeps_progress() {
    let mut f = Fixture::new();
    let v1 = f.build("1.0.0", NOTE_B);
    let first = f.lib.install_pack(&v1, false).unwrap();
    // Answer every card of both notes.
    for id in &first.pack.document_ids {
        for card in cards_of(&f.lib, *id) {
            f.lib.answer_card(&card.id, Rating::Good, 1000).unwrap();
        }
    }
    let s3_doc = f
        .lib
        .documents()
        .unwrap()
        .into_iter()
        .find(|d| d.path.ends_with("s3.md"))
        .unwrap()
        .id;
    let s3_cards = cards_of(&f.lib, s3_doc);
    assert!(!s3_cards.is_empty());
    let reviews =
        |lib: &Library, card: &stratus_engine::Card| lib.card_review_log(&card.id).unwrap().len();
    assert!(s3_cards.iter().all(|c| reviews(&f.lib, c) == 1));

    // v2 edits the EC2 note only.
    let edited =
        format!("{NOTE_B}\nWhat does an EC2 Dedicated Host give you? :: A physical server\n");
    let v2 = f.build("1.1.0", &edited);
    let second = f.lib.install_pack(&v2, false).unwrap();
    assert_eq!(second.previous_version.as_deref(), Some("1.0.0"));
    assert_eq!(second.pack.version, "1.1.0");
    assert_eq!(second.pack.document_ids.len(), 2);
    assert_eq!(f.lib.list_packs().unwrap().len(), 1);
    assert_eq!(f.lib.documents().unwrap().len(), 2);

    // The unchanged note's cards are the same cards, still answered.
    let after = cards_of(&f.lib, s3_doc);
    assert_eq!(
        after.iter().map(|c| &c.id).collect::<Vec<_>>(),
        s3_cards.iter().map(|c| &c.id).collect::<Vec<_>>()
    );
    assert!(after.iter().all(|c| reviews(&f.lib, c) == 1));
    // The edited note has its new card, new.
    let ec2_doc = second
        .pack
        .document_ids
        .iter()
        .copied()
        .find(|id| *id != s3_doc)
        .unwrap();
    let ec2 = cards_of(&f.lib, ec2_doc);
    let host = ec2
        .iter()
        .find(|c| c.prompt.contains("Dedicated Host"))
        .unwrap();
    assert_eq!(reviews(&f.lib, host), 0);
    // Its unchanged lines keep their cards and history.
    let spot = ec2.iter().find(|c| c.answer == "Spot Instances").unwrap();
    assert_eq!(reviews(&f.lib, spot), 1);
    let folder = f.root.join("data/packs/aws-basics/ec2/purchasing.md");
    assert!(
        std::fs::read_to_string(folder)
            .unwrap()
            .contains("Dedicated Host")
    );
}

#[test]
fn an_older_or_equal_version_needs_force() {
    let mut f = Fixture::new();
    let v2 = f.build("2.0.0", NOTE_B);
    let v1 = f.build("1.0.0", NOTE_B);
    f.lib.install_pack(&v2, false).unwrap();
    let before = f.state();
    for pack in [&v1, &v2] {
        match f.lib.install_pack(pack, false) {
            Err(Error::InvalidInput(m)) => assert!(m.contains("--force"), "{m}"),
            other => panic!("{other:?}"),
        }
        assert_eq!(f.state(), before);
    }
    assert!(!f.lib.inspect_pack(&v1).unwrap().is_upgrade);
    let forced = f.lib.install_pack(&v1, true).unwrap();
    assert_eq!(forced.previous_version.as_deref(), Some("2.0.0"));
    assert_eq!(f.lib.list_packs().unwrap()[0].version, "1.0.0");
}

#[test]
fn build_refuses_what_a_pack_may_not_hold() {
    let f = Fixture::new();
    let src = f.source("1.0.0", NOTE_B);
    let out = f.root.join("x.stratus");
    std::fs::write(src.join("diagram.svg"), "<svg/>").unwrap();
    match build_pack(&src, PackMeta::default(), &out, false) {
        Err(Error::InvalidInput(m)) => assert!(m.contains("diagram.svg"), "{m}"),
        other => panic!("{other:?}"),
    }
    std::fs::remove_file(src.join("diagram.svg")).unwrap();
    std::fs::remove_file(src.join("pack.json")).unwrap();
    match build_pack(&src, PackMeta::default(), &out, false) {
        Err(Error::InvalidInput(m)) => assert!(m.contains("name"), "{m}"),
        other => panic!("{other:?}"),
    }
    assert!(!out.exists());
    let meta = PackMeta {
        name: Some("flags".into()),
        title: Some("From flags".into()),
        author: Some("Lee".into()),
        version: Some("0.1.0".into()),
        language: Some(Lang::Ko),
        exams: None,
        licence: Some("All rights reserved".into()),
    };
    let built = build_pack(&src, meta, &out, false).unwrap();
    assert_eq!(built.name, "flags");
}

#[test]
fn build_replaces_an_existing_file_only_when_asked() {
    let f = Fixture::new();
    let src = f.source("1.0.0", NOTE_B);
    let out = f.root.join("mine.stratus");
    std::fs::write(&out, "not a pack, the learner's own file").unwrap();
    match build_pack(&src, PackMeta::default(), &out, false) {
        Err(Error::AlreadyExists { path }) => assert_eq!(path, out),
        other => panic!("{other:?}"),
    }
    assert_eq!(
        std::fs::read_to_string(&out).unwrap(),
        "not a pack, the learner's own file"
    );
    let built = build_pack(&src, PackMeta::default(), &out, true).unwrap();
    assert_eq!(built.name, "aws-basics");
    assert_eq!(f.lib.inspect_pack(&out).unwrap().version, "1.0.0");
}

// ---- hostile packs -------------------------------------------------------------------

/// One entry of a hand-made archive.
struct Entry {
    name: String,
    bytes: Vec<u8>,
    method: zip::CompressionMethod,
    symlink: bool,
    large: bool,
}

fn file(name: &str, bytes: &[u8]) -> Entry {
    Entry {
        name: name.into(),
        bytes: bytes.to_vec(),
        method: zip::CompressionMethod::Deflated,
        symlink: false,
        large: false,
    }
}

fn manifest(files: &[(&str, &[u8])]) -> Vec<u8> {
    let mut listed: Vec<_> = files
        .iter()
        .map(|(p, b)| {
            serde_json::json!({
                "path": p, "size": b.len(), "blake3": blake3::hash(b).to_hex().to_string()
            })
        })
        .collect();
    listed.sort_by(|a, b| a["path"].as_str().cmp(&b["path"].as_str()));
    serde_json::to_vec(&serde_json::json!({
        "schema": 1, "name": "hostile", "title": "Hostile", "author": "Nobody",
        "version": "1.0.0", "language": "en", "exams": [], "licence": "none",
        "files": listed,
    }))
    .unwrap()
}

/// A pack of `entries` plus a manifest that lists exactly them (hashes right).
fn listed(entries: Vec<Entry>) -> Vec<Entry> {
    let files: Vec<(&str, &[u8])> = entries
        .iter()
        .filter(|e| !e.symlink)
        .map(|e| (e.name.as_str(), e.bytes.as_slice()))
        .collect();
    let m = manifest(&files);
    let mut all = entries;
    all.push(file("manifest.json", &m));
    all
}

fn write_zip(path: &Path, entries: &[Entry]) {
    let out = std::fs::File::create(path).unwrap();
    let mut zip = zip::ZipWriter::new(out);
    for e in entries {
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(e.method)
            .large_file(e.large);
        if e.symlink {
            zip.add_symlink(e.name.as_str(), "/etc/passwd", options)
                .unwrap();
        } else {
            zip.start_file(e.name.as_str(), options).unwrap();
            zip.write_all(&e.bytes).unwrap();
        }
    }
    zip.finish().unwrap();
}

fn note() -> Entry {
    file("a.md", b"# A\n\nWhat is S3? :: Object storage\n")
}

#[test]
fn hostile_packs_are_refused_with_their_problem_and_change_nothing() {
    let mut f = Fixture::new();
    // A pack installed first, so that "nothing changed" covers an existing install too.
    let good = f.build("1.0.0", NOTE_B);
    f.lib.install_pack(&good, false).unwrap();
    let before = f.state();

    let bomb = Entry {
        name: "bomb.md".into(),
        bytes: vec![b'a'; 8 * 1024 * 1024],
        method: zip::CompressionMethod::Deflated,
        symlink: false,
        large: false,
    };
    let stored = |name: &str, bytes: &[u8]| Entry {
        method: zip::CompressionMethod::Stored,
        ..file(name, bytes)
    };
    let mut bad_hash = listed(vec![note()]);
    // Same size, one byte changed after hashing.
    bad_hash[0].bytes = b"# A\n\nWhat is S3? :: Object storagX\n".to_vec();
    let mut many: Vec<Entry> = (0..5_001)
        .map(|i| stored(&format!("n{i}.md"), b"x"))
        .collect();
    many.push(note());
    let cases: Vec<(&str, Vec<Entry>)> = vec![
        ("traversal", listed(vec![note(), file("../evil.md", b"x")])),
        (
            "traversal",
            listed(vec![note(), file("notes/../../evil.md", b"x")]),
        ),
        (
            "absolute_path",
            listed(vec![note(), file("/etc/evil.md", b"x")]),
        ),
        (
            "absolute_path",
            listed(vec![note(), file("C:/evil.md", b"x")]),
        ),
        (
            "bad_path",
            listed(vec![note(), file("notes\\evil.md", b"x")]),
        ),
        ("bad_path", listed(vec![note(), file("bell\u{7}.md", b"x")])),
        (
            "symlink",
            listed(vec![
                note(),
                Entry {
                    symlink: true,
                    ..file("link.md", b"")
                },
            ]),
        ),
        ("compression_ratio", listed(vec![note(), bomb])),
        ("too_many_entries", many),
        ("hash_mismatch", bad_hash),
        (
            "bad_manifest",
            vec![
                note(),
                file("manifest.json", b"{\"schema\": 1, \"name\": \"x\"}"),
            ],
        ),
        (
            "bad_manifest",
            vec![note(), file("manifest.json", b"not json")],
        ),
        ("missing_manifest", vec![note()]),
        (
            "duplicate_name",
            listed(vec![note(), file("Notes.md", b"x"), file("notes.md", b"y")]),
        ),
        (
            "duplicate_name",
            listed(vec![
                note(),
                file("caf\u{e9}.md", b"x"),
                file("cafe\u{301}.md", b"y"),
            ]),
        ),
        ("device_name", listed(vec![note(), file("CON.md", b"x")])),
        (
            "device_name",
            listed(vec![note(), file("sub/nul.txt", b"x")]),
        ),
        (
            "disallowed_type",
            listed(vec![note(), file("diagram.svg", b"<svg/>")]),
        ),
        (
            "disallowed_type",
            listed(vec![note(), file("run.sh", b"rm -rf /")]),
        ),
        (
            "not_an_image",
            listed(vec![note(), stored("fake.png", b"<svg/>")]),
        ),
        ("unlisted_file", {
            let mut v = listed(vec![note()]);
            v.push(file("extra.md", b"x"));
            v
        }),
        (
            "missing_file",
            vec![
                note(),
                file(
                    "manifest.json",
                    &manifest(&[
                        ("a.md", b"# A\n\nWhat is S3? :: Object storage\n"),
                        ("gone.md", b"x"),
                    ]),
                ),
            ],
        ),
        (
            "zip64",
            listed(vec![
                note(),
                Entry {
                    large: true,
                    ..file("big.md", b"small but ZIP64")
                },
            ]),
        ),
        ("no_notes", listed(vec![stored("only.png", PNG)])),
    ];
    for (i, (expected, entries)) in cases.into_iter().enumerate() {
        let path = f.root.join(format!("hostile-{i}.stratus"));
        write_zip(&path, &entries);
        for (what, result) in [
            ("inspect", f.lib.inspect_pack(&path).map(|_| ())),
            ("install", f.lib.install_pack(&path, true).map(|_| ())),
        ] {
            match result {
                Err(Error::InvalidPack { problem, .. }) => {
                    assert_eq!(problem.code(), expected, "case {i} ({what}): {problem}")
                }
                other => panic!("case {i} ({what}, expected {expected}): {other:?}"),
            }
        }
        assert_eq!(
            f.state(),
            before,
            "case {i} ({expected}) changed the library"
        );
    }

    // Not a zip at all.
    let junk = f.root.join("junk.stratus");
    std::fs::write(&junk, b"this is not a zip archive").unwrap();
    assert!(matches!(
        f.lib.install_pack(&junk, true),
        Err(Error::InvalidPack { problem, .. }) if problem.code() == "not_a_zip"
    ));
    assert_eq!(f.state(), before);
}

#[test]
fn a_library_in_memory_cannot_install() {
    let f = Fixture::new();
    let pack = f.build("1.0.0", NOTE_B);
    let mut lib = Library::open_in_memory(LibraryOptions::default()).unwrap();
    assert!(matches!(
        lib.install_pack(&pack, false),
        Err(Error::InvalidInput(_))
    ));
    // Inspecting needs no folder.
    assert_eq!(lib.inspect_pack(&pack).unwrap().file_count, 3);
}

#[test]
fn the_fuzz_entry_reads_packs_in_memory_and_its_seed_passes() {
    let f = Fixture::new();
    let pack = f.build("1.0.0", NOTE_B);
    let bytes = std::fs::read(&pack).unwrap();
    let (manifest, sizes) = stratus_engine::fuzzing::read_pack(&bytes).unwrap();
    assert_eq!(manifest.files.len(), 3);
    // Each size as the fixture's own file has it on disk, not as the manifest says.
    let src = f.root.join("src-1.0.0");
    let on_disk: Vec<(String, u64)> = manifest
        .files
        .iter()
        .map(|m| {
            let len = std::fs::metadata(src.join(&m.path)).unwrap().len();
            (m.path.clone(), len)
        })
        .collect();
    let mut paths: Vec<&str> = on_disk.iter().map(|(p, _)| p.as_str()).collect();
    paths.sort_unstable();
    assert_eq!(paths, ["ec2/purchasing.md", "img/classes.png", "s3.md"]);
    assert_eq!(sizes, on_disk.iter().map(|(_, n)| *n).collect::<Vec<_>>());
    assert_eq!(
        sizes.iter().sum::<u64>(),
        (NOTE_A.len() + NOTE_B.len() + PNG.len()) as u64
    );
    for cut in [0, 10, bytes.len() / 2, bytes.len() - 1] {
        assert!(stratus_engine::fuzzing::read_pack(&bytes[..cut]).is_err());
    }
    // The fuzz target's seeds: a whole pack (first byte even) and its manifest (odd).
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fuzz/seeds/pack");
    let valid = std::fs::read(seeds.join("valid")).unwrap();
    assert_eq!(valid[0] & 1, 0);
    assert!(stratus_engine::fuzzing::read_pack(&valid[1..]).is_ok());
    let manifest = std::fs::read(seeds.join("manifest")).unwrap();
    assert_eq!(manifest[0] & 1, 1);
    assert!(stratus_engine::fuzzing::parse_pack_manifest(&manifest[1..]).is_ok());
}

/// The user's notes on a drive that is not mounted when a pack holding a note at the same
/// relative path is installed: the pack takes neither the note nor its history, moves and
/// prunes nothing of the user's, and removing the pack leaves the user's cards alone.
#[test]
fn a_pack_never_takes_the_notes_of_a_drive_that_is_not_mounted() {
    let mut f = Fixture::new();
    let notes = f.root.join("usb").join("notes");
    std::fs::create_dir_all(&notes).unwrap();
    std::fs::write(notes.join("s3.md"), NOTE_A).unwrap();
    std::fs::write(notes.join("ec2.md"), NOTE_B).unwrap();
    f.lib.import_path(&notes).unwrap();
    let doc_at = |lib: &Library, name: &str| {
        let docs = lib.documents().unwrap();
        let found: Vec<_> = docs
            .iter()
            .filter(|d| Path::new(&d.path) == notes.join(name))
            .map(|d| d.id)
            .collect();
        assert_eq!(found.len(), 1, "{name} in {docs:?}");
        found[0]
    };
    let card_ids = |lib: &Library, doc| -> Vec<stratus_engine::CardId> {
        cards_of(lib, doc).into_iter().map(|c| c.id).collect()
    };
    let s3 = doc_at(&f.lib, "s3.md");
    let ec2 = doc_at(&f.lib, "ec2.md");
    let s3_cards = card_ids(&f.lib, s3);
    let ec2_cards = card_ids(&f.lib, ec2);
    assert!(!s3_cards.is_empty() && !ec2_cards.is_empty());
    let answered = s3_cards[0].clone();
    f.lib.answer_card(&answered, Rating::Good, 3_000).unwrap();

    // The drive is unmounted, and a pack with its own s3.md is installed.
    std::fs::rename(f.root.join("usb"), f.root.join("usb-unmounted")).unwrap();
    let pack = f.build("1.0.0", NOTE_B);
    let installed = f.lib.install_pack(&pack, false).unwrap();
    assert_eq!(installed.pack.document_ids.len(), 2);
    assert!(!installed.pack.document_ids.contains(&s3));
    assert!(!installed.pack.document_ids.contains(&ec2));
    let pack_folder = f.root.join("data/packs/aws-basics");
    for d in f.lib.documents().unwrap() {
        let in_pack = Path::new(&d.path).starts_with(&pack_folder);
        assert_eq!(
            in_pack,
            installed.pack.document_ids.contains(&d.id),
            "{d:?}"
        );
    }

    // Mounted again and imported again: the same documents, cards and history.
    std::fs::rename(f.root.join("usb-unmounted"), f.root.join("usb")).unwrap();
    f.lib.import_path(&notes).unwrap();
    assert_eq!(doc_at(&f.lib, "s3.md"), s3);
    assert_eq!(doc_at(&f.lib, "ec2.md"), ec2);
    assert_eq!(card_ids(&f.lib, s3), s3_cards);
    assert_eq!(card_ids(&f.lib, ec2), ec2_cards);
    let log: Vec<Rating> = f
        .lib
        .card_review_log(&answered)
        .unwrap()
        .into_iter()
        .map(|r| r.rating)
        .collect();
    assert_eq!(log, vec![Rating::Good]);

    // Removing the pack removes only its own documents.
    let removed = f.lib.remove_pack("aws-basics").unwrap();
    assert_eq!(removed.documents_removed, 2);
    assert_eq!(card_ids(&f.lib, s3), s3_cards);
    assert_eq!(card_ids(&f.lib, ec2), ec2_cards);
    assert_eq!(
        f.lib.card(&answered).unwrap().status,
        stratus_engine::CardStatus::Active
    );
}

/// A newer version whose notes do not all import (two of them claim the same front-matter
/// id) is refused with why, and the version installed before stays: its folder, its record,
/// its documents, cards and history.
#[test]
fn a_version_whose_note_fails_to_import_leaves_the_old_one_installed() {
    let mut f = Fixture::new();
    let v1 = f.build("1.0.0", NOTE_B);
    let first = f.lib.install_pack(&v1, false).unwrap();
    let mut docs_before = first.pack.document_ids.clone();
    docs_before.sort_unstable();
    let cards = |lib: &Library, docs: &[stratus_engine::DocumentId]| {
        let mut ids: Vec<_> = docs
            .iter()
            .flat_map(|d| cards_of(lib, *d))
            .map(|c| c.id)
            .collect();
        ids.sort_unstable();
        ids
    };
    let cards_before = cards(&f.lib, &docs_before);
    let answered = cards_before[0].clone();
    f.lib.answer_card(&answered, Rating::Easy, 2_000).unwrap();

    let src = f.source("2.0.0", &format!("---\nid: shared\n---\n{NOTE_B}"));
    std::fs::write(src.join("s3.md"), format!("---\nid: shared\n---\n{NOTE_A}")).unwrap();
    let v2 = f.root.join("aws-basics-2.0.0.stratus");
    build_pack(&src, PackMeta::default(), &v2, false).unwrap();
    let err = f.lib.install_pack(&v2, false).unwrap_err();
    let Error::InvalidInput(message) = err else {
        panic!("not refused as invalid input: {err:?}")
    };
    assert!(message.contains("2.0.0 was not installed"), "{message}");
    assert!(message.contains("shared\""), "{message}");
    assert!(message.contains("front-matter id"), "{message}");
    assert!(
        message.contains("version 1.0.0 stays installed"),
        "{message}"
    );

    let listed = f.lib.list_packs().unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].version, "1.0.0");
    let mut docs_after = listed[0].document_ids.clone();
    docs_after.sort_unstable();
    assert_eq!(docs_after, docs_before);
    assert_eq!(cards(&f.lib, &docs_after), cards_before);
    let log: Vec<Rating> = f
        .lib
        .card_review_log(&answered)
        .unwrap()
        .into_iter()
        .map(|r| r.rating)
        .collect();
    assert_eq!(log, vec![Rating::Easy]);
    let folder = f.root.join("data/packs/aws-basics");
    assert_eq!(
        std::fs::read_to_string(folder.join("s3.md")).unwrap(),
        NOTE_A
    );
    assert_eq!(
        std::fs::read_to_string(folder.join("ec2/purchasing.md")).unwrap(),
        NOTE_B
    );
    let left: Vec<_> = std::fs::read_dir(f.root.join("data/packs"))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(left, vec![std::ffi::OsString::from("aws-basics")]);
    // Still usable: the old version's documents are all there, and installing it again
    // with --force works.
    assert_eq!(f.lib.documents().unwrap().len(), docs_before.len());
    f.lib.install_pack(&v1, true).unwrap();
}
