"""The data each report template receives: documented dataclasses, built from results.

Nothing here knows HTML or Jinja2; ``compare.rendering.engine`` renders these. Each ``*Context`` is
exactly what its template reads (``rendering/templates/pair.html`` reads
:class:`PairReportContext`, ``corpus.html`` reads :class:`CorpusReportContext`), and a test
checks that every field is used and nothing else is.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from compare.alignment import Block
from compare.comparison import AskChange, LetterDiff, MetadataChange, SignatoryChanges
from compare.families import Families, FamilyChanges, variant_change
from compare.models import Letter
from compare.rendering.chartdata import CorpusCharts
from compare.rendering.columns import Column, column_widths, snug_widths
from compare.similarity import SimilarityResult, SimilarPair
from compare.summary import (
    LetterName,
    ThemeLabel,
    corpus_summary,
    format_date,
    number,
    pair_names,
    pair_summary,
    readable_terms,
    theme_labeller,
    wording_share,
)
from compare.trends import (
    AskFamily,
    Coalition,
    CorpusTrends,
    date_order,
    letter_year,
    status_text,
)
from compare.worddiff import word_diff

if TYPE_CHECKING:
    from compare.themes import Taxonomy

RowKind = Literal["equal", "changed", "inserted", "deleted", "moved", "moved-away", "folded"]
SpanOp = Literal["=", "-", "+", "#"]
"""A span of a report's text: kept, deleted, inserted, or a list marker as written."""
Spans = tuple[tuple[SpanOp, str], ...]


@dataclass(frozen=True)
class LetterCard:
    """A letter as a report's header shows it."""

    key: str
    ref: str
    """``FILE#PART``."""
    title: str
    date: str | None
    recipient: str | None
    signatories: int
    asks: int
    themes: tuple[str, ...]


@dataclass(frozen=True)
class PairLetter:
    """A letter of the pair report, named as the report speaks of it (never by its key)."""

    name: str
    """Unique within the pair: "the letter to the UN General Assembly"
    (:class:`compare.summary.LetterName`)."""
    full: str
    """The name with its date: "the letter to the UN General Assembly, 14 Oct 2020"."""
    heading: str
    """The redline column's heading: "First letter: to the UN General Assembly, 14 Oct 2020"."""
    role: str
    """``earlier``/``later`` when both are dated and the dates differ, else
    ``first``/``second``."""
    title: str
    """The letter's heading (its subject, or "untitled", when it has none)."""
    date: str | None
    """As a reader writes it: "14 Oct 2020"."""
    recipient: str | None
    """As the letter names it."""
    ref: str
    """``FILE#PART``: where the letter is, for the "How to read this report" section."""
    signatories: int
    asks: int
    paragraphs: int
    themes: tuple[str, ...]
    """Theme labels ("Death penalty"), in taxonomy order."""


@dataclass(frozen=True)
class RedlineRow:
    """One row of the side-by-side redline: both columns stay in step across pages. The left
    column is the first letter in its own order, the right one the second letter in its
    own; a moved paragraph stands in the left column where it left and in the right one
    where it arrived, so neither column repeats a number."""

    kind: RowKind
    a_label: str
    """"¶3" (or "¶3–4" for two paragraphs merged) of the first letter; "" when the row has
    none there."""
    b_label: str
    a_spans: Spans
    """The first letter's text: ``=`` kept, ``-`` deleted, ``#`` a list marker as written."""
    b_spans: Spans
    """The second letter's text: ``=`` kept, ``+`` inserted, ``#`` a list marker; for a moved
    paragraph its whole word diff (``-`` and ``+``), since the left column has it elsewhere."""
    a_note: str
    """"moved to ¶17 of the second letter (above)", "3 unchanged paragraphs", …; "" when
    nothing to say."""
    b_note: str
    """"moved here from ¶18 of the first letter", "two paragraphs merged into one", …"""


@dataclass(frozen=True)
class AskChangeRow:
    """One row of the pair report's ask table."""

    status: str
    """``reworded``, ``new`` or ``dropped`` (unchanged asks are counted, not listed)."""
    verb_change: str | None
    a_verb: str | None
    b_verb: str | None
    a_spans: Spans
    """The first letter's ask: its word diff's ``=`` and ``-`` spans when reworded, one
    ``-`` span when dropped, none when new."""
    b_spans: Spans
    """The second letter's ask: ``=`` and ``+`` spans when reworded, one ``+`` span when
    new, none when dropped."""


