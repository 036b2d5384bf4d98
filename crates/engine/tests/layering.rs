//! The engine's layers (decision 0014): the leaf modules and `storage` import no domain
//! module, so domains import storage and the leaves, never the other way round.
//!
//! The test reads the source of every file of the lower layers and fails naming the file and
//! line of each path into a module of a higher layer — in `use` lines and inline paths alike
//! (`crate::search::…`, `super::super::import::…`). Code inside a file's `#[cfg(test)]`
//! module is not checked: a storage test may build its fixtures with the domains above it.
//!
//! It reads the domains the same way and fails naming the paths of a cycle among them, so
//! that domains import each other in one direction.

use std::fs;
use std::path::{Path, PathBuf};

/// The modules of the lower layers: each may import the modules listed with it.
const LAYERS: &[(&str, &[&str])] = &[
    // Base: errors, ids, the clock and the data directory.
    ("error", &["error", "ids", "model"]),
    ("ids", &["ids", "error"]),
    ("clock", &["clock", "error"]),
    ("paths", &["paths", "error"]),
    // Leaves: the shared vocabulary.
    ("text", &["text", "error"]),
    ("model", &["model", "text", "error", "ids"]),
    ("parse", &["parse", "model", "text", "error", "ids"]),
    // Storage: reads and writes rows, in the vocabulary of the leaves.
    (
        "storage",
        &["storage", "model", "text", "error", "ids", "clock", "paths"],
    ),
];

/// The domain modules: they may import each other, in one direction only.
const DOMAINS: &[&str] = &[
    "import",
    "search",
    "cards",
    "schedule",
    "exams",
    "questions",
    "progress",
    "pack",
    "export",
    "images",
    "settings",
];

/// One path from a file into a top-level module.
#[derive(Debug)]
struct Crossing {
    /// The file, relative to `src/`.
    file: String,
    line: usize,
    /// The top-level module the path reaches.
    module: String,
    text: String,
}

