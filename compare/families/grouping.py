"""Letter families: near-duplicate letters grouped around the letter they were made from.

In: the letters' keys and dates, and the scores of the pairs that have something in common
(``{(i, j): score}`` with ``i < j``, the rounded tf-idf cosines of
:class:`~compare.index.CorpusIndex`; a pair not given scores 0). Out: :class:`Families` —
each :class:`Family` a base letter and its variants — and the letters in no family.

The rule (:func:`group_families`):

1. **Components.** Letters are linked when their pair scores at least the near-duplicate
   threshold (:data:`compare.similarity.DEFAULT_THRESHOLD`, 0.5: "the same letter, reworded
   in places"). Families are made inside each connected component of that graph, so letters
   that are not near-duplicates of anything never meet.
2. **Bases.** In a component the letters are taken in order: earliest date first (undated
   last), letters of the same date (or all undated) by their mean score with the rest of the
   component, highest first — the letter the others are closest to — then in corpus order
   (file name, then position in the file). A letter becomes a *base* unless it is a
   near-duplicate of a base already chosen, so no two bases are near-duplicates.
3. **Variants.** Every other letter joins, of the bases chosen before it, the one it scores
   highest with (ties: the base chosen first). It is a near-duplicate of at least one of
   them, or it would be a base; and as a base comes before its variants in the order, it is
   its family's earliest letter (of the earliest date, the one closest to the rest).

Why not the components themselves (single link): near-duplicates chain. A letter reworded a
little each year is a near-duplicate of the year before, but ten years on it may share
little with the first; a component would make them one family, and its redlines against the
base would be mostly inserted and deleted paragraphs. Here every variant is a
near-duplicate of its own base (a family is a star around its base, so each redline shows a
reworded copy). The price: a letter that is a near-duplicate only of another family's
variant, not of its base, starts a family of its own (a family of one is counted among the
singletons). Complete link (every pair of a family above the threshold) would be stricter
still, but its result depends on the order in which groups are merged, and it needs every
pair of a family where this rule needs each letter against the bases.

Families are listed largest first, then by the base's date (undated last) and corpus order; a
family's variants in date order (undated last), then in corpus order.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from compare.index import CorpusIndex
    from compare.models import Letter

Scores = Mapping[tuple[int, int], float]
"""Pair scores by letter positions ``(i, j)``, ``i < j``; a missing pair scores 0."""


@dataclass(frozen=True)
class Family:
    """A base letter and the near-duplicates made from it."""

    base: str
    """Key of the base letter: the earliest dated, else the one the others are closest to."""
    variants: tuple[str, ...]
    """Keys of the other letters, in date order (undated last), then in corpus order; never
    empty."""
    scores: tuple[float, ...]
    """Each variant's score against the base (corpus tf-idf cosine, 0..1), parallel to
    ``variants``; every one at least the threshold."""

    @property
    def keys(self) -> tuple[str, ...]:
        """The base, then the variants."""
        return (self.base, *self.variants)

    @property
    def name(self) -> str:
        """``family-<base key>``: unique in a corpus, the name of the family's report."""
        return f"family-{self.base}"

    def __len__(self) -> int:
        return 1 + len(self.variants)


@dataclass(frozen=True)
class Families:
    """A corpus's letters grouped: the families and the letters in none."""

    families: tuple[Family, ...]
    """Largest first, then by base date (undated last), then the base's corpus order."""
    singletons: tuple[str, ...]
    """Keys of the letters in no family, in corpus order."""
    threshold: float
    """The near-duplicate score the families were made with."""

    def family_of(self, key: str) -> Family | None:
        """The family holding the letter ``key`` (``None`` for a singleton or unknown key)."""
        return next((f for f in self.families if key in f.keys), None)


def _score(scores: Scores, i: int, j: int) -> float:
    if i == j:
        return 1.0
    return scores.get((i, j) if i < j else (j, i), 0.0)


def components(count: int, links: Sequence[tuple[int, int]]) -> list[list[int]]:
    """The connected components of ``count`` letters joined by ``links`` (pairs of
    positions), each sorted, ordered by their first letter; a letter with no link is a
    component of one. Raises ``IndexError`` for a position outside ``0..count-1``."""
    parent = list(range(count))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in links:
        a, b = root(i), root(j)
        if a != b:
            parent[max(a, b)] = min(a, b)
    found: dict[int, list[int]] = {}
    for i in range(count):
        found.setdefault(root(i), []).append(i)
    return list(found.values())


def _date_key(date: str | None) -> tuple[bool, str]:
    return (date is None, date or "")


