//! The card browser through the public API: two notes with hand-written cards, some answered,
//! buried and suspended under a fixed clock, then every filter, every sort order, paging and
//! bulk suspension checked against what the notes and the steps taken say.

use std::collections::BTreeSet;
use std::sync::Arc;

use chrono::{Duration, TimeZone, Utc};

use stratus_engine::{
    CardId, CardListItem, CardPage, CardQuery, CardSort, CardState, DocumentId, Error, FixedClock,
    ImportOptions, Library, LibraryOptions, Rating, ReviewScope,
};

use crate::util::import;

const STORAGE: &str = "---
title: Storage notes
exam: [SAA-C03]
tags: [s3]
---

# S3 storage classes

S3에서 객체를 담는 최상위 컨테이너 :: 버킷
Cheapest class for archives kept for years :: S3 Glacier Deep Archive
Durability of S3 Standard in nines :: 11 nines
Class that moves objects between tiers by access :: S3 Intelligent-Tiering
";

const COMPUTE: &str = "---
title: Compute notes
exam: [DVA-C02]
tags: [lambda]
---

# Lambda limits

Longest Lambda run time :: 15 minutes
Lambda 함수의 최대 메모리 :: 10,240 MB
";

struct Fixture {
    lib: Library,
    clock: Arc<FixedClock>,
    storage: DocumentId,
    compute: DocumentId,
    /// When the later steps were taken (after the Durability card was forgotten).
    now: chrono::DateTime<Utc>,
}

impl Fixture {
    fn page(&self, query: CardQuery) -> CardPage {
        self.lib.browse_cards(&query).unwrap()
    }

    fn cards(&self, query: CardQuery) -> Vec<CardListItem> {
        let page = self.page(query);
        assert_eq!(page.total as usize, page.cards.len(), "one page holds all");
        page.cards
    }

    /// The id of the card whose prompt contains `text`.
    fn id(&self, text: &str) -> CardId {
        let found = self.cards(CardQuery {
            text: Some(text.into()),
            states: all_states(),
            ..CardQuery::default()
        });
        assert_eq!(found.len(), 1, "one card for {text:?}: {found:#?}");
        found[0].id.clone()
    }
}

fn all_states() -> Vec<CardState> {
    vec![
        CardState::New,
        CardState::Learning,
        CardState::Review,
        CardState::Relearning,
        CardState::Suspended,
        CardState::Buried,
        CardState::Retired,
    ]
}

fn prompts(cards: &[CardListItem]) -> BTreeSet<String> {
    cards.iter().map(|c| c.prompt.clone()).collect()
}

fn set(items: &[&str]) -> BTreeSet<String> {
    items.iter().map(|s| s.to_string()).collect()
}

/// Six cards in two notes, one in each state (see the steps below); the clock stands at
/// `Fixture::now` when it returns.
fn fixture() -> Fixture {
    let start = Utc.with_ymd_and_hms(2026, 3, 1, 10, 0, 0).unwrap();
    let clock = Arc::new(FixedClock::new(start));
    let mut lib = Library::open_in_memory(LibraryOptions {
        clock: clock.clone(),
        seed: 11,
    })
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let storage = dir.path().join("storage.md");
    let compute = dir.path().join("compute.md");
    std::fs::write(&storage, STORAGE).unwrap();
    std::fs::write(&compute, COMPUTE).unwrap();
    let report = import(
        &mut lib,
        &[storage.as_path(), compute.as_path()],
        &ImportOptions::default(),
    );
    assert_eq!(report.totals.imported, 2, "{report:#?}");
    let doc = |name: &str| {
        report
            .files
            .iter()
            .find(|f| f.path.ends_with(name))
            .and_then(|f| f.document_id)
            .unwrap()
    };
    let mut fx = Fixture {
        storage: doc("storage.md"),
        compute: doc("compute.md"),
        lib,
        clock,
        now: start,
    };
    assert_eq!(fx.cards(CardQuery::default()).len(), 6);

    // Durability: Easy on 03-01 (review, days away), then forgotten once it is due.
    let durability = fx.id("Durability");
    fx.lib.answer_card(&durability, Rating::Easy, 1000).unwrap();
    let due = fx.cards(CardQuery {
        text: Some("Durability".into()),
        ..CardQuery::default()
    })[0]
        .due_at
        .clone()
        .unwrap();
    let due = chrono::DateTime::parse_from_rfc3339(&due).unwrap();
    let forgotten_at = due.with_timezone(&Utc) + Duration::hours(1);
    fx.clock.set(forgotten_at);
    fx.lib
        .answer_card(&durability, Rating::Again, 1000)
        .unwrap();

    // Two days later: Glacier answered Easy (review), Longest run time Good (learning), the
    // Korean Lambda card buried, Intelligent-Tiering suspended. The bucket card stays new.
    fx.now = forgotten_at + Duration::days(2);
    fx.clock.set(fx.now);
    let glacier = fx.id("archives");
    fx.lib.answer_card(&glacier, Rating::Easy, 1000).unwrap();
    let run_time = fx.id("run time");
    fx.lib.answer_card(&run_time, Rating::Good, 1000).unwrap();
    let memory = fx.id("메모리");
    fx.lib.bury_card(&memory).unwrap();
    let tiering = fx.id("Intelligent");
    fx.lib.suspend_card(&tiering).unwrap();
    fx
}

