//! Writing a file the learner named (an export, a progress file, a pack): the bytes go to a
//! temporary file beside it, which is renamed into place once complete, so a failed write
//! leaves whatever was there before. A file already at that path is replaced only when the
//! caller asked for it; otherwise the write stops with [`Error::AlreadyExists`] and the file
//! is not touched. Imports no domain.

use std::io::Write;
use std::path::{Path, PathBuf};

use tempfile::NamedTempFile;

use crate::error::{Error, Result};

/// Fails with [`Error::AlreadyExists`] when something is at `dest` and `replace` is off.
/// Called before the work of an export, so a refusal costs nothing; [`persist`] checks
/// again when the file is renamed into place.
pub(crate) fn check_free(dest: &Path, replace: bool) -> Result<()> {
    if !replace && dest.symlink_metadata().is_ok() {
        return Err(Error::AlreadyExists {
            path: dest.to_path_buf(),
        });
    }
    Ok(())
}

/// A new temporary file in the folder of `dest` (names starting with `prefix`), removed
/// again if it is dropped before [`persist`].
pub(crate) fn temp_beside(dest: &Path, prefix: &str) -> Result<NamedTempFile> {
    let dir = match dest.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(prefix);
    // Readable by others as a file the learner makes is (0666 less the umask), not the
    // owner-only mode of a temporary file.
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
    builder.tempfile_in(&dir).map_err(|e| Error::io(dir, e))
}

/// Flushes `file` to disk and renames it to `dest`. Without `replace`, a file that appeared
/// at `dest` in the meantime is kept and the result is [`Error::AlreadyExists`]; the
/// temporary file is then removed.
pub(crate) fn persist(file: NamedTempFile, dest: &Path, replace: bool) -> Result<()> {
    file.as_file().sync_all().map_err(|e| Error::io(dest, e))?;
    if replace {
        return file
            .persist(dest)
            .map(drop)
            .map_err(|e| Error::io(dest, e.error));
    }
    match file.persist_noclobber(dest) {
        Ok(_) => Ok(()),
        Err(e) if e.error.kind() == std::io::ErrorKind::AlreadyExists => {
            Err(Error::AlreadyExists {
                path: dest.to_path_buf(),
            })
        }
        // A file system without an atomic no-replace rename or hard links (FAT on a USB
        // stick): check, then rename.
        Err(e) => {
            check_free(dest, false)?;
            e.file
                .persist(dest)
                .map(drop)
                .map_err(|e| Error::io(dest, e.error))
        }
    }
}

/// Writes `bytes` to `dest` through a temporary file beside it (see the module header).
pub(crate) fn write(dest: &Path, bytes: &[u8], replace: bool, prefix: &str) -> Result<()> {
    check_free(dest, replace)?;
    let mut file = temp_beside(dest, prefix)?;
    file.write_all(bytes).map_err(|e| Error::io(dest, e))?;
    persist(file, dest, replace)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_existing_file_is_kept_unless_replacing_was_asked_for() {
        let dir = tempfile::tempdir().unwrap();
        let dest = dir.path().join("out.txt");
        write(&dest, b"first", false, ".t-").unwrap();
        assert_eq!(std::fs::read(&dest).unwrap(), b"first");

        let err = write(&dest, b"second", false, ".t-").unwrap_err();
        assert!(
            matches!(&err, Error::AlreadyExists { path } if path == &dest),
            "{err}"
        );
        assert_eq!(std::fs::read(&dest).unwrap(), b"first");

        write(&dest, b"third", true, ".t-").unwrap();
        assert_eq!(std::fs::read(&dest).unwrap(), b"third");
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(names.len(), 1, "no temporary file is left behind");
    }

    /// A written file has the mode any new file of the learner's gets: 0666 less the
    /// process's umask (read from /proc), not a temporary file's 0600.
    #[cfg(target_os = "linux")]
    #[test]
    fn a_written_file_has_the_usual_mode_of_a_new_file() {
        use std::os::unix::fs::PermissionsExt;
        let status = std::fs::read_to_string("/proc/self/status").unwrap();
        let umask = status
            .lines()
            .find_map(|l| l.strip_prefix("Umask:"))
            .map(|m| u32::from_str_radix(m.trim(), 8).unwrap())
            .unwrap();
        let dir = tempfile::tempdir().unwrap();
        let dest = dir.path().join("progress.json");
        write(&dest, b"{}", false, ".t-").unwrap();
        let mode = std::fs::metadata(&dest).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o666 & !umask, "mode {mode:o}, umask {umask:o}");
    }

    #[test]
    fn a_file_that_appears_during_the_write_is_kept() {
        let dir = tempfile::tempdir().unwrap();
        let dest = dir.path().join("race.txt");
        check_free(&dest, false).unwrap();
        let mut file = temp_beside(&dest, ".t-").unwrap();
        file.write_all(b"ours").unwrap();
        std::fs::write(&dest, b"theirs").unwrap();
        let err = persist(file, &dest, false).unwrap_err();
        assert!(matches!(err, Error::AlreadyExists { .. }), "{err}");
        assert_eq!(std::fs::read(&dest).unwrap(), b"theirs");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
