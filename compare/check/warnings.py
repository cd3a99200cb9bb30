"""The editor's warnings: the slips a copied letter tends to carry.

In: a :class:`~compare.check.context.CheckContext` (the draft, the corpus and its index) and
the draft's traced :class:`~compare.check.results.Passage` s. Out:
:class:`~compare.check.results.CheckWarning` s, by kind in the order below, then in reading
order; one line each, ``detail`` the draft sentence where it was found.

* ``changed-number`` — a ``changed`` passage whose dates, years (with their month, as written)
  or other numbers differ from its origin paragraph's: "12 → 15", "3 May 2019 → 3 May
  2020"; a value only on one side shows "—" on the other.
* ``date-after-draft`` — a full date in a passage later than the draft's own date (only for a
  dated draft).
* ``stale-copy`` — a ``reused``/``changed`` passage that keeps a relative-time phrase of its
  origin ("next year"; list in ``data/check.toml``) when origin and draft were written in
  different years; and one that keeps a year (or date) of its origin equal to the origin
  letter's own year (or date) while the draft is dated later ("in March 2019" in a draft of
  2020 copied from a letter of 2019). Only what the origin paragraph also says is flagged:
  a date the drafter typed anew is theirs.
* ``recipient-mismatch`` — the draft addresses the recipient of another letter, or names,
  anywhere, the recipient of the letter it copies: the origin of the most of its ``reused``
  and ``changed`` passages, all those tied (:mod:`compare.check.recipients`).
* ``duplicate-signatory`` — the draft's own parse warnings about a signatory listed more than
  once, one per signatory: "the draft lists Group A twice" ("3 times").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache

from compare.check.context import CheckContext
from compare.check.index import paragraph_labels
from compare.check.recipients import recipient_mismatches
from compare.check.results import CheckWarning, Passage
from compare.check.text import check_words, normal, phrase_pattern, sentence
from compare.models import Letter
from compare.reading.dates import find_dates
from compare.text import MONTH_PATTERN

_NUMBER = re.compile(r"(?<![\w.,])\d+(?:[.,]\d+)*(?:st|nd|rd|th)?(?!\w)", re.I)
_ORDINAL = r"\d{1,2}(?:st|nd|rd|th)?"
_YEAR_MENTION = re.compile(
    rf"(?<!\w)(?:(?:{_ORDINAL}\s+(?:of\s+)?)?{MONTH_PATTERN}\.?\s+(?:{_ORDINAL},?\s+)?)?"
    r"(?P<year>(?:19|20)\d\d)(?!\w)",
    re.I,
)


_DUPLICATE = re.compile(r"duplicate signatory(?: \(listed (?P<count>\d+) times\))?: (?P<name>.+)")
"""A parse warning about a signatory listed more than once
(:func:`compare.reading.signatories.parse_signatories`)."""


@lru_cache(maxsize=1)
def _relative_time() -> re.Pattern[str]:
    return re.compile(r"(?<!\w)" + phrase_pattern(check_words().relative_time) + r"(?!\w)", re.I)


def check_warnings(context: CheckContext, passages: Sequence[Passage]) -> tuple[CheckWarning, ...]:
    """The draft's warnings (kinds and order in the module docstring)."""
    draft = context.draft
    labels = paragraph_labels(draft)
    found: list[CheckWarning] = []
    for label, passage in zip(labels, passages, strict=True):
        if passage.status == "changed":
            found += _changed_numbers(label, passage)
    if draft.date:
        for label, passage in zip(labels, passages, strict=True):
            found += _dates_after(label, passage.text, draft.date)
    for label, passage in zip(labels, passages, strict=True):
        if passage.origin is not None:
            origin = context.corpus[context.position[passage.origin.key]]
            found += _stale(label, passage, origin, draft.date)
    found += recipient_mismatches(
        draft, context.index.recipients, labels, passages, _copied(context, passages)
    )
    for warning in draft.warnings:
        repeated = _DUPLICATE.fullmatch(warning)
        if repeated:
            name, count = repeated["name"].strip(), int(repeated["count"] or 2)
            times = "twice" if count == 2 else f"{count} times"
            found.append(
                CheckWarning("duplicate-signatory", f"the draft lists {name} {times}", name)
            )
    return tuple(found)


def _copied(context: CheckContext, passages: Sequence[Passage]) -> tuple[Letter, ...]:
    """The corpus letters the draft is a copy of: the origins of the most of its ``reused``
    and ``changed`` passages (all of those tied), none when no passage has an origin."""
    counts = Counter(
        passage.origin.key
        for passage in passages
        if passage.origin is not None and passage.status in ("reused", "changed")
    )
    if not counts:
        return ()
    most = max(counts.values())
    return tuple(
        context.corpus[context.position[key]] for key, count in counts.items() if count == most
    )


