"""Dates written the ways letters write them, to ISO ``YYYY-MM-DD``.

A letter's date is a *line* that is a date (optionally with a place before it, a weekday, a
"Posted on" lead or a trailing "| category"), never a date inside a sentence: that is how
``parse_date_line`` tells the letter's date from a court date mentioned in its body.
English month names come from :data:`compare.text.MONTHS`; nothing is downloaded or guessed
beyond these patterns.
"""

from __future__ import annotations

import calendar
import re
from datetime import date

from compare.text import MONTH_PATTERN, MONTHS

_MONTH = r"(?P<month>" + MONTH_PATTERN + r")\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_WEEKDAY = r"(?:(?:" + "|".join(d.lower() for d in calendar.day_name) + r"),?\s+)?"

_DATE_PATTERNS = [
    re.compile(_WEEKDAY + _DAY + r"\s+(?:of\s+)?" + _MONTH + r",?\s+" + _YEAR, re.I),
    re.compile(_WEEKDAY + _MONTH + r"\s+" + _DAY + r",?\s+" + _YEAR, re.I),
    re.compile(r"(?P<year>(?:19|20)\d\d)-(?P<month>[01]?\d)-(?P<day>[0-3]?\d)"),
]
_LEADS = re.compile(r"^(?:posted|published|dated|updated|date)(?:\s+on)?\s*:?\s*|^on\s+", re.I)
_TAIL = re.compile(r"\s*(?:\||·|•|—|–|-)\s*[^|]{0,40}$")
_PLACE = re.compile(r"^[A-Z][\w .'’-]{0,40},\s*")


def _to_iso(match: re.Match[str]) -> str | None:
    month_text = match.group("month").lower().rstrip(".")
    month = MONTHS.get(month_text) if not month_text.isdigit() else int(month_text)
    try:
        return date(int(match.group("year")), month or 0, int(match.group("day"))).isoformat()
    except ValueError:
        return None


def parse_date(text: str) -> str | None:
    """ISO date when the *whole* of ``text`` is one date, else ``None``."""
    text = text.strip().strip(".,;")
    for pattern in _DATE_PATTERNS:
        match = pattern.fullmatch(text)
        if match:
            return _to_iso(match)
    return None


def parse_date_line(line: str) -> str | None:
    """ISO date when ``line`` is a dateline: "10 November 2014", "December 5, 2022",
    "New York, 10 November 2014", "Posted on Oct 14, 2020", "Oct 14, 2020 | News".

    Returns ``None`` for anything else, including sentences that merely contain a date.
    """
    text = line.strip()
    if not text or len(text) > 80:
        return None
    text = _LEADS.sub("", text)
    candidates = [text, _TAIL.sub("", text)]
    candidates += [_PLACE.sub("", c, count=1) for c in candidates]
    for candidate in candidates:
        found = parse_date(candidate)
        if found:
            return found
    return None


def find_dates(text: str) -> list[tuple[str, str]]:
    """Every date mentioned in running text, as ``(as written, ISO)`` pairs in order."""
    found: list[tuple[int, str, str]] = []
    for pattern in _DATE_PATTERNS:
        for match in pattern.finditer(text):
            iso = _to_iso(match)
            if iso:
                found.append((match.start(), match.group(0), iso))
    found.sort()
    return [(written, iso) for _, written, iso in found]