#[test]
fn each_state_lists_exactly_its_cards() {
    let fx = fixture();
    let of = |state: CardState| {
        prompts(&fx.cards(CardQuery {
            states: vec![state],
            ..CardQuery::default()
        }))
    };
    assert_eq!(
        of(CardState::New),
        set(&["S3에서 객체를 담는 최상위 컨테이너"])
    );
    assert_eq!(of(CardState::Learning), set(&["Longest Lambda run time"]));
    assert_eq!(
        of(CardState::Review),
        set(&["Cheapest class for archives kept for years"])
    );
    assert_eq!(
        of(CardState::Relearning),
        set(&["Durability of S3 Standard in nines"])
    );
    assert_eq!(
        of(CardState::Suspended),
        set(&["Class that moves objects between tiers by access"])
    );
    assert_eq!(of(CardState::Buried), set(&["Lambda 함수의 최대 메모리"]));
    assert!(of(CardState::Retired).is_empty());

    let two = fx.cards(CardQuery {
        states: vec![CardState::New, CardState::Buried],
        ..CardQuery::default()
    });
    assert_eq!(two.len(), 2);
    let suspended = fx.cards(CardQuery {
        states: vec![CardState::Suspended],
        ..CardQuery::default()
    });
    assert!(suspended[0].is_suspended);
    assert!(
        fx.cards(CardQuery::default())
            .iter()
            .filter(|c| c.is_suspended)
            .count()
            == 1
    );

    // The burial ends with the study day.
    fx.clock.set(fx.now + Duration::hours(25));
    assert!(of(CardState::Buried).is_empty());
    assert_eq!(of(CardState::New).len(), 2);
}

#[test]
fn rows_carry_their_source_and_schedule() {
    let fx = fixture();
    let rows = fx.cards(CardQuery {
        text: Some("Durability".into()),
        ..CardQuery::default()
    });
    let row = &rows[0];
    assert_eq!(row.document_id, Some(fx.storage));
    assert_eq!(row.document_title.as_deref(), Some("Storage notes"));
    assert_eq!(row.answer, "11 nines");
    assert_eq!(row.exams, ["SAA"]);
    assert!(row.topics.iter().any(|t| t == "s3"), "{:?}", row.topics);
    assert_eq!(row.lapses, 1);
    assert_eq!(row.reps, 2);
    assert!(row.stability_days.is_some());
    assert_eq!(
        row.heading_path.last().map(String::as_str),
        Some("S3 storage classes")
    );
    let section = fx.lib.open_section(row.section_id.unwrap()).unwrap();
    assert_eq!(section.heading, "S3 storage classes");

    let new = &fx.cards(CardQuery {
        states: vec![CardState::New],
        ..CardQuery::default()
    })[0];
    assert_eq!(new.due_at, None);
    assert_eq!((new.reps, new.lapses, new.interval_days), (0, 0, 0));
    assert_eq!(new.stability_days, None);
}

#[test]
fn exam_topic_and_document_filters_narrow_to_one_note() {
    let fx = fixture();
    let storage = set(&[
        "S3에서 객체를 담는 최상위 컨테이너",
        "Cheapest class for archives kept for years",
        "Durability of S3 Standard in nines",
        "Class that moves objects between tiers by access",
    ]);
    let compute = set(&["Longest Lambda run time", "Lambda 함수의 최대 메모리"]);
    for exam in ["SAA", "saa-c03"] {
        let q = CardQuery {
            exam: Some(exam.into()),
            ..CardQuery::default()
        };
        assert_eq!(prompts(&fx.cards(q)), storage);
    }
    let q = CardQuery {
        exam: Some("DVA".into()),
        ..CardQuery::default()
    };
    assert_eq!(prompts(&fx.cards(q)), compute);
    let q = CardQuery {
        exam: Some("CLF".into()),
        ..CardQuery::default()
    };
    assert!(fx.cards(q).is_empty());
    let q = CardQuery {
        topic: Some("Lambda".into()),
        ..CardQuery::default()
    };
    assert_eq!(prompts(&fx.cards(q)), compute);
    let q = CardQuery {
        document_id: Some(fx.storage),
        ..CardQuery::default()
    };
    assert_eq!(prompts(&fx.cards(q)), storage);
    let q = CardQuery {
        document_id: Some(fx.compute),
        exam: Some("SAA".into()),
        ..CardQuery::default()
    };
    assert!(fx.cards(q).is_empty());

    let bad = fx.lib.browse_cards(&CardQuery {
        exam: Some("XYZ".into()),
        ..CardQuery::default()
    });
    assert!(matches!(bad, Err(Error::InvalidInput(_))), "{bad:?}");
}

