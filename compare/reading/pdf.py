"""Read a PDF's text as paragraphs, rebuilt from the layout of its lines.

The words and their boxes come from poppler's ``pdftotext -bbox-layout`` (Debian/Ubuntu
package ``poppler-utils``; ``tools/check-system-libs.sh`` installs it), which also gives the
reading order: flows and blocks, a multi-column page column by column. It is about ten times
faster than pypdf's ``extract_text`` (``tests/benchmarks/pdf.py``). Without the binary, the
text is pypdf's, page by page, with a warning that the layout was not read.

From the lines, in reading order:

* **Running headers and footers** go: a line at the top or bottom edge of its page whose text,
  digits aside, comes back at the same edge of other pages (on at least half of them, two at
  least), and a page number there (``Page 1 of 2``, ``- 3 -``, ``4/5``, ``p. 2``, ``2``).
* **Paragraphs** break where the gap to the next line is clearly wider than the document's line
  spacing, at a first-line indent, before a list marker, and at a page break after a line that
  does not reach the right edge of its column.
* **Lines of a paragraph** are joined with a space when the break was forced by the width (the
  next line's first word would not have fitted at the end of this one); a break that was not
  (an address, a name under a name, a signature list) stays a line end. Words are joined by one
  space whatever their distance on the page, so justification spacing is collapsed.
* **Line-end hyphens** of a forced break: a hyphenated word is joined when the next line goes on
  in lower case and either the joined word occurs elsewhere in the document, or the
  hyphenated form does not while the hyphen is a typographic one (U+2010 or a soft hyphen, as
  automatic hyphenation sets) or not both halves are words of the document or the stop-word
  list. Otherwise (``well-known``, ``Franco-German``) the hyphen is kept and nothing is
  inserted between the halves.
* **List items** (a line opening with ``•``, ``-``, ``–``, ``*``, ``▪``, ``◦`` or a number ``1.``
  / ``1)`` / ``(1)``) are lines ``• text`` / ``N. text``, the items of one list consecutive.
"""

from __future__ import annotations

import re
import shutil
import statistics
import subprocess
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from compare.errors import InputError

NO_TEXT_LAYER = "PDF has no text layer (scanned image?); run OCR first"
NO_POPPLER = (
    "pdftotext (poppler-utils) is not installed: the PDF's text was read without its layout "
    "(install poppler-utils for paragraphs, headers and columns)"
)
BULLET = "• "

_XHTML = "{http://www.w3.org/1999/xhtml}"
_HYPHENS = "-\u2010\u00ad"
_SOFT_HYPHENS = "\u2010\u00ad"
_TERMINAL = ".!?:;\"'”’)»"
_BULLET_MARK = re.compile(r"^[•▪◦‣●○■□·*–—-]$")
_NUMBER_MARK = re.compile(r"^\(?(\d{1,3})[.)]$")
_PAGE_NUMBER = re.compile(
    r"^(?:[-–—]\s*)?(?:(?:page|p\.|pg\.?|seite|página|pagina|strona)\s*)?"
    r"\d{1,4}(?:\s*(?:of|/|von|de|di|z|sur)\s*\d{1,4})?(?:\s*[-–—])?$",
    re.IGNORECASE,
)
_LETTERS = re.compile(r"[^\W\d_]+")
_COMPOUND = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)+")


@dataclass
class _Line:
    page: int
    x0: float
    y0: float
    x1: float
    y1: float
    words: list[tuple[float, float, str]]
    """(x0, x1, text) of each word, left to right."""
    right: float = 0.0
    """The right edge of the line's column on its page."""
    page_height: float = 0.0

    @property
    def text(self) -> str:
        return " ".join(text for _, _, text in self.words)

    @property
    def height(self) -> float:
        return max(self.y1 - self.y0, 1.0)


@dataclass
class _Paragraph:
    lines: list[str] = field(default_factory=list)
    marker: str | None = None
    gap: bool = True
    """Whether a gap (or a page break) separates it from what comes before: two list items
    with one between are in different lists."""


# --------------------------------------------------------------------------------------------
# Entry point


