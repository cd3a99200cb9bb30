"""What each variant of a family changes: its diff against the base, or its predecessor.

In: a :class:`~compare.families.grouping.Family`, its letters by key and the corpus's
:class:`~compare.index.CorpusIndex`. Out: :class:`FamilyChanges` — one
:class:`~compare.comparison.LetterDiff` per variant (:func:`compare.comparison.compare_letters`)
and its one-line figures (:class:`VariantChange`).

A variant is compared with the base (default) or, with ``lineage``, with the letter before it
in the family's date order (the base for the first variant): "what changed since the last
one" rather than "what differs from the original".

Similarity scores here are fitted on the family's letters alone (:func:`family_index`: the
corpus's term counts of those rows, re-weighted with the family's own idf, no refit), so a
family's figures — and its report — depend on its letters only: editing a letter of another
family changes nothing here. They differ a little from the corpus-wide scores of
``similarity``, which grouped the letters.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from compare.families.grouping import Family

if TYPE_CHECKING:
    from compare.alignment import NormalizeOptions
    from compare.comparison import LetterDiff
    from compare.index import CorpusIndex
    from compare.models import Letter


@dataclass(frozen=True)
class VariantChange:
    """One row of a family's variants table: what the variant ``key`` changes against
    ``against``."""

    key: str
    against: str
    """The base's key, or (lineage) the previous letter's."""
    similarity: float | None
    """tf-idf cosine of the two letters with the family's own idf, 0..1."""
    equal: int
    """Paragraph blocks per op of the alignment (:mod:`compare.alignment`)."""
    changed: int
    inserted: int
    deleted: int
    moved: int
    words_added: int
    words_removed: int
    metadata: tuple[str, ...]
    """Header fields that differ: ``title``, ``subject``, ``date``, ``recipient``,
    ``salutation``, ``closing``."""
    signatories_joined: int
    signatories_left: int
    """Signatories only in the variant / only in the letter compared with (renames are
    neither)."""


@dataclass(frozen=True)
class FamilyChanges:
    """A family and the diff of each variant."""

    family: Family
    lineage: bool
    """Whether each variant was compared with its predecessor (else with the base)."""
    diffs: tuple[LetterDiff, ...]
    """One per variant, parallel to ``family.variants``: A the letter compared with, B the
    variant."""

    @property
    def variants(self) -> tuple[VariantChange, ...]:
        return tuple(variant_change(diff) for diff in self.diffs)


def compared_with(family: Family, lineage: bool = False) -> tuple[str, ...]:
    """The key each variant is compared with, parallel to ``family.variants``."""
    if lineage:
        return family.keys[:-1]
    return tuple(family.base for _ in family.variants)


def family_index(index: CorpusIndex, keys: Sequence[str]) -> CorpusIndex:
    """The rows of ``keys`` as an index of their own: counts as fitted, idf over these
    letters only (:meth:`~compare.index.CorpusIndex.group_rows`), rows named by ``keys``.
    Raises ``ValueError`` for a key not in ``index``."""
    rows = []
    for key in keys:
        position = index.position(key)
        if position is None:
            raise ValueError(f"letter {key!r} is not in the index")
        rows.append([position])
    return dataclasses.replace(index.group_rows(rows), keys=tuple(keys))


def variant_change(diff: LetterDiff) -> VariantChange:
    """The one-line figures of a variant's diff."""
    counts = diff.alignment.counts()
    return VariantChange(
        key=diff.b.key,
        against=diff.a.key,
        similarity=diff.similarity,
        equal=counts["equal"],
        changed=counts["changed"],
        inserted=counts["inserted"],
        deleted=counts["deleted"],
        moved=counts["moved"],
        words_added=diff.words_added,
        words_removed=diff.words_removed,
        metadata=tuple(change.field for change in diff.metadata),
        signatories_joined=len(diff.signatories.only_b),
        signatories_left=len(diff.signatories.only_a),
    )


def describe_family(
    family: Family,
    letters: Mapping[str, Letter],
    index: CorpusIndex,
    lineage: bool = False,
    options: NormalizeOptions | None = None,
) -> FamilyChanges:
    """Each variant of ``family`` compared (see the module docstring). ``letters`` must hold
    every key of the family, ``index`` every row (the corpus's index, or already the
    family's own). Raises ``KeyError``/``ValueError`` for a missing letter or row."""
    from compare.alignment import DEFAULT_OPTIONS
    from compare.comparison import compare_letters

    own = index if index.keys == family.keys else family_index(index, family.keys)
    members = [letters[key] for key in family.keys]
    diffs = tuple(
        compare_letters(letters[against], letters[key], options or DEFAULT_OPTIONS, members, own)
        for key, against in zip(family.variants, compared_with(family, lineage), strict=True)
    )
    return FamilyChanges(family=family, lineage=lineage, diffs=diffs)
