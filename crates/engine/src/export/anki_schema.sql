-- The tables of an Anki collection in the legacy layout (schema version 11) that .apkg
-- files carry as `collection.anki2`. Anki upgrades it to its current schema on import.
-- Column names and order are Anki's; types as Anki declares them.

CREATE TABLE col (
    id      integer PRIMARY KEY,
    crt     integer NOT NULL,  -- creation time, seconds
    mod     integer NOT NULL,  -- last change, milliseconds
    scm     integer NOT NULL,  -- last schema change, milliseconds
    ver     integer NOT NULL,  -- schema version: 11
    dty     integer NOT NULL,
    usn     integer NOT NULL,
    ls      integer NOT NULL,
    conf    text    NOT NULL,  -- JSON: collection settings
    models  text    NOT NULL,  -- JSON: note types by id
    decks   text    NOT NULL,  -- JSON: decks by id
    dconf   text    NOT NULL,  -- JSON: deck options by id
    tags    text    NOT NULL
);

CREATE TABLE notes (
    id      integer PRIMARY KEY,
    guid    text    NOT NULL,  -- stable across exports: what Anki matches on import
    mid     integer NOT NULL,  -- note type id
    mod     integer NOT NULL,  -- seconds
    usn     integer NOT NULL,
    tags    text    NOT NULL,  -- space-separated, with a space at each end
    flds    text    NOT NULL,  -- fields joined by U+001F
    sfld    integer NOT NULL,  -- sort field as text (SQLite keeps the text)
    csum    integer NOT NULL,  -- checksum of the first field
    flags   integer NOT NULL,
    data    text    NOT NULL
);

CREATE TABLE cards (
    id      integer PRIMARY KEY,
    nid     integer NOT NULL,
    did     integer NOT NULL,
    ord     integer NOT NULL,
    mod     integer NOT NULL,
    usn     integer NOT NULL,
    type    integer NOT NULL,  -- 0: new
    queue   integer NOT NULL,  -- 0: new
    due     integer NOT NULL,  -- new cards: position
    ivl     integer NOT NULL,
    factor  integer NOT NULL,
    reps    integer NOT NULL,
    lapses  integer NOT NULL,
    left    integer NOT NULL,
    odue    integer NOT NULL,
    odid    integer NOT NULL,
    flags   integer NOT NULL,
    data    text    NOT NULL
);

CREATE TABLE revlog (
    id      integer PRIMARY KEY,
    cid     integer NOT NULL,
    usn     integer NOT NULL,
    ease    integer NOT NULL,
    ivl     integer NOT NULL,
    lastIvl integer NOT NULL,
    factor  integer NOT NULL,
    time    integer NOT NULL,
    type    integer NOT NULL
);

CREATE TABLE graves (
    usn     integer NOT NULL,
    oid     integer NOT NULL,
    type    integer NOT NULL
);

CREATE INDEX ix_notes_usn ON notes (usn);
CREATE INDEX ix_cards_usn ON cards (usn);
CREATE INDEX ix_revlog_usn ON revlog (usn);
CREATE INDEX ix_cards_nid ON cards (nid);
CREATE INDEX ix_cards_sched ON cards (did, queue, due);
CREATE INDEX ix_revlog_cid ON revlog (cid);
CREATE INDEX ix_notes_csum ON notes (csum);
