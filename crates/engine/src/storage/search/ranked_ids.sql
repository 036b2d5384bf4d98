-- Only ids and ranks go through the sort; the hits' text is read afterwards, for the top few.
SELECT rowid, rank FROM sections_fts
WHERE sections_fts MATCH :query
ORDER BY rank
LIMIT :limit
