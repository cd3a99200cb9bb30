"""The check report's context: what ``rendering/templates/check.html`` reads (a test checks
that every field is used and nothing else), rendered by
``compare.rendering.engine.write_report("check.html", context, target, output, page_size)``;
and what the terminal summary (:mod:`compare.checkview`) says the same way."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING

from compare.check import (
    AskCheck,
    AskLineage,
    CheckResult,
    CheckWarning,
    NearestLetter,
    Precedent,
    base_key,
    paragraph_labels,
    passage_paragraphs,
)
from compare.comparison import SignatoryChanges
from compare.datafiles import load_data, table, word_lists
from compare.models import LetterRef
from compare.rendering.columns import Column, column_widths
from compare.rendering.context.shared import (
    LetterCard,
    Spans,
    letter_card,
    letter_name,
    with_markers,
)
from compare.summary import check_sentences, format_date, recipient_phrase, theme_labeller

if TYPE_CHECKING:
    from compare.themes import Taxonomy

PASSAGE_STATUSES = ("reused", "changed", "new")
"""A draft paragraph's statuses, in the order the report counts them."""
LISTED = 3
"""Letters named per paragraph ("also in") and per ask ("made before in") in the report, most
recent first; the rest are counted ("and 212 more letters"): a paragraph of a campaign letter
is in every copy, so against a large archive the full lists would grow with the archive, not
with the draft. ``check --json`` lists them all."""
ASK_STATUSES = ("carried", "reworded", "new", "dropped")
"""An ask's statuses, in the order the report counts them."""


def status_counts(values: Sequence[str], names: Sequence[str]) -> dict[str, int]:
    """How many of ``values`` are each of ``names`` (0 for a name not among them)."""
    return {name: list(values).count(name) for name in names}


def sources_text(result: CheckResult) -> str:
    """Which letters could be the draft's sources, and how many later ones were left out:
    "letters dated up to 2021-03-01 and undated ones; 2 later letters left out (--any-date
    uses them)"."""
    window = result.sources
    if window.any_date:
        return "letters of any date (--any-date)"
    if window.until is None:
        return "letters of any date (the draft has no date)"
    later = window.later_left_out
    left = (
        f"{later} later letter{'s' if later != 1 else ''} left out (--any-date uses them)"
        if later
        else "no later letter to leave out"
    )
    return f"letters dated up to {window.until} and undated ones; {left}"


def ref_name(ref: LetterRef) -> str:
    """A corpus letter as the report names it: "Minister X, 4 Jun 2018"
    (:func:`~compare.rendering.context.shared.letter_name`)."""
    return letter_name(ref.recipient, ref.date)


def prose_name(ref: LetterRef) -> str:
    """A corpus letter as a sentence names it: "the letter to the UN General Assembly of 3
    Mar 2019" ("the letter of 3 Mar 2019" without a recipient)."""
    to, when = recipient_phrase(ref.recipient), format_date(ref.date)
    if to:
        return f"the letter to {to} of {when}" if when else f"the undated letter to {to}"
    return f"the letter of {when}" if when else "an undated letter with no addressee"


_ISO_DATE = re.compile(r"(?<![\w-])(\d{4}-\d{2}-\d{2})(?![\w-])")


def named_warning(warning: CheckWarning, names: Mapping[str, str]) -> CheckWarning:
    """``warning`` as the page shows it: each letter key in its text (``names``' keys,
    longest first) replaced by the letter's name ("Minister X, 4 Jun 2018"), and ISO dates
    written as a reader writes them ("2021-09-01" → "1 Sep 2021"). The check's own
    result (and ``check --json``) keep the keys; only the page names letters."""
    text = warning.text
    for key in sorted(names, key=len, reverse=True):
        text = re.sub(rf"(?<![\w-]){re.escape(key)}(?![\w-])", names[key], text)
    text = _ISO_DATE.sub(lambda m: format_date(m.group(1)) or m.group(1), text)
    return replace(warning, text=text)


