SELECT term, sections FROM search_terms
WHERE term >= ?1 AND term < ?2 AND length(term) BETWEEN ?3 AND ?4
