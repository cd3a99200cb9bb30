"""Whether two signatories are one: their names compared token by token.

In: two :class:`Identity` records (:func:`identity_of` a :class:`~compare.models.Signatory`).
Out: a :class:`Match` naming why they are one signatory, or ``None`` for two signatories.

Equal keys (:func:`~compare.reading.signatories.signatory_key`: case, accents, punctuation,
"&", a leading "the", a parenthesised acronym, a trailing ", Country" and a person's
honorifics already folded away) are one signatory with no reason. Otherwise the key tokens
are aligned (a shortest path over the two token lists) and every token that differs must be
explained; the reasons of the path make the match:

* ``spacing`` / ``punctuation`` — words run together or split ("GreenAid" / "Green Aid";
  ``punctuation`` when only a hyphen or dot made the difference: "Green-Aid" / "GreenAid");
* ``plural`` — "Stone" / "Stones", "Society" / "Societies" (not of a given name or a city:
  "William" / "Williams");
* ``spelling`` — a listed British/American variant ("Centre" / "Center") or a typo: one edit
  (Damerau, OSA distance 1) in words of at least ``TYPO_MIN_LENGTH`` letters, without digits,
  not both real words one edit apart ("Policy" / "Police"), neither a given name nor a city
  ("Christina" / "Christine", "Salzburg"; ``distinct_words.toml``) nor a country;
* ``acronym`` — a word that is the initials of several words of the other name ("RWN" /
  "River Watch Network", "FE" or "FOTE" / "Friends of the Earth") or an acronym the other
  name gives in parentheses, or such an acronym written beside the full name;
* ``country`` — one country named two ways ("UK" / "United Kingdom", "Deutschland" /
  "Germany"), or written in one name and given apart (", UK") for the other;
* ``article`` / ``and`` — "the" or "and" (``identity.toml``) there or not;
* ``honorific`` — a person's title before the name ("Dr", "Prof").

Two different countries, or two different words that no reason explains ("Blue" / "Clean",
"Austria" / "Australia"), make two signatories. A person's name (either side an
``individual``) forgives only spacing, punctuation and honorifics: "Maria Lopez" and "Mario
Lopez" are two people.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from rapidfuzz.distance import OSA

from compare.identity.rules import Rules, fold_token, rules, typo_guard
from compare.models import Signatory
from compare.reading.countries import match_country

Reason = Literal[
    "acronym",
    "spelling",
    "spacing",
    "punctuation",
    "plural",
    "country",
    "article",
    "and",
    "honorific",
]
REASONS: tuple[Reason, ...] = (
    "acronym",
    "spelling",
    "spacing",
    "punctuation",
    "plural",
    "country",
    "article",
    "and",
    "honorific",
)
"""Every reason, in the order a match lists them."""

TYPO_MIN_LENGTH = 6
"""Both words of a typo have at least this many letters: in shorter words one letter makes
another word too often ("Blue" / "Glue", "Maria" / "Mario")."""
MAX_SPAN = 4
"""At most this many words run together into one (``spacing``)."""
COUNTRY_MAX_WORDS = 3
"""A country's name has at most this many words ("Central African Republic")."""
ACRONYM_MAX_WORDS = 8
"""An acronym stands for at most this many words."""

_PAREN_ACRONYM = re.compile(r"\(([^()\s]{2,12})\)")
_PUNCTUATION = re.compile(r"[^\w\s]|_")


@dataclass(frozen=True)
class Identity:
    """What the matcher knows of one signatory."""

    name: str
    """The name as written."""
    key: str
    """:attr:`~compare.models.Signatory.key`."""
    tokens: tuple[str, ...]
    """The key's words."""
    person: bool
    """Whether the signatory is an individual (stricter rules)."""
    country: str | None
    """:attr:`~compare.models.Signatory.country` (a display name), given apart from the name."""
    acronyms: frozenset[str]
    """Folded acronyms of the name: its initials (every word, and without
    ``identity.toml``'s skip words) and any it gives in parentheses; empty for one-word names
    and people."""


