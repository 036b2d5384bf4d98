//! Search queries: any text a learner can type, run against a library holding the built-in
//! course (both languages), built once per process. A search and the heading palette must
//! answer every string; an FTS5 syntax error would come back as an `Err` and fail here.
//! The first byte chooses the filters: exam, scope, limit and document.
#![no_main]

use libfuzzer_sys::fuzz_target;
use stratus_engine::{
    DocumentId, Library, LibraryOptions, MAX_SEARCH_LIMIT, SearchQuery, SearchScope,
};

const EXAMS: [Option<&str>; 5] = [None, Some("SAA"), Some("dva-c02"), Some("CLF"), Some("SOA")];
const SCOPES: [SearchScope; 3] = [
    SearchScope::All,
    SearchScope::Builtin,
    SearchScope::Imported,
];
const LIMITS: [u32; 4] = [20, 1, 0, 1000];

thread_local! {
    static LIBRARY: Library = {
        let mut library = Library::open_in_memory(LibraryOptions::default()).expect("open");
        library.sync_builtin().expect("import the built-in course");
        library
    };
}

fuzz_target!(|data: &[u8]| {
    let Some((&flags, bytes)) = data.split_first() else {
        return;
    };
    let text = String::from_utf8_lossy(bytes).into_owned();
    let flags = usize::from(flags);
    let query = SearchQuery {
        text,
        exam: EXAMS[(flags & 7) % EXAMS.len()].map(str::to_string),
        document_id: (flags & 0x80 != 0).then_some(DocumentId(1)),
        scope: SCOPES[((flags >> 3) & 3) % SCOPES.len()],
        limit: LIMITS[(flags >> 5) & 3],
    };
    LIBRARY.with(|library| {
        let results = library
            .search(&query)
            .unwrap_or_else(|e| panic!("search {query:?} failed: {e}"));
        assert!(results.hits.len() <= query.limit.clamp(1, MAX_SEARCH_LIMIT) as usize);
        for hit in &results.hits {
            assert!(hit.line_start <= hit.line_end, "{hit:?}");
        }
        let hits = library
            .palette(&query.text, query.limit)
            .unwrap_or_else(|e| panic!("palette {:?} failed: {e}", query.text));
        assert!(hits.len() <= query.limit.clamp(1, 500) as usize);
    });
});
