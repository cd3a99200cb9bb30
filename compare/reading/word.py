"""Read a Word (.docx) file into the canonical text of :mod:`compare.reading.loading`.

The text is what a reader of the page sees, in reading order, once each:

* body paragraphs, headings and tables, empty ones skipped: a grid of names (a signatory
  list in columns) cell by cell, row by row, one line a cell; a table of records
  (``name | role | comment``) one line a row, its cells joined by ``", "``;
* numbered and bulleted paragraphs as Word shows them: ``• text`` for a bullet and the number
  Word draws for a numbered item (``1.``, ``a)``, ``(iv)``, ``2.1.``), from the list
  definitions of ``numbering.xml`` (the level's format, its text and start value, counted per
  list as Word counts) or, without definitions, from the style name (``List Number*``,
  ``List Bullet*``, ``List Paragraph``);
* text boxes and shapes where they are anchored, once: Word stores a modern copy
  (``wps:txbx``) and a legacy VML copy (``v:textbox``) of the same box in one
  ``mc:AlternateContent``; only one of its branches is read (the first that holds text);
* footnote and endnote marks as ``[n]`` (n in order of first reference) and the notes after the
  body as ``[n] text``;
* headers and footers apart from the letter: their text (each distinct one once) opens the
  file above a ``=====`` separator line (headers) and closes it below one (footers), so the
  parser reads them as parts of their own, which hold no letter and are dropped as chrome.

What Word neither shows nor prints is not text: deleted (``w:del``, ``w:moveFrom``) and hidden
(``w:vanish``, directly or by style) runs, field instructions, comments. Open tracked changes
are read as if accepted (insertions kept, deletions, deleted rows and deleted paragraph marks
gone) and the reader returns a warning naming how many insertions and deletions are open.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from compare.errors import InputError
from compare.reading.loading import BULLET, SEPARATOR, Block, _join_blocks
from compare.reading.tables import is_name_grid

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
_DOCX_SKIP = frozenset(
    _W + tag
    for tag in ("pPr", "rPr", "del", "moveFrom", "instrText", "delText", "delInstrText")
    + ("sdtPr", "sdtEndPr", "commentReference", "annotationRef", "footnoteRef", "endnoteRef")
)
_SHAPES = frozenset({_W + "drawing", _W + "pict", _W + "object"})
_DOCX_CHARS = {
    _W + "tab": "\t",
    _W + "ptab": "\t",
    _W + "br": "\n",
    _W + "cr": "\n",
    _W + "noBreakHyphen": "-",
}
_NOTE_REFERENCES = {_W + "footnoteReference": "footnote", _W + "endnoteReference": "endnote"}
_NOTE_SEPARATORS = frozenset({"separator", "continuationSeparator", "continuationNotice"})
_CONTAINERS = frozenset({_W + "sdt", _W + "sdtContent", _W + "customXml", _W + "ins"})
_WHITESPACE = re.compile(r"[ \t\n\r\f]+")  # not \s: a non-breaking space is text
_OFF = frozenset({"0", "false", "off"})

Piece = str | list[Block]
"""Inline text of a paragraph, or the blocks of a text box anchored in it."""


def read_docx(path: Path) -> tuple[str, tuple[str, ...]]:
    """The canonical text of the .docx at ``path`` and the reader's warnings (open tracked
    changes). Raises :class:`InputError` for a file python-docx cannot open or one without
    text."""
    import docx

    try:
        document = docx.Document(str(path))
    except Exception as exc:  # python-docx raises zip, XML, key and value errors alike
        raise InputError(path, "not a valid .docx file") from exc
    reader = _DocxText(document)
    text = reader.text()
    if not text.strip():
        raise InputError(path, "empty file")
    return text, reader.warnings()


def _part_xml(part: Any, reltype: str) -> Any:
    """The XML root of the part ``part`` relates to by ``reltype``, or None."""
    for rel in part.rels.values():
        if rel.reltype == _RT + reltype and not rel.is_external:
            return _xml_of(rel.target_part)
    return None


def _xml_of(part: Any) -> Any:
    from docx.oxml.parser import parse_xml

    element = getattr(part, "element", None)
    return element if element is not None else parse_xml(part.blob)


def _val(element: Any) -> str | None:
    return None if element is None else element.get(_W + "val")


def _int(value: Any, default: int) -> int:
    try:
        return int(str(value).strip())
    except ValueError:
        return default


def _on(toggle: Any) -> bool | None:
    """A toggle property (``<w:vanish/>``, ``<w:vanish w:val="0"/>``): on, off, or None when
    it is not set."""
    if toggle is None:
        return None
    return (_val(toggle) or "1").lower() not in _OFF


class _DocxText:
    """The canonical text of a python-docx Document (see the module doc)."""

    def __init__(self, document: Any) -> None:
        part = document.part
        self.part = part
        self.body = document.element.body
        self.styles = _Styles(_part_xml(part, "styles"))
        self.numbering = _Numbering(_part_xml(part, "numbering"))
        self.note_roots = {
            "footnote": _part_xml(part, "footnotes"),
            "endnote": _part_xml(part, "endnotes"),
        }
        self.notes = {kind: _notes(root, kind) for kind, root in self.note_roots.items()}
        self.marks: dict[tuple[str, str], int] = {}
        self.counters: dict[str, dict[int, int]] = {}
        self.style_run = 0

    # ---- the whole text

    def text(self) -> str:
        headers = self.furniture("header")
        footers = self.furniture("footer")
        body = list(self.blocks(self.body))
        blocks = body + list(self.note_blocks())
        if headers:
            blocks = [*headers, (SEPARATOR, None), *blocks]
        if footers:
            blocks = [*blocks, (SEPARATOR, None), *footers]
        return _join_blocks(blocks)

    def furniture(self, kind: str) -> list[Block]:
        """The text of every distinct header (or footer) the sections use, in order; list
        counters and note marks of the body are not disturbed."""
        saved = self.counters, self.style_run, self.marks
        self.counters, self.style_run, self.marks = {}, 0, {}
        out: list[Block] = []
        for root in self.furniture_roots(kind):
            for block in self.blocks(root):
                text = block[0]
                if text not in (seen[0] for seen in out):
                    out.append((text, None))
        self.counters, self.style_run, self.marks = saved
        return out

    def furniture_roots(self, kind: str) -> list[Any]:
        roots: list[Any] = []
        seen: set[str] = set()
        for reference in self.body.iter(f"{_W}{kind}Reference"):
            rel_id = reference.get(_R + "id")
            if not rel_id or rel_id in seen:
                continue
            seen.add(rel_id)
            rel = self.part.rels.get(rel_id)
            if rel is not None and not rel.is_external:
                roots.append(_xml_of(rel.target_part))
        return roots

    def warnings(self) -> tuple[str, ...]:
        """A warning naming the open tracked changes, if any."""
        roots = [self.body, *(r for r in self.note_roots.values() if r is not None)]
        roots += self.furniture_roots("header") + self.furniture_roots("footer")
        insertions = deletions = 0
        for root in roots:
            for element in root.iter(_W + "ins", _W + "moveTo", _W + "del", _W + "moveFrom"):
                if element.getparent().tag == _W + "rPr":
                    continue  # a paragraph mark's change goes with the runs around it
                if _unread(element):
                    continue  # the other copy of a text box
                if element.tag in (_W + "ins", _W + "moveTo"):
                    insertions += 1
                else:
                    deletions += 1
        if not insertions + deletions:
            return ()
        return (
            f"open tracked changes read as if accepted: {_count(insertions, 'insertion')} and "
            f"{_count(deletions, 'deletion')} not yet accepted or rejected in Word",
        )

    # ---- blocks

    def blocks(self, container: Any) -> Iterator[Block]:
        carried: list[Piece] = []  # the text of paragraphs whose mark is deleted
        for child in container:
            tag = child.tag
            if tag == _W + "p":
                pieces = self.pieces(child)
                if _mark_deleted(child):
                    carried += pieces
                    continue
                yield from self.paragraph(child, carried + pieces)
                carried = []
            elif tag == _W + "tbl":
                yield from self.table(child)
            elif tag in _CONTAINERS:
                yield from self.blocks(child)
            elif tag == _MC + "AlternateContent":
                branch = _branch(child)
                if branch is not None:
                    yield from self.blocks(branch)
        if carried:
            yield from self.paragraph(None, carried)

    def paragraph(self, p: Any, pieces: list[Piece]) -> Iterator[Block]:
        """The blocks of a paragraph: its text (with its list marker) and the blocks of the text
        boxes anchored in it, in the order they stand."""
        marker = self.marker(p) if p is not None else None
        text: list[str] = []
        boxed = False  # whether the text so far follows a text box
        for n, piece in enumerate([*pieces, []]):
            if isinstance(piece, str):
                text.append(piece)
                continue
            joined = "".join(text)
            if boxed:
                joined = joined.lstrip(" \t")
            if n < len(pieces):  # the text before a box ends there
                joined = joined.rstrip(" \t")
            text, boxed = [], True
            if joined.strip():
                if marker is None:
                    yield joined, None
                else:
                    yield marker + joined, 0
                    marker = None
            yield from piece

    def table(self, tbl: Any) -> Iterator[Block]:
        """A table row by row: a grid of names (a signatory list laid out in columns) one line
        a cell, a table of records (``name | role | comment``) one line a row, its cells joined
        by ``", "`` (see :func:`compare.reading.tables.is_name_grid`)."""
        rows: list[list[str]] = []
        for tr in tbl.iter(_W + "tr"):
            if tr.getparent() is not tbl:
                continue  # a nested table's rows are read as part of its cell
            if tr.find(f"{_W}trPr/{_W}del") is not None:
                continue  # a deleted row
            cells = (self.cell_text(tc) for tc in tr.iter(_W + "tc") if tc.getparent() is tr)
            rows.append([cell for cell in cells if cell])
        if is_name_grid(rows):
            for row in rows:
                for cell in row:
                    yield cell, None
            return
        for row in rows:
            if row:
                yield ", ".join(row), None

    def cell_text(self, tc: Any) -> str:
        texts = (text for text, _ in self.blocks(tc))
        return _WHITESPACE.sub(" ", " ".join(texts)).strip()

    # ---- inline text

    def pieces(self, element: Any) -> list[Piece]:
        """The inline text of a paragraph (or run, hyperlink, …), note references as ``[n]``,
        and the blocks of the text boxes in it."""
        out: list[Piece] = []
        for child in element:
            tag = child.tag
            if tag == _W + "r":
                if not self.hidden(child, element):
                    out += self.pieces(child)
            elif tag == _W + "t":
                out.append(child.text or "")
            elif tag in _DOCX_CHARS:
                out.append(_DOCX_CHARS[tag])
            elif tag in _NOTE_REFERENCES:
                out.append(self.mark(_NOTE_REFERENCES[tag], child.get(_W + "id", "")))
            elif tag == _MC + "AlternateContent":
                branch = _branch(child)
                if branch is not None:
                    out += self.pieces(branch)
            elif tag in _SHAPES:
                boxes = list(self.boxes(child))
                if boxes:
                    out.append(boxes)
            elif tag not in _DOCX_SKIP:
                out += self.pieces(child)
        return out

    def inline_text(self, element: Any) -> str:
        """The text of a paragraph with its text boxes' text run into it (for notes)."""
        parts: list[str] = []
        for piece in self.pieces(element):
            parts.append(piece if isinstance(piece, str) else " ".join(t for t, _ in piece))
        return "".join(parts)

    def hidden(self, run: Any, parent: Any) -> bool:
        """Whether run ``run`` is hidden text (``w:vanish``): set on the run, by its character
        style, or by its paragraph's style."""
        r_pr = run.find(_W + "rPr")
        own = None if r_pr is None else _on(r_pr.find(_W + "vanish"))
        if own is not None:
            return own
        style_id = None if r_pr is None else _val(r_pr.find(_W + "rStyle"))
        for style in self.styles.chain_of(style_id, "character"):
            value = _on(style.find(f"{_W}rPr/{_W}vanish"))
            if value is not None:
                return value
        p = parent
        while p is not None and p.tag != _W + "p":
            p = p.getparent()
        if p is None:
            return False
        for style in self.styles.chain(p):
            value = _on(style.find(f"{_W}rPr/{_W}vanish"))
            if value is not None:
                return value
        return False

    def boxes(self, element: Any) -> Iterator[Block]:
        """The blocks of the text boxes inside a drawing, VML picture or AlternateContent: of
        an AlternateContent only one branch is read, so a box is read once."""
        if element.tag == _W + "txbxContent":
            yield from self.blocks(element)
        elif element.tag == _MC + "AlternateContent":
            branch = _branch(element)
            if branch is not None:
                yield from self.boxes(branch)
        else:
            for child in element:
                yield from self.boxes(child)

    def mark(self, kind: str, note_id: str) -> str:
        number = self.marks.setdefault((kind, note_id), len(self.marks) + 1)
        return f"[{number}]"

    def note_blocks(self) -> Iterator[Block]:
        for (kind, note_id), number in list(self.marks.items()):
            note = self.notes[kind].get(note_id)
            texts = [] if note is None else [self.inline_text(p) for p in _paragraphs(note)]
            text = " ".join(t.strip() for t in texts if t.strip())
            yield f"[{number}] {text}".rstrip(), None

    # ---- list markers

    def marker(self, p: Any) -> str | None:
        """``• ``, the number Word shows (``1. ``, ``a) ``) or None for paragraph ``p``;
        advances the list counters."""
        style = self.styles.chain(p)
        num_id, level = _numbering_of(p, style)
        lvl = self.numbering.level(num_id, level) if num_id not in (None, "0") else None
        if lvl is not None:
            self.style_run = 0
            if lvl.fmt == "none":
                return None
            if lvl.fmt == "bullet":
                return BULLET
            numbers = self.count(num_id or "", level, lvl.start)
            shown = lvl.render(numbers, self.numbering, num_id)
            return f"{shown} " if shown else None
        name = self.styles.name(style[0]) if style and num_id != "0" else ""
        if name.startswith("list number"):
            self.style_run += 1
            return f"{self.style_run}. "
        self.style_run = 0
        listed = num_id not in (None, "0") or name.startswith(("list bullet", "list paragraph"))
        return BULLET if listed else None

    def count(self, num_id: str, level: int, start: int) -> dict[int, int]:
        """The counters of list ``num_id`` after its next item at ``level`` (deeper levels
        restart)."""
        levels = self.counters.setdefault(num_id, {})
        levels[level] = levels[level] + 1 if level in levels else start
        for deeper in [k for k in levels if k > level]:
            del levels[deeper]
        return levels


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _mark_deleted(p: Any) -> bool:
    """Whether paragraph ``p``'s mark is a tracked deletion (accepted, it joins the next)."""
    mark = p.find(f"{_W}pPr/{_W}rPr")
    if mark is None or p.getnext() is None or p.getnext().tag != _W + "p":
        return False
    return mark.find(_W + "del") is not None or mark.find(_W + "moveFrom") is not None