def identity_of(signatory: Signatory) -> Identity:
    """The :class:`Identity` of ``signatory``."""
    tokens = tuple(signatory.key.split())
    person = signatory.kind == "individual"
    acronyms: set[str] = set()
    if not person:
        acronyms.update(
            fold_token(m.group(1)).replace(".", "") for m in _PAREN_ACRONYM.finditer(signatory.name)
        )
        if len(tokens) >= 2:
            acronyms.update(initials(tokens, rules()))
    return Identity(
        name=signatory.name,
        key=signatory.key,
        tokens=tokens,
        person=person,
        country=signatory.country,
        acronyms=frozenset(a for a in acronyms if len(a) >= 2 and a.isalnum()),
    )


def initials(tokens: tuple[str, ...], table: Rules) -> set[str]:
    """Initials of every word and of the words an acronym does not skip (``skip`` of
    ``identity.toml``): ``{"fote", "fe"}`` for "friends of the earth"."""
    content = [t for t in tokens if t not in table.acronym_skip]
    return {"".join(t[0] for t in tokens), "".join(t[0] for t in content)}


@dataclass(frozen=True)
class Match:
    """Two names of one signatory."""

    reasons: tuple[Reason, ...]
    """Why they are one, in :data:`REASONS` order; empty for equal keys."""
    cost: int
    """How many word differences the reasons explain (0 for equal keys): fewer is a closer
    match."""

    @property
    def reason(self) -> str:
        """The reasons joined by ", " (``"spacing, plural"``); ``""`` for equal keys."""
        return ", ".join(self.reasons)


@lru_cache(maxsize=65536)
def country_of(words: tuple[str, ...]) -> str | None:
    """The display name of the country ``words`` name as a whole, or ``None``."""
    if not words or any(not w.isalpha() for w in words):
        return None
    return match_country(" ".join(words))


