-- The rowid of the :offset-th newest match (0-based) from :min_rowid up, walking the index
-- without ranking.
SELECT rowid FROM sections_fts
WHERE sections_fts MATCH :query AND rowid >= :min_rowid
ORDER BY rowid DESC
LIMIT 1 OFFSET :offset
