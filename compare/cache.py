"""A cache of parsed letters and fitted vectors, so repeated runs over an archive are quick.

Layout under the cache folder (default: the user's cache directory, ``--cache DIR``,
``$COMPARE_LETTERS_CACHE``; ``--no-cache`` turns it off):

- ``letters/<digest>.pickle``: the letters parsed from one file. The digest covers the file's
  bytes, its name, the theme taxonomy and the code and data of this package, so an edited
  file, taxonomy or parser is parsed afresh and a stale entry is simply never read again.
- ``corpus/<digest>.pickle``: a whole corpus (keyed letters, failures) and, once computed,
  its :class:`~compare.similarity.LetterVectors`; the digest covers every file's digest.

Entries are written atomically (temporary file, then rename), so two runs sharing the cache
never see half an entry. An entry that cannot be read (truncated, from another version) is
ignored and rewritten. Entries are pickles: the cache folder must be the user's own.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import pickle
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from compare.files import OutputError, write_atomically
from compare.themes import Taxonomy

_PACKAGE = Path(__file__).resolve().parent
CORPUS_KINDS = frozenset({"corpus", "corpus-rows", "vectors", "search", "paragraph-index"})
KEEP_PER_KIND = 4


def default_cache_folder() -> Path:
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("compare-letters"))


@lru_cache(maxsize=1)
def code_digest() -> str:
    """Digest of the package's modules and data files: a new parser means new entries."""
    digest = hashlib.sha256()
    for path in sorted([*_PACKAGE.rglob("*.py"), *(_PACKAGE / "data").glob("*")]):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def taxonomy_digest(taxonomy: Taxonomy) -> str:
    parts = [(t.slug, t.label, t.phrases) for t in taxonomy.themes]
    return hashlib.sha256(repr(parts).encode()).hexdigest()


@dataclass(frozen=True)
class Cache:
    folder: Path

    def _path(self, kind: str, digest: str) -> Path:
        return self.folder / kind / f"{digest}.pickle"

    def get(self, kind: str, digest: str) -> Any:
        """The stored value, or ``None`` when absent or unreadable."""
        collecting = gc.isenabled()
        gc.disable()  # a large graph of small objects unpickles ~3x faster without the collector
        try:
            with self._path(kind, digest).open("rb") as handle:
                value = pickle.load(handle)
            # What the cache returns lives as long as the run; keep the collector from
            # scanning it again and again (a full pass over a large corpus costs ~0.3 s).
            gc.freeze()
            return value
        except (
            OSError,
            pickle.UnpicklingError,
            EOFError,
            AttributeError,
            ImportError,
            IndexError,
            TypeError,
            ValueError,
        ):
            return None
        finally:
            if collecting:
                gc.enable()

    def put(self, kind: str, digest: str, value: Any) -> None:
        """Store ``value``; a cache that cannot be written is not an error (it is a cache).

        Whole-corpus kinds keep their ``KEEP_PER_KIND`` newest entries: each edit of a corpus
        (or of compare-letters) makes a new one, and the old ones would only take space."""
        with contextlib.suppress(OSError, OutputError, pickle.PicklingError):
            write_atomically(
                self._path(kind, digest),
                lambda path: path.write_bytes(pickle.dumps(value, pickle.HIGHEST_PROTOCOL)),
            )
            if kind in CORPUS_KINDS:
                self._prune(kind)

    def _prune(self, kind: str) -> None:
        entries = sorted(
            (self.folder / kind).glob("*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True
        )
        for old in entries[KEEP_PER_KIND:]:
            old.unlink(missing_ok=True)

    def remember(self, kind: str, digest: str, compute: Callable[[], Any]) -> Any:
        """The stored value, or ``compute()`` stored and returned."""
        value = self.get(kind, digest)
        if value is None:
            value = compute()
            self.put(kind, digest, value)
        return value


def file_digest(content: str, source: str, themes: str) -> str:
    """The key of one file's parse: the sha256 of its bytes, its name, the taxonomy's digest
    and the code's."""
    parts = (content, source, themes, code_digest())
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


def corpus_digest(file_digests: list[str]) -> str:
    return hashlib.sha256("\n".join(file_digests).encode()).hexdigest()
