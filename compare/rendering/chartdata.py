"""The numbers the corpus report's charts draw, from the letters and their trends.

In: the letters, their :class:`~compare.trends.CorpusTrends` and the corpus's
:class:`~compare.similarity.SimilarityResult` (for near-duplicates). Out: one frozen dataclass
per chart — :class:`ThemeYears`, :class:`SignatoryFlow`, :class:`YearVolume`,
:class:`TermChanges` — and :class:`Chart`, a drawn chart as the report embeds it. Nothing here
draws: :mod:`compare.rendering.charts` (the only module importing matplotlib) does.

Near-duplicate copies count once. Letters are *copies* of each other when a chain of
near-duplicate pairs (``SimilarPair.near_duplicate``, cosine ≥ the threshold) links them
(connected components); within one year, copies are one letter — the same letter sent to
several recipients is one letter of that year, not several. A copy sent again in a later
year counts in each year it was sent. What a group of copies counts for is the most its
copies have: a theme's asks (:func:`theme_years`), asks (:func:`year_volume`).

Years are the calendar years of the dated letters (:func:`compare.trends.letter_year`);
undated letters are left out of every chart and counted in ``undated``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from compare.models import Letter
from compare.similarity import SimilarPair
from compare.trends import CorpusTrends, letter_year
from compare.trends.years import dated_by_year


@dataclass(frozen=True)
class Chart:
    """A drawn chart as a report embeds it."""

    name: str
    """Short identifier (``themes``, ``signatories``, ``volume``, ``terms``); prefixes the
    ids inside ``svg`` so that several charts live in one HTML page."""
    title: str
    """What the chart shows, as its heading."""
    caption: str
    """How to read it: units, what counts once, what is left out."""
    alt: str
    """Text alternative: the chart's main numbers in a sentence or two."""
    svg: str
    """Inline SVG markup drawn by matplotlib (no XML declaration; text XML-escaped; ids
    prefixed with ``name``; refers to nothing outside itself)."""


@dataclass(frozen=True)
class CorpusCharts:
    """The corpus report's charts; ``None`` where there is nothing to draw."""

    themes: Chart | None
    """Themes of the asks by year (heatmap): needs a dated letter with a themed ask."""
    volume: Chart | None
    """Letters and asks per year (bars): needs two dated years."""
    signatories: Chart | None
    """Signatories joining and leaving per year (bars): needs two dated years."""
    terms: Chart | None
    """Rising and falling terms (dots): needs a rising or falling term."""


@dataclass(frozen=True)
class ThemeYears:
    """Asks per theme and year, near-duplicate copies counted once."""

    years: tuple[int, ...]
    """Years with a dated letter, ascending (the columns)."""
    labels: tuple[str, ...]
    """Themes with at least one ask, in the theme grid's order (the rows)."""
    counts: tuple[tuple[int, ...], ...]
    """``counts[row][column]``: asks on that theme in that year's letters, ≥ 0."""
    copies: int
    """Dated letters folded into a near-duplicate of the same year (0: none)."""
    undated: int
    """Letters left out for having no date."""


@dataclass(frozen=True)
class YearVolume:
    """Letters and asks per year."""

    years: tuple[int, ...]
    """Years with a dated letter, ascending."""
    letters: tuple[int, ...]
    """Distinct letters of each year (near-duplicate copies counted once), ≥ 1."""
    copies: tuple[int, ...]
    """Further near-duplicate copies sent that year, ≥ 0."""
    asks: tuple[int, ...]
    """Asks of the distinct letters (a group of copies: its copy with most asks), ≥ 0."""
    undated: int
    """Letters left out for having no date."""


@dataclass(frozen=True)
class SignatoryFlow:
    """Who signed in each year: returning, joining and no longer signing.

    A signatory's first and last year are those of the first and last dated letters they
    signed (matched by key, :func:`compare.trends.coalition`)."""

    years: tuple[int, ...]
    """Years with a dated letter, ascending."""
    returning: tuple[int, ...]
    """Signed a letter of the year and one of an earlier year."""
    joined: tuple[int, ...]
    """Signed a letter of the year and none before (all of them in the first year)."""
    stopped: tuple[int, ...]
    """Last signed in the previous year with letters: absent from this year on (0 in the
    first year)."""
    undated_only: int
    """Signatories of undated letters only, left out."""


@dataclass(frozen=True)
class TermChanges:
    """Rising and falling terms with their fitted change (:mod:`compare.trends.terms`)."""

    rising: tuple[tuple[str, float, int, int], ...]
    """``(term, change, first year used, last year used)``, largest rise first; ``change``
    is the fitted change of the term's tf-idf weight from the first year to the last, > 0."""
    falling: tuple[tuple[str, float, int, int], ...]
    """The same for falling terms, largest fall first; ``change`` < 0."""
    first_year: int
    """The corpus's first dated year."""
    last_year: int
    """Its last dated year."""


