INSERT INTO sections (document_id, section_key, heading_key, position, level, heading, heading_path,
                      body, markdown, tags_json, line_start, line_end, heading_terms, body_terms)
VALUES (:document_id, :section_key, :heading_key, :position, :level, :heading, :heading_path,
        :body, :markdown, :tags_json, :line_start, :line_end, :heading_terms, :body_terms)
