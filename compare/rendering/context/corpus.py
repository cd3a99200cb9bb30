"""The corpus report's context: a summary page, the letters (each, or each distinct one),
similarity, asks and language over time, the coalition (:mod:`.coalition`), the asks that
recur (:mod:`.lineage`)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from compare.families import Families
from compare.models import Letter
from compare.rendering.chartdata import CorpusCharts
from compare.rendering.columns import Column, column_widths
from compare.rendering.context.coalition import CoalitionView, coalition_view
from compare.rendering.context.lineage import RecurringAsks, recurring_asks
from compare.rendering.context.shared import (
    cut_name,
    date_range,
    family_report_name,
    left_out_note,
    path_name,
    table_name,
    title_of,
)
from compare.similarity import SimilarityResult, SimilarPair
from compare.summary import (
    NBSP,
    ThemeLabel,
    corpus_summary,
    format_date,
    percent,
    theme_labeller,
)
from compare.trends import CorpusTrends, date_order

if TYPE_CHECKING:
    from compare.themes import Taxonomy

# The corpus report's size follows what a reader can use, not the number of letters or pairs:
# one row per letter and the heatmap only up to LETTER_ROWS letters; above that, one row per
# distinct letter (a family of copies, or a letter sent once) up to DISTINCT_ROWS; the
# coalition grid turned to years (or periods) when the letters do not fit across the page
# (:mod:`.coalition`);
# every list capped, each cap saying how many were left out and where they all are.

LETTER_ROWS = 40
"""Up to this many letters the report lists each letter and draws the similarity heatmap (a
cell of :data:`HEATMAP_SIDE`/40 ≈ 3.25 mm still holds its two-digit number); above, it lists
distinct letters."""
HEATMAP_LIMIT = LETTER_ROWS
"""Above this many letters the heatmap would be unreadable; the ranked pairs stand alone."""
HEATMAP_SIDE = 130.0
"""The heatmap's largest side, mm: with the section's heading, the pairs and the families
under it, it still fits one A4 page (at 150 mm a 40-letter corpus left the families' table on
a page of its own)."""
DISTINCT_ROWS = 25
"""Families and single letters listed (and their distinctive terms), largest family first:
about a page and a half of rows."""
THEMES_SHOWN = 4
"""Theme labels shown per letter (the rest counted)."""
RECIPIENTS_SHOWN = 3
"""Recipients shown per family (the rest counted)."""
TERMS_SHOWN = 6
LEAST_PAIR_SCORE = 0.005
"""A pair scoring less than this (0 % as the page rounds it) shares no distinctive wording a
reader would see: "Most similar pairs" leaves it out (similarity.csv keeps it)."""
"""Shared or distinctive terms shown per row."""
SKIPPED_SHOWN = 30
"""Unreadable files named at the end of the report."""


LETTERS_DATA = "letters.json (compare-letters parse --json)"
"""Where every letter, with its asks, themes and signatories, is (``batch`` writes the file)."""
PAIRS_DATA = "similarity.csv (compare-letters similarity --all --jsonl)"
"""Where every pair's score is (``batch`` writes the file)."""
FAMILIES_DATA = "compare-letters families --json"
"""Where every family, with its letters, is."""


@dataclass(frozen=True)
class LetterRow:
    """A letter in the corpus report's table (corpora of up to :data:`LETTER_ROWS`)."""

    number: int
    """1, 2, … in date order: the heatmap's and the coalition grid's labels."""
    ref: str
    """``FILE#PART``: how to name it to the other commands."""
    title: str
    date: str | None
    """As a reader writes it: "3 Mar 2019"."""
    recipient: str | None
    copy_of: int | None
    """For a variant of a family, the number of its base letter; else ``None``."""
    same_title: bool
    """Whether it has its base letter's title (the table then does not repeat it)."""
    same_themes: bool
    """Whether it has its base letter's themes (the table then does not repeat them)."""
    asks: int
    signatories: int
    themes: tuple[str, ...]
    """Theme labels, at most :data:`THEMES_SHOWN`, in taxonomy order."""
    more_themes: int
    """Themes not shown."""


