"""Terminal tables that fit the terminal: columns wrapped or left out by priority.

In: column specs (:class:`Column`), rows of cells (strings or rich ``Text``) and a width in
terminal cells (:func:`terminal_width`). Out: a rich ``Table`` whose every column has a fixed
width (:func:`fitted_table`), with the headers of the columns left out, so the caller can say
so on stderr (:func:`left_out_note`).

The rules, in order:

- a ``number`` column (scores, counts, dates) is as wide as its widest cell or header,
  always: a number is never cut, wrapped or shown as "0.…";
- a ``text`` column wraps at spaces down to its ``floor`` (or its widest cell when that is
  narrower), never below its longest word; an ``id`` column (letter keys, file references)
  wraps after ``-``, ``_``, ``.``, ``#`` or ``/`` rather than anywhere, so each piece reads
  as part of the identifier. Neither is ever narrower than the longest word of its header,
  so a header breaks, if at all, between words;
- when even that narrowest layout is wider than the terminal, columns are left out, the
  highest ``priority`` number first, never the last one (and a column left out before a
  wider one comes back if it then fits); priority 0 is never left out: when
  those alone are too wide, their text and id columns narrow below their floors (the widest
  first) down to their longest word or piece, then — only if that makes the table fit —
  down to their header's longest word, breaking words; otherwise the table is wider than
  the terminal (numbers are never cut);
- an ``id`` column is never narrower than its longest piece (the text between two break
  characters), so a key breaks only after a ``-`` (a piece is cut only when the table could
  not fit otherwise, and then never below the header's longest word);
- the width left over goes to the kept columns in priority order, ``id`` columns before
  the others of their priority, each up to its natural width (its widest cell); columns of
  the same priority and kind share it evenly, one cell at a time, so two key columns wrap
  alike rather than one whole and the other in three lines;
- ``wide``: nothing is left out and every column has its natural width (``--wide``).

Tables are drawn with a rule under the header and no outer border (``box.SIMPLE_HEAD``): a
table of ``n`` columns is ``sum(widths) + 3 * (n - 1)`` cells wide (:data:`GAP` between
columns).
"""

from __future__ import annotations

import functools
import os
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from rich.cells import cell_len
from rich.text import Text

if TYPE_CHECKING:
    from rich.table import Table

Cell = str | Text
Kind = Literal["number", "text", "id"]

DEFAULT_WIDTH = 80
"""The width when output is not a terminal and ``$COLUMNS`` is not set: the classic terminal
width, so piped or redirected output reads on any screen."""
GAP = 3
"""Cells between two columns: one of padding each side of a one-cell rule."""
_ID_BREAK = re.compile(r"(?<=[-_.#/])")


@dataclass(frozen=True)
class Column:
    """One column of a fitted table."""

    header: str
    kind: Kind = "text"
    """``number``: never narrower than its widest cell; ``text``: wraps at spaces; ``id``:
    wraps after ``-``, ``_``, ``.``, ``#`` or ``/``."""
    priority: int = 0
    """0: never left out; otherwise columns with higher numbers are left out first, and the
    spare width goes to lower numbers first."""
    floor: int = 12
    """The narrowest a ``text`` or ``id`` column is shown (in terminal cells) before it is
    left out instead; ignored for numbers."""
    justify: Literal["left", "right"] | None = None
    """Default: right for numbers, left otherwise."""


@dataclass(frozen=True)
class Layout:
    """The widths :func:`fit_columns` chose."""

    widths: tuple[int | None, ...]
    """One per column, in terminal cells; ``None`` for a column left out."""
    left_out: tuple[str, ...]
    """Headers of the columns left out, in column order."""
    width: int
    """The whole table's width in terminal cells (``GAP`` between columns included)."""


def terminal_width(default: int = DEFAULT_WIDTH) -> int:
    """Where output is laid out: ``$COLUMNS`` when set to a positive number, else the
    terminal's width when stdout is a terminal, else ``default`` (80): never the 160 or
    unlimited widths that make piped tables unreadable."""
    columns = os.environ.get("COLUMNS", "").strip()
    if columns.isdigit() and int(columns) > 0:
        return int(columns)
    if sys.stdout.isatty():
        try:
            return os.get_terminal_size(sys.stdout.fileno()).columns or default
        except (OSError, ValueError):
            pass
    return default


def _lines(cell: Cell) -> list[str]:
    return (cell.plain if isinstance(cell, Text) else cell).split("\n")


def natural_width(column: Column, cells: Sequence[Cell]) -> int:
    """The width that shows ``column``'s header and every cell on one line each."""
    return max([cell_len(column.header), *(cell_len(line) for c in cells for line in _lines(c))])


def narrowest_width(column: Column, cells: Sequence[Cell]) -> int:
    """The narrowest ``column`` may be: a number's natural width; for text and ids the
    ``floor`` (or the natural width when narrower), never below the header's longest word,
    and for ids never below their longest piece (:func:`longest_piece`)."""
    natural = natural_width(column, cells)
    if column.kind == "number":
        return natural
    least = max(header_word(column), min(natural, column.floor), 1)
    return max(least, longest_piece(cells) if column.kind == "id" else longest_word(cells))


