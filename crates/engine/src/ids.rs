//! Typed row ids, so a section id cannot be passed where a document id is expected. They are
//! SQLite rowids, which stay far below `u32::MAX` in a study library, and travel to the UI as
//! plain numbers.

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
