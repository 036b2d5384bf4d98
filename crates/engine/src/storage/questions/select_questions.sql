SELECT q.id, q.document_id, coalesce(d.title, ''), q.heading_path, q.lang, q.source_line,
       q.stem, q.choose, q.options, q.explanation, q.topic, q.source_path, q.source_anchor,
       q.is_new, q.is_active,
       (SELECT json_group_array(json_array(e.exam, e.domain))
          FROM question_exams e WHERE e.question_id = q.id)
FROM questions q
LEFT JOIN documents d ON d.id = q.document_id
