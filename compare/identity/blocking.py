"""Which pairs of signatories are worth matching: blocking by cheap keys.

In: :class:`~compare.identity.match.Identity` records. Out: the index pairs that share a
block key; only those go to :func:`~compare.identity.match.match`, so the work grows with the
number of signatories, not its square.

Block keys come from the *skeleton* of a name: its key's words without articles, "and" and a
person's leading honorifics, a country's name in one spelling, plurals and listed spelling
variants undone. Two names share a key when

* their skeletons run together are equal (spacing, plural, variant, country, article);
* one's skeleton plus the country given apart for the other is the other's (", UK");
* one is a one-word name that is an acronym of the other, or one writes several words as
  their initials where the other spells them ("RWN Ghana" / "River Watch Network Ghana"), or
  adds the initials of the rest at either end ("RWN (River Watch Network)");
* run together, they are one deletion apart (a typo, with or without any of the above; for
  names with a word of at least ``TYPO_MIN_LENGTH - 1`` letters once its plural is undone).

A match needing two of these in one name where no key survives both (a typo and an
acronym) is not proposed, so not found.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Sequence

from compare.identity.match import (
    ACRONYM_MAX_WORDS,
    COUNTRY_MAX_WORDS,
    TYPO_MIN_LENGTH,
    Identity,
    country_of,
    initials,
)
from compare.identity.rules import Rules, fold_token, rules

BlockKey = tuple[str, ...]


def stem(word: str, table: Rules) -> str:
    """``word`` with a plural ending undone and listed British spellings made American
    (``"organisations"`` -> ``"organization"``); only for blocking, so loose."""
    if len(word) > 4 and word.endswith("ies"):
        word = word[:-3] + "y"
    elif len(word) > 4 and word.endswith("es") and word[:-2].endswith(("s", "x", "z", "h", "o")):
        word = word[:-2]
    elif len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        word = word[:-1]
    head, tail = word[:1], word[1:]  # the first letter kept: acronyms read it
    for british, american in table.variants:
        if british in tail:
            tail = tail.replace(british, american)
    return head + tail


def skeleton(identity: Identity, table: Rules) -> tuple[str, ...]:
    """The words :func:`block_keys` compare (see the module docstring)."""
    words = list(identity.tokens)
    if identity.person:
        while len(words) > 1 and words[0] in table.honorifics:
            words.pop(0)
    else:
        words = [w for w in words if w not in table.articles and w not in table.connectives]
        words = _countries_named_once(words)
    return tuple(stem(w, table) for w in words)


def _countries_named_once(words: list[str]) -> list[str]:
    """``words`` with each country name (up to ``COUNTRY_MAX_WORDS`` words) in its display
    spelling."""
    out: list[str] = []
    i = 0
    while i < len(words):
        for size in range(COUNTRY_MAX_WORDS, 0, -1):
            country = country_of(tuple(words[i : i + size])) if i + size <= len(words) else None
            if country:
                out.extend(fold_token(country).split())
                i += size
                break
        else:
            out.append(words[i])
            i += 1
    return out


def _acronym_forms(
    words: tuple[str, ...], table: Rules, in_use: Collection[str] | None
) -> set[str]:
    """``words`` run together with one run of two or more words written as its initials
    ("human right watch kenya" -> "hrwkenya"), and without an acronym of the rest written at
    either end ("hrw human right watch" -> "humanrightwatch"). With ``in_use``, only the
    initials that are a word of some name."""
    forms: set[str] = set()
    for start in range(len(words)):
        every = content = ""
        for end in range(start + 1, min(len(words), start + ACRONYM_MAX_WORDS) + 1):
            word = words[end - 1]
            every += word[0]
            content += "" if word in table.acronym_skip else word[0]
            if end - start < 2:
                continue
            for acronym in {every, content}:
                if len(acronym) >= 2 and (in_use is None or acronym in in_use):
                    forms.add("".join((*words[:start], acronym, *words[end:])))
    if len(words) >= 3:
        for word, rest in ((words[0], words[1:]), (words[-1], words[:-1])):
            if word in initials(rest, table):
                forms.add("".join(rest))
    return forms


def block_keys(
    identity: Identity, table: Rules | None = None, in_use: Collection[str] | None = None
) -> set[BlockKey]:
    """The block keys of ``identity`` (see the module docstring). ``in_use``: the words of
    every name being matched, when known (initials that are no word make no key)."""
    table = table or rules()
    words = skeleton(identity, table)
    if not words:
        return set()
    keys: set[BlockKey] = {("joined", "".join(words))}
    if identity.country and not identity.person:
        keys.add(("joined", "".join(words) + "".join(fold_token(identity.country).split())))
    if not identity.person:
        if len(words) == 1:
            keys.add(("acronym", words[0]))
            keys.add(("acronym", identity.tokens[0]))
        keys.update(("acronym", acronym) for acronym in identity.acronyms)
        keys.update(("joined", form) for form in _acronym_forms(words, table, in_use))
    joined = "".join(words)
    if any(len(word) >= TYPO_MIN_LENGTH - 1 for word in words):
        keys.update(("typo", joined[:k] + joined[k + 1 :]) for k in range(len(joined)))
        keys.add(("typo", joined))
    return keys


def candidates(
    identities: Sequence[Identity], side: Sequence[int] | None = None
) -> set[tuple[int, int]]:
    """Pairs ``(i, j)``, ``i < j``, of ``identities`` sharing a block key; with ``side``
    (one label per identity) only pairs of different sides."""
    table = rules()
    in_use = {word for identity in identities for word in identity.tokens}
    in_use |= {stem(word, table) for word in in_use}
    buckets: dict[BlockKey, list[int]] = defaultdict(list)
    for index, identity in enumerate(identities):
        for key in block_keys(identity, table, in_use):
            buckets[key].append(index)
    pairs: set[tuple[int, int]] = set()
    for members in buckets.values():
        if len(members) < 2:
            continue
        for n, i in enumerate(members):
            for j in members[n + 1 :]:
                if identities[i].key == identities[j].key:
                    continue
                if side is None or side[i] != side[j]:
                    pairs.add((min(i, j), max(i, j)))
    return pairs
