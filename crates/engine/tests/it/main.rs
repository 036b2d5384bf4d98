//! Integration tests of the engine through its public API and real files.

mod backup;
mod builtin;
mod cards_browse;
mod concurrency;
mod course;
mod documents;
mod environment;
mod exams;
mod fuzz;
mod hostile;
mod identity;
mod images;
mod import;
mod open;
mod pack;
mod paths;
mod progress;
mod relevance;
mod samples;
mod stale;
mod transfer;
mod util;