def read_pdf(path: Path) -> tuple[str, tuple[str, ...]]:
    """The canonical text of the PDF at ``path`` and the warnings of reading it.

    Raises :class:`InputError` for a file that is not a PDF, one encrypted with a password, one
    whose text cannot be extracted, and one without a text layer (a scan). pypdf's own log
    records and Python warnings are silenced while it reads (:func:`quiet_pypdf`): what went
    wrong reaches the user as the one :class:`InputError`.
    """
    with quiet_pypdf():
        _open_check(path)
    binary = shutil.which("pdftotext")
    if binary is None:
        with quiet_pypdf():
            return _plain_text(path), (NO_POPPLER,)
    lines = _layout_lines(path, binary)
    text = _layout_text(lines)
    if not text.strip():
        raise InputError(path, NO_TEXT_LAYER)
    return text, ()


@contextmanager
def quiet_pypdf() -> Iterator[None]:
    """Within the block, pypdf's logger (``pypdf`` and its children: "invalid pdf header",
    "EOF marker not found") emits nothing and Python warnings raised while reading are
    dropped; both are restored afterwards, exceptions pass through."""
    import logging
    import warnings

    logger = logging.getLogger("pypdf")  # its modules log to children, which inherit the level
    level = logger.level
    logger.setLevel(logging.CRITICAL + 1)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        logger.setLevel(level)


def _open_check(path: Path) -> None:
    """Refuse what is no PDF or needs a password (pypdf reads the header and trailer only)."""
    from pypdf import PdfReader

    try:
        reader = PdfReader(path)
        encrypted = reader.is_encrypted
        if not encrypted:
            len(reader.pages)
    except Exception as exc:  # pypdf raises many types for a malformed file
        raise InputError(path, "not a valid PDF file") from exc
    if encrypted:
        _decrypt(reader, path)


def _decrypt(reader: Any, path: Path) -> None:
    """Open a PDF encrypted with an empty user password, as viewers do; refuse any other."""
    try:
        opened = reader.decrypt("")
    except Exception as exc:  # e.g. an unsupported algorithm
        raise InputError(path, "PDF is encrypted; remove the password first") from exc
    if not opened:
        raise InputError(path, "PDF is encrypted; remove the password first")


def _plain_text(path: Path) -> str:
    """pypdf's text of each page, pages separated by a blank line (no layout is read)."""
    from pypdf import PdfReader

    reader = PdfReader(path)
    if reader.is_encrypted:
        _decrypt(reader, path)
    try:
        pages = [(page.extract_text() or "").strip("\n") for page in reader.pages]
    except Exception as exc:
        raise InputError(path, "cannot extract the text of this PDF") from exc
    text = "\n\n".join(page for page in pages if page.strip())
    if not text:
        raise InputError(path, NO_TEXT_LAYER)
    return text + "\n"


# --------------------------------------------------------------------------------------------
# Lines from poppler


def _layout_lines(path: Path, binary: str) -> list[list[_Line]]:
    """The lines of each page in poppler's reading order, each with its column's right edge."""
    try:
        done = subprocess.run(
            [binary, "-q", "-bbox-layout", "-enc", "UTF-8", str(path), "-"],
            capture_output=True,
            timeout=300,
            check=False,
        )
    except (OSError, subprocess.SubprocessError) as exc:
        raise InputError(path, "cannot extract the text of this PDF") from exc
    if done.returncode != 0:
        raise InputError(path, "cannot extract the text of this PDF")
    try:
        root = ET.fromstring(done.stdout)
    except ET.ParseError as exc:
        raise InputError(path, "cannot extract the text of this PDF") from exc
    pages: list[list[_Line]] = []
    widths: list[float] = []
    for number, page in enumerate(root.iter(_XHTML + "page")):
        height = float(page.get("height", "0"))
        lines = [_line(number, element, height) for element in page.iter(_XHTML + "line")]
        pages.append([line for line in lines if line.words])
        widths.append(float(page.get("width", "0")))
    _column_edges(pages, widths)
    return [_reading_order(lines) for lines in pages]


def _reading_order(lines: list[_Line]) -> list[_Line]:
    """The lines of a page in reading order, by recursive cuts along empty strips.

    A gap between rows of text (at least a third of a line high; the widest first) cuts the
    region into what is above and what is below, unless both sides have a column gutter at the
    same place (the gap is then a gap inside columns); else a gutter (at least a line high)
    cuts it into columns, read left to right; a region without either is read top to bottom.
    The cuts are kept on a stack rather than the call stack, so a page of many short rows
    (a long table) cannot exhaust Python's recursion limit.
    """
    ordered: list[_Line] = []
    regions = [lines]
    while regions:
        region = regions.pop()
        parts = _cut(region)
        if parts is None:
            ordered += sorted(region, key=lambda line: (round(line.y0), line.x0))
        else:
            regions += reversed(parts)
    return ordered


