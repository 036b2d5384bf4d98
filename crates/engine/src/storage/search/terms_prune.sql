-- Deletes the terms of a JSON object {term: sections} that no section holds any more.
DELETE FROM search_terms
WHERE term IN (SELECT key FROM json_each(?1)) AND sections <= 0
