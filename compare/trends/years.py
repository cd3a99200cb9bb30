"""The calendar the trend analyses share.

In: parsed :class:`~compare.models.Letter` objects. Out: a letter's year (the first four
digits of its ISO ``date``; a letter without a date is *undated*), letters in *date order*
(``(date, key)`` with undated letters last, ordered by key), the dated letters grouped by
year, and the check that keys are unique (every analysis raises ``ValueError`` on a
duplicate key).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence

from compare.models import Letter

_YEAR = re.compile(r"\d{4}")


def check_unique(letters: Sequence[Letter]) -> None:
    """Raise ``ValueError`` when two of ``letters`` share a key."""
    seen: set[str] = set()
    for letter in letters:
        if letter.key in seen:
            raise ValueError(f"duplicate letter key {letter.key!r}: keys must be unique")
        seen.add(letter.key)


def letter_year(letter: Letter) -> int | None:
    """The year of ``letter.date`` (its first four digits), ``None`` when undated."""
    match = _YEAR.match(letter.date or "")
    return int(match.group()) if match else None


def date_order(letters: Iterable[Letter]) -> list[Letter]:
    """``letters`` sorted by ``(date, key)``, undated letters last by key."""
    return sorted(letters, key=lambda letter: (letter.date is None, letter.date or "", letter.key))


def dated_by_year(letters: Sequence[Letter]) -> dict[int, list[Letter]]:
    """The dated letters by year, years ascending, each year's letters in date order."""
    by_year: dict[int, list[Letter]] = defaultdict(list)
    for letter in date_order(letters):
        year = letter_year(letter)
        if year is not None:
            by_year[year].append(letter)
    return dict(sorted(by_year.items()))
