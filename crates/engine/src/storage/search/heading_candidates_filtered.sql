SELECT headings_fts.rowid
FROM headings_fts
JOIN sections s ON s.id = headings_fts.rowid
JOIN documents d ON d.id = s.document_id
WHERE headings_fts MATCH :query
  AND (:exam IS NULL OR EXISTS (SELECT 1 FROM json_each(s.tags_json, '$.exams') WHERE value = :exam))
  AND (:document_id IS NULL OR s.document_id = :document_id)
  AND (:is_builtin IS NULL OR (d.origin = 'builtin') = :is_builtin)
ORDER BY headings_fts.rowid DESC
LIMIT :limit
