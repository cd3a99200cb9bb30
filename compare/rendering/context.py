"""The data each report template receives: documented dataclasses, built from results.

Nothing here knows HTML or Jinja2; ``compare.rendering.engine`` renders these. Each ``*Context`` is
exactly what its template reads (``rendering/templates/pair.html`` reads
:class:`PairReportContext`, ``corpus.html`` reads :class:`CorpusReportContext`), and a test
checks that every field is used and nothing else is.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal

from compare.alignment import Block
from compare.comparison import LetterDiff, MetadataChange, SignatoryChanges
from compare.families import Families, FamilyChanges, variant_change
from compare.models import Letter
from compare.similarity import SimilarityResult, SimilarPair
from compare.trends import CorpusTrends, date_order
from compare.worddiff import DiffOp

RowKind = Literal["equal", "changed", "inserted", "deleted", "moved", "moved-away", "folded"]
Spans = tuple[tuple[DiffOp, str], ...]


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
class RedlineRow:
    """One row of the side-by-side redline: both columns stay in step across pages."""

    kind: RowKind
    a_label: str
    """"¶3" for the first letter's paragraph, "" when the row has none."""
    b_label: str
    a_spans: Spans
    """The first letter's text: ``=`` kept, ``-`` deleted."""
    b_spans: Spans
    """The second letter's text: ``=`` kept, ``+`` inserted."""
    note: str
    """"moved from ¶18 of A", "3 unchanged paragraphs", …; "" when nothing to say."""


@dataclass(frozen=True)
class AskChangeRow:
    """One row of the pair report's ask table."""

    status: str
    """``reworded``, ``new`` or ``dropped`` (unchanged asks are counted, not listed)."""
    verb_change: str | None
    a: str | None
    b: str | None
    a_verb: str | None
    b_verb: str | None


@dataclass(frozen=True)
class PairReportContext:
    """What ``pair.html`` shows: summary page, side-by-side redline, signatory and ask tables."""

    title: str
    generated: str
    """ISO date the report was made."""
    a: LetterCard
    b: LetterCard
    similarity: float | None
    shared_terms: tuple[str, ...]
    counts: dict[str, int]
    """Blocks per op: equal, changed, inserted, deleted, moved."""
    words_added: int
    words_removed: int
    metadata: tuple[MetadataChange, ...]
    ask_counts: dict[str, int]
    """same, reworded, new, dropped, escalated, softened."""
    asks: tuple[AskChangeRow, ...]
    signatories: SignatoryChanges
    rows: tuple[RedlineRow, ...]
    context: int | None
    """Unchanged paragraphs kept around each change (``None``: all shown, muted)."""


def letter_card(letter: Letter) -> LetterCard:
    return LetterCard(
        key=letter.key,
        ref=f"{letter.source}#{letter.part}",
        title=letter.title or letter.subject or letter.key,
        date=letter.date,
        recipient=letter.recipient,
        signatories=len(letter.signatories),
        asks=len(letter.asks),
        themes=letter.themes,
    )


def _side(spans: Sequence[tuple[DiffOp, str]], side: Literal["a", "b"]) -> Spans:
    keep = "-" if side == "a" else "+"
    return tuple((op, text) for op, text in spans if op in ("=", keep))


def _row(block: Block) -> RedlineRow:
    a_label = f"¶{block.a_index + 1}" if block.a_index is not None else ""
    b_label = f"¶{block.b_index + 1}" if block.b_index is not None else ""
    note = ""
    if block.op == "moved":
        note = f"moved here from {a_label} of A"
    elif block.a_count > 1 or block.b_count > 1:
        note = f"{block.a_count} paragraph(s) of A as {block.b_count} of B"
    return RedlineRow(
        kind=block.op,
        a_label=a_label,
        b_label=b_label,
        a_spans=_side(block.diff, "a"),
        b_spans=_side(block.diff, "b"),
        note=note,
    )