@dataclass(frozen=True)
class PairReportContext:
    """What ``pair.html`` shows: the summary in sentences, the two letters, what changed at a
    glance, the side-by-side redline, signatory and ask tables, and how to read it all."""

    title: str
    """"What changed: the letter to X → the letter to Y" (the PDF's title and first
    bookmark)."""
    generated: str
    """ISO date the report was made."""
    a: PairLetter
    b: PairLetter
    summary: tuple[str, ...]
    """Plain-language sentences (:func:`compare.summary.pair_summary`)."""
    share: str | None
    """"88 % of distinctive wording shared" (``None`` when not scored)."""
    similarity: float | None
    """The TF-IDF cosine behind ``share``, 0..1, for "How to read this report"."""
    shared_terms: tuple[str, ...]
    """Distinctive phrases both letters use, as written (:func:`compare.summary.readable_terms`)."""
    counts: dict[str, int]
    """Blocks per op: equal, changed, inserted, deleted, moved."""
    words_added: int
    words_removed: int
    metadata: tuple[MetadataChange, ...]
    """Header fields that differ, ``field`` capitalised ("Recipient") and dates as prose."""
    ask_counts: dict[str, int]
    """same, reworded, new, dropped, escalated, softened."""
    asks: tuple[AskChangeRow, ...]
    signatories: SignatoryChanges
    rows: tuple[RedlineRow, ...]
    context: int | None
    """Unchanged paragraphs kept around each change (``None``: all shown, muted)."""
    ignored: str = ""
    """What the comparison ignored beyond typography and spacing
    (:meth:`~compare.alignment.NormalizeOptions.ignored`): ``"case, punctuation;
    equivalences: A = B"``; ``""`` for nothing."""


def path_name(label: str) -> str:
    """What a report calls a folder or file: its last part ("/home/ana/letters/" →
    "letters"), never its path. A report is made to be passed on; the path would tell
    whoever reads it the user's name, home and folder layout."""
    path = Path(label)
    return path.name or path.resolve().name or label


def letter_card(letter: Letter) -> LetterCard:
    return LetterCard(
        key=letter.key,
        ref=f"{path_name(letter.source)}#{letter.part}",
        title=letter.title or letter.subject or letter.key,
        date=letter.date,
        recipient=letter.recipient,
        signatories=len(letter.signatories),
        asks=len(letter.asks),
        themes=letter.themes,
    )


def pair_letter(letter: Letter, name: LetterName, label: ThemeLabel) -> PairLetter:
    """The pair report's view of ``letter``, named ``name``."""
    return PairLetter(
        name=name.name,
        full=name.full,
        heading=name.heading,
        role=name.role,
        title=letter.title or letter.subject or "untitled",
        date=name.date,
        recipient=letter.recipient,
        ref=f"{letter.source}#{letter.part}",
        signatories=len(letter.signatories),
        asks=len(letter.asks),
        paragraphs=len(letter.paragraphs),
        themes=tuple(label(slug) for slug in letter.themes),
    )


def _side(spans: Sequence[tuple[SpanOp, str]], side: Literal["a", "b"]) -> Spans:
    keep = "-" if side == "a" else "+"
    return tuple((op, text) for op, text in spans if op in ("=", keep))


def with_markers(spans: Sequence[tuple[SpanOp, str]], markers: Sequence[str]) -> Spans:
    """``spans`` (one side of a block, paragraphs joined by a blank line) with each
    paragraph's list marker, as written, put before it as a ``#`` span; "" markers add
    nothing."""
    out: list[tuple[SpanOp, str]] = []
    paragraph = 0

    def mark() -> None:
        if paragraph < len(markers) and markers[paragraph]:
            out.append(("#", markers[paragraph]))

    mark()
    for op, text in spans:
        pieces = text.split("\n\n")
        for index, piece in enumerate(pieces):
            if index:
                out.append((op, "\n\n"))
                paragraph += 1
                mark()
            if piece:
                out.append((op, piece))
    return tuple(out)


