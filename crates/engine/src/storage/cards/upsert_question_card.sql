-- The card of a question (generator 'question'), made from the stored question. A card made
-- before keeps its history and the learner's suspension; its text follows the question. A
-- question no longer in its note writes nothing.
INSERT INTO cards (id, document_id, section_key, heading_key, heading_path, generator, kind,
                   prompt, answer, extra_json, tags_json, lang, source_line, position, status,
                   created_at_ms, updated_at_ms)
SELECT :card_id, q.document_id, q.section_key, q.heading_key, q.heading_path, 'question', 'mcq',
       q.stem, :answer, :extra, :tags, q.lang, q.source_line, q.position, 'active',
       :now_ms, :now_ms
FROM questions q
WHERE q.id = :question_id AND q.is_active = 1
ON CONFLICT (id) DO UPDATE SET
    document_id = excluded.document_id,
    section_key = excluded.section_key,
    heading_key = excluded.heading_key,
    heading_path = excluded.heading_path,
    prompt = excluded.prompt,
    answer = excluded.answer,
    extra_json = excluded.extra_json,
    tags_json = excluded.tags_json,
    lang = excluded.lang,
    source_line = excluded.source_line,
    status = CASE WHEN cards.is_suspended THEN 'suspended' ELSE 'active' END,
    updated_at_ms = excluded.updated_at_ms
