-- The newest sections (at most :limit) with a query word in the heading, from the heading
-- index. Whether they hold every word of the query is checked with their terms after.
SELECT rowid FROM headings_fts
WHERE headings_fts MATCH :query
ORDER BY rowid DESC
LIMIT :limit
