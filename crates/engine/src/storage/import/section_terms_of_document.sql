-- The search terms of every section of a document.
SELECT heading_terms, body_terms FROM sections WHERE document_id = ?1