def verb_cell(ask: AskCheck) -> str | None:
    """An ask's verb as the ask table shows it: "urge", "urge (escalated)", "softened" (no
    verb of its own), ``None`` when it has neither a verb nor a verb change."""
    if ask.verb and ask.verb_change:
        return f"{ask.verb} ({ask.verb_change})"
    return ask.verb or ask.verb_change


def lineage_text(lineage: AskLineage) -> str:
    """A draft ask's lineage in words: “LABEL” (dropped after 2018)."""
    return f"“{lineage.label}” ({lineage.status_text})"


_MATCH_NOTES = {
    "meaning": "in other words",
    "subject": "on the same subject",
    "lineage": "same lineage",
}


def precedent_name(precedent: Precedent, verb: bool = True, named: bool = False) -> str:
    """ "KEY (verb)", and how it is linked when not by wording: "in other words" (by
    meaning), "on the same subject", "same lineage" (only through the lineage); with
    ``named``, the letter by recipient and date (:func:`ref_name`) instead of its key."""
    notes = [precedent.verb] if verb and precedent.verb else []
    if precedent.match in _MATCH_NOTES:
        notes.append(_MATCH_NOTES[precedent.match])
    key = ref_name(precedent.letter) if named else precedent.letter.key
    return f"{key} ({', '.join(notes)})" if notes else key


@dataclass(frozen=True)
class PassageRow:
    """One draft paragraph in the provenance table."""

    label: str
    """"¶3": its position among the draft's paragraphs."""
    kind: str
    """``body``, ``heading`` or ``list-item``."""
    status: str
    """``reused``, ``changed`` or ``new``."""
    origin: str | None
    """The letter the paragraph comes from, by recipient and date (:func:`ref_name`);
    ``None`` for new text."""
    origin_ref: str | None
    """That letter as ``FILE#PART``."""
    also_in: tuple[str, ...]
    """The other letters holding the same origin text, by recipient and date, most recent
    first; at most :data:`LISTED`."""
    also_more: int
    """Other letters holding it that ``also_in`` leaves out."""
    spans: Spans
    """The paragraph: for ``changed`` its word diff to the origin (``-`` only in the origin,
    ``+`` only in the draft), otherwise one ``=`` span."""


@dataclass(frozen=True)
class AskCheckRow:
    """One row of the check report's ask table."""

    status: str
    """``carried``, ``reworded``, ``new`` or ``dropped``."""
    text: str
    """The draft's ask (for ``dropped``, the base letter's)."""
    verb_change: str | None
    """The Verb column: the ask's operative verb and, when it moved against the closest
    precedent, how ("urge", "urge (escalated)", "escalated" for an ask without a verb);
    ``None`` when it has neither (the table shows "—")."""
    precedents: tuple[str, ...]
    """"Minister X, 4 Jun 2018 (verb)" of each precedent, newest first; "… (verb, in other
    words)" for one that asked the same in other words (``match`` ``meaning``); at most
    :data:`LISTED`."""
    precedents_more: int
    """Precedents ``precedents`` leaves out."""
    lineage: str | None = None
    """The corpus's ask lineage it joins, :func:`lineage_text`; ``None`` without one."""


