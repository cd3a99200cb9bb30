"""A store of plain records on disk, so repeated runs over an archive are quick.

In: a kind (a folder name), a digest (the record's key) and a record: a dict whose values
are numpy arrays or JSON-able data (dicts, lists, strings, numbers, ``None``). Out: the same
record, or ``None`` when the store has none (or a damaged one). What the records mean, and
which digests name them, is :mod:`compare.pipeline`'s business; this module knows none of it.

Format: ``<folder>/<kind>/<digest>.npz``, a numpy archive written with ``allow_pickle=False``
and read with ``allow_pickle=False``: the JSON-able part is one UTF-8 JSON document stored
as a byte array, the arrays are stored as themselves (numeric dtypes only). Loading a record
therefore never executes code, so a cache folder shared with others (``--cache DIR``) can at
worst give wrong answers, never run anything in your process.

Records are written atomically (temporary file, then rename), so two runs sharing the store
never see half a record. A record that cannot be read (truncated, from another version) is
``None`` and is simply rewritten. Whole-corpus kinds keep their :data:`KEEP_PER_KIND` newest
records.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import json
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from compare.files import OutputError, write_atomically

_PACKAGE = Path(__file__).resolve().parent
_JSON = "__json__"
KEEP_PER_KIND = 4
"""Newest records kept per pruned kind: each edit of a corpus (or of compare-letters) makes
new whole-corpus records, and the old ones would only take space."""

Record = dict[str, Any]


def default_cache_folder() -> Path:
    """The user's cache directory for compare-letters (platformdirs)."""
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("compare-letters"))


@lru_cache(maxsize=1)
def code_digest() -> str:
    """Digest of the package's modules and data files: a new parser means new records."""
    digest = hashlib.sha256()
    paths = sorted([*_PACKAGE.rglob("*.py"), *(_PACKAGE / "data").glob("*")])
    for path in paths:
        digest.update(str(path.relative_to(_PACKAGE)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def digest_of(*parts: str) -> str:
    """The sha256 of ``parts`` joined by NUL, with :func:`code_digest` mixed in."""
    return hashlib.sha256("\0".join((*parts, code_digest())).encode()).hexdigest()


@dataclass(frozen=True)
class Cache:
    """The store under ``folder``; ``pruned`` names the kinds kept to their newest few."""

    folder: Path
    pruned: frozenset[str] = frozenset()

    def _path(self, kind: str, digest: str) -> Path:
        return self.folder / kind / f"{digest}.npz"

    def get(self, kind: str, digest: str) -> Record | None:
        """The stored record, or ``None`` when absent or unreadable."""
        import numpy as np

        collecting = gc.isenabled()
        gc.disable()  # building a large graph of small objects is ~3x faster without it
        try:
            with np.load(self._path(kind, digest), allow_pickle=False) as archive:
                record: Record = {name: archive[name] for name in archive.files if name != _JSON}
                if _JSON in archive.files:
                    record.update(json.loads(archive[_JSON].tobytes().decode("utf-8")))
            # What the cache returns lives as long as the run; keep the collector from
            # scanning it again and again (a full pass over a large corpus costs ~0.3 s).
            gc.freeze()
            return record
        except (OSError, ValueError, KeyError, EOFError, zipfile.BadZipFile, UnicodeError):
            return None
        finally:
            if collecting:
                gc.enable()

    def put(self, kind: str, digest: str, record: Record) -> None:
        """Store ``record``; a store that cannot be written is not an error (it is a cache).
        Raises ``TypeError`` for a value that is neither an array nor JSON-able."""
        import numpy as np

        arrays = {k: v for k, v in record.items() if isinstance(v, np.ndarray)}
        for name, array in arrays.items():
            if array.dtype.hasobject:
                raise TypeError(f"cache record field {name!r} holds Python objects")
        plain = {k: v for k, v in record.items() if k not in arrays}
        encoded = json.dumps(plain, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        arrays[_JSON] = np.frombuffer(encoded, dtype=np.uint8)

        def write(path: Path) -> None:
            with path.open("wb") as handle:
                np.savez(handle, allow_pickle=False, **arrays)

        with contextlib.suppress(OSError, OutputError):
            write_atomically(self._path(kind, digest), write)
            if kind in self.pruned:
                self._prune(kind)

    def _prune(self, kind: str) -> None:
        entries = sorted(
            (self.folder / kind).glob("*.npz"), key=lambda p: p.stat().st_mtime, reverse=True
        )
        for old in entries[KEEP_PER_KIND:]:
            old.unlink(missing_ok=True)

    def remember(self, kind: str, digest: str, compute: Callable[[], Record]) -> Record:
        """The stored record, or ``compute()`` stored and returned."""
        record = self.get(kind, digest)
        if record is None:
            record = compute()
            self.put(kind, digest, record)
        return record