def _cut(lines: list[_Line]) -> tuple[list[_Line], list[_Line]] | None:
    """The first cut of :func:`_reading_order` for a region: (above, below) or (left,
    right), both non-empty; ``None`` when the region is read top to bottom as it is."""
    if len(lines) < 2:
        return None
    height = statistics.median(line.height for line in lines)
    for cut in _gaps([(line.y0, line.y1) for line in lines], height * 0.3):
        above = [line for line in lines if line.y1 <= cut[0]]
        below = [line for line in lines if line.y1 > cut[0]]
        if not above or not below:
            continue
        gutters = [_gutter(above, height), _gutter(below, height)]
        if gutters[0] is None or gutters[1] is None or not _overlap(gutters[0], gutters[1]):
            return above, below
    gutter = _gutter(lines, height)
    if gutter is not None:
        left = [line for line in lines if line.x1 <= gutter[0]]
        right = [line for line in lines if line.x1 > gutter[0]]
        if left and right:
            return left, right
    return None


def _gutter(lines: list[_Line], height: float) -> tuple[float, float] | None:
    """The widest empty vertical strip between lines of ``lines`` (start, end), if any is at
    least ``height`` wide."""
    gaps = _gaps([(line.x0, line.x1) for line in lines], height)
    return (gaps[0][0] - gaps[0][1], gaps[0][0]) if gaps else None


