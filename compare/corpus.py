"""A folder of letter files to parsed, uniquely keyed letters, and letter references resolved.

In: a folder (every supported file in it, sorted by name) or single files. Out: a
:class:`Corpus` whose letters carry keys that are stable and unique within it. A bad file
does not stop the rest: it becomes a :class:`LoadFailure` with a one-line problem.

The files are read as tasks on an engine (:mod:`compare.engines`; in this process unless
one is given): :func:`read_outcomes` sends them, :func:`collect` keys the letters as they
come back in file order, so the letters are built and held once, whatever the engine.

Keys are ``YYYY-MM-DD-recipient`` (``2019-03-03-un-general-assembly``), falling back to the
title or the file name when the letter has no date or recipient; a clash gets ``-2``, ``-3``
in file order. A letter can be named by its key, by ``FILE#PART``, by ``FILE`` when the file
holds one letter, or by the path of a file outside the corpus.
"""

from __future__ import annotations

import dataclasses
import os
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from compare.errors import InputError, NoLetterError, RefError
from compare.filetasks import FileOutcome, ReadSettings, file_tasks, read_settings, read_task
from compare.models import Document, DocumentPart, Letter
from compare.reading.labels import Label
from compare.reading.loading import SUPPORTED_SUFFIXES, load_document
from compare.reading.parsing import letter_from_labels, page_date, parse_part
from compare.reading.splitting import split_document
from compare.themes import Taxonomy

if TYPE_CHECKING:
    from compare.engines import Engine, Results

_SLUG_WORDS = 8


@dataclass(frozen=True)
class LoadFailure:
    source: str
    """The file as named in the corpus (its name) or as given (its path)."""
    problem: str
    """One line: what is wrong with it."""


class EmptyCorpusError(InputError):
    """A corpus folder with no letter in it: no supported file, or none that could be read.
    Every command that reads the corpus stops on it (nothing to compare is not a result)."""


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
    """Every letter of a loaded document, unkeyed. Raises :class:`NoLetterError`.

    With a learned line model, the whole file is labelled at once and cut into letters by
    its labels (:func:`~compare.reading.labels.split_labelled`); without one, the rules cut
    it (:func:`~compare.reading.splitting.split_document`) and label each part. A date the
    page prints above its first letter (:func:`~compare.reading.parsing.page_date`) is the
    date of every letter of the file that has none of its own."""
    from compare.reading.linemodel import has_model

    parts, dated = (
        _labelled_parts(document)
        if has_model()
        else ([(part, None) for part in split_document(document)], None)
    )
    letters: list[Letter] = []
    for part, labels in parts:
        try:
            if labels is None:
                letter = parse_part(part, taxonomy)
            else:
                letter = letter_from_labels(part, list(part.lines), labels, taxonomy)
        except NoLetterError:
            continue  # a part of pure chrome, e.g. below a separator line
        if letter.date is None and dated is not None:
            letter = dataclasses.replace(letter, date=dated)
        if document.warnings:
            letter = dataclasses.replace(letter, warnings=document.warnings + letter.warnings)
        letters.append(letter)
    if not letters:
        raise NoLetterError(document.source, "no letter found in the file")
    return letters


def _labelled_parts(
    document: Document,
) -> tuple[list[tuple[DocumentPart, list[Label | None] | None]], str | None]:
    """The letters of ``document`` cut by the labels the line model gives its lines, and the
    page's date (:func:`~compare.reading.parsing.page_date`)."""
    from compare.reading.labels import split_labelled
    from compare.reading.linemodel import label_document

    labelled = label_document(document)
    lines = [line.text for line in labelled]
    labels = [line.label for line in labelled]
    parts: list[tuple[DocumentPart, list[Label | None] | None]] = [
        (
            DocumentPart(document.source, n, tuple(lines[a:b]), first_line=a),
            labels[a:b],
        )
        for n, (a, b) in enumerate(split_labelled(lines, labels), start=1)
    ]
    return parts, page_date(lines, labels)


def corpus_files(root: Path) -> list[Path]:
    """The supported files directly in ``root`` (hidden files skipped), sorted by name.
    Raises :class:`InputError` for a folder that is missing, not a folder or unreadable."""
    if not root.exists():
        raise InputError(root, "no such folder")
    if not root.is_dir():
        raise InputError(root, "is not a folder")
    try:
        names = sorted(
            entry.name
            for entry in os.scandir(root)
            if entry.is_file()
            and not entry.name.startswith(".")
            and os.path.splitext(entry.name)[1].lower() in SUPPORTED_SUFFIXES
        )
    except OSError as error:
        raise InputError(root, f"cannot be read ({error.strerror or error})") from error
    return [root / name for name in names]


def load_corpus(root: Path, taxonomy: Taxonomy, engine: Engine | None = None) -> Corpus:
    """Parse every letter in ``root`` on ``engine`` (default: in this process); bad files are
    recorded in ``failures``, not raised. (:func:`compare.pipeline.cached_corpus` does the
    same through the cache.)"""
    files = [(path, path.name) for path in corpus_files(root)]
    with read_outcomes(files, taxonomy, engine) as outcomes:
        corpus, _ = collect(root, zip((path for path, _ in files), outcomes, strict=True))
    return corpus


READ_CHUNK = 4
"""Files a reading task holds: each takes ~10 ms, so four make a task's own cost (sending it,
its result coming back) small, and leave the results streaming in file order."""


