"""Bringing a store up to date with its corpus folder: one commit per change.

In: the store folder, the corpus files, how to make a file's cache digest from its content,
and how to read files (both given by :mod:`compare.pipeline`). Out: :class:`Update`, what
changed, and the new commit (:func:`sync`).

A sync (one writer at a time: ``write.lock``, ``fcntl.flock`` where there is one):

1. opens the current commit (a damaged store, or one of another format or version, is
   logged, removed and built again);
2. compares each file's size and modification time with the commit's (a difference means its
   bytes are hashed; the same content digest means nothing changed but the time); new and
   changed files are read (the pipeline's reader takes parse results from the per-file cache
   when it has them), deleted and changed files' entries are dropped by clearing their live
   flag — no other file is read;
3. writes the new files as new segments of at most :data:`SEGMENT_LETTERS` letters;
4. merges (:func:`_merge_plan`): a segment is *small* while it holds fewer than half of
   :data:`SEGMENT_LETTERS` live letters, or fewer than half of its rows are live; when
   :data:`MERGE_FACTOR` or more segments are small, the smallest are merged into one (live
   rows only, up to :data:`SEGMENT_LETTERS` letters). Segments therefore number at most
   about ``2·letters / SEGMENT_LETTERS + MERGE_FACTOR`` (a query visits each: measured in
   ``tests/benchmarks/incremental.py``), and a merge copies at most ``SEGMENT_LETTERS``
   letters' counts, never the whole corpus;
5. computes every live row's tf-idf norm under the new document frequencies (the sum, over
   segments, of each term's live postings, joined by term hash; ``n`` the live letters):
   every norm changes when ``n`` does, and this costs one pass over the stored counts,
   not a reading of any letter;
6. writes the state, then replaces the manifest (the commit), then deletes the files of
   commits older than the previous one (a reader that read the previous manifest a moment
   ago still finds its files).
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import shutil
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from compare.store.errors import StoreError
from compare.store.listing import Listing
from compare.store.manifest import (
    MANIFEST,
    CorpusView,
    Manifest,
    SegmentState,
    write_manifest,
    write_state,
)
from compare.store.segment import FileEntry, Segment, _write, write_segment
from compare.store.snapshot import Snapshot, corpus_view, open_snapshot

if TYPE_CHECKING:
    from numpy.typing import NDArray

    from compare.filetasks import FileOutcome

log = logging.getLogger(__name__)

SEGMENT_LETTERS = 10_000
"""Letters a segment holds at most when written or merged: its counting (about 10 s of
tokenising) and its vocabulary (about two million terms of generated letters) stay small."""
MERGE_FACTOR = 10
"""Small segments (see the module docstring) that start a merge (Lucene's merge factor)."""


@dataclass(frozen=True)
class Update:
    """What one sync did."""

    generation: int
    """The commit now current (unchanged when nothing changed)."""
    letters: int
    files: int
    added: int
    """Files new to the store."""
    changed: int
    """Files whose content changed (their entries replaced)."""
    deleted: int
    """Files gone from the folder (their entries dropped)."""
    segments: int
    """Live segments after the sync."""
    merged: int
    """Segments merged by this sync."""


Reader = Callable[[Sequence[Path]], Iterable[tuple[Path, "FileOutcome"]]]
"""Reads files in the order given: each path and its outcome."""


@contextlib.contextmanager
def _locked(folder: Path) -> Iterator[None]:
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / "write.lock").open("a") as handle:
        try:
            import fcntl
        except ImportError:  # pragma: no cover - no advisory locks (Windows)
            yield
            return
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def sync(
    folder: Path,
    paths: Sequence[Path] | Listing,
    file_digest: Callable[[str, str], str],
    read: Reader,
) -> tuple[Snapshot, Update]:
    """Bring the store in ``folder`` up to date with ``paths`` (the corpus files, sorted by
    name, or their :class:`~compare.store.listing.Listing`, which has their stats already):
    ``file_digest(name, content sha256)`` is a file's cache digest, ``read`` parses files.
    Returns the current commit, opened, and what changed."""
    with _locked(folder):
        try:
            old = open_snapshot(folder)
        except StoreError as error:
            log.warning("%s; building the store again", error)
            _wipe(folder)
            old = None
        try:
            return _sync(folder, old, paths, file_digest, read)
        finally:
            if old is not None:
                old.close()


