-- A card generated again keeps its row, its creation time and the user's suspension; its
-- text, place and tags follow the note. `updated_at_ms` moves only when what is asked changed.
-- A card whose line states an outdated fact is inserted suspended, and an existing card is
-- suspended the first time it gets such a warning; unsuspending it afterwards sticks.
-- `write_document_cards` puts one `(?, …)` tuple per card in place of `rows`.
INSERT INTO cards (id, document_id, section_key, heading_key, heading_path, generator, kind,
                   prompt, answer, extra_json, tags_json, lang, source_line, position, status,
                   is_suspended, created_at_ms, updated_at_ms)
VALUES
rows
ON CONFLICT (id) DO UPDATE SET
    document_id = excluded.document_id,
    section_key = excluded.section_key,
    heading_key = excluded.heading_key,
    heading_path = excluded.heading_path,
    generator = excluded.generator,
    kind = excluded.kind,
    prompt = excluded.prompt,
    answer = excluded.answer,
    extra_json = excluded.extra_json,
    tags_json = excluded.tags_json,
    lang = excluded.lang,
    source_line = excluded.source_line,
    position = excluded.position,
    is_suspended = cards.is_suspended
        OR (excluded.is_suspended AND instr(cards.extra_json, '"stale":') = 0),
    status = CASE
        WHEN cards.is_suspended
          OR (excluded.is_suspended AND instr(cards.extra_json, '"stale":') = 0)
        THEN 'suspended' ELSE 'active' END,
    updated_at_ms = CASE
        WHEN cards.prompt IS NOT excluded.prompt OR cards.answer IS NOT excluded.answer
          OR cards.extra_json IS NOT excluded.extra_json OR cards.status = 'retired'
        THEN excluded.updated_at_ms
        ELSE cards.updated_at_ms
    END
