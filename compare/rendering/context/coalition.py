"""The corpus report's coalition section: who signed, the grid of signatories × letters (or
years, or periods) and capped lists of names."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from compare.models import Letter
from compare.rendering.columns import Column, snug_widths
from compare.rendering.context.shared import cut_name, date_range
from compare.trends import Coalition, letter_year

LETTER_COLUMNS = 24
"""Most letters the coalition grid shows one column each (numbered, 5 mm wide); with more,
its columns are years."""
YEAR_COLUMNS = 15
"""Most columns of years (or periods, or groups of letters) in the coalition grid: 15 of
8 mm (a year in bold 6.5 pt) leave 50 mm for the names and 10 mm for the counts on an A4
page; more years are grouped into periods of two or more."""
GRID_PADDING = 1.6
"""A grid cell's left and right padding together, mm (``.grid td`` in ``style.css``)."""
GRID_ROWS = 40
"""Signatories listed in the coalition grid, those who signed the most letters first."""
NAME_COLUMN_MM = 110.0
"""The widest the grid's name column grows, mm (of A4's 180 mm text width): room for an
organisation's name of about 70 characters on one line, beside the letters' columns (at
60 mm a Spanish organisation's name of 57 characters broke over three lines)."""
NAMES_LISTED = 30
"""Names listed for newcomers, leavers and those who signed every letter."""
ALIASES_SHOWN = 2
"""Other spellings shown per signatory."""

GridBy = Literal["letter", "year", "period", "group"]


@dataclass(frozen=True)
class GridColumn:
    """A column of the coalition grid: one letter, one year, or a period of several."""

    label: str
    """Its header: the letter's number ("3"), the year ("2018") or the period's first year
    ("2000")."""
    sub: str
    """A second header line: "–01" for a period of years, "" otherwise."""
    letters: int
    """Letters in the column."""


@dataclass(frozen=True)
class GridRow:
    """A signatory across the grid's columns."""

    name: str
    country: str | None
    aliases: tuple[str, ...]
    """Other spellings, at most :data:`ALIASES_SHOWN`."""
    cells: tuple[int, ...]
    """Letters of each column they signed (0 or 1 for a column of one letter)."""
    count: int
    """Letters they signed in all."""


@dataclass(frozen=True)
class Names:
    """A list of names cut to :data:`NAMES_LISTED`, with how many were left out."""

    names: tuple[str, ...]
    more: int


@dataclass(frozen=True)
class CoalitionView:
    """The coalition section: counts, the grid of signatories × letters (or years, or
    periods), and capped name lists."""

    core: int
    """Signatories of at least half the letters (and two)."""
    members: int
    """Different signatories in all."""
    by: GridBy
    """What a grid column is: a letter (up to :data:`LETTER_COLUMNS` letters), a year (up
    to :data:`YEAR_COLUMNS` dated years), a period of consecutive years, or a group of
    consecutive letters in date order (one year, too many letters)."""
    columns: tuple[GridColumn, ...]
    legend: tuple[str, ...]
    """For ``group`` columns: "A = 4 Jun 2018 – 5 Jun 2018 (6 letters)"; else empty."""
    rows: tuple[GridRow, ...]
    """Signatories of two or more letters but not of every one, most letters first, at most
    :data:`GRID_ROWS`."""
    left_out: int
    """Signatories of two or more letters (not every one) the grid leaves out."""
    outside: int
    """Letters in no column (undated ones, when the columns are years)."""
    everyone: Names
    """Those who signed every letter (when there are two or more)."""
    newcomers: Names
    leavers: Names
    listed: int
    """:data:`NAMES_LISTED`: the most names a list shows."""
    table_width: float
    """The grid's width, per cent of the page's (it is only as wide as its columns need)."""
    widths: tuple[float, ...]
    """Per cent of the grid's width: the name column, each column, the count column."""


def _names(names: Sequence[str]) -> Names:
    return Names(
        tuple(cut_name(n) for n in names[:NAMES_LISTED]), max(0, len(names) - NAMES_LISTED)
    )


