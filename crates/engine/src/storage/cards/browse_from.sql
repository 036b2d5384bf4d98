-- The cards the browser lists, one row each with the state it shows: retired and suspended
-- first, then buried (until the end of study day :today), then the scheduling phase. The
-- caller appends the columns or a count, then `browse_where.sql`, then an ORDER BY chosen
-- from internal constants only; every value is a bound parameter.
WITH browsed AS (
    SELECT c.id, c.kind,
           coalesce(o.prompt, c.prompt) AS prompt,
           coalesce(o.answer, c.answer) AS answer,
           c.document_id, d.title AS document_title, d.path AS document_path,
           c.heading_key, c.heading_path, c.tags_json,
           CASE
               WHEN c.status = 'retired' THEN 'retired'
               WHEN c.status = 'suspended' THEN 'suspended'
               WHEN s.buried_day IS NOT NULL AND s.buried_day >= :today THEN 'buried'
               ELSE coalesce(s.phase, 'new')
           END AS state,
           coalesce(s.phase, 'new') AS phase,
           coalesce(s.due_at_ms, 0) AS due_at_ms,
           coalesce(s.interval_days, 0) AS interval_days,
           s.stability,
           coalesce(s.lapses, 0) AS lapses,
           coalesce(s.reps, 0) AS reps,
           c.status = 'suspended' AS is_suspended,
           c.created_at_ms, c.position, c.rowid AS card_rowid
    FROM cards c
    LEFT JOIN card_states s ON s.card_id = c.id
    LEFT JOIN card_overrides o ON o.card_id = c.id
    LEFT JOIN documents d ON d.id = c.document_id
)
