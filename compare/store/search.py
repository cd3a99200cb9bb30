"""The letters of a store nearest a new text, through the segments' postings.

In: a :class:`~compare.store.snapshot.Snapshot` and a text (a draft). Out: the draft as a
:class:`StoreQuery` (:meth:`StoreSearch.vector`) and its nearest letters as
:class:`~compare.similarity.SimilarPair` objects (:meth:`StoreSearch.nearest`): what
:meth:`compare.index.CorpusIndex.vector` and :meth:`~compare.index.CorpusIndex.nearest` give
on the same corpus fitted whole (a test checks the two agree), without loading or fitting it.

How: the draft's terms (the analysis of :class:`compare.similarity.LetterVectorizer`) are
looked up in each segment by hash; each found term's postings give the letters holding it
and their counts. A term's document frequency is the number of live letters in its postings
over all segments, so its idf, ``ln((1 + n) / (1 + df)) + 1`` with ``n`` the live letters,
is the whole corpus's, computed when asked. A letter's weight for the term is
``(1 + ln count) · idf / norm``, its norm the one the commit stored
(:mod:`compare.store.update`), and its score the sum over the draft's terms of the products
of weights: the cosine. A query costs the draft's terms' postings, whatever the corpus's
size.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from compare.store.segment import term_hashes

if TYPE_CHECKING:
    from numpy.typing import NDArray

    from compare.store.snapshot import Snapshot


@dataclass(frozen=True, eq=False)
class StoreQuery:
    """A text as a query: its known terms (alphabetical), their L2-normalised weights, and
    per segment the live postings of each term."""

    terms: tuple[str, ...]
    weights: NDArray[np.float64]
    idf: NDArray[np.float64]
    postings: tuple[tuple[tuple[NDArray[np.int64], NDArray[np.int64]], ...], ...]
    """Per term, per segment: the live rows holding it and their counts."""


class StoreSearch:
    """Nearest letters of a snapshot (see the module docstring); ``keys`` are its letters'."""

    def __init__(self, snapshot: Snapshot) -> None:
        self.snapshot = snapshot
        self.keys = snapshot.keys

    def vector(self, text: str) -> StoreQuery:
        """``text`` as a query over the store's terms (terms no live letter has are left
        out; none known gives an empty query)."""
        from compare.similarity import LetterVectorizer

        vectorizer = LetterVectorizer()
        counted = vectorizer.fit_term_counts([text])
        terms = list(vectorizer.terms_)
        counts = counted.data if len(terms) else np.zeros(0, dtype=np.int64)
        hashes = term_hashes(terms)
        snapshot = self.snapshot
        found: list[list[tuple[NDArray[np.int64], NDArray[np.int64]]]] = [[] for _ in terms]
        df = np.zeros(len(terms), dtype=np.int64)
        for s, segment in enumerate(snapshot.segments):
            live = snapshot.positions[s] >= 0
            columns = segment.columns(terms, hashes) if len(terms) else np.zeros(0, np.int64)
            starts = segment.arrays["post_starts"]
            for n, column in enumerate(columns.tolist()):
                if column < 0:
                    found[n].append((np.zeros(0, np.int64), np.zeros(0, np.int64)))
                    continue
                start, end = int(starts[column]), int(starts[column + 1])
                rows = np.asarray(segment.arrays["post_rows"][start:end], dtype=np.int64)
                held = np.asarray(segment.arrays["post_counts"][start:end], dtype=np.int64)
                keep = live[rows]
                found[n].append((rows[keep], held[keep]))
                df[n] += int(keep.sum())
        known = np.flatnonzero(df > 0)
        idf = np.log((1.0 + len(snapshot)) / (1.0 + df[known])) + 1.0
        weights = (1.0 + np.log(counts[known].astype(np.float64))) * idf
        norm = math.sqrt(float(weights @ weights)) if len(weights) else 0.0
        return StoreQuery(
            terms=tuple(terms[n] for n in known.tolist()),
            weights=weights / norm if norm else weights,
            idf=idf,
            postings=tuple(tuple(found[n]) for n in known.tolist()),
        )

    def nearest(
        self,
        query: StoreQuery,
        top: int = 3,
        *,
        key: str = "",
        exclude: frozenset[str] = frozenset(),
        threshold: float | None = None,
        shared_terms: int | None = None,
    ) -> list[Any]:
        """The ``top`` letters most like ``query``, best first, ties by key; letters scoring
        0 and those in ``exclude`` are skipped: :meth:`compare.index.CorpusIndex.nearest`'s
        answer. Raises ``ValueError`` for a negative ``top``."""
        from compare.index import top_shared
        from compare.similarity import make_pair, options

        threshold, shared_terms = options(threshold, shared_terms)
        if top < 0:
            raise ValueError(f"top must be >= 0, not {top}")
        snapshot = self.snapshot
        if top == 0 or not len(self.keys):
            return []
        scores = np.zeros(len(self.keys))
        for weight, idf, postings in zip(
            query.weights.tolist(), query.idf.tolist(), query.postings, strict=True
        ):
            for s, (rows, held) in enumerate(postings):
                if len(rows):
                    norms = snapshot.states[s].norms[rows]
                    mine = (1.0 + np.log(held.astype(np.float64))) * idf / norms
                    scores[snapshot.positions[s][rows]] += weight * mine
        scores = np.clip(np.round(scores, 4), 0.0, 1.0)
        if exclude:
            scores[[n for n, k in enumerate(self.keys) if k in exclude]] = 0.0
        positive = np.flatnonzero(scores > 0)
        if 0 < top < len(positive):  # keep the top scores and every tie with the last of them
            cut = np.partition(scores[positive], len(positive) - top)[len(positive) - top]
            positive = positive[scores[positive] >= cut]
        order = sorted((-float(scores[n]), self.keys[n], int(n)) for n in positive)[:top]
        pairs = []
        for negative, other, n in order:
            columns, products = self._products(query, n)
            shared = top_shared(columns, products, query.terms, shared_terms)
            pairs.append(make_pair(key, other, -negative, threshold, shared))
        return pairs

    def _products(
        self, query: StoreQuery, position: int
    ) -> tuple[NDArray[np.int64], NDArray[np.float64]]:
        """The query terms the letter at ``position`` holds and the products of their
        weights (each term's share of the score)."""
        snapshot = self.snapshot
        s, row = int(snapshot.segment_of[position]), int(snapshot.row_of[position])
        norm = float(snapshot.states[s].norms[row])
        columns, products = [], []
        for n, (weight, idf, postings) in enumerate(
            zip(query.weights.tolist(), query.idf.tolist(), query.postings, strict=True)
        ):
            rows, held = postings[s]
            at = int(np.searchsorted(rows, row))
            if at < len(rows) and int(rows[at]) == row:
                columns.append(n)
                products.append(weight * (1.0 + math.log(int(held[at]))) * idf / norm)
        return np.array(columns, dtype=np.int64), np.array(products, dtype=np.float64)
