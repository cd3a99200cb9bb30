"""The corpus report's "Asks that recur": ask families across the years, capped."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from compare.trends import AskFamily, status_text

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
