//! Images of notes: the reader's HTML points at the app's image URLs, and
//! `Library::document_image` serves only the allowed images inside the note's folder.

use std::path::Path;

use stratus_engine::{
    DocumentId, Error, ErrorKind, ImageFormat, ImageProblem, Library, MAX_IMAGE_BYTES, SearchQuery,
};

use crate::util::memory_library;

const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
const JPEG: &[u8] = &[0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, b'J', b'F', b'I', b'F'];
const WEBP: &[u8] = b"RIFF\x1a\0\0\0WEBPVP8L\x0d\0\0\0";
const GIF: &[u8] = b"GIF89a\x01\0\x01\0\x80\0\0";

/// A temporary folder holding `notes/note.md` and the given files (paths under `notes/`),
/// imported into a fresh library; returns the library, the note's document id and the folder.
fn library_with(files: &[(&str, &[u8])]) -> (Library, DocumentId, tempfile::TempDir) {
    let dir = tempfile::tempdir().expect("temp dir");
    let notes = dir.path().join("notes");
    std::fs::create_dir_all(&notes).expect("notes folder");
    std::fs::write(
        notes.join("note.md"),
        "# Diagrams\n\nA picture of a VPC.\n\n![vpc](img/vpc.png)\n",
    )
    .expect("note");
    for (name, bytes) in files {
        let path = notes.join(name);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("image folder");
        std::fs::write(path, bytes).expect("image");
    }
    let mut lib = memory_library();
    lib.import_path(&notes).expect("import");
    let id = lib
        .documents()
        .expect("documents")
        .into_iter()
        .find(|d| d.path.ends_with("note.md"))
        .expect("the note is imported")
        .id;
    (lib, id, dir)
}

fn problem(result: stratus_engine::Result<stratus_engine::DocumentImage>) -> ImageProblem {
    match result {
        Err(Error::ImageRefused { problem, .. }) => problem,
        other => panic!("expected a refusal, got {other:?}"),
    }
}

#[test]
fn each_allowed_format_inside_the_folder_is_served_with_its_type() {
    let (lib, id, _dir) = library_with(&[
        ("img/vpc.png", PNG),
        ("a.jpg", JPEG),
        ("deep/er/b.webp", WEBP),
        ("c d.gif", GIF),
    ]);
    for (path, bytes, format, mime) in [
        ("img/vpc.png", PNG, ImageFormat::Png, "image/png"),
        ("a.jpg", JPEG, ImageFormat::Jpeg, "image/jpeg"),
        ("./deep/er/b.webp", WEBP, ImageFormat::Webp, "image/webp"),
        ("c d.gif", GIF, ImageFormat::Gif, "image/gif"),
    ] {
        let image = lib.document_image(id, path).expect(path);
        assert_eq!(image.bytes, bytes, "{path}");
        assert_eq!(image.format, format, "{path}");
        assert_eq!(image.format.mime(), mime, "{path}");
    }
}

#[test]
fn the_type_is_judged_by_the_first_bytes_not_the_name() {
    let (lib, id, _dir) = library_with(&[
        ("fake.png", b"MZ\x90\0 not an image at all"),
        ("really-a-gif.png", GIF),
    ]);
    assert_eq!(
        problem(lib.document_image(id, "fake.png")),
        ImageProblem::UnsupportedType
    );
    assert_eq!(
        lib.document_image(id, "really-a-gif.png")
            .expect("a GIF by content")
            .format,
        ImageFormat::Gif
    );
}

#[test]
fn svg_is_refused_by_name_or_by_content() {
    let svg = b"<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"><script>x()</script></svg>";
    let (lib, id, _dir) = library_with(&[("a.svg", svg), ("hidden.png", svg)]);
    assert_eq!(problem(lib.document_image(id, "a.svg")), ImageProblem::Svg);
    assert_eq!(
        problem(lib.document_image(id, "hidden.png")),
        ImageProblem::Svg
    );
}

#[test]
fn paths_leaving_the_folder_are_refused() {
    let (lib, id, dir) = library_with(&[("img/vpc.png", PNG)]);
    std::fs::write(dir.path().join("secret.png"), PNG).expect("outside file");
    let outside = dir.path().join("secret.png");
    assert_eq!(
        problem(lib.document_image(id, "../secret.png")),
        ImageProblem::ParentTraversal
    );
    assert_eq!(
        problem(lib.document_image(id, "img/../../secret.png")),
        ImageProblem::ParentTraversal
    );
    assert_eq!(
        problem(lib.document_image(id, &outside.to_string_lossy())),
        ImageProblem::AbsolutePath
    );
    assert_eq!(
        problem(lib.document_image(id, "img/vpc.png\0.txt")),
        ImageProblem::NulByte
    );
    assert_eq!(problem(lib.document_image(id, "")), ImageProblem::EmptyPath);
}

#[cfg(unix)]
#[test]
fn a_symbolic_link_pointing_out_is_refused_and_one_pointing_in_is_served() {
    let (lib, id, dir) = library_with(&[("img/vpc.png", PNG)]);
    let outside = dir.path().join("secret.png");
    std::fs::write(&outside, PNG).expect("outside file");
    let notes = dir.path().join("notes");
    std::os::unix::fs::symlink(&outside, notes.join("link.png")).expect("link out");
    std::os::unix::fs::symlink(dir.path(), notes.join("up")).expect("folder link out");
    std::os::unix::fs::symlink(notes.join("img/vpc.png"), notes.join("alias.png"))
        .expect("link in");
    assert_eq!(
        problem(lib.document_image(id, "link.png")),
        ImageProblem::OutsideFolder
    );
    assert_eq!(
        problem(lib.document_image(id, "up/secret.png")),
        ImageProblem::OutsideFolder
    );
    assert_eq!(
        lib.document_image(id, "alias.png").expect("inside").bytes,
        PNG
    );
}

