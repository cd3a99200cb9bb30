"""Term counts of texts in numpy alone: what scikit-learn's ``CountVectorizer`` gives.

In: texts, and the analysis parameters of :class:`compare.similarity.LetterVectorizer`
(lower-casing, accent stripping, a tokenizer, stop words, the n-gram range, document-frequency
bounds). Out: the vocabulary (terms in alphabetical order) and :class:`TermCounts`, a CSR
matrix as three numpy arrays, so that a fit on a handful of letters — a pair score, a draft
search, a small corpus — never imports scikit-learn (about 1.2 s and 120 MB) or scipy.

The rules are scikit-learn's (``sklearn.feature_extraction.text``, version 1.x), which the
tests check on the seeds and on random texts to the last term and count:

* analysis (:class:`Analyzer`): lower-case (``str.lower``), then strip accents, then the
  tokenizer; stop words removed; then unigrams and the n-grams of the remaining tokens
  joined by one space, unigrams first, then bigrams, and so on (``_word_ngrams``);
* the vocabulary is every term of every text, in Python's string order (``sorted``), one
  column each (``_sort_features``);
* document-frequency bounds (``_limit_features``): a float is a share of the texts, an int a
  number of texts; a term is kept when ``min_df <= df <= max_df``. No term at all raises
  ``ValueError("empty vocabulary; ...")``; terms all pruned raise ``ValueError("After
  pruning, no terms remain. ...")``, as scikit-learn does.
"""

from __future__ import annotations

import unicodedata
from array import array
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from itertools import repeat
from numbers import Integral
from typing import TYPE_CHECKING

import numpy as np

from compare.termtable import TermTable

Runs = Callable[[str], list[list[str]]]
"""A text to the words of each of its paragraphs (:func:`count_terms`)."""

if TYPE_CHECKING:
    from numpy.typing import NDArray


@dataclass(frozen=True, slots=True)
class TermCounts:
    """Raw term counts, one row per text: CSR as numpy arrays (``int64``), column indices
    ascending within each row."""

    indptr: NDArray[np.int64]
    """Row ``i`` is ``indices[indptr[i]:indptr[i + 1]]``; ``len(indptr)`` is rows + 1."""
    indices: NDArray[np.int64]
    """Column (term) of each count."""
    data: NDArray[np.int64]
    """How many times the term occurs in the text, >= 1."""
    columns: int
    """Number of columns (the vocabulary's size)."""

    @property
    def shape(self) -> tuple[int, int]:
        """(rows, columns)."""
        return len(self.indptr) - 1, self.columns


@dataclass(frozen=True, slots=True)
class Analyzer:
    """A text to its terms, as scikit-learn's ``build_analyzer()`` with
    ``analyzer="word"`` and a ``tokenizer`` (see the module docstring)."""

    tokenizer: Callable[[str], list[str]]
    lowercase: bool = True
    strip_accents: Callable[[str], str] | None = None
    stop_words: frozenset[str] = frozenset()
    ngram_range: tuple[int, int] = (1, 1)

    def words(self, text: str) -> list[str]:
        """The unigrams of ``text``: lower-cased, accents stripped, tokens, stop words out."""
        if self.lowercase:
            text = text.lower()
        if self.strip_accents is not None:
            text = self.strip_accents(text)
        stop = self.stop_words
        return [t for t in self.tokenizer(text) if t not in stop] if stop else self.tokenizer(text)

    def __call__(self, text: str) -> list[str]:
        tokens = self.words(text)
        low, high = self.ngram_range
        if high == 1:
            return tokens
        found = list(tokens) if low == 1 else []
        if low <= 2 <= high:  # bigrams, the common case, without slicing
            found += [f"{a} {b}" for a, b in zip(tokens, tokens[1:], strict=False)]
        for n in range(max(low, 3), min(high, len(tokens)) + 1):
            found += [" ".join(tokens[i : i + n]) for i in range(len(tokens) - n + 1)]
        return found