@dataclass(frozen=True)
class HeatCell:
    row: int
    """0-based position in ``CorpusReportContext.letters``."""
    column: int
    score: float
    fill: str
    """CSS colour: white (0) to dark blue (1) (:func:`similarity_fill`), readable in grayscale
    as light to dark."""


@dataclass(frozen=True)
class Heatmap:
    size: int
    """Number of letters on each axis."""
    cell: float
    """Cell size in millimetres."""
    cells: tuple[HeatCell, ...]
    show_values: bool
    """Whether cells are large enough to print their score."""
    label_size: float
    """Font size of the letter numbers on the axes (SVG units, mm): two digits fit a cell."""


@dataclass(frozen=True)
class PairRow:
    """One of the most similar pairs, its letters named by recipient and date."""

    score: float
    near_duplicate: bool
    a: str
    """ "#3 Minister X, 4 Jun 2018" (the number only when the letters are listed)."""
    b: str
    a_ref: str
    b_ref: str
    shared_terms: tuple[str, ...]
    """At most :data:`TERMS_SHOWN`."""


@dataclass(frozen=True)
class DistinctRow:
    """A distinct letter: a family of near-identical copies, or a letter sent once."""

    size: int
    """Letters: the family's (base included), or 1."""
    title: str
    """The (base) letter's title."""
    name: str
    """The (base) letter by recipient and date: "Minister X, 4 Jun 2018"."""
    number: int | None
    """The (base) letter's number in the letters table, when there is one."""
    ref: str
    """The (base) letter's ``FILE#PART``."""
    dates: str
    """ "4 Jun 2018 – 10 Jun 2018", "4 Jun 2018" or "undated"."""
    recipients: tuple[str, ...]
    """The letters' recipients in the family's order, each once, at most
    :data:`RECIPIENTS_SHOWN`."""
    more_recipients: int
    report: str | None
    """File name of the family report (``batch`` writes it beside the corpus report);
    ``None`` for a letter sent once."""
    terms: tuple[str, ...]
    """The (base) letter's distinctive terms (:func:`compare.trends.distinctive_terms`)."""


@dataclass(frozen=True)
class FamilyEntry:
    """A letter family in the corpus report: one near-duplicate letter sent many times."""

    base: str
    """The base letter's key."""
    title: str
    """The base letter's title."""
    size: int
    """Letters in the family, the base included."""
    first: str | None
    """The earliest and latest ISO dates of its letters (``None``: none dated)."""
    last: str | None
    recipients: tuple[str, ...]
    """The letters' recipients in the family's order, each once."""
    report: str
    """File name of the family report (``batch`` writes it beside the corpus report)."""


@dataclass(frozen=True)
class CorpusReportContext:
    """What ``corpus.html`` shows: a summary page, the letters (each, or each distinct one),
    similarity, asks and language over time, the coalition. Every table fits the page and
    every list is capped (module constants), saying how many it left out and where they are."""

    title: str
    generated: str
    corpus: str
    """The corpus folder's name, never its path (:func:`path_name`)."""
    count: int
    """Letters in the report."""
    summary: tuple[str, ...]
    """The corpus in sentences (:func:`compare.summary.corpus_summary`)."""
    letters: tuple[LetterRow, ...]
    """In date order, undated letters last; empty above :data:`LETTER_ROWS` letters."""
    themes_shown: int
    """:data:`THEMES_SHOWN`: theme labels shown per letter."""
    recipients_shown: int
    """:data:`RECIPIENTS_SHOWN`: recipients shown per family."""
    letter_widths: tuple[float, ...]
    """Per cent of the width of each column of the letters table (:mod:`compare.rendering.
    columns`): #, date, recipient, title, asks, signed, themes."""
    heatmap: Heatmap | None
    top_pairs: tuple[PairRow, ...]
    """The most similar pairs, best first; pairs of one family left out when pairs of
    different letters are known."""
    pairs_note: str
    """What the pairs table leaves out and where every pair is."""
    pair_widths: tuple[float, ...]
    threshold: float
    distinct: tuple[DistinctRow, ...]
    """Families (largest first), then, when the letters are not listed one by one, letters
    sent once (date order); at most :data:`DISTINCT_ROWS`."""
    distinct_widths: tuple[float, ...]
    distinct_note: str
    """How many distinct letters the table leaves out and where they are ("" for none)."""
    families: tuple[FamilyEntry, ...]
    """Every family, largest first (:mod:`compare.families.grouping`)."""
    singletons: int
    """Letters in no family."""
    term_rows: tuple[DistinctRow, ...]
    """The rows of the distinctive terms table: every distinct letter (families and letters
    sent once), at most :data:`DISTINCT_ROWS`."""
    terms_note: str
    terms_widths: tuple[float, ...]
    trends: CorpusTrends
    coalition: CoalitionView
    skipped: tuple[str, ...]
    """Files that could not be read, as "name: problem", at most :data:`SKIPPED_SHOWN`."""
    skipped_more: int
    charts: CorpusCharts
    """Themes by year, letters and asks per year, signatories joining and leaving, rising and
    falling terms (:mod:`compare.rendering.charts`)."""
    recurring: RecurringAsks | None = None
    """The asks asked again over the years (:func:`recurring_asks`)."""
    heatmap_note: str = ""
    """Why there is no heatmap, when there is none for two letters or more
    (:func:`heatmap_note`)."""


