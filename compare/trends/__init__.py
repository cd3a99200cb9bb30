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
- :mod:`~compare.trends.lineage` — asks in families of the same ask across the years
  (:func:`ask_lineage`), from the same-ask pairs of :mod:`~compare.trends.askpairs`;
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
from compare.trends.askpairs import SamePairs, same_ask_pairs, similar_wordings
from compare.trends.coalition import Coalition, Member, coalition
from compare.trends.lineage import (
    AskFamily,
    Copy,
    FamilyAsk,
    Lineages,
    Status,
    VerbChange,
    VerbTrend,
    Wording,
    ask_lineage,
    copy_groups,
    corpus_lineages,
    near_duplicate_pairs,
    shorten,
    status_text,
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
    "AskFamily",
    "Coalition",
    "Copy",
    "CorpusTrends",
    "FamilyAsk",
    "Lineages",
    "Member",
    "SamePairs",
    "Status",
    "TermTrend",
    "TermTrends",
    "ThemeGrid",
    "ThemeRow",
    "VerbChange",
    "VerbTrend",
    "Wording",
    "ask_lineage",
    "coalition",
    "copy_groups",
    "corpus_lineages",
    "corpus_trends",
    "date_order",
    "distinctive_terms",
    "letter_year",
    "near_duplicate_pairs",
    "pick_terms",
    "same_ask_pairs",
    "shorten",
    "similar_wordings",
    "status_text",
    "term_trends",
    "theme_year_grid",
    "verb_trend",
]


@dataclass(frozen=True)
class CorpusTrends:
    """Everything the corpus report's trend sections show, from one call."""

    themes: ThemeGrid
    """:func:`theme_year_grid`."""
    lineage: tuple[AskFamily, ...]
    """:func:`ask_lineage`, near-duplicate letters counted once (:func:`near_duplicate_pairs`
    of the index)."""
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
        lineage=ask_lineage(letters, near_duplicate_pairs(letters, index)),
        terms=term_trends(letters, 10, index),
        distinctive=distinctive_terms(letters, 8, index),
        coalition=coalition(letters),
    )
