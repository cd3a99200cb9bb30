"""One letter's lines to a :class:`Letter`: label each line, then read the labelled spans.

In: a :class:`DocumentPart` (the lines of one letter, page chrome and all), a theme taxonomy
and a labeller (lines → one :data:`~compare.reading.labels.Label` per line). Out: a
:class:`Letter`, or :class:`NoLetterError` when the part holds no letter.

The labeller decides what each line is (:mod:`compare.reading.labels`); this module only
reads the spans: the title, subject, date and address block above the body, the salutation,
the body's paragraphs (:mod:`.paragraphs`), the closing and any closing prose after it, the
signature block (:mod:`.signatories`), footnotes, cc and source URL. Chrome is dropped. The
default labeller is the learned one (:mod:`compare.reading.linemodel`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import lru_cache

from compare.datafiles import load_data, table, words
from compare.errors import NoLetterError
from compare.models import DocumentPart, Footnote, Letter, Paragraph
from compare.reading.asks import extract_asks
from compare.reading.dates import date_in_labelled_line, dateline_in_paragraph
from compare.reading.footnotes import footnote_start
from compare.reading.labels import BODY_LABELS, Label
from compare.reading.lexicon import cc_start, is_footnote_heading, split_salutation
from compare.reading.paragraphs import split_paragraphs
from compare.reading.recipients import (
    is_address_line,
    recipient_from_block,
    recipient_from_intro,
    recipient_from_salutation,
    recipient_from_title,
)
from compare.reading.signatories import parse_signatories
from compare.themes import Taxonomy, tag_themes

Labeller = Callable[[list[str]], Sequence[Label | None]]
"""Lines of a part → a label per line (``None`` for a blank line)."""

SUBJECT = re.compile(r"^\s*(?:re|subject|subj|concerning)\s*[:.]\s*(.+)$", re.I)
_CLAIMED = re.compile(
    r"\b(?:(?:on behalf of|signed by|joined by|endorsed by|representing)\s+(?:the\s+)?"
    r"(?:undersigned\s+)?|the\s+undersigned\s+)"
    r"(?:over\s+|more than\s+|some\s+)?(\d{1,4})\s+(?:[\w-]+,?\s+){0,3}?"
    r"(?:organi[sz]ations|groups|ngos|signatories|individuals|members|civil society)",
    re.I,
)


_PAGE_COUNT = re.compile(
    r"(?<![\d,.])(?P<n>\d{1,3}(?:[,.\s]\d{3})+|\d{1,6})\s+(?:(?:people|supporters|persons|"
    r"individuals|organi[sz]ations)\s+(?:have\s+)?signed\b|(?:signatures|signatories|signers)\b"
    r"(?!\s+(?:needed|wanted|goal|to go)))",
    re.I,
)
"""A page's count of signatures: "See all 2,340 signatures", "48 people have signed"."""
_SIGN = re.compile("sign", re.I)


def parse_part(part: DocumentPart, taxonomy: Taxonomy, labeller: Labeller | None = None) -> Letter:
    """The letter in ``part``, its lines labelled by ``labeller`` (default: the learned line
    labeller, :func:`compare.reading.linemodel.model_labels`, which keeps the rules' label
    where it is unsure or has no model)."""
    from compare.reading.linemodel import model_labels

    lines = list(part.lines)
    return letter_from_labels(part, lines, list((labeller or model_labels)(lines)), taxonomy)


