SELECT s.id, s.heading_path
FROM documents d
JOIN sections s ON s.document_id = d.id
WHERE d.path = ?1
ORDER BY d.origin = 'builtin' DESC, s.position
