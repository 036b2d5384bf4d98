-- Indexed terms starting with a prefix (?2 is the prefix followed by U+10FFFF).
SELECT term, sections FROM search_terms
WHERE term >= ?1 AND term < ?2
