"""The shape of a table: a grid of names (read cell by cell) or a table of records (read row by
row).

A signatory list is often laid out in a table of two or three columns, each cell one entry
("Org, Country"): its cells are read one line each, row by row, cell by cell. A table whose rows
are records (``name | role | comment``, ``organisation | country``) keeps each row on one line,
its cells joined by ``", "``. Which one a table is is decided by its shape, not its words:
a cell that reads as a sentence, a header row (``Name | Organisation``) or a column of
countries, numbers or dates makes a table of records.
"""

from __future__ import annotations

import re

from compare.reading.countries import fold, match_country

_MAX_WORDS = 12
_MAX_CHARS = 120
_SENTENCE = re.compile(r"[^\W\d_]{3,}[.!?;](\s|$)")  # "…our concern. We", not "Inc." "Dr."
_NUMBER_OR_DATE = re.compile(r"[\d\s./:()+-]+")
_HEADER_WORDS = (
    "name names organisation organisations organization organizations org orgs country"
    " countries role roles title position function signatory signatories signature"
    " comment comments email e-mail date affiliation city place type sector website"
    " nom prénom pays fonction ville titre signataire signataires"
    " nombre país organización cargo ciudad firma"
    " vorname land funktion stadt unterschrift"
    " nome paese città ruolo organizzazione"
    " nº no. # n°"
)
_HEADERS = frozenset(fold(word) for word in _HEADER_WORDS.split())


def is_name_grid(rows: list[list[str]]) -> bool:
    """Whether a table's non-empty cells (``rows``, each the list of a row's non-empty cells)
    are a grid of short name-like entries to read one a line: more than one cell in some row,
    no cell a sentence or long, no header row, no column of countries, numbers or dates."""
    cells = [cell for row in rows for cell in row]
    if not any(len(row) > 1 for row in rows):
        return False  # one column: a row is a cell either way
    if any(_is_prose(cell) for cell in cells):
        return False
    full = [row for row in rows if row]
    if len(full) > 1 and all(fold(cell).rstrip(":") in _HEADERS for cell in full[0]):
        return False
    width = max(len(row) for row in full)
    for column in range(1, width):
        values = [row[column] for row in full if len(row) == width]
        if len(values) >= 2 and all(_is_field(value) for value in values):
            return False
    return True


def _is_prose(cell: str) -> bool:
    return len(cell) > _MAX_CHARS or len(cell.split()) > _MAX_WORDS or bool(_SENTENCE.search(cell))


def _is_field(value: str) -> bool:
    """A country, number or date alone: a column of them is a field of records."""
    return bool(_NUMBER_OR_DATE.fullmatch(value)) or match_country(value) is not None
