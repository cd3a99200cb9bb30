"""A corpus fitted once: tf-idf rows and postings as plain numpy arrays.

In: the texts of a corpus's letters and their keys (:meth:`CorpusIndex.fit`, through
:class:`compare.similarity.LetterVectorizer`, numpy only). Out: a
:class:`CorpusIndex`, the one fitted corpus that serves every later question without refitting
and without importing scikit-learn:

* pair scores (:meth:`CorpusIndex.pair`) and every pair of the corpus
  (:meth:`CorpusIndex.all_pairs`, which needs scipy's sparse product);
* the letters nearest a new text, e.g. a draft (:meth:`CorpusIndex.nearest`), through
  postings, so a query costs the draft's terms rather than the corpus's size;
* shared terms of any two rows (:func:`top_shared`, the one routine for it);
* the raw term counts, so an analysis that groups letters (terms by year) re-weights them
  instead of fitting again (:meth:`CorpusIndex.group_rows`).

Projection of a new text (:meth:`CorpusIndex.vector`) repeats scikit-learn's analysis
(lowercase, accents stripped, tokens, stop words removed, unigrams then bigrams, each
paragraph on its own so that no bigram crosses a blank line; sublinear tf × idf,
L2-normalised); a test checks it equals scikit-learn's ``transform`` to 1e-12. The idf is the
corpus's: a query does not refit it. Terms, and so shared terms, never join two paragraphs.

Storage (:meth:`CorpusIndex.to_plain`/:meth:`CorpusIndex.from_plain`) is a dict of numpy arrays
and JSON-able values, which the cache writes as ``.npz`` without pickle; it names the
:data:`ANALYZER_VERSION` it was fitted with, and an index of another is refused (so the cache
fits it again).
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any

import numpy as np

from compare.termtable import TermTable
from compare.text import TOKENIZER_VERSION, strip_accents

if TYPE_CHECKING:
    from numpy.typing import ArrayLike, NDArray
    from scipy.sparse import csr_matrix

    from compare.similarity import SimilarityResult

TOKENIZER = f"compare.similarity.terms/{TOKENIZER_VERSION}"
"""The tokeniser an index is fitted with, by name and version; a stored index made with
another (:meth:`CorpusIndex.from_plain` refuses it) is fitted again."""
BLOCK_CELLS = 4_000_000
"""Scores computed at once when scoring every pair (:meth:`CorpusIndex.scored_blocks`): about
64 MB of row, column and score arrays, whatever the corpus's size."""

_CHUNK = 10_000
"""Pairs turned into Python numbers at a time while :meth:`CorpusIndex.ranked_pairs` makes them."""

_WEIGHT_BLOCK = 1 << 20
"""Weights computed at once by :func:`tfidf_weights` (its temporaries stay ~30 MB)."""

ANALYZER_VERSION = 2
"""Version of the text analysis the terms come from: 2 forms n-grams within paragraphs only
(1 formed them over the whole letter, bridging paragraphs). An index stored with another
version is refused by :meth:`CorpusIndex.from_plain`."""

Row = tuple["NDArray[np.int64]", "NDArray[np.float64]"]
"""A sparse row: column indices (ascending) and their weights."""


