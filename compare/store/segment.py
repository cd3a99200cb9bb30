"""One segment of the letter store: the files it was made from, written once, never changed.

In: :class:`FileEntry` objects (a file's name, stat, content digest and parse result).
Out: a folder ``seg-<id>/`` (:func:`write_segment`, written under a temporary name and
renamed whole) and :class:`Segment`, the same folder opened for reading (:func:`open_segment`:
JSON and ``.npy`` arrays memory-mapped with ``allow_pickle=False``: nothing read runs code).

A segment holds, for its files in the order given and their letters in file order ("rows"):

* ``meta.json``: :data:`SEGMENT_FORMAT`, the analyser (:data:`compare.index.TOKENIZER`,
  :data:`compare.index.ANALYZER_VERSION`) and MinHash settings;
* ``files.json``: per file ``[name, size, mtime_ns, content sha256, cache digest, first
  row, letters, problem]``; per row the letter's base key (:func:`compare.corpus.base_key`,
  made unique over the whole store). Read only when asked for (a sync that finds a file
  changed, a merge, a new commit's corpus order): a commit's state holds what a reader
  needs of them (:mod:`compare.store.manifest`);
* ``letters.jsonl`` + ``letter_offsets.npy``: per file one JSON line, its letters
  (:func:`compare.models.to_json`), read one file at a time by byte offset;
* ``terms.txt`` (the segment's own vocabulary, alphabetical, one term a line) +
  ``term_offsets.npy`` (byte offsets, to read one term); ``hashes.npy`` (the sorted 64-bit
  BLAKE2b hashes of the terms) + ``hash_columns.npy`` (the column of each): a term is looked
  up by hash and its text compared, so two terms never mix;
* rows as CSR (``indptr``, ``indices``, ``counts``: raw term counts, columns ascending) and
  postings as CSC (``post_starts``, ``post_rows``, ``post_counts``): a column's postings
  length is the term's document frequency within the segment;
* ``signatures.npy``: each row's MinHash (:func:`compare.nearduplicates.signatures`) over
  the low 32 bits of its terms' hashes, so a letter's signature does not depend on the
  other letters (column numbers do) and is made once.

Weights (tf-idf) are not stored here: they depend on the whole store's document
frequencies, which change with every commit (:mod:`compare.store.state`).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from compare.store.errors import StoreError

if TYPE_CHECKING:
    from numpy.typing import NDArray

    from compare.models import Letter

SEGMENT_FORMAT = 2
"""Version of a segment's layout; a segment of another is refused (:class:`StoreError`)."""
_ARRAYS = (
    "letter_offsets",
    "term_offsets",
    "hashes",
    "hash_columns",
    "indptr",
    "indices",
    "counts",
    "post_starts",
    "post_rows",
    "post_counts",
    "signatures",
)


@dataclass(frozen=True)
class FileEntry:
    """A corpus file as the store keeps it."""

    name: str
    """The file's name in the corpus folder."""
    size: int
    mtime_ns: int
    content: str
    """sha256 of the file's bytes."""
    digest: str
    """The file's cache key (:func:`compare.cache.digest_of` of content, name and reading)."""
    letters: tuple[Letter, ...]
    """The file's letters, unkeyed; empty when ``problem`` is set."""
    problem: str | None = None
    """Why no letter could be read from the file."""


def term_hashes(terms: Sequence[str]) -> NDArray[np.uint64]:
    """The 64-bit BLAKE2b hash of each term (UTF-8), ``uint64``."""
    blake = hashlib.blake2b
    return np.fromiter(
        (int.from_bytes(blake(t.encode(), digest_size=8).digest(), "little") for t in terms),
        dtype=np.uint64,
        count=len(terms),
    )


def _analyser_names() -> dict[str, Any]:
    from compare.index import ANALYZER_VERSION, TOKENIZER
    from compare.nearduplicates import NUM_PERM, SCHEME, SEED

    return {
        "format": SEGMENT_FORMAT,
        "tokenizer": TOKENIZER,
        "analyzer_version": ANALYZER_VERSION,
        "minhash": [NUM_PERM, SEED, SCHEME, "blake2b64-low32"],
    }


def row_signatures(indptr: NDArray[np.int64], hashes: NDArray[np.uint64]) -> NDArray[np.uint32]:
    """MinHash signatures (:func:`compare.nearduplicates.signatures`) of CSR rows whose
    entries are the terms' 64-bit ``hashes``: the low 32 bits are the set's elements."""
    from compare.index import CorpusIndex
    from compare.nearduplicates import signatures

    rows = len(indptr) - 1
    hashed = CorpusIndex(
        keys=("",) * rows,
        terms=(),
        idf=np.zeros(0),
        stop_words=frozenset(),
        tokenizer="",
        ngram_range=(1, 2),
        indptr=indptr.astype(np.int64),
        indices=(hashes & np.uint64(0xFFFFFFFF)).astype(np.int64),
        weights=np.zeros(len(hashes)),
        counts=np.zeros(len(hashes), dtype=np.int64),
    )
    return signatures(hashed)