def id_pieces(text: str) -> list[str]:
    """``text`` (a key or file reference) cut after each ``-``, ``_``, ``.``, ``#`` or ``/``:
    the pieces an id column may break between ("2014-11-10-un" → "2014-", "11-", "10-",
    "un")."""
    return [piece for piece in _ID_BREAK.split(text) if piece]


def longest_word(cells: Sequence[Cell]) -> int:
    """The widest word (run of non-spaces) of any of ``cells``, in terminal cells; 0 for no
    cells."""
    return max((cell_len(w) for c in cells for line in _lines(c) for w in line.split()), default=0)


def longest_piece(cells: Sequence[Cell]) -> int:
    """The widest piece (:func:`id_pieces`) of any line of ``cells``, in terminal cells; 0
    for no cells."""
    return max(
        (cell_len(p) for c in cells for line in _lines(c) for p in id_pieces(line)), default=0
    )


def header_word(column: Column) -> int:
    """The width of the header's longest word: no column is narrower (a header may wrap
    between its words, never inside one)."""
    return max(cell_len(word) for word in column.header.split() or [column.header])


def _squeeze(
    chosen: dict[int, int],
    limits: tuple[Sequence[int], Sequence[int]],
    columns: Sequence[Column],
    width: int,
) -> None:
    """When the columns that may not be left out are still too wide at their floors, narrow
    the text and id columns below their floors, the widest first (numbers never): first
    down to their longest word or piece (``limits[0]``), so they wrap between words; then,
    only when that makes the table fit ``width``, down to their header's longest word
    (``limits[1]``), breaking words: wrapped text beats a table wider than the screen, but
    a broken word does not buy a table that is too wide all the same."""
    soft, hard = limits
    if table_width([min(chosen[n], hard[n]) for n in chosen]) <= width:
        soft = hard
    over = table_width(list(chosen.values())) - width
    while over > 0:
        narrowable = [n for n in chosen if columns[n].kind != "number" and chosen[n] > soft[n]]
        if not narrowable:
            return
        widest = max(narrowable, key=lambda n: (chosen[n], n))
        chosen[widest] -= 1
        over -= 1


def table_width(widths: Sequence[int]) -> int:
    """A table's width in terminal cells from its columns' widths."""
    return sum(widths) + GAP * max(len(widths) - 1, 0) if widths else 0


def fit_columns(
    columns: Sequence[Column], rows: Sequence[Sequence[Cell]], width: int, wide: bool = False
) -> Layout:
    """The widths that fit ``rows`` into ``width`` terminal cells by the module's rules
    (``wide``: every column at its natural width). Raises ``ValueError`` when a row has not
    one cell per column."""
    if any(len(row) != len(columns) for row in rows):
        raise ValueError(f"every row needs {len(columns)} cells")
    cells = [[row[n] for row in rows] for n in range(len(columns))]
    natural = [natural_width(c, cells[n]) for n, c in enumerate(columns)]
    if wide:
        return Layout(tuple(natural), (), table_width(natural))
    least = [narrowest_width(c, cells[n]) for n, c in enumerate(columns)]
    kept = list(range(len(columns)))
    by_leaving = sorted(
        (n for n in kept if columns[n].priority > 0), key=lambda n: (-columns[n].priority, -n)
    )
    left: list[int] = []
    for n in by_leaving:
        if table_width([least[k] for k in kept]) <= width or len(kept) == 1:
            break
        kept.remove(n)
        left.append(n)
    for n in reversed(left):  # one left out for a wider one may fit after all
        if table_width([least[k] for k in kept] + [least[n]]) <= width:
            kept.append(n)
    chosen = {n: least[n] for n in kept}
    hard = [header_word(c) if c.kind != "number" else natural[n] for n, c in enumerate(columns)]
    soft = [
        max(hard[n], longest_piece(cells[n]) if c.kind == "id" else longest_word(cells[n]))
        for n, c in enumerate(columns)
    ]
    _squeeze(chosen, (soft, hard), columns, width)
    spare = width - table_width(list(chosen.values()))
    groups: dict[tuple[int, bool], list[int]] = {}
    for n in kept:
        groups.setdefault((columns[n].priority, columns[n].kind != "id"), []).append(n)
    for group in (groups[g] for g in sorted(groups)):
        spare = _share(chosen, group, natural, spare)
    widths = tuple(chosen.get(n) for n in range(len(columns)))
    left_out = tuple(c.header for n, c in enumerate(columns) if n not in chosen)
    return Layout(widths, left_out, table_width(list(chosen.values())))


def _share(chosen: dict[int, int], group: Sequence[int], natural: Sequence[int], spare: int) -> int:
    """Give ``spare`` cells to the columns of ``group`` evenly (one at a time, in turn), each
    up to its natural width; returns what is left."""
    growing = [n for n in group if chosen[n] < natural[n]]
    while spare > 0 and growing:
        for n in list(growing):
            if spare <= 0:
                break
            chosen[n] += 1
            spare -= 1
            if chosen[n] >= natural[n]:
                growing.remove(n)
    return spare


