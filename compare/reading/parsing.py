"""One letter's lines to a :class:`Letter`: find the letter's span, then read its parts.

In: a :class:`DocumentPart` (the lines of one letter, page chrome and all) and a theme
taxonomy. Out: a :class:`Letter`, or :class:`NoLetterError` when the part holds no letter.

The span is found by structure, not by phrase lists: a salutation opens the body (or, for a
statement with no addressee, the first line of running text does); a closing line ends it;
after the closing come, in this order, any closing prose ("Thank you for …"), the signature
block, then footnotes, a cc block and a source URL. Everything else — menus above the
heading, captions, "Previous/Next" links, bios and donation appeals below the signatures —
lies outside the span and is dropped. ``lexicon`` supplies what a salutation, closing or
line of chrome looks like.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from compare.errors import NoLetterError
from compare.models import DocumentPart, Footnote, Letter, Paragraph
from compare.reading.asks import extract_asks
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
from compare.reading.paragraphs import split_paragraphs
from compare.reading.recipients import (
    recipient_from_block,
    recipient_from_salutation,
    recipient_from_title,
)
from compare.reading.signatories import is_signatory_heading, parse_signatories
from compare.themes import Taxonomy, tag_themes

_SUBJECT = re.compile(r"^\s*(?:re|subject|subj|concerning)\s*[:.]\s*(.+)$", re.I)
_CLAIMED = re.compile(
    r"\b(?:on behalf of|signed by|joined by|endorsed by|representing)\s+(?:the\s+)?"
    r"(?:undersigned\s+)?(?:over\s+|more than\s+|some\s+)?(\d{1,4})\s+(?:[\w-]+,?\s+){0,3}?"
    r"(?:organi[sz]ations|groups|ngos|signatories|individuals|members|civil society)",
    re.I,
)


@dataclass
class _Trailer:
    """What follows the closing: prose, signature lines, footnotes, cc, URL, a late date."""

    prose: list[str] = field(default_factory=list)
    signature_lines: list[str] = field(default_factory=list)
    footnotes: list[Footnote] = field(default_factory=list)
    cc: list[str] = field(default_factory=list)
    source_url: str | None = None
    date: str | None = None


def parse_part(part: DocumentPart, taxonomy: Taxonomy) -> Letter:
    """The letter in ``part`` (see the module docstring for how its span is found)."""
    lines = list(part.lines)
    salutation_at = next((i for i, line in enumerate(lines) if is_salutation(line)), None)
    body_start = salutation_at + 1 if salutation_at is not None else _first_prose(lines)
    if body_start is None:
        raise NoLetterError(part.source, "no letter found (no salutation and no running text)")
    header_end = salutation_at if salutation_at is not None else body_start
    body_end, closing_at = _body_end(lines, body_start)

    header = _read_header(lines[:header_end])
    body_lines = [line for line in lines[body_start:body_end] if not is_chrome(line)]
    body, footnotes = _split_trailing_footnotes(split_paragraphs(body_lines))
    closing = lines[closing_at].strip() if closing_at is not None else None
    trailer = _read_trailer(lines[body_end + (closing_at is not None) :])

    paragraphs = list(body)
    if closing:
        paragraphs.append(Paragraph(kind="closing", text=closing))
    paragraphs += [Paragraph(kind="body", text=text) for text in trailer.prose]
    signatories, warnings = parse_signatories(trailer.signature_lines)
    salutation = lines[salutation_at].strip() if salutation_at is not None else None

    asks = extract_asks(paragraphs, taxonomy)
    body_text = "\n".join(p.text for p in paragraphs)
    theme_text = body_text + "\n" + "\n".join(a.text for a in asks)
    recipient = (
        recipient_from_block(header["recipient_block"], salutation)
        or recipient_from_title(header["title"])
        or recipient_from_salutation(salutation)
    )
    claimed = _claimed_signatories(body_text)
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
        title=header["title"],
        subject=header["subject"],
        date=header["date"] or trailer.date,
        recipient=recipient,
        recipient_block=tuple(header["recipient_block"]),
        salutation=salutation,
        paragraphs=tuple(paragraphs),
        asks=tuple(asks),
        themes=tag_themes(theme_text, taxonomy),
        signatories=tuple(signatories),
        claimed_signatories=claimed,
        footnotes=tuple(footnotes + trailer.footnotes),
        cc=tuple(trailer.cc),
        source_url=header["source_url"] or trailer.source_url,
        closing=closing,
        warnings=tuple(warnings),
    )


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


def _read_header(lines: list[str]) -> dict[str, Any]:
    """Title, subject, date, source URL and address block from the lines above the body."""
    kinds: list[str] = []
    found: dict[str, Any] = {"title": None, "subject": None, "date": None, "source_url": None}
    titles: list[str] = []
    for line in lines:
        kind = _header_kind(line)
        kinds.append(kind)
        if kind == "date":
            found["date"] = parse_date_line(line)  # the last dateline wins: nearest the letter
        elif kind == "subject":
            subject = _SUBJECT.match(line)
            found["subject"] = subject.group(1).strip() if subject else None
        elif kind == "url":
            found["source_url"] = line.strip()
        elif kind == "title":
            titles.append(line.strip())
    found["recipient_block"] = _address_block(lines, kinds)
    if titles:
        found["title"] = titles[-1]
    else:
        first = next((i for i, k in enumerate(kinds) if k not in ("blank", "chrome")), None)
        date_at = kinds.index("date") if "date" in kinds else None
        if (
            first is not None
            and kinds[first] == "other"
            and date_at is not None
            and first < date_at
        ):
            found["title"] = lines[first].strip()
    return found


def _header_kind(line: str) -> str:
    if not line.strip():
        return "blank"
    if is_chrome(line):
        return "chrome"
    if parse_date_line(line):
        return "date"
    if _SUBJECT.match(line):
        return "subject"
    if is_url(line):
        return "url"
    if has_title_word(line) and not line.strip().endswith(","):
        return "title"
    return "other"


def _address_block(lines: list[str], kinds: list[str]) -> list[str]:
    """The run of address lines nearest above the salutation (titles and subject skipped)."""
    block: list[str] = []
    for line, kind in zip(reversed(lines), reversed(kinds), strict=True):
        if kind in ("blank", "chrome"):
            continue
        if kind in ("title", "subject", "url") and not block:
            continue
        if kind != "other" or is_prose(line):
            break
        block.append(line.strip())
    return list(reversed(block))


def _read_trailer(lines: list[str]) -> _Trailer:
    """Sort the lines after the closing into prose, signatures, footnotes, cc and URL."""
    trailer = _Trailer()
    i = 0
    while i < len(lines) and (not lines[i] or is_prose(lines[i])):
        if lines[i] and not is_chrome(lines[i]):
            trailer.prose.append(lines[i].strip())
        i += 1
    while i < len(lines) and not _ends_signatures(lines[i]):
        trailer.signature_lines.append(lines[i])
        date = parse_date_line(lines[i])
        if date and trailer.date is None:
            trailer.date = date
            trailer.signature_lines.pop()
        i += 1
    _read_notes(lines[i:], trailer)
    return trailer


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


def _read_notes(lines: list[str], trailer: _Trailer) -> None:
    """Footnotes, cc block and source URL below the signatures; anything else is chrome."""
    mode = None
    cc_block: list[str] = []

    def flush_cc() -> None:
        if cc_block:
            trailer.cc.append(", ".join(cc_block))
            cc_block.clear()

    for line in lines:
        if not line:
            if mode == "cc":
                flush_cc()
            continue
        if is_url(line):
            flush_cc()
            trailer.source_url = trailer.source_url or line.strip()
            mode = None
            continue
        if is_chrome(line):
            flush_cc()
            mode = "chrome"
            continue
        date = parse_date_line(line)
        if date and mode != "notes":
            flush_cc()
            trailer.date = trailer.date or date  # "Dated: …" below the signatures
            mode = None
            continue
        rest = cc_start(line)
        if rest is not None:
            flush_cc()
            mode = "cc"
            if ";" in rest:  # "cc: Minister A; Minister B" names several on one line
                trailer.cc.extend(part.strip() for part in rest.split(";") if part.strip())
            elif rest:
                cc_block.append(rest)
            continue
        if is_footnote_heading(line):
            mode = "notes"
            continue
        note = footnote_start(line, allow_numbers=mode == "notes")
        if note and mode != "cc":
            trailer.footnotes.append(Footnote(mark=note[0], text=note[1]))
            mode = "notes"
        elif mode == "notes" and trailer.footnotes:
            last = trailer.footnotes[-1]
            trailer.footnotes[-1] = Footnote(mark=last.mark, text=f"{last.text} {line.strip()}")
        elif mode == "cc":
            cc_block.append(line.strip())
    flush_cc()


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


def _claimed_signatories(text: str) -> int | None:
    match = _CLAIMED.search(text)
    return int(match.group(1)) if match else None
