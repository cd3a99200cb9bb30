"""The terminal view of a :class:`SimilarityResult`: a shaded matrix, then the ranked pairs.

Pure functions building rich renderables; the CLI prints them. The matrix is drawn only for
corpora small enough to read (``MATRIX_LIMIT`` letters); larger ones show the ranked pairs.
"""

from __future__ import annotations

from rich.table import Table
from rich.text import Text

from compare.similarity import SimilarityResult

MATRIX_LIMIT = 25
_SHADES = [
    (0.8, "bold white on red"),
    (0.5, "black on yellow"),
    (0.25, "black on grey70"),
    (0.0, ""),
]


def _style(score: float) -> str:
    return next(style for floor, style in _SHADES if score >= floor)


def matrix_table(result: SimilarityResult) -> Table | None:
    """Letters × letters, scores shaded (red ≥ 0.8, yellow ≥ 0.5, grey ≥ 0.25)."""
    keys = result.keys
    if len(keys) > MATRIX_LIMIT or len(keys) < 2:
        return None
    score = {(p.a, p.b): p.score for p in result.pairs}
    score.update({(p.b, p.a): p.score for p in result.pairs})
    table = Table(title="Similarity (TF-IDF cosine)", title_justify="left", show_lines=False)
    table.add_column("#", justify="right")
    table.add_column("letter", no_wrap=True)
    for number in range(1, len(keys) + 1):
        table.add_column(str(number), justify="right")
    for row, key in enumerate(keys, start=1):
        cells = []
        for other in keys:
            if other == key:
                cells.append(Text("—", style="dim"))
            else:
                value = score.get((key, other), 0.0)
                cells.append(Text(f"{value:.2f}", style=_style(value)))
        table.add_row(str(row), key, *cells)
    return table


def pairs_table(result: SimilarityResult, top: int | None) -> Table:
    """The ranked pairs, near-duplicates flagged, each with its shared terms."""
    pairs = result.pairs[:top] if top else result.pairs
    title = f"Most similar pairs (near-duplicate from {result.threshold:.2f})"
    table = Table(title=title, title_justify="left")
    table.add_column("score", justify="right")
    table.add_column("a", no_wrap=True)
    table.add_column("b", no_wrap=True)
    table.add_column("near-dup")
    table.add_column("shared terms", overflow="fold")
    for pair in pairs:
        table.add_row(
            Text(f"{pair.score:.3f}", style=_style(pair.score)),
            pair.a,
            pair.b,
            "yes" if pair.near_duplicate else "",
            ", ".join(pair.shared_terms),
        )
    return table