def _branch(alternate: Any) -> Any:
    """The one branch of an ``mc:AlternateContent`` to read: the first Choice (or else the
    Fallback) that holds any text, else the first."""
    branches = [c for c in alternate if c.tag in (_MC + "Choice", _MC + "Fallback")]
    with_text = (b for b in branches if next(b.iter(_W + "t"), None) is not None)
    return next(with_text, branches[0] if branches else None)


def _unread(element: Any) -> bool:
    """Whether ``element`` stands in a branch of an ``mc:AlternateContent`` that is not read."""
    for ancestor in element.iterancestors(_MC + "Choice", _MC + "Fallback"):
        if _branch(ancestor.getparent()) is not ancestor:
            return True
    return False


def _paragraphs(root: Any) -> Iterator[Any]:
    """The paragraphs of a note, not those inside its text boxes (read with their anchor)."""
    for p in root.iter(_W + "p"):
        if not any(a.tag == _W + "txbxContent" for a in p.iterancestors()):
            yield p


def _numbering_of(p: Any, style: list[Any]) -> tuple[str | None, int]:
    """(numId, level) of paragraph ``p``: its own numbering, else its styles'."""
    num_id = level = None
    for owner in [p, *style]:
        num_pr = owner.find(f"{_W}pPr/{_W}numPr")
        if num_pr is None:
            continue
        num_id = num_id or _val(num_pr.find(_W + "numId"))
        level = level or _val(num_pr.find(_W + "ilvl"))
        if num_id is not None:
            break
    return num_id, _int(level, 0)


