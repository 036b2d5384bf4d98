//! The library files this process has open. Closing any descriptor of a file releases every
//! POSIX advisory lock the process holds on that file, including the locks SQLite's
//! connections depend on: another process (the CLI beside the app) could then find the
//! database unused when it closes, and delete the write-ahead log that a connection here
//! goes on writing to. SQLite defers closing its own descriptors while a lock is held; the
//! raw reads that judge a file before SQLite opens it (`sniff_header`, `check_first_page`)
//! therefore run only while no handle of this process has the file open, and under this
//! registry's lock, so no handle can open it meanwhile.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::{Mutex, MutexGuard};

use crate::error::{Error, Result};

/// A file, as the operating system tells one from another (two paths to one file, such as
/// a symbolic link, are the same key).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum FileKey {
    #[cfg(unix)]
    Inode { device: u64, inode: u64 },
    #[cfg(not(unix))]
    Path(std::path::PathBuf),
}

/// Open handles per file.
static OPEN: Mutex<BTreeMap<FileKey, usize>> = Mutex::new(BTreeMap::new());

fn open_files() -> MutexGuard<'static, BTreeMap<FileKey, usize>> {
    // The map stays consistent whatever panicked while it was locked: each change is one
    // insert or remove.
    OPEN.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

fn key_of(path: &Path) -> Result<FileKey> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let meta = std::fs::metadata(path).map_err(|e| Error::io(path, e))?;
        Ok(FileKey::Inode {
            device: meta.dev(),
            inode: meta.ino(),
        })
    }
    #[cfg(not(unix))]
    {
        // Some drives refuse to give a canonical path (RAM disks, mounted images); the
        // absolute path still tells the file for this process.
        let full = std::fs::canonicalize(path)
            .or_else(|_| std::path::absolute(path))
            .map_err(|e| Error::io(path, e))?;
        Ok(FileKey::Path(full))
    }
}

/// Whether `a` and `b` are the same existing file (false if either cannot be looked at).
pub(crate) fn same_file(a: &Path, b: &Path) -> bool {
    matches!((key_of(a), key_of(b)), (Ok(a), Ok(b)) if a == b)
}

/// One handle's hold on an open library file; dropped after the handle's connection has
/// closed (it is the last field of `Library`).
#[derive(Debug)]
pub(crate) struct OpenFile(FileKey);

impl Drop for OpenFile {
    fn drop(&mut self) {
        let mut open = open_files();
        if let Some(count) = open.get_mut(&self.0) {
            *count -= 1;
            if *count == 0 {
                open.remove(&self.0);
            }
        }
    }
}

/// Counts one more handle on the existing file at `path`, running `check` (reads of the
/// file's bytes) first when no handle of this process has it open. An error of `check`
/// counts nothing.
pub(crate) fn register(path: &Path, check: impl FnOnce() -> Result<()>) -> Result<OpenFile> {
    let key = key_of(path)?;
    let mut open = open_files();
    let count = open.entry(key.clone()).or_insert(0);
    if *count == 0
        && let Err(e) = check()
    {
        open.remove(&key);
        return Err(e);
    }
    *count += 1;
    Ok(OpenFile(key))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_check_runs_for_the_first_handle_only_and_again_once_all_are_closed() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("library");
        std::fs::write(&file, b"x").unwrap();
        let mut checks = 0;
        let first = register(&file, || {
            checks += 1;
            Ok(())
        })
        .unwrap();
        let second = register(&file, || {
            checks += 1;
            Ok(())
        })
        .unwrap();
        assert_eq!(checks, 1, "the second handle is not checked");
        drop(first);
        drop(second);
        let refused = register(&file, || Err(Error::InvalidInput("refused".into())));
        assert!(
            refused.is_err(),
            "with every handle closed the file is checked again"
        );
        let mut checked_again = false;
        let _third = register(&file, || {
            checked_again = true;
            Ok(())
        })
        .unwrap();
        assert!(checked_again, "a refused file is not counted as open");
    }
}
