  AND (EXISTS (SELECT 1 FROM json_each(c.tags_json, '$.topics') WHERE lower(value) = :topic)
       OR EXISTS (SELECT 1 FROM json_each(c.tags_json, '$.services') WHERE lower(value) = :topic))