class _Styles:
    """Styles by type and id, to follow a style and the styles it is based on."""

    def __init__(self, root: Any) -> None:
        found = [] if root is None else list(root.iter(_W + "style"))
        self.by_id: dict[str, dict[Any, Any]] = {"paragraph": {}, "character": {}}
        for style in found:
            kind = style.get(_W + "type")
            if kind in self.by_id:
                self.by_id[kind][style.get(_W + "styleId")] = style
        paragraph = self.by_id["paragraph"].values()
        self.default = next((s for s in paragraph if s.get(_W + "default") == "1"), None)

    def chain(self, p: Any) -> list[Any]:
        """The style elements of paragraph ``p``, its own first, then what each is based on."""
        style_id = _val(p.find(f"{_W}pPr/{_W}pStyle"))
        if style_id is None or style_id not in self.by_id["paragraph"]:
            return self._follow(self.default, "paragraph")
        return self.chain_of(style_id, "paragraph")

    def chain_of(self, style_id: str | None, kind: str) -> list[Any]:
        return self._follow(self.by_id[kind].get(style_id) if style_id else None, kind)

    def _follow(self, style: Any, kind: str) -> list[Any]:
        chain: list[Any] = []
        while style is not None and len(chain) < 20 and style not in chain:
            chain.append(style)
            style = self.by_id[kind].get(_val(style.find(_W + "basedOn")))
        return chain

    @staticmethod
    def name(style: Any) -> str:
        return (_val(style.find(_W + "name")) or "").lower()


