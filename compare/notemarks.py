"""Footnote marks left in a letter's text as typed in markdown or plain text ("^{iv}",
"^4"), shown as a reader expects them: superscript on a page, "[iv]" on a terminal.

The reader keeps the marks in the text it returns (they tie a sentence to its footnote, and
``--json`` keeps them as written); only the views change how they look. The forms are those
:mod:`compare.reading.footnotes` reads as footnote marks: a caret, then a number of up to
three digits or a roman numeral of up to six letters, in braces or not.
"""

from __future__ import annotations

import re

NOTE_MARK = re.compile(r"\^(?:\{([0-9]{1,3}|[ivxlc]{1,6})\}|([0-9]{1,3})(?![0-9]))", re.I)
"""A footnote mark in running text: "^{iv}", "^{12}", "^4" (group 1 or 2: the mark)."""


def split_note_marks(text: str) -> list[tuple[bool, str]]:
    """``text`` as pieces ``(is_mark, piece)`` in order: "done.^{iv} Next" →
    ``[(False, "done."), (True, "iv"), (False, " Next")]``; the pieces without their caret
    and braces join to the text with its marks plain. Empty pieces are left out."""
    pieces: list[tuple[bool, str]] = []
    start = 0
    for match in NOTE_MARK.finditer(text):
        if match.start() > start:
            pieces.append((False, text[start : match.start()]))
        pieces.append((True, match.group(1) or match.group(2)))
        start = match.end()
    if start < len(text):
        pieces.append((False, text[start:]))
    return pieces


def bracket_note_marks(text: str) -> str:
    """``text`` for a terminal, each footnote mark in square brackets: "done.^{iv}" →
    "done.[iv]"."""
    return NOTE_MARK.sub(lambda m: f"[{m.group(1) or m.group(2)}]", text)
