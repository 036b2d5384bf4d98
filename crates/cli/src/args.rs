//! Command-line arguments. clap checks only the form of the arguments; the engine validates
//! their meaning.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

/// Stratus: offline study for AWS certification exams.
#[derive(Debug, Parser)]
#[command(name = "stratus", version, about, long_about = None)]
pub struct Args {
    /// Directory holding the library (default: the per-user app-data directory).
    #[arg(long, global = true, env = "STRATUS_DATA_DIR", value_name = "DIR")]
    pub data_dir: Option<PathBuf>,

    /// Print machine-readable JSON instead of text.
    #[arg(long, global = true)]
    pub json: bool,

    /// Act as if it were this time: `2026-12-01T09:00` (in the time zone of the review
    /// settings) or RFC 3339. Makes scripted multi-day sessions reproducible.
    #[arg(long, global = true, env = "STRATUS_NOW", value_name = "TIME")]
    pub at: Option<String>,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Show where the library lives, its schema and SQLite versions, and what it holds.
    Info,
    /// Import note files and folders (.md, .markdown, .txt; folders recursively).
    Import {
        /// Files or folders to import.
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// Remove documents under the given folders whose files no longer exist.
        #[arg(long)]
        prune: bool,
        /// Skip files larger than this many bytes.
        #[arg(long, value_name = "BYTES", default_value_t = 20 * 1024 * 1024)]
        max_file_bytes: u32,
    },
    /// Search the notes. Exits with 1 when nothing matches.
    Search {
        /// What to look for (Korean, English or both).
        #[arg(required_unless_present = "batch", conflicts_with = "batch")]
        query: Option<String>,
        /// Only sections tagged with this exam (SAA, DVA, SOA, CLF…).
        #[arg(long)]
        exam: Option<String>,
        /// Only sections of this document id.
        #[arg(long, value_name = "ID")]
        document: Option<u32>,
        /// Built-in course, imported notes, or both.
        #[arg(long, value_enum, default_value_t = Scope::All)]
        scope: Scope,
        /// At most this many results.
        #[arg(long, default_value_t = 10)]
        limit: u32,
        /// Run every line of FILE as a query; print one JSON line per query.
        #[arg(long, value_name = "FILE")]
        batch: Option<PathBuf>,
    },
    /// Rank heading paths by fuzzy match, like the app's Ctrl+K palette.
    Palette {
        /// Letters of the heading to find.
        #[arg(default_value = "")]
        query: String,
        /// At most this many results.
        #[arg(long, default_value_t = 10)]
        limit: u32,
    },
    /// Show one section, rendered to sanitized HTML.
    Show {
        /// The section id (from search or palette results).
        section_id: u32,
    },
    /// List the documents of the library (with their section and card counts), or rename one.
    Documents {
        #[command(subcommand)]
        command: Option<DocumentsCommand>,
    },
    /// Show the settings, or change them with the options below.
    Settings {
        /// Language of the desktop app's interface.
        #[arg(long, value_enum, value_name = "LANG")]
        language: Option<LangArg>,
        /// Colour theme of the desktop app.
        #[arg(long, value_enum)]
        theme: Option<ThemeArg>,
        /// Language of the built-in course notes (swaps the course in the library).
        #[arg(long, value_enum, value_name = "LANG")]
        content_language: Option<LangArg>,
    },
    /// Quiz cards generated from the notes.
    Cards {
        #[command(subcommand)]
        command: CardsCommand,
    },
    /// Review due cards: show the next one, answer, undo, suspend, bury.
    Review {
        #[command(subcommand)]
        command: ReviewCommand,
    },
    /// Back up the library now into `<data dir>/backups/` (or list the backups).
    Backup {
        /// List the backups instead, newest first.
        #[arg(long)]
        list: bool,
        /// Keep this many backups from now on (1-365; older ones are deleted).
        #[arg(long, value_name = "N")]
        keep: Option<u32>,
    },
    /// Replace the library with a backup FILE. The file must be a whole Stratus database
    /// not newer than this build; the current library is backed up first, or, when it is
    /// too damaged to open, renamed to `stratus-damaged-<time>.sqlite3` next to it. Do not
    /// run it while the desktop app has the library open.
    Restore {
        /// The backup to restore (see `stratus backup --list`).
        #[arg(value_name = "FILE")]
        file: PathBuf,
    },
    /// Fit personal scheduling parameters to the review history (kept only when better).
    Optimize {
        /// Go back to the default parameters instead.
        #[arg(long)]
        reset: bool,
    },
    /// Practice exams: start one, answer, flag, submit, and see reports and history.
    Exam {
        #[command(subcommand)]
        command: ExamCommand,
    },
    /// Exam-style questions of the library (built-in bank and your notes).
    Questions {
        #[command(subcommand)]
        command: QuestionsCommand,
    },
    /// Course packs: build one from a folder, inspect, install, list and remove them.
    Pack {
        #[command(subcommand)]
        command: crate::cmd::pack::PackCommand,
    },
    /// Export cards to other study tools.
    Export {
        #[command(subcommand)]
        command: ExportCommand,
    },
    /// Carry study progress to another computer: export it to a file, import one.
    Progress {
        #[command(subcommand)]
        command: crate::cmd::progress::ProgressCommand,
    },
    /// Progress: mastery by exam domain and topic, readiness, weakest topics, activity.
    Stats {
        /// Limit the figures to one exam (SAA, saa-c03, …).
        #[arg(long)]
        exam: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum ReviewCommand {
    /// Show the next card to review and the counts left today. Exits with 1 when none is
    /// due.
    Next {
        /// all, weakest, exam:CODE, topic:NAME or document:ID.
        #[arg(long, default_value = "all")]
        scope: String,
    },
    /// Answer a card with a rating, or with the options chosen on a multiple-choice card
    /// (graded automatically; --rating overrides the grade).
    Answer {
        card_id: String,
        /// again, hard, good or easy (or 1-4).
        #[arg(long, required_unless_present = "choice")]
        rating: Option<String>,
        /// Indices of the chosen options, as shown by `review next` (0-based, comma-separated).
        #[arg(long, value_delimiter = ',')]
        choice: Vec<u32>,
        /// How long the card was shown, in milliseconds.
        #[arg(long, default_value_t = 0)]
        duration_ms: u32,
    },
    /// Take back the last answer, bury or suspend.
    Undo,
    /// Hide a card from reviews until it is unsuspended (undoable).
    Suspend { card_id: String },
    /// Hide a card until the end of the study day (undoable).
    Bury { card_id: String },
    /// What was answered today (or since --since).
    Summary {
        /// A time as for --at.
        #[arg(long)]
        since: Option<String>,
    },
    /// Show the scheduling settings, or change the ones given.
    Settings {
        /// Recall probability to aim for (0.70-0.99).
        #[arg(long)]
        retention: Option<f64>,
        /// New cards per study day.
        #[arg(long)]
        new_per_day: Option<u32>,
        /// Review answers per study day.
        #[arg(long)]
        reviews_per_day: Option<u32>,
        /// Learning steps, like "1m 10m".
        #[arg(long)]
        learning_steps: Option<String>,
        /// Relearning steps, like "10m".
        #[arg(long)]
        relearning_steps: Option<String>,
        /// Longest interval in days.
        #[arg(long)]
        max_interval: Option<u32>,
        /// Hour a study day starts (0-23).
        #[arg(long)]
        rollover_hour: Option<u32>,
        /// IANA time zone or offset; "" for the system's.
        #[arg(long)]
        time_zone: Option<String>,
        /// Spread intervals a little.
        #[arg(long)]
        fuzz: Option<bool>,
    },
}

#[derive(Debug, Subcommand)]
pub enum ExamCommand {
    /// Start a practice exam (timed) or, with --practice, an untimed practice session;
    /// prints the attempt and its questions.
    Start {
        /// SAA-C03, DVA-C02, SOA-C03 or CLF-C02 (SAA, dva… work too).
        #[arg(long)]
        exam: String,
        /// Number of questions (default: 65 for an exam, up to 200 questions in scope for a
        /// practice); the time is the real exam's, in proportion.
        #[arg(long)]
        count: Option<u32>,
        /// Seed of the draw and of the option order, to replay a draw.
        #[arg(long)]
        seed: Option<u32>,
        /// Untimed, each answer marked and explained at once.
        #[arg(long)]
        practice: bool,
        /// Only this domain of the exam guide (practice).
        #[arg(long)]
        domain: Option<u32>,
        /// Only this topic (practice).
        #[arg(long)]
        topic: Option<String>,
        /// Also send questions answered right to the review log.
        #[arg(long)]
        review_correct: bool,
    },
    /// Answer question NUMBER (1-based) of ATTEMPT with options by letter as shown (A, B…)
    /// or by option index (0, 1… as `options[].index` in the JSON); no choice clears it.
    Answer {
        attempt: u32,
        #[arg(value_name = "NUMBER")]
        question: u32,
        #[arg(value_name = "CHOICE")]
        choices: Vec<String>,
    },
    /// Flag question NUMBER of ATTEMPT for review (--off clears the flag).
    Flag {
        attempt: u32,
        #[arg(value_name = "NUMBER")]
        question: u32,
        #[arg(long)]
        off: bool,
    },
    /// Submit ATTEMPT and print its report.
    Submit { attempt: u32 },
    /// The report of a submitted ATTEMPT, or where an attempt in progress stands.
    Show { attempt: u32 },
    /// Open an attempt in progress again after a break: its clock goes on from where the
    /// last step left it.
    Resume { attempt: u32 },
    /// Past attempts, newest first.
    History {
        /// Only this exam.
        #[arg(long)]
        exam: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum QuestionsCommand {
    /// List the questions. Exits with 1 when none matches.
    List {
        /// Only questions of this exam.
        #[arg(long)]
        exam: Option<String>,
        /// Only this domain of that exam.
        #[arg(long)]
        domain: Option<u32>,
        /// Only this topic.
        #[arg(long)]
        topic: Option<String>,
        /// At most this many.
        #[arg(long)]
        limit: Option<u32>,
    },
}

#[derive(Debug, Subcommand)]
pub enum DocumentsCommand {
    /// List the documents (the default).
    List,
    /// Give an imported document a title of your own; it stays when the file is imported again.
    Rename {
        /// The document id (from `stratus documents`).
        id: u32,
        /// The new title.
        title: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum CardsCommand {
    /// Show which lines of note files make which cards, and what is skipped and why,
    /// without importing anything. Exits with 1 when no card is made.
    Lint {
        /// Note files or folders (.md, .markdown, .txt).
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
    },
    /// List the cards of the library with their schedule, filtered, sorted and paged.
    /// Without `--state` or `--all`, only cards that may be reviewed (not suspended or
    /// retired). Exits with 1 when none matches.
    List {
        /// Only cards of sections tagged with this exam (SAA, DVA, SOA, CLF…).
        #[arg(long)]
        exam: Option<String>,
        /// Only cards with this topic or service tag (s3, pricing), or from a file whose
        /// path contains it.
        #[arg(long)]
        topic: Option<String>,
        /// Only cards of this document id.
        #[arg(long, value_name = "ID")]
        document: Option<u32>,
        /// Only cards in this state; repeat for several.
        #[arg(long, value_enum, value_name = "STATE", conflicts_with = "all")]
        state: Vec<StateArg>,
        /// Only scheduled cards due before this time (2026-12-01, 2026-12-01T09:00, RFC 3339).
        #[arg(long, value_name = "TIME")]
        due_before: Option<String>,
        /// Only cards forgotten at least this many times.
        #[arg(long, value_name = "N")]
        min_lapses: Option<u32>,
        /// Only cards whose prompt or answer contains this text (any case).
        #[arg(long)]
        text: Option<String>,
        /// Order of the list.
        #[arg(long, value_enum, default_value = "document")]
        sort: SortArg,
        /// Reverse the order.
        #[arg(long)]
        desc: bool,
        /// Also list suspended and retired cards.
        #[arg(long)]
        all: bool,
        /// Skip this many cards first.
        #[arg(long, default_value_t = 0)]
        offset: u32,
        /// At most this many cards.
        #[arg(long)]
        limit: Option<u32>,
    },
    /// Suspend cards: they leave reviews (keeping their history) until unsuspended.
    Suspend {
        /// Card ids.
        #[arg(required = true, value_name = "ID")]
        card_ids: Vec<String>,
    },
    /// Bring suspended cards back into reviews.
    Unsuspend {
        /// Card ids.
        #[arg(required = true, value_name = "ID")]
        card_ids: Vec<String>,
    },
}

/// A card state for `cards list --state`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StateArg {
    New,
    Learning,
    Review,
    Relearning,
    Suspended,
    Buried,
    Retired,
}

/// A sort order for `cards list --sort`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SortArg {
    Due,
    Prompt,
    Document,
    Lapses,
    Interval,
    Created,
}

#[derive(Debug, Subcommand)]
pub enum ExportCommand {
    /// Write the active cards as an Anki deck package (.apkg: Basic and Cloze notes, tags
    /// for exam, domain and topic). Importing a newer export into Anki updates the notes of
    /// the earlier one instead of adding copies.
    Anki {
        /// Only cards of sections tagged with this exam (SAA, DVA, SOA, CLF…).
        #[arg(long)]
        exam: Option<String>,
        /// Only cards with this topic or service tag (s3, pricing), or from a file whose
        /// path contains it.
        #[arg(long)]
        topic: Option<String>,
        /// The file to write; an existing file is kept unless --force is given.
        #[arg(short, long, value_name = "FILE")]
        output: PathBuf,
        /// Replace the file if it exists.
        #[arg(long)]
        force: bool,
        /// Write a plain CSV file instead (guid, card_id, note_type, front, back, source,
        /// deck, tags).
        #[arg(long)]
        csv: bool,
    },
}

/// A language option.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LangArg {
    Ko,
    En,
}

/// A theme option.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ThemeArg {
    System,
    Light,
    Dark,
}

/// Which documents to search.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Scope {
    All,
    Builtin,
    Imported,
}