def _overlap(a: tuple[float, float], b: tuple[float, float]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _gaps(spans: list[tuple[float, float]], least: float) -> list[tuple[float, float]]:
    """(end, width) of each stretch no span covers, at least ``least`` wide, between the
    first span's start and the last one's end; the widest first."""
    if not spans:
        return []
    spans = sorted(spans)
    found: list[tuple[float, float]] = []
    reach = spans[0][1]
    for start, end in spans[1:]:
        if start - reach >= least:
            found.append((start, start - reach))
        reach = max(reach, end)
    return sorted(found, key=lambda gap: -gap[1])


def _column_edges(pages: list[list[_Line]], widths: list[float]) -> None:
    """Set each line's ``right``, the right edge of its column.

    A line with another column beside it (to its right, at the same height): 1.5 line heights
    before that column, or further if a line of its column (of the page, overlapping it and
    ending before that next column) reaches further. Other lines: the furthest right any such
    line of the document reaches, when several lines end near there (wrapped text fills its
    width, whatever the page's margins); else, for a document of short lines only, at least
    the mirror of the page's left margin, so that short lines are not taken for a narrow column.
    """
    free: list[_Line] = []
    for lines in pages:
        for line in lines:
            beside = [
                other.x0
                for other in lines
                if other.x0 > line.x1 and other.y0 < line.y1 and line.y0 < other.y1
            ]
            if not beside:
                free.append(line)
                continue
            limit = min(beside)
            line.right = max(
                limit - line.height * 1.5,
                *(
                    other.x1
                    for other in lines
                    if other.x1 < limit and other.x0 < line.x1 and line.x0 < other.x1
                ),
            )
    if not free:
        return
    ends = sorted((line.x1 for line in free), reverse=True)
    left = min(line.x0 for line in free)
    edge = ends[0]
    if len(ends) < 3 or ends[2] < edge - (edge - left) * 0.15:
        mirrors = [
            width - min(line.x0 for line in lines)
            for lines, width in zip(pages, widths, strict=True)
            if lines
        ]
        edge = max(edge, *mirrors)
    for line in free:
        line.right = edge


def _line(page: int, element: Any, height: float) -> _Line:
    words = []
    for word in element.iter(_XHTML + "word"):
        text = (word.text or "").strip()
        if text:
            words.append((float(word.get("xMin", 0)), float(word.get("xMax", 0)), text))
    box = [float(element.get(k, 0)) for k in ("xMin", "yMin", "xMax", "yMax")]
    return _Line(page, box[0], box[1], box[2], box[3], words, page_height=height)


# --------------------------------------------------------------------------------------------
# Running headers, footers and page numbers


def _without_chrome(pages: list[list[_Line]]) -> list[list[_Line]]:
    """The pages without their running headers, footers and page numbers."""
    edges = [_edge_lines(lines) for lines in pages]
    counts: Counter[tuple[str, str]] = Counter()
    for edge in edges:
        counts.update({(where, _shape(line.text)) for where, line in edge})
    needed = max(2, (len(pages) + 1) // 2)
    chrome: set[int] = set()
    for edge in edges:
        for where, line in edge:
            repeated = counts[(where, _shape(line.text))] >= needed
            if repeated or (_PAGE_NUMBER.match(line.text) and (len(pages) > 1 or " " in line.text)):
                chrome.add(id(line))
    return [[line for line in lines if id(line) not in chrome] for lines in pages]


def _edge_lines(lines: list[_Line]) -> list[tuple[str, _Line]]:
    """The top- and bottom-most lines of a page (two at most each) in its outer fifth."""
    if not lines:
        return []
    height = lines[0].page_height or max(line.y1 for line in lines)
    by_y = sorted(lines, key=lambda line: line.y0)
    top = [("top", line) for line in by_y[:2] if line.y1 < height * 0.2]
    bottom = [("bottom", line) for line in by_y[-2:] if line.y0 > height * 0.8]
    return top + bottom


def _shape(text: str) -> str:
    return re.sub(r"\d+", "#", text.casefold())


# --------------------------------------------------------------------------------------------
# Paragraphs


def _layout_text(pages: list[list[_Line]]) -> str:
    pages = _without_chrome(pages)
    lines = [line for page in pages for line in page]
    if not lines:
        return ""
    base = _base_gap(pages)
    vocabulary = _vocabulary(lines)
    paragraphs: list[_Paragraph] = []
    previous: _Line | None = None
    for line in lines:
        marker, words = _list_marker(line)
        item = paragraphs[-1].marker is not None if paragraphs else False
        forced = previous is not None and _forced(previous, line)
        gap = previous is None or _breaks(previous, line, base, len(paragraphs[-1].lines) > 1)
        if forced and paragraphs and _ends_item(previous, line, len(paragraphs[-1].lines) > 1):
            forced = False
        if gap or marker is not None or (item and not forced):
            paragraphs.append(_Paragraph(marker=marker, gap=gap))
            paragraphs[-1].lines.append(" ".join(words))
        elif forced:
            _join(paragraphs[-1], " ".join(words), vocabulary)
        else:
            paragraphs[-1].lines.append(" ".join(words))
        previous = line
    return _joined(paragraphs)


def _base_gap(pages: list[list[_Line]]) -> float:
    """The usual gap between two lines of a paragraph: a low quantile of the gaps between
    successive lines of a column, so that a document of many short paragraphs still counts
    its line spacing, not its paragraph spacing."""
    gaps = [
        b.y0 - a.y1
        for lines in pages
        for a, b in zip(lines, lines[1:], strict=False)
        if b.y0 >= a.y0 + a.height * 0.5 and b.x0 < a.x1 and a.x0 < b.x1
    ]
    if not gaps:
        return 0.0
    gaps.sort()
    return max(gaps[len(gaps) // 5], 0.0)


def _breaks(previous: _Line, line: _Line, base: float, listing: bool) -> bool:
    """Whether ``line`` opens a new paragraph after ``previous``. ``listing``: the paragraph
    so far is lines that were not wrapped (a list of names), which a short line continues
    across a page or column break."""
    if line.page != previous.page or line.y0 < previous.y0 + previous.height * 0.5:
        if _forced(previous, line):
            return False
        return not (listing and line.x1 < line.right - line.height * 4)
    gap = line.y0 - previous.y1
    if gap > base + previous.height * 0.3:
        return True
    em = previous.height * 0.7
    indented = line.x0 - previous.x0 > em and line.x0 - previous.x0 < previous.height * 6
    return indented and _list_marker(previous)[0] is None and not _centred(previous, line)


def _centred(previous: _Line, line: _Line) -> bool:
    """Whether the two lines share their middle (a centred heading that wraps), which an
    indented line after a full one does not."""
    return abs((previous.x0 + previous.x1) - (line.x0 + line.x1)) < previous.height


def _forced(previous: _Line, line: _Line) -> bool:
    """Whether the break after ``previous`` was forced by the width: the first word of
    ``line`` would not have fitted at the end of ``previous`` in its column."""
    first = line.words[0]
    space = previous.height * 0.25
    return previous.x1 + space + (first[1] - first[0]) > previous.right + 0.5


def _ends_item(previous: _Line | None, line: _Line, listing: bool) -> bool:
    """Whether a full ``previous`` line still ends an item of a list (a name under a name, a
    cell of a table), so that ``line`` starts a new one though it would not have fitted.

    In a list (``listing``: the paragraph already has lines that were not wrapped), a line
    ending in ``, <country>`` ends an item when ``line`` opens with a capital. At a column or
    page break in a list, or where ``line`` is beside or above ``previous`` (the next cell of a
    table row), an item goes on only after a comma, a hyphen or a stop word, or into a lower
    case word.
    """
    from compare.reading.countries import match_country
    from compare.reading.features import stop_words

    if previous is None or not line.words[0][2][:1].isupper():
        return False
    if (
        not listing
        and line.page == previous.page
        and line.y0 >= previous.y1 - previous.height * 0.5
    ):
        return False
    text = previous.text
    if listing and "," in text and match_country(text.rsplit(",", 1)[1].strip()):
        return True
    moved = line.page != previous.page or line.y0 < previous.y1 - previous.height * 0.5
    if not moved:
        return False
    last = previous.words[-1][2]
    return not (last[-1] in "," + _HYPHENS or last.casefold() in stop_words())


def _list_marker(line: _Line) -> tuple[str | None, list[str]]:
    """The canonical marker of a list item line (``• ``, ``N. ``) and its words without it."""
    words = [text for _, _, text in line.words]
    if len(words) > 1:
        if _BULLET_MARK.match(words[0]):
            return BULLET, words[1:]
        number = _NUMBER_MARK.match(words[0])
        if number:
            return f"{int(number[1])}. ", words[1:]
    elif words and len(words[0]) > 1 and words[0][0] in "•▪◦‣●":
        return BULLET, [words[0][1:]]
    return None, words


@dataclass(frozen=True)
class _Vocabulary:
    words: frozenset[str]
    """The document's words (a line's last word not counted when it ends in a hyphen) and
    the stop words of every language."""
    compounds: frozenset[str]
    """The hyphenated words the document writes inside a line, like ``well-known``."""


def _vocabulary(lines: list[_Line]) -> _Vocabulary:
    from compare.reading.features import stop_words

    words: set[str] = set()
    compounds: set[str] = set()
    for line in lines:
        texts = [text for _, _, text in line.words]
        if texts and texts[-1][-1] in _HYPHENS:
            texts = texts[:-1]
        for text in texts:
            folded = text.casefold()
            words.update(_LETTERS.findall(folded))
            compounds.update(_COMPOUND.findall(folded))
    return _Vocabulary(frozenset(words | stop_words()), frozenset(compounds))


def _join(paragraph: _Paragraph, text: str, vocabulary: _Vocabulary) -> None:
    """Append ``text`` to the paragraph's last line: a forced line break, hyphen resolved."""
    last = paragraph.lines[-1]
    if last and last[-1] in _HYPHENS and len(last) > 1 and last[-2].isalpha():
        head = _LETTERS.findall(last[:-1])[-1] if _LETTERS.findall(last[:-1]) else ""
        tail = _LETTERS.match(text)
        if head and tail and text[0].islower():
            if _dehyphenate(head, tail[0], last[-1], vocabulary):
                paragraph.lines[-1] = last[:-1] + text
                return
            paragraph.lines[-1] = last[:-1] + "-" + text
            return
        if last[-1] == "-" and tail:
            paragraph.lines[-1] = last + text
            return
    paragraph.lines[-1] = f"{last} {text}" if last else text


def _dehyphenate(head: str, tail: str, hyphen: str, vocabulary: _Vocabulary) -> bool:
    """Whether ``head``-``tail`` broken at a line end is one word ``headtail`` (see the module
    doc for the rule)."""
    head, tail = head.casefold(), tail.casefold()
    if head + tail in vocabulary.words:
        return True
    if f"{head}-{tail}" in vocabulary.compounds:
        return False
    if hyphen in _SOFT_HYPHENS:
        return True
    return not (head in vocabulary.words and tail in vocabulary.words)


def _joined(paragraphs: list[_Paragraph]) -> str:
    out: list[str] = []
    previous_item = False
    for paragraph in paragraphs:
        lines = [line for line in paragraph.lines if line.strip()]
        if not lines:
            continue
        item = paragraph.marker is not None
        if paragraph.marker is not None:
            lines[0] = paragraph.marker + lines[0]
            lines = [" ".join(lines)]
        if out:
            same_list = item and previous_item and not paragraph.gap
            out.append("\n" if same_list else "\n\n")
        out.append("\n".join(lines))
        previous_item = item
    return "".join(out) + "\n" if out else ""
