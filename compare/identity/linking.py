"""Signatories matched across letters: one to one for two lists, in groups for many letters.

In: :class:`~compare.identity.match.Identity` records. Out: :func:`pair_up` — the renames
between two lists, each signatory in at most one; :func:`group` — which records are one
signatory across a corpus. Both match only the pairs that :func:`~compare.identity.blocking.
candidates` proposes and take the closest matches first: fewest differences
(:attr:`~compare.identity.match.Match.cost`), then the highest rapidfuzz ratio of the keys,
then list order.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from compare.identity.blocking import candidates
from compare.identity.match import Identity, Match, match


@dataclass(frozen=True)
class Link:
    """Two matched records: indexes into the lists given, the match, and the keys' ratio."""

    i: int
    j: int
    match: Match
    ratio: float
    """rapidfuzz ratio of the two keys, 0..100 (rounded to 0.1)."""


def _links(identities: Sequence[Identity], side: Sequence[int] | None) -> list[Link]:
    """Every proposed pair that matches, closest first."""
    links = []
    for i, j in candidates(identities, side):
        found = match(identities[i], identities[j])
        if found is not None:
            ratio = round(fuzz.ratio(identities[i].key, identities[j].key), 1)
            links.append(Link(i, j, found, ratio))
    links.sort(key=lambda link: (link.match.cost, -link.ratio, link.i, link.j))
    return links


def pair_up(a: Sequence[Identity], b: Sequence[Identity]) -> list[Link]:
    """One-to-one matches between ``a`` and ``b`` (``Link.i`` indexes ``a``, ``Link.j``
    ``b``), closest first."""
    links = _links([*a, *b], [0] * len(a) + [1] * len(b))
    used_a: set[int] = set()
    used_b: set[int] = set()
    pairs = []
    for link in links:
        i, j = link.i, link.j - len(a)
        if i not in used_a and j not in used_b:
            pairs.append(Link(i, j, link.match, link.ratio))
            used_a.add(i)
            used_b.add(j)
    return pairs


def group(identities: Sequence[Identity], seen_in: Sequence[Collection[int]]) -> list[int]:
    """The group of each record: the index of its group's first record.

    ``seen_in`` gives, per record, the letters (any labels) it was seen in. Matches join
    groups closest first, never two groups seen in one letter: a letter that lists two names
    separately says they are two signatories.
    """
    parent = list(range(len(identities)))
    letters = [set(s) for s in seen_in]

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for link in _links(identities, None):
        ri, rj = root(link.i), root(link.j)
        if ri == rj or letters[ri] & letters[rj]:
            continue
        keep, drop = min(ri, rj), max(ri, rj)
        parent[drop] = keep
        letters[keep] |= letters[drop]
    return [root(i) for i in range(len(identities))]
