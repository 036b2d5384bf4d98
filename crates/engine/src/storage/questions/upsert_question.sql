INSERT INTO questions (
    id, document_id, section_key, heading_key, heading_path, lang, source_line, position,
    stem, choose, option_count, options, explanation, topic, source_path, source_anchor, is_new,
    is_active, created_at_ms, updated_at_ms
) VALUES (
    :id, :document_id, :section_key, :heading_key, :heading_path, :lang, :source_line,
    :position, :stem, :choose, :option_count, :options, :explanation, :topic, :source_path, :source_anchor,
    :is_new, 1, :now_ms, :now_ms
)
ON CONFLICT (id) DO UPDATE SET
    document_id = excluded.document_id,
    section_key = excluded.section_key,
    heading_key = excluded.heading_key,
    heading_path = excluded.heading_path,
    lang = excluded.lang,
    source_line = excluded.source_line,
    position = excluded.position,
    stem = excluded.stem,
    choose = excluded.choose,
    option_count = excluded.option_count,
    options = excluded.options,
    explanation = excluded.explanation,
    topic = excluded.topic,
    source_path = excluded.source_path,
    source_anchor = excluded.source_anchor,
    is_new = excluded.is_new,
    is_active = 1,
    updated_at_ms = excluded.updated_at_ms
