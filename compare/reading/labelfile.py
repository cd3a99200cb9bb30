"""Label files: hand-checked line labels of one letter file, for training the line labeller.

A label file is UTF-8 text::

    # compare-letters line labels 1
    # source: ../letters/open-letter.txt
    # sha256: 9f2c…
    3	title	1a2b3c4d
    5	date	77e0aa12
    7	salutation	0c9d11f3

``source`` is the letter file, relative to the label file's folder (or absolute); ``sha256``
is the digest of its bytes, so a label file never silently describes another text. Each row
is a line number (1-based, among the lines of the loaded text, :func:`document_lines`), a
label (:data:`~compare.reading.labels.LABELS`) and the first 8 hex digits of the sha1 of the
line's stripped text, which catches a misnumbered row. Blank lines have no row; a non-blank
line without a row is an error. The file holds no letter text, so labels of letters that may
not be copied can sit beside a project while the letters stay where they are.

In: a label file's path. Out: a :class:`LabelledFile` (the letter's parts with a label per
line). Errors: :class:`LabelFileError` naming the file and the problem.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from compare.errors import InputError
from compare.models import Document, DocumentPart
from compare.reading.labels import LABELS, Label

HEADER = "# compare-letters line labels 1"


class LabelFileError(InputError):
    """A label file that cannot be used (missing source, digest or rows that do not fit)."""


@dataclass(frozen=True)
class LabelledPart:
    """One letter part and the label of each of its lines (``None`` for blank lines)."""

    part: DocumentPart
    labels: tuple[Label | None, ...]


@dataclass(frozen=True)
class LabelledFile:
    """A letter file read through its label file."""

    label_file: str
    source: Path
    document: Document
    lines: tuple[str, ...]
    """The document's lines (:func:`~compare.reading.splitting.document_lines`)."""
    labels: tuple[Label | None, ...]
    """One per line, ``None`` for blank lines."""
    parts: tuple[LabelledPart, ...]


def line_digest(line: str) -> str:
    """First 8 hex digits of the sha1 of ``line`` stripped."""
    return hashlib.sha1(line.strip().encode("utf-8")).hexdigest()[:8]


def write_label_file(
    target: Path, source: Path, lines: Sequence[str], labels: Sequence[Label | None]
) -> None:
    """Write the label file of ``source`` whose document lines carry ``labels``."""
    from compare.files import write_text

    try:
        relative = Path(_relative(source.resolve(), target.resolve().parent))
    except ValueError:
        relative = source.resolve()
    digest = hashlib.sha256(source.read_bytes()).hexdigest()
    rows = [HEADER, f"# source: {relative.as_posix()}", f"# sha256: {digest}"]
    for number, (line, label) in enumerate(zip(lines, labels, strict=True), start=1):
        if line.strip():
            rows.append(f"{number}\t{label or 'chrome'}\t{line_digest(line)}")
    write_text(target, "\n".join(rows) + "\n")


def _relative(path: Path, folder: Path) -> str:
    import os

    return os.path.relpath(path, folder)


def read_label_file(path: Path) -> LabelledFile:
    """The letter ``path`` labels, split into parts, each line with its label. Raises
    :class:`LabelFileError` for a missing or changed source, an unknown label, or rows that
    do not fit the source's lines."""
    from compare.reading.loading import load_document
    from compare.reading.splitting import document_lines, split_document

    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeError) as error:
        raise LabelFileError(path, f"cannot read the label file ({error})") from error
    meta: dict[str, str] = {}
    rows: dict[int, tuple[Label, str]] = {}
    for number, row in enumerate(text.splitlines(), start=1):
        if not row.strip():
            continue
        if row.startswith("#"):
            key, _, value = row[1:].partition(":")
            meta[key.strip()] = value.strip()
            continue
        cells = row.split("\t")
        if len(cells) != 3 or not cells[0].isdigit() or cells[1] not in LABELS:
            raise LabelFileError(path, f"line {number}: want 'NUMBER<TAB>LABEL<TAB>DIGEST'")
        rows[int(cells[0])] = (cells[1], cells[2])
    if "source" not in meta:
        raise LabelFileError(path, "no '# source:' line")
    source = (path.parent / meta["source"]).resolve()
    if not source.is_file():
        raise LabelFileError(path, f"its letter {meta['source']} is not there")
    digest = hashlib.sha256(source.read_bytes()).hexdigest()
    if meta.get("sha256") and meta["sha256"] != digest:
        raise LabelFileError(path, f"{source.name} changed since it was labelled (sha256)")
    document = load_document(source)
    lines = document_lines(document.text)
    labels: list[Label | None] = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            labels.append(None)
            continue
        if number not in rows:
            raise LabelFileError(path, f"line {number} of {source.name} has no label")
        label, check = rows[number]
        if check != line_digest(line):
            raise LabelFileError(path, f"line {number} of {source.name} is not the line labelled")
        labels.append(label)
    parts = tuple(
        LabelledPart(part, tuple(labels[part.first_line : part.first_line + len(part.lines)]))
        for part in split_document(document)
    )
    return LabelledFile(
        label_file=str(path),
        source=source,
        document=document,
        lines=tuple(lines),
        labels=tuple(labels),
        parts=parts,
    )
