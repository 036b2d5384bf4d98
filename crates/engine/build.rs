//! Embeds the built-in course: lists the markdown files of the language folders of the
//! workspace's `content/` (`content/ko/*.md`, `content/en/*.md`, and one level of subfolders such as
//! `content/ko/questions/*.md`; `README.md` files document the
//! folder for authors and are left out) into `$OUT_DIR/builtin_content.rs` as
//! `(path, bytes)` pairs sorted by path. The folder is watched as a whole, so adding a file
//! rebuilds the engine.

use std::path::{Path, PathBuf};

/// Whether `path` is a note of the course: a markdown file that is not hidden and not a
/// README (READMEs are notes about the folder, for authors).
fn is_note(path: &Path, name: &str) -> bool {
    path.is_file()
        && name.ends_with(".md")
        && !name.starts_with('.')
        && !name.eq_ignore_ascii_case("README.md")
}

/// `content/<language>/<name>.md` and `content/<language>/<folder>/<name>.md`.
fn collect(content: &Path) -> Vec<(String, PathBuf)> {
    let mut out = Vec::new();
    let Ok(languages) = std::fs::read_dir(content) else {
        return out;
    };
    for language in languages.flatten().filter(|l| l.path().is_dir()) {
        let lang = language.file_name().to_string_lossy().into_owned();
        if lang.starts_with('.') {
            continue;
        }
        let Ok(files) = std::fs::read_dir(language.path()) else {
            continue;
        };
        for file in files.flatten() {
            let name = file.file_name().to_string_lossy().into_owned();
            let path = file.path();
            if path.is_dir() && !name.starts_with('.') {
                // One level of subfolders: `questions/` holds the question bank.
                let Ok(inner) = std::fs::read_dir(&path) else {
                    continue;
                };
                for file in inner.flatten() {
                    let inner_name = file.file_name().to_string_lossy().into_owned();
                    if is_note(&file.path(), &inner_name) {
                        out.push((format!("{lang}/{name}/{inner_name}"), file.path()));
                    }
                }
            } else if is_note(&path, &name) {
                out.push((format!("{lang}/{name}"), path));
            }
        }
    }
    out
}

fn main() {
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("set by cargo"));
    let content = manifest.join("../../content");
    println!("cargo:rerun-if-changed={}", content.display());
    println!("cargo:rerun-if-changed=build.rs");
    let mut files = collect(&content);
    files.sort();
    let mut code = String::from("pub(crate) static BUILTIN_FILES: &[(&str, &[u8])] = &[\n");
    for (rel, path) in &files {
        let abs = std::fs::canonicalize(path).expect("listed file exists");
        code.push_str(&format!(
            "    ({rel:?}, include_bytes!({:?})),\n",
            abs.display().to_string()
        ));
    }
    code.push_str("];\n");
    let out =
        PathBuf::from(std::env::var("OUT_DIR").expect("set by cargo")).join("builtin_content.rs");
    std::fs::write(out, code).expect("OUT_DIR is writable");
}
