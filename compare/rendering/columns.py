"""Column widths for report tables, chosen for what the columns hold.

In: a table's columns (:class:`Column`: the texts of its cells, their font size, whether
they may wrap) and the width to fill in millimetres. Out: each column's share of the table
width in per cent (:func:`column_widths`), for ``<col style="width: …%">`` in a table laid out
with ``table-layout: fixed`` (``style.css``: ``table.fit``).

Why not the browser's automatic layout: WeasyPrint's auto layout gives a column of long
unbreakable texts (a letter's key, a list of slugs) its full width and squeezes the rest, so a
title column wrapped after every word and a row held one word a line; it also has to lay every
row out twice. Here a column is as wide as its longest line when the table has room; when it
has not, the columns that may wrap are shrunk toward their longest word, in proportion to what
they would lose, while the columns that must not wrap (dates, numbers, references) keep their
width.

Text widths are estimated from the advance widths of DejaVu Sans, the reports' first font
(:data:`_WIDTHS`, thousandths of an em for ASCII 32–126, read from ``DejaVuSans.ttf``; bold
about :data:`BOLD` wider); a character outside ASCII is measured as its unaccented letter,
else as :data:`OTHER`. A slight overestimate is harmless (a little spare room); the padding of
a cell (``td { padding: 1.2mm 1.5mm }``) is added to every column.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

PAGE_WIDTH_MM = 180.0
"""A4's width less the page margins (210 mm − 2 × 15 mm, ``@page`` in ``style.css``); US
letter is 6 mm wider, which only leaves a little more room."""
PADDING_MM = 3.0
"""A cell's left and right padding (1.5 mm each, ``style.css``)."""
PT_MM = 25.4 / 72
"""Millimetres per point."""
BOLD = 1.12
"""DejaVu Sans Bold is about this much wider than the regular face (mean over ASCII)."""
SMALL = 7.5
"""Font size of ``.small`` text, points (``style.css``)."""
MARGIN = 1.04
"""Measured widths are raised by this much: the renderer's glyph positioning rounds, and a
line measured a hair too short wraps its last word."""
OTHER = 700
"""Width (thousandths of an em) of a character with no ASCII base: most CJK and symbols are
wider, most Cyrillic and Greek letters about this."""
_WIDTHS = (
    318, 401, 460, 838, 636, 950, 780, 275, 390, 390, 500, 838, 318, 361, 318, 337, 636, 636,
    636, 636, 636, 636, 636, 636, 636, 636, 337, 337, 838, 838, 838, 531, 1000, 684, 686, 698,
    770, 632, 575, 775, 752, 295, 295, 656, 557, 863, 748, 787, 603, 787, 695, 635, 611, 732,
    684, 989, 685, 611, 685, 390, 337, 390, 838, 500, 500, 613, 635, 550, 635, 615, 352, 635,
    634, 278, 278, 579, 278, 974, 634, 612, 635, 635, 411, 521, 392, 634, 592, 818, 592, 592,
    525, 636, 337, 636, 838,
)  # fmt: skip


def _char_width(character: str) -> int:
    code = ord(character)
    if 32 <= code < 127:
        return _WIDTHS[code - 32]
    base = unicodedata.normalize("NFKD", character)[:1]
    if base and 32 <= ord(base) < 127:
        return _WIDTHS[ord(base) - 32]
    if unicodedata.combining(character):
        return 0
    return OTHER


def text_width(text: str, size: float = 9.0, bold: bool = False) -> float:
    """The width in millimetres of ``text`` on one line at ``size`` points in DejaVu Sans
    (estimated, see the module docstring)."""
    em = sum(_char_width(character) for character in text) / 1000
    return em * size * PT_MM * (BOLD if bold else 1.0) * MARGIN


@dataclass(frozen=True)
class Column:
    """One column of a table, as far as its width goes."""

    texts: Sequence[str]
    """The text of each of its cells; a cell of several lines (a title, then a reference
    under it) has them separated by ``"\\n"``, each measured alone."""
    size: float = 9.0
    """Font size of the cells in points (9 body text, 7.5 ``.small``)."""
    header: str = ""
    """The header (bold 9 pt); it may wrap between words."""
    wrap: bool = True
    """Whether the cells may wrap between words; ``False`` keeps each line whole (dates,
    numbers, references), so the column is as wide as its widest line."""
    cap: float | None = None
    """The widest the column is worth in millimetres: a longer text wraps rather than
    taking room from the others (``wrap`` columns only)."""
    padding: float = PADDING_MM
    """The cells' left and right padding together, in millimetres."""
    bold: bool = False
    """Whether the texts are set in bold (a header measured as a text)."""
    small: Sequence[str] = ()
    """Lines of the cells set in small type (:data:`SMALL`): a reference under a title."""


def _lines(column: Column) -> list[tuple[str, float]]:
    """Every line of the column's cells with its font size."""
    return [
        *((line, column.size) for text in column.texts for line in str(text).split("\n")),
        *((line, SMALL) for text in column.small for line in str(text).split("\n")),
    ]


def natural_width(column: Column) -> float:
    """Millimetres the column needs to set each line of each cell on one line (and its
    header's longest word), padding included; at most ``cap`` for a column that wraps."""
    widest = max(
        (text_width(line, size, column.bold) for line, size in _lines(column)), default=0.0
    )
    widest = max(widest, _header_word(column))
    if column.wrap and column.cap is not None:
        widest = min(widest, max(column.cap - column.padding, _longest_word(column)))
    return widest + column.padding


