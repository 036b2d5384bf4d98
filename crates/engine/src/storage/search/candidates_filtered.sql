-- As candidates.sql, keeping only the sections that pass the search filters.
SELECT fts_index.rowid
FROM fts_index
JOIN sections s ON s.id = fts_index.rowid
JOIN documents d ON d.id = s.document_id
WHERE fts_index MATCH :query
  AND (:exam IS NULL OR EXISTS (SELECT 1 FROM json_each(s.tags_json, '$.exams') WHERE value = :exam))
  AND (:document_id IS NULL OR s.document_id = :document_id)
  AND (:is_builtin IS NULL OR (d.origin = 'builtin') = :is_builtin)
ORDER BY fts_index.rowid DESC
LIMIT :limit
