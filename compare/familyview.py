"""What ``families`` prints: per family a compact table of its letters and what each variant
changes, at most :data:`WIDTH` columns wide; letters in no family are counted (listed with
``--all``)."""

from __future__ import annotations

import shutil
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from compare.terminal import plural

if TYPE_CHECKING:
    from rich.console import RenderableType

    from compare.families import Families, FamilyChanges
    from compare.models import Letter

WIDTH = 80
"""The most columns the tables take."""


def view_width() -> int:
    """The terminal's width, at most :data:`WIDTH` (:data:`WIDTH` when not a terminal)."""
    return min(WIDTH, shutil.get_terminal_size((WIDTH, 24)).columns)


def family_table(
    changes: FamilyChanges, letters: Mapping[str, Letter], number: int
) -> RenderableType:
    """One family: the base, then each variant with the paragraph blocks it changes
    (changed/inserted/deleted/moved), the words it adds and removes and its similarity to
    the letter it is compared with."""
    from rich import box
    from rich.table import Table

    family = changes.family
    position = {key: n for n, key in enumerate(family.keys, start=1)}
    against = "previous" if changes.lineage else "base"
    table = Table(
        title=f"Family {number}: {plural(len(family), 'letter')}, base {family.base}",
        title_justify="left",
        box=box.SIMPLE_HEAD,
        pad_edge=False,
        caption=f"¶ c/i/d/m: paragraphs changed/inserted/deleted/moved against the {against}",
        caption_justify="left",
    )
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column("date", no_wrap=True)
    table.add_column("recipient", overflow="fold", ratio=3)
    table.add_column("salutation", overflow="fold", ratio=2)
    if changes.lineage:
        table.add_column("vs", justify="right", no_wrap=True)
    table.add_column("¶ c/i/d/m", no_wrap=True)
    table.add_column("words", no_wrap=True)
    table.add_column("sim", justify="right", no_wrap=True)
    base = letters[family.base]
    first = ["1", base.date or "—", base.recipient or "—", base.salutation or "—"]
    table.add_row(*first, *([""] if changes.lineage else []), "base", "", "")
    for change in changes.variants:
        letter = letters[change.key]
        row = [str(position[change.key]), letter.date or "—"]
        row += [letter.recipient or "—", letter.salutation or "—"]
        if changes.lineage:
            row.append(str(position[change.against]))
        row.append(f"{change.changed}/{change.inserted}/{change.deleted}/{change.moved}")
        row.append(f"+{change.words_added} −{change.words_removed}")
        row.append("—" if change.similarity is None else f"{change.similarity:.2f}")
        table.add_row(*row)
    return table


def singles_table(keys: Sequence[str], letters: Mapping[str, Letter]) -> RenderableType:
    """The letters in no family: key, date, recipient."""
    from rich import box
    from rich.table import Table

    table = Table(
        title=f"{plural(len(keys), 'letter')} in no family",
        title_justify="left",
        box=box.SIMPLE_HEAD,
    )
    table.add_column("key", overflow="fold", ratio=3)
    table.add_column("date", no_wrap=True)
    table.add_column("recipient", overflow="fold", ratio=2)
    for key in keys:
        letter = letters[key]
        table.add_row(key, letter.date or "—", letter.recipient or "—")
    return table


def families_view(
    families: Families,
    changes: Sequence[FamilyChanges],
    letters: Mapping[str, Letter],
    show_all: bool = False,
) -> list[RenderableType]:
    """Everything ``families`` prints, in order: a table per family, then the singletons
    (a count, or with ``show_all`` a table)."""
    shown: list[RenderableType] = [
        family_table(described, letters, n) for n, described in enumerate(changes, start=1)
    ]
    total = sum(len(f) for f in families.families)
    count = len(families.families)
    head = (
        f"{plural(count, 'family', 'families')} of {plural(total, 'letter')}; "
        f"{plural(len(families.singletons), 'letter')} in no family"
    )
    if families.singletons and show_all:
        shown.append(singles_table(families.singletons, letters))
    elif families.singletons:
        head += " (--all lists them)"
    return [head, *shown]
