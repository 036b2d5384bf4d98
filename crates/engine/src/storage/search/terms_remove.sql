-- Subtracts section counts per term, given as a JSON object {term: sections}.
UPDATE search_terms
SET sections = sections - j.value
FROM json_each(?1) AS j
WHERE search_terms.term = j.key
