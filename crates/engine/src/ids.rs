//! Typed row ids, so a section id cannot be passed where a document id is expected. They are
//! SQLite rowids, which stay far below `u32::MAX` in a study library, and travel to the UI as
//! plain numbers. An answer also has a globally unique id ([`ReviewUid`]), by which the logs of
//! two libraries are merged.

use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ToSql, ToSqlOutput, ValueRef};
use serde::{Deserialize, Serialize};

macro_rules! define_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[cfg_attr(feature = "specta", derive(specta::Type))]
        #[serde(transparent)]
        pub struct $name(pub u32);

        impl ToSql for $name {
            fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
                Ok(ToSqlOutput::from(i64::from(self.0)))
            }
        }

        impl FromSql for $name {
            fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
                let raw = value.as_i64()?;
                u32::try_from(raw)
                    .map($name)
                    .map_err(|_| FromSqlError::OutOfRange(raw))
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.fmt(f)
            }
        }
    };
}

define_id!(
    /// Id of an imported document (one file).
    DocumentId
);
define_id!(
    /// Id of a section of a document. Changes when its document is re-imported with a
    /// different text for this section; `section_key` is the identity that cards use.
    SectionId
);
define_id!(
    /// Id of one answer in the review log.
    ReviewId
);

/// Globally unique id of one answer: a UUID v7 (RFC 9562) in lower-case text. Its first 48
/// bits are the answer's time in Unix milliseconds (so ids sort by time), the rest random
/// bits the caller derives (from the library's salt, the card and the answer), so the
/// engine's clock and seed decide it and tests stay deterministic.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(transparent)]
pub struct ReviewUid(pub String);

impl ReviewUid {
    /// The id of an answer given at `at_ms` with these random bytes. Times before 1970 are
    /// taken as 1970.
    pub(crate) fn from_parts(at_ms: i64, random: &[u8; 10]) -> Self {
        let millis = u64::try_from(at_ms).unwrap_or(0);
        ReviewUid(
            uuid::Builder::from_unix_timestamp_millis(millis, random)
                .into_uuid()
                .to_string(),
        )
    }

    /// Reads an id written by any library: a UUID of version 7, in any case; `None` else.
    pub fn parse(text: &str) -> Option<Self> {
        let parsed = uuid::Uuid::try_parse(text.trim()).ok()?;
        (parsed.get_version_num() == 7).then(|| ReviewUid(parsed.to_string()))
    }
}

impl std::fmt::Display for ReviewUid {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

impl ToSql for ReviewUid {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        self.0.to_sql()
    }
}

impl FromSql for ReviewUid {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        String::column_result(value).map(ReviewUid)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn review_uids_are_version_7_with_the_time_first() {
        let a = ReviewUid::from_parts(1_765_000_000_000, &[0; 10]);
        assert_eq!(a.0.len(), 36);
        assert!(a.0.starts_with("019af232-b200-7"), "{a}");
        let b = ReviewUid::from_parts(1_765_000_000_001, &[0; 10]);
        assert!(a < b, "ids sort by time");
        assert_ne!(a, ReviewUid::from_parts(1_765_000_000_000, &[1; 10]));
        assert_eq!(ReviewUid::parse(&a.0.to_uppercase()), Some(a));
        assert_eq!(
            ReviewUid::parse("67e55044-10b1-426f-9247-bb680e5fe0c8"),
            None,
            "a version 4 UUID is not an answer id"
        );
        assert_eq!(ReviewUid::parse("not an id"), None);
    }
}