def _span_label(index: int | None, count: int) -> str:
    if index is None:
        return ""
    return f"¶{index + 1}" if count <= 1 else f"¶{index + 1}–{index + count}"


def _markers(markers: Sequence[str], index: int | None, count: int) -> Sequence[str]:
    return markers[index : index + max(count, 1)] if index is not None else ()


def _joined_note(block: Block) -> str:
    if block.a_count > 1 and block.b_count == 1:
        return f"{number(block.a_count)} paragraphs merged into one"
    if block.a_count == 1 and block.b_count > 1:
        return f"one paragraph split in {number(block.b_count)}"
    if block.a_count > 1 or block.b_count > 1:
        return f"{number(block.a_count)} paragraphs as {number(block.b_count)}"
    return ""


def redline_rows(
    blocks: Sequence[Block],
    context: int | None = None,
    markers: tuple[Sequence[str], Sequence[str]] = ((), ()),
    roles: tuple[str, str] = ("first", "second"),
) -> tuple[RedlineRow, ...]:
    """Rows in the second letter's reading order, deleted paragraphs where they stood in the
    first. A moved block is two rows: where it left (left column: its number, its text and
    "moved to ¶N of the second letter (above/below)") and where it arrived (right column: its
    number, its word diff and "moved here from ¶M of the first letter"). With ``context``,
    runs of unchanged rows farther than that from a change are folded. ``markers`` are each
    letter's list markers by paragraph (:attr:`compare.models.Paragraph.marker`), put before
    the texts; ``roles`` name the letters in the notes."""
    a_markers, b_markers = markers
    rows: list[RedlineRow] = []
    arrivals: dict[int, int] = {}  # block index of a moved block -> its row
    for number_, block in enumerate(blocks):
        a_label = _span_label(block.a_index, block.a_count)
        b_label = _span_label(block.b_index, block.b_count)
        b_mark = _markers(b_markers, block.b_index, block.b_count)
        if block.op == "moved":
            arrivals[number_] = len(rows)
            rows.append(
                RedlineRow(
                    kind="moved",
                    a_label="",
                    b_label=b_label,
                    a_spans=(),
                    b_spans=with_markers(block.diff, b_mark),
                    a_note="",
                    b_note=f"moved here from {a_label} of the {roles[0]} letter",
                )
            )
            continue
        rows.append(
            RedlineRow(
                kind=block.op,
                a_label=a_label,
                b_label=b_label,
                a_spans=with_markers(
                    _side(block.diff, "a"), _markers(a_markers, block.a_index, block.a_count)
                ),
                b_spans=with_markers(_side(block.diff, "b"), b_mark),
                a_note="",
                b_note=_joined_note(block),
            )
        )
    departures: list[tuple[int, int, int]] = []  # (row position, a index, block index)
    for number_, block in enumerate(blocks):
        if block.op != "moved":
            continue
        if block.a_index is None or block.b_index is None:
            raise ValueError("a moved block has a paragraph index in both letters")
        position = 0
        for index, other in enumerate(blocks):
            if other.op != "moved" and other.a_index is not None and other.a_index < block.a_index:
                position = index + 1  # one row per block so far
        departures.append((position, block.a_index, number_))
    for offset, (position, _, number_) in enumerate(sorted(departures)):
        block = blocks[number_]
        at = position + offset
        arrived = arrivals[number_] + (1 if arrivals[number_] >= at else 0)
        arrivals = {k: v + (1 if v >= at else 0) for k, v in arrivals.items()}
        where = "above" if arrived < at else "below"
        rows.insert(
            at,
            RedlineRow(
                kind="moved-away",
                a_label=_span_label(block.a_index, block.a_count),
                b_label="",
                a_spans=with_markers(
                    _side(block.diff, "a"), _markers(a_markers, block.a_index, block.a_count)
                ),
                b_spans=(),
                a_note=f"moved to {_span_label(block.b_index, block.b_count)} of the "
                f"{roles[1]} letter ({where})",
                b_note="",
            ),
        )
    return tuple(_fold(rows, context)) if context is not None else tuple(rows)


