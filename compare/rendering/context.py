"""The data each report template receives: documented dataclasses, built from results.

Nothing here knows HTML or Jinja2; ``compare.rendering.engine`` renders these. Each ``*Context`` is
exactly what its template reads (``rendering/templates/pair.html`` reads
:class:`PairReportContext`, ``corpus.html`` reads :class:`CorpusReportContext`), and a test
checks that every field is used and nothing else is.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from compare.alignment import Block
from compare.comparison import AskChange, LetterDiff, MetadataChange, SignatoryChanges
from compare.models import Letter
from compare.rendering.chartdata import CorpusCharts
from compare.similarity import SimilarityResult, SimilarPair
from compare.summary import (
    LetterName,
    ThemeLabel,
    format_date,
    number,
    pair_names,
    pair_summary,
    readable_terms,
    theme_labeller,
    wording_share,
)
from compare.trends import CorpusTrends, date_order
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
        asks=tuple(_ask_row(c) for c in diff.asks if c.status != "same" or c.verb_change),
        signatories=diff.signatories,
        rows=redline_rows(
            diff.alignment.blocks, context, markers, roles=(names[0].role, names[1].role)
        ),
        context=context,
        ignored=diff.options.ignored(),
    )


# --- corpus report -------------------------------------------------------------------------

HEATMAP_LIMIT = 40
"""Above this many letters the heatmap would be unreadable; the ranked pairs stand alone."""


@dataclass(frozen=True)
class LetterRow(LetterCard):
    """A letter in the corpus report's table: its card and its number."""

    number: int
    """1, 2, … in date order: the heatmap's labels."""


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


@dataclass(frozen=True)
class NearDuplicate:
    a: str
    b: str
    score: float
    shared_terms: tuple[str, ...]
    summary: str
    """What differs, in one line: paragraph ops, words, signatories, asks."""
    report: str
    """File name of the pair report (``batch`` writes it beside the corpus report)."""


@dataclass(frozen=True)
class CorpusReportContext:
    """What ``corpus.html`` shows: letters, similarity, asks and language over time, coalition."""

    title: str
    generated: str
    corpus: str
    """The corpus folder's name, never its path (:func:`path_name`)."""
    letters: tuple[LetterRow, ...]
    """In date order, undated letters last."""
    heatmap: Heatmap | None
    top_pairs: tuple[SimilarPair, ...]
    """The most similar pairs, best first."""
    threshold: float
    near_duplicates: tuple[NearDuplicate, ...]
    trends: CorpusTrends
    skipped: tuple[str, ...]
    """Files that could not be read, as "name: problem"."""
    charts: CorpusCharts
    """Themes by year, letters and asks per year, signatories joining and leaving, rising and
    falling terms (:mod:`compare.rendering.charts`)."""


def pair_report_name(a: str, b: str, suffix: str = "pdf") -> str:
    return f"{a}__{b}.{suffix}"


def _fill(score: float) -> str:
    # From white to #8b0000 in a straight line: lightness falls as the score rises.
    red = round(255 - (255 - 139) * score)
    other = round(255 * (1 - score))
    return f"rgb({red},{other},{other})"


def heatmap(ordered: Sequence[Letter], pairs: Sequence[SimilarPair]) -> Heatmap | None:
    """Cells for every pair of letters with a score (diagonal left blank)."""
    size = len(ordered)
    if size < 2 or size > HEATMAP_LIMIT:
        return None
    position = {letter.key: index for index, letter in enumerate(ordered)}
    cells = []
    for pair in pairs:
        i, j = position[pair.a], position[pair.b]
        cells += [
            HeatCell(i, j, pair.score, _fill(pair.score)),
            HeatCell(j, i, pair.score, _fill(pair.score)),
        ]
    cell = round(min(12.0, 150.0 / size), 2)
    return Heatmap(size=size, cell=cell, cells=tuple(cells), show_values=size <= 12)


def difference_summary(diff: LetterDiff) -> str:
    """ "9 equal, 8 changed, 1 moved paragraphs; +141/−116 words; signatories unchanged; …"."""
    counts = diff.alignment.counts()
    ops = ", ".join(f"{n} {op}" for op, n in counts.items() if n)
    s = diff.signatories
    signers = (
        "signatories unchanged"
        if not s.changed
        else f"{len(s.only_b)} signatories joined, {len(s.only_a)} left, {len(s.renamed)} renamed"
    )
    counts = diff.ask_counts()
    asks = ", ".join(f"{counts[x]} {x}" for x in ("reworded", "new", "dropped"))
    return (
        f"{ops} paragraphs; +{diff.words_added}/−{diff.words_removed} words; {signers}; "
        f"asks: {asks}"
    )


def corpus_context(
    letters: Sequence[Letter],
    similarity: SimilarityResult,
    near_duplicate_diffs: Sequence[LetterDiff],
    trends: CorpusTrends,
    corpus: str,
    skipped: Sequence[str] = (),
    top: int = 10,
    today: str | None = None,
) -> CorpusReportContext:
    """The corpus report's context from the corpus's letters and analyses (the charts are
    drawn here: this imports matplotlib)."""
    from compare.rendering.charts import corpus_charts

    ordered = date_order(letters)
    rows = tuple(
        LetterRow(number=index, **vars(letter_card(letter)))
        for index, letter in enumerate(ordered, start=1)
    )
    by_pair = {(d.a.key, d.b.key): d for d in near_duplicate_diffs}
    near = tuple(
        NearDuplicate(
            a=pair.a,
            b=pair.b,
            score=pair.score,
            shared_terms=pair.shared_terms,
            summary=difference_summary(by_pair[(pair.a, pair.b)]),
            report=pair_report_name(pair.a, pair.b),
        )
        for pair in similarity.pairs
        if pair.near_duplicate and (pair.a, pair.b) in by_pair
    )
    return CorpusReportContext(
        title="How the letters changed",
        generated=today or date.today().isoformat(),
        corpus=path_name(corpus),
        letters=rows,
        heatmap=heatmap(ordered, similarity.pairs),
        top_pairs=tuple(similarity.pairs[:top]),
        threshold=similarity.threshold,
        near_duplicates=near,
        trends=trends,
        skipped=tuple(skipped),
        charts=corpus_charts(letters, trends, similarity.pairs),
    )