def _mentions(text: str) -> list[tuple[str, str, int, int]]:
    """Dates, years (with month and day as written) and other numbers of ``text``:
    ``(category, as written, start, end)``; categories ``date``, ``year``, ``number``."""
    found: list[tuple[str, str, int, int]] = []
    work = text
    for written, _iso in find_dates(text):
        start = work.find(written)
        if start < 0:
            continue
        found.append(("date", written, start, start + len(written)))
        work = work[:start] + " " * len(written) + work[start + len(written) :]
    for match in _YEAR_MENTION.finditer(work):
        found.append(("year", match.group(0), match.start(), match.end()))
    work = _YEAR_MENTION.sub(lambda m: " " * len(m.group(0)), work)
    for match in _NUMBER.finditer(work):
        found.append(("number", match.group(0), match.start(), match.end()))
    return sorted(found, key=lambda m: m[2])


def _value(category: str, written: str) -> str:
    if category == "date":
        dates = find_dates(written)
        return dates[0][1] if dates else written
    return " ".join(written.casefold().replace(",", " ").split())


def _changed_numbers(label: str, passage: Passage) -> list[CheckWarning]:
    old = _mentions(passage.origin_text or "")
    new = _mentions(passage.text)
    changes: list[str] = []
    first_new: int | None = None
    for category in ("date", "year", "number"):
        old_items = [m for m in old if m[0] == category]
        new_items = [m for m in new if m[0] == category]
        gone = _unmatched(old_items, new_items, category)
        added = _unmatched(new_items, old_items, category)
        for n in range(max(len(gone), len(added))):
            before = gone[n][1] if n < len(gone) else "—"
            after = added[n][1] if n < len(added) else "—"
            changes.append(f"{before} → {after}")
        if added and (first_new is None or added[0][2] < first_new):
            first_new = added[0][2]
    if not changes:
        return []
    assert passage.origin is not None
    where = first_new if first_new is not None else 0
    return [
        CheckWarning(
            "changed-number",
            f"{label} changes numbers of {passage.origin.key}: {', '.join(changes)}",
            sentence(passage.text, where, where + 1),
        )
    ]


def _unmatched(
    mine: Sequence[tuple[str, str, int, int]],
    theirs: Sequence[tuple[str, str, int, int]],
    category: str,
) -> list[tuple[str, str, int, int]]:
    """The mentions of ``mine`` whose values ``theirs`` does not have (as many times)."""
    left = Counter(_value(category, m[1]) for m in theirs)
    unmatched = []
    for mention in mine:
        value = _value(category, mention[1])
        if left[value] > 0:
            left[value] -= 1
        else:
            unmatched.append(mention)
    return unmatched


def _dates_after(label: str, text: str, draft_date: str) -> list[CheckWarning]:
    warnings = []
    for category, written, start, end in _mentions(text):
        if category != "date":
            continue
        iso = _value("date", written)
        if iso > draft_date:
            warnings.append(
                CheckWarning(
                    "date-after-draft",
                    f"{label} mentions {written}, after the draft's own date {draft_date}",
                    sentence(text, start, end),
                )
            )
    return warnings


def _stale(
    label: str, passage: Passage, origin: Letter, draft_date: str | None
) -> list[CheckWarning]:
    if not draft_date or not origin.date:
        return []
    warnings = []
    origin_text = normal(passage.origin_text or "").casefold()
    draft_year, origin_year = draft_date[:4], origin.date[:4]
    if draft_year != origin_year:
        kept = [
            m
            for m in _relative_time().finditer(passage.text)
            if normal(m.group(0)).casefold() in origin_text
        ]
        if kept:
            phrases = ", ".join(dict.fromkeys(f'"{m.group(0)}"' for m in kept))
            warnings.append(
                CheckWarning(
                    "stale-copy",
                    f"{label} keeps {phrases} from {origin.key}, written in {origin_year}; "
                    f"the draft is dated {draft_date}",
                    sentence(passage.text, kept[0].start(), kept[0].end()),
                )
            )
    if draft_date > origin.date:
        stale = []
        for category, written, start, end in _mentions(passage.text):
            if category == "number" or normal(written).casefold() not in origin_text:
                continue
            value = _value(category, written)
            same_date = category == "date" and value == origin.date
            year = _YEAR_MENTION.search(written)
            same_year = (
                year is not None and year.group("year") == origin_year and draft_year > origin_year
            )
            if same_date or same_year:
                stale.append((written, start, end))
        if stale:
            mentions = ", ".join(dict.fromkeys(f'"{w}"' for w, _, _ in stale))
            warnings.append(
                CheckWarning(
                    "stale-copy",
                    f"{label} keeps {mentions} from {origin.key}, dated {origin.date}; "
                    f"the draft is dated {draft_date}",
                    sentence(passage.text, stale[0][1], stale[0][2]),
                )
            )
    return warnings
