"""Dates written the ways letters write them, to ISO ``YYYY-MM-DD``.

A letter's date is a *line* that is a date (optionally with a place before it, a weekday, a
"Posted on" label, a time, an author or a trailing "| category"), never a date inside a
sentence: that is how :func:`parse_date_line` tells the letter's date from a court date
mentioned in its body. A long line is a dateline only when it *starts* with a labelled date
("Posted on 3 May 2021 by …") or a place and date set off by brackets, a colon or a dash
("(Lisbon/Nairobi, 9 April 2018): …", "NAIROBI (9 April 2018) – …").

Month names: English from :data:`compare.text.MONTHS`, other languages (and their weekday
names, the labels, leads and words around a date) from ``data/months.toml``, read through
:mod:`compare.datafiles`. Numeric dates: ISO ``2021-05-13`` (a time after it allowed),
``2021/05/13`` and the day-month forms ``13/05/2021``, ``13.05.2021``, ``13. 5. 2021``,
``13-05-2021``, read day first unless ``dayfirst=False``; a form that can only be read one way
(``05/13/2021``) is read that way whatever ``dayfirst`` says.
"""

from __future__ import annotations

import calendar
import os
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from compare.datafiles import DataTable, load_data, table, words
from compare.text import MONTHS, strip_accents

_ENGLISH_MONTHS = [calendar.month_name[n].lower() for n in range(1, 13)]
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_HAS_YEAR = re.compile(r"(?:19|20)\d\d")


@dataclass(frozen=True)
class DateWords:
    """The compiled word lists of ``months.toml`` (plus the English names)."""

    months: dict[str, int]
    patterns: tuple[re.Pattern[str], ...]
    label: re.Pattern[str]
    lead: re.Pattern[str]
    place_joiner: re.Pattern[str]
    time_tail: re.Pattern[str]
    author_tail: re.Pattern[str]
    lead_words: frozenset[str]


def _alternation(items: list[str]) -> str:
    """A regex alternation of ``items``, longest first (so "června" is tried before "červen")."""
    return "(?:" + "|".join(re.escape(i) for i in sorted(set(items), key=len, reverse=True)) + ")"


def _month_names(raw: DataTable) -> dict[str, int]:
    """English and listed month names, lower case, with their accent-free forms, to numbers;
    :class:`~compare.errors.DataFileError` for an unknown month key or a name given two
    months."""
    names = dict(MONTHS)
    origin = dict.fromkeys(MONTHS, "English")
    months = table(raw, "months")
    for language in months:
        listed = table(months, language)
        for key in listed:
            if key not in _ENGLISH_MONTHS:
                raise listed.error(f"{key!r} is not a month (use january … december)")
            number = _ENGLISH_MONTHS.index(key) + 1
            for name in words(listed, key):
                form = unicodedata.normalize("NFC", name.strip().rstrip(".").lower())
                for variant in {form, strip_accents(form)}:
                    if names.get(variant, number) != number:
                        raise listed.error(
                            f"{key!r}: {name!r} is month {names[variant]} in {origin[variant]}"
                        )
                    names[variant] = number
                    origin.setdefault(variant, f"[months.{language}]")
    return names


