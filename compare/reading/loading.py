"""Read an input file of any supported format into a :class:`~compare.models.Document`.

This is the one module that knows file formats and encodings. Whatever the format, the text of
the returned document has one canonical form, which the text parser downstream reads:

* Unicode NFC, ``\\n`` line ends, no byte-order mark; otherwise a text file's own lines are kept
  as they are (no reflowing, no stripping, non-breaking spaces kept);
* paragraphs separated by a blank line; a heading is a paragraph of its own;
* a list item is a line of its own, ``• text`` for a bullet and ``N. text`` for a numbered item;
  the items of one list are on consecutive lines;
* a horizontal rule is a line ``=====`` (a letter separator downstream).

Heavy readers (BeautifulSoup, python-docx, pypdf, charset-normalizer) are imported inside the
functions that use them, so importing this module stays cheap.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from compare.errors import InputError
from compare.models import Document

_FORMATS = {
    ".txt": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".docx": "docx",
    ".pdf": "pdf",
}
SUPPORTED_SUFFIXES: frozenset[str] = frozenset(_FORMATS)

BULLET = "• "
SEPARATOR = "====="

Block = tuple[str, int | None]
"""A paragraph of canonical text and, for a list item, the list it belongs to (else None)."""


# --------------------------------------------------------------------------------------------
# Entry point


def load_document(path: Path, source: str | None = None) -> Document:
    """Read ``path`` into a Document whose text has the canonical form (see the module doc).

    ``source`` defaults to the file name. Raises :class:`InputError` for a missing path, a
    directory, an unsupported suffix, an unreadable, empty, binary or undecodable file, a docx or
    PDF the readers cannot open, and a PDF without a text layer.
    """
    path = Path(path)
    fmt = _format_of(path)
    readers: dict[str, Callable[[Path], tuple[str, str | None]]] = {
        "text": _read_text,
        "markdown": _read_markdown,
        "html": _read_html,
        "docx": _read_docx,
        "pdf": _read_pdf,
    }
    text, encoding = readers[fmt](path)
    return Document(
        source=path.name if source is None else source,
        text=_canonical(text),
        format=fmt,
        encoding=encoding,
    )


def load_text(data: bytes, source: str) -> Document:
    """Plain-text bytes that come from no file (standard input) as a Document: decoded and
    made canonical as a ``.txt`` file would be. Raises :class:`InputError` naming ``source``."""
    text, encoding = decode_text(data, source)
    return Document(source=source, text=_canonical(text), format="text", encoding=encoding)


def _format_of(path: Path) -> str:
    """The format name for ``path``, after checking that it is an existing, supported file."""
    if path.is_dir():
        raise InputError(path, "is a directory, not a file")
    if not path.exists():
        raise InputError(path, "no such file")
    supported = ", ".join(sorted(SUPPORTED_SUFFIXES))
    suffix = path.suffix.lower()
    if not suffix:
        raise InputError(path, f"unsupported file type (no extension; supported: {supported})")
    if suffix not in _FORMATS:
        raise InputError(path, f"unsupported file type '{suffix}' (supported: {supported})")
    return _FORMATS[suffix]


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        reason = (exc.strerror or "input/output error").lower()
        raise InputError(path, f"cannot read the file ({reason})") from exc


def _canonical(text: str) -> str:
    """NFC, ``\\n`` line ends, no leading byte-order mark; nothing else changes."""
    return unicodedata.normalize("NFC", _newlines(text.removeprefix("\ufeff")))


def _newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _join_blocks(blocks: Iterable[Block]) -> str:
    """Blocks separated by a blank line, consecutive items of one list by a line end only; the
    text ends in ``\\n``."""
    out: list[str] = []
    previous: int | None = None
    for text, group in blocks:
        if out:
            out.append("\n" if group is not None and group == previous else "\n\n")
        out.append(text)
        previous = group
    return "".join(out) + "\n" if out else ""


# --------------------------------------------------------------------------------------------
# Encodings

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16: the UTF-32 LE BOM starts like UTF-16 LE's
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_WORD = re.compile(r"[^\W\d_]+")


def decode_text(data: bytes, path: Path | str = "<bytes>") -> tuple[str, str]:
    """Decode the bytes of a text file; return the text (without BOM) and the encoding's name.

    In order: a byte-order mark (``utf-8-sig``, ``utf-16``, ``utf-32``); strict UTF-8; cp1252
    when it decodes strictly and reads as Latin-script text; else charset-normalizer's guess.
    Never decodes lossily. Raises :class:`InputError` (naming ``path``) for a binary file (NUL
    bytes without a UTF-16/32 BOM), an empty or whitespace-only one, or one no encoding fits.
    Line ends and normalisation are left as they are.
    """
    return _decode(data, path)


def _decode(data: bytes, path: Path | str, declared: str | None = None) -> tuple[str, str]:
    """:func:`decode_text`, trying a ``declared`` encoding (as from an HTML meta) after UTF-8."""
    encoding = _bom_encoding(data)
    if encoding is None:
        if b"\x00" in data:
            raise InputError(path, "binary file, not text")
        encoding = _guess_encoding(data, declared)
    if encoding is None:
        raise InputError(path, "cannot detect the text encoding")
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError(path, "cannot detect the text encoding") from exc
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise InputError(path, "empty file")
    return text, encoding


def _bom_encoding(data: bytes) -> str | None:
    return next((name for bom, name in _BOMS if data.startswith(bom)), None)


def _guess_encoding(data: bytes, declared: str | None) -> str | None:
    """The first encoding that decodes ``data`` strictly: UTF-8, declared, cp1252, detected."""
    if _decodes(data, "utf-8"):
        return "utf-8"
    if declared and _decodes(data, declared):
        return declared
    if _decodes(data, "cp1252") and _reads_as_latin(data.decode("cp1252")):
        return "cp1252"
    return _detect(data)


def _detect(data: bytes) -> str | None:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        return None
    try:
        name = codecs.lookup(best.encoding).name
    except LookupError:
        return None
    return name if _decodes(data, name) else None


def _decodes(data: bytes, encoding: str) -> bool:
    try:
        data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return False
    return True


def _reads_as_latin(text: str) -> bool:
    """Whether ``text`` reads as Latin-script prose: at least half of its words with non-ASCII
    letters also contain ASCII letters (``café``, ``naïve``), as a Western text decoded right
    does, while Cyrillic, Greek or CJK bytes decoded as cp1252 give words made only of accented
    letters (``Ïðèâåò``)."""
    words = [word for word in _WORD.findall(text) if not word.isascii()]
    mixed = sum(1 for word in words if any(char.isascii() for char in word))
    return mixed * 2 >= len(words)


# --------------------------------------------------------------------------------------------
# Plain text and Markdown


def _read_text(path: Path) -> tuple[str, str | None]:
    return decode_text(_read_bytes(path), path)


def _read_markdown(path: Path) -> tuple[str, str | None]:
    text, encoding = decode_text(_read_bytes(path), path)
    return _markdown_to_text(_newlines(text)), encoding


_MD_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_MD_ATX = re.compile(r"^ {0,3}#{1,6}(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
_MD_SETEXT = re.compile(r"^ {0,3}(?:=+|-+)[ \t]*$")
_MD_RULE = re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_MD_QUOTE = re.compile(r"^(?: {0,3}>[ \t]?)+")
_MD_BULLET = re.compile(r"^([ \t]*)[-*+][ \t]+(?=\S)")
_MD_NUMBER = re.compile(r"^([ \t]*)(\d{1,9})[.)][ \t]+(?=\S)")
_MD_FOOTNOTE_DEF = re.compile(r"^ {0,3}\[\^([^\]\s]+)\]:[ \t]*")
_MD_LINK_DEF = re.compile(r"^ {0,3}\[[^\]]+\]:[ \t]*\S+.*$")
_MD_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
_MD_CODE = re.compile(r"(`+)(.+?)\1(?!`)")
_MD_INLINE = (
    (re.compile(r"!\[[^\]]*\](?:\([^)]*\)|\[[^\]]*\])"), ""),  # images
    (re.compile(r"\[\^([^\]\s]+)\]"), r"[\1]"),  # footnote references
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),  # inline links
    (re.compile(r"\[([^\]]+)\]\[[^\]]*\]"), r"\1"),  # reference links
    (re.compile(r"<((?:https?|mailto):[^>\s]+)>"), r"\1"),  # autolinks
    (re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*"), r"\1"),
    (re.compile(r"(?<!\w)__(?=\S)(.+?)(?<=\S)__(?!\w)"), r"\1"),
    (re.compile(r"(?<![\w*])\*(?=[^\s*])(.+?)(?<=[^\s*])\*(?![\w*])"), r"\1"),
    (re.compile(r"(?<!\w)_(?=\S)(.+?)(?<=\S)_(?!\w)"), r"\1"),
    (re.compile(r"~~(?=\S)(.+?)(?<=\S)~~"), r"\1"),
)
_ESCAPED = 0xE000  # escaped punctuation is parked in the private-use area while inlines go


def _markdown_to_text(text: str) -> str:
    """Markdown (``\\n`` line ends) lightly turned into the canonical form, line by line.

    Headings become paragraphs of their own, bullets ``• ``, ordered items ``N. `` numbered as a
    renderer would, rules ``=====``; emphasis, code, link and quote markup is removed, images
    dropped, footnotes shown as ``[n]``; code blocks and all other lines are kept as they are.
    """
    converter = _MarkdownLines()
    for line in text.split("\n"):
        converter.feed(line)
    return "\n".join(converter.out)


class _MarkdownLines:
    """The state of :func:`_markdown_to_text`: output so far, open code fence, list counters."""

    def __init__(self) -> None:
        self.out: list[str] = []
        self.fence: str | None = None
        self.counters: dict[int, int] = {}
        self.after_heading = False
        self.in_paragraph = False

    def feed(self, line: str) -> None:
        if self.fence is not None:
            if line.strip().startswith(self.fence):
                self.fence = None
            else:
                self.out.append(line)
            return
        fence = _MD_FENCE.match(line)
        if fence:
            self.fence = fence.group(1)
            return
        self.block(_MD_QUOTE.sub("", line))

    def block(self, line: str) -> None:
        if not line.strip():
            self.emit(line, paragraph=False)
        elif self.in_paragraph and _MD_SETEXT.match(line):
            self.heading(self.out.pop().strip())
        elif _MD_RULE.match(line):
            self.counters = {}
            self.emit(SEPARATOR, paragraph=False)
        elif heading := _MD_ATX.match(line):
            self.heading(_md_inline(heading.group(1) or ""))
        else:
            self.emit(*self.convert(line))

    def emit(self, line: str, paragraph: bool) -> None:
        """Append ``line``; ``paragraph`` says whether it is paragraph text (not a list item)."""
        if self.after_heading and line.strip():
            self.out.append("")
        self.after_heading = False
        self.in_paragraph = paragraph
        self.out.append(line)

    def heading(self, text: str) -> None:
        """Append a heading as a paragraph of its own."""
        if self.out and self.out[-1].strip():
            self.out.append("")
        self.out.append(text)
        self.counters = {}
        self.after_heading = True
        self.in_paragraph = False

    def convert(self, line: str) -> tuple[str, bool]:
        """The line in canonical form and whether it is paragraph text (not a list item)."""
        if match := _MD_FOOTNOTE_DEF.match(line):
            return f"[{match.group(1)}] " + _md_inline(line[match.end() :]), False
        if _MD_LINK_DEF.match(line):
            return "", False
        indent_width = len(line) - len(line.lstrip(" \t"))
        self.counters = {k: v for k, v in self.counters.items() if k <= indent_width}
        if match := _MD_NUMBER.match(line):
            number = self.counters.get(indent_width, int(match.group(2)) - 1) + 1
            self.counters[indent_width] = number
            return f"{match.group(1)}{number}. " + _md_inline(line[match.end() :]), False
        self.counters.pop(indent_width, None)
        if match := _MD_BULLET.match(line):
            return match.group(1) + BULLET + _md_inline(line[match.end() :]), False
        return _md_inline(line), True


def _md_inline(text: str) -> str:
    """Inline Markdown markup removed; code spans kept verbatim without their backticks."""
    text = _MD_ESCAPE.sub(lambda m: chr(_ESCAPED + ord(m.group(1))), text)
    pieces = _MD_CODE.split(text)
    out: list[str] = []
    for index in range(0, len(pieces), 3):
        plain = pieces[index]
        for pattern, replacement in _MD_INLINE:
            plain = pattern.sub(replacement, plain)
        out.append(plain)
        if index + 2 < len(pieces):
            out.append(pieces[index + 2].strip(" ") or pieces[index + 2])
    return re.sub("[\ue021-\ue07e]", lambda m: chr(ord(m.group()) - _ESCAPED), "".join(out))


# --------------------------------------------------------------------------------------------
# HTML

_META_CHARSET = re.compile(rb"<meta\b[^>]*?charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]+)", re.I)
_HTML_DROP = frozenset(
    {"script", "style", "noscript", "template", "head", "svg", "iframe", "title", "object"}
)
_HTML_BLOCKS = frozenset(
    {"p", "div", "blockquote", "address", "center", "form", "fieldset", "legend"}
    | {"h1", "h2", "h3", "h4", "h5", "h6"}
    | {"section", "article", "header", "footer", "nav", "aside", "main", "html", "body"}
    | {"table", "thead", "tbody", "tfoot", "caption", "dl", "dd", "dt"}
    | {"figure", "figcaption", "details", "summary"}
)
_HTML_WHITESPACE = re.compile(r"[ \t\n\r\f]+")  # not \s: a non-breaking space is text


def _read_html(path: Path) -> tuple[str, str | None]:
    data = _read_bytes(path)
    text, encoding = _decode(data, path, _declared_charset(data))
    try:
        blocks = _html_to_blocks(text)
    except RecursionError as exc:
        raise InputError(path, "HTML nested too deeply to read") from exc
    if not blocks:
        raise InputError(path, "no text in the file (only markup)")
    return _join_blocks(blocks), encoding


def _declared_charset(data: bytes) -> str | None:
    """The encoding a ``<meta charset>`` near the top declares, as browsers read it."""
    match = _META_CHARSET.search(data[:65536])
    if not match:
        return None
    try:
        name = codecs.lookup(match.group(1).decode("ascii")).name
    except LookupError:
        return None
    if name in ("ascii", "iso8859-1"):
        return "cp1252"  # as browsers do: these labels mean windows-1252 on the web
    return "utf-8" if name.startswith(("utf-16", "utf-32")) else name


def _html_to_blocks(markup: str) -> list[Block]:
    """The paragraphs and list items of an HTML document, in order (see :class:`_HtmlText`)."""
    from bs4 import BeautifulSoup

    collector = _HtmlText()
    collector.walk(BeautifulSoup(markup, "html.parser"))
    collector.flush()
    return collector.blocks


class _HtmlText:
    """Walks a BeautifulSoup tree collecting blocks of canonical text.

    Block elements start a new paragraph; ``br`` is a line end and ``hr`` a ``=====`` line;
    ``li`` is ``• text`` in a ``ul`` and ``N. text`` in an ``ol`` (honouring ``start`` and
    ``value``); a table row is one paragraph with its cells joined by ``", "``; ``pre`` keeps its
    lines; ``sup`` and ``sub`` are glued to the text around them. Inline whitespace collapses to
    one space; scripts, styles, comments and the like are dropped.
    """

    def __init__(self) -> None:
        from bs4.element import NavigableString, PreformattedString

        self.string_type = NavigableString
        self.markup_string_type = PreformattedString
        self.blocks: list[Block] = []
        self.inline: list[str] = []
        self.lists: list[list[Any]] = []  # [ordered, next number] per open ul/ol
        self.marker: str | None = None  # the marker of an li whose text has not come yet
        self.group = 0  # counts outermost lists: nested lists belong to their outermost one
        self.handlers: dict[str, Callable[[Any], None]] = {
            "br": lambda node: self.inline.append("\n"),
            "hr": lambda node: self.paragraph(SEPARATOR),
            "ul": self.open_list,
            "ol": self.open_list,
            "menu": self.open_list,
            "li": self.item,
            "tr": self.row,
            "pre": self.pre,
            "sup": self.glued,
            "sub": self.glued,
        }

    def walk(self, node: Any) -> None:
        for child in node.children:
            self.visit(child)

    def visit(self, node: Any) -> None:
        if isinstance(node, self.string_type):
            if not isinstance(node, self.markup_string_type):  # comments, doctype, CDATA, …
                self.inline.append(_HTML_WHITESPACE.sub(" ", str(node)))
            return
        name = node.name
        if name in _HTML_DROP:
            return
        if name in self.handlers:
            self.handlers[name](node)
        elif name in _HTML_BLOCKS:
            self.flush()
            self.walk(node)
            self.flush()
        else:
            self.walk(node)

    def flush(self) -> None:
        """End the current paragraph: its inline text becomes a block, if there is any."""
        text = "".join(self.inline)
        self.inline = []
        lines = (re.sub(" {2,}", " ", line).strip(" ") for line in text.split("\n"))
        text = "\n".join(lines).strip("\n")
        if text.strip():  # a paragraph of only non-breaking spaces is spacing, not text
            self.add(text)

    def add(self, text: str) -> None:
        if self.marker is None:
            self.blocks.append((text, None))
        else:
            self.blocks.append((self.marker + text, self.group))
            self.marker = None

    def paragraph(self, text: str) -> None:
        self.flush()
        self.add(text)

    def open_list(self, node: Any) -> None:
        self.flush()
        if not self.lists:
            self.group += 1
        self.lists.append([node.name == "ol", _html_int(node.get("start"), 1)])
        self.walk(node)
        self.flush()
        self.lists.pop()

    def item(self, node: Any) -> None:
        self.flush()
        if not self.lists:
            self.group += 1  # an li outside any list is a list of its own
        ordered, number = self.lists[-1] if self.lists else (False, 1)
        if ordered:
            number = _html_int(node.get("value"), number)
            self.lists[-1][1] = number + 1
            self.marker = f"{number}. "
        else:
            self.marker = BULLET
        self.walk(node)
        self.flush()
        self.marker = None

    def row(self, node: Any) -> None:
        self.flush()
        cells = []
        for cell in node.find_all(["td", "th"], recursive=False):
            inner = _HtmlText()
            inner.walk(cell)
            inner.flush()
            cells.append(_HTML_WHITESPACE.sub(" ", " ".join(t for t, _ in inner.blocks)).strip())
        text = ", ".join(cell for cell in cells if cell)
        if text:
            self.add(text)

    def pre(self, node: Any) -> None:
        self.flush()
        text = _newlines(node.get_text()).strip("\n")
        if text.strip():
            self.add(text)

    def glued(self, node: Any) -> None:
        self.inline.append(_HTML_WHITESPACE.sub(" ", node.get_text()).strip())


def _html_int(value: Any, default: int) -> int:
    try:
        return int(str(value).strip())
    except ValueError:
        return default


# --------------------------------------------------------------------------------------------
# Word (.docx)

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
_DOCX_SKIP = frozenset(
    _W + tag for tag in ("pPr", "rPr", "del", "moveFrom", "drawing", "pict", "instrText")
) | {_MC + "AlternateContent"}
_DOCX_CHARS = {
    _W + "tab": "\t",
    _W + "ptab": "\t",
    _W + "br": "\n",
    _W + "cr": "\n",
    _W + "noBreakHyphen": "-",
}
_NOTE_REFERENCES = {_W + "footnoteReference": "footnote", _W + "endnoteReference": "endnote"}
_NOTE_SEPARATORS = frozenset({"separator", "continuationSeparator", "continuationNotice"})


def _read_docx(path: Path) -> tuple[str, str | None]:
    import docx

    try:
        document = docx.Document(str(path))
    except Exception as exc:  # python-docx raises zip, XML, key and value errors alike
        raise InputError(path, "not a valid .docx file") from exc
    text = _DocxText(document).text()
    if not text.strip():
        raise InputError(path, "empty file")
    return text, None


def _part_xml(part: Any, reltype: str) -> Any:
    """The XML root of the part ``part`` relates to by ``reltype``, or None."""
    from docx.oxml.parser import parse_xml

    for rel in part.rels.values():
        if rel.reltype == _RT + reltype and not rel.is_external:
            target = rel.target_part
            element = getattr(target, "element", None)
            return element if element is not None else parse_xml(target.blob)
    return None


def _val(element: Any) -> str | None:
    return None if element is None else element.get(_W + "val")


class _DocxText:
    """The canonical text of a python-docx Document.

    Body paragraphs and table rows (cells joined by ``", "``) in order, empty ones skipped;
    numbered paragraphs ``N. text`` and bulleted ones ``• text`` as the numbering definitions
    say (counted per list, as Word counts), or by the style name (``List Number*``,
    ``List Bullet*``, ``List Paragraph``) when there are none; a footnote or endnote reference
    is ``[n]`` (n in order of appearance) and the notes follow the body as ``[n] text``.
    """

    def __init__(self, document: Any) -> None:
        part = document.part
        self.body = document.element.body
        self.styles = _Styles(_part_xml(part, "styles"))
        self.numbering = _Numbering(_part_xml(part, "numbering"))
        self.notes = {
            "footnote": _notes(_part_xml(part, "footnotes"), "footnote"),
            "endnote": _notes(_part_xml(part, "endnotes"), "endnote"),
        }
        self.marks: dict[tuple[str, str], int] = {}
        self.counters: dict[str, dict[int, int]] = {}
        self.style_run = 0

    def text(self) -> str:
        body = list(self.blocks(self.body))
        return _join_blocks(body + list(self.note_blocks()))

    def blocks(self, container: Any) -> Iterator[Block]:
        for child in container:
            if child.tag == _W + "p":
                block = self.paragraph(child)
                if block is not None:
                    yield block
            elif child.tag == _W + "tbl":
                yield from self.table(child)
            elif child.tag in (_W + "sdt", _W + "sdtContent", _W + "customXml"):
                yield from self.blocks(child)

    def paragraph(self, p: Any) -> Block | None:
        marker = self.marker(p)
        text = self.inline_text(p)
        if not text.strip():
            return None
        return (text, None) if marker is None else (marker + text, 0)

    def table(self, tbl: Any) -> Iterator[Block]:
        for tr in tbl.iter(_W + "tr"):
            if tr.getparent() is not tbl:
                continue  # a nested table's rows are read as part of its cell
            cells = (self.cell_text(tc) for tc in tr.iter(_W + "tc") if tc.getparent() is tr)
            row = ", ".join(cell for cell in cells if cell)
            if row:
                yield row, None

    def cell_text(self, tc: Any) -> str:
        texts = (text for text, _ in self.blocks(tc))
        return _HTML_WHITESPACE.sub(" ", " ".join(texts)).strip()

    def inline_text(self, element: Any) -> str:
        """The text of a paragraph (or run, hyperlink, …), note references as ``[n]``."""
        parts: list[str] = []
        for child in element:
            tag = child.tag
            if tag == _W + "t":
                parts.append(child.text or "")
            elif tag in _DOCX_CHARS:
                parts.append(_DOCX_CHARS[tag])
            elif tag in _NOTE_REFERENCES:
                parts.append(self.mark(_NOTE_REFERENCES[tag], child.get(_W + "id", "")))
            elif tag not in _DOCX_SKIP:
                parts.append(self.inline_text(child))
        return "".join(parts)

    def mark(self, kind: str, note_id: str) -> str:
        number = self.marks.setdefault((kind, note_id), len(self.marks) + 1)
        return f"[{number}]"

    def note_blocks(self) -> Iterator[Block]:
        for (kind, note_id), number in list(self.marks.items()):
            note = self.notes[kind].get(note_id)
            texts = [] if note is None else [self.inline_text(p) for p in note.iter(_W + "p")]
            text = " ".join(t.strip() for t in texts if t.strip())
            yield f"[{number}] {text}".rstrip(), None

    def marker(self, p: Any) -> str | None:
        """``• ``, ``N. `` or None for paragraph ``p``; advances the list counters."""
        style = self.styles.chain(p)
        num_id, level = _numbering_of(p, style)
        form = self.numbering.level(num_id, level) if num_id not in (None, "0") else None
        if form is not None:
            self.style_run = 0
            kind, start = form
            if kind == "none":
                return None
            return BULLET if kind == "bullet" else f"{self.count(num_id or '', level, start)}. "
        name = self.styles.name(style[0]) if style and num_id != "0" else ""
        if name.startswith("list number"):
            self.style_run += 1
            return f"{self.style_run}. "
        self.style_run = 0
        listed = num_id not in (None, "0") or name.startswith(("list bullet", "list paragraph"))
        return BULLET if listed else None

    def count(self, num_id: str, level: int, start: int) -> int:
        """The number of the next item at ``level`` of list ``num_id``; deeper levels restart."""
        levels = self.counters.setdefault(num_id, {})
        number = levels[level] + 1 if level in levels else start
        levels[level] = number
        for deeper in [k for k in levels if k > level]:
            del levels[deeper]
        return number


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
    return num_id, _html_int(level, 0)


class _Styles:
    """Paragraph styles by id, to follow a paragraph's style and the styles it is based on."""

    def __init__(self, root: Any) -> None:
        found = [] if root is None else root.iter(_W + "style")
        self.by_id = {s.get(_W + "styleId"): s for s in found if s.get(_W + "type") == "paragraph"}
        self.default = next((s for s in self.by_id.values() if s.get(_W + "default") == "1"), None)

    def chain(self, p: Any) -> list[Any]:
        """The style elements of paragraph ``p``, its own first, then what each is based on."""
        style_id = _val(p.find(f"{_W}pPr/{_W}pStyle"))
        style = self.by_id.get(style_id) if style_id else self.default
        chain: list[Any] = []
        while style is not None and len(chain) < 20 and style not in chain:
            chain.append(style)
            style = self.by_id.get(_val(style.find(_W + "basedOn")))
        return chain

    @staticmethod
    def name(style: Any) -> str:
        return (_val(style.find(_W + "name")) or "").lower()


