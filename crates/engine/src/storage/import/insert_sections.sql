-- The start of a multi-row insert; `replace_sections` appends one `(?, …)` tuple per section in
-- the order of the column list. One statement per batch matters for speed: the FTS5 trigger
-- flushes the index's pending terms to a new segment at the start of every statement that
-- opens a statement savepoint, so a row per statement would write (and later merge) one index
-- segment per section.
INSERT INTO sections (document_id, section_key, heading_key, position, level, heading, heading_path,
                      body, markdown, tags_json, line_start, line_end, heading_terms, body_terms)
VALUES