def letter_from_labels(
    part: DocumentPart, lines: list[str], labels: list[Label | None], taxonomy: Taxonomy
) -> Letter:
    """The letter whose lines carry ``labels`` (see the module docstring). Raises
    :class:`NoLetterError` when no line is body text or a salutation."""
    body_at = [i for i, label in enumerate(labels) if label in BODY_LABELS]
    salutation_at = next((i for i, label in enumerate(labels) if label == "salutation"), None)
    if not body_at and salutation_at is None:
        raise NoLetterError(part.source, "no letter found (no salutation and no running text)")
    start = min([*body_at[:1], *([salutation_at] if salutation_at is not None else [])])
    closing_at = next(
        (i for i, label in enumerate(labels) if label == "closing" and i > start), None
    )

    def rows(wanted: str, before: int | None = None, after: int = -1) -> list[int]:
        return [
            i
            for i, label in enumerate(labels)
            if label == wanted and i > after and (before is None or i < before)
        ]

    text_of = [line.strip() for line in lines]
    titles = rows("title", before=start)
    subjects = rows("subject")
    subject = None
    if subjects:
        subject = subject_text(text_of[subjects[0]])
    date = _letter_date(lines, rows("date", before=start), rows("date", after=start))
    if date is None and body_at:
        date = dateline_in_paragraph(text_of[body_at[0]])
    if date is None:
        date = _post_date(lines, labels, start)
    salutation, run_on = (
        split_salutation(text_of[salutation_at]) if salutation_at is not None else (None, "")
    )
    recipient_block = [
        text_of[i] for i in rows("recipient", before=start) if is_address_line(text_of[i])
    ]

    end = closing_at if closing_at is not None else len(lines)
    inside = [i for i in body_at if i < end]
    body_lines = _span(lines, labels, inside, BODY_LABELS)
    body, notes_before = _split_trailing_footnotes(split_paragraphs(body_lines))
    paragraphs = ([Paragraph(kind="body", text=run_on)] if run_on else []) + list(body)
    closing = text_of[closing_at] if closing_at is not None else None
    if closing is not None:
        paragraphs.append(Paragraph(kind="closing", text=closing))
    paragraphs += [Paragraph(kind="body", text=text_of[i]) for i in body_at if i > end]
    signature_rows = [i for i, label in enumerate(labels) if label in _SIGNATURE_LABELS]
    signature_lines = _span(lines, labels, signature_rows, _SIGNATURE_LABELS)
    signatories, warnings = parse_signatories(signature_lines)
    footnotes = notes_before + _footnotes([lines[i] for i in rows("footnote", after=end - 1)])
    cc = _cc(lines, labels)
    urls = rows("url")

    asks = extract_asks(paragraphs, taxonomy)
    body_text = "\n".join(p.text for p in paragraphs)
    theme_text = body_text + "\n" + "\n".join(a.text for a in asks)
    title = text_of[titles[-1]] if titles else None
    for i in rows("date", before=start):
        heading = _glued_heading(text_of[i])
        if heading and (not titles or i > titles[-1]):
            title = heading  # the heading nearest the letter
    intro = next((text_of[i] for i in range(start - 1, -1, -1) if text_of[i]), None)
    recipient = (
        recipient_from_block(recipient_block, salutation)
        or recipient_from_salutation(salutation)
        or recipient_from_title(title)
        or recipient_from_intro(intro)
        or recipient_from_salutation(salutation, generic=True)
    )
    claimed = _claimed_signatories(body_text, text_of)
    warnings = list(warnings)
    if salutation_at is None:
        warnings.append("no salutation found; the body starts at the first running text")
    if closing is None:
        warnings.append("no closing line found; signatories not read")
    if claimed and signatories and claimed != len(signatories):
        warnings.append(f"the letter claims {claimed} signatories; {len(signatories)} are listed")
    return Letter(
        key="",
        source=part.source,
        part=part.part,
        title=title,
        subject=subject,
        date=date,
        recipient=recipient,
        recipient_block=tuple(recipient_block),
        salutation=salutation,
        paragraphs=tuple(paragraphs),
        asks=tuple(asks),
        themes=tag_themes(theme_text, taxonomy),
        signatories=tuple(signatories),
        claimed_signatories=claimed,
        footnotes=tuple(footnotes),
        cc=tuple(cc),
        source_url=text_of[urls[0]] if urls else None,
        closing=closing,
        warnings=tuple(warnings),
    )


_SIGNATURE_LABELS = frozenset({"signature", "signature-heading"})


def _span(
    lines: list[str], labels: list[Label | None], rows: list[int], wanted: frozenset[str]
) -> list[str]:
    """The lines from the first to the last of ``rows`` whose label is in ``wanted``, blank
    lines kept (they separate paragraphs and signature entries)."""
    if not rows:
        return []
    return [
        lines[i] for i in range(rows[0], rows[-1] + 1) if labels[i] is None or labels[i] in wanted
    ]


_GLUED_YEAR = re.compile(r"(?<=\d{4})(?=[^\W\d_])")


def _glued_heading(line: str) -> str | None:
    """The heading a page glued to the dateline before it ("2 June, 2015Rehire the
    Drivers!" -> "Rehire the Drivers!"): text starting with a capital right after a year,
    with no space, of at least two words; ``None`` for any other line."""
    parts = _GLUED_YEAR.split(line, maxsplit=1)
    if len(parts) < 2 or not parts[1][:1].isupper() or len(parts[1].split()) < 2:
        return None
    return parts[1].strip() if date_in_labelled_line(parts[0]) else None


@lru_cache(maxsize=1)
def _subject_label() -> re.Pattern[str]:
    raw = table(load_data("letter"), "subject")
    listed = sorted(words(raw, "labels"), key=len, reverse=True)
    return re.compile(r"^\s*(?:" + "|".join(map(re.escape, listed)) + r")\s*[:.]\s*(?=\S)", re.I)


