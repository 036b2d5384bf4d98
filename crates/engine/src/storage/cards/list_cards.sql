WHERE (:exam IS NULL
       OR EXISTS (SELECT 1 FROM json_each(c.tags_json, '$.exams') WHERE value = :exam))
  AND (:topic IS NULL
       OR EXISTS (SELECT 1 FROM json_each(c.tags_json, '$.topics') WHERE lower(value) = :topic)
       OR EXISTS (SELECT 1 FROM json_each(c.tags_json, '$.services') WHERE lower(value) = :topic)
       OR instr(lower(d.path), :topic) > 0)
  AND (:document_id IS NULL OR c.document_id = :document_id)
  AND (c.status = 'active'
       OR (:include_suspended AND c.status = 'suspended')
       OR (:include_retired AND c.status = 'retired'))
ORDER BY d.origin = 'builtin' DESC, d.path, c.position
LIMIT :limit
