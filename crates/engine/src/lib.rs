//! The Stratus engine: everything the study app knows and does, with no GUI dependency.
//!
//! Every caller — the `stratus` CLI, the desktop shell and the tests — goes through one
//! handle, [`Library`]. Types that cross a process boundary are serde structs defined here.

mod clock;
mod error;
mod paths;
mod storage;

pub use clock::{Clock, FixedClock, SystemClock};
pub use error::{Error, ErrorKind, Result};
pub use paths::{APP_IDENTIFIER, DATA_DIR_ENV, DATABASE_FILE_NAME, DataDir};
pub use storage::{Counts, Library, LibraryInfo, LibraryOptions, SCHEMA_VERSION};
