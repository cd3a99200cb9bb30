"""Theme grid (:func:`theme_year_grid`): how the asks' themes changed over the years.

In: the letters and the :class:`~compare.themes.Taxonomy` they were tagged with. Out:
:class:`ThemeGrid`.

One column per year that has a dated letter (years without letters are not filled in),
one row per theme that occurs in a dated letter's asks or ``themes``. Rows follow the
taxonomy; a slug the taxonomy does not know (letters tagged with another taxonomy) comes
after them, alphabetically, labelled with its slug. ``counts`` counts asks (an ask tagged
with three themes counts once in each row), ``letters_with_theme`` counts letters.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from compare.models import Letter
from compare.themes import Taxonomy
from compare.trends.years import check_unique, dated_by_year, letter_year


@dataclass(frozen=True)
class ThemeRow:
    """One theme across the years of a :class:`ThemeGrid`."""

    slug: str
    """The theme's slug."""
    label: str
    """The taxonomy's label for it (the slug itself when the taxonomy lacks it)."""
    counts: tuple[int, ...]
    """Asks tagged with the theme in the letters of each year, aligned with ``years``."""
    letters_with_theme: tuple[int, ...]
    """Letters of each year whose ``themes`` include it, aligned with ``years``."""


@dataclass(frozen=True)
class ThemeGrid:
    """Themes by year: how the asks changed over the years."""

    years: tuple[int, ...]
    """Years that have at least one dated letter, ascending."""
    letters: tuple[int, ...]
    """Dated letters of each year, aligned with ``years``."""
    asks: tuple[int, ...]
    """Asks of those letters, aligned with ``years`` (the denominators of ``counts``)."""
    rows: tuple[ThemeRow, ...]
    """One row per theme that occurs, taxonomy order, unknown slugs after them A-Z."""
    undated: int
    """Letters left out for having no date."""


def theme_year_grid(letters: Sequence[Letter], taxonomy: Taxonomy) -> ThemeGrid:
    """Asks and letters per theme and year (rules in the module docstring).

    Undated letters are left out and counted in ``undated``; no dated letter gives a grid
    without years or rows.
    """
    check_unique(letters)
    by_year = dated_by_year(letters)
    years = tuple(by_year)
    ask_counts: dict[str, list[int]] = defaultdict(lambda: [0] * len(years))
    letter_counts: dict[str, list[int]] = defaultdict(lambda: [0] * len(years))
    for column, year in enumerate(years):
        for letter in by_year[year]:
            for ask in letter.asks:
                for slug in dict.fromkeys(ask.themes):
                    ask_counts[slug][column] += 1
            for slug in dict.fromkeys(letter.themes):
                letter_counts[slug][column] += 1
    found = set(ask_counts) | set(letter_counts)
    known = [slug for slug in taxonomy.slugs if slug in found]
    slugs = known + sorted(found - set(known))
    rows = tuple(
        ThemeRow(
            slug=slug,
            label=taxonomy.label(slug) or slug,
            counts=tuple(ask_counts[slug]) if slug in ask_counts else (0,) * len(years),
            letters_with_theme=(
                tuple(letter_counts[slug]) if slug in letter_counts else (0,) * len(years)
            ),
        )
        for slug in slugs
    )
    return ThemeGrid(
        years=years,
        letters=tuple(len(by_year[year]) for year in years),
        asks=tuple(sum(len(letter.asks) for letter in by_year[year]) for year in years),
        rows=rows,
        undated=sum(1 for letter in letters if letter_year(letter) is None),
    )
