//! An extra check on real instructor notes, when a folder of them sits beside the repository
//! (`../shared/samples` from the repository root; absent on a clean clone, where it is skipped):
//! every file imports without failure, and a second import finds them all unchanged.

use std::io::Write;
use std::path::PathBuf;

use stratus_engine::{FileOutcome, ImportOptions};

use crate::util::{import, memory_library};

#[test]
fn real_samples_beside_the_repository_import_without_failures() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/samples");
    if !dir.is_dir() {
        say("samples check: ../shared/samples not present, skipped");
        return;
    }
    let mut lib = memory_library();
    let report = import(&mut lib, &[&dir], &ImportOptions::default());
    let failed: Vec<_> = report
        .files
        .iter()
        .filter(|f| matches!(f.outcome, FileOutcome::Failed { .. }))
        .collect();
    assert!(failed.is_empty(), "failed: {failed:#?}");
    assert_eq!(report.totals.failed, 0);
    let again = import(&mut lib, &[&dir], &ImportOptions::default());
    assert_eq!(again.totals.unchanged, report.totals.imported, "{again:#?}");
    say(&format!(
        "samples check: ../shared/samples found, {} files imported ({} skipped, {} sections)",
        report.totals.imported, report.totals.skipped, report.totals.sections
    ));
}

/// Writes straight to stderr, past the test harness's output capture, so that every run
/// says whether the extra check ran.
fn say(line: &str) {
    let _ = writeln!(std::io::stderr(), "{line}");
}