def _fold(rows: list[RedlineRow], context: int) -> list[RedlineRow]:
    changed = [i for i, row in enumerate(rows) if row.kind != "equal"]
    keep = {i for c in changed for i in range(c - context, c + context + 1)}
    folded: list[RedlineRow] = []
    run = 0
    for index, row in enumerate(rows):
        if row.kind == "equal" and index not in keep:
            run += 1
            continue
        if run:
            folded.append(_folded(run))
            run = 0
        folded.append(row)
    if run:
        folded.append(_folded(run))
    return folded


def _folded(count: int) -> RedlineRow:
    note = f"{count} unchanged paragraph{'s' if count != 1 else ''}"
    return RedlineRow("folded", "", "", (), (), note, "")


def _metadata_row(change: MetadataChange) -> MetadataChange:
    """A header change as the report shows it: the field capitalised, dates as prose."""
    if change.field == "date":
        return MetadataChange("Date", format_date(change.a), format_date(change.b))
    return MetadataChange(change.field.capitalize(), change.a, change.b)


def _ask_row(change: AskChange) -> AskChangeRow:
    if change.a is not None and change.b is not None:
        spans = word_diff(change.a, change.b)
        a_spans, b_spans = _side(spans, "a"), _side(spans, "b")
    else:
        a_spans = (("-", change.a),) if change.a is not None else ()
        b_spans = (("+", change.b),) if change.b is not None else ()
    return AskChangeRow(
        status=change.status,
        verb_change=change.verb_change,
        a_verb=change.a_verb,
        b_verb=change.b_verb,
        a_spans=a_spans,
        b_spans=b_spans,
    )


def pair_context(
    a: Letter,
    b: Letter,
    diff: LetterDiff,
    context: int | None = None,
    today: str | None = None,
    taxonomy: Taxonomy | None = None,
) -> PairReportContext:
    """The pair report's context from the two letters and their :class:`LetterDiff`;
    ``taxonomy`` labels the themes (the packaged one for ``None``)."""
    names = pair_names(a, b)
    label = theme_labeller(taxonomy)
    markers = ([p.marker for p in a.paragraphs], [p.marker for p in b.paragraphs])
    return PairReportContext(
        title=f"What changed: {names[0].name} → {names[1].name}",
        generated=today or date.today().isoformat(),
        a=pair_letter(a, names[0], label),
        b=pair_letter(b, names[1], label),
        summary=tuple(pair_summary(diff, a, b, label)),
        share=wording_share(diff.similarity),
        similarity=diff.similarity,
        shared_terms=readable_terms(diff.shared_terms, [b.body_text, a.body_text]),
        counts=diff.alignment.counts(),
        words_added=diff.words_added,
        words_removed=diff.words_removed,
        metadata=tuple(_metadata_row(change) for change in diff.metadata),
        ask_counts=diff.ask_counts(),
        asks=_ask_rows(diff),
        signatories=diff.signatories,
        rows=redline_rows(
            diff.alignment.blocks, context, markers, roles=(names[0].role, names[1].role)
        ),
        context=context,
        ignored=diff.options.ignored(),
    )


def _ask_rows(diff: LetterDiff) -> tuple[AskChangeRow, ...]:
    """The asks a reader should see: reworded, new, dropped, or with another verb."""
    return tuple(_ask_row(c) for c in diff.asks if c.status != "same" or c.verb_change)


# --- corpus report -------------------------------------------------------------------------
#
# The corpus report's size follows what a reader can use, not the number of letters or pairs:
# one row per letter and the heatmap only up to LETTER_ROWS letters; above that, one row per
# distinct letter (a family of copies, or a letter sent once) up to DISTINCT_ROWS; the
# coalition grid turned to years (or periods) when the letters do not fit across the page;
# every list capped, each cap saying how many were left out and where they all are.

