"""The pair report's context: two letters, what changed, the side-by-side redline."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from compare.alignment import Block
from compare.comparison import LetterDiff, MetadataChange, SignatoryChanges
from compare.models import Letter
from compare.rendering.context.shared import (
    AskChangeRow,
    RowKind,
    Spans,
    ask_rows,
    side,
    with_markers,
)
from compare.summary import (
    LetterName,
    ThemeLabel,
    format_date,
    later_first,
    number,
    pair_names,
    pair_summary,
    readable_terms,
    theme_labeller,
    wording_share,
)

if TYPE_CHECKING:
    from compare.themes import Taxonomy


@dataclass(frozen=True)
class PairLetter:
    """A letter of the pair report, named as the report speaks of it (never by its key)."""

    name: str
    """Unique within the pair: "the letter to the UN General Assembly"
    (:class:`compare.summary.LetterName`)."""
    full: str
    """The name with its date: "the letter to the UN General Assembly, 3 Mar 2019"."""
    heading: str
    """The redline column's heading: "First letter: to the UN General Assembly, 3 Mar 2019"."""
    role: str
    """``earlier``/``later`` when both are dated and the dates differ, else
    ``first``/``second``."""
    title: str
    """The letter's heading (its subject, or "untitled", when it has none)."""
    date: str | None
    """As a reader writes it: "3 Mar 2019"."""
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
    later_first: bool = False
    """Whether the first letter (A) is the later of two dated ones: the page then words what
    joined, left, was added, dropped, escalated or softened in time, from B to A
    (:func:`compare.summary.later_first`), while struck-through and underlined stay A's and B's."""
    ignored: str = ""
    """What the comparison ignored beyond typography and spacing
    (:meth:`~compare.alignment.NormalizeOptions.ignored`): ``"case, punctuation;
    equivalences: A = B"``; ``""`` for nothing."""


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
                    side(block.diff, "a"), _markers(a_markers, block.a_index, block.a_count)
                ),
                b_spans=with_markers(side(block.diff, "b"), b_mark),
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
                    side(block.diff, "a"), _markers(a_markers, block.a_index, block.a_count)
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
        asks=ask_rows(diff),
        signatories=diff.signatories,
        rows=redline_rows(
            diff.alignment.blocks, context, markers, roles=(names[0].role, names[1].role)
        ),
        context=context,
        later_first=later_first(a, b),
        ignored=diff.options.ignored(),
    )


def pair_report_name(a: str, b: str, suffix: str = "pdf") -> str:
    """The file name of the report on letters ``a`` and ``b`` (keys): ``A__B.<suffix>``."""
    return f"{a}__{b}.{suffix}"
