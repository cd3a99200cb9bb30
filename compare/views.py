"""Plain-text views of letters for the terminal: pure functions from data to strings.

The CLI prints what these return; nothing here writes to a stream or reads a file, so the
views are tested like any other stage.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, TypedDict

from compare.models import Letter
from compare.terminal import Column, fitted_table, plural

if TYPE_CHECKING:
    from pathlib import Path

    from rich.table import Table

    from compare.store.update import Update
    from compare.terminal import Layout

READING_WIDTH = 88
"""The widest a letter's text is wrapped, however wide the terminal: lines of about 80
characters of text read best."""

LETTER_COLUMNS = (
    Column("ref", "id", priority=4, floor=28),
    Column("key", "id", priority=0, floor=44),
    Column("date", "number", priority=1, justify="left"),
    Column("recipient", "text", priority=3, floor=12),
    Column("¶", "number", priority=2),
    Column("asks", "number", priority=2),
    Column("signed", "number", priority=2),
    Column("themes", "text", priority=5, floor=16),
)
"""The ``letters`` table. The key is never left out (it names the letter for every other
command, and holds its date and recipient); the counts go after the date, then the
recipient, the file reference and the themes (``--wide`` or ``--json`` shows them all). "¶"
keeps the table within 80 columns; :data:`LETTERS_LEGEND` under it says what it counts."""
LETTERS_LEGEND = "¶: paragraphs; signed: signatories"


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


def short_list(items: Sequence[str], shown: int = 3) -> str:
    """The first few items and how many more: a table cell that stays one or two lines."""
    more = f" +{len(items) - shown}" if len(items) > shown else ""
    return ", ".join(items[:shown]) + more


def letters_table(
    rows: Sequence[LetterRow],
    title: str,
    width: int,
    wide: bool = False,
    label: Callable[[str], str] | None = None,
) -> tuple[Table, Layout]:
    """The ``letters`` table fitted to ``width`` terminal cells (see
    :mod:`compare.terminal`), and its layout (the columns left out); themes by their labels
    (``label``: slug → label, the packaged taxonomy's for ``None``,
    :func:`compare.summary.theme_labeller`; ``--json`` keeps the slugs), the first three
    and how many more, or with ``wide`` all of them; a legend line under it
    (:data:`LETTERS_LEGEND`)."""
    if label is None:
        from compare.summary import theme_labeller

        label = theme_labeller()
    cells = [
        [
            row["ref"],
            row["key"],
            row["date"] or "—",
            row["recipient"] or "—",
            str(row["paragraphs"]),
            str(row["asks"]),
            str(row["signatories"]),
            short_list([label(slug) for slug in row["themes"]], len(row["themes"]) if wide else 3),
        ]
        for row in rows
    ]
    return fitted_table(
        LETTER_COLUMNS, cells, width, wide=wide, title=title, caption=LETTERS_LEGEND
    )


def index_summary(update: Update, folder: Path) -> str:
    """What ``index`` did, in a user's words: how many letters (and files) are indexed, how
    many files were new, changed or removed since the last run, and where the index lives,
    e.g. "6 letters indexed from 5 files: 5 new, 0 changed, 0 removed" and "index: PATH"
    (segments and commits are ``--json``'s)."""
    counts = f"{update.added} new, {update.changed} changed, {update.deleted} removed"
    if not update.added + update.changed + update.deleted:
        counts = "up to date, no file new, changed or removed"
    head = (
        f"{plural(update.letters, 'letter')} indexed from {plural(update.files, 'file')}: {counts}"
    )
    return f"{head}\nindex: {folder}"


def _wrap(text: str, indent: str = "", first: str | None = None, width: int = READING_WIDTH) -> str:
    return textwrap.fill(
        text,
        width=max(width, len(first or indent) + 10),
        initial_indent=first if first is not None else indent,
        subsequent_indent=indent,
        break_long_words=False,
        break_on_hyphens=False,
    )


def _section(title: str) -> list[str]:
    return ["", title, "-" * len(title)]


def letter_view(letter: Letter, width: int = READING_WIDTH) -> str:
    """A readable rendering of one letter: metadata, text (list items with their marker as
    written, "•" when they have none, a blank line after a list), asks, signatories, notes
    (each line of a note under its text, after its mark), wrapped at ``width`` terminal
    cells (at most :data:`READING_WIDTH`; words and URLs are never broken, so a longer one
    stands on a line of its own); the letter's and each ask's themes by their labels
    (:func:`compare.summary.theme_labeller`; ``--json`` keeps the slugs)."""
    from compare.summary import theme_labeller

    width = min(width, READING_WIDTH)

    def wrap(text: str, indent: str = "", first: str | None = None) -> str:
        return _wrap(text, indent, first, width)

    label = theme_labeller()
    heading = letter.title or letter.subject or letter.key
    out = [wrap(heading), "=" * min(width, len(heading))]
    fields = [
        ("key", letter.key),
        ("source", f"{letter.source}#{letter.part}"),
        ("date", letter.date),
        ("recipient", letter.recipient),
        ("subject", letter.subject),
        ("themes", ", ".join(map(label, letter.themes))),
        ("source url", letter.source_url),
    ]
    out += [wrap(str(value), " " * 12, f"{name:>10}: ") for name, value in fields if value]
    if letter.recipient_block:
        out += _section("Addressed to")
        out += [wrap(line, "    ", "  ") for line in letter.recipient_block]
    out += _section("Letter")
    if letter.salutation:
        out += [wrap(letter.salutation), ""]
    for n, paragraph in enumerate(letter.paragraphs):
        if paragraph.kind == "heading":
            out += [wrap(paragraph.text.upper()), ""]
        elif paragraph.kind == "list-item":
            first = f"  {paragraph.marker or '•'} "
            out += [wrap(paragraph.text, indent=" " * len(first), first=first)]
            following = letter.paragraphs[n + 1] if n + 1 < len(letter.paragraphs) else None
            if following is None or following.kind != "list-item":
                out.append("")  # a blank line ends the list, as it ends a paragraph
        else:
            out += [wrap(paragraph.text), ""]
    if letter.asks:
        out += _section(f"Asks ({len(letter.asks)})")
        for number, ask in enumerate(letter.asks, start=1):
            verb = f"[{ask.verb}] " if ask.verb else ""
            themes = f"  ({', '.join(map(label, ask.themes))})" if ask.themes else ""
            out.append(wrap(f"{verb}{ask.text}{themes}", indent="     ", first=f"{number:>3}. "))
    claimed = f", {letter.claimed_signatories} claimed" if letter.claimed_signatories else ""
    out += _section(f"Signatories ({len(letter.signatories)}{claimed})")
    for signatory in letter.signatories:
        extra = [x for x in (signatory.affiliation, signatory.country) if x]
        mark = "person" if signatory.kind == "individual" else "org"
        line = f"{signatory.name}  [{mark}]" + (f" — {'; '.join(extra)}" if extra else "")
        out.append(wrap(line, "    ", "  "))
    if letter.footnotes:
        out += _section("Footnotes")
        out += [
            wrap(n.text, indent=" " * len(f"  [{n.mark}] "), first=f"  [{n.mark}] ")
            for n in letter.footnotes
        ]
    if letter.cc:
        out += _section("cc") + [wrap(entry, indent="    ", first="  ") for entry in letter.cc]
    if letter.warnings:
        out += _section("Warnings") + [wrap(w, "    ", "  ! ") for w in letter.warnings]
    return "\n".join(out).rstrip() + "\n"