def copy_groups(keys: Sequence[str], pairs: Sequence[SimilarPair]) -> dict[str, str]:
    """Each key's group of near-duplicate copies, named by its first key in ``keys``
    order (connected components of the near-duplicate pairs; pairs naming other keys are
    ignored)."""
    parent = {key: key for key in keys}
    order = {key: index for index, key in enumerate(keys)}

    def root(key: str) -> str:
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    for pair in pairs:
        if pair.near_duplicate and pair.a in parent and pair.b in parent:
            a, b = root(pair.a), root(pair.b)
            if a != b:
                first, second = sorted((a, b), key=order.__getitem__)
                parent[second] = first
    return {key: root(key) for key in keys}


def _year_groups(
    letters: Sequence[Letter], pairs: Sequence[SimilarPair]
) -> dict[int, list[list[Letter]]]:
    """The dated letters by year, each year's letters in groups of copies (date order)."""
    group = copy_groups([letter.key for letter in letters], pairs)
    result: dict[int, list[list[Letter]]] = {}
    for year, dated in dated_by_year(letters).items():
        groups: dict[str, list[Letter]] = {}
        for letter in dated:
            groups.setdefault(group[letter.key], []).append(letter)
        result[year] = list(groups.values())
    return result


def _undated(letters: Sequence[Letter]) -> int:
    return sum(1 for letter in letters if letter_year(letter) is None)


def theme_years(
    letters: Sequence[Letter], trends: CorpusTrends, pairs: Sequence[SimilarPair]
) -> ThemeYears:
    """Asks per theme (rows as in ``trends.themes``, themes with no ask left out) and year,
    near-duplicate copies of one year counted once (module docstring)."""
    by_year = _year_groups(letters, pairs)
    years = tuple(by_year)
    counts: dict[str, list[int]] = defaultdict(lambda: [0] * len(years))
    for column, groups in enumerate(by_year.values()):
        for group in groups:
            best: dict[str, int] = defaultdict(int)
            for letter in group:
                mine: dict[str, int] = defaultdict(int)
                for ask in letter.asks:
                    for slug in dict.fromkeys(ask.themes):
                        mine[slug] += 1
                for slug, count in mine.items():
                    best[slug] = max(best[slug], count)
            for slug, count in best.items():
                counts[slug][column] += count
    rows = [row for row in trends.themes.rows if any(counts.get(row.slug, ()))]
    return ThemeYears(
        years=years,
        labels=tuple(row.label for row in rows),
        counts=tuple(tuple(counts[row.slug]) for row in rows),
        copies=sum(len(g) - 1 for groups in by_year.values() for g in groups),
        undated=_undated(letters),
    )


def year_volume(letters: Sequence[Letter], pairs: Sequence[SimilarPair]) -> YearVolume:
    """Distinct letters, further copies and asks per year (module docstring)."""
    by_year = _year_groups(letters, pairs)
    return YearVolume(
        years=tuple(by_year),
        letters=tuple(len(groups) for groups in by_year.values()),
        copies=tuple(sum(len(g) - 1 for g in groups) for groups in by_year.values()),
        asks=tuple(
            sum(max(len(letter.asks) for letter in g) for g in groups)
            for groups in by_year.values()
        ),
        undated=_undated(letters),
    )


def signatory_flow(letters: Sequence[Letter], trends: CorpusTrends) -> SignatoryFlow:
    """Returning, joining and stopping signatories per year (:class:`SignatoryFlow`)."""
    year_of = {letter.key: letter_year(letter) for letter in letters}
    columns = [year_of.get(key) for key in trends.coalition.letters]
    years = tuple(sorted({year for year in columns if year is not None}))
    position = {year: index for index, year in enumerate(years)}
    returning, joined, stopped = [0] * len(years), [0] * len(years), [0] * len(years)
    undated_only = 0
    for member in trends.coalition.members:
        signed = sorted(
            {year for year, s in zip(columns, member.signed, strict=True) if s and year}
        )
        if not signed:
            undated_only += 1
            continue
        joined[position[signed[0]]] += 1
        for year in signed[1:]:
            returning[position[year]] += 1
        after_last = position[signed[-1]] + 1
        if after_last < len(years):
            stopped[after_last] += 1
    return SignatoryFlow(
        years=years,
        returning=tuple(returning),
        joined=tuple(joined),
        stopped=tuple(stopped),
        undated_only=undated_only,
    )


def term_changes(trends: CorpusTrends) -> TermChanges | None:
    """The rising and falling terms of ``trends.terms``, or ``None`` when there are none."""
    terms = trends.terms
    if not terms.rising and not terms.falling:
        return None
    return TermChanges(
        rising=tuple((t.term, t.change, t.first_year, t.last_year) for t in terms.rising),
        falling=tuple((t.term, t.change, t.first_year, t.last_year) for t in terms.falling),
        first_year=terms.years[0],
        last_year=terms.years[-1],
    )
