"""A folder of letter files to parsed, uniquely keyed letters, and letter references resolved.

In: a folder (every supported file in it, sorted by name) or single files. Out: a
:class:`Corpus` whose letters carry keys that are stable and unique within it. A bad file
does not stop the rest: it becomes a :class:`LoadFailure` with a one-line problem.

Keys are ``YYYY-MM-DD-recipient`` (``2020-10-14-un-general-assembly``), falling back to the
title or the file name when the letter has no date or recipient; a clash gets ``-2``, ``-3``
in file order. A letter can be named by its key, by ``FILE#PART``, by ``FILE`` when the file
holds one letter, or by the path of a file outside the corpus.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from compare.cache import Cache, corpus_digest, file_digest, taxonomy_digest
from compare.errors import InputError, LetterError, NoLetterError, RefError
from compare.models import Document, Letter
from compare.reading.loading import SUPPORTED_SUFFIXES, load_document
from compare.reading.parsing import parse_part
from compare.reading.splitting import split_document
from compare.similarity import LetterVectors
from compare.themes import Taxonomy

_SLUG_WORDS = 8


@dataclass(frozen=True)
class LoadFailure:
    source: str
    problem: str


@dataclass(frozen=True)
class Corpus:
    root: str | None
    """The folder the letters came from (``None`` for loose files)."""
    letters: tuple[Letter, ...]
    failures: tuple[LoadFailure, ...] = ()
    digest: str | None = None
    """Digest of every file's content (set when loaded through a cache)."""


def read_letters(path: Path, taxonomy: Taxonomy, source: str | None = None) -> list[Letter]:
    """Every letter in one file, unkeyed (``key == ""``). Raises :class:`InputError`."""
    return document_letters(load_document(path, source=source), taxonomy)


def document_letters(document: Document, taxonomy: Taxonomy) -> list[Letter]:
    """Every letter of a loaded document, unkeyed. Raises :class:`NoLetterError`."""
    letters = []
    for part in split_document(document):
        try:
            letters.append(parse_part(part, taxonomy))
        except NoLetterError:
            continue  # a part of pure chrome, e.g. below a separator line
    if not letters:
        raise NoLetterError(document.source, "no letter found in the file")
    return letters


def corpus_files(root: Path) -> list[Path]:
    """The supported files directly in ``root`` (hidden files skipped), sorted by name."""
    if not root.exists():
        raise InputError(root, "no such folder")
    if not root.is_dir():
        raise InputError(root, "is not a folder")
    names = sorted(
        entry.name
        for entry in os.scandir(root)
        if entry.is_file()
        and not entry.name.startswith(".")
        and os.path.splitext(entry.name)[1].lower() in SUPPORTED_SUFFIXES
    )
    return [root / name for name in names]


def load_corpus(root: Path, taxonomy: Taxonomy, cache: Cache | None = None) -> Corpus:
    """Parse every letter in ``root``; bad files are recorded in ``failures``, not raised.

    With a ``cache``, each file's parse is reused while its bytes (and the taxonomy and code)
    are unchanged, and the whole corpus is one read when no file changed.
    """
    files = corpus_files(root)
    if cache is None:
        parsed, _ = _parse_files(root, files, taxonomy, lambda path: read_letters(path, taxonomy))
        return parsed
    digests, whole = _digests(files, taxonomy, cache)
    stored = cache.get("corpus", whole)
    if isinstance(stored, Corpus):
        return dataclasses.replace(stored, root=str(root))

    def parse(path: Path) -> list[Letter]:
        return cache.remember("letters", digests[path], lambda: read_letters(path, taxonomy))

    parsed, origins = _parse_files(root, files, taxonomy, parse)
    corpus = dataclasses.replace(parsed, digest=whole)
    cache.put("corpus", whole, corpus)
    rows = tuple(
        (letter.key, digests[path], index)
        for letter, (path, index) in zip(corpus.letters, origins, strict=True)
    )
    cache.put("corpus-rows", whole, rows)
    return corpus


def _digests(files: list[Path], taxonomy: Taxonomy, cache: Cache) -> tuple[dict[Path, str], str]:
    """Each file's cache key, and the corpus's."""
    digests = _file_digests(files, taxonomy_digest(taxonomy), cache)
    return digests, corpus_digest([f"{p.name}:{d}" for p, d in digests.items()])


class LazyLetters(Sequence[Letter]):
    """The letters of a cached corpus, each read from its file's cache entry when first
    asked for: a draft check against a large archive needs a handful of whole letters, not
    all of them. ``keys`` and ``digest`` are known without reading any."""

    def __init__(self, cache: Cache, digest: str, rows: tuple[tuple[str, str, int], ...]) -> None:
        self.cache = cache
        self.digest = digest
        self.rows = rows
        self.keys = tuple(key for key, _, _ in rows)
        self._files: dict[str, list[Letter]] = {}

    def __len__(self) -> int:
        return len(self.rows)

    def __getitem__(self, n):  # noqa: ANN001, ANN204 - Sequence's overloads
        if isinstance(n, slice):
            return [self[i] for i in range(*n.indices(len(self)))]
        key, digest, index = self.rows[n]
        if digest not in self._files:
            self._files[digest] = self.cache.get("letters", digest) or []
        return dataclasses.replace(self._files[digest][index], key=key)


