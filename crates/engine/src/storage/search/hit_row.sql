SELECT s.level, s.heading, s.heading_path, s.tags_json, s.body, s.line_start, s.line_end,
       d.id, d.title, d.path, d.origin, s.markdown, s.section_key, d.format, s.position
FROM sections s JOIN documents d ON d.id = s.document_id
WHERE s.id = ?1
