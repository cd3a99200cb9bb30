"""Recognise country names in a signatory's line and give them one display form.

The names come from ``pycountry`` (loaded lazily, on the first lookup) and from
``data/countries.toml``, which adds display names ("South Korea", not "Korea, Republic of"),
short forms ("UK", "USA"), former names ("Burma") and places that are not ISO countries
("Kashmir", "Tibet").
"""

from __future__ import annotations

import gettext
import re
from functools import lru_cache
from typing import Any

from compare.datafiles import DataTable, load_data, strings, table, words
from compare.text import normalize, strip_accents

_DASHES = re.compile(r"[-_]+")
_LANGUAGES = ("fr", "es", "de", "pt", "it", "nl", "pl", "cs", "ru")
"""The languages whose names of countries (pycountry's gettext translations) are known too:
"Royaume-Uni", "España", "Deutschland", "Россия". English names win where one collides."""


def fold(text: str) -> str:
    """The form country names are compared in: :func:`compare.text.normalize` (quotes and
    dashes plain) casefolded, no diacritics, hyphens as spaces, edge punctuation and a
    leading "the" dropped."""
    text = strip_accents(normalize(text, ignore_case=True))
    text = " ".join(_DASHES.sub(" ", text).replace("&", " and ").split())
    text = text.strip(" ,;:.")
    return text[4:] if text.startswith("the ") else text


@lru_cache(maxsize=1)
def _data() -> dict[str, Any]:
    """The packaged ``countries.toml``, parsed and checked once."""
    return countries_from(load_data("countries"))


def countries_from(raw: DataTable) -> dict[str, Any]:
    """The tables of a parsed ``countries.toml``: ``display``, ``aliases`` and ``exact``
    (name → display name) and ``regions`` (display names).

    :class:`~compare.errors.DataFileError` names a missing or malformed entry."""
    return {
        "display": strings(raw, "display"),
        "aliases": strings(raw, "aliases"),
        "exact": strings(raw, "exact"),
        "regions": words(table(raw, "regions"), "names"),
    }


@lru_cache(maxsize=1)
def _folded_names() -> dict[str, str]:
    """Folded name -> display name, for every pycountry name and every alias and region."""
    import pycountry  # slow to import; only needed once a country is looked up

    data = _data()
    display = data["display"]
    names: dict[str, str] = {}
    for country in pycountry.countries:
        shown = display.get(country.alpha_2) or getattr(country, "common_name", None)
        shown = shown or country.name
        for attr in ("name", "official_name", "common_name"):
            value = getattr(country, attr, None)
            if value:
                names.setdefault(fold(value), shown)
        names[fold(shown)] = shown
    for language in _LANGUAGES:
        try:
            translate = gettext.translation(
                "iso3166-1", pycountry.LOCALES_DIR, languages=[language]
            ).gettext
        except OSError:
            continue
        for country in pycountry.countries:
            shown = display.get(country.alpha_2) or getattr(country, "common_name", None)
            shown = shown or country.name
            for attr in ("name", "common_name"):
                value = getattr(country, attr, None)
                if value:
                    names.setdefault(fold(translate(value)), shown)
    for region in data["regions"]:
        names[fold(region)] = region
    for alias, shown in data["aliases"].items():
        names[fold(alias)] = shown
    return names


@lru_cache(maxsize=1)
def _exact_names() -> dict[str, str]:
    """Aliases matched only as written (``US`` but not ``us``)."""
    return dict(_data()["exact"])


@lru_cache(maxsize=8192)
def match_country(text: str) -> str | None:
    """The display name of the country that ``text`` is, as a whole, or ``None``.

    Case-, diacritics- and hyphen-insensitive, a leading "The" ignored: ``"UK"`` ->
    ``"United Kingdom"``, ``"Perú"`` -> ``"Peru"``, ``"The Gambia"`` -> ``"Gambia"``. The few
    aliases listed under ``[exact]`` in the data file (``ROK``, ``US``) match only as written.
    """
    stripped = text.strip().strip("\xa0")
    if not stripped:
        return None
    exact = _exact_names().get(stripped.rstrip(",;:"))
    if exact:
        return exact
    return _folded_names().get(fold(stripped))


def _glue_boundary(text: str, i: int) -> bool:
    """Whether a country name may start at ``text[i]`` glued to what precedes it.

    The country must start with a capital, and the character before it must be a lowercase
    letter, ")", "." or a digit with no space between ("Harbour LightSouth Korea"), or the end
    of an all-caps word when the country starts with a capitalised word ("ACMEUnited Kingdom").
    """
    if i <= 0 or not text[i].isupper():
        return False
    before = text[i - 1]
    if before.islower() or before.isdigit() or before in ").":
        return True
    if before.isupper() and i + 1 < len(text) and text[i + 1].islower():
        word = text[:i].split()[-1] if text[:i].split() else ""
        return len(word) >= 2 and word.isupper()
    return False


def split_country_suffix(text: str) -> tuple[str, str | None]:
    """Split a country glued to the end of ``text``: ``(rest, display name)``.

    ``"Harbour LightSouth Korea"`` -> ``("Harbour Light", "South Korea")``. The longest country
    suffix wins. A country after a space is never split off ("Bridges to North Korea" stays
    whole); only a glued one (see ``_glue_boundary``) is. Returns ``(text, None)`` otherwise.
    """
    text = text.strip()
    for i in range(1, len(text)):
        if _glue_boundary(text, i):
            country = match_country(text[i:])
            if country:
                return text[:i].rstrip(), country
    return text, None


_NAME_WORD = re.compile(r"[^\W_][\w'’.-]*")
LONGEST_NAME = 8
"""The most words a country name found in running text may have ("United Kingdom of Great
Britain and Northern Ireland")."""


def countries_named(text: str) -> frozenset[str]:
    """Display names of the countries ``text`` names anywhere in its running text.

    A name is a run of up to :data:`LONGEST_NAME` words that starts with a capital and that
    :func:`match_country` recognises as a whole; the longest run at a word wins and the scan
    goes on after it ("Democratic People's Republic of Korea" is North Korea, not also South
    Korea). A capitalised word that is also a country ("Chad" as a first name) counts.
    """
    found = []
    spans = list(_NAME_WORD.finditer(text))
    k = 0
    while k < len(spans):
        if not spans[k].group()[0].isupper():
            k += 1
            continue
        for size in range(min(LONGEST_NAME, len(spans) - k), 0, -1):
            country = match_country(text[spans[k].start() : spans[k + size - 1].end()])
            if country:
                found.append(country)
                k += size
                break
        else:
            k += 1
    return frozenset(found)
