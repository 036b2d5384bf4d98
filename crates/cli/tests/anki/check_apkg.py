"""Imports Anki deck packages into a fresh Anki collection with Anki's own Python package
(`anki` on PyPI) and prints what the collection holds as JSON, for crates/cli/tests/anki.rs.

Usage: check_apkg.py PACKAGE.apkg [PACKAGE.apkg ...]

Packages are imported in the order given, with Anki's default options (a note whose GUID is
already in the collection is updated when the package's copy is newer). Prints one JSON
object: `anki_version`, `imports` (per package: how many notes were new, updated,
duplicates or conflicting), `integrity` (problems Anki's database check finds), `notes`
(guid, notetype, fields by name, tags, card count, deck), `notetypes` (note count by name).
"""

import json
import sys
import tempfile
from collections import Counter
from pathlib import Path

import anki
from anki.collection import (
    Collection,
    ImportAnkiPackageOptions,
    ImportAnkiPackageRequest,
)


def main(packages):
    with tempfile.TemporaryDirectory() as tmp:
        col = Collection(str(Path(tmp) / "collection.anki2"))
        try:
            imports = []
            for package in packages:
                request = ImportAnkiPackageRequest(
                    package_path=str(Path(package).resolve()),
                    options=ImportAnkiPackageOptions(),
                )
                log = col.import_anki_package(request).log
                imports.append(
                    {
                        "package": package,
                        "new": len(log.new),
                        "updated": len(log.updated),
                        "duplicate": len(log.duplicate),
                        "conflicting": len(log.conflicting),
                        "first_field_match": len(log.first_field_match),
                        "missing_notetype": len(log.missing_notetype),
                        "missing_deck": len(log.missing_deck),
                        "empty_first_field": len(log.empty_first_field),
                    }
                )
            notes = []
            for note_id in col.find_notes(""):
                note = col.get_note(note_id)
                cards = note.cards()
                notes.append(
                    {
                        "guid": note.guid,
                        "notetype": note.note_type()["name"],
                        "fields": dict(note.items()),
                        "tags": sorted(note.tags),
                        "card_count": len(cards),
                        "decks": sorted({col.decks.name(c.did) for c in cards}),
                    }
                )
            problems, _ok = col.fix_integrity()
            result = {
                "anki_version": anki.version if hasattr(anki, "version") else None,
                "imports": imports,
                "integrity": problems,
                "notes": sorted(notes, key=lambda n: n["guid"]),
                "notetypes": dict(Counter(n["notetype"] for n in notes)),
            }
        finally:
            col.close()
    json.dump(result, sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit("usage: check_apkg.py PACKAGE.apkg [PACKAGE.apkg ...]")
    main(sys.argv[1:])
