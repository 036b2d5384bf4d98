-- A retired card stays retired; the choice is remembered for when its source returns.
UPDATE cards
SET is_suspended = :is_suspended,
    status = CASE
        WHEN status = 'retired' THEN 'retired'
        WHEN :is_suspended THEN 'suspended'
        ELSE 'active'
    END,
    updated_at_ms = :now_ms
WHERE id = :id
