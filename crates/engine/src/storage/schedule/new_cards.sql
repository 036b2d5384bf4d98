-- New cards, taken in the order their notes were imported (rowid).
WHERE s.phase = 'new' AND s.is_active = 1 AND s.due_at_ms <= :until
