"""Plain-text views of letters for the terminal: pure functions from data to strings.

The CLI prints what these return; nothing here writes to a stream or reads a file, so the
views are tested like any other stage.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from typing import TypedDict

from compare.models import Letter

_WIDTH = 88


def letter_ref(letter: Letter, single_part: bool) -> str:
    """``FILE`` when the file holds one letter, else ``FILE#PART``."""
    return letter.source if single_part else f"{letter.source}#{letter.part}"


class LetterRow(TypedDict):
    """One row of the ``letters`` table (a JSON object in ``--json``)."""

    ref: str
    key: str
    date: str | None
    recipient: str | None
    paragraphs: int
    asks: int
    signatories: int
    themes: list[str]


def letter_rows(letters: Sequence[Letter]) -> list[LetterRow]:
    """One row per letter for the ``letters`` table (and its JSON)."""
    parts: dict[str, int] = {}
    for letter in letters:
        parts[letter.source] = parts.get(letter.source, 0) + 1
    return [
        {
            "ref": letter_ref(letter, parts[letter.source] == 1),
            "key": letter.key,
            "date": letter.date,
            "recipient": letter.recipient,
            "paragraphs": len(letter.paragraphs),
            "asks": len(letter.asks),
            "signatories": len(letter.signatories),
            "themes": list(letter.themes),
        }
        for letter in letters
    ]


def _wrap(text: str, indent: str = "", first: str | None = None) -> str:
    return textwrap.fill(
        text,
        width=_WIDTH,
        initial_indent=first if first is not None else indent,
        subsequent_indent=indent,
        break_long_words=False,
        break_on_hyphens=False,
    )


def _section(title: str) -> list[str]:
    return ["", title, "-" * len(title)]


def letter_view(letter: Letter) -> str:
    """A readable rendering of one letter: metadata, text, asks, signatories, notes."""
    out = [
        letter.title or letter.subject or letter.key,
        "=" * min(_WIDTH, len(letter.title or letter.subject or letter.key)),
    ]
    fields = [
        ("key", letter.key),
        ("source", f"{letter.source}#{letter.part}"),
        ("date", letter.date),
        ("recipient", letter.recipient),
        ("subject", letter.subject),
        ("themes", ", ".join(letter.themes)),
        ("source url", letter.source_url),
    ]
    out += [f"{name:>10}: {value}" for name, value in fields if value]
    if letter.recipient_block:
        out += _section("Addressed to") + [f"  {line}" for line in letter.recipient_block]
    out += _section("Letter")
    if letter.salutation:
        out += [letter.salutation, ""]
    for paragraph in letter.paragraphs:
        if paragraph.kind == "heading":
            out += [paragraph.text.upper(), ""]
        elif paragraph.kind == "list-item":
            out += [_wrap(paragraph.text, indent="    ", first="  • ")]
        else:
            out += [_wrap(paragraph.text), ""]
    if letter.asks:
        out += _section(f"Asks ({len(letter.asks)})")
        for number, ask in enumerate(letter.asks, start=1):
            verb = f"[{ask.verb}] " if ask.verb else ""
            themes = f"  ({', '.join(ask.themes)})" if ask.themes else ""
            out.append(_wrap(f"{verb}{ask.text}{themes}", indent="     ", first=f"{number:>3}. "))
    claimed = f", {letter.claimed_signatories} claimed" if letter.claimed_signatories else ""
    out += _section(f"Signatories ({len(letter.signatories)}{claimed})")
    for signatory in letter.signatories:
        extra = [x for x in (signatory.affiliation, signatory.country) if x]
        mark = "person" if signatory.kind == "individual" else "org"
        out.append(f"  {signatory.name}  [{mark}]" + (f" — {'; '.join(extra)}" if extra else ""))
    if letter.footnotes:
        out += _section("Footnotes")
        out += [
            _wrap(f"[{n.mark}] {n.text}", indent="      ", first="  ") for n in letter.footnotes
        ]
    if letter.cc:
        out += _section("cc") + [_wrap(entry, indent="    ", first="  ") for entry in letter.cc]
    if letter.warnings:
        out += _section("Warnings") + [f"  ! {warning}" for warning in letter.warnings]
    return "\n".join(out).rstrip() + "\n"