def _grid_columns(
    ordered: Sequence[Letter],
) -> tuple[GridBy, list[list[int]], list[GridColumn], list[str]]:
    """What the coalition grid's columns are (see :class:`CoalitionView`), the letter
    positions (date order) of each, their headers and, for groups, their legend."""
    if len(ordered) <= LETTER_COLUMNS:
        columns = [[i] for i in range(len(ordered))]
        heads = [GridColumn(str(i + 1), "", 1) for i in range(len(ordered))]
        return "letter", columns, heads, []
    years: dict[int, list[int]] = {}
    for index, letter in enumerate(ordered):
        year = letter_year(letter)
        if year is not None:
            years.setdefault(year, []).append(index)
    if len(years) >= 2:
        found = sorted(years)
        if len(found) <= YEAR_COLUMNS:
            heads = [GridColumn(str(y), "", len(years[y])) for y in found]
            return "year", [years[y] for y in found], heads, []
        step = -(-len(found) // YEAR_COLUMNS)
        spans = [found[i : i + step] for i in range(0, len(found), step)]
        columns = [[i for y in span for i in years[y]] for span in spans]
        heads = [
            GridColumn(str(span[0]), f"–{str(span[-1])[-2:]}" if len(span) > 1 else "", len(c))
            for span, c in zip(spans, columns, strict=True)
        ]
        return "period", columns, heads, []
    step = -(-len(ordered) // YEAR_COLUMNS)
    columns = [list(range(i, min(i + step, len(ordered)))) for i in range(0, len(ordered), step)]
    heads, legend = [], []
    for position, column in enumerate(columns):
        label = chr(ord("A") + position)
        heads.append(GridColumn(label, "", len(column)))
        dates = [ordered[i].date for i in column if ordered[i].date]
        legend.append(f"{label} = {date_range([d for d in dates if d])} ({len(column)} letters)")
    return "group", columns, heads, legend


def coalition_view(ordered: Sequence[Letter], coalition: Coalition) -> CoalitionView:
    """The coalition section of the report for ``ordered`` letters (date order, as
    ``coalition.letters``)."""
    by, columns, heads, legend = _grid_columns(ordered)
    total = len(coalition.letters)
    every = [m.name for m in coalition.members if total >= 2 and m.count == total]
    listed = [m for m in coalition.members if 2 <= m.count < total]
    rows = tuple(
        GridRow(
            name=cut_name(member.name),
            country=member.country,
            aliases=tuple(cut_name(alias) for alias in member.aliases[:ALIASES_SHOWN]),
            cells=tuple(sum(1 for i in column if member.signed[i]) for column in columns),
            count=member.count,
        )
        for member in listed[:GRID_ROWS]
    )
    inside = {i for column in columns for i in column}
    name = {member.key: member.name for member in coalition.members}
    labels = [r.name for r in rows]
    notes = [
        " ".join([f"({r.country})" if r.country else "", *(f"also {a}" for a in r.aliases[:1])])
        for r in rows
    ]
    counts = [str(r.count) for r in rows]
    table, widths = snug_widths(
        [
            Column(labels, header="Signatory", cap=NAME_COLUMN_MM, small=notes),
            *(
                Column(
                    [h.label, h.sub, str(h.letters), *(str(r.cells[i]) for r in rows)],
                    size=6.5,
                    wrap=False,
                    padding=GRID_PADDING,
                    bold=True,
                )
                for i, h in enumerate(heads)
            ),
            Column(counts, header="Letters", wrap=False),
        ]
    )
    return CoalitionView(
        core=len(coalition.core),
        members=len(coalition.members),
        by=by,
        columns=tuple(heads),
        legend=tuple(legend),
        rows=rows,
        left_out=max(0, len(listed) - GRID_ROWS),
        outside=len(ordered) - len(inside),
        everyone=_names(every),
        newcomers=_names([name[key] for key in coalition.newcomers]),
        leavers=_names([name[key] for key in coalition.leavers]),
        listed=NAMES_LISTED,
        table_width=table,
        widths=widths,
    )