def typo(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` (folded words) are one word with a typo: one edit apart, both
    at least ``TYPO_MIN_LENGTH`` letters, no digits, not two real words one edit apart,
    neither a given name nor a city (:func:`~compare.identity.rules.typo_guard`) and neither
    a country."""
    if min(len(a), len(b)) < TYPO_MIN_LENGTH or not (a.isalpha() and b.isalpha()):
        return False
    if OSA.distance(a, b, score_cutoff=1) > 1:
        return False
    guard = typo_guard()
    if a in guard.names or b in guard.names or (a in guard.words and b in guard.words):
        return False
    return country_of((a,)) is None and country_of((b,)) is None


def match(x: Identity, y: Identity) -> Match | None:
    """Whether ``x`` and ``y`` are one signatory, and why (rules in the module docstring)."""
    if x.key == y.key:
        return Match((), 0) if x.key else None
    if not x.tokens or not y.tokens:
        return None
    table = rules()
    person = x.person and y.person
    if not person:
        for one, other in ((x, y), (y, x)):
            if len(other.tokens) == 1 and other.tokens[0] in one.acronyms:
                return Match(("acronym",), 1)
    found = _align(x, y, person, table)
    if found is None:
        return None
    cost, reasons = found
    if reasons == {"spacing"} and _no_punctuation(x.name) == _no_punctuation(y.name):
        reasons = {"punctuation"}
    return Match(tuple(r for r in REASONS if r in reasons), cost)


def _no_punctuation(name: str) -> str:
    return _PUNCTUATION.sub("", fold_token(name))


_State = tuple[int, frozenset[str], bool]
"""(cost, reasons, anchored): anchored once a word was matched, not only dropped."""


def _align(x: Identity, y: Identity, person: bool, table: Rules) -> tuple[int, set[str]] | None:
    """The cheapest explanation of every difference between the two token lists, or
    ``None``: a dynamic programme over positions (i in x, j in y)."""
    a, b = x.tokens, y.tokens
    n, m = len(a), len(b)
    best: dict[tuple[int, int], _State] = {(0, 0): (0, frozenset(), False)}

    def reach(i: int, j: int, state: _State, reason: str | None, anchor: bool) -> None:
        cost, reasons, anchored = state
        new = (
            cost + (reason is not None),
            reasons | {reason} if reason else reasons,
            anchored or anchor,
        )
        old = best.get((i, j))
        if old is None or (not old[2] and new[2]) or (old[2] == new[2] and new[0] < old[0]):
            best[(i, j)] = new

    for i in range(n + 1):
        for j in range(m + 1):
            state = best.get((i, j))
            if state is None:
                continue
            for di, dj, reason, anchor in _steps(a, b, i, j, x, y, person, table):
                reach(i + di, j + dj, state, reason, anchor)
    end = best.get((n, m))
    if end is None or not end[2]:
        return None
    return end[0], set(end[1])


def _steps(
    a: tuple[str, ...],
    b: tuple[str, ...],
    i: int,
    j: int,
    x: Identity,
    y: Identity,
    person: bool,
    table: Rules,
) -> list[tuple[int, int, str | None, bool]]:
    """The moves from (i, j): ``(di, dj, reason, anchors)``, reason ``None`` for equal words."""
    n, m = len(a), len(b)
    steps: list[tuple[int, int, str | None, bool]] = []
    if i < n and j < m and a[i] == b[j]:
        steps.append((1, 1, None, True))
    # words run together or split
    for da in range(1, min(MAX_SPAN, n - i) + 1):
        for db in range(1, min(MAX_SPAN, m - j) + 1):
            if da + db >= 3 and "".join(a[i : i + da]) == "".join(b[j : j + db]):
                steps.append((da, db, "spacing", True))
    # words one side has and the other lacks
    for word, side in ((a[i] if i < n else None, 0), (b[j] if j < m else None, 1)):
        if word is None:
            continue
        step = (1, 0) if side == 0 else (0, 1)
        other = y if side == 0 else x
        if person:
            at_start = all(t in table.honorifics for t in (a[:i] if side == 0 else b[:j]))
            if at_start and word in table.honorifics:
                steps.append((*step, "honorific", False))
            continue
        if word in table.articles:
            steps.append((*step, "article", False))
        elif word in table.connectives:
            steps.append((*step, "and", False))
        elif word in other.acronyms:
            steps.append((*step, "acronym", False))
    if person:
        return steps
    # a country written in one name and given apart for the other
    for mine, position, other, step_of in (
        (a, i, y, lambda k: (k, 0)),
        (b, j, x, lambda k: (0, k)),
    ):
        if other.country:
            for k in range(1, min(COUNTRY_MAX_WORDS, len(mine) - position) + 1):
                if country_of(mine[position : position + k]) == other.country:
                    steps.append((*step_of(k), "country", False))
    # one country named two ways
    for da in range(1, min(COUNTRY_MAX_WORDS, n - i) + 1):
        country = country_of(a[i : i + da])
        if country is None:
            continue
        for db in range(1, min(COUNTRY_MAX_WORDS, m - j) + 1):
            if a[i : i + da] != b[j : j + db] and country_of(b[j : j + db]) == country:
                steps.append((da, db, "country", True))
    # acronyms for several words
    for mine, position, theirs, start, flip in ((a, i, b, j, False), (b, j, a, i, True)):
        if position >= len(mine) or not 2 <= len(mine[position]) <= 12:
            continue
        word = mine[position]
        for k in range(2, min(ACRONYM_MAX_WORDS, len(theirs) - start) + 1):
            if word in initials(theirs[start : start + k], table):
                steps.append((k, 1, "acronym", True) if flip else (1, k, "acronym", True))
    # one word two ways
    if i < n and j < m and a[i] != b[j]:
        if table.plural(a[i], b[j]) and min(a[i], b[j], key=len) not in typo_guard().names:
            steps.append((1, 1, "plural", True))
        elif table.variant(a[i], b[j]) or typo(a[i], b[j]):
            steps.append((1, 1, "spelling", True))
    return steps