HEAT_DARKEST = (8, 48, 107)
"""The similarity heatmap's colour for a score of 1: the darkest of matplotlib's "Blues" (the
themes-by-year chart's ramp), so both heatmaps are one blue from light to dark as README.md
says, and a grayscale print reads light to dark too."""


def similarity_fill(score: float) -> str:
    """The heatmap cell's CSS colour for ``score`` (0..1, clamped): white at 0 to
    :data:`HEAT_DARKEST` at 1 in a straight line, so lightness falls as the score rises."""
    score = min(max(score, 0.0), 1.0)
    red, green, blue = (round(255 - (255 - c) * score) for c in HEAT_DARKEST)
    return f"rgb({red},{green},{blue})"


def _all_alike(
    ordered: Sequence[Letter], pairs: Sequence[SimilarPair]
) -> tuple[float, float] | None:
    """The lowest and highest score when three or more letters are all near-duplicates of
    one another (every pair scored and flagged), else ``None``."""
    keys = {letter.key for letter in ordered}
    scores = [p.score for p in pairs if p.a in keys and p.b in keys and p.near_duplicate]
    size = len(ordered)
    if size < 3 or len(scores) < size * (size - 1) // 2:
        return None
    return min(scores), max(scores)


def heatmap_note(ordered: Sequence[Letter], pairs: Sequence[SimilarPair]) -> str:
    """Why the corpus report draws no heatmap ("" when it draws one, or for one letter):
    too many letters for its cells to be read, or letters all near-duplicates of one another,
    which would make it one colour."""
    size = len(ordered)
    if size > HEATMAP_LIMIT:
        return (
            f"No heatmap: with {size:,} letters its cells would be too small to read (it is "
            f"drawn up to {HEATMAP_LIMIT} letters). The families group the near-duplicates "
            "instead."
        )
    alike = _all_alike(ordered, pairs)
    if alike is not None:
        low, high = (percent(score) for score in alike)
        scores = (
            f"sharing {low}–{high} of their distinctive wording"
            if low != high
            else f"every two sharing {low} of their distinctive wording"
        )
        return (
            f"No heatmap: every two of the {size} letters are near-duplicates ({scores}), "
            "so it would be one colour; the letter families below show them."
        )
    return ""


def heatmap(ordered: Sequence[Letter], pairs: Sequence[SimilarPair]) -> Heatmap | None:
    """Cells for every pair of letters with a score (diagonal left blank); ``None`` for
    fewer than two or more than :data:`HEATMAP_LIMIT` letters, or when they are all
    near-duplicates of one another (:func:`heatmap_note` says why)."""
    size = len(ordered)
    if size < 2 or size > HEATMAP_LIMIT or _all_alike(ordered, pairs) is not None:
        return None
    position = {letter.key: index for index, letter in enumerate(ordered)}
    cells = []
    for pair in pairs:
        if pair.a not in position or pair.b not in position:
            continue
        i, j = position[pair.a], position[pair.b]
        cells += [
            HeatCell(i, j, pair.score, similarity_fill(pair.score)),
            HeatCell(j, i, pair.score, similarity_fill(pair.score)),
        ]
    cell = round(min(12.0, HEATMAP_SIDE / size), 2)
    return Heatmap(
        size=size,
        cell=cell,
        cells=tuple(cells),
        show_values=size <= 12,
        label_size=round(min(3.2, cell * 0.55), 2),
    )


