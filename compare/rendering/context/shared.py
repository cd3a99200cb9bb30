"""What every report's context shares: letter cards, text spans, ask rows and how tables name
letters, dates, folders and left-out rows."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from compare.comparison import AskChange, LetterDiff
from compare.models import Letter
from compare.summary import format_date
from compare.worddiff import word_diff

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
    spans: Spans
    """Both letters' ask in one line, as a one-column redline shows it: the whole word diff
    (``=``, ``-`` and ``+``) when reworded, one ``-`` span when dropped, one ``+`` when new."""


def path_name(label: str) -> str:
    """What a report calls a folder or file: its last part ("/home/ana/letters/" →
    "letters"), never its path. A report is made to be passed on; the path would tell
    whoever reads it the user's name, home and folder layout."""
    path = Path(label)
    return path.name or path.resolve().name or label


def letter_card(letter: Letter) -> LetterCard:
    """The header card of ``letter`` (its key as title when it has neither title nor subject)."""
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


def side(spans: Sequence[tuple[SpanOp, str]], which: Literal["a", "b"]) -> Spans:
    """The spans of one letter of a word diff: kept ones and ``which`` letter's own (``-`` for
    ``a``, ``+`` for ``b``)."""
    keep = "-" if which == "a" else "+"
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


def ask_row(change: AskChange) -> AskChangeRow:
    """One ask change as a table row, reworded asks word-diffed."""
    if change.a is not None and change.b is not None:
        spans: Spans = tuple(word_diff(change.a, change.b))
        a_spans, b_spans = side(spans, "a"), side(spans, "b")
    else:
        a_spans = (("-", change.a),) if change.a is not None else ()
        b_spans = (("+", change.b),) if change.b is not None else ()
        spans = a_spans + b_spans
    return AskChangeRow(
        status=change.status,
        verb_change=change.verb_change,
        a_verb=change.a_verb,
        b_verb=change.b_verb,
        a_spans=a_spans,
        b_spans=b_spans,
        spans=spans,
    )


def ask_rows(diff: LetterDiff) -> tuple[AskChangeRow, ...]:
    """The asks a reader should see: reworded, new, dropped, or with another verb."""
    return tuple(ask_row(c) for c in diff.asks if c.status != "same" or c.verb_change)


NAME_CHARS = 120
"""A signatory's or recipient's name longer than this is cut ("…") in the tables and lists: a
name the parser ran into the text after it would otherwise fill a page. An organisation's
full name with its acronym in brackets runs to 90 characters or so and is never cut (a cut
name reads as another organisation); 120 is past that and still under two lines of a list."""


def left_out_note(count: int, singular: str, plural: str, where: str) -> str:
    """ "212 more letters are not listed here: all are in letters.json (…)." ("" for 0)."""
    if count <= 0:
        return ""
    what = singular if count == 1 else plural
    verb = "is" if count == 1 else "are"
    return f"{count:,} more {what} {verb} not listed here: all are in {where}."


def title_of(letter: Letter) -> str:
    """The letter's heading: its title, else its subject, else "untitled"."""
    return letter.title or letter.subject or "untitled"


def letter_name(recipient: str | None, iso_date: str | None) -> str:
    """A letter by recipient and date, as a page names it: "Minister X, 4 Jun 2018" ("no
    addressee" and "undated" when it lacks them; the recipient's spaces folded)."""
    who = " ".join((recipient or "").split()) or "no addressee"
    return f"{who}, {format_date(iso_date) or 'undated'}"


def table_name(letter: Letter, number: int | None = None) -> str:
    """A letter as a table names it, by recipient and date: "#3 Minister X, 4 Jun 2018"
    ("#3" only with ``number``; "no addressee" and "undated" when it lacks them)."""
    name = letter_name(letter.recipient, letter.date)
    return (f"#{number} " if number is not None else "") + name


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


def cut_name(name: str) -> str:
    """``name`` cut to at most :data:`NAME_CHARS` characters, "…" marking the cut; the cut
    falls between words, and before a bracket the cut would leave open ("Commission on
    Missing Persons (CMP)" loses all of "(CMP)", never keeps "(C"). A single word longer than
    the limit is cut inside it."""
    if len(name) <= NAME_CHARS:
        return name
    kept = name[: NAME_CHARS - 1]
    if not name[NAME_CHARS - 1].isspace() and " " in kept:
        kept = kept[: kept.rindex(" ")]
    while kept.count("(") > kept.count(")") and kept[: kept.rfind("(")].strip():
        kept = kept[: kept.rfind("(")]
    return kept.rstrip(" ,;:-–(") + "…"


def family_report_name(family_name: str, suffix: str = "pdf") -> str:
    """The file name of a family's report: ``<family name>.<suffix>``."""
    return f"{family_name}.{suffix}"
