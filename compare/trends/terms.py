"""Term trends (:func:`term_trends`) and each letter's distinctive terms
(:func:`distinctive_terms`): how the language changed.

In: the letters. Out: :class:`TermTrends` (rising and falling terms across the years) and,
per letter key, its distinctive terms.

Both read the corpus fitted once (:class:`compare.index.CorpusIndex`, passed in or fitted
here): neither fits the vectoriser again.

Term trends (:func:`term_trends`)
    One document per year: the term counts of that year's letters summed
    (:meth:`compare.index.CorpusIndex.group_rows`), weighted as tf-idf with the idf over
    years, rows L2-normalised — what vectorising each year's texts concatenated gives, less
    the bigrams that would join one letter's last word to the next letter's first. A term's
    ``change`` is the least-squares slope of its weight over the calendar years times the
    span of years: the fitted rise (or fall) from the first year to the last. Only terms
    used by at least :data:`MIN_TERM_LETTERS` dated letters take part — a term of a single
    letter tells about that letter, not the corpus (near-duplicate letters still count
    twice) — and only when ``change`` is at least :data:`MIN_RELATIVE_CHANGE` of the term's
    largest yearly weight (a steady term's weight wobbles with the length of each year's
    document). A unigram is skipped when a bigram listed above it contains it, and a bigram
    when both its words are listed above it. Fewer than two dated years give empty lists.

Distinctive terms (:func:`distinctive_terms`)
    Each letter's highest tf-idf terms, the idf that of all the letters given (so terms of
    every letter weigh least); ties alphabetical; the same unigram/bigram rule.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from compare.models import Letter
from compare.trends.years import check_unique, dated_by_year

if TYPE_CHECKING:
    from compare.index import CorpusIndex

MIN_TERM_LETTERS = 2
"""How many dated letters must use a term for it to rise or fall."""
MIN_RELATIVE_CHANGE = 0.25
"""A term rises or falls only when its ``change`` is at least this share of its largest
yearly weight: a term used alike every year still wobbles as the years' documents differ in
length and vocabulary (L2 normalisation), by about a tenth of its weight."""


@dataclass(frozen=True)
class TermTrend:
    """One term's weight across the years."""

    term: str
    """The term (a word or a two-word phrase, as the vectoriser writes it)."""
    first_year: int
    """First year in which it is used."""
    last_year: int
    """Last year in which it is used."""
    weights: tuple[float, ...]
    """Its tf-idf weight in each year's document, aligned with ``TermTrends.years``
    (4 decimals)."""
    change: float
    """Least-squares slope of ``weights`` per calendar year times the span of the years:
    positive rising, negative falling (4 decimals)."""
    letters: int
    """Dated letters that use it."""


@dataclass(frozen=True)
class TermTrends:
    """Terms rising and falling across the years: how the language changed."""

    years: tuple[int, ...]
    """Years that have at least one dated letter, ascending."""
    rising: tuple[TermTrend, ...]
    """Largest positive ``change`` first, ties alphabetical; at most ``top``."""
    falling: tuple[TermTrend, ...]
    """Largest negative ``change`` first, ties alphabetical; at most ``top``."""


def fitted_rows(
    letters: Sequence[Letter], index: CorpusIndex | None
) -> tuple[CorpusIndex, list[int]]:
    """``index`` (fitted here on ``letters`` when ``None``) and the row of each letter in it.
    Raises ``ValueError`` when a letter's key is not in the index."""
    if index is None:
        from compare.similarity import fit_letters

        index = fit_letters(letters)
    rows = [index.position(letter.key) for letter in letters]
    missing = [letter.key for letter, row in zip(letters, rows, strict=True) if row is None]
    if missing:
        raise ValueError(f"letters not in the corpus index: {', '.join(missing[:3])}")
    return index, [row for row in rows if row is not None]


def _letters_using(index: CorpusIndex, rows: Sequence[int]) -> dict[str, int]:
    """How many of the letters ``rows`` use each term (terms used by none left out)."""
    import numpy as np

    columns = [index.row(row)[0] for row in rows]
    if not columns or not index.terms:
        return {}
    counts = np.bincount(np.concatenate(columns), minlength=len(index.terms))
    return {index.terms[col]: int(counts[col]) for col in counts.nonzero()[0].tolist()}