def write_segment(folder: Path, files: Sequence[FileEntry]) -> str:
    """A new segment of ``files`` under ``folder``; returns its name. The letters' terms are
    counted here (:meth:`compare.similarity.LetterVectorizer.fit_term_counts`)."""
    from compare.corpus import base_key
    from compare.models import to_json
    from compare.similarity import LetterVectorizer, letter_text

    letters = [letter for entry in files for letter in entry.letters]
    vectorizer = LetterVectorizer()
    counts = vectorizer.fit_term_counts([letter_text(letter) for letter in letters])
    terms = list(vectorizer.terms_)
    indptr = counts.indptr.astype(np.int64)
    indices = counts.indices.astype(np.int32)
    lines = [
        json.dumps(to_json(list(entry.letters)), ensure_ascii=False, separators=(",", ":"))
        for entry in files
    ]
    rows: list[list[Any]] = []
    first = 0
    for entry in files:
        rows.append(
            [
                entry.name,
                entry.size,
                entry.mtime_ns,
                entry.content,
                entry.digest,
                first,
                len(entry.letters),
                entry.problem,
            ]
        )
        first += len(entry.letters)
    meta = {**_analyser_names(), "files": rows, "base_keys": [base_key(x) for x in letters]}
    return _write(folder, meta, lines, terms, indptr, indices, counts.data.astype(np.int32))


def _write(
    folder: Path,
    meta: dict[str, Any],
    lines: Sequence[str],
    terms: Sequence[str],
    indptr: NDArray[np.int64],
    indices: NDArray[np.int32],
    counts: NDArray[np.int32],
    sigs: NDArray[np.uint32] | None = None,
) -> str:
    """Write a segment from its parts (signatures made here unless given)."""
    name = f"seg-{uuid.uuid4().hex[:16]}"
    temporary = folder / f".{name}.tmp"
    temporary.mkdir(parents=True)
    try:
        encoded = [line.encode("utf-8") + b"\n" for line in lines]
        letter_offsets = np.zeros(len(encoded) + 1, dtype=np.int64)
        np.cumsum([len(x) for x in encoded], out=letter_offsets[1:])
        (temporary / "letters.jsonl").write_bytes(b"".join(encoded))
        term_bytes = [t.encode("utf-8") + b"\n" for t in terms]
        term_offsets = np.zeros(len(terms) + 1, dtype=np.int64)
        np.cumsum([len(x) for x in term_bytes], out=term_offsets[1:])
        (temporary / "terms.txt").write_bytes(b"".join(term_bytes))
        hashed = term_hashes(terms)
        hash_columns = np.argsort(hashed, kind="stable").astype(np.int64)
        order = np.argsort(indices, kind="stable")
        row_of = np.repeat(np.arange(len(indptr) - 1, dtype=np.int32), np.diff(indptr))
        arrays: dict[str, Any] = {
            "letter_offsets": letter_offsets,
            "term_offsets": term_offsets,
            "hashes": hashed[hash_columns],
            "hash_columns": hash_columns,
            "indptr": indptr,
            "indices": indices,
            "counts": counts,
            "post_starts": np.searchsorted(indices[order], np.arange(len(terms) + 1)).astype(
                np.int64
            ),
            "post_rows": row_of[order],
            "post_counts": counts[order],
            "signatures": row_signatures(indptr, hashed[indices]) if sigs is None else sigs,
        }
        for key, array in arrays.items():
            np.save(temporary / f"{key}.npy", np.ascontiguousarray(array), allow_pickle=False)
        listed = {"files": meta.pop("files"), "base_keys": meta.pop("base_keys")}
        for file_name, plain in (("files.json", listed), ("meta.json", meta)):
            (temporary / file_name).write_text(
                json.dumps(plain, ensure_ascii=False, separators=(",", ":")), encoding="utf-8"
            )
        os.replace(temporary, folder / name)
    except BaseException:
        shutil.rmtree(temporary, ignore_errors=True)
        raise
    return name


