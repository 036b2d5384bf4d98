-- All in one statement, for the same reason as `insert_sections.sql`.
DELETE FROM sections WHERE id IN (SELECT value FROM json_each(?1))
