-- Every active card's id and tags, for progress.
SELECT id, tags_json
FROM cards
WHERE status = 'active'
