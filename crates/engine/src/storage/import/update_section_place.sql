-- Same key means same heading path and same normalized text: only the place, tags and the
-- exact source can differ, so the search terms (and the FTS index) are left alone.
UPDATE sections
SET position = :position, level = :level, heading = :heading, heading_path = :heading_path,
    body = :body, markdown = :markdown, tags_json = :tags_json, line_start = :line_start,
    line_end = :line_end, heading_key = :heading_key
WHERE id = :id