#[test]
fn due_lapses_and_text_filters() {
    let fx = fixture();
    // Scheduled cards: Durability (relearning, minutes after it was forgotten two days ago),
    // run time (learning, minutes from now), Glacier (review, days from now).
    let due_by = |when: chrono::DateTime<Utc>| {
        prompts(&fx.cards(CardQuery {
            due_before: Some(when.to_rfc3339()),
            ..CardQuery::default()
        }))
    };
    assert_eq!(
        due_by(fx.now - Duration::hours(1)),
        set(&["Durability of S3 Standard in nines"])
    );
    assert_eq!(
        due_by(fx.now + Duration::hours(1)),
        set(&[
            "Durability of S3 Standard in nines",
            "Longest Lambda run time"
        ])
    );
    let later = fx.cards(CardQuery {
        due_before: Some("2099-01-01".into()),
        ..CardQuery::default()
    });
    assert_eq!(later.len(), 3, "new cards have no due time");
    let bad = fx.lib.browse_cards(&CardQuery {
        due_before: Some("next tuesday".into()),
        ..CardQuery::default()
    });
    assert!(matches!(bad, Err(Error::InvalidInput(_))), "{bad:?}");

    let lapsed = fx.cards(CardQuery {
        min_lapses: Some(1),
        ..CardQuery::default()
    });
    assert_eq!(
        prompts(&lapsed),
        set(&["Durability of S3 Standard in nines"])
    );
    let none = fx.cards(CardQuery {
        min_lapses: Some(2),
        ..CardQuery::default()
    });
    assert!(none.is_empty());

    let text = |t: &str| {
        prompts(&fx.cards(CardQuery {
            text: Some(t.into()),
            ..CardQuery::default()
        }))
    };
    // Case-insensitive, in the prompt or the answer, Korean as written.
    assert_eq!(
        text("GLACIER"),
        set(&["Cheapest class for archives kept for years"])
    );
    assert_eq!(text("버킷"), set(&["S3에서 객체를 담는 최상위 컨테이너"]));
    assert_eq!(text("메모리"), set(&["Lambda 함수의 최대 메모리"]));
    assert_eq!(text("  lambda  ").len(), 2);
    // Text that means something to SQL is just text.
    assert!(text("%").is_empty());
    assert!(text("' OR 1=1 --").is_empty());
    assert_eq!(text("").len(), 6);
}

#[test]
fn every_sort_orders_its_column_both_ways() {
    let fx = fixture();
    let sorted = |sort: CardSort, is_descending: bool| {
        fx.cards(CardQuery {
            sort,
            is_descending,
            ..CardQuery::default()
        })
    };
    for is_descending in [false, true] {
        fn check<T: Ord + Clone + std::fmt::Debug>(keys: Vec<T>, what: &str, desc: bool) {
            let mut expected = keys.clone();
            expected.sort();
            if desc {
                expected.reverse();
            }
            assert_eq!(keys, expected, "{what} descending={desc}");
        }
        let rows = sorted(CardSort::Prompt, is_descending);
        check(
            rows.iter().map(|c| c.prompt.to_lowercase()).collect(),
            "prompt",
            is_descending,
        );
        let rows = sorted(CardSort::Lapses, is_descending);
        check(
            rows.iter().map(|c| c.lapses).collect(),
            "lapses",
            is_descending,
        );
        let rows = sorted(CardSort::Interval, is_descending);
        check(
            rows.iter().map(|c| c.interval_days).collect(),
            "interval",
            is_descending,
        );
        let rows = sorted(CardSort::Created, is_descending);
        check(
            rows.iter().map(|c| c.created_at.clone()).collect(),
            "created",
            is_descending,
        );
        let rows = sorted(CardSort::Document, is_descending);
        check(
            rows.iter().map(|c| c.document_title.clone()).collect(),
            "document",
            is_descending,
        );

        // Due: scheduled cards by due time, new ones (no due time) last either way.
        let rows = sorted(CardSort::Due, is_descending);
        let scheduled: Vec<String> = rows.iter().filter_map(|c| c.due_at.clone()).collect();
        assert_eq!(scheduled.len(), 3);
        check(scheduled, "due", is_descending);
        let first_new = rows.iter().position(|c| c.due_at.is_none()).unwrap();
        assert!(rows[first_new..].iter().all(|c| c.due_at.is_none()));
    }
    // The orders differ where the columns do: ascending by lapses puts the lapsed card last.
    let by_lapses = sorted(CardSort::Lapses, false);
    assert_eq!(
        by_lapses.last().unwrap().prompt,
        "Durability of S3 Standard in nines"
    );
    let by_prompt = sorted(CardSort::Prompt, false);
    assert_eq!(
        by_prompt[0].prompt,
        "Cheapest class for archives kept for years"
    );
    // Document order within a note is the note's order.
    let by_doc = sorted(CardSort::Document, false);
    assert_eq!(by_doc[0].prompt, "Longest Lambda run time");
    assert_eq!(by_doc[2].prompt, "S3에서 객체를 담는 최상위 컨테이너");
}

