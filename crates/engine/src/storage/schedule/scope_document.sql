  AND c.document_id = :document_id
