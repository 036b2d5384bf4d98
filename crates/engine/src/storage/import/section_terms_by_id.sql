-- The search terms of sections given as a JSON array of ids.
SELECT heading_terms, body_terms FROM sections WHERE id IN (SELECT value FROM json_each(?1))
