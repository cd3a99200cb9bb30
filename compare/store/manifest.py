"""The manifest: which segments are live, and the per-commit state that goes with them.

In: a store folder. Out: :class:`Manifest` (read with :func:`read_manifest`, written with
:func:`write_manifest`) and :class:`State`, the arrays one commit computed for its segments
(:func:`read_state`, :func:`write_state`).

Files (Lucene's segments + ``segments_N`` design):

* ``manifest.json``: ``{"format", "code", "generation", "segments": [names], "state":
  "state-<generation>.npz"}``. A commit writes every new file first, then replaces the
  manifest with ``os.replace`` (atomic on POSIX and Windows): a reader that opens the
  manifest sees the whole old commit or the whole new one, never a mix.
* ``state-<generation>.npz`` (numpy, ``allow_pickle=False``): per segment ``i``, which of
  its files are live (``live_i``: a changed or deleted file's entries are dropped by
  clearing its flag, as Lucene's deletion bitmaps), each file's ``[size, mtime_ns]``
  (``stat_i``: when only the time changed the content is hashed again, not parsed), and
  each row's tf-idf norm under this commit's document frequencies (``norms_i``); and the
  commit's corpus as a reader sees it (:class:`CorpusView`: ``view_*``), made once by the
  writer so that opening a commit reads no segment's list of files.
"""

from __future__ import annotations

import json
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from compare.files import write_atomically
from compare.store.errors import StoreError

if TYPE_CHECKING:
    from numpy.typing import NDArray

STORE_FORMAT = 2
"""Version of the manifest and state layout; another is refused (:class:`StoreError`)."""
MANIFEST = "manifest.json"


@dataclass(frozen=True)
class Manifest:
    """One commit of the store."""

    generation: int
    """Commits so far (0: empty store)."""
    segments: tuple[str, ...]
    """Live segment folder names, oldest first."""
    state: str
    """The state file of this commit ("" when there are no segments)."""
    code: str
    """:func:`compare.cache.code_digest` of the package that wrote it: another package's
    parse results may differ, so its store is rebuilt."""


@dataclass(frozen=True, eq=False)
class SegmentState:
    """One segment's part of a commit's state."""

    live: NDArray[np.bool_]
    """Per file of the segment: still in the corpus, unchanged."""
    stat: NDArray[np.int64]
    """Per file: ``[size, mtime_ns]`` last seen."""
    norms: NDArray[np.float64]
    """Per row: L2 norm of the row's sublinear tf × idf under this commit (0: no terms, or
    its file is not live)."""


@dataclass(frozen=True, eq=False)
class CorpusView:
    """A commit's corpus in corpus order: its live files by name, where each one's letters
    are, the letters' keys, the corpus digest and the files no letter was read from."""

    names: tuple[str, ...]
    """Live files' names, sorted."""
    segment: NDArray[np.int64]
    """Per file (of ``names``), its segment (position in the manifest's list)."""
    number: NDArray[np.int64]
    """Per file, its position in its segment."""
    first: NDArray[np.int64]
    """Per file, its first row in its segment."""
    letters: NDArray[np.int64]
    """Per file, how many letters (rows) it has."""
    keys: tuple[str, ...]
    """The letters' unique keys in corpus order."""
    digest: str
    """:func:`compare.pipeline.cached_corpus`'s corpus digest of these files."""
    failures: tuple[tuple[str, str], ...]
    """``(name, problem)`` of each live file no letter was read from, by name."""


def _blob(strings: tuple[str, ...]) -> tuple[NDArray[np.uint8], NDArray[np.int64]]:
    encoded = [x.encode("utf-8") for x in strings]
    offsets = np.zeros(len(encoded) + 1, dtype=np.int64)
    np.cumsum([len(x) for x in encoded], out=offsets[1:])
    return np.frombuffer(b"".join(encoded), dtype=np.uint8), offsets


def _unblob(data: NDArray[np.uint8], offsets: NDArray[np.int64]) -> tuple[str, ...]:
    raw = data.tobytes()
    bounds = offsets.tolist()
    if not bounds or bounds[0] != 0 or bounds[-1] != len(raw):
        raise ValueError("strings do not fit their offsets")
    return tuple(raw[a:b].decode("utf-8") for a, b in zip(bounds, bounds[1:], strict=False))