LETTER_ROWS = 40
"""Up to this many letters the report lists each letter and draws the similarity heatmap (a
cell of 150/40 ≈ 3.75 mm still holds its number); above, it lists distinct letters."""
HEATMAP_LIMIT = LETTER_ROWS
"""Above this many letters the heatmap would be unreadable; the ranked pairs stand alone."""
DISTINCT_ROWS = 25
"""Families and single letters listed (and their distinctive terms), largest family first:
about a page and a half of rows."""
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
NAMES_LISTED = 30
"""Names listed for newcomers, leavers and those who signed every letter."""
THEMES_SHOWN = 4
"""Theme labels shown per letter (the rest counted)."""
RECIPIENTS_SHOWN = 3
"""Recipients shown per family (the rest counted)."""
TERMS_SHOWN = 6
"""Shared or distinctive terms shown per row."""
ALIASES_SHOWN = 2
"""Other spellings shown per signatory."""
SKIPPED_SHOWN = 30
NAME_CHARS = 80
"""A signatory's or recipient's name longer than this is cut ("…") in the tables and lists: a
name the parser ran into the text after it would otherwise fill a page."""
"""Unreadable files named at the end of the report."""

LETTERS_DATA = "letters.json (compare-letters letters --json)"
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
    """As a reader writes it: "14 Oct 2020"."""
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
    """CSS colour: white (0) to dark red (1), readable in grayscale as light to dark."""


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


LINEAGE_TOP = 10
"""How many ask families the corpus report's "Asks that recur" shows: those asked in the most
years (``compare-letters asks --json`` lists them all)."""


@dataclass(frozen=True)
class LineageAsk:
    """One ask of a family as the corpus report shows it."""

    year: str
    """Its year, "—" when undated."""
    verb: str
    recipient: str
    """Who the letter was addressed to ("—" when unknown), the copies' recipients after it."""
    key: str
    spans: tuple[tuple[str, str], ...]
    """Its wording as ``=``/``+`` spans: ``+`` marks the words not in the previous wording
    (the first ask of a family is all ``=``)."""
    same: bool
    """Worded as the previous ask (case, punctuation and spaces aside)."""
    rewritten: bool
    """A new wording (:attr:`compare.trends.FamilyAsk.rewritten`): shown plain ("new
    wording") rather than all underlined."""


@dataclass(frozen=True)
class LineageCard:
    """One family of the same ask across the years (:class:`compare.trends.AskFamily`)."""

    label: str
    years: str
    """"2018–2020", "2018", or "undated"."""
    status: str
    """"dropped after 2020", "persisting since 2014" … (:func:`compare.trends.status_text`)."""
    verbs: str
    """The verbs in date order, "urge → call on → demand", and their trend."""
    themes: str
    """The family's themes by their labels, comma separated."""
    asks: tuple[LineageAsk, ...]


@dataclass(frozen=True)
class RecurringAsks:
    """The "Asks that recur" section: the families asked by more than one letter (copies
    of one year counting once), the most years first, cut to :data:`LINEAGE_TOP`."""

    families: tuple[LineageCard, ...]
    more: int
    """Recurring families not shown."""


def recurring_asks(
    families: Sequence[AskFamily], themes: dict[str, str], top: int = LINEAGE_TOP
) -> RecurringAsks:
    """The report's view of :attr:`compare.trends.CorpusTrends.lineage` (families in its
    order); ``themes`` maps theme slugs to labels (a slug not in it shows as itself)."""
    recurring = [family for family in families if family.recurs]
    cards = []
    for family in recurring[:top]:
        first, last = family.first, family.last
        years = "undated" if first is None else f"{first}–{last}" if first != last else f"{first}"
        verbs = " → ".join(ask.verb or "—" for ask in family.asks)
        asks = [
            LineageAsk(
                year=str(ask.year) if ask.year is not None else "—",
                verb=ask.verb or "—",
                recipient=", ".join(
                    [ask.recipient or "—", *(copy.recipient or copy.key for copy in ask.also)]
                ),
                key=ask.key,
                spans=ask.new_words,
                same=ask.wording == "same",
                rewritten=ask.rewritten,
            )
            for ask in family.asks
        ]
        cards.append(
            LineageCard(
                label=family.label,
                years=years,
                status=status_text(family),
                verbs=verbs + (f" ({family.verb_trend})" if family.verb_trend else ""),
                themes=", ".join(themes.get(slug, slug) for slug in family.themes),
                asks=tuple(asks),
            )
        )
    return RecurringAsks(tuple(cards), len(recurring) - len(cards))


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
    """In date order, undated letters last; empty above ``letter_limit`` letters."""
    letter_limit: int
    """:data:`LETTER_ROWS`: up to this many letters each is listed and the heatmap drawn."""
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


