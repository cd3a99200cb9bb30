"""Term trends (:func:`term_trends`) and each letter's distinctive terms
(:func:`distinctive_terms`): how the language changed.

In: the letters. Out: :class:`TermTrends` (rising and falling terms across the years) and,
per letter key, its distinctive terms.

Term trends (:func:`term_trends`)
    One document per year (the :func:`compare.similarity.letter_text` of that year's letters,
    concatenated) is vectorised with :class:`compare.similarity.LetterVectorizer` (tf-idf,
    idf over years, rows L2-normalised). A term's ``change`` is the least-squares slope of its
    weight over the calendar years times the span of years: the fitted rise (or fall) from
    the first year to the last. Only terms used by at least :data:`MIN_TERM_LETTERS` dated
    letters take part — a term of a single letter tells about that letter, not the corpus
    (near-duplicate letters still count twice) — and only when ``change`` is at least
    :data:`MIN_RELATIVE_CHANGE` of the term's largest yearly weight (a steady term's weight
    wobbles with the length of each year's document). A unigram is skipped when a bigram listed
    above it contains it, and a bigram when both its words are listed above it. Fewer
    than two dated years give empty lists.

Distinctive terms (:func:`distinctive_terms`)
    Each letter's highest tf-idf terms, the vectoriser fitted on all the letters given (so
    terms of every letter weigh least); ties alphabetical; the same unigram/bigram rule.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from compare.models import Letter, Paragraph
from compare.similarity import LetterVectorizer, letter_text
from compare.trends.years import check_unique, dated_by_year

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


class _LetterTerms:
    """Letters fitted by one :class:`LetterVectorizer`: rows, terms and per-term letter
    counts, shared by :func:`term_trends` and :func:`distinctive_terms`."""

    def __init__(self, letters: Sequence[Letter]) -> None:
        vectorizer = LetterVectorizer()
        self.keys = [letter.key for letter in letters]
        self.matrix = vectorizer.fit_transform(letters)
        self.terms = vectorizer.terms_

    def letters_using(self, rows: Sequence[int]) -> dict[str, int]:
        """How many of the letters ``rows`` use each term (terms used by none left out)."""
        import numpy as np

        if not rows or not self.terms:
            return {}
        counts = np.diff(self.matrix[list(rows)].tocsc().indptr)
        return {self.terms[col]: int(counts[col]) for col in counts.nonzero()[0].tolist()}


def term_trends(letters: Sequence[Letter], top: int = 10) -> TermTrends:
    """Terms rising and falling across the years of the dated letters (rules in the module
    docstring); at most ``top`` of each. Raises ``ValueError`` for a negative ``top``."""
    check_unique(letters)
    return _term_trends(letters, top, None)


def _term_trends(letters: Sequence[Letter], top: int, fitted: _LetterTerms | None) -> TermTrends:
    import numpy as np

    if top < 0:
        raise ValueError(f"top must be >= 0, not {top}")
    by_year = dated_by_year(letters)
    years = tuple(by_year)
    if len(years) < 2 or top == 0:
        return TermTrends(years=years, rising=(), falling=())
    fitted = fitted or _LetterTerms(letters)
    row_of = {key: row for row, key in enumerate(fitted.keys)}
    used = fitted.letters_using(
        [row_of[letter.key] for group in by_year.values() for letter in group]
    )
    documents = [_year_document(year, group) for year, group in by_year.items()]
    vectorizer = LetterVectorizer()
    matrix = vectorizer.fit_transform(documents).tocsc()
    if not vectorizer.terms_:
        return TermTrends(years=years, rising=(), falling=())
    x = np.array(years, dtype=float)
    centred = x - x.mean()
    slopes = (matrix.T @ centred) / float(centred @ centred)
    changes = np.round(slopes * (x[-1] - x[0]), 4)
    peaks = matrix.max(axis=0).toarray().ravel()
    eligible = [
        col
        for col, term in enumerate(vectorizer.terms_)
        if used.get(term, 0) >= MIN_TERM_LETTERS
        and changes[col] != 0
        and abs(changes[col]) >= MIN_RELATIVE_CHANGE * peaks[col]
    ]
    rising = sorted(
        (col for col in eligible if changes[col] > 0),
        key=lambda col: (-changes[col], vectorizer.terms_[col]),
    )
    falling = sorted(
        (col for col in eligible if changes[col] < 0),
        key=lambda col: (changes[col], vectorizer.terms_[col]),
    )

    def trends(columns: list[int]) -> tuple[TermTrend, ...]:
        terms = {vectorizer.terms_[col]: col for col in columns}
        picked = pick_terms(terms, top)
        result = []
        for term in picked:
            col = terms[term]
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


def _year_document(year: int, letters: Sequence[Letter]) -> Letter:
    """A pseudo-letter whose text is the texts of ``letters`` (one paragraph each)."""
    return Letter(
        key=str(year),
        source="",
        part=1,
        title=None,
        subject=None,
        date=None,
        recipient=None,
        recipient_block=(),
        salutation=None,
        paragraphs=tuple(Paragraph("body", letter_text(letter)) for letter in letters),
        asks=(),
        themes=(),
        signatories=(),
        claimed_signatories=None,
        footnotes=(),
        cc=(),
        source_url=None,
    )


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


def distinctive_terms(letters: Sequence[Letter], top: int = 8) -> dict[str, tuple[str, ...]]:
    """Each letter's ``top`` highest tf-idf terms, the vectoriser fitted on ``letters``
    (rules in the module docstring), by key in input order; ``()`` for a letter without
    terms. Raises ``ValueError`` for a negative ``top``."""
    check_unique(letters)
    return _distinctive_terms(letters, top, None)


def _distinctive_terms(
    letters: Sequence[Letter], top: int, fitted: _LetterTerms | None
) -> dict[str, tuple[str, ...]]:
    if top < 0:
        raise ValueError(f"top must be >= 0, not {top}")
    if not letters:
        return {}
    fitted = fitted or _LetterTerms(letters)
    matrix = fitted.matrix
    result: dict[str, tuple[str, ...]] = {}
    for row, key in enumerate(fitted.keys):
        start, end = matrix.indptr[row], matrix.indptr[row + 1]
        columns = matrix.indices[start:end].tolist()
        weights = matrix.data[start:end].tolist()
        ranked = sorted(zip(weights, columns, strict=True), key=lambda pair: (-pair[0], pair[1]))
        result[key] = pick_terms((fitted.terms[col] for _, col in ranked), top)
    return result