@dataclass(frozen=True, slots=False, eq=False)
class CorpusIndex:
    """A corpus's fitted tf-idf (see the module docstring). Fields are plain data; the
    vocabulary, key positions and postings are derived on first use."""

    keys: tuple[str, ...]
    """Letter keys, one per row."""
    terms: Sequence[str]
    """Column → term, alphabetical: a :class:`~compare.termtable.TermTable` when fitted or
    loaded (equal to the tuple of the terms, a fraction of its memory), or a tuple."""
    idf: NDArray[np.float64]
    """Smoothed idf per column: ``ln((1 + n) / (1 + df)) + 1``."""
    stop_words: frozenset[str]
    tokenizer: str
    """The tokeniser's name and version (:data:`TOKENIZER`)."""
    ngram_range: tuple[int, int]
    indptr: NDArray[np.int64]
    """CSR row pointers: row ``i`` is ``indices[indptr[i]:indptr[i+1]]``."""
    indices: NDArray[np.int64]
    """CSR column indices, ascending within each row."""
    weights: NDArray[np.float64]
    """L2-normalised sublinear tf-idf, parallel to ``indices``."""
    counts: NDArray[np.int64]
    """Raw term counts, parallel to ``indices``."""

    # ------------------------------------------------------------------ building

    @classmethod
    def fit(cls, texts: Sequence[str], keys: Sequence[str]) -> CorpusIndex:
        """Fit on ``texts`` (one per letter, e.g. :func:`compare.similarity.letter_text`),
        rows named by ``keys``. Numpy only: imports neither scikit-learn nor scipy.
        Raises ``ValueError`` when the lengths differ."""
        from compare.similarity import LetterVectorizer

        if len(texts) != len(keys):
            raise ValueError(f"{len(texts)} texts but {len(keys)} keys")
        vectorizer = LetterVectorizer()
        counts = vectorizer.fit_term_counts(texts)
        return cls(
            keys=tuple(keys),
            terms=vectorizer.terms_,
            idf=vectorizer.idf_,
            stop_words=vectorizer.stop_words_,
            tokenizer=TOKENIZER,
            ngram_range=vectorizer.ngram_range,
            indptr=counts.indptr.astype(np.int64),
            indices=counts.indices.astype(np.int64),
            weights=tfidf_weights(counts.indptr, counts.indices, counts.data, vectorizer.idf_),
            counts=counts.data.astype(np.int64),
        )

    def __len__(self) -> int:
        return len(self.keys)

    # ------------------------------------------------------------------ rows

    def row(self, i: int) -> Row:
        """Row ``i``'s columns and L2-normalised weights."""
        start, end = int(self.indptr[i]), int(self.indptr[i + 1])
        return self.indices[start:end], self.weights[start:end]

    def position(self, key: str) -> int | None:
        """The row of the letter ``key``, ``None`` when it is not in the corpus."""
        return self._positions.get(key)

    @cached_property
    def _positions(self) -> dict[str, int]:
        return {key: n for n, key in enumerate(self.keys)}

    @cached_property
    def vocabulary(self) -> dict[str, int]:
        """Term → column."""
        return {term: n for n, term in enumerate(self.terms)}

    def analyze(self, text: str) -> list[str]:
        """The terms of ``text`` as the fitted vectoriser sees them: paragraph by paragraph
        (:data:`compare.similarity.PARAGRAPH_BREAK`), no n-gram crossing a break."""
        from compare.similarity import normalise_text, paragraphs_of

        folded = strip_accents(normalise_text(text).lower())
        found: list[str] = []
        for part in paragraphs_of(folded):
            found += self._paragraph_terms(part)
        return found

    def _paragraph_terms(self, text: str) -> list[str]:
        """The terms of one paragraph (lower case, accents stripped already)."""
        from compare.similarity import terms

        tokens = [t for t in terms(text) if t not in self.stop_words]
        low, high = self.ngram_range
        found = list(tokens) if low == 1 else []
        for n in range(max(low, 2), min(high, len(tokens)) + 1):
            found += [" ".join(tokens[i : i + n]) for i in range(len(tokens) - n + 1)]
        return found

    def vector(self, text: str) -> Row:
        """``text`` as an L2-normalised row over the corpus's vocabulary (unknown terms
        ignored; no known term gives an empty row)."""
        counted: dict[int, int] = {}
        find = self.terms.find if isinstance(self.terms, TermTable) else self.vocabulary.get
        for term in self.analyze(text):
            column = find(term)
            if column is not None:
                counted[column] = counted.get(column, 0) + 1
        columns = np.array(sorted(counted), dtype=np.int64)
        weights = np.array(
            [(1.0 + math.log(counted[c])) * float(self.idf[c]) for c in columns.tolist()],
            dtype=np.float64,
        )
        norm = math.sqrt(float(weights @ weights)) if len(weights) else 0.0
        return (columns, weights / norm) if norm else (columns[:0], weights[:0])

    def matrix(self) -> csr_matrix:
        """The rows as a scipy CSR matrix (imports scipy)."""
        from scipy.sparse import csr_matrix

        shape = (len(self.keys), len(self.terms))
        return csr_matrix((self.weights, self.indices, self.indptr), shape=shape)

    def group_rows(self, groups: Sequence[Sequence[int]]) -> CorpusIndex:
        """A new index whose rows are ``groups`` of this one's rows taken as one document
        each (counts summed, idf over the groups): what fitting on the groups' concatenated
        texts gives, without refitting. Keys are ``"0"``, ``"1"``, … Terms no group uses
        keep their column with weight 0."""
        rows, columns, counts = [], [], []
        for g, members in enumerate(groups):
            summed: dict[int, int] = {}
            for i in members:
                start, end = int(self.indptr[i]), int(self.indptr[i + 1])
                for c, n in zip(
                    self.indices[start:end].tolist(), self.counts[start:end].tolist(), strict=True
                ):
                    summed[c] = summed.get(c, 0) + n
            for c in sorted(summed):
                rows.append(g)
                columns.append(c)
                counts.append(summed[c])
        indptr = np.searchsorted(np.array(rows, dtype=np.int64), np.arange(len(groups) + 1))
        indices = np.array(columns, dtype=np.int64)
        count_array = np.array(counts, dtype=np.int64)
        df = np.bincount(indices, minlength=len(self.terms))
        idf = np.log((1.0 + len(groups)) / (1.0 + df)) + 1.0
        return CorpusIndex(
            keys=tuple(str(g) for g in range(len(groups))),
            terms=self.terms,
            idf=idf,
            stop_words=self.stop_words,
            tokenizer=self.tokenizer,
            ngram_range=self.ngram_range,
            indptr=indptr.astype(np.int64),
            indices=indices,
            weights=tfidf_weights(indptr, indices, count_array, idf),
            counts=count_array,
        )

    # ------------------------------------------------------------------ questions

    def pair(
        self, a: str, b: str, *, threshold: float | None = None, shared_terms: int | None = None
    ) -> Any:
        """The :class:`~compare.similarity.SimilarPair` of letters ``a`` and ``b`` (``None``
        if either key is not in the corpus)."""
        from compare.similarity import make_pair, options

        threshold, shared_terms = options(threshold, shared_terms)
        i, j = self.position(a), self.position(b)
        if i is None or j is None:
            return None
        score, shared = self.compare_rows(self.row(i), self.row(j), shared_terms)
        return make_pair(a, b, score, threshold, shared)

    def compare_rows(self, a: Row, b: Row, limit: int) -> tuple[float, tuple[str, ...]]:
        """The rounded cosine of two rows and their top ``limit`` shared terms."""
        columns, products = _products(a, b)
        score = rounded(float(products.sum()))
        return score, top_shared(columns, products, self.terms, limit)

    def nearest(
        self,
        query: Row,
        top: int = 3,
        *,
        key: str = "",
        exclude: frozenset[str] = frozenset(),
        threshold: float | None = None,
        shared_terms: int | None = None,
    ) -> list[Any]:
        """The ``top`` corpus letters most like the row ``query`` (see :meth:`vector`), best
        first, ties by key; letters scoring 0 and those in ``exclude`` are skipped. Each is a
        :class:`~compare.similarity.SimilarPair` with ``a = key``. Raises ``ValueError`` for
        a negative ``top``."""
        from compare.similarity import make_pair, options

        threshold, shared_terms = options(threshold, shared_terms)
        if top < 0:
            raise ValueError(f"top must be >= 0, not {top}")
        if top == 0 or not len(self.keys):
            return []
        starts, letters, weights = self._postings
        scores = np.zeros(len(self.keys))
        for column, weight in zip(query[0].tolist(), query[1].tolist(), strict=True):
            start, end = starts[column], starts[column + 1]
            scores[letters[start:end]] += weight * weights[start:end]
        scores = np.clip(np.round(scores, 4), 0.0, 1.0)
        if exclude:
            scores[[n for n, k in enumerate(self.keys) if k in exclude]] = 0.0
        positive = np.flatnonzero(scores > 0)
        if 0 < top < len(positive):  # keep the top scores and every tie with the last of them
            cut = np.partition(scores[positive], len(positive) - top)[len(positive) - top]
            positive = positive[scores[positive] >= cut]
        order = sorted((-float(scores[n]), self.keys[n], int(n)) for n in positive)[:top]
        return [
            make_pair(
                key,
                other,
                -negative,
                threshold,
                self.compare_rows(query, self.row(n), shared_terms)[1],
            )
            for negative, other, n in order
        ]

    def all_pairs(
        self,
        *,
        min_score: float = 0.0,
        top: int | None = None,
        threshold: float | None = None,
        shared_terms: int | None = None,
    ) -> SimilarityResult:
        """Every pair with a rounded score above 0 and at least ``min_score``, sorted by
        ``(-score, key a, key b)`` (``a`` is the earlier row), cut to ``top``; ``total`` is
        the number of pairs before the cut (see :meth:`ranked_pairs`, which makes them one
        at a time). Raises ``ValueError`` on duplicate keys or out-of-range arguments."""
        from compare.similarity import SimilarityResult, options

        threshold, shared_terms = options(threshold, shared_terms)
        total, pairs = self.ranked_pairs(
            min_score=min_score, top=top, threshold=threshold, shared_terms=shared_terms
        )
        return SimilarityResult(
            keys=self.keys, pairs=tuple(pairs), threshold=threshold, total=total
        )

    def ranked_pairs(
        self,
        *,
        min_score: float = 0.0,
        top: int | None = None,
        threshold: float | None = None,
        shared_terms: int | None = None,
    ) -> tuple[int, Iterator[Any]]:
        """How many pairs score above 0 and at least ``min_score``, and those pairs as
        :class:`~compare.similarity.SimilarPair` objects in :meth:`all_pairs`' order, cut to
        ``top``, each made (with its shared terms) only when the iterator reaches it.
        Scores are computed a block of rows at a time (:meth:`scored_blocks`) keeping each
        block's ``top`` best, so memory holds ``top`` pairs' scores, or every pair's three
        numbers without ``top`` — never every pair's object. Raises ``ValueError`` on
        duplicate keys or out-of-range arguments."""
        from compare.similarity import make_pair, options

        threshold, shared_terms = options(threshold, shared_terms)
        self._check_pair_options(min_score, top)
        rank = np.empty(len(self.keys), dtype=np.int64)
        rank[sorted(range(len(self.keys)), key=self.keys.__getitem__)] = np.arange(len(self.keys))
        total = 0
        found: list[tuple[NDArray[np.int64], NDArray[np.int64], NDArray[np.float64]]] = []
        for rows, cols, scores in self.scored_blocks(min_score):
            total += len(scores)
            if top is not None and len(scores) > top:
                best = np.lexsort((rank[cols], rank[rows], -scores))[:top]
                rows, cols, scores = rows[best], cols[best], scores[best]
            found.append((rows, cols, scores))
        rows = np.concatenate([f[0] for f in found]) if found else np.zeros(0, np.int64)
        cols = np.concatenate([f[1] for f in found]) if found else np.zeros(0, np.int64)
        scores = np.concatenate([f[2] for f in found]) if found else np.zeros(0)
        del found
        order = np.lexsort((rank[cols], rank[rows], -scores))[:top]
        rows, cols, scores = rows[order], cols[order], scores[order]

        def pairs() -> Iterator[Any]:
            dense = np.zeros(len(self.terms))
            for start in range(0, len(scores), _CHUNK):
                for i, j, score in zip(
                    rows[start : start + _CHUNK].tolist(),
                    cols[start : start + _CHUNK].tolist(),
                    scores[start : start + _CHUNK].tolist(),
                    strict=True,
                ):
                    columns, weights = self.row(i)
                    dense[columns] = weights
                    shared = self._shared_with(dense, j, shared_terms)
                    dense[columns] = 0.0
                    yield make_pair(self.keys[i], self.keys[j], score, threshold, shared)

        return total, pairs()

    def iter_pairs(
        self,
        *,
        min_score: float = 0.0,
        threshold: float | None = None,
        shared_terms: int | None = None,
    ) -> Iterator[Any]:
        """Every pair :meth:`all_pairs` would list, as :class:`~compare.similarity.SimilarPair`
        objects made one at a time in row order (``a``'s row, then ``b``'s), not ranked:
        memory stays that of one block of scores (:meth:`scored_blocks`) however many pairs
        there are. Raises ``ValueError`` as :meth:`all_pairs` (on the first ``next``)."""
        from compare.similarity import make_pair, options

        threshold, shared_terms = options(threshold, shared_terms)
        self._check_pair_options(min_score, None)
        dense = np.zeros(len(self.terms))  # row a's weights by column, for a quick gather
        current = -1
        for rows, cols, scores in self.scored_blocks(min_score):
            order = np.lexsort((cols, rows))
            for i, j, score in zip(
                rows[order].tolist(), cols[order].tolist(), scores[order].tolist(), strict=True
            ):
                if i != current:
                    if current >= 0:
                        dense[self.row(current)[0]] = 0.0
                    columns, weights = self.row(i)
                    dense[columns] = weights
                    current = i
                shared = self._shared_with(dense, j, shared_terms)
                yield make_pair(self.keys[i], self.keys[j], score, threshold, shared)

    def _shared_with(self, dense: NDArray[np.float64], j: int, limit: int) -> tuple[str, ...]:
        """The top ``limit`` terms row ``j`` shares with the row spread out in ``dense`` (its
        weight per column, 0 elsewhere): :meth:`compare_rows`' terms, by a gather instead of
        a set intersection (weights are positive, so a non-zero product is a shared term)."""
        columns, weights = self.row(j)
        products = dense[columns] * weights
        both = products > 0
        return top_shared(columns[both], products[both], self.terms, limit)

    def scored_blocks(
        self, min_score: float = 0.0, cells: int | None = None
    ) -> Iterator[tuple[NDArray[np.int64], NDArray[np.int64], NDArray[np.float64]]]:
        """The scored pairs ``(rows, cols, scores)``, ``row < col``, score rounded to 4
        decimals, above 0 and at least ``min_score``, for a block of rows at a time: as many
        rows as make about ``cells`` scores (default :data:`BLOCK_CELLS`; at least one row),
        so a block's sparse product stays small whatever the corpus's size. Unordered within
        a block."""
        if len(self.keys) < 2 or not len(self.terms):
            return
        matrix = self.matrix()
        transposed = matrix.T.tocsr()
        step = max(1, (cells or BLOCK_CELLS) // len(self.keys))
        for start in range(0, len(self.keys), step):
            block = (matrix[start : start + step] @ transposed).tocoo()
            rows = block.row.astype(np.int64) + start
            cols = block.col.astype(np.int64)
            upper = rows < cols
            rows, cols = rows[upper], cols[upper]
            scores = np.clip(np.round(block.data[upper], 4), 0.0, 1.0)
            keep = (scores > 0) & (scores >= min_score)
            yield rows[keep], cols[keep], scores[keep]

    def _check_pair_options(self, min_score: float, top: int | None) -> None:
        from compare.similarity import check_unique

        if not 0.0 <= min_score <= 1.0:
            raise ValueError(f"min_score must be within 0..1, not {min_score}")
        if top is not None and top < 0:
            raise ValueError(f"top must be >= 0, not {top}")
        check_unique(self.keys)

    @cached_property
    def _postings(self) -> tuple[NDArray[np.int64], NDArray[np.int64], NDArray[np.float64]]:
        """Per column: where its postings start, the letters (ascending) and their weights."""
        order = np.argsort(self.indices, kind="stable")
        letters = np.repeat(np.arange(len(self.keys)), np.diff(self.indptr))[order]
        starts = np.searchsorted(self.indices[order], np.arange(len(self.terms) + 1))
        return starts.astype(np.int64), letters.astype(np.int64), self.weights[order]

    # ------------------------------------------------------------------ storage

    def to_plain(self) -> dict[str, Any]:
        """The index as numpy arrays and JSON-able values (see :meth:`from_plain`)."""
        return {
            "analyzer_version": ANALYZER_VERSION,
            "keys": list(self.keys),
            "terms": _plain_terms(self.terms),
            "stop_words": sorted(self.stop_words),
            "tokenizer": self.tokenizer,
            "ngram_range": list(self.ngram_range),
            "idf": self.idf,
            "indptr": self.indptr,
            "indices": self.indices,
            "weights": self.weights,
            "counts": self.counts,
        }

    @classmethod
    def from_plain(cls, plain: dict[str, Any]) -> CorpusIndex:
        """The index :meth:`to_plain` gave. Raises ``KeyError``/``ValueError`` on damage, and
        ``ValueError`` when it was made with another tokeniser (:data:`TOKENIZER`) or another
        :data:`ANALYZER_VERSION`."""
        if plain.get("analyzer_version") != ANALYZER_VERSION:
            raise ValueError(
                f"index analysed with version {plain.get('analyzer_version')!r}, "
                f"not {ANALYZER_VERSION}"
            )
        low, high = plain["ngram_range"]
        index = cls(
            keys=tuple(plain["keys"]),
            terms=_loaded_terms(plain["terms"]),
            idf=np.asarray(plain["idf"], dtype=np.float64),
            stop_words=frozenset(plain["stop_words"]),
            tokenizer=str(plain["tokenizer"]),
            ngram_range=(int(low), int(high)),
            indptr=np.asarray(plain["indptr"], dtype=np.int64),
            indices=np.asarray(plain["indices"], dtype=np.int64),
            weights=np.asarray(plain["weights"], dtype=np.float64),
            counts=np.asarray(plain["counts"], dtype=np.int64),
        )
        if index.tokenizer != TOKENIZER:
            raise ValueError(f"index made with tokeniser {index.tokenizer}, not {TOKENIZER}")
        if len(index.indptr) != len(index.keys) + 1 or len(index.idf) != len(index.terms):
            raise ValueError("index arrays do not fit its keys and terms")
        if not len(index.indices) == len(index.weights) == len(index.counts):
            raise ValueError("index arrays differ in length")
        return index


def _plain_terms(terms: Sequence[str]) -> dict[str, Any]:
    """The terms as two arrays (:meth:`~compare.termtable.TermTable.to_arrays`)."""
    table = terms if isinstance(terms, TermTable) else TermTable.of(terms)
    buffer, starts = table.to_arrays()
    return {"utf8": buffer, "starts": starts}


def _loaded_terms(stored: Any) -> Sequence[str]:
    """What :func:`_plain_terms` stored (or a list of terms, as stored before). Raises
    ``KeyError``/``ValueError`` on damage."""
    if isinstance(stored, list):
        return tuple(str(term) for term in stored)
    return TermTable.from_arrays(stored["utf8"], stored["starts"])


def tfidf_weights(
    indptr: ArrayLike, indices: ArrayLike, counts: ArrayLike, idf: ArrayLike
) -> NDArray[np.float64]:
    """Sublinear tf × idf, L2-normalised per row, for CSR ``counts``: what scikit-learn's
    ``TfidfTransformer(sublinear_tf=True, norm="l2")`` gives."""
    indptr = np.asarray(indptr, dtype=np.int64)
    columns = np.asarray(indices)
    counted = np.asarray(counts)
    weights = np.asarray(idf, dtype=np.float64)
    values = np.empty(len(columns), dtype=np.float64)
    rows = len(indptr) - 1
    start = 0
    while start < rows:  # a block of rows of about _WEIGHT_BLOCK values at a time
        stop = int(np.searchsorted(indptr, indptr[start] + _WEIGHT_BLOCK, side="right")) - 1
        stop = min(rows, max(stop, start + 1))
        begin, end = int(indptr[start]), int(indptr[stop])
        block = np.log(counted[begin:end].astype(np.float64))
        block += 1.0
        block *= weights[columns[begin:end]]
        lengths = np.diff(indptr[start : stop + 1])
        owner = np.repeat(np.arange(stop - start), lengths)
        norms = np.sqrt(np.bincount(owner, weights=block * block, minlength=stop - start))
        block /= norms[owner]
        values[begin:end] = block
        start = stop
    return values


def _products(a: Row, b: Row) -> tuple[NDArray[np.int64], NDArray[np.float64]]:
    """The columns two rows share and the products of their weights (each column's share
    of the cosine)."""
    columns, in_a, in_b = np.intersect1d(a[0], b[0], assume_unique=True, return_indices=True)
    return columns, a[1][in_a] * b[1][in_b]


def top_shared(
    columns: NDArray[np.int64], products: NDArray[np.float64], terms: Sequence[str], limit: int
) -> tuple[str, ...]:
    """The ``limit`` shared terms with the largest products, ties in column (alphabetical)
    order: the one shared-terms ranking of the package."""
    if limit <= 0 or not len(columns):
        return ()
    order = np.lexsort((columns, -products))[:limit]
    return tuple(terms[c] for c in columns[order].tolist())


def rounded(score: float) -> float:
    """A cosine rounded to 4 decimals and clipped to 0..1 (float error can overshoot)."""
    return min(max(round(score, 4), 0.0), 1.0)