def read_outcomes(
    files: Sequence[tuple[Path, str]],
    taxonomy: Taxonomy | ReadSettings,
    engine: Engine | None = None,
) -> Results[FileOutcome]:
    """The :class:`~compare.filetasks.FileOutcome` of each ``(path, source)`` in order, read
    on ``engine`` (default: in this process) as they are taken; the work starts at once. A
    worker that cannot see this machine's files is sent their bytes. Close it (``with``) if
    not read to the end."""
    from compare.engines.local import InProcess

    engine = engine or InProcess()
    settings = taxonomy if isinstance(taxonomy, ReadSettings) else read_settings(taxonomy)
    tasks = file_tasks(files, settings, send_bytes=not engine.shares_files)
    return engine.map_plain(read_task, settings, tasks, chunk=READ_CHUNK)


def collect(
    root: Path | None, outcomes: Iterable[tuple[Path, FileOutcome]]
) -> tuple[Corpus, list[tuple[Path, int]]]:
    """The corpus of the files' outcomes, taken one at a time and keyed as they come (keys
    depend only on the letters before), and for each of its letters the file and position it
    came from. A file's problem is a :class:`LoadFailure` named by its source."""
    letters: list[Letter] = []
    origins: list[tuple[Path, int]] = []
    failures: list[LoadFailure] = []
    keys = KeyMaker()
    for path, outcome in outcomes:
        if outcome.problem is not None:
            failures.append(LoadFailure(source=outcome.source, problem=outcome.problem))
            continue
        letters += [keys.keyed(letter) for letter in outcome.letters]
        origins += [(path, index) for index in range(len(outcome.letters))]
    corpus = Corpus(
        root=None if root is None else str(root),
        letters=tuple(letters),
        failures=tuple(failures),
    )
    return corpus, origins


_LISTED_FAILURES = 3
"""How many unreadable files an :class:`EmptyCorpusError` names (one line stays short)."""


def require_letters(corpus: Corpus, root: Path) -> Corpus:
    """``corpus`` when it holds a letter; else raise :class:`EmptyCorpusError` naming
    ``root`` and why: no supported file in it, or every file failed (the first few named
    with their problem)."""
    if corpus.letters:
        return corpus
    if not corpus.failures:
        supported = ", ".join(sorted(SUPPORTED_SUFFIXES))
        raise EmptyCorpusError(root, f"holds no letter file (the types read: {supported})")
    failures = corpus.failures
    listed = "; ".join(f"{f.source}: {f.problem}" for f in failures[:_LISTED_FAILURES])
    more = f"; +{len(failures) - _LISTED_FAILURES} more" if len(failures) > _LISTED_FAILURES else ""
    count = "its one file" if len(failures) == 1 else f"any of its {len(failures)} files"
    raise EmptyCorpusError(root, f"no letter could be read from {count} ({listed}{more})")


def read_files(paths: Sequence[Path], taxonomy: Taxonomy, engine: Engine | None = None) -> Corpus:
    """Parse the given files on ``engine`` (sources are the paths as given), keeping going
    past bad ones: each becomes a :class:`LoadFailure` (its path as given and the problem)
    in ``failures``, in the order given."""
    files = [(Path(path), str(path)) for path in paths]
    with read_outcomes(files, taxonomy, engine) as outcomes:
        corpus, _ = collect(None, zip((path for path, _ in files), outcomes, strict=True))
    return corpus


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


class KeyMaker:
    """Unique keys for letters taken one at a time: a clash gets -2, -3 … in the order
    taken (what :func:`assign_keys` does for a list)."""

    def __init__(self) -> None:
        self.seen: dict[str, int] = {}

    def keyed(self, letter: Letter) -> Letter:
        """``letter`` with its unique key."""
        key = base_key(letter)
        self.seen[key] = self.seen.get(key, 0) + 1
        if self.seen[key] > 1:
            key = f"{key}-{self.seen[key]}"
        return dataclasses.replace(letter, key=key)


def assign_keys(letters: list[Letter]) -> list[Letter]:
    """The letters with unique keys; clashes numbered -2, -3 … in the given order."""
    keys = KeyMaker()
    return [keys.keyed(letter) for letter in letters]


def resolve_ref(corpus: Corpus, ref: str, taxonomy: Taxonomy) -> Letter:
    """The one letter ``ref`` names (key, FILE#PART, FILE, or a path outside the corpus).

    Raises :class:`RefError` when it names none: "is a folder, not a file" for a folder,
    "no such file" for a path (it holds a ``/``) that does not exist, else "no letter with
    this key, file or path in the corpus"; and when a part is not a number or not in the
    file, or the file holds several letters and no part is named."""
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
        elif path.is_dir():
            raise RefError(name, "is a folder, not a file")
        elif "/" in name or os.sep in name:
            raise RefError(name, "no such file")
        else:
            raise RefError(ref, "no letter with this key, file or path in the corpus")
    if part_text:
        if not part_text.isdigit():
            raise RefError(ref, "the part after '#' must be a number")
        chosen = [letter for letter in candidates if letter.part == int(part_text)]
        if not chosen:
            count = len(candidates)
            raise RefError(
                ref,
                f"the file holds {count} letter{'' if count == 1 else 's'}, not part {part_text}",
            )
        return chosen[0]
    if len(candidates) > 1:
        parts = ", ".join(f"{name}#{letter.part}" for letter in candidates)
        raise RefError(ref, f"the file holds {len(candidates)} letters; name one: {parts}")
    return candidates[0]