@dataclass(frozen=True)
class CheckReportContext:
    """What ``check.html`` shows: summary, warnings, provenance of each paragraph with its
    redline to the source, what the base letter had that the draft drops, asks, signatories."""

    title: str
    """"Draft check: " and the draft's title."""
    generated: str
    """ISO date the report was made."""
    draft: LetterCard
    """The draft as the summary shows it (key "draft" when it has none), its date as a
    reader writes it ("5 Dec 2023") and its themes by their labels."""
    sources: str
    """Which letters could be the draft's sources, as :func:`sources_text` says it."""
    nearest: tuple[NearestLetter, ...]
    """The corpus letters most like the draft, best first."""
    base: str | None
    """Key of the base letter (the nearest, when a near-duplicate), ``None`` without one."""
    counts: dict[str, int]
    """Passages per status: reused, changed, new."""
    passages: tuple[PassageRow, ...]
    """Every draft paragraph but closing lines, in reading order."""
    missing: tuple[str, ...]
    """Paragraphs of the base letter the draft does not have."""
    ask_counts: dict[str, int]
    """carried, reworded, new, dropped, escalated, softened."""
    asks: tuple[AskCheckRow, ...]
    """The draft's asks in order, then the base letter's dropped asks."""
    signatories_against: str | None
    """Key of the letter the signatories are compared with (the base letter, the nearest
    when a near-duplicate); ``None`` when no earlier letter is close enough."""
    signatories: SignatoryChanges
    """That letter's signatories (A) against the draft's (B): ``only_b`` added, ``only_a``
    removed, ``renamed``; all empty without one."""
    warnings: tuple[CheckWarning, ...]
    """Likely slips: kind, one-line text, the draft sentence."""
    summary: tuple[str, ...] = ()
    """The check in plain sentences (:func:`compare.summary.check_sentences`)."""
    names: Mapping[str, str] = field(default_factory=dict)
    """Each corpus letter the report names (nearest, base), key → "Minister X, 4 Jun 2018":
    the page names letters by recipient and date, giving the key only where a command
    needs it (the nearest letters' table)."""
    widths: Mapping[str, tuple[float, ...]] = field(default_factory=dict)
    """Per cent of the page width of each column of the ``nearest``, ``passages`` and
    ``asks`` tables, chosen for their content (:mod:`compare.rendering.columns`)."""
    warning_labels: Mapping[str, str] = field(default_factory=dict)
    """Each warning kind's label in the "Kind" column ("changed-number" → "Changed figure";
    :func:`warning_labels`); a kind without one shows its code."""


@lru_cache(maxsize=1)
def warning_labels() -> dict[str, str]:
    """Warning kind → the label a reader sees ("stale-copy" → "Out-of-date phrase"), from
    ``[check.warning_labels]`` in ``compare/data/summary.toml``."""
    raw = table(load_data("summary"), "check")
    return {kind: labels[0] for kind, labels in word_lists(raw, "warning_labels").items()}


def _more(count: int, singular: str, plural: str) -> str:
    return f" and {count:,} more {singular if count == 1 else plural}" if count else ""


def _table_widths(
    nearest: Sequence[NearestLetter],
    base: str | None,
    passages: Sequence[PassageRow],
    asks: Sequence[AskCheckRow],
) -> dict[str, tuple[float, ...]]:
    """Column widths of the report's three tables of variable content."""
    widths = {}
    sources = [f"{n.letter.source}#{n.letter.part}" for n in nearest]
    terms = [", ".join(n.shared_terms) for n in nearest]
    if nearest:
        widths["nearest"] = column_widths(
            [
                Column([f"{n.score:.3f}" for n in nearest], header="Score", wrap=False),
                Column(
                    [
                        ref_name(n.letter) + (" (base)" if n.letter.key == base else "")
                        for n in nearest
                    ],
                    header="Letter",
                    bold=True,
                    cap=80,
                    small=[n.letter.key for n in nearest],
                ),
                Column([], header="Source", small=sources),
                Column([], header="Shared terms", small=terms),
            ]
        )
    if passages:
        status = [
            f"{row.status} ({row.kind})"
            + (f"\nfrom {row.origin}\n{row.origin_ref}" if row.origin else "")
            + (
                f"\nalso in: {', '.join(row.also_in)}{_more(row.also_more, 'letter', 'letters')}"
                if row.also_in
                else ""
            )
            for row in passages
        ]
        text = ["".join(t for _, t in row.spans) for row in passages]
        widths["passages"] = column_widths(
            [
                Column([], small=[row.label for row in passages], wrap=False),
                Column([], header="Status and source", small=status, cap=60, bold=True),
                Column(text, header="Draft text"),
            ]
        )
    if asks:
        widths["asks"] = column_widths(
            [
                Column([a.status for a in asks], header="Status", wrap=False),
                Column([a.verb_change or "—" for a in asks], header="Verb", wrap=False),
                Column([a.text for a in asks], header="Ask"),
                Column(
                    [],
                    header="Made before in",
                    small=[
                        (f"{a.lineage}: " if a.lineage else "")
                        + ", ".join(a.precedents)
                        + _more(a.precedents_more, "letter", "letters")
                        for a in asks
                    ],
                    cap=60,
                ),
            ]
        )
    return widths