def date_words_from(raw: DataTable) -> DateWords:
    """The date words of a parsed ``months.toml``; a missing or malformed entry raises
    :class:`~compare.errors.DataFileError` naming it."""
    months = _month_names(raw)
    weekdays = [d.lower() for d in (*calendar.day_name, *calendar.day_abbr)] + ["tues", "thurs"]
    listed_days = table(raw, "weekdays")
    for language in listed_days:
        for name in words(listed_days, language):
            form = unicodedata.normalize("NFC", name.lower())
            weekdays += [form, strip_accents(form)]
    line = table(raw, "dateline")
    connectors = _alternation(words(line, "connectors"))
    year_words = _alternation(words(line, "year_words"))
    month = r"(?P<month>" + _alternation(list(months)) + r")\.?"
    day = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th|er|\.?º|°)?(?:\.\s*|\s+)"
    weekday = r"(?:" + _alternation(weekdays) + r"\.?,?\s+)?"
    year = _YEAR + r"(?:\s*" + year_words + r"(?!\w))?"
    patterns = (
        # 13 May 2021, 3rd of March 2021, 13. Mai 2021, 13 de mayo de 2021, 13 мая 2021 г.
        re.compile(
            r"(?<![\w.])"
            + weekday
            + day
            + r"(?:"
            + connectors
            + r"\s+)?"
            + month
            + r",?\s+(?:"
            + connectors
            + r"\s+)?"
            + year,
            re.I,
        ),
        # May 13, 2021; Friday, March 8, 2019
        re.compile(
            r"(?<!\w)" + weekday + month + r"\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)?,?\s+" + year,
            re.I,
        ),
        # 2021-05-13 (a time after it allowed), 2021/05/13, 2021.05.13
        re.compile(
            r"(?<![\d.])" + _YEAR + r"(?P<sep>[-/.])(?P<month>[01]?\d)(?P=sep)(?P<day>[0-3]?\d)"
            r"(?:[T ]\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:Z|[+-]\d\d:?\d\d)?)?(?![\d])"
        ),
        # 13/05/2021, 13.05.2021, 13. 5. 2021, 13-05-2021 (order settled by _numeric)
        re.compile(
            r"(?<![\d.,/-])(?P<a>[0-3]?\d)(?:(?P<sep>[/-])|\.\s?)(?P<b>[0-3]?\d)"
            r"(?(sep)(?P=sep)|\.\s?)" + year + r"(?![\d])",
            re.I,
        ),
    )
    labels = words(line, "labels")
    leads = words(line, "leads")
    time_leads = _alternation(words(line, "time_leads"))
    return DateWords(
        months=months,
        patterns=patterns,
        label=re.compile(r"^[^\w(]*" + _alternation(labels) + r"(?:\s*:\s*|\s+)", re.I),
        lead=re.compile(r"^[^\w(]*" + _alternation(labels + leads) + r"(?:\s*:\s*|\s+)", re.I),
        place_joiner=re.compile(
            r"^[^\W\d_][\w .'’/-]{0,40}?\s+" + _alternation(words(line, "place_joiners")) + r"\s+",
            re.I,
        ),
        time_tail=re.compile(
            r",?\s*(?:" + time_leads + r"\s+)?\d{1,2}\s?[:.h]\s?\d\d(?:[:.]\d\d)?"
            r"(?:\s*(?:[aApP]\.?\s?[mM]\.?|h|[Uu]hr|ч\.?))?"
            r"(?:\s*\(?(?:[A-Z]{2,5})(?:[+-]\d{1,2}(?::?\d\d)?)?\)?)?$"
        ),
        author_tail=re.compile(
            r",?\s+" + _alternation(words(line, "authors")) + r"\s+[^|.,;:]{1,40}$", re.I
        ),
        lead_words=frozenset(w.casefold() for w in leads + labels),
    )


@lru_cache(maxsize=1)
def date_words() -> DateWords:
    """The packaged date words (read once)."""
    return date_words_from(load_data("months"))


def _month_number(text: str) -> int | None:
    if text.isdigit():
        return int(text)
    form = unicodedata.normalize("NFC", text.lower().rstrip("."))
    months = date_words().months
    return months.get(form) or months.get(strip_accents(form))


def default_dayfirst() -> bool:
    """Whether an ambiguous numeric date is read day first when no caller says: yes, unless
    ``$COMPARE_DATE_ORDER`` is ``mdy`` (the CLI's ``--monthfirst`` sets it)."""
    return os.environ.get("COMPARE_DATE_ORDER", "dmy").lower() != "mdy"


def _to_iso(match: re.Match[str], dayfirst: bool | None = None) -> str | None:
    groups = match.groupdict()
    if groups.get("a") is not None:
        first, second = int(groups["a"]), int(groups["b"])
        if dayfirst is None:
            dayfirst = default_dayfirst()
        if first > 12 or (dayfirst and second <= 12):
            day, month = first, second
        else:
            month, day = first, second
    else:
        day, month = int(groups["day"]), _month_number(groups["month"]) or 0
    try:
        return date(int(groups["year"]), month, day).isoformat()
    except ValueError:
        return None