class _Numbering:
    """The numbering definitions: for (numId, level), the number format and start value."""

    def __init__(self, root: Any) -> None:
        self.abstract: dict[str | None, Any] = {}
        self.nums: dict[str | None, Any] = {}
        if root is not None:
            self.abstract = {a.get(_W + "abstractNumId"): a for a in root.iter(_W + "abstractNum")}
            self.nums = {n.get(_W + "numId"): n for n in root.iter(_W + "num")}

    def level(self, num_id: str | None, level: int) -> tuple[str, int] | None:
        """(``bullet``/``none``/``number``, start) or None when the definition is missing."""
        num = self.nums.get(num_id)
        if num is None:
            return None
        abstract = self.abstract.get(_val(num.find(_W + "abstractNumId")))
        lvl = None if abstract is None else self._lvl(abstract, level)
        if lvl is None:
            return None
        fmt = _val(lvl.find(_W + "numFmt")) or "decimal"
        start = _html_int(_val(lvl.find(_W + "start")), 1)
        for override in num.iter(_W + "lvlOverride"):
            if _html_int(override.get(_W + "ilvl"), 0) == level:
                start = _html_int(_val(override.find(_W + "startOverride")), start)
        return ("bullet" if fmt == "bullet" else "none" if fmt == "none" else "number"), start

    @staticmethod
    def _lvl(abstract: Any, level: int) -> Any:
        levels = abstract.findall(_W + "lvl")
        return next((x for x in levels if _html_int(x.get(_W + "ilvl"), 0) == level), None)


