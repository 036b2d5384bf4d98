//! Crash points for the crash harness (`tests/crash.rs`), in debug builds only.
//!
//! With `STRATUS_CRASH_AFTER_WRITES=N` the process SIGKILLs itself just before SQLite's
//! `N`th write to any file (a page or log write, a truncation or a sync), so a kill lands
//! at a given operation rather than at a wall-clock moment and a seed replays the same kill
//! on any machine. `N = 0` only counts. Either way, a process that ends on its own prints
//! `stratus: crash point: W writes` on stderr, which the harness uses to size its schedule.
//!
//! The counting is a VFS registered as SQLite's default: a copy of the default VFS whose
//! `xOpen` gives every opened file a copy of its I/O method table with `xWrite`,
//! `xTruncate` and `xSync` counted. Everything else is the default VFS's own code.

use std::ffi::{c_int, c_void};
use std::ptr;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};

use rusqlite::ffi;

const VARIABLE: &str = "STRATUS_CRASH_AFTER_WRITES";

static ENABLED: AtomicBool = AtomicBool::new(false);
static LIMIT: AtomicU64 = AtomicU64::new(0);
static WRITES: AtomicU64 = AtomicU64::new(0);
static DEFAULT_VFS: AtomicUsize = AtomicUsize::new(0);
/// (the default VFS's method table, its counting copy), one pair per table seen.
static TABLES: Mutex<Vec<(usize, usize)>> = Mutex::new(Vec::new());

/// Registers the counting VFS when `STRATUS_CRASH_AFTER_WRITES` is set. Call before any
/// database is opened.
pub fn install_from_env() {
    let Ok(value) = std::env::var(VARIABLE) else {
        return;
    };
    let Ok(limit) = value.trim().parse::<u64>() else {
        eprintln!("stratus: {VARIABLE}={value:?} is not a number; ignored");
        return;
    };
    // SAFETY: `sqlite3_vfs_find` initializes SQLite and returns its default VFS, which
    // lives for the whole process. The copy is leaked, so it does too.
    unsafe {
        let default = ffi::sqlite3_vfs_find(ptr::null());
        if default.is_null() {
            return;
        }
        let mut vfs = *default;
        vfs.zName = c"stratus-crash-points".as_ptr();
        vfs.pNext = ptr::null_mut();
        vfs.xOpen = Some(open);
        DEFAULT_VFS.store(default as usize, Ordering::SeqCst);
        LIMIT.store(limit, Ordering::SeqCst);
        ENABLED.store(true, Ordering::SeqCst);
        ffi::sqlite3_vfs_register(Box::leak(Box::new(vfs)), 1);
    }
}

/// Prints how many writes the process made, for a process that ends on its own.
pub fn report() {
    if ENABLED.load(Ordering::SeqCst) {
        eprintln!(
            "stratus: crash point: {} writes",
            WRITES.load(Ordering::SeqCst)
        );
    }
}

fn count() {
    let n = WRITES.fetch_add(1, Ordering::SeqCst) + 1;
    let limit = LIMIT.load(Ordering::SeqCst);
    if limit != 0 && n >= limit {
        kill_self();
    }
}

#[cfg(unix)]
fn kill_self() -> ! {
    unsafe extern "C" {
        fn kill(pid: i32, sig: c_int) -> c_int;
    }
    const SIGKILL: c_int = 9;
    // SAFETY: sends SIGKILL to this process; nothing runs after it.
    unsafe {
        kill(std::process::id() as i32, SIGKILL);
    }
    std::process::abort()
}

#[cfg(not(unix))]
fn kill_self() -> ! {
    std::process::abort()
}

/// The counting copy of `methods`, made once per table.
fn counting(methods: *const ffi::sqlite3_io_methods) -> *const ffi::sqlite3_io_methods {
    let mut tables = TABLES.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(&(_, copy)) = tables.iter().find(|(m, _)| *m == methods as usize) {
        return copy as *const _;
    }
    // SAFETY: `methods` is a method table of the default VFS, valid for the whole process.
    let mut copy = unsafe { *methods };
    copy.xWrite = Some(write);
    copy.xTruncate = Some(truncate);
    copy.xSync = Some(sync);
    let copy: *const ffi::sqlite3_io_methods = Box::leak(Box::new(copy));
    tables.push((methods as usize, copy as usize));
    copy
}

/// The default VFS's method table behind `file`'s counting copy.
fn original(file: *mut ffi::sqlite3_file) -> &'static ffi::sqlite3_io_methods {
    // SAFETY: SQLite calls these methods with an open file whose `pMethods` was set by `open`.
    let copy = unsafe { (*file).pMethods } as usize;
    let tables = TABLES.lock().unwrap_or_else(|e| e.into_inner());
    let (methods, _) = tables
        .iter()
        .find(|(_, c)| *c == copy)
        .expect("every counted file was opened through `open`");
    // SAFETY: the tables of the default VFS live for the whole process.
    unsafe { &*(*methods as *const ffi::sqlite3_io_methods) }
}

unsafe extern "C" fn open(
    _vfs: *mut ffi::sqlite3_vfs,
    name: ffi::sqlite3_filename,
    file: *mut ffi::sqlite3_file,
    flags: c_int,
    out_flags: *mut c_int,
) -> c_int {
    let default = DEFAULT_VFS.load(Ordering::SeqCst) as *mut ffi::sqlite3_vfs;
    // SAFETY: the file was allocated with the default VFS's size (the copy keeps
    // `szOsFile`), and the default VFS opens it as if it had been asked directly.
    unsafe {
        let Some(default_open) = (*default).xOpen else {
            return ffi::SQLITE_CANTOPEN;
        };
        let rc = default_open(default, name, file, flags, out_flags);
        if rc == ffi::SQLITE_OK && !(*file).pMethods.is_null() {
            (*file).pMethods = counting((*file).pMethods);
        }
        rc
    }
}

unsafe extern "C" fn write(
    file: *mut ffi::sqlite3_file,
    data: *const c_void,
    amount: c_int,
    offset: ffi::sqlite3_int64,
) -> c_int {
    count();
    let inner = original(file)
        .xWrite
        .expect("every VFS file can be written");
    // SAFETY: the arguments are SQLite's own, passed on unchanged.
    unsafe { inner(file, data, amount, offset) }
}

unsafe extern "C" fn truncate(file: *mut ffi::sqlite3_file, size: ffi::sqlite3_int64) -> c_int {
    count();
    let inner = original(file)
        .xTruncate
        .expect("every VFS file can be truncated");
    // SAFETY: as in `write`.
    unsafe { inner(file, size) }
}

unsafe extern "C" fn sync(file: *mut ffi::sqlite3_file, flags: c_int) -> c_int {
    count();
    let inner = original(file).xSync.expect("every VFS file can be synced");
    // SAFETY: as in `write`.
    unsafe { inner(file, flags) }
}
