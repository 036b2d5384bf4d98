DELETE FROM packs WHERE name = ?1
