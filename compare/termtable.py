"""A large vocabulary held compactly: column → term without a Python string per term.

In: terms in alphabetical order (Python's string order). Out: :class:`TermTable`, a
``Sequence[str]`` equal to the tuple of those terms — indexing, slicing, iteration, ``len``,
``in``, ``==`` against a tuple or list — stored as one UTF-8 buffer and a numpy array of
offsets, and a term's column found by binary search (:meth:`TermTable.find`).

Why: a fitted corpus of 100,000 letters has about 20 million terms (mostly bigrams seen
once); as Python strings in a tuple they take about 1.5 GB (a string object is ~50 bytes
before its characters), as a buffer and offsets about 0.5 GB. Strings are made only for
the terms asked for (shared terms, the top terms of a letter).

UTF-8 (with lone surrogates passed through) keeps code point order, so the buffer's terms
are in the same order as the strings, and the binary search compares strings.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any, overload

import numpy as np

if TYPE_CHECKING:
    from numpy.typing import NDArray

_SEPARATOR = "\0"
_ENCODING = "utf-8"
_ERRORS = "surrogatepass"
_COUNT_BLOCK = 1 << 24
"""Bytes of the buffer scanned at once for separators (a 16 MB mask)."""
_PAIR_BLOCK = 1 << 16
"""Terms built at once by :meth:`TermTable.of_pairs` (its index array ~10 MB)."""


class TermTable(Sequence[str]):
    """Terms (alphabetical) as one UTF-8 buffer: term ``i`` is the bytes
    ``buffer[starts[i]:starts[i + 1] - 1]`` (each term is followed by one NUL byte)."""

    __slots__ = ("_buffer", "_starts", "_split")

    def __init__(self, buffer: NDArray[np.uint8], starts: NDArray[np.int64]) -> None:
        """From :meth:`to_arrays`' parts. Raises ``ValueError`` when they do not fit."""
        if len(starts) == 0 or int(starts[0]) != 0 or int(starts[-1]) != len(buffer):
            raise ValueError("term table offsets do not fit its buffer")
        self._buffer = buffer
        self._starts = starts
        self._split: bool | None = None  # whether no term holds a NUL (known when iterated)

    @classmethod
    def of(cls, terms: Sequence[str]) -> TermTable:
        """The table of ``terms`` (in alphabetical order for :meth:`find` to work)."""
        if not terms:
            return cls(np.zeros(0, dtype=np.uint8), np.zeros(1, dtype=np.int64))
        text = _SEPARATOR.join(terms) + _SEPARATOR
        if text.isascii():  # a character is a byte
            sizes = np.fromiter(map(len, terms), dtype=np.int64, count=len(terms))
        else:
            sizes = np.fromiter(
                (len(term.encode(_ENCODING, _ERRORS)) for term in terms),
                dtype=np.int64,
                count=len(terms),
            )
        buffer = np.frombuffer(text.encode(_ENCODING, _ERRORS), dtype=np.uint8)
        del text
        starts = np.zeros(len(terms) + 1, dtype=np.int64)
        np.cumsum(sizes + 1, out=starts[1:])
        return cls(buffer, starts)

    @classmethod
    def of_pairs(
        cls,
        words: Sequence[str],
        first: NDArray[np.int64],
        second: NDArray[np.int64],
        order: NDArray[np.int64],
    ) -> TermTable:
        """The table of the terms ``words[first[k]]``, or ``words[first[k]] + " " +
        words[second[k]]`` where ``second[k] >= 0`` (a bigram), taking ``k`` in ``order``:
        built from the words' bytes with numpy, a block of terms at a time, without a string
        per term."""
        encoded = [word.encode(_ENCODING, _ERRORS) for word in words]
        sizes = np.fromiter(map(len, encoded), dtype=np.int64, count=len(encoded))
        source = np.frombuffer(b"".join(b" " + e for e in encoded) + b"\0", dtype=np.uint8)
        del encoded
        space = np.zeros(len(sizes), dtype=np.int64)  # where " word" starts in source
        np.cumsum(sizes[:-1] + 1, out=space[1:])
        nul = len(source) - 1
        count = len(order)
        starts = np.zeros(count + 1, dtype=np.int64)
        for a in range(0, count, _PAIR_BLOCK):  # each term's length, then their offsets
            taken = order[a : a + _PAIR_BLOCK]
            two = second[taken]
            starts[a + 1 : a + 1 + len(taken)] = (
                sizes[first[taken]] + np.where(two >= 0, sizes[two] + 1, 0) + 1
            )
        np.cumsum(starts, out=starts)
        buffer = np.empty(int(starts[-1]), dtype=np.uint8)
        for a in range(0, count, _PAIR_BLOCK):
            taken = order[a : a + _PAIR_BLOCK]
            one, two = first[taken], second[taken]
            pair = two >= 0
            two = np.where(pair, two, 0)
            # three pieces a term: the first word, " second" (or nothing), the NUL
            piece_starts = np.stack([space[one] + 1, space[two], np.full(len(one), nul)], axis=1)
            piece_sizes = np.stack(
                [sizes[one], np.where(pair, sizes[two] + 1, 0), np.ones(len(one), np.int64)],
                axis=1,
            )
            piece_starts, piece_sizes = piece_starts.ravel(), piece_sizes.ravel()
            before = np.cumsum(piece_sizes) - piece_sizes
            where = np.repeat(piece_starts - before, piece_sizes)
            where += np.arange(len(where))
            buffer[starts[a] : starts[a + len(one)]] = source[where]
        return cls(buffer, starts)

    def to_arrays(self) -> tuple[NDArray[np.uint8], NDArray[np.int64]]:
        """The buffer (as ``uint8``) and the ``len + 1`` offsets: plain arrays to store."""
        return self._buffer, self._starts

    @classmethod
    def from_arrays(cls, buffer: Any, starts: Any) -> TermTable:
        """The table :meth:`to_arrays` gave. Raises ``ValueError`` when they do not fit."""
        return cls(np.asarray(buffer, dtype=np.uint8), np.asarray(starts, dtype=np.int64))

    def __len__(self) -> int:
        return len(self._starts) - 1

    @overload
    def __getitem__(self, n: int) -> str: ...

    @overload
    def __getitem__(self, n: slice) -> tuple[str, ...]: ...

    def __getitem__(self, n: int | slice) -> str | tuple[str, ...]:
        if isinstance(n, slice):
            return tuple(self[i] for i in range(*n.indices(len(self))))
        size = len(self)
        if n < 0:
            n += size
        if not 0 <= n < size:
            raise IndexError("term table index out of range")
        start, end = int(self._starts[n]), int(self._starts[n + 1]) - 1
        return self._buffer[start:end].tobytes().decode(_ENCODING, _ERRORS)

    def __iter__(self) -> Iterator[str]:
        if not len(self):
            return iter(())
        if self._split is None:  # iteration may split at the separator if no term holds one
            nuls = sum(
                int(np.count_nonzero(self._buffer[at : at + _COUNT_BLOCK] == 0))
                for at in range(0, len(self._buffer), _COUNT_BLOCK)
            )
            self._split = nuls == len(self)
        if self._split:
            text = self._buffer[:-1].tobytes().decode(_ENCODING, _ERRORS)
            return iter(text.split(_SEPARATOR))
        return (self[n] for n in range(len(self)))

    def find(self, term: str) -> int | None:
        """The column of ``term``, ``None`` when it is not in the table (binary search)."""
        at = bisect_left(self, term)
        return at if at < len(self) and self[at] == term else None

    def __contains__(self, term: object) -> bool:
        return isinstance(term, str) and self.find(term) is not None

    def __eq__(self, other: object) -> bool:
        if isinstance(other, TermTable):
            return bool(
                np.array_equal(self._buffer, other._buffer)
                and np.array_equal(self._starts, other._starts)
            )
        if isinstance(other, tuple | list):
            return len(other) == len(self) and all(a == b for a, b in zip(self, other, strict=True))
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._buffer.tobytes())

    def __repr__(self) -> str:
        return f"TermTable({len(self)} terms)"
