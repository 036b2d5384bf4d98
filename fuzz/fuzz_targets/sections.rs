//! Sectioning of notes: any bytes a `.md` or `.txt` file can hold, decoded and split into
//! sections as import does. The first byte chooses the file type (odd: `.md`).
#![no_main]

use libfuzzer_sys::fuzz_target;
use stratus_engine::fuzzing;

fuzz_target!(|data: &[u8]| {
    let Some((&flags, bytes)) = data.split_first() else {
        return;
    };
    let Some(text) = fuzzing::decode(bytes) else {
        return;
    };
    let is_markdown_name = flags & 1 == 1;
    // `\r\n`, `\r` and `\n` each end a line.
    let line_count = text.replace("\r\n", "\n").split(['\n', '\r']).count() as u32;
    let sections = fuzzing::sections(&text, is_markdown_name);
    let mut previous_start = 1;
    for s in &sections {
        assert!(s.level <= 6, "level {} of {s:?}", s.level);
        assert!(
            1 <= s.line_start && s.line_start <= s.line_end && s.line_end <= line_count,
            "lines {}..={} outside 1..={line_count}: {s:?}",
            s.line_start,
            s.line_end
        );
        assert!(
            s.line_start >= previous_start,
            "sections out of file order: {sections:?}"
        );
        previous_start = s.line_start;
        assert!(!s.heading_path.is_empty(), "no heading path: {s:?}");
    }
});