def split_component(
    members: Sequence[int],
    dates: Sequence[str | None],
    scores: Scores,
    threshold: float,
) -> list[tuple[int, list[int]]]:
    """Steps 2 and 3 of the module's rule on one component: ``(base, variants)`` positions,
    bases in the order chosen, variants unordered (a base may have none)."""
    size = len(members)
    mean = {
        i: sum(_score(scores, i, j) for j in members if j != i) / max(size - 1, 1) for i in members
    }
    order = sorted(members, key=lambda i: (*_date_key(dates[i]), -mean[i], i))
    bases: list[int] = []
    for i in order:
        if all(_score(scores, i, b) < threshold for b in bases):
            bases.append(i)
    joined: dict[int, list[int]] = {b: [] for b in bases}
    earlier: list[int] = []
    for i in order:
        if i in joined:
            earlier.append(i)
            continue
        best = max(earlier, key=lambda b: (_score(scores, i, b), -earlier.index(b)))
        joined[best].append(i)
    return [(b, joined[b]) for b in bases]


def group_families(
    keys: Sequence[str], dates: Sequence[str | None], scores: Scores, threshold: float
) -> Families:
    """The families of the letters ``keys`` (dated ``dates``, ISO or ``None``) by the rule of
    the module docstring. ``scores`` holds the pair scores (rounded cosines, 0..1) by
    positions ``(i, j)``, ``i < j``; at least every pair scoring ``threshold`` or more must
    be there, and for the base tie-break every pair of a component that scores above 0.
    Raises ``ValueError`` when ``keys`` and ``dates`` differ in length, a key repeats or
    ``threshold`` is outside (0, 1]."""
    if len(keys) != len(dates):
        raise ValueError(f"{len(keys)} keys but {len(dates)} dates")
    if len(set(keys)) != len(keys):
        raise ValueError("letter keys must be unique to group letters")
    if not 0.0 < threshold <= 1.0:
        raise ValueError(f"threshold must be within (0, 1], not {threshold}")
    links = [pair for pair, score in scores.items() if score >= threshold]
    families: list[Family] = []
    grouped: set[int] = set()
    for members in components(len(keys), links):
        if len(members) < 2:
            continue
        for base, variants in split_component(members, dates, scores, threshold):
            if not variants:
                continue
            ordered = sorted(variants, key=lambda i: (*_date_key(dates[i]), i))
            families.append(
                Family(
                    base=keys[base],
                    variants=tuple(keys[i] for i in ordered),
                    scores=tuple(_score(scores, base, i) for i in ordered),
                )
            )
            grouped.update([base, *variants])
    position = {key: n for n, key in enumerate(keys)}
    families.sort(key=lambda f: (-len(f), *_date_key(dates[position[f.base]]), position[f.base]))
    return Families(
        families=tuple(families),
        singletons=tuple(key for n, key in enumerate(keys) if n not in grouped),
        threshold=threshold,
    )


def index_scores(index: CorpusIndex, threshold: float) -> dict[tuple[int, int], float]:
    """The pair scores :func:`group_families` needs from a fitted corpus: every pair scoring
    above 0 inside a component of the near-duplicate graph (``threshold``), rounded as
    :meth:`~compare.index.CorpusIndex.all_pairs` rounds them (4 decimals, clipped to 0..1),
    so a pair is linked exactly when ``similarity`` flags it. Imports scipy."""
    import numpy as np
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    if len(index) < 2 or not len(index.terms):
        return {}
    matrix = index.matrix()
    gram = (matrix @ matrix.T).tocoo()
    upper = gram.row < gram.col
    rows, cols = gram.row[upper], gram.col[upper]
    values = np.clip(np.round(gram.data[upper], 4), 0.0, 1.0)
    linked = values >= threshold
    if not linked.any():
        return {}
    count = len(index)
    graph = coo_matrix(
        (np.ones(int(linked.sum())), (rows[linked], cols[linked])), shape=(count, count)
    )
    _, labels = connected_components(graph.tocsr(), directed=False)
    sizes = np.bincount(labels)
    keep = (values > 0) & (labels[rows] == labels[cols]) & (sizes[labels[rows]] > 1)
    return {
        (int(i), int(j)): float(v)
        for i, j, v in zip(
            rows[keep].tolist(), cols[keep].tolist(), values[keep].tolist(), strict=True
        )
    }


def find_families(
    letters: Sequence[Letter], index: CorpusIndex, threshold: float | None = None
) -> Families:
    """The families of ``letters`` scored with ``index`` (their fitted corpus, rows in the
    same order) at ``threshold`` (default :data:`~compare.similarity.DEFAULT_THRESHOLD`).
    Raises ``ValueError`` when the index's keys are not the letters' keys."""
    from compare.similarity import DEFAULT_THRESHOLD

    threshold = DEFAULT_THRESHOLD if threshold is None else threshold
    keys = tuple(letter.key for letter in letters)
    if keys != index.keys:
        raise ValueError("the index was fitted on other letters")
    dates = [letter.date for letter in letters]
    return group_families(keys, dates, index_scores(index, threshold), threshold)
