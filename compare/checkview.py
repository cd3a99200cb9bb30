"""How a :class:`~compare.check.CheckResult` is shown: terminal text and the report context.

Pure functions: :func:`check_summary` returns the text the CLI prints; :func:`check_context`
(from :mod:`compare.rendering.context.check`, kept importable here) returns
:class:`CheckReportContext`, exactly what ``rendering/templates/check.html`` reads.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

from compare.check import AskCheck, CheckResult, base_key, paragraph_labels
from compare.rendering.context.check import (
    ASK_STATUSES,
    LISTED,
    PASSAGE_STATUSES,
    AskCheckRow,
    CheckReportContext,
    PassageRow,
    check_context,
    lineage_text,
    precedent_name,
    sources_text,
    status_counts,
)
from compare.summary import NO_SIGNATORY_BASE
from compare.terminal import cut_to, plural
from compare.worddiff import count_words

__all__ = [
    "ASK_STATUSES",
    "LISTED",
    "PASSAGE_STATUSES",
    "AskCheckRow",
    "CheckReportContext",
    "PassageRow",
    "check_context",
    "check_summary",
    "lineage_text",
    "sources_text",
]

_WIDTH = 88
_QUOTE = 70


# --------------------------------------------------------------------------- terminal


def _short(text: str, limit: int = _QUOTE) -> str:
    """``text`` on one line, shortened to ``limit`` cells at a word boundary, then "…"."""
    return cut_to(" ".join(text.split()), limit)


def _wrap_at(text: str, indent: str, width: int = _WIDTH) -> list[str]:
    return textwrap.wrap(
        text,
        width=max(min(width, _WIDTH), len(indent) + 20),
        initial_indent=indent,
        subsequent_indent=indent + "  ",
        break_long_words=False,
        break_on_hyphens=False,
    ) or [indent]


def check_summary(result: CheckResult, width: int = _WIDTH) -> str:
    """The check as terminal text: nearest letters, passages by status (changed and new ones
    named), missing paragraphs, asks by status, signatory changes and warnings; wrapped at
    ``width`` terminal cells (at most 88), words never broken."""

    def wrap(text: str, indent: str) -> list[str]:
        return _wrap_at(text, indent, width)

    draft = result.draft
    title = draft.title or draft.subject or draft.key or "draft"
    out = [
        *wrap(f"Draft: {title}", ""),
        *wrap(
            f"date {draft.date or 'none'}; to {draft.recipient or 'no recipient found'}; "
            f"{plural(len(draft.signatories), 'signatory', 'signatories')}; "
            f"{plural(len(draft.asks), 'ask')}",
            "  ",
        ),
        *wrap(f"Sources: {sources_text(result)}", "  "),
        "",
        "Nearest letters:",
    ]
    if not result.nearest:
        out.append("  none (the corpus has no letter with words in common)")
    for near in result.nearest:
        terms = ", ".join(near.shared_terms[:5])
        ref = near.letter
        line = f"{near.score:.3f}  {ref.key}  ({ref.source}#{ref.part})  {terms}"
        out += wrap(line, "  ")
    base = base_key(result)
    counts = status_counts([p.status for p in result.passages], PASSAGE_STATUSES)
    out += [
        "",
        f"Passages: {counts['reused']} reused, {counts['changed']} changed, {counts['new']} new",
    ]
    labels = paragraph_labels(draft)
    for label, passage in zip(labels, result.passages, strict=True):
        if passage.status == "changed" and passage.origin is not None:
            added, removed = count_words(list(passage.diff))
            out += wrap(
                f"{label} changed from {passage.origin.key} (+{added}/−{removed} "
                f"{'word' if added + removed == 1 else 'words'}): "
                f"“{_short(passage.text)}”",
                "  ",
            )
        elif passage.status == "new":
            out += wrap(f"{label} new: “{_short(passage.text)}”", "  ")
    if base is None:
        out += ["", "Missing: no earlier letter is a near-duplicate of the draft"]
    else:
        out += ["", f"Missing from {base}: {plural(len(result.missing), 'paragraph')}"]
        out += [line for m in result.missing for line in wrap(f"- “{_short(m.text)}”", "  ")]
    out += ["", _ask_line(result.asks)]
    for ask in result.asks:
        if ask.status != "carried" or ask.verb_change:
            verb = f", {ask.verb_change}" if ask.verb_change else ""
            before = ""
            if ask.status != "dropped" and ask.precedents:
                named = [precedent_name(p, verb=False) for p in ask.precedents[:3]]
                more = " …" if len(ask.precedents) > 3 else ""
                before = f" — before in {', '.join(named)}{more}"
                if ask.lineage is not None:
                    before += f"; lineage {lineage_text(ask.lineage)}"
            out += wrap(f"{ask.status}{verb}: “{_short(ask.text)}”{before}", "  ")
    out += ["", *_signatory_lines(result)]
    out += ["", f"Warnings: {len(result.warnings) or 'none'}"]
    for warning in result.warnings:
        out += wrap(f"[{warning.kind}] {warning.text}", "  ")
    fitted = [
        part
        for line in out
        for part in (
            wrap(line.strip(), line[: len(line) - len(line.lstrip())])
            if len(line) > min(width, _WIDTH)
            else [line]
        )
    ]
    return "\n".join(fitted)


def _ask_line(asks: Sequence[AskCheck]) -> str:
    counts = status_counts([a.status for a in asks], ASK_STATUSES)
    changes = status_counts([a.verb_change or "" for a in asks], ("escalated", "softened"))
    return (
        "Asks: "
        + ", ".join(f"{n} {status}" for status, n in counts.items())
        + f"; {changes['escalated']} escalated, {changes['softened']} softened"
    )


def _signatory_lines(result: CheckResult) -> list[str]:
    if result.signatories_against is None:
        return [f"Signatories: {NO_SIGNATORY_BASE}"]
    s = result.signatories
    lines = [
        f"Signatories against {result.signatories_against.key}: {len(s.only_b)} added, "
        f"{len(s.only_a)} removed, {len(s.renamed)} renamed"
    ]
    lines += [f"  + {name}" for name in s.only_b]
    lines += [f"  - {name}" for name in s.only_a]
    lines += [f"  ~ {r.a} → {r.b}  ({r.reason})" for r in s.renamed]
    return lines