def _notes(root: Any, kind: str) -> dict[str, Any]:
    """Footnote or endnote elements by id, without the separator pseudo-notes."""
    if root is None:
        return {}
    notes = root.iter(_W + kind)
    return {n.get(_W + "id"): n for n in notes if n.get(_W + "type") not in _NOTE_SEPARATORS}


# --------------------------------------------------------------------------------------------
# PDF

_NO_TEXT_LAYER = "PDF has no text layer (scanned image?); run OCR first"


def _read_pdf(path: Path) -> tuple[str, str | None]:
    pages = [page.strip("\n") for page in _pdf_pages(path)]
    text = "\n\n".join(page for page in pages if page.strip())
    if not text:
        raise InputError(path, _NO_TEXT_LAYER)
    return text + "\n", None


def _pdf_pages(path: Path) -> list[str]:
    """pypdf's text of each page; any pypdf failure becomes an InputError."""
    from pypdf import PdfReader

    try:
        reader = PdfReader(path)
        encrypted = reader.is_encrypted
    except Exception as exc:  # pypdf raises many types for a malformed file
        raise InputError(path, "not a valid PDF file") from exc
    if encrypted:
        _pdf_decrypt(reader, path)
    try:
        return [page.extract_text() or "" for page in reader.pages]
    except Exception as exc:
        raise InputError(path, "cannot extract the text of this PDF") from exc


def _pdf_decrypt(reader: Any, path: Path) -> None:
    """Open a PDF encrypted with an empty user password, as viewers do; refuse any other."""
    try:
        opened = reader.decrypt("")
    except Exception as exc:  # e.g. an unsupported algorithm
        raise InputError(path, "PDF is encrypted; remove the password first") from exc
    if not opened:
        raise InputError(path, "PDF is encrypted; remove the password first")
