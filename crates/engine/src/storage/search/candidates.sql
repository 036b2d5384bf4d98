-- The newest matches (at most :limit), unranked: ranking reads their
-- search terms afterwards (search/rank.rs). Walking the index in rowid order needs no bm25.
SELECT rowid FROM sections_fts
WHERE sections_fts MATCH :query
ORDER BY rowid DESC
LIMIT :limit