def term_trends(
    letters: Sequence[Letter], top: int = 10, index: CorpusIndex | None = None
) -> TermTrends:
    """Terms rising and falling across the years of the dated letters (rules in the module
    docstring); at most ``top`` of each. ``index`` is the letters' fitted corpus (fitted
    here when ``None``). Raises ``ValueError`` for a negative ``top``."""
    import numpy as np

    check_unique(letters)
    if top < 0:
        raise ValueError(f"top must be >= 0, not {top}")
    by_year = dated_by_year(letters)
    years = tuple(by_year)
    if len(years) < 2 or top == 0:
        return TermTrends(years=years, rising=(), falling=())
    dated = [letter for group in by_year.values() for letter in group]
    index, _ = fitted_rows(letters, index)
    row_of = {letter.key: index.position(letter.key) for letter in dated}
    used = _letters_using(index, [row for row in row_of.values() if row is not None])
    groups = [[row_of[letter.key] for letter in group] for group in by_year.values()]
    grouped = index.group_rows([[row for row in group if row is not None] for group in groups])
    terms = grouped.terms
    if not terms:
        return TermTrends(years=years, rising=(), falling=())
    matrix = grouped.matrix().tocsc()
    x = np.array(years, dtype=float)
    centred = x - x.mean()
    slopes = (matrix.T @ centred) / float(centred @ centred)
    changes = np.round(slopes * (x[-1] - x[0]), 4)
    peaks = matrix.max(axis=0).toarray().ravel()
    eligible = [
        col
        for col, term in enumerate(terms)
        if used.get(term, 0) >= MIN_TERM_LETTERS
        and changes[col] != 0
        and abs(changes[col]) >= MIN_RELATIVE_CHANGE * peaks[col]
    ]
    rising = sorted(
        (col for col in eligible if changes[col] > 0), key=lambda col: (-changes[col], terms[col])
    )
    falling = sorted(
        (col for col in eligible if changes[col] < 0), key=lambda col: (changes[col], terms[col])
    )

    def trends(columns: list[int]) -> tuple[TermTrend, ...]:
        by_term = {terms[col]: col for col in columns}
        result = []
        for term in pick_terms(by_term, top):
            col = by_term[term]
            weights = matrix[:, col].toarray().ravel()
            present = weights.nonzero()[0]
            result.append(
                TermTrend(
                    term=term,
                    first_year=years[int(present[0])],
                    last_year=years[int(present[-1])],
                    weights=tuple(round(float(w), 4) for w in weights),
                    change=float(changes[col]),
                    letters=used[term],
                )
            )
        return tuple(result)

    return TermTrends(years=years, rising=trends(rising), falling=trends(falling))


def pick_terms(ranked: Iterable[str], top: int) -> tuple[str, ...]:
    """The first ``top`` of ``ranked`` terms, skipping a unigram that is a word of a bigram
    already picked and a bigram whose words are both unigrams already picked."""
    picked: list[str] = []
    in_phrases: set[str] = set()
    single: set[str] = set()
    for term in ranked:
        if len(picked) >= top:
            break
        words = term.split()
        if len(words) == 1 and term in in_phrases:
            continue
        if len(words) > 1 and all(word in single for word in words):
            continue
        picked.append(term)
        if len(words) == 1:
            single.add(term)
        else:
            in_phrases.update(words)
    return tuple(picked)


def distinctive_terms(
    letters: Sequence[Letter], top: int = 8, index: CorpusIndex | None = None
) -> dict[str, tuple[str, ...]]:
    """Each letter's ``top`` highest tf-idf terms (rules in the module docstring), by key in
    input order; ``()`` for a letter without terms. ``index`` is the letters' fitted corpus
    (fitted here when ``None``). Raises ``ValueError`` for a negative ``top``."""
    check_unique(letters)
    if top < 0:
        raise ValueError(f"top must be >= 0, not {top}")
    if not letters:
        return {}
    index, rows = fitted_rows(letters, index)
    result: dict[str, tuple[str, ...]] = {}
    for letter, row in zip(letters, rows, strict=True):
        columns, weights = index.row(row)
        ranked = sorted(
            zip(weights.tolist(), columns.tolist(), strict=True), key=lambda p: (-p[0], p[1])
        )
        result[letter.key] = pick_terms((index.terms[col] for _, col in ranked), top)
    return result
