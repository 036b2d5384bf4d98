SELECT s.id
FROM cards c
JOIN sections s ON s.document_id = c.document_id AND s.heading_key = c.heading_key
WHERE c.id = ?1
ORDER BY s.position
LIMIT 1
