"""One commit of the store opened for reading: the corpus as the manifest named it.

In: a store folder. Out: :class:`Snapshot` (:func:`open_snapshot`): the manifest read once,
its segments and state opened (arrays memory-mapped), and the corpus they make — letters in
corpus order (files by name, then their letters in file order, as
:func:`compare.corpus.collect` orders them), unique keys (:class:`compare.corpus.KeyMaker`'s
rule), the corpus digest :func:`compare.pipeline.cached_corpus` gives the same files, the
files that could not be read, the letters' MinHash signatures, and
:class:`StoreLetters`, which reads a letter's parse result only when it is asked for.

A writer may commit while a snapshot is open: its files stay (open files and maps survive a
delete, and the writer keeps the previous commit's files, :mod:`compare.store.update`), so a
snapshot keeps reading the commit it opened.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, overload

import numpy as np

from compare.models import Letter, from_json
from compare.store.errors import StoreError
from compare.store.manifest import (
    CorpusView,
    Manifest,
    SegmentState,
    read_manifest,
    read_state,
)
from compare.store.segment import Segment

if TYPE_CHECKING:
    from numpy.typing import NDArray

    from compare.corpus import LoadFailure
    from compare.store.search import StoreSearch


@dataclass(frozen=True)
class LiveFile:
    """A live file of the snapshot and where its letters are."""

    name: str
    segment: int
    number: int
    """The file's position in its segment."""
    first: int
    """Its first row in the segment."""
    letters: int
    digest: str
    problem: str | None


def unique_keys(bases: Sequence[str]) -> tuple[str, ...]:
    """``bases`` made unique as :class:`compare.corpus.KeyMaker` makes them: a clash gets
    ``-2``, ``-3`` … in order."""
    seen: dict[str, int] = {}
    keys = []
    for key in bases:
        seen[key] = seen.get(key, 0) + 1
        keys.append(f"{key}-{seen[key]}" if seen[key] > 1 else key)
    return tuple(keys)


def corpus_view(segments: Sequence[Segment], states: Sequence[SegmentState]) -> CorpusView:
    """The corpus the live files of ``segments`` make (see the module docstring), as a
    commit stores it (:class:`~compare.store.manifest.CorpusView`); reads every segment's
    list of files, so a writer makes it once per commit."""
    files = sorted(
        (str(row[0]), s, f)
        for s, segment in enumerate(segments)
        for f, row in enumerate(segment.files)
        if states[s].live[f]
    )
    rows = [segments[s].files[f] for _, s, f in files]
    bases: list[str] = []
    for (_, s, _), row in zip(files, rows, strict=True):
        bases += segments[s].base_keys[int(row[5]) : int(row[5]) + int(row[6])]
    text = "\n".join(f"{name}:{row[4]}" for (name, _, _), row in zip(files, rows, strict=True))
    return CorpusView(
        names=tuple(name for name, _, _ in files),
        segment=np.array([s for _, s, _ in files], dtype=np.int64),
        number=np.array([f for _, _, f in files], dtype=np.int64),
        first=np.array([int(row[5]) for row in rows], dtype=np.int64),
        letters=np.array([int(row[6]) for row in rows], dtype=np.int64),
        keys=unique_keys(bases),
        digest=hashlib.sha256(text.encode()).hexdigest(),
        failures=tuple(
            (name, str(row[7]))
            for (name, _, _), row in zip(files, rows, strict=True)
            if row[7] is not None
        ),
    )


