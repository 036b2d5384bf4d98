SELECT b.id, b.kind, b.prompt, b.answer, b.document_id, b.document_title,
       (SELECT sec.id FROM sections sec
        WHERE sec.document_id = b.document_id AND sec.heading_key = b.heading_key
        ORDER BY sec.position LIMIT 1) AS section_id,
       b.heading_path, b.tags_json, b.state, b.phase, b.due_at_ms, b.interval_days,
       b.stability, b.lapses, b.reps, b.is_suspended, b.created_at_ms