def _sync(
    folder: Path,
    old: Snapshot | None,
    paths: Sequence[Path] | Listing,
    file_digest: Callable[[str, str], str],
    read: Reader,
) -> tuple[Snapshot, Update]:
    from compare.cache import code_digest

    listing = paths if isinstance(paths, Listing) else Listing.of_paths(paths)
    segments = list(old.segments) if old is not None else []
    states = [_copy(s) for s in old.states] if old is not None else []
    view = old.view if old is not None else None
    same_names = view is not None and listing.names == view.names
    if view is not None and same_names:  # the usual case: compare every stat at once
        known = {}
        looked = _stats_differ(listing, view, states).tolist()
    else:
        known = {name: n for n, name in enumerate(view.names)} if view is not None else {}
        looked = range(len(listing.names))
    fresh: dict[str, tuple[int, int, str, str]] = {}
    fresh_paths: list[Path] = []
    touched = False
    added = changed = 0
    for n in looked:
        name = listing.names[n]
        seen = list(listing.stats[n])
        place = n if same_names else known.get(name)
        entry = None
        if place is not None and view is not None:
            entry = (int(view.segment[place]), int(view.number[place]))
            if states[entry[0]].stat[entry[1]].tolist() == seen:
                continue
        path = listing.path(n)
        try:
            if seen[0] < 0:
                raise OSError(f"{path} cannot be stat'ed")
            content = hashlib.sha256(path.read_bytes()).hexdigest()
            digest = file_digest(name, content)
        except OSError:
            seen, content, digest = [0, 0], "", ""  # unreadable: the reader says why
        if entry is not None and digest and digest == segments[entry[0]].files[entry[1]][4]:
            states[entry[0]].stat[entry[1]] = seen
            touched = True
            continue
        if entry is not None:
            states[entry[0]].live[entry[1]] = False
            changed += 1
        else:
            added += 1
        fresh[name] = (seen[0], seen[1], content, digest)
        fresh_paths.append(path)
    names = set() if same_names else set(listing.names)
    gone = [place for name, place in known.items() if name not in names]
    for place in gone:
        assert view is not None
        states[int(view.segment[place])].live[int(view.number[place])] = False
    if old is not None and not fresh and not gone and not touched:
        return old, _update(old, 0, 0, 0, 0)
    for name in _write_new(folder, fresh_paths, fresh, read):
        segment = Segment(folder / name)
        segments.append(segment)
        states.append(_new_state(segment))
    merged = 0
    plan = _merge_plan(segments, states)
    if plan:
        name = merge_segments(folder, [segments[n] for n in plan], [states[n] for n in plan])
        segments = [s for n, s in enumerate(segments) if n not in plan]
        states = [s for n, s in enumerate(states) if n not in plan]
        segment = Segment(folder / name)
        segments.append(segment)
        states.append(_new_state(segment))
        merged = len(plan)
    keep = [n for n, s in enumerate(states) if s.live.any()]
    segments = [segments[n] for n in keep]
    states = [states[n] for n in keep]
    norms = row_norms(segments, states)
    states = [SegmentState(s.live, s.stat, n) for s, n in zip(states, norms, strict=True)]
    generation = (old.manifest.generation if old is not None else 0) + 1
    state = (
        write_state(folder, generation, states, corpus_view(segments, states)) if segments else ""
    )
    manifest = Manifest(generation, tuple(s.name for s in segments), state, code_digest())
    previous = old.manifest if old is not None else None
    write_manifest(folder, manifest)
    _collect(folder, manifest, previous)
    for segment in segments:
        if old is None or segment not in old.segments:
            segment.close()
    snapshot = open_snapshot(folder)
    assert snapshot is not None
    return snapshot, _update(snapshot, added, changed, len(gone), merged)


def _stats_differ(
    listing: Listing, view: CorpusView, states: Sequence[SegmentState]
) -> NDArray[np.int64]:
    """Positions of the files (the same in ``listing`` and ``view``) whose size or time
    differs from the commit's."""
    seen = np.array(listing.stats, dtype=np.int64).reshape(len(listing.names), 2)
    stored = np.empty_like(seen)
    for s, state in enumerate(states):
        mine = view.segment == s
        stored[mine] = state.stat[view.number[mine]]
    return np.flatnonzero((seen != stored).any(axis=1))