class _Level:
    """One level of a list definition: its number format, text (``%1.``) and start value."""

    def __init__(self, lvl: Any, start: int) -> None:
        self.fmt = _val(lvl.find(_W + "numFmt")) or "decimal"
        text = lvl.find(_W + "lvlText")
        self.text = "%1." if text is None else (_val(text) or "")
        self.legal = _on(lvl.find(_W + "isLgl")) is True
        self.start = start

    def render(self, numbers: dict[int, int], numbering: _Numbering, num_id: str | None) -> str:
        """The marker Word draws: the level text with ``%N`` replaced by level N-1's number
        in that level's format (decimal throughout for a legal-style level)."""

        def number(match: re.Match[str]) -> str:
            level = int(match[1]) - 1
            other = numbering.level(num_id, level)
            value = numbers.get(level, other.start if other else 1)
            fmt = "decimal" if self.legal or other is None else other.fmt
            return _format_number(value, fmt)

        return re.sub(r"%([1-9])", number, self.text).strip()


class _Numbering:
    """The numbering definitions: for (numId, level), the level's format and start value."""

    def __init__(self, root: Any) -> None:
        self.abstract: dict[str | None, Any] = {}
        self.nums: dict[str | None, Any] = {}
        if root is not None:
            self.abstract = {a.get(_W + "abstractNumId"): a for a in root.iter(_W + "abstractNum")}
            self.nums = {n.get(_W + "numId"): n for n in root.iter(_W + "num")}

    def level(self, num_id: str | None, level: int) -> _Level | None:
        """The level's definition, or None when it is missing."""
        num = self.nums.get(num_id)
        if num is None:
            return None
        lvl = None
        for override in num.iter(_W + "lvlOverride"):
            if _int(override.get(_W + "ilvl"), 0) == level:
                lvl = override.find(_W + "lvl")  # a level redefined for this list
        if lvl is None:
            abstract = self.abstract.get(_val(num.find(_W + "abstractNumId")))
            lvl = None if abstract is None else self._lvl(abstract, level)
        if lvl is None:
            return None
        start = _int(_val(lvl.find(_W + "start")), 1)
        for override in num.iter(_W + "lvlOverride"):
            if _int(override.get(_W + "ilvl"), 0) == level:
                start = _int(_val(override.find(_W + "startOverride")), start)
        return _Level(lvl, start)

    def _lvl(self, abstract: Any, level: int) -> Any:
        link = _val(abstract.find(_W + "numStyleLink"))
        if link is not None:  # the list's levels are those of the list style it links to
            for other in self.abstract.values():
                if other is not abstract and _val(other.find(_W + "styleLink")) == link:
                    abstract = other
                    break
        levels = abstract.findall(_W + "lvl")
        return next((x for x in levels if _int(x.get(_W + "ilvl"), 0) == level), None)


