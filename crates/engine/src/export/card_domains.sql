-- The stored tags of every card that is not retired, for the domain tags of an export
-- (`Card` carries exams and topics, not domains).
SELECT id, tags_json
FROM cards
WHERE status <> 'retired'