def _update(snapshot: Snapshot, added: int, changed: int, deleted: int, merged: int) -> Update:
    return Update(
        generation=snapshot.manifest.generation,
        letters=len(snapshot),
        files=len(snapshot.view.names),
        added=added,
        changed=changed,
        deleted=deleted,
        segments=len(snapshot.segments),
        merged=merged,
    )


def _copy(state: SegmentState) -> SegmentState:
    return SegmentState(state.live.copy(), state.stat.copy(), state.norms)


def _new_state(segment: Segment) -> SegmentState:
    stat = np.array([[int(f[1]), int(f[2])] for f in segment.files], dtype=np.int64)
    return SegmentState(
        live=np.ones(len(segment.files), dtype=bool),
        stat=stat.reshape(len(segment.files), 2),
        norms=np.zeros(len(segment)),
    )


def _write_new(
    folder: Path,
    paths: Sequence[Path],
    fresh: dict[str, tuple[int, int, str, str]],
    read: Reader,
) -> list[str]:
    """The new files read and written as segments of at most :data:`SEGMENT_LETTERS`."""
    written: list[str] = []
    if not paths:
        return written
    batch: list[FileEntry] = []
    letters = 0
    for path, outcome in read(paths):
        size, mtime, content, digest = fresh[path.name]
        batch.append(
            FileEntry(path.name, size, mtime, content, digest, outcome.letters, outcome.problem)
        )
        letters += len(outcome.letters)
        if letters >= SEGMENT_LETTERS:
            written.append(write_segment(folder, batch))
            batch, letters = [], 0
    if batch:
        written.append(write_segment(folder, batch))
    return written


def _row_live(segment: Segment, state: SegmentState) -> NDArray[np.bool_]:
    """Per row: whether its file is live."""
    sizes = np.array([int(f[6]) for f in segment.files], dtype=np.int64)
    return np.repeat(state.live, sizes) if len(sizes) else np.zeros(0, dtype=bool)


def _merge_plan(segments: Sequence[Segment], states: Sequence[SegmentState]) -> list[int]:
    """The segments to merge now (see the module docstring), ``[]`` for none."""
    small = []
    for n, (segment, state) in enumerate(zip(segments, states, strict=True)):
        live = int(_row_live(segment, state).sum())
        if live < SEGMENT_LETTERS // 2 or 2 * live < len(segment):
            small.append((live, n))
    if len(small) < MERGE_FACTOR:
        return []
    small.sort()
    plan: list[int] = []
    total = 0
    for live, n in small:
        if len(plan) >= 2 and total + live > SEGMENT_LETTERS:
            break
        plan.append(n)
        total += live
    return sorted(plan)


def merge_segments(
    folder: Path, segments: Sequence[Segment], states: Sequence[SegmentState]
) -> str:
    """One new segment of the live files of ``segments``: their letters' lines, counts and
    signatures copied (columns renumbered over the merged vocabulary), nothing re-read or
    re-counted. Returns its name."""
    from compare.store.segment import _analyser_names

    vocabularies = [segment.terms() for segment in segments]
    terms = sorted(set().union(*vocabularies))
    column = {term: n for n, term in enumerate(terms)}
    files: list[list[Any]] = []
    lines: list[str] = []
    bases: list[str] = []
    indices: list[NDArray[np.int32]] = []
    counts: list[NDArray[np.int32]] = []
    sigs: list[NDArray[np.uint32]] = []
    lengths: list[NDArray[np.int64]] = []
    first = 0
    for segment, state, vocabulary in zip(segments, states, vocabularies, strict=True):
        renumber = np.array([column[t] for t in vocabulary], dtype=np.int32)
        arrays = segment.arrays
        indptr = np.asarray(arrays["indptr"])
        for number, row in enumerate(segment.files):
            if not state.live[number]:
                continue
            start, size = int(row[5]), int(row[6])
            begin, end = int(indptr[start]), int(indptr[start + size])
            lines.append(segment.file_line(number).decode("utf-8"))
            files.append([*row[:5], first, size, row[7]])
            bases += segment.base_keys[start : start + size]
            indices.append(renumber[np.asarray(arrays["indices"][begin:end])])
            counts.append(np.asarray(arrays["counts"][begin:end], dtype=np.int32))
            sigs.append(np.asarray(arrays["signatures"][start : start + size]))
            lengths.append(np.diff(indptr[start : start + size + 1]))
            first += size
    indptr = np.zeros(first + 1, dtype=np.int64)
    if lengths:
        np.cumsum(np.concatenate(lengths), out=indptr[1:])
    meta = {**_analyser_names(), "files": files, "base_keys": bases}
    from compare.nearduplicates import NUM_PERM

    return _write(
        folder,
        meta,
        lines,
        terms,
        indptr,
        np.concatenate(indices) if indices else np.zeros(0, np.int32),
        np.concatenate(counts) if counts else np.zeros(0, np.int32),
        np.concatenate(sigs) if sigs else np.zeros((0, NUM_PERM), np.uint32),
    )