def strip_accents_ascii(text: str) -> str:
    """NFKD, then everything that is not ASCII dropped: scikit-learn's
    ``strip_accents="ascii"`` (``"Perú 人" → "Peru "``)."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")


def check_ngram_range(ngram_range: tuple[int, int]) -> None:
    """Raise ``ValueError`` unless ``1 <= low <= high``."""
    low, high = ngram_range
    if not 1 <= low <= high:
        raise ValueError(
            f"ngram_range must be (low, high) with 1 <= low <= high, not {ngram_range}"
        )


def document_bound(value: object, texts: int, name: str) -> float:
    """``min_df``/``max_df`` as a number of texts: an int (>= 1) as it is, a float in 0..1 as
    that share of ``texts``. Raises ``ValueError`` for anything else (as scikit-learn)."""
    if isinstance(value, Integral) and int(value) >= 1:
        return float(int(value))
    if isinstance(value, float) and 0.0 <= value <= 1.0:
        return value * texts
    raise ValueError(f"{name} must be an int >= 1 or a float in [0.0, 1.0], not {value!r}")


def count_terms(
    texts: Iterable[str],
    analyzer: Callable[[str], list[str]],
    min_df: object = 1,
    max_df: object = 1.0,
    runs: Runs | None = None,
    bigrams: bool = False,
) -> tuple[TermTable, TermCounts]:
    """The vocabulary of ``texts`` (terms in alphabetical order, pruned to ``min_df <= df <=
    max_df``; a :class:`~compare.termtable.TermTable`, equal to the tuple of the terms) and
    their counts. Texts are analysed and tallied :data:`BATCH` at a time, so memory holds
    one batch's terms, not the corpus's. ``runs`` (each paragraph's words, stop words
    removed) may be given when ``analyzer`` makes unigrams, and bigrams when ``bigrams``,
    of those runs: then the texts are counted as word pairs
    (:func:`compare.paircounting.count_pair_terms`, the same answer in a fraction of the
    memory). Raises ``ValueError`` when the texts have no term, when pruning leaves none,
    or for bounds out of range or crossed."""
    from compare.paircounting import UnorderedWords, count_pair_terms

    if runs is not None and isinstance(texts, Sequence):
        low = document_bound(min_df, len(texts), "min_df")
        high = document_bound(max_df, len(texts), "max_df")
        try:
            table, counts, rows = count_pair_terms(texts, runs, bigrams, BATCH)
        except UnorderedWords:
            pass
        else:
            if high < low:
                raise ValueError("max_df corresponds to < documents than min_df")
            return _bounded(table, counts, rows, low, high)
    vocabulary: defaultdict[str, int] = defaultdict()
    vocabulary.default_factory = vocabulary.__len__  # a new term gets the next id
    lookup = vocabulary.__getitem__
    parts = [_tally(*_ids(batch, analyzer, lookup)) for batch in _batches(texts)]
    rows = sum(len(part.indptr) - 1 for part in parts)
    low = document_bound(min_df, rows, "min_df")
    high = document_bound(max_df, rows, "max_df")
    if not vocabulary:
        raise ValueError("empty vocabulary; perhaps the documents only contain stop words")
    if high < low:
        raise ValueError("max_df corresponds to < documents than min_df")
    terms = sorted(vocabulary)
    column = np.empty(len(terms), dtype=np.int64)  # id (order of first sight) -> column
    column[np.fromiter(map(vocabulary.__getitem__, terms), np.int64, len(terms))] = np.arange(
        len(terms)
    )
    vocabulary.clear()  # its table is as large as the terms' strings: free it before joining
    table = TermTable.of(terms)
    del terms  # the strings go: the table holds the terms
    return _bounded(table, join_counts(parts, column, len(table)), rows, low, high)


def _bounded(
    table: TermTable, counts: TermCounts, rows: int, low: float, high: float
) -> tuple[TermTable, TermCounts]:
    """The terms whose document frequency is within ``low..high``, and their counts. Raises
    ``ValueError`` when none is."""
    df = np.bincount(counts.indices, minlength=len(table))
    keep = (df >= low) & (df <= high)
    if not keep.any():
        raise ValueError("After pruning, no terms remain. Try a lower min_df or a higher max_df.")
    if keep.all():
        return table, counts
    kept = keep[counts.indices]
    row_of = np.repeat(np.arange(rows), np.diff(counts.indptr))[kept]
    pruned = TermCounts(
        indptr=np.searchsorted(row_of, np.arange(rows + 1)).astype(np.int64),
        indices=(np.cumsum(keep) - 1)[counts.indices[kept]].astype(np.int64),
        data=counts.data[kept],
        columns=int(keep.sum()),
    )
    return TermTable.of([t for t, k in zip(table, keep.tolist(), strict=True) if k]), pruned


def count_known(
    texts: Iterable[str], analyzer: Callable[[str], list[str]], vocabulary: Mapping[str, int]
) -> TermCounts:
    """The counts of ``texts`` over a fixed ``vocabulary`` (term → column, columns
    ``0..len - 1``); other terms are ignored, so a text without known terms is an empty
    row."""
    lookup = vocabulary.get
    parts = [_tally(*_ids(batch, analyzer, lookup, -1)) for batch in _batches(texts)]
    return join_counts(parts, np.arange(len(vocabulary), dtype=np.int64), len(vocabulary))


BATCH = 1000
"""Texts analysed and tallied at a time by :func:`count_terms` and :func:`count_known`."""


def _batches(texts: Iterable[str]) -> Iterator[list[str]]:
    batch: list[str] = []
    for text in texts:
        batch.append(text)
        if len(batch) == BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def _ids(
    batch: list[str],
    analyzer: Callable[[str], list[str]],
    lookup: Callable[..., int],
    *missing: int,
) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    """The ids (``lookup(term, *missing)``) of the terms of every text of ``batch`` end to
    end, and how many each text has: gathered in a C array, without a list per text."""
    ids = array("q")
    lengths = array("q")
    for text in batch:
        before = len(ids)
        terms = analyzer(text)
        ids.extend(map(lookup, terms, *(repeat(m, len(terms)) for m in missing)))
        lengths.append(len(ids) - before)
    return np.frombuffer(ids, dtype=np.int64), np.frombuffer(lengths, dtype=np.int64)


def _tally(ids: NDArray[np.int64], lengths: NDArray[np.int64]) -> TermCounts:
    """Each row's ids counted (row ``i`` is ``lengths[i]`` ids of ``ids``, end to end): CSR
    over ids (ascending within a row); ids below 0 (unknown terms) are dropped. ``columns``
    is one more than the largest id. ``indices`` and ``data`` are ``int32`` when they fit
    (the batches are held until all are tallied)."""
    rows = lengths
    row_of = np.repeat(np.arange(len(rows), dtype=np.int64), lengths)
    known = ids >= 0
    ids, row_of = ids[known], row_of[known]
    width = int(ids.max()) + 1 if len(ids) else 1
    keys, counts = np.unique(row_of * width + ids, return_counts=True)
    small = np.int32 if width < 2**31 and len(ids) < 2**31 else np.int64
    return TermCounts(
        indptr=np.searchsorted(keys // width, np.arange(len(rows) + 1)).astype(np.int64),
        indices=(keys % width).astype(small),
        data=counts.astype(small),
        columns=width,
    )


def join_counts(parts: list[TermCounts], column: NDArray[np.int64], columns: int) -> TermCounts:
    """The batches' counts stacked, ids mapped to ``column[id]`` and sorted within rows; the
    batches are consumed (emptied from ``parts``) one at a time, so that memory holds the
    counts about twice, not four times."""
    indptrs, indices, data = [np.zeros(1, dtype=np.int64)], [], []
    offset = 0
    while parts:
        part = parts.pop(0)
        mapped = column[part.indices]
        row_of = np.repeat(np.arange(len(part.indptr) - 1), np.diff(part.indptr))
        order = np.lexsort((mapped, row_of))
        indices.append(mapped[order])
        data.append(part.data[order].astype(np.int64))
        indptrs.append(part.indptr[1:] + offset)
        offset += int(part.indptr[-1])
        del part, mapped, row_of, order
    empty = np.zeros(0, dtype=np.int64)
    return TermCounts(
        np.concatenate(indptrs),
        np.concatenate(indices) if indices else empty,
        np.concatenate(data) if data else empty,
        columns,
    )