def cached_letters(root: Path, taxonomy: Taxonomy, cache: Cache) -> LazyLetters | None:
    """The corpus in ``root`` as :class:`LazyLetters` when the cache knows it unchanged
    (else ``None``: load it with :func:`load_corpus`, which teaches the cache)."""
    _, whole = _digests(corpus_files(root), taxonomy, cache)
    rows = cache.get("corpus-rows", whole)
    return LazyLetters(cache, whole, rows) if isinstance(rows, tuple) else None


def _file_digests(files: list[Path], themes: str, cache: Cache) -> dict[Path, str]:
    """Each file's cache key. The content part is the sha256 of the file's bytes; a manifest in
    the cache remembers it with the file's size and modification time, so unchanged files are
    not read again (as git's index does); any change of size or time means the file is read
    and hashed afresh."""
    folder = str(files[0].parent.resolve()) if files else ""
    manifest_key = hashlib.sha256(folder.encode()).hexdigest()
    manifest: dict[str, tuple[int, int, str]] = cache.get("manifest", manifest_key) or {}
    digests: dict[Path, str] = {}
    fresh: dict[str, tuple[int, int, str]] = {}
    for path in files:
        try:
            stat = path.stat()
            known = manifest.get(path.name)
            if known and known[:2] == (stat.st_size, stat.st_mtime_ns):
                content = known[2]
            else:
                content = hashlib.sha256(path.read_bytes()).hexdigest()
            fresh[path.name] = (stat.st_size, stat.st_mtime_ns, content)
            digests[path] = file_digest(content, path.name, themes)
        except OSError:
            digests[path] = ""  # unreadable: parsing reports it
    if fresh != manifest:
        cache.put("manifest", manifest_key, fresh)
    return digests


def _parse_files(
    root: Path, files: list[Path], taxonomy: Taxonomy, parse: Callable[[Path], list[Letter]]
) -> tuple[Corpus, list[tuple[Path, int]]]:
    """The corpus, and for each of its letters the file and position it came from."""
    letters: list[Letter] = []
    origins: list[tuple[Path, int]] = []
    failures: list[LoadFailure] = []
    for path in files:
        try:
            found = parse(path)
        except LetterError as error:
            failures.append(LoadFailure(source=path.name, problem=error.problem))
            continue
        letters.extend(found)
        origins += [(path, index) for index in range(len(found))]
    corpus = Corpus(root=str(root), letters=tuple(assign_keys(letters)), failures=tuple(failures))
    return corpus, origins


def corpus_vectors(corpus: Corpus, cache: Cache | None) -> LetterVectors | None:
    """The corpus's fitted tf-idf rows, from the cache when it has them (else computed and
    stored); ``None`` without a cache, where scoring fits on the fly."""
    if cache is None or corpus.digest is None:
        return None
    from compare.similarity import letter_vectors

    return cache.remember("vectors", corpus.digest, lambda: letter_vectors(list(corpus.letters)))


def load_files(paths: list[Path], taxonomy: Taxonomy) -> Corpus:
    """Parse the given files (sources are the paths as given); the first bad file raises."""
    letters: list[Letter] = []
    for path in paths:
        letters.extend(read_letters(path, taxonomy, source=str(path)))
    return Corpus(root=None, letters=tuple(assign_keys(letters)))


def slugify(text: str) -> str:
    """ASCII, lower case, words joined by "-": "UN General Assembly" -> "un-general-assembly"."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    return "-".join(words[:_SLUG_WORDS])


def base_key(letter: Letter) -> str:
    """The key before de-duplication (see the module docstring)."""
    name = slugify(letter.recipient or letter.title or "") or slugify(Path(letter.source).stem)
    name = name or "letter"
    return f"{letter.date}-{name}" if letter.date else name


def assign_keys(letters: list[Letter]) -> list[Letter]:
    """The letters with unique keys; clashes numbered -2, -3 … in the given order."""
    seen: dict[str, int] = {}
    keyed = []
    for letter in letters:
        key = base_key(letter)
        seen[key] = seen.get(key, 0) + 1
        if seen[key] > 1:
            key = f"{key}-{seen[key]}"
        keyed.append(dataclasses.replace(letter, key=key))
    return keyed


def resolve_ref(corpus: Corpus, ref: str, taxonomy: Taxonomy) -> Letter:
    """The one letter ``ref`` names (key, FILE#PART, FILE, or a path outside the corpus)."""
    by_key = [letter for letter in corpus.letters if letter.key == ref]
    if by_key:
        return by_key[0]
    name, _, part_text = ref.partition("#")
    candidates = [
        letter
        for letter in corpus.letters
        if letter.source == name or Path(letter.source).name == name
    ]
    if not candidates:
        path = Path(name)
        if path.is_file():
            candidates = assign_keys(read_letters(path, taxonomy, source=name))
        else:
            raise RefError(ref, "no letter with this key, file or path in the corpus")
    if part_text:
        if not part_text.isdigit():
            raise RefError(ref, "the part after '#' must be a number")
        chosen = [letter for letter in candidates if letter.part == int(part_text)]
        if not chosen:
            raise RefError(ref, f"the file holds {len(candidates)} letter(s), not part {part_text}")
        return chosen[0]
    if len(candidates) > 1:
        parts = ", ".join(f"{name}#{letter.part}" for letter in candidates)
        raise RefError(ref, f"the file holds {len(candidates)} letters; name one: {parts}")
    return candidates[0]