def family_entries(
    families: Families, letters: Sequence[Letter], suffix: str = "pdf"
) -> tuple[FamilyEntry, ...]:
    """The corpus report's rows for ``families`` of ``letters``, naming their reports
    ``<family name>.<suffix>``."""
    by_key = {letter.key: letter for letter in letters}
    entries = []
    for family in families.families:
        members = [by_key[key] for key in family.keys]
        dates = sorted(x.date for x in members if x.date)
        base = members[0]
        entries.append(
            FamilyEntry(
                base=base.key,
                title=base.title or base.subject or base.key,
                size=len(members),
                first=dates[0] if dates else None,
                last=dates[-1] if dates else None,
                recipients=tuple(dict.fromkeys(x.recipient for x in members if x.recipient)),
                report=family_report_name(family.name, suffix),
            )
        )
    return tuple(entries)


def _letter_rows(
    ordered: Sequence[Letter], families: Families, label: ThemeLabel
) -> tuple[LetterRow, ...]:
    numbers = {letter.key: n for n, letter in enumerate(ordered, start=1)}
    by_key = {letter.key: letter for letter in ordered}
    base_of = {key: f.base for f in families.families for key in f.variants}
    rows = []
    for letter in ordered:
        base = base_of.get(letter.key)
        themes = [label(slug) for slug in letter.themes]
        rows.append(
            LetterRow(
                number=numbers[letter.key],
                ref=f"{path_name(letter.source)}#{letter.part}",
                title=title_of(letter),
                date=format_date(letter.date),
                recipient=cut_name(letter.recipient) if letter.recipient else None,
                copy_of=numbers.get(base) if base else None,
                same_title=base is not None and title_of(by_key[base]) == title_of(letter),
                same_themes=base is not None and by_key[base].themes == letter.themes,
                asks=len(letter.asks),
                signatories=len(letter.signatories),
                themes=tuple(themes[:THEMES_SHOWN]),
                more_themes=max(0, len(themes) - THEMES_SHOWN),
            )
        )
    return tuple(rows)


def _letter_widths(rows: Sequence[LetterRow]) -> tuple[float, ...]:
    titles = [r.title for r in rows if not (r.copy_of and r.same_title)]
    refs = [f"same letter as #{r.copy_of}" for r in rows if r.copy_of and r.same_title]
    themes = ["" if r.copy_of and r.same_themes else ", ".join(r.themes) for r in rows]
    return column_widths(
        [
            Column([str(r.number) for r in rows], header="#", wrap=False),
            Column([r.date or "undated" for r in rows], header="Date", wrap=False),
            Column([r.recipient or "—" for r in rows], header="Recipient", cap=50),
            Column(titles, header="Title", cap=80, small=refs),
            Column([str(r.asks) for r in rows], header="Asks", wrap=False),
            Column([str(r.signatories) for r in rows], header="Signed", wrap=False),
            Column(themes, size=7.5, header="Themes", cap=45),
        ]
    )


