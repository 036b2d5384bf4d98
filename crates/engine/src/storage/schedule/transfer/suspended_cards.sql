SELECT id FROM cards WHERE is_suspended = 1 ORDER BY id
