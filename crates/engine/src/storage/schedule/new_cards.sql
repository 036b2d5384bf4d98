-- New cards; `new_cards_order.sql` takes them in turns across sections.
WHERE s.phase = 'new' AND s.is_active = 1 AND s.due_at_ms <= :until
