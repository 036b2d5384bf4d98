SELECT term, doc FROM sections_vocab
WHERE term >= ?1 AND term < ?2 AND length(term) BETWEEN ?3 AND ?4