fn src_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// The `.rs` files of a module: `name.rs`, or everything under `name/`.
fn files_of(module: &str) -> Vec<PathBuf> {
    let src = src_dir();
    let single = src.join(format!("{module}.rs"));
    let mut files = Vec::new();
    if single.is_file() {
        files.push(single);
    }
    let dir = src.join(module);
    if dir.is_dir() {
        collect(&dir, &mut files);
    }
    files.sort();
    files
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).expect("source folder is readable") {
        let path = entry.expect("source entry is readable").path();
        if path.is_dir() {
            collect(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The module path of a source file: `storage/cards/mod.rs` is `[storage, cards]`,
/// `storage/kv.rs` is `[storage, kv]`.
fn module_path(relative: &str) -> Vec<String> {
    let without = relative.trim_end_matches(".rs");
    let mut parts: Vec<String> = without.split('/').map(str::to_string).collect();
    if parts.last().is_some_and(|p| p == "mod") {
        parts.pop();
    }
    parts
}

fn is_ident_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// The modules named right after `crate::` or a `super::` chain: one name, or the first
/// name of each item of a `{a, b::c}` group (a group may run past the line; names on its
/// later lines are found by [`group_names`]).
fn names_after(rest: &str) -> Vec<String> {
    if let Some(group) = rest.strip_prefix('{') {
        return group_names(group);
    }
    let name: String = rest.chars().take_while(|&c| is_ident_char(c)).collect();
    if name.is_empty() {
        Vec::new()
    } else {
        vec![name]
    }
}

/// The first name of each item of a `use` group, up to its closing brace.
fn group_names(group: &str) -> Vec<String> {
    let mut items = vec![String::new()];
    let mut depth = 0;
    for c in group.chars() {
        match c {
            '{' => depth += 1,
            '}' if depth == 0 => break,
            '}' => depth -= 1,
            ',' if depth == 0 => items.push(String::new()),
            _ if depth == 0 => items.last_mut().expect("one item at least").push(c),
            _ => {}
        }
    }
    items
        .iter()
        .map(|item| {
            item.trim_start()
                .chars()
                .take_while(|&c| is_ident_char(c))
                .collect::<String>()
        })
        .filter(|name| !name.is_empty())
        .collect()
}

/// The top-level modules a line's paths reach, resolving `crate::` and `super::` from
/// `module`, the module path of its file.
fn reached(line: &str, module: &[String]) -> Vec<String> {
    let mut found = Vec::new();
    let mut search_from = 0;
    while let Some(pos) = line[search_from..].find("crate::") {
        let start = search_from + pos;
        let preceded = line[..start].chars().next_back().is_some_and(is_ident_char);
        search_from = start + "crate::".len();
        if !preceded {
            found.extend(names_after(&line[search_from..]));
        }
    }
    let mut search_from = 0;
    while let Some(pos) = line[search_from..].find("super::") {
        let start = search_from + pos;
        if line[..start].ends_with("super::") || line[..start].ends_with("crate::") {
            search_from = start + "super::".len();
            continue;
        }
        if line[..start].chars().next_back().is_some_and(is_ident_char) {
            search_from = start + "super::".len();
            continue;
        }
        let mut rest = &line[start..];
        let mut up = 0;
        while let Some(r) = rest.strip_prefix("super::") {
            up += 1;
            rest = r;
        }
        search_from = line.len() - rest.len();
        if up < module.len() {
            // Still inside the file's own top-level module.
            found.push(module[0].clone());
        } else {
            found.extend(names_after(rest));
        }
    }
    found
}

/// The module each name re-exported at the crate root comes from (`crate::Error` is
/// `error`), read from the `pub use` items of `lib.rs`.
fn root_names() -> Vec<(String, String)> {
    let lib = fs::read_to_string(src_dir().join("lib.rs")).expect("lib.rs is readable");
    let mut names = Vec::new();
    for item in lib.split("pub use ").skip(1) {
        let item = item.split(';').next().unwrap_or_default();
        let module: String = item.chars().take_while(|&c| is_ident_char(c)).collect();
        let exported = match item.find('{') {
            Some(open) => item[open + 1..]
                .split(',')
                .map(|n| n.trim().trim_end_matches('}').trim().to_string())
                .collect(),
            None => vec![item.rsplit("::").next().unwrap_or_default().to_string()],
        };
        for name in exported.into_iter().filter(|n| !n.is_empty()) {
            names.push((name, module.clone()));
        }
    }
    names
}

/// The files of out-of-line test modules (`#[cfg(test)] mod tests;`), which are not checked.
fn test_module_files() -> Vec<PathBuf> {
    let src = src_dir();
    let mut all = Vec::new();
    collect(&src, &mut all);
    let mut out = Vec::new();
    for path in all {
        let text = fs::read_to_string(&path).expect("source file is readable");
        let lines: Vec<&str> = text.lines().collect();
        for pair in lines.windows(2) {
            let Some(name) = pair[1]
                .trim()
                .strip_prefix("mod ")
                .and_then(|rest| rest.strip_suffix(';'))
            else {
                continue;
            };
            if !pair[0].trim().starts_with("#[cfg(test)]") {
                continue;
            }
            let is_mod_rs = path
                .file_name()
                .is_some_and(|n| n == "mod.rs" || n == "lib.rs");
            let dir = if is_mod_rs {
                path.parent().expect("a file has a folder").to_path_buf()
            } else {
                path.with_extension("")
            };
            out.push(dir.join(format!("{name}.rs")));
            out.push(dir.join(name).join("mod.rs"));
        }
    }
    out
}

/// Every path from the files of `module` into a top-level module (its own included), test
/// modules left out; names re-exported at the crate root count as their module's.
fn paths_from(module_name: &str, root: &[(String, String)], tests: &[PathBuf]) -> Vec<Crossing> {
    let src = src_dir();
    let mut out = Vec::new();
    for path in files_of(module_name) {
        if tests.contains(&path) {
            continue;
        }
        let relative = path
            .strip_prefix(&src)
            .expect("file is under src")
            .to_string_lossy()
            .replace('\\', "/");
        let module = module_path(&relative);
        let text = fs::read_to_string(&path).expect("source file is readable");
        let mut lines = text.lines().enumerate().peekable();
        let mut in_group = false;
        while let Some((i, line)) = lines.next() {
            let trimmed = line.trim_start();
            if trimmed.starts_with("//") {
                continue;
            }
            // A file's test module: rustfmt closes a top-level `mod` with `}` at column 0.
            if trimmed.starts_with("#[cfg(test)]")
                && lines
                    .peek()
                    .is_some_and(|(_, l)| l.trim_start().starts_with("mod "))
            {
                let opens_inline = lines.peek().is_some_and(|(_, l)| l.ends_with('{'));
                if opens_inline {
                    for (_, l) in lines.by_ref() {
                        if l == "}" {
                            break;
                        }
                    }
                } else {
                    lines.next();
                }
                continue;
            }
            let mut names = if in_group {
                group_names(trimmed)
            } else {
                Vec::new()
            };
            if in_group && trimmed.contains('}') {
                in_group = false;
            }
            if let Some(group_start) = trimmed
                .find("crate::{")
                .filter(|_| trimmed.starts_with("use ") || trimmed.starts_with("pub"))
            {
                in_group = !trimmed[group_start..].contains('}');
            }
            names.extend(reached(line, &module));
            for name in names {
                let name = root
                    .iter()
                    .find(|(exported, _)| *exported == name)
                    .map_or(name, |(_, module)| module.clone());
                out.push(Crossing {
                    file: relative.clone(),
                    line: i + 1,
                    module: name,
                    text: trimmed.to_string(),
                });
            }
        }
    }
    out
}

/// Every crossing in the files of the lower layers, test modules left out.
fn crossings() -> Vec<Crossing> {
    let root = root_names();
    let tests = test_module_files();
    let mut out = Vec::new();
    for (layer, allowed) in LAYERS {
        out.extend(
            paths_from(layer, &root, &tests)
                .into_iter()
                .filter(|c| !allowed.contains(&c.module.as_str())),
        );
    }
    out
}

/// The paths from each domain into another, test modules left out.
fn domain_paths() -> Vec<(&'static str, Crossing)> {
    let root = root_names();
    let tests = test_module_files();
    let mut out = Vec::new();
    for domain in DOMAINS {
        for c in paths_from(domain, &root, &tests) {
            if c.module != *domain && DOMAINS.contains(&c.module.as_str()) {
                out.push((*domain, c));
            }
        }
    }
    out
}

/// A cycle among `edges` (from → to), as the modules on it, first repeated at the end.
fn find_cycle(edges: &[(&str, &str)]) -> Option<Vec<String>> {
    fn visit<'a>(
        node: &'a str,
        edges: &[(&'a str, &'a str)],
        path: &mut Vec<&'a str>,
        done: &mut Vec<&'a str>,
    ) -> Option<Vec<String>> {
        if let Some(at) = path.iter().position(|n| *n == node) {
            let mut cycle: Vec<String> = path[at..].iter().map(|n| n.to_string()).collect();
            cycle.push(node.to_string());
            return Some(cycle);
        }
        if done.contains(&node) {
            return None;
        }
        path.push(node);
        for (_, to) in edges.iter().filter(|(from, _)| *from == node) {
            if let Some(cycle) = visit(to, edges, path, done) {
                return Some(cycle);
            }
        }
        path.pop();
        done.push(node);
        None
    }
    let mut done = Vec::new();
    for (from, _) in edges {
        if let Some(cycle) = visit(from, edges, &mut Vec::new(), &mut done) {
            return Some(cycle);
        }
    }
    None
}

#[test]
fn lower_layers_import_no_domain() {
    let found: Vec<String> = crossings()
        .iter()
        .map(|c| {
            format!(
                "src/{}:{} reaches `{}`: {}",
                c.file, c.line, c.module, c.text
            )
        })
        .collect();
    assert!(
        found.is_empty(),
        "lower layers import higher modules (decision 0014):\n{}",
        found.join("\n")
    );
}

#[test]
fn domains_import_each_other_in_one_direction() {
    let paths = domain_paths();
    let mut edges: Vec<(&str, &str)> = Vec::new();
    for (from, c) in &paths {
        let to = DOMAINS
            .iter()
            .find(|d| **d == c.module)
            .expect("a domain path reaches a domain");
        if !edges.contains(&(*from, *to)) {
            edges.push((*from, *to));
        }
    }
    let cycle = find_cycle(&edges);
    let shown = cycle.as_ref().map(|modules| {
        modules
            .windows(2)
            .map(|pair| {
                let (_, c) = paths
                    .iter()
                    .find(|(from, c)| *from == pair[0] && c.module == pair[1])
                    .expect("an edge of the cycle has a path");
                format!(
                    "{} → {}: src/{}:{} {}",
                    pair[0], pair[1], c.file, c.line, c.text
                )
            })
            .collect::<Vec<_>>()
            .join("\n")
    });
    assert!(
        cycle.is_none(),
        "domains import each other in a cycle (decision 0014):\n{}",
        shown.unwrap_or_default()
    );
}

#[test]
fn a_cycle_is_found_and_shown_in_order() {
    assert_eq!(
        find_cycle(&[("a", "b"), ("b", "c"), ("c", "a"), ("c", "d")]),
        Some(vec![
            "a".to_string(),
            "b".to_string(),
            "c".to_string(),
            "a".to_string()
        ])
    );
    assert_eq!(find_cycle(&[("a", "b"), ("b", "c"), ("a", "c")]), None);
}

#[test]
fn the_scan_sees_use_lines_groups_inline_paths_and_super() {
    let storage_cards = module_path("storage/cards/mod.rs");
    assert_eq!(storage_cards, ["storage", "cards"]);
    assert_eq!(
        reached("use crate::import::{Origin, SectionTags};", &storage_cards),
        ["import"]
    );
    assert_eq!(
        reached(
            "    let q: &crate::questions::Question = x;",
            &storage_cards
        ),
        ["questions"]
    );
    assert_eq!(
        reached(
            "use crate::{cards::CardId, ids::SectionId};",
            &storage_cards
        ),
        ["cards", "ids"]
    );
    assert_eq!(group_names("    search::Caches,\n"), ["search"]);
    assert_eq!(
        reached("use super::super::search::Caches;", &storage_cards),
        ["search"]
    );
    assert_eq!(
        reached("use super::json_or_default;", &storage_cards),
        ["storage"]
    );
    assert_eq!(
        reached("use super::search::rank;", &module_path("storage/mod.rs")),
        ["search"]
    );
    assert!(reached("let n = self.crate_count;", &storage_cards).is_empty());
    let root = root_names();
    assert!(root.contains(&("Error".to_string(), "error".to_string())));
    assert!(root.contains(&("Library".to_string(), "storage".to_string())));
    assert!(root.contains(&("SearchHit".to_string(), "search".to_string())));
}