#[test]
fn missing_files_folders_and_large_files_are_refused() {
    let mut big = PNG.to_vec();
    big.resize(MAX_IMAGE_BYTES as usize + 1, 0);
    let mut at_limit = PNG.to_vec();
    at_limit.resize(MAX_IMAGE_BYTES as usize, 0);
    let (lib, id, _dir) = library_with(&[
        ("big.png", &big),
        ("limit.png", &at_limit),
        ("img/x/keep", b""),
    ]);
    assert_eq!(
        problem(lib.document_image(id, "big.png")),
        ImageProblem::TooLarge {
            bytes: MAX_IMAGE_BYTES + 1,
            limit: MAX_IMAGE_BYTES
        }
    );
    assert_eq!(
        lib.document_image(id, "limit.png")
            .expect("at the limit")
            .bytes
            .len() as u64,
        MAX_IMAGE_BYTES
    );
    assert_eq!(
        problem(lib.document_image(id, "nope.png")),
        ImageProblem::Missing
    );
    assert_eq!(
        problem(lib.document_image(id, "img/x")),
        ImageProblem::NotAFile
    );
}

#[test]
fn unknown_and_built_in_documents_have_no_images() {
    let (mut lib, _id, _dir) = library_with(&[("img/vpc.png", PNG)]);
    let err = lib
        .document_image(DocumentId(9_999), "img/vpc.png")
        .expect_err("no such document");
    assert_eq!(err.kind(), ErrorKind::NotFound);
    lib.sync_builtin().expect("built-in course");
    let builtin = lib
        .documents()
        .expect("documents")
        .into_iter()
        .find(|d| d.is_builtin)
        .expect("a built-in document");
    let err = lib
        .document_image(builtin.id, "img/vpc.png")
        .expect_err("built in");
    assert_eq!(err.kind(), ErrorKind::ImageRefused);
    assert_eq!(problem(Err(err)), ImageProblem::NoFolder);
}

#[test]
fn the_reader_points_relative_images_at_the_app_url_and_drops_the_rest() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/images");
    let mut lib = memory_library();
    lib.import_path(&dir).expect("import the fixture");
    let hit = lib
        .search(&SearchQuery {
            text: "Availability Zone subnet".into(),
            ..Default::default()
        })
        .expect("search")
        .hits
        .into_iter()
        .next()
        .expect("the note is found");
    let view = lib.open_section(hit.section_id).expect("open");
    let id = view.document.id;
    let url = format!("stratus-img://localhost/{id}/img/square.png");
    assert!(
        view.html.contains(&format!("src=\"{url}\"")),
        "{}",
        view.html
    );
    assert!(
        view.html.contains("alt=\"VPC with two subnets\""),
        "{}",
        view.html
    );
    assert!(!view.html.contains("outside.png"), "{}", view.html);
    assert!(!view.html.contains("example.com"), "{}", view.html);
    let path = url.rsplit_once(&format!("{id}/")).expect("path").1;
    let image = lib
        .document_image(id, &stratus_engine::percent_decode(path).expect("decodes"))
        .expect("the fixture's image is served");
    assert_eq!(image.format, ImageFormat::Png);
    assert_eq!(
        image.bytes,
        std::fs::read(dir.join("img/square.png")).expect("fixture")
    );
}

#[test]
fn images_travel_in_a_pack_and_are_served_from_the_installed_folder() {
    let dir = tempfile::tempdir().expect("temp dir");
    let src = dir.path().join("course");
    std::fs::create_dir_all(src.join("img")).expect("source");
    std::fs::write(
        src.join("vpc.md"),
        "# VPC basics\n\nWhat is the default VPC's CIDR block? :: 172.31.0.0/16\n\n![VPC](img/vpc.png)\n",
    )
    .expect("note");
    std::fs::write(src.join("img/vpc.png"), PNG).expect("image");
    std::fs::write(
        src.join("pack.json"),
        r#"{"name": "img-course", "title": "Images", "author": "Kim", "version": "1.0.0",
            "language": "en", "exams": ["saa-c03"], "licence": "CC BY 4.0"}"#,
    )
    .expect("pack.json");
    let file = dir.path().join("img-course.stratus");
    let built = stratus_engine::build_pack(&src, stratus_engine::PackMeta::default(), &file, false)
        .expect("build");
    assert_eq!(built.image_count, 1);
    std::fs::remove_dir_all(&src).expect("the source is gone");

    let mut lib = Library::open(
        dir.path().join("data").join("stratus.sqlite3"),
        stratus_engine::LibraryOptions::default(),
    )
    .expect("library");
    let report = lib.install_pack(&file, false).expect("install");
    let id = report.pack.document_ids[0];
    let image = lib
        .document_image(id, "img/vpc.png")
        .expect("served from the pack");
    assert_eq!(
        (image.bytes.as_slice(), image.format),
        (PNG, ImageFormat::Png)
    );
    assert_eq!(
        problem(lib.document_image(id, "../img-course.stratus")),
        ImageProblem::ParentTraversal
    );
}
