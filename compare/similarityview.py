"""The terminal view of a :class:`SimilarityResult`: a shaded matrix, then the ranked pairs.

Pure functions building rich renderables fitted to a width (:mod:`compare.terminal`); the CLI
prints them. The matrix is drawn only for corpora small enough to read (``MATRIX_LIMIT``
letters) and only when its score columns fit the width (``--wide`` draws it whatever the
width); larger corpora show the ranked pairs.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.text import Text

from compare.similarity import SimilarityResult
from compare.terminal import Cell, Column, fitted_table

if TYPE_CHECKING:
    from rich.table import Table

MATRIX_LIMIT = 25
DECIMALS = 3
"""Decimals of a score in the matrix and the pair list alike (``--json`` has 4): three tell
apart the close scores of a ranking."""
DEFAULT_TOP = 100
"""How many pairs ``similarity`` lists (table and ``--json``) unless ``--top`` or ``--all``
says otherwise: a corpus of n letters has n(n-1)/2 pairs (499,500 for 1,000 letters), and
explaining each with its shared terms costs far more than scoring it."""
_SHADES = [
    (0.8, "bold white on red"),
    (0.5, "black on yellow"),
    (0.25, "black on grey70"),
    (0.0, ""),
]
PAIR_COLUMNS = (
    Column("score", "number", priority=0),
    Column("a", "id", priority=0, floor=24),
    Column("b", "id", priority=0, floor=24),
    Column("near-dup", "number", priority=0, justify="left"),
    Column("shared terms", "text", priority=1, floor=20),
)
"""The ranked pairs: score, both keys and the near-duplicate flag (the title gives the
threshold) always; the shared terms left out when the width is short. At 80 columns the
four kept ones take 5 + 24 + 24 + 8 cells and the gaps 9: the keys get the rest (they wrap
after their hyphens)."""


@dataclass(frozen=True)
class Fitted:
    """A table fitted to the terminal, or ``None`` when it was left out entirely."""

    table: Table | None
    left_out: tuple[str, ...]
    """Columns (or, for the matrix, "the matrix") that did not fit."""
    width: int
    """The table's width in terminal cells (0 when left out)."""


def _style(score: float) -> str:
    return next(style for floor, style in _SHADES if score >= floor)


def matrix_table(result: SimilarityResult, width: int, wide: bool = False) -> Fitted:
    """Letters × letters, scores shaded (red ≥ 0.8, yellow ≥ 0.5, grey ≥ 0.25), from the
    result's pairs (a pair not listed shows 0.000, so pass a result of every pair);
    ``table`` is ``None`` for fewer than 2 or more than
    ``MATRIX_LIMIT`` letters, and, unless ``wide``, when the score columns do not fit
    ``width`` (then ``left_out`` is ``("the matrix",)``)."""
    keys = result.keys
    if len(keys) > MATRIX_LIMIT or len(keys) < 2:
        return Fitted(None, (), 0)
    score = {(p.a, p.b): p.score for p in result.pairs}
    score.update({(b, a): value for (a, b), value in score.items()})
    columns = [
        Column("#", "number"),
        Column("letter", "id", floor=16),
        *(Column(str(number), "number") for number in range(1, len(keys) + 1)),
    ]
    rows: list[list[Cell]] = []
    for row, key in enumerate(keys, start=1):
        cells: list[Cell] = [str(row), key]
        for other in keys:
            if other == key:
                cells.append(Text("—", style="dim"))
            else:
                value = score.get((key, other), 0.0)
                cells.append(Text(f"{value:.{DECIMALS}f}", style=_style(value)))
        rows.append(cells)
    table, layout = fitted_table(
        columns, rows, width, wide=wide, title="Similarity (TF-IDF cosine)"
    )
    if layout.width > width and not wide:
        return Fitted(None, ("the matrix",), 0)
    return Fitted(table, (), layout.width)


def pairs_table(result: SimilarityResult, width: int, wide: bool = False) -> Fitted:
    """The result's pairs, ranked, near-duplicates flagged, each with its shared terms; the
    title says how many of how many pairs are listed."""
    shown = result.pairs
    total = result.total if result.total is not None else len(result.pairs)
    noun = "pair" if total == 1 else "pairs"
    count = f"{len(shown):,} of {total:,} {noun}" if len(shown) < total else f"{total:,} {noun}"
    title = f"Most similar pairs: {count} (near-duplicate from {result.threshold:.2f})"
    rows: list[list[Cell]] = [
        [
            Text(f"{pair.score:.{DECIMALS}f}", style=_style(pair.score)),
            pair.a,
            pair.b,
            "yes" if pair.near_duplicate else "",
            ", ".join(pair.shared_terms),
        ]
        for pair in shown
    ]
    table, layout = fitted_table(PAIR_COLUMNS, rows, width, wide=wide, title=title)
    return Fitted(table, layout.left_out, layout.width)
