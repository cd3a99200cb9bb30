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
  each row's tf-idf norm under this commit's document frequencies (``norms_i``).
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

STORE_FORMAT = 1
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


def write_state(folder: Path, generation: int, states: list[SegmentState]) -> str:
    """Write a commit's state file; returns its name."""
    name = f"state-{generation:08d}.npz"
    arrays: dict[str, Any] = {}
    for n, state in enumerate(states):
        arrays[f"live_{n}"] = state.live
        arrays[f"stat_{n}"] = state.stat
        arrays[f"norms_{n}"] = state.norms

    def write(path: Path) -> None:
        with path.open("wb") as handle:
            np.savez(handle, allow_pickle=False, **arrays)

    write_atomically(folder / name, write)
    return name


def read_state(folder: Path, name: str, sizes: list[tuple[int, int]]) -> list[SegmentState]:
    """The state file ``name`` for segments of ``sizes`` (files, rows) each. Raises
    :class:`StoreError` when it is missing, damaged or does not fit the segments."""
    path = folder / name
    try:
        with path.open("rb") as handle, np.load(handle, allow_pickle=False) as archive:
            states = [
                SegmentState(
                    live=archive[f"live_{n}"].astype(bool),
                    stat=archive[f"stat_{n}"].astype(np.int64),
                    norms=archive[f"norms_{n}"].astype(np.float64),
                )
                for n in range(len(sizes))
            ]
    except (OSError, ValueError, KeyError, EOFError, zipfile.BadZipFile) as error:
        raise StoreError(path, f"store state cannot be read ({error})") from error
    for state, (files, rows) in zip(states, sizes, strict=True):
        if len(state.live) != files or state.stat.shape != (files, 2) or len(state.norms) != rows:
            raise StoreError(path, "store state does not fit its segments (damaged)")
    return states
