SELECT d.id, d.title, d.path, d.origin, d.format, d.lang, d.size_bytes,
       (SELECT count(*) FROM sections s WHERE s.document_id = d.id),
       (SELECT count(*) FROM cards c WHERE c.document_id = d.id AND c.status != 'retired')
FROM documents d
ORDER BY d.origin = 'builtin' DESC, d.path
