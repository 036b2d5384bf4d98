-- The columns `row_to_card` reads, with the user's edit joined in. Filters are appended by
-- the caller from internal constants only; values are bound parameters.
SELECT c.id, c.document_id, c.section_key, c.heading_path, c.tags_json, c.generator, c.kind,
       c.prompt, c.answer, c.extra_json, c.lang, c.source_line, c.status,
       o.prompt, o.answer
FROM cards c
LEFT JOIN card_overrides o ON o.card_id = c.id
LEFT JOIN documents d ON d.id = c.document_id