def row_norms(
    segments: Sequence[Segment], states: Sequence[SegmentState]
) -> list[NDArray[np.float64]]:
    """Per segment, each row's L2 norm of sublinear tf × idf, the idf of the live letters of
    all ``segments`` (``ln((1 + n) / (1 + df)) + 1``); 0 for rows not live. Terms are joined
    across segments by their 64-bit hash."""
    live_rows = [_row_live(s, st) for s, st in zip(segments, states, strict=True)]
    n = sum(int(r.sum()) for r in live_rows)
    hashes, dfs = [], []
    for segment, rows in zip(segments, live_rows, strict=True):
        arrays = segment.arrays
        indptr = np.asarray(arrays["indptr"])
        entries = np.repeat(rows, np.diff(indptr))
        df = np.bincount(np.asarray(arrays["indices"])[entries], minlength=len(arrays["hashes"]))
        hashes.append(np.asarray(arrays["hashes"]))
        dfs.append(df[np.asarray(arrays["hash_columns"])])
    if not hashes:
        return []
    every = np.concatenate(hashes)
    order = np.argsort(every, kind="stable")
    ordered = every[order]
    starts = np.flatnonzero(np.r_[True, ordered[1:] != ordered[:-1]])
    summed = np.add.reduceat(np.concatenate(dfs)[order], starts) if len(order) else order
    group = np.cumsum(np.r_[False, ordered[1:] != ordered[:-1]]) if len(order) else order
    total = np.empty(len(every), dtype=np.int64)
    total[order] = summed[group]
    del every, order, ordered, group
    norms = []
    offset = 0
    for segment, rows in zip(segments, live_rows, strict=True):
        arrays = segment.arrays
        width = len(arrays["hashes"])
        df = np.zeros(width, dtype=np.int64)
        df[np.asarray(arrays["hash_columns"])] = total[offset : offset + width]
        offset += width
        idf = np.log((1.0 + n) / (1.0 + df)) + 1.0
        indptr = np.asarray(arrays["indptr"])
        values = (1.0 + np.log(np.asarray(arrays["counts"], dtype=np.float64))) * idf[
            np.asarray(arrays["indices"])
        ]
        row_of = np.repeat(np.arange(len(segment)), np.diff(indptr))
        found = np.sqrt(np.bincount(row_of, weights=values * values, minlength=len(segment)))
        found[~rows] = 0.0
        norms.append(found)
    return norms


def _collect(folder: Path, current: Manifest, previous: Manifest | None) -> None:
    """Delete the segments and states neither ``current`` nor ``previous`` names, and the
    temporary folders of writers that died (the lock is held: none is running)."""
    keep = {MANIFEST, "write.lock", current.state, *current.segments}
    if previous is not None:
        keep |= {previous.state, *previous.segments}
    for entry in folder.iterdir():
        if entry.name in keep:
            continue
        if entry.is_dir():
            shutil.rmtree(entry, ignore_errors=True)
        else:
            with contextlib.suppress(OSError):
                entry.unlink()


def _wipe(folder: Path) -> None:
    """Remove everything of a store but its lock (held by the caller)."""
    for entry in folder.iterdir():
        if entry.name == "write.lock":
            continue
        if entry.is_dir():
            shutil.rmtree(entry, ignore_errors=True)
        else:
            with contextlib.suppress(OSError):
                entry.unlink()
