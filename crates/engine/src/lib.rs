//! The Stratus engine: everything the study app knows and does, with no GUI dependency.
//!
//! Every caller — the `stratus` CLI, the desktop shell and the tests — goes through one
//! handle, [`Library`]. Types that cross a process boundary are serde structs defined here.

mod cards;
mod clock;
mod error;
mod exams;
mod export;
#[doc(hidden)]
pub mod fuzzing;
mod ids;
mod images;
mod import;
mod model;
mod out_file;
mod pack;
mod parse;
mod paths;
mod progress;
mod questions;
mod schedule;
mod search;
mod settings;
mod storage;
mod text;

pub use cards::{BROWSE_TEXT_CHARS, CardLintFile, CardLintReport, CardPage, CardQuery};
pub use clock::{Clock, FixedClock, SystemClock};
pub use error::{Error, ErrorKind, Result};
pub use exams::{
    AttemptQuestion, AttemptSummary, DomainResult, ExamAttempt, ExamReport, ExamStart,
    QuestionResult, ShownOption,
};
pub use export::{AnkiExportOptions, AnkiExportReport, ExportFormat};
pub use ids::{DocumentId, ReviewId, ReviewUid, SectionId};
pub use images::{
    DocumentImage, IMAGE_URL_PREFIX, IMAGE_URL_SCHEME, ImageFormat, MAX_IMAGE_BYTES, percent_decode,
};
pub use import::{
    BUILTIN_FILE_COUNT, FileOutcome, FileReport, ImportOptions, ImportProgress, ImportReport,
    ImportTotals, SkipReason,
};
pub use model::{
    AttemptId, AttemptStatus, DocumentFormat, DocumentSummary, ExamDomain, ExamGuide, ExamGuides,
    ExamMode, ImageProblem, Origin, PackProblem, Phase, Rating, ReviewAction, SectionTags,
    exam_guide, exam_guides, normalize_exam_code,
};
pub use model::{
    Card, CardEdit, CardFilter, CardId, CardKind, CardListItem, CardSkipReason, CardSort,
    CardState, CardStatus, GeneratedCard, Generator, Lang, McqOption, SkippedCard, StaleKind,
    StaleWarning,
};
pub use model::{
    GeneratedQuestion, Question, QuestionExam, QuestionFilter, QuestionId, QuestionOption,
    QuestionProblem, QuestionProblemKind, QuestionSource, SourceSection,
};
pub use pack::{
    MAX_COMPRESSION_RATIO, MAX_MANIFEST_BYTES, MAX_PACK_ENTRIES, MAX_PACK_FILE_BYTES,
    MAX_PACK_TOTAL_BYTES, PACK_META_FILE, PACK_SCHEMA_VERSION, PACKS_DIR_NAME, PackBuildReport,
    PackFile, PackInfo, PackInstallReport, PackManifest, PackMeta, PackRemoveReport, PackSummary,
    RATIO_FLOOR_BYTES, build_pack,
};
pub use paths::{
    APP_IDENTIFIER, DATA_DIR_ENV, DATABASE_FILE_NAME, DataDir, LEGACY_APP_IDENTIFIER,
    LegacyDataDir, move_legacy_data_dir,
};
pub use progress::{
    Activity, ActivityDay, DomainProgress, ExamProgress, ForecastDay, MAX_PROGRESS_FILE_BYTES,
    Mastery, PROGRESS_FILE_FORMAT, PROGRESS_FILE_VERSION, ProgressExportReport,
    ProgressImportReport, ProgressStats, Readiness, TopicProgress, WeakTopic,
};
pub use questions::heading_anchor;
pub use schedule::{
    AnswerResult, ButtonPreview, ChoiceGrade, MIN_TRAINABLE_REVIEWS, OptimizeOutcome,
    OptimizeReport, QueueKind, ReviewCard, ReviewCounts, ReviewLogEntry, ReviewNext, ReviewScope,
    ReviewSettings, ReviewSummary, SchedulerParameters, UNDO_DEPTH, UndoResult, interval_label,
    parse_steps,
};
pub use search::{
    Breadcrumb, CardSource, Correction, DocumentRef, MAX_SEARCH_LIMIT, PaletteHit, SearchHit,
    SearchQuery, SearchResults, SearchScope, SectionView, SnippetSpan, SourceCell,
};
pub use settings::{Theme, UiLanguage, UiSettings};
pub use storage::{
    BACKUP_DIR_NAME, BackupInfo, BackupReason, BackupReport, BackupSettings, Counts,
    DEFAULT_BACKUP_KEEP, DamagedLibrary, DatabaseRestoreReport, Library, LibraryInfo,
    LibraryOptions, MAX_BACKUP_KEEP, RestoreReport, SCHEMA_VERSION, backup_dir_of, list_backups,
    validate_backup,
};
