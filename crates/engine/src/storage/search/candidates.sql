-- The newest matches (at most :limit) of the FTS5 index `fts_index` (sections_fts or
-- headings_fts, put in by `Index::sql`), unranked: ranking reads their search terms
-- afterwards (search/rank.rs). Walking the index in rowid order needs no bm25.
SELECT rowid FROM fts_index
WHERE fts_index MATCH :query
ORDER BY rowid DESC
LIMIT :limit