def break_id(text: str, width: int) -> str:
    """``text`` (a key or file reference) in lines of at most ``width`` cells, broken after
    ``-``, ``_``, ``.``, ``#`` or ``/``; a piece between two of them is cut only when it
    is longer than a whole line (never, in a column :func:`fit_columns` laid out, unless the
    table could not fit otherwise)."""
    lines: list[str] = []
    line = ""
    for piece in id_pieces(text):
        if line and cell_len(line) + cell_len(piece) > width:
            lines.append(line)
            line = ""
        for char in piece:
            if line and cell_len(line) + cell_len(char) > width:
                lines.append(line)
                line = ""
            line += char
    return "\n".join([*lines, line])


def fitted_table(
    columns: Sequence[Column],
    rows: Sequence[Sequence[Cell]],
    width: int,
    *,
    wide: bool = False,
    title: str | None = None,
    caption: str | None = None,
) -> tuple[Table, Layout]:
    """A rich table of ``rows`` laid out by :func:`fit_columns`, with ``title`` above and
    ``caption`` (a legend) under it, both left-aligned, and its layout (which columns were
    left out, how wide it is). Raises ``ValueError`` as :func:`fit_columns`."""
    from rich import box
    from rich.table import Table

    layout = fit_columns(columns, rows, width, wide)
    table = Table(
        title=title,
        title_justify="left",
        caption=caption,
        caption_justify="left",
        box=box.SIMPLE_HEAD,
        show_edge=False,
        pad_edge=False,
    )
    kept = [n for n, w in enumerate(layout.widths) if w is not None]
    for n in kept:
        column = columns[n]
        table.add_column(
            column.header,
            width=layout.widths[n],
            justify=column.justify or ("right" if column.kind == "number" else "left"),
            overflow="fold",
            no_wrap=column.kind == "number",
        )
    for row in rows:
        cells: list[Cell] = []
        for n in kept:
            cell, column_width = row[n], layout.widths[n]
            if columns[n].kind == "id" and isinstance(cell, str) and column_width is not None:
                cell = break_id(cell, column_width)
            cells.append(cell)
        table.add_row(*cells)
    return table, layout


def left_out_note(left_out: Sequence[str], width: int) -> str | None:
    """The note telling which columns did not fit (``None`` when all did); print it with
    :func:`stderr_note`, which wraps it."""
    if not left_out:
        return None
    names = ", ".join(dict.fromkeys(left_out))
    return f"left out {names} to fit {width} columns; --wide or --json shows them"


NOTE_WIDTH = DEFAULT_WIDTH
"""The widest line of a note on stderr, in terminal cells: a note is read in whatever
window the command ran in, so it is wrapped at 80 however wide the tables were laid out."""


def stderr_note(text: str, width: int = NOTE_WIDTH, kind: str = "note") -> str:
    """``compare-letters: KIND: TEXT`` wrapped at ``min(width, NOTE_WIDTH)`` cells (at least
    40), later lines indented by two spaces, words never broken (a word longer than a line,
    such as a path, stands alone on its line, or after ``compare-letters: KIND:`` when it
    comes first). ``kind`` is ``note``, ``warning``,
    ``error`` (or ``skipped``, ``failed``): each is one message, wrapped the same way."""
    import textwrap

    limit = max(40, min(width, NOTE_WIDTH))
    head = f"compare-letters: {kind}:"
    wrap = functools.partial(
        textwrap.wrap,
        width=limit,
        subsequent_indent="  ",
        break_long_words=False,
        break_on_hyphens=False,
    )
    first, _, rest = text.strip().partition(" ")
    if cell_len(f"{head} {first}") <= limit:
        return "\n".join(wrap(f"{head} {text}"))
    # a first word too long for the first line (a path) stays by the head, the rest below
    return "\n".join([f"{head} {first}", *wrap(rest, initial_indent="  ")])


def cut_to(text: str, width: int) -> str:
    """``text`` when it fits ``width`` terminal cells, else shortened at a word boundary (the
    words that fit, then "…"); a first word longer than the whole width is cut inside, as
    nothing else would fit."""
    if cell_len(text) <= width:
        return text
    from rich.cells import set_cell_size

    room = max(width - 1, 0)
    head = set_cell_size(text, room)
    inside = not head[-1:].isspace() and not text[len(head) : len(head) + 1].isspace()
    if inside:  # the cut falls inside a word: keep the words before it
        whole = head.rsplit(None, 1)[0] if " " in head.strip() else ""
        head = whole if whole.strip() else head
    return head.rstrip() + "…"


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """``count`` and the noun that agrees with it, in digits: "1 ask", "2 asks", "0 asks",
    "2 families" (``plural_form``; ``singular + "s"`` when not given)."""
    return f"{count} {singular if count == 1 else plural_form or singular + 's'}"