def parse_date(text: str, *, dayfirst: bool | None = None) -> str | None:
    """ISO date when the *whole* of ``text`` is one date, else ``None``.

    ``dayfirst`` reads an ambiguous numeric date (``03/05/2021``) as day/month (True, the
    default) or month/day (False)."""
    text = unicodedata.normalize("NFC", text.strip().strip(".,;:").strip())
    for pattern in date_words().patterns:
        match = pattern.fullmatch(text)
        if match:
            return _to_iso(match, dayfirst)
    return None


_BULLET_MARK = re.compile(r"^[•·▪◦‣●○■□*\-–—>]+\s+")
_SEPARATED_TAIL = re.compile(r"(?:\s*[|·•]|\s+[-–—]|[–—])\s*[^|]{0,40}$")
_BRACKETED = re.compile(r"^\((.+)\)\s*[:.,]?$")
_PLACE_BRACKETED = re.compile(r"^[^\W\d_][^()]{0,40}?\s*\((.+)\)\s*[:.,–—-]?$")
_PLACE = re.compile(r"^[^\W\d_][\w .'’/()-]{0,40}?,\s*")
_LABELLED_START = re.compile(
    r"^(\([^()]{6,80}\)|[^:()–—]{4,60}?(?:\([^()]{6,60}\))?)(?::|\s[-–—]|[–—])\s"
)


def _variants(text: str) -> list[str]:
    """``text`` and what is left of it with a label or lead, brackets, a place, a trailing
    separator and category, an author and a time removed, in every combination."""
    dw = date_words()
    seen = [text]
    i = 0
    while i < len(seen) and len(seen) < 64:
        current = seen[i]
        i += 1
        found: list[str] = []
        found.append(dw.lead.sub("", current, count=1))
        for pattern in (_BRACKETED, _PLACE_BRACKETED):
            match = pattern.match(current)
            if match:
                found.append(match.group(1))
        if current[:1].isupper():
            found.append(_PLACE.sub("", current, count=1))
            found.append(dw.place_joiner.sub("", current, count=1))
        for tail in (_SEPARATED_TAIL, dw.author_tail, dw.time_tail):
            found.append(tail.sub("", current, count=1))
        for candidate in found:
            candidate = candidate.strip()
            if candidate and candidate not in seen:
                seen.append(candidate)
    return seen


def parse_date_line(line: str, *, dayfirst: bool | None = None) -> str | None:
    """ISO date when ``line`` is a dateline: "4 March 2019", "December 5, 2022",
    "Nairobi, 4 March 2019", "Posted on Mar 9, 2018", "Mar 9, 2018 | News",
    "13. května 2021", "Paris, le 13 mai 2021", "📅 Date: 13/05/2021", "posted 4 Mar 2016,
    08:40 by Jane", "date: 2019-08-07"; or a long line that opens with a labelled date
    ("Posted on 13 May 2021 by … in …") or a place and date set off by brackets, a colon or a
    dash ("(Lisbon/Nairobi, 9 April 2018): The experts …").

    Returns ``None`` for anything else, including sentences that merely contain a date.
    ``dayfirst`` as in :func:`parse_date`.
    """
    text = _BULLET_MARK.sub("", unicodedata.normalize("NFC", line.strip()))
    if not text or not _HAS_YEAR.search(text):
        return None
    if len(text) > 80:
        return _labelled_start(text, dayfirst)
    for candidate in _variants(text):
        found = parse_date(candidate, dayfirst=dayfirst)
        if found:
            return found
    return None


def _labelled_start(text: str, dayfirst: bool | None) -> str | None:
    """The date a long line opens with: after a label ("Posted on 3 May 2021 by …"), or as a
    bracketed or place-and-date segment ending in ":" or a dash ("(Geneva, 3 May 2021): …")."""
    dw = date_words()
    label = dw.label.match(text)
    if label:
        rest = text[label.end() :]
        for pattern in dw.patterns:
            match = pattern.match(rest)
            if match:
                return _to_iso(match, dayfirst)
        return None
    segment = _LABELLED_START.match(text)
    if not segment:
        return None
    head = segment.group(1).strip()
    first_word = head.lstrip("(").split()[0].strip(",").casefold() if head.lstrip("(") else ""
    if first_word in dw.lead_words or not ("(" in head or "," in head):
        return None
    return parse_date_line(head, dayfirst=dayfirst)


