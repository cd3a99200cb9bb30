"""Line labels: what each line of a letter part is.

In: the lines of a :class:`~compare.models.DocumentPart`. Out: one label per line, ``None``
for a blank line. The label set (README, "When a letter is read wrong"):

============================  ============================================================
``chrome``                    page furniture: menus, share widgets, comment feeds, footers
``title``                     the letter's heading
``date``                      the letter's own date line (or the post's: "Posted on …")
``recipient``                 the address block: who the letter is to
``subject``                   "Re: …" / "Subject: …"
``salutation``                "Dear …", "To the Minister,"
``body``                      running text of the letter, closing prose included
``heading``                   a heading inside the body
``list-item``                 a bulleted or numbered item of the body
``closing``                   "Sincerely," and its kin
``signature-heading``         "Signatories:", "Signed by:", "Endorsed by the undersigned"
``signature``                 a line of the signature block (a name, a title, an org)
``footnote``                  a footnote or endnote, or its heading
``cc``                        a cc block line
``url``                       the source URL of the letter
============================  ============================================================

:func:`rule_labels` gives the labels that compare-letters' structural rules imply (the
salutation opens the body, a closing ends it, then closing prose, signatures, footnotes, cc);
the learned labeller (:mod:`compare.reading.lines`) uses them as one feature among many.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal, get_args

from compare.models import Document
from compare.reading.dates import parse_date_line
from compare.reading.footnotes import footnote_start
from compare.reading.lexicon import (
    cc_start,
    has_title_word,
    is_chrome,
    is_closing,
    is_footnote_heading,
    is_prose,
    is_salutation,
    is_url,
)
from compare.reading.signatories import is_signatory_heading

Label = Literal[
    "chrome",
    "title",
    "date",
    "recipient",
    "subject",
    "salutation",
    "body",
    "heading",
    "list-item",
    "closing",
    "signature-heading",
    "signature",
    "footnote",
    "cc",
    "url",
]
LABELS: tuple[Label, ...] = get_args(Label)
BODY_LABELS: frozenset[str] = frozenset({"body", "heading", "list-item"})
"""Labels whose lines make the letter's paragraphs."""


START_LABELS: frozenset[str] = frozenset({"title", "date", "recipient", "subject", "salutation"})
"""Labels that open a letter (a second letter in a file starts with one of them)."""
END_LABELS: frozenset[str] = frozenset({"closing", "signature"})
"""Labels that close a letter (a footnote or cc line may stand inside one: notes are often
printed before the closing)."""


def document_rule_labels(document: Document) -> list[Label | None]:
    """The rule label of every line of ``document`` (:func:`document_lines`): each part the
    rules cut it into is labelled by :func:`rule_labels`; separator lines are ``chrome``."""
    from compare.reading.splitting import document_lines, split_document

    lines = document_lines(document.text)
    labels: list[Label | None] = ["chrome" if line.strip() else None for line in lines]
    for part in split_document(document):
        for offset, label in enumerate(rule_labels(list(part.lines))):
            labels[part.first_line + offset] = label
    return labels


def split_labelled(lines: Sequence[str], labels: Sequence[Label | None]) -> list[tuple[int, int]]:
    """Where the letters of a labelled document lie: ``(start, end)`` line ranges, one per
    letter, in order. A new letter starts at a line labelled to open one
    (:data:`START_LABELS`) once the letter before has body text and has ended (a closing or
    signature line since its first body line); the run of opening lines
    (title, date, salutation…) just above goes with it. Lines before the first letter and
    after the last stay with them (the reader drops them as chrome)."""
    starts = [0]
    has_body = ended = False
    for i, label in enumerate(labels):
        if label is None or label == "chrome":
            continue
        if label in BODY_LABELS:
            has_body = True
        elif label in END_LABELS and has_body:
            ended = True
        elif label in START_LABELS and ended:
            starts.append(i)
            has_body = ended = False
    bounds = [*starts[1:], len(lines)]
    ranges: list[tuple[int, int]] = []
    for a, b in zip(starts, bounds, strict=True):
        if ranges and not any(label in BODY_LABELS for label in labels[a:b]):
            ranges[-1] = (ranges[-1][0], b)  # no body of its own: a dateline under signatures
        else:
            ranges.append((a, b))
    return ranges


def rule_labels(lines: list[str]) -> list[Label | None]:
    """The label of each line as the structural rules read it (``None`` for blank lines).
    A part with neither a salutation nor running text is all ``chrome``."""
    labels: list[Label | None] = [None if not line.strip() else "chrome" for line in lines]
    salutation_at = next((i for i, line in enumerate(lines) if is_salutation(line)), None)
    body_start = salutation_at + 1 if salutation_at is not None else _first_prose(lines)
    if body_start is None:
        return labels
    header_end = salutation_at if salutation_at is not None else body_start
    body_end, closing_at = _body_end(lines, body_start)
    for i, label in enumerate(_header_labels(lines[:header_end])):
        labels[i] = label
    if salutation_at is not None:
        labels[salutation_at] = "salutation"
    body = [i for i in range(body_start, body_end) if lines[i].strip()]
    for i in body:
        labels[i] = "chrome" if is_chrome(lines[i]) else "body"
    _mark_trailing_footnotes(lines, body, labels)
    if closing_at is not None:
        labels[closing_at] = "closing"
    start = body_end + (closing_at is not None)
    for offset, label in enumerate(_trailer_labels(lines[start:])):
        labels[start + offset] = label
    return labels


