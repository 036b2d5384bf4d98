  AND c.status = 'active'
  AND (s.buried_day IS NULL OR s.buried_day < :today)
  AND (:exam IS NULL
       OR EXISTS (SELECT 1 FROM json_each(c.tags_json, '$.exams') WHERE value = :exam))
  AND (:topic IS NULL
       OR EXISTS (SELECT 1 FROM json_each(c.tags_json, '$.topics') WHERE lower(value) = :topic)
       OR EXISTS (SELECT 1 FROM json_each(c.tags_json, '$.services') WHERE lower(value) = :topic))
  AND (:document_id IS NULL OR c.document_id = :document_id)
