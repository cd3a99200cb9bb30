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
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from compare.files import OutputError, write_atomically

_PACKAGE = Path(__file__).resolve().parent
_JSON = "__json__"
_ARRAY = "__array__"
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

    def has(self, kind: str, digest: str) -> bool:
        """Whether a record is stored (it may still prove unreadable: :meth:`get` says)."""
        return bool(digest) and self._path(kind, digest).is_file()

    def get(self, kind: str, digest: str) -> Record | None:
        """The stored record, or ``None`` when absent or unreadable."""
        import numpy as np

        collecting = gc.isenabled()
        gc.disable()  # building a large graph of small objects is ~3x faster without it
        try:
            # Opened here, not by numpy, so that a damaged archive's file is closed as well.
            with self._path(kind, digest).open("rb") as handle:
                archive = np.load(handle, allow_pickle=False)
                if not isinstance(archive, np.lib.npyio.NpzFile):
                    return None  # a bare array, not a record
                with archive:
                    arrays = {name: archive[name] for name in archive.files if name != _JSON}
                    plain = json.loads(archive[_JSON].tobytes().decode("utf-8"))
            record: Record = _joined(plain, arrays)
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

        arrays: dict[str, Any] = {}
        plain = _split(record, arrays)
        encoded = json.dumps(plain, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        arrays[_JSON] = np.frombuffer(encoded, dtype=np.uint8)

        def write(path: Path) -> None:
            with path.open("wb") as handle:
                np.savez(handle, allow_pickle=False, **arrays)

        with contextlib.suppress(OSError, OutputError):
            write_atomically(self._path(kind, digest), write)
            if kind in self.pruned:
                self._prune(kind)

    def put_encoded(self, kind: str, digest: str, parts: Sequence[bytes]) -> None:
        """Store a record without arrays given as its JSON document, UTF-8, in ``parts``
        that join into it: written part by part, so a record as large as a whole corpus is
        never built as Python objects beside the corpus it is made from. Read back by
        :meth:`get` as any other record."""
        import numpy as np

        header = {"descr": "|u1", "fortran_order": False, "shape": (sum(map(len, parts)),)}

        def write(path: Path) -> None:
            with (
                zipfile.ZipFile(path, "w", zipfile.ZIP_STORED, allowZip64=True) as archive,
                archive.open(f"{_JSON}.npy", "w", force_zip64=True) as member,
            ):
                np.lib.format.write_array_header_1_0(member, header)
                for part in parts:
                    member.write(part)

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


def _split(value: Any, arrays: dict[str, Any]) -> Any:
    """``value`` with each numpy array (in dicts and lists, at any depth) moved to ``arrays``
    under a new name and replaced by ``{"__array__": name}``. Raises ``TypeError`` for an
    array of Python objects."""
    if type(value) in _PLAIN:
        return value  # the common case, decided at once
    import numpy as np

    if isinstance(value, np.ndarray):
        if value.dtype.hasobject:
            raise TypeError("a cache record cannot hold an array of Python objects")
        name = f"a{len(arrays)}"
        arrays[name] = value
        return {_ARRAY: name}
    if isinstance(value, dict):
        return {str(k): _split(v, arrays) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_split(v, arrays) for v in value]
    return value


_PLAIN = frozenset({str, int, float, bool, type(None)})
"""Types :func:`_split` gives back as they are."""


def _joined(value: Any, arrays: dict[str, Any]) -> Any:
    """The inverse of :func:`_split`. Raises ``KeyError`` for a missing array."""
    if isinstance(value, dict):
        if len(value) == 1 and _ARRAY in value:
            return arrays[value[_ARRAY]]
        return {k: _joined(v, arrays) for k, v in value.items()}
    if isinstance(value, list):
        return [_joined(v, arrays) for v in value]
    return value
