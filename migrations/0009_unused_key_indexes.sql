-- Stratus schema, version 9: drops two indexes on content hashes that no query reads.
-- Sections are found by document and position, and cards by id or by document and heading;
-- nothing looks a row up by `section_key` alone. Each index cost one insert at a random
-- place of a b-tree per section or card written by an import.
-- Shipped migrations are never edited; fix forward.

DROP INDEX sections_by_key;
DROP INDEX cards_by_section;
