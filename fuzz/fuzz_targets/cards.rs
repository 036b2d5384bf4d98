//! Card generation: any note text through every generator and the quality gate, as
//! `stratus cards lint` runs them. The first byte chooses the file type (odd: `.md`) and
//! seeds the random choices.
#![no_main]

use std::collections::HashSet;

use libfuzzer_sys::fuzz_target;
use stratus_engine::{CardKind, fuzzing};

fuzz_target!(|data: &[u8]| {
    let Some((&flags, bytes)) = data.split_first() else {
        return;
    };
    let Some(text) = fuzzing::decode(bytes) else {
        return;
    };
    // `\r\n`, `\r` and `\n` each end a line.
    let line_count = text.replace("\r\n", "\n").split(['\n', '\r']).count() as u32;
    let file = fuzzing::lint_text(&text, flags & 1 == 1, u64::from(flags));
    let mut ids = HashSet::new();
    for card in &file.cards {
        assert!(ids.insert(&card.id), "two cards with one id: {card:?}");
        assert!(
            !card.prompt.trim().is_empty() && !card.answer.trim().is_empty(),
            "empty side: {card:?}"
        );
        assert!(
            (1..=line_count).contains(&card.line),
            "line {} outside 1..={line_count}: {card:?}",
            card.line
        );
        if card.kind == CardKind::Mcq {
            assert!(
                card.options.iter().any(|o| o.is_correct)
                    && card.options.iter().any(|o| !o.is_correct),
                "a choice needs a right and a wrong option: {card:?}"
            );
        }
    }
    for skipped in &file.skipped {
        assert!(
            (1..=line_count).contains(&skipped.line),
            "line {} outside 1..={line_count}: {skipped:?}",
            skipped.line
        );
    }
});