def pair_report_name(a: str, b: str, suffix: str = "pdf") -> str:
    return f"{a}__{b}.{suffix}"


def left_out_note(count: int, singular: str, plural: str, where: str) -> str:
    """ "212 more letters are not listed here: all are in letters.json (…)." ("" for 0)."""
    if count <= 0:
        return ""
    what = singular if count == 1 else plural
    verb = "is" if count == 1 else "are"
    return f"{count:,} more {what} {verb} not listed here: all are in {where}."


def _fill(score: float) -> str:
    # From white to #8b0000 in a straight line: lightness falls as the score rises.
    red = round(255 - (255 - 139) * score)
    other = round(255 * (1 - score))
    return f"rgb({red},{other},{other})"


def heatmap(ordered: Sequence[Letter], pairs: Sequence[SimilarPair]) -> Heatmap | None:
    """Cells for every pair of letters with a score (diagonal left blank); ``None`` for
    fewer than two or more than :data:`HEATMAP_LIMIT` letters."""
    size = len(ordered)
    if size < 2 or size > HEATMAP_LIMIT:
        return None
    position = {letter.key: index for index, letter in enumerate(ordered)}
    cells = []
    for pair in pairs:
        if pair.a not in position or pair.b not in position:
            continue
        i, j = position[pair.a], position[pair.b]
        cells += [
            HeatCell(i, j, pair.score, _fill(pair.score)),
            HeatCell(j, i, pair.score, _fill(pair.score)),
        ]
    cell = round(min(12.0, 150.0 / size), 2)
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


def _title(letter: Letter) -> str:
    return letter.title or letter.subject or "untitled"


def table_name(letter: Letter, number: int | None = None) -> str:
    """A letter as a table names it, by recipient and date: "#3 Minister X, 4 Jun 2018"
    ("#3" only with ``number``; "no addressee" and "undated" when it lacks them)."""
    who = " ".join((letter.recipient or "").split()) or "no addressee"
    when = format_date(letter.date) or "undated"
    return (f"#{number} " if number is not None else "") + f"{who}, {when}"


def date_range(dates: Sequence[str]) -> str:
    """ISO dates as the span a reader writes: "4 Jun 2018", "4–10 Jun 2018", "28 May – 3 Jun
    2018", "4 Jun 2018 – 2 Feb 2019"; "undated" for none."""
    if not dates:
        return "undated"
    first, last = min(dates), max(dates)
    start, end = format_date(first) or first, format_date(last) or last
    if first == last:
        return start
    a, b = start.split(" "), end.split(" ")
    if len(a) == len(b) == 3 and a[2] == b[2]:
        return f"{a[0]}–{end}" if a[1] == b[1] else f"{a[0]} {a[1]} – {end}"
    return f"{start} – {end}"


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
                title=_title(letter),
                date=format_date(letter.date),
                recipient=_cut(letter.recipient) if letter.recipient else None,
                copy_of=numbers.get(base) if base else None,
                same_title=base is not None and _title(by_key[base]) == _title(letter),
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
    refs = [
        f"same letter as #{r.copy_of} · {r.ref}" if r.copy_of and r.same_title else r.ref
        for r in rows
    ]
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
        recipients = list(dict.fromkeys(_cut(m.recipient) for m in members if m.recipient))
        rows.append(
            DistinctRow(
                size=len(members),
                title=_title(base),
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
                        title=_title(letter),
                        name=table_name(letter),
                        number=numbers.get(letter.key),
                        ref=f"{path_name(letter.source)}#{letter.part}",
                        dates=date_range([letter.date] if letter.date else []),
                        recipients=(_cut(letter.recipient),) if letter.recipient else (),
                        more_recipients=0,
                        report=None,
                        terms=distinctive.get(letter.key, ())[:TERMS_SHOWN],
                    )
                )
    return rows