def _first_prose(lines: list[str]) -> int | None:
    return next((i for i, line in enumerate(lines) if is_prose(line) and not is_chrome(line)), None)


def _body_end(lines: list[str], start: int) -> tuple[int, int | None]:
    """(index after the body, index of the closing line or None)."""
    for i in range(start, len(lines)):
        if is_closing(lines[i]):
            return i, i
        if is_signatory_heading(lines[i]) or cc_start(lines[i]) is not None:
            return i, None
    end = len(lines)
    while end > start and (not lines[end - 1] or is_chrome(lines[end - 1])):
        end -= 1
    return end, None


def header_kind(line: str) -> str:
    """What a line above the body is by the rules: ``blank``, ``chrome``, ``date``,
    ``subject``, ``url``, ``title`` or ``other``."""
    if not line.strip():
        return "blank"
    if is_chrome(line):
        return "chrome"
    if parse_date_line(line):
        return "date"
    if is_subject(line):
        return "subject"
    if is_url(line):
        return "url"
    if has_title_word(line) and not line.strip().endswith(","):
        return "title"
    return "other"


def is_subject(line: str) -> bool:
    """A "Re: …" or "Subject: …" line."""
    from compare.reading.parsing import SUBJECT

    return SUBJECT.match(line) is not None


def _header_labels(lines: list[str]) -> list[Label | None]:
    """Labels of the lines above the body: the address block nearest above the salutation
    is the recipient; a line above the date with no other role is the title."""
    kinds = [header_kind(line) for line in lines]
    labels: list[Label | None] = []
    for kind in kinds:
        if kind == "blank":
            labels.append(None)
        elif kind in ("date", "subject", "url", "title"):
            labels.append(kind)  # type: ignore[arg-type]  # these kinds are labels
        else:
            labels.append("chrome")
    for i in _address_rows(lines, kinds):
        labels[i] = "recipient"
    if "title" not in labels:
        first = next((i for i, k in enumerate(kinds) if k not in ("blank", "chrome")), None)
        date_at = kinds.index("date") if "date" in kinds else None
        if (
            first is not None
            and kinds[first] == "other"
            and date_at is not None
            and first < date_at
        ):
            labels[first] = "title"
    return labels


def _address_rows(lines: list[str], kinds: list[str]) -> list[int]:
    """Rows of the run of address lines nearest above the salutation."""
    rows: list[int] = []
    for i in range(len(lines) - 1, -1, -1):
        kind = kinds[i]
        if kind in ("blank", "chrome"):
            continue
        if kind in ("title", "subject", "url") and not rows:
            continue
        if kind != "other" or is_prose(lines[i]):
            break
        rows.append(i)
    return rows


def _mark_trailing_footnotes(lines: list[str], body: list[int], labels: list[Label | None]) -> None:
    """Endnotes printed before the closing: the last blocks of body lines (blank-separated)
    whose first line opens with a mark."""
    blocks: list[list[int]] = []
    for i in body:
        if labels[i] != "body":
            continue
        if blocks and i == blocks[-1][-1] + 1:
            blocks[-1].append(i)
        else:
            blocks.append([i])
    for block in reversed(blocks):
        if not footnote_start(lines[block[0]]):
            break
        for i in block:
            labels[i] = "footnote"


def _trailer_labels(lines: list[str]) -> list[Label | None]:
    """Labels of the lines after the closing: prose, signatures, then notes."""
    labels: list[Label | None] = [None] * len(lines)
    i = 0
    while i < len(lines) and (not lines[i] or is_prose(lines[i])):
        if lines[i]:
            labels[i] = "chrome" if is_chrome(lines[i]) else "body"
        i += 1
    while i < len(lines) and not _ends_signatures(lines[i]):
        if lines[i].strip():
            if parse_date_line(lines[i]):
                labels[i] = "date"
            elif is_signatory_heading(lines[i]):
                labels[i] = "signature-heading"
            else:
                labels[i] = "signature"
        i += 1
    mode: str | None = None
    for j in range(i, len(lines)):
        line = lines[j]
        if not line:
            continue
        if is_url(line):
            labels[j], mode = "url", None
        elif is_chrome(line):
            labels[j], mode = "chrome", "chrome"
        elif parse_date_line(line) and mode != "notes":
            labels[j], mode = "date", None
        elif cc_start(line) is not None:
            labels[j], mode = "cc", "cc"
        elif (
            is_footnote_heading(line)
            or footnote_start(line, allow_numbers=mode == "notes")
            and mode != "cc"
        ):
            labels[j], mode = "footnote", "notes"
        elif mode in ("notes", "cc"):
            labels[j] = "footnote" if mode == "notes" else "cc"
        else:
            labels[j] = "chrome"
    return labels


def _ends_signatures(line: str) -> bool:
    return bool(
        line
        and (
            is_chrome(line)
            or is_url(line)
            or cc_start(line) is not None
            or footnote_start(line) is not None
            or is_footnote_heading(line)
            or is_prose(line)
        )
    )
