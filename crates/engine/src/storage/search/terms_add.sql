-- Adds section counts per term, given as a JSON object {term: sections}.
INSERT INTO search_terms (term, sections)
SELECT key, value FROM json_each(?1) WHERE true
ON CONFLICT (term) DO UPDATE SET sections = sections + excluded.sections
