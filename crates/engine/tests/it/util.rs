//! Shared test fixtures: libraries in memory and the sample notes kept beside the repository.

use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

use stratus_engine::{ImportOptions, ImportReport, Library, LibraryOptions};

/// The folder of real sample notes (outside the repository; read only).
pub fn samples_dir() -> PathBuf {
    PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/samples"
    ))
}

/// The sample whose file name starts with `prefix` (`"004"`).
pub fn sample(prefix: &str) -> PathBuf {
    std::fs::read_dir(samples_dir())
        .expect("the samples folder exists beside the repository")
        .flatten()
        .map(|e| e.path())
        .find(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with(prefix))
        })
        .unwrap_or_else(|| panic!("no sample {prefix}"))
}

pub fn memory_library() -> Library {
    Library::open_in_memory(LibraryOptions::default()).unwrap()
}

pub fn import(lib: &mut Library, paths: &[&Path], options: &ImportOptions) -> ImportReport {
    lib.import_paths(paths, options, &mut |_| {}, &AtomicBool::new(false))
        .unwrap()
}
