WHERE q.is_active = 1
  AND (:exam IS NULL OR EXISTS (
        SELECT 1 FROM question_exams e
        WHERE e.question_id = q.id AND e.exam = :exam
          AND (:domain IS NULL OR e.domain = :domain)))
  AND (:topic IS NULL OR lower(q.topic) = :topic)
  AND (:lang IS NULL OR q.lang = :lang)
ORDER BY d.origin = 'builtin' DESC, d.path, q.position
LIMIT :limit
