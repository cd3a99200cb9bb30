"""Body lines to paragraphs: rejoin hard-wrapped lines, keep list items and headings apart.

In: the lines between salutation and closing (blank lines as ``""``). Out: ``Paragraph``s in
reading order with kind ``body``, ``heading`` or ``list-item``; list markers ("1.", "•", "a)")
are taken out of the text (renumbering a list changes no wording) and kept as written in
``Paragraph.marker``, so that reports can show a list as the letter numbers it.

Rules, in order:
- a blank line ends a paragraph; a line that starts with a list marker starts one;
- inside a block of lines, a line starts a new paragraph when the one before it ends a
  sentence and is clearly shorter than the block's longest line (so hard-wrapped text is
  rejoined, while files that put one paragraph per line keep them apart);
- a paragraph that ends mid-sentence and is followed, after a blank, by one that starts in
  lower case is the same paragraph broken by a stray blank line;
- a short line with no closing punctuation followed by running text is a heading, whether
  or not it is numbered ("1. Act on the Recommendations"), unless it is a list item right
  after another list item whose marker it continues ("2." then "3.", "b)" then "c)", "•"
  then "•": the last item of a list, then a paragraph); a numbered line after bulleted
  items ("•" then "1.") heads a new section.
"""

from __future__ import annotations

import re

from compare.models import Paragraph, ParagraphKind

LIST_MARKER = re.compile(
    r"^\s*(?:[•●▪◦·‣∙○■□➢➤►✓\-–*]|\(?\d{1,2}[.)]|\(?[a-zA-Z][.)]|\(?[ivxIVX]{1,4}[.)]"
    r"|\(\d{1,2}\)|\([a-z]\))\s+"
)
_HEADING_MAX_WORDS = 12
_WRAP_RATIO = 0.75
_LONG_LINE = 160
_OPEN_END = re.compile(r"[^.!?:;\"”’)\]]$")


def split_paragraphs(lines: list[str]) -> list[Paragraph]:
    """Paragraphs of the body (see the module docstring for the rules)."""
    units = _merge_broken(_units(lines))
    paragraphs: list[Paragraph] = []
    for index, (text, marker) in enumerate(units):
        following = units[index + 1] if index + 1 < len(units) else None
        kind = _kind(text, bool(marker), following)
        if (
            kind == "heading"
            and paragraphs
            and paragraphs[-1].kind == "list-item"
            and _continues(paragraphs[-1].marker, marker)
        ):
            kind = "list-item"  # the last item of a list, not a numbered heading
        paragraphs.append(Paragraph(kind=kind, text=text, marker=marker))
    return paragraphs


def _units(lines: list[str]) -> list[tuple[str, str]]:
    """(text, list marker or "") for each paragraph-sized piece, markers taken out."""
    units: list[tuple[str, str, bool]] = []  # text, marker, block_start
    for block in _blocks(lines):
        width = max(len(line.strip()) for line in block)
        for position, raw in enumerate(block):
            line = raw.strip()
            found = LIST_MARKER.match(raw)
            if found:
                marker = found.group(0).strip()
                units.append((line[len(marker) :].strip(), marker, position == 0))
                continue
            if position > 0 and not _starts_new(block[position - 1].strip(), width):
                text, marker, start = units[-1]
                units[-1] = (_join(text, line), marker, start)
                continue
            units.append((line, "", position == 0))
    return [(text, marker) for text, marker, _ in units if text]


def _blocks(lines: list[str]) -> list[list[str]]:
    blocks: list[list[str]] = [[]]
    for line in lines:
        if line.strip():
            blocks[-1].append(line)
        elif blocks[-1]:
            blocks.append([])
    return [b for b in blocks if b]


def _starts_new(previous: str, width: int) -> bool:
    if width > _LONG_LINE:
        return True
    return not _OPEN_END.search(previous) and len(previous) < _WRAP_RATIO * width


def _join(text: str, line: str) -> str:
    if text.endswith("-") and line[:1].islower() and not text.endswith(" -"):
        return text + line  # keep the hyphen: "well-known" is likelier than "inter-national"
    return f"{text} {line}"


def _merge_broken(units: list[tuple[str, str]]) -> list[tuple[str, str]]:
    merged: list[tuple[str, str]] = []
    for text, marker in units:
        if merged and not marker and text[:1].islower() and _OPEN_END.search(merged[-1][0]):
            previous, previous_marker = merged[-1]
            merged[-1] = (f"{previous} {text}", previous_marker)
        else:
            merged.append((text, marker))
    return merged


_MARK_VALUE = re.compile(r"[(\[]?(\d{1,2}|[a-zA-Z])[.)\]]")


def _continues(previous: str | None, marker: str) -> bool:
    """Whether list ``marker`` follows ``previous`` in one list: the next number or letter
    in the same style, or the same bullet."""
    if not previous or not marker:
        return False
    before, after = _MARK_VALUE.fullmatch(previous), _MARK_VALUE.fullmatch(marker)
    if not (before and after):
        return previous == marker
    a, b = before.group(1), after.group(1)
    same_style = previous.replace(a, "") == marker.replace(b, "")
    if a.isdigit() and b.isdigit():
        return same_style and int(b) == int(a) + 1
    return same_style and a.isalpha() and b.isalpha() and ord(b) == ord(a) + 1


def _kind(text: str, listed: bool, following: tuple[str, str] | None) -> ParagraphKind:
    short = len(text.split()) <= _HEADING_MAX_WORDS and not re.search(r"[.;:,!?]$", text)
    if short and not text[:1].islower() and following is not None and not following[1]:
        return "heading"
    return "list-item" if listed else "body"