def _distinct_widths(rows: Sequence[DistinctRow]) -> tuple[float, ...]:
    recipients = ["; ".join(r.recipients) for r in rows]
    letters = [r.title for r in rows]
    refs = [(f"#{r.number} · " if r.number else "") + r.ref for r in rows]
    refs += [f"report {r.report}" for r in rows if r.report]
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
    known, and the note on what is left out."""
    family = {key: f.base for f in families.families for key in f.keys}
    known = [p for p in pairs if p.a in by_key and p.b in by_key]
    chosen = [p for p in known if family.get(p.a, p.a) != family.get(p.b, p.b)]
    note = ""
    if len(chosen) < len(known):
        note = (
            "Pairs of copies of one letter are left out: they are its family's."
            if chosen
            else "The most similar pairs are all copies of one letter, in its family: see the "
            "letter families."
        )
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
                [f"{r.score:.3f}\nnear-duplicate" for r in rows],
                header="Score",
                wrap=False,
                bold=True,
            ),
            Column([f"{r.a}\n{r.b}" for r in rows], header="Letters", cap=80),
            Column([", ".join(r.shared_terms) for r in rows], header="Shared terms"),
        ]
    )


def _cut(name: str) -> str:
    return name if len(name) <= NAME_CHARS else name[: NAME_CHARS - 1].rstrip() + "…"


def _names(names: Sequence[str]) -> Names:
    return Names(tuple(_cut(n) for n in names[:NAMES_LISTED]), max(0, len(names) - NAMES_LISTED))


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
            name=_cut(member.name),
            country=member.country,
            aliases=tuple(_cut(alias) for alias in member.aliases[:ALIASES_SHOWN]),
            cells=tuple(sum(1 for i in column if member.signed[i]) for column in columns),
            count=member.count,
        )
        for member in listed[:GRID_ROWS]
    )
    inside = {i for column in columns for i in column}
    name = {member.key: member.name for member in coalition.members}
    labels = [r.name + (f" ({r.country})" if r.country else "") for r in rows]
    counts = [str(r.count) for r in rows]
    table, widths = snug_widths(
        [
            Column(labels, header="Signatory", cap=60),
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
        letter_limit=LETTER_ROWS,
        themes_shown=THEMES_SHOWN,
        recipients_shown=RECIPIENTS_SHOWN,
        letter_widths=_letter_widths(rows) if rows else (),
        heatmap=heatmap(ordered, similarity.pairs),
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


# --- family report -------------------------------------------------------------------------


@dataclass(frozen=True)
class FamilyRow:
    """One variant in the family report's table: what it changes against the letter it is
    compared with."""

    number: int
    """2, 3, … (the base is 1), in the family's date order: the redline sections' numbers."""
    key: str
    ref: str
    """``FILE#PART``."""
    date: str | None
    recipient: str | None
    salutation: str | None
    against: int
    """Number of the letter compared with: 1 (the base), or the previous one (lineage)."""
    similarity: float | None
    """tf-idf cosine with the family's own idf (see :mod:`compare.families.changes`)."""
    changed: int
    inserted: int
    deleted: int
    moved: int
    """Paragraph blocks per op against the letter compared with."""
    words_added: int
    words_removed: int
    metadata: tuple[str, ...]
    """Header fields that differ (``recipient``, ``salutation``, ``date``, …)."""


@dataclass(frozen=True)
class BaseParagraph:
    """A paragraph of the base letter, numbered as the redlines number them."""

    label: str
    """"¶1", "¶2", …"""
    kind: str
    """``body``, ``heading``, ``list-item`` or ``closing``."""
    text: str


@dataclass(frozen=True)
class InlineBlock:
    """One changed block of a variant's redline, in one column: deletions and insertions
    inline; runs of unchanged paragraphs are ``folded``."""

    kind: RowKind
    """``changed``, ``inserted``, ``deleted``, ``moved`` or ``folded``."""
    a_label: str
    """"¶3" in the letter compared with, "" when the block has none (inserted, folded)."""
    b_label: str
    """"¶4" in the variant, "" when the block has none (deleted, folded)."""
    spans: Spans
    """The word diff: ``=`` kept, ``-`` only in the letter compared with, ``+`` only in the
    variant."""
    note: str
    """"moved from ¶18", "2 unchanged paragraphs", "2 paragraph(s) as 1", or ""."""


