"""The family report's context: the family's table, the base text once, each variant's
redline against the base (or its predecessor)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from compare.alignment import Block
from compare.comparison import MetadataChange, SignatoryChanges
from compare.families import FamilyChanges, variant_change
from compare.models import Letter
from compare.rendering.context.shared import (
    AskChangeRow,
    LetterCard,
    RowKind,
    Spans,
    ask_rows,
    letter_card,
    letter_name,
    with_markers,
)
from compare.summary import later_first


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
    marker: str = ""
    """The list marker as written ("1.", "a)", "•"; :attr:`compare.models.Paragraph.marker`),
    "" for none: the page prints it before the text."""


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
    """"from ¶18" (a moved block: its kind already says "moved"), "2 unchanged paragraphs",
    "2 paragraphs as 1", or ""."""


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
    against_name: str
    """The letter compared with, by recipient and date: "Minister X, 4 Jun 2018"."""
    metadata: tuple[MetadataChange, ...]
    blocks: tuple[InlineBlock, ...]
    """Changed blocks in the variant's reading order, unchanged runs folded; empty when the
    text is the same."""
    signatories: SignatoryChanges
    asks: tuple[AskChangeRow, ...]
    """Asks reworded, new or dropped, or whose verb changed."""
    later_first: bool = False
    """Whether the letter compared with is later than the variant (both dated): who
    "joined" and "left" is then read in time, from the variant to it
    (:func:`compare.summary.later_first`)."""


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


def inline_blocks(
    blocks: Sequence[Block], markers: tuple[Sequence[str], Sequence[str]] = ((), ())
) -> tuple[InlineBlock, ...]:
    """A diff's blocks as one-column redline blocks: every block that is not ``equal``, with
    runs of ``equal`` ones folded into a count. ``markers`` are the two letters' list markers
    by paragraph (:attr:`compare.models.Paragraph.marker`), put before each paragraph as a
    ``#`` span: the variant's, or the compared letter's for a deleted block."""
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
        note = f"from {a_label}" if block.op == "moved" else ""
        if block.op != "moved" and (block.a_count > 1 or block.b_count > 1):
            noun = "paragraph" if block.a_count == 1 else "paragraphs"
            note = f"{block.a_count} {noun} as {block.b_count}"
        if block.b_index is not None:
            marks = markers[1][block.b_index : block.b_index + max(block.b_count, 1)]
        elif block.a_index is not None:
            marks = markers[0][block.a_index : block.a_index + max(block.a_count, 1)]
        else:
            marks = ()
        spans = with_markers(block.diff, marks)
        found.append(InlineBlock(block.op, a_label, b_label, spans, note))
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
                against_name=letter_name(
                    letters[change.against].recipient, letters[change.against].date
                ),
                metadata=diff.metadata,
                blocks=inline_blocks(
                    diff.alignment.blocks,
                    (
                        [p.marker for p in letters[change.against].paragraphs],
                        [p.marker for p in letter.paragraphs],
                    ),
                ),
                signatories=diff.signatories,
                asks=ask_rows(diff),
                later_first=later_first(letters[change.against], letter),
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
            BaseParagraph(f"¶{n}", p.kind, p.text, p.marker)
            for n, p in enumerate(base.paragraphs, start=1)
        ),
        variants=tuple(rows),
        sections=tuple(sections),
    )