def redline_rows(blocks: Sequence[Block], context: int | None = None) -> tuple[RedlineRow, ...]:
    """Rows in B's reading order; each moved block also leaves a marker where it stood in A;
    with ``context``, runs of unchanged rows farther than that from a change are folded."""
    rows = [_row(block) for block in blocks]
    markers: list[tuple[int, RedlineRow]] = []
    for block in blocks:
        if block.op != "moved":
            continue
        a_index, b_index = block.a_index, block.b_index
        if a_index is None or b_index is None:
            raise ValueError("a moved block has a paragraph index in both letters")
        position = 0
        for index, other in enumerate(blocks):
            if other.op != "moved" and other.a_index is not None and other.a_index < a_index:
                position = index + 1
        marker = RedlineRow(
            kind="moved-away",
            a_label=f"¶{a_index + 1}",
            b_label="",
            a_spans=(),
            b_spans=(),
            note=f"¶{a_index + 1} of A moved to ¶{b_index + 1} of B",
        )
        markers.append((position, marker))
    for offset, (position, marker) in enumerate(sorted(markers, key=lambda m: m[0])):
        rows.insert(position + offset, marker)
    rows = [
        _with_direction(rows, index) if row.kind == "moved-away" else row
        for index, row in enumerate(rows)
    ]
    return tuple(_fold(rows, context)) if context is not None else tuple(rows)


def _with_direction(rows: list[RedlineRow], index: int) -> RedlineRow:
    """Say whether the moved paragraph now stands above or below its old place."""
    marker = rows[index]
    arrived = next(
        i for i, row in enumerate(rows) if row.kind == "moved" and row.a_label == marker.a_label
    )
    where = "above" if arrived < index else "below"
    return dataclasses.replace(marker, note=f"{marker.note} ({where})")


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
    return RedlineRow("folded", "", "", (), (), note)


def pair_context(
    a: Letter, b: Letter, diff: LetterDiff, context: int | None = None, today: str | None = None
) -> PairReportContext:
    """The pair report's context from the two letters and their :class:`LetterDiff`."""
    return PairReportContext(
        title=f"What changed: {a.key} → {b.key}",
        generated=today or date.today().isoformat(),
        a=letter_card(a),
        b=letter_card(b),
        similarity=diff.similarity,
        shared_terms=diff.shared_terms,
        counts=diff.alignment.counts(),
        words_added=diff.words_added,
        words_removed=diff.words_removed,
        metadata=diff.metadata,
        ask_counts=diff.ask_counts(),
        asks=_ask_rows(diff),
        signatories=diff.signatories,
        rows=redline_rows(diff.alignment.blocks, context),
        context=context,
    )


def _ask_rows(diff: LetterDiff) -> tuple[AskChangeRow, ...]:
    """The asks a reader should see: reworded, new, dropped, or with another verb."""
    return tuple(
        AskChangeRow(c.status, c.verb_change, c.a, c.b, c.a_verb, c.b_verb)
        for c in diff.asks
        if c.status != "same" or c.verb_change
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
    """What ``corpus.html`` shows: letters, similarity, asks and language over time, coalition."""

    title: str
    generated: str
    corpus: str
    """The corpus folder, as the user named it."""
    letters: tuple[LetterRow, ...]
    """In date order, undated letters last."""
    heatmap: Heatmap | None
    top_pairs: tuple[SimilarPair, ...]
    """The most similar pairs, best first."""
    threshold: float
    families: tuple[FamilyEntry, ...]
    """Largest first (:mod:`compare.families.grouping`)."""
    singletons: int
    """Letters in no family."""
    trends: CorpusTrends
    skipped: tuple[str, ...]
    """Files that could not be read, as "name: problem"."""


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
) -> CorpusReportContext:
    """The corpus report's context from the corpus's letters and analyses."""
    ordered = date_order(letters)
    rows = tuple(
        LetterRow(number=index, **vars(letter_card(letter)))
        for index, letter in enumerate(ordered, start=1)
    )
    return CorpusReportContext(
        title="How the letters changed",
        generated=today or date.today().isoformat(),
        corpus=corpus,
        letters=rows,
        heatmap=heatmap(ordered, similarity.pairs),
        top_pairs=tuple(similarity.pairs[:top]),
        threshold=similarity.threshold,
        families=family_entries(families, letters, suffix),
        singletons=len(families.singletons),
        trends=trends,
        skipped=tuple(skipped),
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
        row = _row(block)
        note = f"moved from {row.a_label}" if block.op == "moved" else row.note
        if block.op != "moved" and (block.a_count > 1 or block.b_count > 1):
            note = f"{block.a_count} paragraph(s) as {block.b_count}"
        found.append(InlineBlock(block.op, row.a_label, row.b_label, block.diff, note))
    if run and found:
        found.append(_folded_block(run))
    return tuple(found)


def _folded_block(count: int) -> InlineBlock:
    return InlineBlock("folded", "", "", (), _folded(count).note)


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
