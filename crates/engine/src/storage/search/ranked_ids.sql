-- Only ids and ranks go through the sort; the hits' text is read afterwards, for the top few.
-- `+rank` makes the ORDER BY an expression, so SQLite keeps the best :limit rows in a small
-- heap instead of FTS5 sorting every match by rank; `rank` is still the table's configured
-- bm25 (migrations/0002). :min_rowid bounds the rows scored (0 for all).
SELECT rowid, rank FROM sections_fts
WHERE sections_fts MATCH :query AND rowid >= :min_rowid
ORDER BY +rank
LIMIT :limit
