FROM browsed b
WHERE (:exam IS NULL
       OR EXISTS (SELECT 1 FROM json_each(b.tags_json, '$.exams') WHERE value = :exam))
  AND (:topic IS NULL
       OR EXISTS (SELECT 1 FROM json_each(b.tags_json, '$.topics') WHERE lower(value) = :topic)
       OR EXISTS (SELECT 1 FROM json_each(b.tags_json, '$.services') WHERE lower(value) = :topic)
       OR instr(lower(b.document_path), :topic) > 0)
  AND (:document_id IS NULL OR b.document_id = :document_id)
  AND (CASE WHEN :states IS NULL THEN b.state != 'retired'
            ELSE b.state IN (SELECT value FROM json_each(:states)) END)
  AND (:due_before_ms IS NULL OR (b.phase != 'new' AND b.due_at_ms < :due_before_ms))
  AND (:min_lapses IS NULL OR b.lapses >= :min_lapses)
  AND (:text IS NULL
       OR instr(lower(b.prompt), :text) > 0
       OR instr(lower(b.answer), :text) > 0)