#[test]
fn pages_cover_the_list_once_with_the_same_total() {
    let fx = fixture();
    let whole = fx.cards(CardQuery {
        sort: CardSort::Prompt,
        ..CardQuery::default()
    });
    let mut paged = Vec::new();
    for offset in [0, 4] {
        let page = fx.page(CardQuery {
            sort: CardSort::Prompt,
            offset,
            limit: Some(4),
            ..CardQuery::default()
        });
        assert_eq!(page.total, 6);
        assert_eq!(page.offset, offset);
        paged.extend(page.cards);
    }
    assert_eq!(paged, whole);
    let past = fx.page(CardQuery {
        offset: 50,
        limit: Some(4),
        ..CardQuery::default()
    });
    assert_eq!(past.total, 6);
    assert!(past.cards.is_empty());
    let filtered = fx.page(CardQuery {
        exam: Some("DVA".into()),
        limit: Some(1),
        ..CardQuery::default()
    });
    assert_eq!((filtered.total, filtered.cards.len()), (2, 1));
}

#[test]
fn bulk_suspension_hides_due_cards_and_unsuspending_restores_them() {
    let mut fx = fixture();
    let counts = |fx: &Fixture| fx.lib.review_next(&ReviewScope::All).unwrap().counts;
    let before = counts(&fx);
    let durability = fx.id("Durability");
    let bucket = fx.id("버킷");
    assert!(before.learning >= 1 && before.new >= 1, "{before:?}");

    let ids = [durability.clone(), bucket.clone(), durability.clone()];
    assert_eq!(fx.lib.set_cards_suspended(&ids, true).unwrap(), 2);
    let suspended = fx.cards(CardQuery {
        states: vec![CardState::Suspended],
        ..CardQuery::default()
    });
    let suspended: BTreeSet<CardId> = suspended.into_iter().map(|c| c.id).collect();
    assert!(suspended.contains(&durability) && suspended.contains(&bucket));
    assert_eq!(
        suspended.len(),
        3,
        "the card suspended before stays suspended"
    );
    let hidden = counts(&fx);
    assert_eq!(hidden.learning, before.learning - 1);
    assert_eq!(hidden.new, before.new - 1);
    // Asking again changes nothing.
    assert_eq!(fx.lib.set_cards_suspended(&ids, true).unwrap(), 0);

    assert_eq!(fx.lib.set_cards_suspended(&ids, false).unwrap(), 2);
    assert_eq!(counts(&fx), before);
    let relearning = fx.cards(CardQuery {
        states: vec![CardState::Relearning],
        ..CardQuery::default()
    });
    assert_eq!(relearning[0].id, durability);
    assert_eq!(fx.lib.set_cards_suspended(&[], true).unwrap(), 0);
}

#[test]
fn an_unknown_card_id_changes_nothing() {
    let mut fx = fixture();
    let bucket = fx.id("버킷");
    let before = fx.cards(CardQuery::default());
    let ids = [bucket.clone(), CardId("no-such-card".into())];
    let err = fx.lib.set_cards_suspended(&ids, true).unwrap_err();
    assert!(
        matches!(&err, Error::NotFound { what: "card", id } if id == "no-such-card"),
        "{err:?}"
    );
    assert_eq!(fx.cards(CardQuery::default()), before);
    assert!(
        !fx.lib
            .card(&bucket)
            .unwrap()
            .status
            .eq(&stratus_engine::CardStatus::Suspended)
    );
}