def subject_text(line: str) -> str:
    """The subject a subject line gives, its label cut (``[subject] labels`` of
    ``letter.toml``: "Objet : Projet de loi" → "Projet de loi")."""
    return _subject_label().sub("", line.strip(), count=1)


def _letter_date(lines: list[str], above: list[int], below: list[int]) -> str | None:
    """The letter's date: the last dateline above the body (nearest the letter), else the
    first one below it ("Dated: …" under the signatures)."""
    for i in [*reversed(above), *below]:
        date = date_in_labelled_line(lines[i])
        if date:
            return date
    return None


_POST_REACH = 4
"""How many lines of page furniture right above a letter :func:`_post_date` looks through
for the post's byline date (a byline stands by the text it dates: "@Jane Roe" then the date,
or "posted … by …" then a standfirst)."""


def _post_date(lines: list[str], labels: list[Label | None], start: int) -> str | None:
    """The post's date, for a letter that gives none of its own: a dateline among the
    page-furniture lines right above its first line ("posted 4 Mar 2016, 08:40 by Jane",
    "5 Feb 2019 14:20 (Lagos time)"), nearest first, at most :data:`_POST_REACH` of them;
    the search stops at any other line (a title, the address block)."""
    seen = 0
    for i in range(start - 1, -1, -1):
        if labels[i] is None:
            continue
        if labels[i] != "chrome" or seen == _POST_REACH:
            return None
        seen += 1
        date = date_in_labelled_line(lines[i])
        if date:
            return date
    return None


def page_date(lines: Sequence[str], labels: Sequence[Label | None]) -> str | None:
    """The date of the page a file's letters stand on: a line labelled ``date`` above
    everything but page chrome (above the first letter's title, address, salutation or text),
    as a letters page prints its date once over all its letters. ``None`` when the first
    dateline comes after the first letter has begun: that one is the letter's own."""
    for line, label in zip(lines, labels, strict=True):
        if label == "date":
            date = date_in_labelled_line(line)
            if date:
                return date
        elif label not in (None, "chrome", "url"):
            return None
    return None


def _footnotes(lines: list[str]) -> list[Footnote]:
    """Footnotes from the lines labelled ``footnote`` below the body: a line opening with a
    mark starts a note (numbers count as marks once a notes heading or a note was seen); other
    lines continue the note before them."""
    notes: list[Footnote] = []
    numbered = False
    for line in lines:
        if is_footnote_heading(line):
            numbered = True
            continue
        note = footnote_start(line, allow_numbers=numbered)
        if note:
            notes.append(Footnote(mark=note[0], text=note[1]))
            numbered = True
        elif notes:
            last = notes[-1]
            notes[-1] = Footnote(mark=last.mark, text=f"{last.text} {line.strip()}")
    return notes


def _cc(lines: list[str], labels: list[Label | None]) -> list[str]:
    """The cc entries: "cc: A; B" names several on one line; a block of lines after "cc:"
    is one entry (joined with ", ") until a blank line."""
    entries: list[str] = []
    block: list[str] = []

    def flush() -> None:
        if block:
            entries.append(", ".join(block))
            block.clear()

    for line, label in zip(lines, labels, strict=True):
        if label != "cc":
            if label is not None or block:
                flush()
            continue
        rest = cc_start(line)
        if rest is None:
            block.append(line.strip())
            continue
        flush()
        if ";" in rest:
            entries.extend(part.strip() for part in rest.split(";") if part.strip())
        elif rest:
            block.append(rest)
    flush()
    return entries


def _split_trailing_footnotes(
    paragraphs: list[Paragraph],
) -> tuple[list[Paragraph], list[Footnote]]:
    """Endnotes printed before the closing: trailing paragraphs that open with a mark."""
    notes: list[Footnote] = []
    while paragraphs:
        note = footnote_start(paragraphs[-1].text)
        if not note:
            break
        notes.insert(0, Footnote(mark=note[0], text=note[1]))
        paragraphs = paragraphs[:-1]
    return paragraphs, notes


def _claimed_signatories(text: str, lines: Sequence[str] = ()) -> int | None:
    """The number of signatories the letter claims: in its text ("signed by 57 organisations"),
    else on its page ("See all 2,340 signatures", "48 people have signed this petition"); the
    page's largest count, since a page may show a goal or a recent count too."""
    match = _CLAIMED.search(text)
    if match:
        return int(match.group(1))
    counts = [
        int(re.sub(r"[,.\s]", "", found.group("n")))
        for line in lines
        if _SIGN.search(line)  # every count's words hold "sign": a quick test of each line
        for found in _PAGE_COUNT.finditer(line)
    ]
    return max(counts) if counts else None
