//! Embeds the built-in course: lists every `.md` file under the workspace's `content/` folder
//! (except `README.md` files, which document the folder for authors) into
//! `$OUT_DIR/builtin_content.rs` as `(relative path, bytes)` pairs, sorted by path. The
//! folder is watched as a whole, so adding a file rebuilds the engine.

use std::path::{Path, PathBuf};

fn collect(dir: &Path, root: &Path, out: &mut Vec<(String, PathBuf)>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name();
        if name.to_string_lossy().starts_with('.') {
            continue;
        }
        if name.to_string_lossy().eq_ignore_ascii_case("README.md") {
            continue;
        }
        if path.is_dir() {
            collect(&path, root, out);
        } else if path.extension().is_some_and(|e| e == "md") {
            let rel = path
                .strip_prefix(root)
                .expect("walked under root")
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect::<Vec<_>>()
                .join("/");
            out.push((rel, path));
        }
    }
}

fn main() {
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("set by cargo"));
    let content = manifest.join("../../content");
    println!("cargo:rerun-if-changed={}", content.display());
    println!("cargo:rerun-if-changed=build.rs");
    let mut files = Vec::new();
    collect(&content, &content, &mut files);
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