def check_context(
    result: CheckResult, today: str | None = None, taxonomy: Taxonomy | None = None
) -> CheckReportContext:
    """The check report's context from a :class:`CheckResult`; ``taxonomy`` labels the
    themes (the packaged one for ``None``)."""
    draft = result.draft
    theme_label = theme_labeller(taxonomy)
    rows = []
    for label, paragraph, passage in zip(
        paragraph_labels(draft), passage_paragraphs(draft), result.passages, strict=True
    ):
        diff = passage.diff if passage.status == "changed" else (("=", passage.text),)
        spans = with_markers(diff, [paragraph.marker])
        rows.append(
            PassageRow(
                label=label,
                kind=paragraph.kind,
                status=passage.status,
                origin=ref_name(passage.origin) if passage.origin else None,
                origin_ref=f"{passage.origin.source}#{passage.origin.part}"
                if passage.origin
                else None,
                also_in=tuple(ref_name(o) for o in passage.also_in[:LISTED]),
                also_more=max(0, len(passage.also_in) - LISTED),
                spans=tuple(spans),
            )
        )
    ask_counts = status_counts([a.status for a in result.asks], ASK_STATUSES)
    ask_counts |= status_counts(
        [a.verb_change or "" for a in result.asks], ("escalated", "softened")
    )
    asks = tuple(
        AskCheckRow(
            status=a.status,
            text=a.text,
            verb_change=verb_cell(a),
            precedents=tuple(precedent_name(p, named=True) for p in a.precedents[:LISTED]),
            precedents_more=max(0, len(a.precedents) - LISTED),
            lineage=lineage_text(a.lineage) if a.lineage is not None else None,
        )
        for a in result.asks
    )
    card = letter_card(draft)
    card = LetterCard(
        **{
            **vars(card),
            "key": card.key or "draft",
            "title": card.title or "Draft",
            "date": format_date(card.date) or card.date,
            "themes": tuple(theme_label(slug) for slug in card.themes),
        }
    )
    named = [near.letter for near in result.nearest]
    referred = named + [p.origin for p in result.passages if p.origin is not None]
    referred += [o for p in result.passages for o in p.also_in]
    referred += [p.letter for a in result.asks for p in a.precedents]
    every_name = {ref.key: prose_name(ref) for ref in referred}
    return CheckReportContext(
        title=f"Draft check: {card.title}",
        generated=today or date.today().isoformat(),
        draft=card,
        sources=sources_text(result),
        nearest=result.nearest,
        base=base_key(result),
        counts=status_counts([p.status for p in result.passages], PASSAGE_STATUSES),
        passages=tuple(rows),
        missing=tuple(m.text for m in result.missing),
        ask_counts=ask_counts,
        asks=asks,
        signatories_against=(
            result.signatories_against.key if result.signatories_against is not None else None
        ),
        signatories=result.signatories,
        warnings=tuple(named_warning(w, every_name) for w in result.warnings),
        summary=tuple(check_sentences(result)),
        names={ref.key: ref_name(ref) for ref in named},
        widths=_table_widths(result.nearest, base_key(result), rows, asks),
        warning_labels=warning_labels(),
    )
