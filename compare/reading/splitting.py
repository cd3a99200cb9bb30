"""One file, several letters: cut a document's lines into the letters it holds.

In: a :class:`Document`. Out: one :class:`DocumentPart` per letter, numbered 1, 2, … in file
order. A file is cut at separator lines (``=====``, ``-----``, ``*****``, five or more of one
character) and, where no separator stands between two letters, before the heading of a second
salutation that follows a closing ("Sincerely," … "Dear …"). Parts with no words are dropped;
deciding whether a part holds a letter at all is the parser's job.
"""

from __future__ import annotations

import re

from compare.models import Document, DocumentPart
from compare.reading.dates import parse_date_line
from compare.reading.lexicon import is_closing, is_salutation

_SEPARATOR = re.compile(r"^\s*([=\-_*~#+])(?:\s*\1){4,}\s*$")
_INVISIBLE = "\xa0\u200b\u200c\u200d\u2060\ufeff\u3000"
_HEADER_LOOKBACK = 15


def document_lines(text: str) -> list[str]:
    """Lines with trailing space removed; lines of only (non-breaking) spaces become ``""``."""
    lines = []
    for line in text.split("\n"):
        line = line.rstrip()
        lines.append("" if not line.strip(_INVISIBLE + " \t") else line)
    return lines


def split_document(document: Document) -> list[DocumentPart]:
    """The letters of ``document`` as parts, in order (see the module docstring). Each part
    knows where its first line stands among :func:`document_lines` (``first_line``)."""
    chunks: list[tuple[int, list[str]]] = [(0, [])]
    for number, line in enumerate(document_lines(document.text)):
        if _SEPARATOR.match(line):
            chunks.append((number + 1, []))
        else:
            chunks[-1][1].append(line)
    pieces: list[tuple[int, list[str]]] = []
    for start, chunk in chunks:
        offset = start
        for piece in _split_at_second_salutation(chunk):
            pieces.append((offset, piece))
            offset += len(piece)
    parts = [_trim(start, lines) for start, lines in pieces]
    parts = [(start, lines) for start, lines in parts if lines]
    return [
        DocumentPart(source=document.source, part=number, lines=tuple(lines), first_line=start)
        for number, (start, lines) in enumerate(parts, start=1)
    ]


def _split_at_second_salutation(lines: list[str]) -> list[list[str]]:
    salutations = [i for i, line in enumerate(lines) if is_salutation(line)]
    cuts = []
    for previous, current in zip(salutations, salutations[1:], strict=False):
        if any(is_closing(line) for line in lines[previous + 1 : current]):
            cuts.append(_header_start(lines, previous, current))
    pieces, start = [], 0
    for cut in cuts:
        pieces.append(lines[start:cut])
        start = cut
    pieces.append(lines[start:])
    return pieces


def _header_start(lines: list[str], after: int, salutation: int) -> int:
    """Where the second letter's heading begins: its dateline if one stands close above the
    salutation, else the first line of the block of lines right above it (blank lines
    between that block and the salutation skipped)."""
    seen = 0
    for i in range(salutation - 1, after, -1):
        if not lines[i]:
            continue
        seen += 1
        if seen > _HEADER_LOOKBACK:
            break
        if parse_date_line(lines[i]):
            return i
    i = salutation
    while i - 1 > after and not lines[i - 1]:
        i -= 1
    while i - 1 > after and lines[i - 1]:
        i -= 1
    return i


def _trim(offset: int, lines: list[str]) -> tuple[int, list[str]]:
    """``lines`` without leading and trailing blank lines, and the new first line's offset."""
    start, end = 0, len(lines)
    while start < end and not lines[start]:
        start += 1
    while end > start and not lines[end - 1]:
        end -= 1
    return offset + start, lines[start:end]