def read_manifest(folder: Path) -> Manifest | None:
    """The store's manifest, ``None`` when there is none. Raises :class:`StoreError` when it
    is damaged or of another format."""
    path = folder / MANIFEST
    try:
        plain = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as error:
        raise StoreError(path, f"manifest cannot be read ({error})") from error
    if not isinstance(plain, dict) or plain.get("format") != STORE_FORMAT:
        found = plain.get("format") if isinstance(plain, dict) else None
        raise StoreError(path, f"store format {found!r} is not {STORE_FORMAT}")
    try:
        return Manifest(
            generation=int(plain["generation"]),
            segments=tuple(str(s) for s in plain["segments"]),
            state=str(plain["state"]),
            code=str(plain["code"]),
        )
    except (KeyError, TypeError, ValueError) as error:
        raise StoreError(path, f"manifest is damaged ({error})") from error


def write_manifest(folder: Path, manifest: Manifest) -> None:
    """Replace the manifest atomically (the commit point)."""
    plain = {
        "format": STORE_FORMAT,
        "code": manifest.code,
        "generation": manifest.generation,
        "segments": list(manifest.segments),
        "state": manifest.state,
    }
    text = json.dumps(plain, indent=1)
    write_atomically(folder / MANIFEST, lambda path: path.write_text(text, encoding="utf-8"))


def write_state(folder: Path, generation: int, states: list[SegmentState], view: CorpusView) -> str:
    """Write a commit's state file; returns its name."""
    name = f"state-{generation:08d}.npz"
    names, name_offsets = _blob(view.names)
    keys, key_offsets = _blob(view.keys)
    summary = json.dumps({"digest": view.digest, "failures": [list(f) for f in view.failures]})
    arrays: dict[str, Any] = {
        "view_names": names,
        "view_name_offsets": name_offsets,
        "view_segment": view.segment,
        "view_number": view.number,
        "view_first": view.first,
        "view_letters": view.letters,
        "view_keys": keys,
        "view_key_offsets": key_offsets,
        "view_summary": np.frombuffer(summary.encode("utf-8"), dtype=np.uint8),
    }
    for n, state in enumerate(states):
        arrays[f"live_{n}"] = state.live
        arrays[f"stat_{n}"] = state.stat
        arrays[f"norms_{n}"] = state.norms

    def write(path: Path) -> None:
        with path.open("wb") as handle:
            np.savez(handle, allow_pickle=False, **arrays)

    write_atomically(folder / name, write)
    return name


def read_state(
    folder: Path, name: str, sizes: list[tuple[int, int]]
) -> tuple[list[SegmentState], CorpusView]:
    """The state file ``name`` for segments of ``sizes`` (files, rows) each, and the
    commit's corpus. Raises :class:`StoreError` when it is missing, damaged or does not fit
    the segments."""
    path = folder / name
    try:
        with path.open("rb") as handle, np.load(handle, allow_pickle=False) as archive:
            summary = json.loads(archive["view_summary"].tobytes().decode("utf-8"))
            view = CorpusView(
                names=_unblob(archive["view_names"], archive["view_name_offsets"]),
                segment=archive["view_segment"].astype(np.int64),
                number=archive["view_number"].astype(np.int64),
                first=archive["view_first"].astype(np.int64),
                letters=archive["view_letters"].astype(np.int64),
                keys=_unblob(archive["view_keys"], archive["view_key_offsets"]),
                digest=str(summary["digest"]),
                failures=tuple((str(n), str(p)) for n, p in summary["failures"]),
            )
            states = [
                SegmentState(
                    live=archive[f"live_{n}"].astype(bool),
                    stat=archive[f"stat_{n}"].astype(np.int64),
                    norms=archive[f"norms_{n}"].astype(np.float64),
                )
                for n in range(len(sizes))
            ]
    except (OSError, ValueError, KeyError, TypeError, EOFError, zipfile.BadZipFile) as error:
        raise StoreError(path, f"store state cannot be read ({error})") from error
    for state, (files, rows) in zip(states, sizes, strict=True):
        if len(state.live) != files or state.stat.shape != (files, 2) or len(state.norms) != rows:
            raise StoreError(path, "store state does not fit its segments (damaged)")
    count = len(view.names)
    fits = (
        len(view.segment) == len(view.number) == len(view.first) == len(view.letters) == count
        and int(view.letters.sum()) == len(view.keys)
        and (not count or (view.segment.min() >= 0 and view.segment.max() < len(sizes)))
    )
    if fits and count:
        file_counts = np.array([f for f, _ in sizes], dtype=np.int64)[view.segment]
        row_counts = np.array([r for _, r in sizes], dtype=np.int64)[view.segment]
        fits = bool(
            (view.number >= 0).all()
            and (view.number < file_counts).all()
            and (view.first >= 0).all()
            and (view.first + view.letters <= row_counts).all()
        )
    if not fits:
        raise StoreError(path, "store state's corpus does not fit its segments (damaged)")
    return states, view
