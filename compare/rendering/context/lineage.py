"""The corpus report's "Asks that recur": ask families across the years, each bounded.

A family's asks are one per copy group (:class:`compare.trends.AskFamily`), so a campaign
sent every year gives a family of twenty asks or more, most in the words of the one before.
The report shows a family as its *wordings*: consecutive asks worded the same (and with the
same verb) are one row, spanning their years and counting their letters; each row names at
most :data:`LINEAGE_RECIPIENTS` recipients, and a family shows at most :data:`WORDINGS_SHOWN`
rows (the first ones and the last, the others counted). ``compare-letters asks --json`` has
every ask.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from compare.rendering.columns import Column, column_widths
from compare.trends import AskFamily, FamilyAsk, status_text

LINEAGE_TOP = 10
"""How many ask families the corpus report's "Asks that recur" shows: those asked in the most
years (``compare-letters asks --json`` lists them all)."""
WORDINGS_SHOWN = 6
"""Most rows (wordings) a family shows: the first ``WORDINGS_SHOWN - 1`` and the last, the
ones between counted. Six rows of a long ask fill about half a page, so the ten families
shown fit in about five pages."""
LINEAGE_RECIPIENTS = 3
"""Recipients named per row; the rest are counted."""
WORDING_CHARS = 320
"""A wording longer than this is cut on a word ("…"): about five lines of its column, what a
reader compares at a glance; the whole text is in ``compare-letters asks --json``."""
VERB_RUN = 3
"""In a family's line of verbs, this many or more equal verbs in a row are written once with
their count ("request ×9")."""
ASKS_DATA = "compare-letters asks --json"
"""Where every ask of every family is."""


@dataclass(frozen=True)
class LineageAsk:
    """One wording of a family as the corpus report shows it: consecutive asks worded the
    same, with the same verb."""

    year: str
    """Its year, or the span of its years ("2001–2004"); "—" when undated."""
    verb: str
    recipient: str
    """Who the letters were addressed to ("—" when unknown), at most
    :data:`LINEAGE_RECIPIENTS` named, the rest counted ("… and 37 more")."""
    letters: int
    """Letters asking it in this wording here (copies included)."""
    key: str
    """The first of them."""
    spans: tuple[tuple[str, str], ...]
    """Its wording as ``=``/``+`` spans: ``+`` marks the words not in the previous wording
    (the first ask of a family is all ``=``); cut after :data:`WORDING_CHARS` characters."""
    same: bool
    """Worded as the previous row (case, punctuation and spaces aside): only the verb
    changed."""
    rewritten: bool
    """A new wording (:attr:`compare.trends.FamilyAsk.rewritten`): shown plain ("new
    wording") rather than all underlined."""
    repeated: int
    """Later asks (copy groups) in the same words that this row stands for."""


@dataclass(frozen=True)
class LineageCard:
    """One family of the same ask across the years (:class:`compare.trends.AskFamily`)."""

    label: str
    years: str
    """"2018–2020", "2018", or "undated"."""
    status: str
    """"dropped after 2020", "persisting since 2014" … (:func:`compare.trends.status_text`)."""
    verbs: str
    """The verbs in date order, "urge → call on → demand", runs of :data:`VERB_RUN` or more
    written once with their count ("request ×9 → urge"), and their trend."""
    themes: str
    """The family's themes by their labels, comma separated."""
    asks: tuple[LineageAsk, ...]
    """The first wordings, at most :data:`WORDINGS_SHOWN` − 1 when some are left out."""
    left_out: int
    """Wordings left out between ``asks`` and ``last``."""
    left_out_years: str
    """Their years ("2009–2017"), "" when none."""
    last: tuple[LineageAsk, ...]
    """The last wording when some are left out (else empty: ``asks`` has them all)."""
    widths: tuple[float, ...]
    """Per cent of the table width: year, verb, recipients, wording
    (:mod:`compare.rendering.columns`)."""


@dataclass(frozen=True)
class RecurringAsks:
    """The "Asks that recur" section: the families asked by more than one letter (copies
    of one year counting once), the most years first, cut to :data:`LINEAGE_TOP`."""

    families: tuple[LineageCard, ...]
    more: int
    """Recurring families not shown."""
    where: str = ASKS_DATA
    """Where every family and ask is."""


def _span(years: Sequence[int | None]) -> str:
    dated = [year for year in years if year is not None]
    if not dated:
        return "—"
    first, last = min(dated), max(dated)
    return f"{first}" if first == last else f"{first}–{last}"


def _recipients(asks: Sequence[FamilyAsk]) -> tuple[str, int]:
    names = [
        name
        for ask in asks
        for name in (ask.recipient or "—", *(copy.recipient or copy.key for copy in ask.also))
    ]
    unique = list(dict.fromkeys(names))
    shown = ", ".join(unique[:LINEAGE_RECIPIENTS])
    more = len(unique) - LINEAGE_RECIPIENTS
    return (f"{shown} and {more:,} more" if more > 0 else shown), len(names)


def _runs(asks: Sequence[FamilyAsk]) -> list[list[FamilyAsk]]:
    """Consecutive asks worded the same with the same verb, in the family's order."""
    runs: list[list[FamilyAsk]] = []
    for ask in asks:
        if runs and ask.wording == "same" and ask.verb == runs[-1][0].verb:
            runs[-1].append(ask)
        else:
            runs.append([ask])
    return runs


def _row(run: Sequence[FamilyAsk]) -> LineageAsk:
    first = run[0]
    recipient, letters = _recipients(run)
    return LineageAsk(
        year=_span([ask.year for ask in run]),
        verb=first.verb or "—",
        recipient=recipient,
        letters=letters,
        key=first.key,
        spans=cut_spans(first.new_words, WORDING_CHARS),
        same=first.wording == "same",
        rewritten=first.rewritten,
        repeated=len(run) - 1,
    )


def cut_spans(spans: Sequence[tuple[str, str]], limit: int) -> tuple[tuple[str, str], ...]:
    """``spans`` cut after ``limit`` characters of text, on a word boundary (within the
    span that crosses it), "…" marking the cut; unchanged when no longer."""
    out: list[tuple[str, str]] = []
    used = 0
    for op, text in spans:
        if used + len(text) <= limit:
            out.append((op, text))
            used += len(text)
            continue
        room = text[: max(0, limit - used)]
        whole = room[-1:].isspace() or text[len(room) : len(room) + 1].isspace()
        cut = room if whole else (room.rsplit(None, 1)[0] if room.strip(" ").count(" ") else "")
        if not cut.strip() and not out:
            cut = room  # one word longer than the limit: cut inside it rather than show nothing
        if cut.strip():
            out.append((op, cut.rstrip()))
        out.append(("=", "…"))
        return tuple(out)
    return tuple(out)


def verb_line(verbs: Sequence[str]) -> str:
    """``verbs`` in order joined by arrows, a run of :data:`VERB_RUN` or more equal ones
    written once with its count: ["request"] * 9 + ["urge"] → "request ×9 → urge"."""
    parts: list[tuple[str, int]] = []
    for verb in verbs:
        if parts and parts[-1][0] == verb:
            parts[-1] = (verb, parts[-1][1] + 1)
        else:
            parts.append((verb, 1))
    out: list[str] = []
    for verb, count in parts:
        out += [f"{verb} ×{count}"] if count >= VERB_RUN else [verb] * count
    return " → ".join(out)


def _widths(rows: Sequence[LineageAsk]) -> tuple[float, ...]:
    return column_widths(
        [
            Column([row.year for row in rows], header="Year", wrap=False),
            Column([row.verb for row in rows], header="Verb", wrap=False),
            Column(
                [f"{row.recipient} ({row.letters:,} letters)" for row in rows],
                size=7.5,
                header="To",
                cap=55,
            ),
            Column(["".join(text for _, text in row.spans) for row in rows], header="Wording"),
        ]
    )


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
        verbs = verb_line([ask.verb or "—" for ask in family.asks])
        runs = _runs(family.asks)
        rows = [_row(run) for run in runs]
        shown, tail, gap = rows, [], []
        if len(rows) > WORDINGS_SHOWN:
            shown, tail = rows[: WORDINGS_SHOWN - 1], rows[-1:]
            gap = [ask for run in runs[WORDINGS_SHOWN - 1 : -1] for ask in run]
        cards.append(
            LineageCard(
                label=family.label,
                years=years,
                status=status_text(family),
                verbs=verbs + (f" ({family.verb_trend})" if family.verb_trend else ""),
                themes=", ".join(themes.get(slug, slug) for slug in family.themes),
                asks=tuple(shown),
                left_out=len(rows) - len(shown) - len(tail),
                left_out_years=_span([ask.year for ask in gap]) if gap else "",
                last=tuple(tail),
                widths=_widths([*shown, *tail]),
            )
        )
    return RecurringAsks(tuple(cards), len(recurring) - len(cards))
