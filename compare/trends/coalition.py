"""Coalition (:func:`coalition`): who keeps signing, who joined and who left.

In: the letters. Out: :class:`Coalition`, one :class:`Member` per signatory.

Signatories are matched as ``diff`` matches them: by :attr:`~compare.models.Signatory.key`
(empty keys ignored), then the keys that :func:`compare.identity.group` calls one signatory
("River Guardian" / "River Guardians", "GreenAid" / "Green Aid", "RWN" / "River Watch
Network") are one member, unless one letter lists both. ``name``, ``key`` and ``kind`` are those
of the most recent letter they signed, ``country`` the most recent one given, ``aliases``
their other names. ``core`` signed at least half the letters and at least two.
The *latest* letters are the dated letters of the latest date (a letter sent on one day
to several recipients is one step in time); *earlier* letters are the other dated ones.
``newcomers`` signed a latest letter and no earlier one, ``leavers`` an earlier letter
and no latest one; both are empty without an earlier letter. Undated letters count for
``signed``, ``count`` and ``core`` only.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from compare.models import Letter, Signatory, SignatoryKind
from compare.trends.years import check_unique, date_order


@dataclass(frozen=True)
class Member:
    """One signatory across the letters of a :class:`Coalition`."""

    key: str
    """The signatory key of their most recent name: names them in ``core``, ``newcomers`` and
    ``leavers``."""
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
    aliases: tuple[str, ...] = ()
    """Their other names (of other keys matched to them), most recent first, each as last
    spelt; empty when every letter keys them alike."""


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
    """Who signed which letters, matched by signatory identity (rules in the module
    docstring)."""
    from compare.identity import group, identity_of

    check_unique(letters)
    ordered = date_order(letters)
    latest = max((letter.date for letter in ordered if letter.date), default=None)
    by_key: dict[str, list[tuple[int, Signatory]]] = {}
    for column, letter in enumerate(ordered):
        for signatory in letter.signatories:
            if signatory.key:
                by_key.setdefault(signatory.key, []).append((column, signatory))
    keys = list(by_key)
    last = [by_key[key][-1][1] for key in keys]  # later letters win
    groups: dict[int, list[int]] = {}
    for index, root in enumerate(
        group([identity_of(s) for s in last], [{c for c, _ in by_key[k]} for k in keys])
    ):
        groups.setdefault(root, []).append(index)
    members = sorted(
        (_member([by_key[keys[i]] for i in indexes], len(ordered)) for indexes in groups.values()),
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


def _member(sightings: Sequence[Sequence[tuple[int, Signatory]]], letters: int) -> Member:
    """The member seen (``(column, signatory)``, in column order) under one or more keys."""
    seen = sorted((sighting for key in sightings for sighting in key), key=lambda s: s[0])
    _, newest = seen[-1]
    signed = [False] * letters
    for c, _ in seen:
        signed[c] = True
    country = next((s.country for _, s in reversed(seen) if s.country), None)
    others = sorted(
        (key for key in sightings if key[-1][1].key != newest.key),
        key=lambda key: -key[-1][0],
    )
    return Member(
        key=newest.key,
        name=newest.name,
        kind=newest.kind,
        country=country,
        signed=tuple(signed),
        count=sum(signed),
        aliases=tuple(dict.fromkeys(key[-1][1].name for key in others)),
    )
