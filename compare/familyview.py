"""What ``families`` prints: per family a compact table of its letters and what each variant
changes, at most :data:`WIDTH` columns wide; letters in no family are counted (listed with
``--all``)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from compare.terminal import Cell, Column, fitted_table, plural, terminal_width

if TYPE_CHECKING:
    from rich.console import RenderableType

    from compare.families import Families, FamilyChanges
    from compare.models import Letter

WIDTH = 80
"""The most columns the tables take."""


def view_width() -> int:
    """The terminal's width (:func:`compare.terminal.terminal_width`), at most
    :data:`WIDTH`."""
    return min(WIDTH, terminal_width())


SINGLE_COLUMNS = (
    Column("key", "id", floor=20),
    Column("date", "number", justify="left"),
    Column("recipient", "text", floor=12),
)
"""The letters in no family. Keys get the spare width first and break only after a ``-``
(:mod:`compare.terminal`)."""


def family_columns(lineage: bool) -> tuple[Column, ...]:
    """A family's table: the position, date, recipient and salutation of each letter (``vs``:
    the position of the letter it is compared with, with ``lineage``), then what it
    changes."""
    return (
        Column("#", "number"),
        Column("date", "number", justify="left"),
        Column("recipient", "text", floor=12),
        Column("salutation", "text", floor=10),
        *([Column("vs", "number")] if lineage else []),
        Column("¶ c/i/d/m", "number", justify="left"),
        Column("words", "number", justify="left"),
        Column("sim", "number"),
    )


def family_table(
    changes: FamilyChanges, letters: Mapping[str, Letter], number: int, width: int = WIDTH
) -> tuple[list[RenderableType], int]:
    """One family, fitted to ``width`` terminal cells: its title, a table of the base, then
    each variant with the paragraph blocks it changes (changed/inserted/deleted/moved), the
    words it adds and removes and its similarity to the letter it is compared with (0..1,
    3 decimals), and the line saying what "¶ c/i/d/m" counts; and the table's width (more
    than ``width`` only when its numbers alone do not fit, :mod:`compare.terminal`)."""
    family = changes.family
    position = {key: n for n, key in enumerate(family.keys, start=1)}
    against = "previous" if changes.lineage else "base"
    base = letters[family.base]
    rows: list[list[Cell]] = [
        [
            "1",
            base.date or "—",
            base.recipient or "—",
            base.salutation or "—",
            *([""] if changes.lineage else []),
            "base",
            "",
            "",
        ]
    ]
    for change in changes.variants:
        letter = letters[change.key]
        row: list[Cell] = [str(position[change.key]), letter.date or "—"]
        row += [letter.recipient or "—", letter.salutation or "—"]
        if changes.lineage:
            row.append(str(position[change.against]))
        row.append(f"{change.changed}/{change.inserted}/{change.deleted}/{change.moved}")
        row.append(f"+{change.words_added} −{change.words_removed}")
        row.append("—" if change.similarity is None else f"{change.similarity:.3f}")
        rows.append(row)
    table, layout = fitted_table(family_columns(changes.lineage), rows, width)
    title = f"Family {number}: {plural(len(family), 'letter')}, base {family.base}"
    legend = f"¶ c/i/d/m: paragraphs changed/inserted/deleted/moved against the {against}"
    return [title, table, legend], layout.width


def singles_table(
    keys: Sequence[str], letters: Mapping[str, Letter], width: int = WIDTH
) -> tuple[list[RenderableType], int]:
    """The letters in no family, fitted to ``width`` terminal cells: a title, then key, date
    and recipient; and the table's width."""
    rows: list[list[Cell]] = [
        [key, letters[key].date or "—", letters[key].recipient or "—"] for key in keys
    ]
    table, layout = fitted_table(SINGLE_COLUMNS, rows, width)
    return [f"{plural(len(keys), 'letter')} in no family", table], layout.width


def families_view(
    families: Families,
    changes: Sequence[FamilyChanges],
    letters: Mapping[str, Letter],
    show_all: bool = False,
    width: int = WIDTH,
) -> tuple[list[RenderableType], int]:
    """Everything ``families`` prints, in order, fitted to ``width`` terminal cells: a table
    per family, then the singletons (a count, or with ``show_all`` a table); and the widest
    table's width (print at least that wide so no number is cut)."""
    shown: list[RenderableType] = []
    widest = 0
    for n, described in enumerate(changes, start=1):
        parts, table_width = family_table(described, letters, n, width)
        shown += ["", *parts]
        widest = max(widest, table_width)
    total = sum(len(f) for f in families.families)
    count = len(families.families)
    head = (
        f"{plural(count, 'family', 'families')} of {plural(total, 'letter')}; "
        f"{plural(len(families.singletons), 'letter')} in no family"
    )
    if families.singletons and show_all:
        parts, table_width = singles_table(families.singletons, letters, width)
        shown += ["", *parts]
        widest = max(widest, table_width)
    elif families.singletons:
        head += " (--all lists them)"
    return [head, *shown], widest