def _distinct_rows(
    ordered: Sequence[Letter],
    families: Families,
    distinctive: Mapping[str, tuple[str, ...]],
    numbers: Mapping[str, int],
    singles: bool,
    suffix: str,
) -> list[DistinctRow]:
    """Families (largest first), then, with ``singles``, the letters sent once in date
    order."""
    by_key = {letter.key: letter for letter in ordered}
    rows = []
    for family in families.families:
        members = [by_key[key] for key in family.keys if key in by_key]
        if not members:
            continue
        base = members[0]
        recipients = list(dict.fromkeys(cut_name(m.recipient) for m in members if m.recipient))
        rows.append(
            DistinctRow(
                size=len(members),
                title=title_of(base),
                name=table_name(base),
                number=numbers.get(base.key),
                ref=f"{path_name(base.source)}#{base.part}",
                dates=date_range([m.date for m in members if m.date]),
                recipients=tuple(recipients[:RECIPIENTS_SHOWN]),
                more_recipients=max(0, len(recipients) - RECIPIENTS_SHOWN),
                report=family_report_name(family.name, suffix),
                terms=distinctive.get(base.key, ())[:TERMS_SHOWN],
            )
        )
    if singles:
        alone = set(families.singletons)
        for letter in ordered:
            if letter.key in alone:
                rows.append(
                    DistinctRow(
                        size=1,
                        title=title_of(letter),
                        name=table_name(letter),
                        number=numbers.get(letter.key),
                        ref=f"{path_name(letter.source)}#{letter.part}",
                        dates=date_range([letter.date] if letter.date else []),
                        recipients=(cut_name(letter.recipient),) if letter.recipient else (),
                        more_recipients=0,
                        report=None,
                        terms=distinctive.get(letter.key, ())[:TERMS_SHOWN],
                    )
                )
    return rows


def _distinct_widths(rows: Sequence[DistinctRow]) -> tuple[float, ...]:
    recipients = ["; ".join(r.recipients) for r in rows]
    letters = [r.title for r in rows]
    refs = [f"#{r.number}" if r.number else r.name for r in rows]
    refs += [
        f"family report: {r.report} (written by compare-letters batch)" for r in rows if r.report
    ]
    return column_widths(
        [
            Column([str(r.size) for r in rows], header="Letters", wrap=False),
            Column(letters, header="Letter", cap=95, small=refs),
            Column([r.dates for r in rows], header="Dates", wrap=False),
            Column(recipients, size=7.5, header="Recipients", cap=55),
        ]
    )


def _terms_widths(rows: Sequence[DistinctRow]) -> tuple[float, ...]:
    names = [
        (f"#{r.number} " if r.number else "")
        + r.name
        + (f" (+{r.size - 1} copies)" if r.size > 1 else "")
        for r in rows
    ]
    return column_widths(
        [
            Column(names, header="Letter", cap=75),
            Column([", ".join(r.terms) for r in rows], header="Distinctive terms"),
        ]
    )


def _pair_rows(
    pairs: Sequence[SimilarPair],
    by_key: Mapping[str, Letter],
    families: Families,
    numbers: Mapping[str, int],
    top: int,
) -> tuple[tuple[PairRow, ...], str]:
    """The ``top`` best pairs as rows, leaving out pairs of one family when others are
    known and pairs scoring under :data:`LEAST_PAIR_SCORE` (0 %), and the note on what is
    left out."""
    family = {key: f.base for f in families.families for key in f.keys}
    known = [p for p in pairs if p.a in by_key and p.b in by_key]
    apart = [p for p in known if family.get(p.a, p.a) != family.get(p.b, p.b)]
    chosen = [p for p in apart if p.score >= LEAST_PAIR_SCORE]
    note = ""
    if len(apart) < len(known):
        note = (
            "Pairs of copies of one letter are left out: they are its family's."
            if apart
            else "The most similar pairs are all copies of one letter, in its family: see the "
            "letter families."
        )
    if len(chosen) < len(apart):
        unshared = f"Pairs sharing no distinctive wording (0{NBSP}%) are left out."
        note = f"{note} {unshared}" if note else unshared
    rows = tuple(
        PairRow(
            score=p.score,
            near_duplicate=p.near_duplicate,
            a=table_name(by_key[p.a], numbers.get(p.a)),
            b=table_name(by_key[p.b], numbers.get(p.b)),
            a_ref=f"{path_name(by_key[p.a].source)}#{by_key[p.a].part}",
            b_ref=f"{path_name(by_key[p.b].source)}#{by_key[p.b].part}",
            shared_terms=p.shared_terms[:TERMS_SHOWN],
        )
        for p in chosen[:top]
    )
    count = len(by_key)
    total = count * (count - 1) // 2
    if total > len(rows):
        every = f"Every pair's score ({total:,} pairs) is in {PAIRS_DATA}."
        note = f"{note} {every}" if note else every
    return rows, note


