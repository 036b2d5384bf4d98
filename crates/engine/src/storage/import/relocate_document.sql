-- A document found at a new place (its folder moved): same row, same key, new path.
UPDATE OR IGNORE documents SET path = :path, root = coalesce(:root, root) WHERE id = :id
