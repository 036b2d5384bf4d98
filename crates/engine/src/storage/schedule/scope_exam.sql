  -- instr rejects most rows cheaply; json_each makes the match exact.
  AND instr(c.tags_json, :exam_quoted) > 0
  AND EXISTS (SELECT 1 FROM json_each(c.tags_json, '$.exams') WHERE value = :exam)