_ROMAN = (
    (1000, "m"),
    (900, "cm"),
    (500, "d"),
    (400, "cd"),
    (100, "c"),
    (90, "xc"),
    (50, "l"),
    (40, "xl"),
    (10, "x"),
    (9, "ix"),
    (5, "v"),
    (4, "iv"),
    (1, "i"),
)


def _format_number(value: int, fmt: str) -> str:
    """``value`` as Word writes it in number format ``fmt`` (unknown formats as decimals)."""
    if fmt in ("lowerLetter", "upperLetter") and value > 0:
        letter = chr(ord("a") + (value - 1) % 26) * ((value - 1) // 26 + 1)
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt in ("lowerRoman", "upperRoman") and 0 < value < 4000:
        out = ""
        for amount, digits in _ROMAN:
            while value >= amount:
                out, value = out + digits, value - amount
        return out.upper() if fmt == "upperRoman" else out
    if fmt == "decimalZero":
        return f"{value:02d}"
    if fmt == "ordinal":
        suffix = "th" if 10 <= value % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(value % 10)
        return f"{value}{suffix or 'th'}"
    return str(value)


def _notes(root: Any, kind: str) -> dict[str, Any]:
    """Footnote or endnote elements by id, without the separator pseudo-notes."""
    if root is None:
        return {}
    notes = root.iter(_W + kind)
    return {n.get(_W + "id"): n for n in notes if n.get(_W + "type") not in _NOTE_SEPARATORS}
