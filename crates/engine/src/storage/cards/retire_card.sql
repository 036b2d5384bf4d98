UPDATE cards SET status = 'retired', updated_at_ms = ?2 WHERE id = ?1
