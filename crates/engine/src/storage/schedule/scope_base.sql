  AND (s.buried_day IS NULL OR s.buried_day < :today)
