SELECT s.id, s.heading_path, d.title, d.origin
FROM sections s JOIN documents d ON d.id = s.document_id
ORDER BY d.origin = 'builtin' DESC, d.path, s.position
