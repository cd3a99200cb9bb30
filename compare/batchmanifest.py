"""What a batch run made before, so that a re-run makes only what changed.

In: an output folder. Out: its manifest, ``.manifest.json``: per output file name, the digest
of everything the output was made from (:func:`inputs_digest`) and the file's size and
modification time when it was written. An output is *current* when its entry's digest is the
digest of today's inputs and the file is still the one written (same size and time); anything
else — a new or edited letter, another option, another template, another version of
compare-letters, a deleted or replaced file — makes it again.

The manifest is written atomically (:func:`compare.files.write_text`); a missing or damaged
manifest is an empty one (everything is made again, nothing is lost).

Digests (sha256, hex):

- a letter: its parse as ``parse --json`` prints it (:func:`letter_digest`), so a file edit
  that changes no letter changes nothing, and one that changes a letter changes that letter;
- the templates: every file of the built-in and the ``--templates`` folders
  (:func:`templates_digest`);
- an output: its name, the options and digests it depends on and the package's code and data
  (:func:`compare.cache.code_digest`, mixed in by :func:`compare.cache.digest_of`).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from compare.files import write_text

if TYPE_CHECKING:
    from compare.models import Letter

MANIFEST = ".manifest.json"
FORMAT_VERSION = 1
"""Bumped when the manifest's layout changes; a manifest of another layout is ignored."""


@dataclass(frozen=True)
class Entry:
    """One output as it was written."""

    inputs: str
    """Digest of what it was made from."""
    size: int
    """Bytes, and modification time in ns, of the file written."""
    mtime_ns: int


def letter_digest(letter: Letter) -> str:
    """sha256 of the letter's JSON (keys sorted)."""
    from compare.models import to_json

    text = json.dumps(to_json(letter), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def templates_digest(templates: Path | None = None) -> str:
    """sha256 over the names and bytes of every file in the template folders (the user's
    ``templates`` folder first, then the built-in one)."""
    from compare.rendering.engine import template_folders

    digest = hashlib.sha256()
    for folder in template_folders(templates):
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            digest.update(str(path.relative_to(folder)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def inputs_digest(*parts: str) -> str:
    """sha256 of ``parts`` and the package's code and data digest."""
    from compare.cache import digest_of

    return digest_of(*parts)


def read_manifest(folder: Path) -> dict[str, Entry]:
    """The manifest of ``folder`` (empty when there is none, or it cannot be read)."""
    try:
        plain = json.loads((Path(folder) / MANIFEST).read_text(encoding="utf-8"))
        if plain.get("format") != FORMAT_VERSION:
            return {}
        return {
            str(name): Entry(str(x["inputs"]), int(x["size"]), int(x["mtime_ns"]))
            for name, x in plain["outputs"].items()
        }
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return {}


def write_manifest(folder: Path, entries: dict[str, Entry]) -> None:
    """Write ``entries`` as the manifest of ``folder``, atomically."""
    outputs: dict[str, Any] = {
        name: {"inputs": e.inputs, "size": e.size, "mtime_ns": e.mtime_ns}
        for name, e in sorted(entries.items())
    }
    text = json.dumps({"format": FORMAT_VERSION, "outputs": outputs}, indent=1) + "\n"
    write_text(Path(folder) / MANIFEST, text)


def entry_for(path: Path, inputs: str) -> Entry:
    """The entry of the file just written at ``path`` from ``inputs``."""
    stat = Path(path).stat()
    return Entry(inputs=inputs, size=stat.st_size, mtime_ns=stat.st_mtime_ns)


def is_current(folder: Path, name: str, inputs: str, entries: dict[str, Entry]) -> bool:
    """Whether ``folder/name`` was made from ``inputs`` and is still the file written."""
    entry = entries.get(name)
    if entry is None or entry.inputs != inputs:
        return False
    try:
        stat = (Path(folder) / name).stat()
    except OSError:
        return False
    return stat.st_size == entry.size and stat.st_mtime_ns == entry.mtime_ns
