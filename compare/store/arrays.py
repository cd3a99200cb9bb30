"""Arrays on disk, memory-mapped: what the store's folders (:mod:`compare.store.paragraphs`,
:mod:`compare.store.askgraph`) are made of, and the read-only views a reader gets of them.

Everything is ``.npy`` read with ``allow_pickle=False`` or raw UTF-8 bytes with an array of
offsets: opening a folder runs no code and reads nothing but the arrays' headers; a row, a
string or a lookup reads the bytes it needs when asked for.

* :class:`Rows`: a read-only sequence whose items are made when asked for;
* :func:`string_rows`, :func:`int_rows`, :func:`array_rows`, :func:`pair_rows`: rows of
  flattened arrays (CSR: ``starts`` offsets into ``values``);
* :class:`Lookup`: strings to values through sorted 64-bit BLAKE2b hashes
  (:func:`compare.store.segment.term_hashes`), the strings of equal hashes compared;
* :func:`write_strings`, :func:`save_array`, :class:`MappedFolder`: writing and opening them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from hashlib import blake2b
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, TypeVar, overload

import numpy as np

from compare.store.segment import term_hashes

if TYPE_CHECKING:
    from numpy.typing import NDArray

T = TypeVar("T")


class Rows(Sequence[T], Generic[T]):
    """A read-only sequence whose item ``n`` is made by ``make(n)`` when asked for."""

    def __init__(self, size: int, make: Callable[[int], T]) -> None:
        self._size, self._make = size, make

    def __len__(self) -> int:
        return self._size

    @overload
    def __getitem__(self, n: int) -> T: ...
    @overload
    def __getitem__(self, n: slice) -> Sequence[T]: ...
    def __getitem__(self, n: int | slice) -> T | Sequence[T]:
        if isinstance(n, slice):
            return [self[k] for k in range(*n.indices(self._size))]
        if n < 0:
            n += self._size
        if not 0 <= n < self._size:
            raise IndexError(n)
        return self._make(n)

    def __iter__(self) -> Iterator[T]:
        return (self._make(n) for n in range(self._size))


def string_rows(data: NDArray[np.uint8], offsets: NDArray[np.int64]) -> Rows[str]:
    def make(n: int) -> str:
        return bytes(data[int(offsets[n]) : int(offsets[n + 1])]).decode("utf-8")

    return Rows(len(offsets) - 1, make)


def int_rows(starts: NDArray[np.int64], values: NDArray[np.int64]) -> Rows[tuple[int, ...]]:
    def make(n: int) -> tuple[int, ...]:
        return tuple(values[int(starts[n]) : int(starts[n + 1])].tolist())

    return Rows(len(starts) - 1, make)


def array_rows(starts: NDArray[np.int64], values: NDArray[np.int64]) -> Rows[Any]:
    """Rows as slices of the mapped ``values`` (their length known without reading them:
    a word in a million paragraphs costs nothing until its ids are read)."""

    def make(n: int) -> Any:
        return values[int(starts[n]) : int(starts[n + 1])]

    return Rows(len(starts) - 1, make)


def pair_rows(
    starts: NDArray[np.int64], firsts: NDArray[np.int64], seconds: NDArray[np.int64]
) -> Rows[tuple[tuple[int, int], ...]]:
    def make(n: int) -> tuple[tuple[int, int], ...]:
        a, b = int(starts[n]), int(starts[n + 1])
        return tuple(zip(firsts[a:b].tolist(), seconds[a:b].tolist(), strict=True))

    return Rows(len(starts) - 1, make)


class Lookup(Mapping[str, T], Generic[T]):
    """Strings → values through sorted 64-bit hashes: a key's hash is searched and the
    strings of equal hashes compared, so a lookup reads a few bytes of the maps."""

    def __init__(
        self,
        strings: Sequence[str],
        hashes: NDArray[np.uint64],
        ids: NDArray[np.int64],
        value: Callable[[int], T],
    ) -> None:
        self._strings, self._hashes, self._ids, self._value = strings, hashes, ids, value

    def _find(self, key: object) -> int | None:
        if not isinstance(key, str) or not len(self._hashes):
            return None
        wanted = np.uint64(
            int.from_bytes(blake2b(key.encode(), digest_size=8).digest(), "little")
        )  # as term_hashes makes them
        place = int(np.searchsorted(self._hashes, wanted))
        while place < len(self._hashes) and self._hashes[place] == wanted:
            found = int(self._ids[place])
            if self._strings[found] == key:
                return found
            place += 1
        return None

    def __getitem__(self, key: str) -> T:
        found = self._find(key)
        if found is None:
            raise KeyError(key)
        return self._value(found)

    def __contains__(self, key: object) -> bool:
        return self._find(key) is not None

    def __iter__(self) -> Iterator[str]:
        return iter(self._strings)

    def __len__(self) -> int:
        return len(self._strings)


def write_strings(folder: Path, prefix: str, strings: Sequence[str]) -> None:
    """``strings`` as ``<prefix>.bin`` + offsets, and their sorted hashes with ids."""
    encoded = [s.encode("utf-8") for s in strings]
    offsets = np.zeros(len(encoded) + 1, dtype=np.int64)
    np.cumsum([len(x) for x in encoded], out=offsets[1:])
    (folder / f"{prefix}.bin").write_bytes(b"".join(encoded))
    hashes = term_hashes(strings)
    order = np.argsort(hashes, kind="stable").astype(np.int64)
    save_array(folder, f"{prefix}_offsets", offsets)
    save_array(folder, f"{prefix}_hashes", hashes[order])
    save_array(folder, f"{prefix}_ids", order)


def save_array(folder: Path, name: str, array: Any) -> None:
    np.save(folder / f"{name}.npy", np.ascontiguousarray(array), allow_pickle=False)


class MappedFolder:
    """The arrays and byte files of a paragraph-index folder, memory-mapped."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def array(self, name: str) -> Any:
        return np.load(self.folder / f"{name}.npy", mmap_mode="r", allow_pickle=False)

    def data(self, name: str) -> NDArray[np.uint8]:
        path = self.folder / f"{name}.bin"
        if path.stat().st_size == 0:
            return np.zeros(0, dtype=np.uint8)
        return np.memmap(path, dtype=np.uint8, mode="r")

    def strings(self, prefix: str) -> tuple[Rows[str], NDArray[np.uint64], NDArray[np.int64]]:
        offsets = self.array(f"{prefix}_offsets")
        data = self.data(prefix)
        if int(offsets[-1]) != len(data):
            raise ValueError(f"{prefix}.bin does not fit its offsets")
        strings = string_rows(data, offsets)
        hashes, ids = self.array(f"{prefix}_hashes"), self.array(f"{prefix}_ids")
        if len(hashes) != len(strings) or len(ids) != len(strings):
            raise ValueError(f"{prefix} hashes do not fit its strings")
        return strings, hashes, ids


def rows_fit(starts: Any, values: Any, count: int, name: str) -> None:
    if len(starts) != count + 1 or int(starts[0]) != 0 or int(starts[-1]) != len(values):
        raise ValueError(f"{name} rows do not fit their values")


def mapped_bytes(path: Path) -> NDArray[np.uint8]:
    if path.stat().st_size == 0:
        return np.zeros(0, dtype=np.uint8)
    return np.memmap(path, dtype=np.uint8, mode="r")