def _pair_widths(rows: Sequence[PairRow]) -> tuple[float, ...]:
    return column_widths(
        [
            Column(
                [f"{percent(r.score)}\nnear-duplicate" for r in rows],
                header="Shared",
                wrap=False,
                bold=True,
            ),
            Column([f"{r.a}\n{r.b}" for r in rows], header="Letters", cap=80),
            Column([", ".join(r.shared_terms) for r in rows], header="Shared terms"),
        ]
    )


def _family_pairs(families: Families) -> list[SimilarPair]:
    """Each variant with its base as a near-duplicate pair: what the charts fold copies by,
    when the corpus's pairs were cut to the best few."""
    return [
        SimilarPair(family.base, variant, score, True, ())
        for family in families.families
        for variant, score in zip(family.variants, family.scores, strict=True)
    ]


def corpus_context(
    letters: Sequence[Letter],
    similarity: SimilarityResult,
    families: Families,
    trends: CorpusTrends,
    corpus: str,
    skipped: Sequence[str] = (),
    top: int = 10,
    today: str | None = None,
    suffix: str = "pdf",
    taxonomy: Taxonomy | None = None,
) -> CorpusReportContext:
    """The corpus report's context from the corpus's letters and analyses (the charts are
    drawn here: this imports matplotlib); ``taxonomy`` labels the themes (the packaged one
    for ``None``)."""
    from compare.rendering.charts import corpus_charts

    label = theme_labeller(taxonomy)
    ordered = date_order(letters)
    by_key = {letter.key: letter for letter in ordered}
    listed = len(ordered) <= LETTER_ROWS
    rows = _letter_rows(ordered, families, label) if listed else ()
    numbers = {letter.key: n for n, letter in enumerate(ordered, start=1)} if listed else {}
    distinct = _distinct_rows(ordered, families, trends.distinctive, numbers, not listed, suffix)
    every = _distinct_rows(ordered, families, trends.distinctive, numbers, True, suffix)
    pairs, pairs_note = _pair_rows(similarity.pairs, by_key, families, numbers, top)
    distinct_note = left_out_note(
        len(distinct) - DISTINCT_ROWS,
        "distinct letter",
        "distinct letters",
        f"{FAMILIES_DATA} and {LETTERS_DATA}",
    )
    return CorpusReportContext(
        title="How the letters changed",
        generated=today or date.today().isoformat(),
        corpus=path_name(corpus),
        count=len(ordered),
        summary=tuple(corpus_summary(letters, families, trends.lineage, trends.coalition, label)),
        letters=rows,
        themes_shown=THEMES_SHOWN,
        recipients_shown=RECIPIENTS_SHOWN,
        letter_widths=_letter_widths(rows) if rows else (),
        heatmap=heatmap(ordered, similarity.pairs),
        heatmap_note=heatmap_note(ordered, similarity.pairs),
        top_pairs=pairs,
        pairs_note=pairs_note,
        pair_widths=_pair_widths(pairs) if pairs else (),
        threshold=similarity.threshold,
        distinct=tuple(distinct[:DISTINCT_ROWS]),
        distinct_widths=_distinct_widths(distinct[:DISTINCT_ROWS]) if distinct else (),
        distinct_note=distinct_note,
        families=family_entries(families, letters, suffix),
        singletons=len(families.singletons),
        term_rows=tuple(every[:DISTINCT_ROWS]),
        terms_note=left_out_note(
            len(every) - DISTINCT_ROWS, "distinct letter", "distinct letters", LETTERS_DATA
        ),
        terms_widths=_terms_widths(every[:DISTINCT_ROWS]) if every else (),
        trends=trends,
        coalition=coalition_view(ordered, trends.coalition),
        skipped=tuple(skipped[:SKIPPED_SHOWN]),
        skipped_more=max(0, len(skipped) - SKIPPED_SHOWN),
        charts=corpus_charts(letters, trends, [*similarity.pairs, *_family_pairs(families)]),
        recurring=recurring_asks(
            trends.lineage, {row.slug: row.label for row in trends.themes.rows}
        ),
    )