def find_dates(text: str, *, dayfirst: bool | None = None) -> list[tuple[str, str]]:
    """Every date mentioned in running text, as ``(as written, ISO)`` pairs in order.

    ``dayfirst`` as in :func:`parse_date`."""
    if not _HAS_YEAR.search(text):
        return []  # every pattern holds a year: none can match (a quick test of most lines)
    found: list[tuple[int, str, str]] = []
    taken: list[tuple[int, int]] = []
    for pattern in date_words().patterns:
        for match in pattern.finditer(text):
            start, end = match.span()
            if any(start < e and s < end for s, e in taken):
                continue
            iso = _to_iso(match, dayfirst)
            if iso:
                found.append((start, match.group(0), iso))
                taken.append((start, end))
    found.sort()
    return [(written, iso) for _, written, iso in found]


_LEADING_MARKS = re.compile(r"^[^\w(\[]+")
_BRACKETED_TAIL = re.compile(r"\s*(?:\[[^\[\]]*\]|\([^()]*\))\s*$")
_PARAGRAPH_DATELINE = re.compile(
    r"\((?P<head>[^\W\d_][^()]{0,60}?,\s*[^()]{6,40}?)\)\s*(?::|[-–—]\s)"
)
_DATELINE_REACH = 400
"""How far into a run-in first paragraph a bracketed dateline is looked for."""


def date_in_labelled_line(line: str, *, dayfirst: bool | None = None) -> str | None:
    """The date of a line the labeller marked as the letter's date: what
    :func:`parse_date_line` reads, and also a date the line *starts* with (after bullets,
    a label or a lead such as "posted") when other text follows it, even glued to it ("2 June,
    2015Rehire …", "• 13/05/2021", "5 Feb 2019 14:20 (Lagos time)", "posted 4 Mar
    2016, 08:40 by Jane [ updated … ]"). A date further into the line is not read: only the
    label says this line is a dateline, so only its opening is trusted.

    ``dayfirst`` as in :func:`parse_date`."""
    found = parse_date_line(line, dayfirst=dayfirst)
    if found:
        return found
    text = unicodedata.normalize("NFC", line.strip())
    if not _HAS_YEAR.search(text):
        return None
    text = _LEADING_MARKS.sub("", text)
    trimmed = _BRACKETED_TAIL.sub("", text).strip()
    for candidate in dict.fromkeys((text, trimmed)):
        found = parse_date_line(candidate, dayfirst=dayfirst) if candidate else None
        if found:
            return found
    dw = date_words()
    rest = dw.lead.sub("", text, count=1).lstrip()
    for pattern in dw.patterns:
        match = pattern.match(rest)
        if match and not _goes_on(rest[match.end() :]):
            iso = _to_iso(match, dayfirst)
            if iso:
                return iso
    return None


def _goes_on(after: str) -> bool:
    """Whether the text after a date shows it is part of a number or a sentence: a digit
    right after it, or a word starting in lower case after a space or comma."""
    if after[:1].isdigit():
        return True
    word = re.match(r",?\s+([^\W\d_])", after)
    return bool(word and word.group(1).islower())


def dateline_in_paragraph(text: str, *, dayfirst: bool | None = None) -> str | None:
    """The dateline a run-in paragraph opens with: a place and date starting the paragraph
    ("NAIROBI, 9 April 2018 – …", as :func:`parse_date_line` reads long lines), or a bracketed
    place and date followed by ":" or a dash near its start, after a heading run into the same
    line ("JOINT STATEMENT … (Lisbon/Nairobi, 9 April 2018): …"). A date in a sentence is not a
    dateline and gives ``None``."""
    found = parse_date_line(text, dayfirst=dayfirst)
    if found:
        return found
    match = _PARAGRAPH_DATELINE.search(text[:_DATELINE_REACH])
    if not match:
        return None
    return parse_date_line(match.group("head"), dayfirst=dayfirst)