def least_width(column: Column) -> float:
    """Millimetres below which the column would break a word (a line, for one that does not
    wrap), padding included."""
    if not column.wrap:
        return natural_width(column)
    return max(_longest_word(column), _header_word(column)) + column.padding


_PIECE = re.compile(r"[^\s-]*-?|\S+")
"""What a line may not be broken inside: a word, or the part of a hyphenated word up to and
including its hyphen (the renderer may break a line after a hyphen)."""


def _longest_word(column: Column) -> float:
    return max(
        (
            text_width(piece, size, column.bold)
            for line, size in _lines(column)
            for piece in _PIECE.findall(line)
        ),
        default=0.0,
    )


def _header_word(column: Column) -> float:
    return max((text_width(word, 9.0, bold=True) for word in column.header.split()), default=0.0)


_LEAST_SHARE = 0.1
"""The smallest share a column gets (per cent): never none, even when squeezed to nothing."""


def column_widths(columns: Sequence[Column], total: float = PAGE_WIDTH_MM) -> tuple[float, ...]:
    """Each column's share of a table ``total`` millimetres wide, in per cent (one decimal,
    summing to about 100). With room to spare, every column gets its natural width and the
    rest goes to the columns that wrap, in proportion to their natural width. Without, the
    columns that do not wrap keep their natural width, and those that wrap start at their
    least width and are widened where that saves the most lines of the table
    (:func:`_spread`), so a long title wraps before a short name does and a row is not one
    word a line. When even the least widths do not fit, the columns that wrap share what the
    others leave, in proportion to their least widths (their longest words then break);
    only when the columns that do not wrap fill the table alone are all scaled down alike.
    Raises ``ValueError`` for no columns."""
    if not columns:
        raise ValueError("a table needs at least one column")
    natural = [natural_width(column) for column in columns]
    least = [least_width(column) for column in columns]
    flexible = [i for i, column in enumerate(columns) if column.wrap]
    widths = list(natural)
    if sum(natural) <= total:
        spare = total - sum(natural)
        takers = flexible or list(range(len(columns)))
        weight = sum(natural[i] for i in takers)
        for i in takers:
            widths[i] += spare * natural[i] / weight
    elif sum(least) <= total:
        for i in flexible:
            widths[i] = least[i]
        _spread(columns, widths, natural, flexible, total - sum(widths))
    else:
        fixed = sum(natural[i] for i in range(len(columns)) if i not in flexible)
        if fixed < total and flexible:  # the wrapping columns break their longest words
            room = total - fixed
            weight = sum(least[i] for i in flexible)
            for i in flexible:
                widths[i] = least[i] * room / weight
        else:
            widths = [width * total / sum(least) for width in least]
    scale = 100 / sum(widths)
    return tuple(max(_LEAST_SHARE, round(width * scale, 1)) for width in widths)


def _line_count(lines: Sequence[float], width: float, padding: float) -> int:
    """About how many lines cells take in a column ``width`` mm wide: each line's width
    (``lines``, mm) over the room, rounded up."""
    room = max(width - padding, 0.1)
    return sum(max(1, math.ceil(line / room)) for line in lines)


def _next_break(lines: Sequence[float], width: float, padding: float) -> float | None:
    """The narrowest width above ``width`` at which some line takes one line fewer
    (``None`` when every line is whole already)."""
    room = max(width - padding, 0.1)
    found = []
    for line in lines:
        count = max(1, math.ceil(line / room))
        if count > 1:
            found.append(line / (count - 1) + padding + 0.01)
    return min(found) if found else None


def _spread(
    columns: Sequence[Column],
    widths: list[float],
    natural: Sequence[float],
    flexible: Sequence[int],
    room: float,
) -> None:
    """Share ``room`` mm among the ``flexible`` columns (changing ``widths``): again and
    again, to the column where widening to its next break (the width at which one of its
    lines needs one line fewer) saves the most lines per millimetre, never past its natural
    width; what no column can use is shared in proportion to the natural widths."""
    measured = {
        i: [text_width(line, size, columns[i].bold) for line, size in _lines(columns[i])]
        for i in flexible
    }
    while room > 0:
        best: tuple[float, int, float] | None = None
        for i in flexible:
            pad = columns[i].padding
            target = _next_break(measured[i], widths[i], pad)
            if target is None or target > natural[i] + 0.01 or target - widths[i] > room:
                continue
            saved = _line_count(measured[i], widths[i], pad) - _line_count(measured[i], target, pad)
            rate = saved / max(target - widths[i], 0.01)
            if best is None or rate > best[0]:
                best = (rate, i, target)
        if best is None:
            break
        _, i, target = best
        room -= target - widths[i]
        widths[i] = target
    if room > 0:
        weight = sum(natural[i] for i in flexible)
        for i in flexible:
            widths[i] += room * natural[i] / weight


def snug_widths(
    columns: Sequence[Column], total: float = PAGE_WIDTH_MM
) -> tuple[float, tuple[float, ...]]:
    """For a table that need not fill the page (a grid of narrow columns): its width in per
    cent of ``total`` and each column's share of it. Columns at their natural widths when
    these fit (the table then as wide as they are), else :func:`column_widths` over the whole
    width."""
    natural = [natural_width(column) for column in columns]
    if not columns or sum(natural) > total:
        return 100.0, column_widths(columns, total)
    whole = sum(natural)
    return round(100 * whole / total, 1), tuple(round(100 * w / whole, 1) for w in natural)