class Snapshot:
    """A commit of the store, open for reading (see the module docstring)."""

    def __init__(self, folder: Path, manifest: Manifest) -> None:
        self.folder = folder
        self.manifest = manifest
        self.segments: list[Segment] = []
        try:
            for name in manifest.segments:
                self.segments.append(Segment(folder / name))
            sizes = [(s.file_count, len(s)) for s in self.segments]
            if self.segments:
                self.states, self.view = read_state(folder, manifest.state, sizes)
            else:
                self.states, self.view = [], _EMPTY
        except BaseException:
            self.close()
            raise
        view = self.view
        starts = np.cumsum(view.letters) - view.letters
        self.file_starts: NDArray[np.int64] = starts
        """Per live file (of ``view.names``), its first corpus position."""
        self.segment_of: NDArray[np.int64] = np.repeat(view.segment, view.letters)
        """Per corpus position: its segment."""
        self.row_of: NDArray[np.int64] = (
            np.arange(len(view.keys), dtype=np.int64)
            - np.repeat(starts, view.letters)
            + np.repeat(view.first, view.letters)
        )
        """Per corpus position: its row in the segment."""
        self.keys = view.keys
        """The letters' keys in corpus order."""

    def __len__(self) -> int:
        return len(self.keys)

    @cached_property
    def files(self) -> tuple[LiveFile, ...]:
        """The live files, by name, with where their letters are (reads every segment's
        list of files: for inspection; a check needs :attr:`view` alone)."""
        view = self.view
        found = []
        for n, name in enumerate(view.names):
            s, number = int(view.segment[n]), int(view.number[n])
            row = self.segments[s].files[number]
            found.append(LiveFile(name, s, number, int(row[5]), int(row[6]), str(row[4]), row[7]))
        return tuple(found)

    @cached_property
    def positions(self) -> list[NDArray[np.int64]]:
        """Per segment, each row's corpus position (-1: not live)."""
        found = [np.full(len(s), -1, dtype=np.int64) for s in self.segments]
        for s in range(len(self.segments)):
            mine = self.segment_of == s
            found[s][self.row_of[mine]] = np.flatnonzero(mine)
        return found

    @property
    def digest(self) -> str:
        """The corpus digest of :func:`compare.pipeline.cached_corpus` for these files."""
        return self.view.digest

    @property
    def failures(self) -> tuple[LoadFailure, ...]:
        """The files no letter could be read from, by name."""
        from compare.corpus import LoadFailure

        return tuple(LoadFailure(name, problem) for name, problem in self.view.failures)

    def letters(self) -> StoreLetters:
        """The letters, each read when asked for."""
        return StoreLetters(self)

    def signatures(self) -> NDArray[np.uint32]:
        """The letters' MinHash signatures in corpus order, ``(letters, NUM_PERM)``."""
        from compare.nearduplicates import NUM_PERM

        out = np.zeros((len(self), NUM_PERM), dtype=np.uint32)
        for s, segment in enumerate(self.segments):
            mine = np.flatnonzero(self.segment_of == s)
            out[mine] = segment.arrays["signatures"][self.row_of[mine]]
        return out

    def search(self) -> StoreSearch:
        """The nearest-letter search of this commit
        (:class:`~compare.store.search.StoreSearch`)."""
        from compare.store.search import StoreSearch

        return StoreSearch(self)

    def close(self) -> None:
        for segment in self.segments:
            segment.close()


_EMPTY = CorpusView(
    names=(),
    segment=np.zeros(0, dtype=np.int64),
    number=np.zeros(0, dtype=np.int64),
    first=np.zeros(0, dtype=np.int64),
    letters=np.zeros(0, dtype=np.int64),
    keys=(),
    digest=hashlib.sha256(b"").hexdigest(),
    failures=(),
)


def open_snapshot(folder: Path) -> Snapshot | None:
    """The store's current commit, ``None`` when the store has none. Raises
    :class:`StoreError` when it is damaged or of another format, and when it was written by
    another version of compare-letters (its parse results may differ)."""
    from compare.cache import code_digest

    for attempt in range(3):
        manifest = read_manifest(folder)
        if manifest is None:
            return None
        if manifest.code != code_digest():
            raise StoreError(folder, "store written by another version of compare-letters")
        try:
            return Snapshot(folder, manifest)
        except StoreError:
            # a commit between reading the manifest and opening its files: read it again
            if attempt == 2 or read_manifest(folder) == manifest:
                raise
    raise AssertionError("unreachable")


class StoreLetters(Sequence[Letter]):
    """The letters of a snapshot in corpus order, each parsed from its file's record when
    first asked for: a check needs a handful of whole letters, not all of them. ``keys`` and
    ``digest`` are known without reading any."""

    def __init__(self, snapshot: Snapshot) -> None:
        self.snapshot = snapshot
        self.keys = snapshot.keys
        self.digest = snapshot.digest
        self._files: dict[tuple[int, int], list[Any]] = {}

    def __len__(self) -> int:
        return len(self.keys)

    @overload
    def __getitem__(self, n: int) -> Letter: ...
    @overload
    def __getitem__(self, n: slice) -> list[Letter]: ...
    def __getitem__(self, n: int | slice) -> Letter | list[Letter]:
        if isinstance(n, slice):
            return [self[i] for i in range(*n.indices(len(self)))]
        if n < 0:
            n += len(self)
        if not 0 <= n < len(self):
            raise IndexError(n)
        snapshot = self.snapshot
        s, row = int(snapshot.segment_of[n]), int(snapshot.row_of[n])
        segment = snapshot.segments[s]
        file = int(np.searchsorted(snapshot.file_starts, n, side="right")) - 1
        number, first = int(snapshot.view.number[file]), int(snapshot.view.first[file])
        if (s, number) not in self._files:
            self._files[(s, number)] = segment.file_letters(number)
        try:
            letter = from_json(Letter, self._files[(s, number)][row - first])
        except (KeyError, TypeError, ValueError, IndexError) as error:
            raise StoreError(segment.folder, f"a stored letter is damaged ({error})") from error
        return dataclasses.replace(letter, key=self.keys[n])

    def __iter__(self) -> Iterator[Letter]:
        return (self[n] for n in range(len(self)))