class Segment:
    """A segment opened for reading: its metadata read, its arrays memory-mapped (pages are
    read when touched), its files' list read when first asked for. Raises
    :class:`StoreError` when it is missing, damaged or of another format or analyser (a
    damaged files' list when it is read)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.name = folder.name
        try:
            meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
            if not isinstance(meta, dict):
                raise ValueError("not a JSON object")
            expected = _analyser_names()
            for key, value in expected.items():
                if meta.get(key) != value:
                    raise StoreError(
                        folder, f"segment made with {key} {meta.get(key)!r}, not {value!r}"
                    )
            self.arrays = {
                key: np.load(folder / f"{key}.npy", mmap_mode="r", allow_pickle=False)
                for key in _ARRAYS
            }
        except StoreError:
            raise
        except (OSError, ValueError, KeyError, TypeError) as error:
            raise StoreError(folder, f"segment cannot be read ({error})") from error
        self._check()

    @cached_property
    def _listed(self) -> tuple[list[list[Any]], list[str]]:
        path = self.folder / "files.json"
        try:
            listed = json.loads(path.read_text(encoding="utf-8"))
            files, bases = listed["files"], listed["base_keys"]
            fits = (
                isinstance(files, list)
                and isinstance(bases, list)
                and len(files) == self.file_count
                and len(bases) == len(self)
                and sum(int(f[6]) for f in files) == len(self)
            )
        except (OSError, ValueError, KeyError, TypeError, IndexError) as error:
            raise StoreError(path, f"segment files cannot be read ({error})") from error
        if not fits:
            raise StoreError(path, "segment files do not fit its arrays (damaged)")
        return files, bases

    @property
    def files(self) -> list[list[Any]]:
        """Per file ``[name, size, mtime_ns, content sha256, cache digest, first row,
        letters, problem]`` (read when first asked for)."""
        return self._listed[0]

    @property
    def base_keys(self) -> list[str]:
        """Per row, its letter's base key (read when first asked for)."""
        return self._listed[1]

    @property
    def file_count(self) -> int:
        """How many files the segment was made from."""
        return len(self.arrays["letter_offsets"]) - 1

    def _check(self) -> None:
        a = self.arrays
        rows = len(a["indptr"]) - 1
        terms = len(a["hashes"])
        fits = (
            len(a["letter_offsets"]) >= 1
            and rows >= 0
            and len(a["indices"]) == len(a["counts"]) == len(a["post_rows"]) == int(a["indptr"][-1])
            and len(a["term_offsets"]) == len(a["post_starts"]) == terms + 1
            and len(a["hash_columns"]) == terms
            and a["signatures"].shape[0] == rows
        )
        if not fits:
            raise StoreError(self.folder, "segment arrays do not fit together (damaged)")
        size = (self.folder / "terms.txt").stat().st_size
        if int(a["term_offsets"][-1]) != size:
            raise StoreError(self.folder, "segment terms do not fit their offsets (damaged)")

    def __len__(self) -> int:
        return len(self.arrays["indptr"]) - 1

    @cached_property
    def _terms_bytes(self) -> NDArray[np.uint8]:
        return _mapped(self.folder / "terms.txt")

    @cached_property
    def _letters_bytes(self) -> NDArray[np.uint8]:
        return _mapped(self.folder / "letters.jsonl")

    def term(self, column: int) -> str:
        """The term of a column."""
        offsets = self.arrays["term_offsets"]
        start, end = int(offsets[column]), int(offsets[column + 1])
        return bytes(self._terms_bytes[start : end - 1]).decode("utf-8")

    def terms(self) -> list[str]:
        """Every term, by column."""
        text = (self.folder / "terms.txt").read_bytes().decode("utf-8")
        return text.split("\n")[:-1] if text else []

    def columns(self, terms: Sequence[str], hashes: NDArray[np.uint64]) -> NDArray[np.int64]:
        """The column of each term (its ``hashes`` given), -1 where the segment lacks it."""
        sorted_hashes = self.arrays["hashes"]
        at = np.searchsorted(sorted_hashes, hashes)
        found = np.full(len(terms), -1, dtype=np.int64)
        for n, (place, value) in enumerate(zip(at.tolist(), hashes.tolist(), strict=True)):
            if place < len(sorted_hashes) and int(sorted_hashes[place]) == value:
                column = int(self.arrays["hash_columns"][place])
                if self.term(column) == terms[n]:
                    found[n] = column
        return found

    def file_line(self, number: int) -> bytes:
        """File ``number``'s line of ``letters.jsonl`` (without its line end)."""
        offsets = self.arrays["letter_offsets"]
        start, end = int(offsets[number]), int(offsets[number + 1])
        return bytes(self._letters_bytes[start : end - 1])

    def file_letters(self, number: int) -> list[Any]:
        """The JSON of file ``number``'s letters (a list)."""
        try:
            found = json.loads(self.file_line(number).decode("utf-8"))
        except ValueError as error:
            raise StoreError(self.folder, f"segment letters are damaged ({error})") from error
        if not isinstance(found, list):
            raise StoreError(self.folder, "segment letters are damaged")
        return found

    def close(self) -> None:
        """Let go of the maps (they are closed when no array refers to them)."""
        self.__dict__.pop("_terms_bytes", None)
        self.__dict__.pop("_letters_bytes", None)


def _mapped(path: Path) -> NDArray[np.uint8]:
    """A file's bytes, memory-mapped (an empty file as an empty array)."""
    if path.stat().st_size == 0:
        return np.zeros(0, dtype=np.uint8)
    return np.memmap(path, dtype=np.uint8, mode="r")
