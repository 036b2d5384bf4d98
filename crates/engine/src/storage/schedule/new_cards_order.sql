-- New cards in turns across sections (issue #17): a card's turn is its place in its section
-- (counted from the section's first card, answered ones included, so a section does not come
-- first again once its first card is learnt; one seek of `cards_by_document` per card); the
-- first card of every section comes before any second one. Within a turn, sections follow
-- their key (a hash of their content): stable, and documents and topics mixed rather than
-- one table after another.
ORDER BY c.position - (SELECT min(c2.position) FROM cards c2
                       WHERE c2.document_id = c.document_id AND c2.heading_key = c.heading_key),
         c.section_key, s.rowid
