"""Unigram and bigram counts of a large corpus without a string per bigram.

In: texts, and a function giving each text's runs of words (the tokens of each paragraph,
stop words removed: :meth:`compare.similarity.ParagraphAnalyzer.word_runs`). Out: what
:func:`compare.counting.count_terms` gives with ``ngram_range`` (1, 1) or (1, 2) — the
vocabulary, alphabetical, as a :class:`~compare.termtable.TermTable`, and the counts — to the
last term and count (a test checks the two agree).

How: each word gets an id when first seen (a dict of words only: a corpus of 100,000 letters
has some 10⁵ words but 2·10⁷ bigrams); a bigram is the pair of its words' ids, one 64-bit key
(``first << 32 | second + 1``; a unigram is ``first << 32``), and a batch of texts is tallied
with numpy. The alphabetical order of the terms follows from the words' order: a term's
characters are all above the space that joins a bigram (tokens hold no white space or
control character), so ``"w1 w2"`` sorts as the pair ``(w1, w2)``, after the unigram
``"w1"`` and before any term whose first word sorts after ``w1`` — e.g. ``"a c" < "ab" <
"ab c"``. Texts with a word that breaks this (a character at or below the space) are
counted by :func:`compare.counting.count_terms` instead.
"""

from __future__ import annotations

from array import array
from collections import defaultdict
from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

from compare.termtable import TermTable

if TYPE_CHECKING:
    from numpy.typing import NDArray

    from compare.counting import Runs, TermCounts


_LOW = np.uint64(0xFFFFFFFF)
_SHIFT = np.uint64(32)


class UnorderedWords(ValueError):
    """A word holds a character at or below the space: bigram keys would not sort as text."""


def count_pair_terms(
    texts: Sequence[str], runs: Runs, bigrams: bool, batch: int
) -> tuple[TermTable, TermCounts, int]:
    """The vocabulary (alphabetical) and counts of the unigrams, and with ``bigrams`` the
    bigrams, of ``texts``, ``batch`` texts tallied at a time; and the number of texts.
    Raises ``ValueError`` when the texts have no term, :class:`UnorderedWords` when a word
    would not sort as the module docstring says (count another way then)."""
    from compare.counting import TermCounts

    words: defaultdict[str, int] = defaultdict()
    words.default_factory = words.__len__  # a new word gets the next id
    lookup = words.__getitem__
    parts: list[tuple[NDArray[np.int64], NDArray[np.uint64], NDArray[np.int32]]] = []
    for start in range(0, len(texts), batch):
        ids = array("q")
        lengths = array("q")
        for text in texts[start : start + batch]:
            before = len(ids)
            for run in runs(text):
                ids.extend(map(lookup, run))
                ids.append(-1)  # no bigram across a paragraph, or into the next text
            lengths.append(len(ids) - before)
        parts.append(
            _tally(np.frombuffer(ids, np.int64), np.frombuffer(lengths, np.int64), bigrams)
        )
    if not words:
        raise ValueError("empty vocabulary; perhaps the documents only contain stop words")
    names = list(words)
    del words, lookup
    if any(min(name) <= " " for name in names):
        raise UnorderedWords("a word holds white space or a control character")
    order = sorted(range(len(names)), key=names.__getitem__)
    rank = np.empty(len(names), dtype=np.int64)
    rank[np.array(order, dtype=np.int64)] = np.arange(len(names))
    keys = np.concatenate([part[1] for part in parts])
    keys.sort()  # unique in place: np.unique would hold two more copies
    distinct = np.ones(len(keys), dtype=bool)
    np.not_equal(keys[1:], keys[:-1], out=distinct[1:])
    keys = keys[distinct]
    del distinct
    first = rank[(keys >> _SHIFT).astype(np.int64)]
    second = (keys & _LOW).astype(np.int64) - 1
    second[second >= 0] = rank[second[second >= 0]]
    sort_key = first * (len(names) + 1) + (second + 1)
    by_text = np.argsort(sort_key, kind="stable")
    del sort_key
    column = np.empty(len(keys), dtype=np.int64)  # key position -> column
    column[by_text] = np.arange(len(keys))
    table = TermTable.of_pairs([names[n] for n in order], first, second, by_text)
    del first, second, by_text
    counted = []
    while parts:
        indptr, part_keys, counts = parts.pop(0)
        positions = np.searchsorted(keys, part_keys)
        counted.append(TermCounts(indptr, positions, counts.astype(np.int64), len(keys)))
    from compare.counting import join_counts

    return table, join_counts(counted, column, len(keys)), len(texts)


def _tally(
    ids: NDArray[np.int64], lengths: NDArray[np.int64], bigrams: bool
) -> tuple[NDArray[np.int64], NDArray[np.uint64], NDArray[np.int32]]:
    """One batch's ``(indptr, keys, counts)``: each text's distinct term keys (ascending)
    and how often each occurs. ``ids`` are word ids, ``-1`` after each paragraph; text ``i``
    is ``lengths[i]`` of them."""
    row_of = np.repeat(np.arange(len(lengths), dtype=np.int64), lengths)
    word = ids >= 0
    keys = ids[word].astype(np.uint64) << _SHIFT
    rows = row_of[word]
    if bigrams and len(ids) > 1:
        pair = word[:-1] & word[1:]
        second = (ids[1:][pair] + 1).astype(np.uint64)
        keys = np.concatenate([keys, (ids[:-1][pair].astype(np.uint64) << _SHIFT) | second])
        rows = np.concatenate([rows, row_of[:-1][pair]])
    order = np.lexsort((keys, rows))
    keys, rows = keys[order], rows[order]
    new = np.ones(len(keys), dtype=bool)
    new[1:] = (keys[1:] != keys[:-1]) | (rows[1:] != rows[:-1])
    starts = np.flatnonzero(new)
    counts = np.diff(np.append(starts, len(keys))).astype(np.int32)
    indptr = np.searchsorted(rows[starts], np.arange(len(lengths) + 1)).astype(np.int64)
    return indptr, keys[starts], counts