@dataclass(frozen=True)
class VariantSection:
    """A variant's page: its header changes and redline against the letter compared with."""

    number: int
    key: str
    title: str
    date: str | None
    recipient: str | None
    against_number: int
    against_key: str
    metadata: tuple[MetadataChange, ...]
    blocks: tuple[InlineBlock, ...]
    """Changed blocks in the variant's reading order, unchanged runs folded; empty when the
    text is the same."""
    signatories: SignatoryChanges
    asks: tuple[AskChangeRow, ...]
    """Asks reworded, new or dropped, or whose verb changed."""


@dataclass(frozen=True)
class FamilyReportContext:
    """What ``family.html`` shows: the family's table, the base text once, then each
    variant's redline."""

    title: str
    generated: str
    name: str
    """``family-<base key>``."""
    lineage: bool
    """Whether each variant is compared with the one before it (else with the base)."""
    base: LetterCard
    base_salutation: str | None
    base_paragraphs: tuple[BaseParagraph, ...]
    variants: tuple[FamilyRow, ...]
    sections: tuple[VariantSection, ...]
    """Parallel to ``variants``."""


def family_report_name(family_name: str, suffix: str = "pdf") -> str:
    return f"{family_name}.{suffix}"


def inline_blocks(blocks: Sequence[Block]) -> tuple[InlineBlock, ...]:
    """A diff's blocks as one-column redline blocks: every block that is not ``equal``, with
    runs of ``equal`` ones folded into a count."""
    found: list[InlineBlock] = []
    run = 0
    for block in blocks:
        if block.op == "equal":
            run += 1
            continue
        if run:
            found.append(_folded_block(run))
            run = 0
        a_label = f"¶{block.a_index + 1}" if block.a_index is not None else ""
        b_label = f"¶{block.b_index + 1}" if block.b_index is not None else ""
        note = f"moved from {a_label}" if block.op == "moved" else ""
        if block.op != "moved" and (block.a_count > 1 or block.b_count > 1):
            note = f"{block.a_count} paragraph(s) as {block.b_count}"
        found.append(InlineBlock(block.op, a_label, b_label, block.diff, note))
    if run and found:
        found.append(_folded_block(run))
    return tuple(found)


def _folded_block(count: int) -> InlineBlock:
    note = f"{count} unchanged paragraph{'s' if count != 1 else ''}"
    return InlineBlock("folded", "", "", (), note)


def family_context(
    changes: FamilyChanges, letters: Mapping[str, Letter], today: str | None = None
) -> FamilyReportContext:
    """The family report's context from a family's :class:`FamilyChanges` and its letters
    by key."""
    family = changes.family
    number = {key: n for n, key in enumerate(family.keys, start=1)}
    base = letters[family.base]
    rows, sections = [], []
    for key, diff in zip(family.variants, changes.diffs, strict=True):
        letter, change = letters[key], variant_change(diff)
        rows.append(
            FamilyRow(
                number=number[key],
                key=key,
                ref=f"{letter.source}#{letter.part}",
                date=letter.date,
                recipient=letter.recipient,
                salutation=letter.salutation,
                against=number[change.against],
                similarity=change.similarity,
                changed=change.changed,
                inserted=change.inserted,
                deleted=change.deleted,
                moved=change.moved,
                words_added=change.words_added,
                words_removed=change.words_removed,
                metadata=change.metadata,
            )
        )
        sections.append(
            VariantSection(
                number=number[key],
                key=key,
                title=letter.title or letter.subject or key,
                date=letter.date,
                recipient=letter.recipient,
                against_number=number[change.against],
                against_key=change.against,
                metadata=diff.metadata,
                blocks=inline_blocks(diff.alignment.blocks),
                signatories=diff.signatories,
                asks=_ask_rows(diff),
            )
        )
    return FamilyReportContext(
        title=f"Letter family: {base.title or base.subject or base.key}",
        generated=today or date.today().isoformat(),
        name=family.name,
        lineage=changes.lineage,
        base=letter_card(base),
        base_salutation=base.salutation,
        base_paragraphs=tuple(
            BaseParagraph(f"¶{n}", p.kind, p.text) for n, p in enumerate(base.paragraphs, start=1)
        ),
        variants=tuple(rows),
        sections=tuple(sections),
    )
