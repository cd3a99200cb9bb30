"""The ``asks`` command's views of ask lineages: a fitted table per family for the terminal,
and the JSON document (schema in README.md, "asks").

Pure functions from :class:`~compare.trends.AskFamily` objects to rich renderables or plain
data; the CLI prints them. In a family's table each row is one year's ask: the year, the
verb, who it was addressed to and the wording, the words not in the previous wording in
bold (when the terminal shows styles).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from rich.text import Text

from compare.notemarks import bracket_note_marks
from compare.terminal import Cell, Column, fitted_table
from compare.trends import AskFamily, FamilyAsk, status_text

if TYPE_CHECKING:
    from rich.table import Table

FAMILY_COLUMNS = (
    Column("year", "number", priority=0, justify="left"),
    Column("verb", "text", priority=2, floor=9),
    Column("to", "text", priority=3, floor=12),
    Column("letter", "id", priority=4, floor=20),
    Column("ask", "text", priority=0, floor=30),
)
"""A family's rows: the year and the wording always; the verb, then the recipient, then the
letter's key left out first when the width is short (``--wide`` or ``--json`` shows them)."""
CHANGED_STYLE = "bold"
"""How the words not in the previous wording are shown."""


@dataclass(frozen=True)
class FittedFamily:
    """One family's table and what was left out to fit."""

    table: Table
    left_out: tuple[str, ...]
    width: int


def recurring(families: Sequence[AskFamily], everything: bool = False) -> list[AskFamily]:
    """The families asked by more than one copy group, in their order (all of them with
    ``everything``)."""
    return [f for f in families if everything or f.recurs]


def summary_line(families: Sequence[AskFamily], shown: int, letters: int) -> str:
    """ "4 of 47 asks recur across the years in 6 letters; 43 asked once (--all lists them)"."""
    recur = sum(1 for f in families if f.recurs)
    once = len(families) - recur
    head = f"{recur} of {len(families)} asks recur in {letters} letter{'s' if letters != 1 else ''}"
    tail = f"; {once} asked once (--all lists them)" if once and shown <= recur else ""
    return head + tail


def family_title(number: int, family: AskFamily, label: Callable[[str], str] | None = None) -> str:
    """ "1. <label> — 2018–2020, dropped after 2020; verbs steady; themes: Freedom of
    movement", the themes by ``label`` (slug → label; the packaged taxonomy's for
    ``None``, :func:`compare.summary.theme_labeller`)."""
    span = "undated"
    if family.first is not None:
        span = str(family.first) if family.first == family.last else f"{family.first}–{family.last}"
    parts = [f"{number}. {bracket_note_marks(family.label)}", f"{span}, {status_text(family)}"]
    if family.verb_trend:
        parts.append(f"verbs {family.verb_trend}")
    if family.themes:
        if label is None:
            from compare.summary import theme_labeller

            label = theme_labeller()
        parts.append("themes: " + ", ".join(label(slug) for slug in family.themes))
    return " — ".join(parts[:2]) + ("; " + "; ".join(parts[2:]) if parts[2:] else "")


def wording_cell(ask: FamilyAsk) -> Text:
    """The ask's text, the words not in the previous wording styled :data:`CHANGED_STYLE`
    (the first ask and a new wording plain), and its copies' recipients after it."""
    text = Text()
    for op, part in ask.new_words:
        # Footnote marks as "[iv]", not "^{iv}" (--json keeps them as written).
        text.append(bracket_note_marks(part), style=CHANGED_STYLE if op == "+" else "")
    if ask.wording == "same":
        text.append(" (same wording)", style="dim")
    elif ask.rewritten:
        text.append(" (new wording)", style="dim")
    if ask.also:
        names = ", ".join(copy.recipient or copy.key for copy in ask.also)
        text.append(f"\n(also to {names})", style="dim")
    return text


def family_table(
    number: int,
    family: AskFamily,
    width: int,
    wide: bool = False,
    label: Callable[[str], str] | None = None,
) -> FittedFamily:
    """One family as a table fitted to ``width`` terminal cells (see :mod:`compare.terminal`),
    its themes named by ``label`` (:func:`family_title`)."""
    rows: list[list[Cell]] = [
        [
            str(ask.year) if ask.year is not None else "—",
            ask.verb or "—",
            ask.recipient or "—",
            ask.key,
            wording_cell(ask),
        ]
        for ask in family.asks
    ]
    table, layout = fitted_table(
        FAMILY_COLUMNS, rows, width, wide=wide, title=family_title(number, family, label)
    )
    return FittedFamily(table, layout.left_out, layout.width)


def families_json(
    families: Sequence[AskFamily],
    shown: Sequence[AskFamily],
    letters: int,
    years: Sequence[int],
    copies: Sequence[Sequence[str]],
) -> dict[str, Any]:
    """The ``asks --json`` document: ``shown`` families of all ``families``, the corpus's
    number of letters, its years and its copy groups of more than one letter."""
    return {
        "letters": letters,
        "years": list(years),
        "copies": [list(group) for group in copies if len(group) > 1],
        "total": len(families),
        "recurring": sum(1 for f in families if f.recurs),
        "families": [family_json(family) for family in shown],
    }


def family_json(family: AskFamily) -> dict[str, Any]:
    """One family as a JSON object (README.md, "asks")."""
    return {
        "label": family.label,
        "themes": list(family.themes),
        "first": family.first,
        "last": family.last,
        "years": list(family.years),
        "status": family.status,
        "status_year": family.status_year,
        "status_text": status_text(family),
        "gaps": [list(gap) for gap in family.gaps],
        "verb_trend": family.verb_trend,
        "asks": [
            {
                "key": ask.key,
                "date": ask.date,
                "index": ask.index,
                "text": ask.text,
                "verb": ask.verb,
                "recipient": ask.recipient,
                "themes": list(ask.themes),
                "wording": ask.wording,
                "similarity": ask.similarity,
                "diff": [[op, part] for op, part in ask.diff] if ask.wording != "first" else None,
                "also": [
                    {"key": copy.key, "recipient": copy.recipient, "index": copy.index}
                    for copy in ask.also
                ],
            }
            for ask in family.asks
        ],
        "verb_changes": [
            {
                "from": change.before,
                "to": change.after,
                "from_verb": change.old,
                "to_verb": change.new,
                "change": change.change,
            }
            for change in family.verb_changes
        ],
    }
