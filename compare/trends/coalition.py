"""Coalition (:func:`coalition`): who keeps signing, who joined and who left.

In: the letters. Out: :class:`Coalition`, one :class:`Member` per signatory.

Signatories are matched by :attr:`~compare.models.Signatory.key` (empty keys ignored);
``name`` and ``kind`` are those of the most recent letter they signed, ``country`` the
most recent one given. ``core`` signed at least half the letters and at least two.
The *latest* letters are the dated letters of the latest date (a letter sent on one day
to several recipients is one step in time); *earlier* letters are the other dated ones.
``newcomers`` signed a latest letter and no earlier one, ``leavers`` an earlier letter
and no latest one; both are empty without an earlier letter. Undated letters count for
``signed``, ``count`` and ``core`` only.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from compare.models import Letter, SignatoryKind
from compare.trends.years import check_unique, date_order


@dataclass(frozen=True)
class Member:
    """One signatory across the letters of a :class:`Coalition`."""

    key: str
    """The signatory key that matches them across letters."""
    name: str
    """Their name as the most recent letter they signed spells it."""
    kind: SignatoryKind
    """``organization`` or ``individual``, from that same letter."""
    country: str | None
    """The most recent country given for them, ``None`` if never given."""
    signed: tuple[bool, ...]
    """Whether they signed each letter, aligned with ``Coalition.letters``."""
    count: int
    """How many of the letters they signed."""


@dataclass(frozen=True)
class Coalition:
    """Who signed what: the coalition over time."""

    letters: tuple[str, ...]
    """Letter keys in date order, undated last."""
    members: tuple[Member, ...]
    """Every signatory, sorted by ``(-count, name)`` (case-insensitive, then key)."""
    core: tuple[str, ...]
    """Keys of members who signed at least half the letters and at least two, in
    ``members`` order."""
    newcomers: tuple[str, ...]
    """Keys of members who signed a letter of the latest date and no earlier dated letter."""
    leavers: tuple[str, ...]
    """Keys of members who signed an earlier dated letter and no letter of the latest date."""


def coalition(letters: Sequence[Letter]) -> Coalition:
    """Who signed which letters, matched by signatory key (rules in the module docstring)."""
    check_unique(letters)
    ordered = date_order(letters)
    latest = max((letter.date for letter in ordered if letter.date), default=None)
    signed: dict[str, list[bool]] = {}
    names: dict[str, tuple[str, SignatoryKind]] = {}
    countries: dict[str, str] = {}
    for column, letter in enumerate(ordered):
        for signatory in letter.signatories:
            if not signatory.key:
                continue
            row = signed.setdefault(signatory.key, [False] * len(ordered))
            row[column] = True
            names[signatory.key] = (signatory.name, signatory.kind)  # later letters win
            if signatory.country:
                countries[signatory.key] = signatory.country
    members = sorted(
        (
            Member(
                key=key,
                name=names[key][0],
                kind=names[key][1],
                country=countries.get(key),
                signed=tuple(row),
                count=sum(row),
            )
            for key, row in signed.items()
        ),
        key=lambda member: (-member.count, member.name.casefold(), member.key),
    )
    is_latest = [letter.date is not None and letter.date == latest for letter in ordered]
    is_earlier = [letter.date is not None and letter.date != latest for letter in ordered]
    has_earlier = any(is_earlier)

    def signed_any(member: Member, which: Sequence[bool]) -> bool:
        return any(s and w for s, w in zip(member.signed, which, strict=True))

    return Coalition(
        letters=tuple(letter.key for letter in ordered),
        members=tuple(members),
        core=tuple(m.key for m in members if m.count >= 2 and 2 * m.count >= len(ordered)),
        newcomers=tuple(
            m.key
            for m in members
            if has_earlier and signed_any(m, is_latest) and not signed_any(m, is_earlier)
        ),
        leavers=tuple(
            m.key
            for m in members
            if has_earlier and signed_any(m, is_earlier) and not signed_any(m, is_latest)
        ),
    )
