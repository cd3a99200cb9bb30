"""What a corpus shows about change over time: themes by year, recurring asks, rising and
falling terms, each letter's distinctive terms, and who keeps signing.

In: parsed :class:`~compare.models.Letter` objects (any order; keys unique) and, for the theme
grid, the :class:`~compare.themes.Taxonomy` they were tagged with. Out: frozen dataclasses,
one per section of the corpus report, and :class:`CorpusTrends` bundling them. The
functions are pure: nothing is read from disk and nothing is cached, so they can run on any
slice of a corpus. The section functions and :func:`corpus_trends` raise ``ValueError`` on
duplicate letter keys.

One module per analysis, each documenting its rules:

- :mod:`~compare.trends.themes` — theme × year grid (:func:`theme_year_grid`);
- :mod:`~compare.trends.lineage` — recurring asks as threads (:func:`ask_lineage`);
- :mod:`~compare.trends.terms` — rising and falling terms (:func:`term_trends`) and each
  letter's distinctive terms (:func:`distinctive_terms`);
- :mod:`~compare.trends.coalition` — who signed what (:func:`coalition`);
- :mod:`~compare.trends.years` — years, date order and the unique-key check they share.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from compare.models import Letter
from compare.themes import Taxonomy
from compare.trends.coalition import Coalition, Member, coalition
from compare.trends.lineage import (
    DEFAULT_LINEAGE_THRESHOLD,
    AskAppearance,
    AskThread,
    VerbTrend,
    Wording,
    ask_lineage,
    shorten,
    similar_wordings,
    verb_trend,
)
from compare.trends.terms import (
    TermTrend,
    TermTrends,
    distinctive_terms,
    pick_terms,
    term_trends,
)
from compare.trends.themes import ThemeGrid, ThemeRow, theme_year_grid
from compare.trends.years import check_unique, date_order, letter_year

if TYPE_CHECKING:
    from compare.index import CorpusIndex

__all__ = [
    "DEFAULT_LINEAGE_THRESHOLD",
    "AskAppearance",
    "AskThread",
    "Coalition",
    "CorpusTrends",
    "Member",
    "TermTrend",
    "TermTrends",
    "ThemeGrid",
    "ThemeRow",
    "VerbTrend",
    "Wording",
    "ask_lineage",
    "coalition",
    "corpus_trends",
    "date_order",
    "distinctive_terms",
    "letter_year",
    "pick_terms",
    "shorten",
    "similar_wordings",
    "term_trends",
    "theme_year_grid",
    "verb_trend",
]


@dataclass(frozen=True)
class CorpusTrends:
    """Everything the corpus report's trend sections show, from one call."""

    themes: ThemeGrid
    """:func:`theme_year_grid`."""
    lineage: tuple[AskThread, ...]
    """:func:`ask_lineage` with the default threshold."""
    terms: TermTrends
    """:func:`term_trends` with the default ``top``."""
    distinctive: dict[str, tuple[str, ...]]
    """:func:`distinctive_terms` with the default ``top``."""
    coalition: Coalition
    """:func:`coalition`."""


def corpus_trends(
    letters: Sequence[Letter], taxonomy: Taxonomy, index: CorpusIndex | None = None
) -> CorpusTrends:
    """The five trend results for ``letters`` with default parameters. The terms sections
    read ``index``, the letters' fitted corpus (fitted here, once, when ``None``)."""
    check_unique(letters)
    if index is None and letters:
        from compare.similarity import fit_letters

        index = fit_letters(letters)
    return CorpusTrends(
        themes=theme_year_grid(letters, taxonomy),
        lineage=ask_lineage(letters),
        terms=term_trends(letters, 10, index),
        distinctive=distinctive_terms(letters, 8, index),
        coalition=coalition(letters),
    )
