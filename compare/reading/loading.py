"""Read an input file of any supported format into a :class:`~compare.models.Document`.

This is the one module that knows file formats and encodings. Whatever the format, the text of
the returned document has one canonical form, which the text parser downstream reads:

* Unicode NFC, ``\\n`` line ends, no byte-order mark; otherwise a text file's own lines are kept
  as they are (no reflowing, no stripping, non-breaking spaces kept), except a letter whose
  line breaks were lost (a newsletter as one paragraph), cut back into lines
  (:mod:`compare.reading.runin`);
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
from compare.reading.encoding import decode, reading
from compare.reading.encoding import decode_text as decode_text
from compare.reading.runin import unflatten

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


def load_document(path: Path, source: str | None = None, encoding: str | None = None) -> Document:
    """Read ``path`` into a Document whose text has the canonical form (see the module doc).

    ``source`` defaults to the file name. ``encoding`` forces the encoding of a text, Markdown
    or HTML file (else ``COMPARE_ENCODING`` does, else it is detected: see
    :mod:`compare.reading.encoding`). Raises :class:`InputError` for a missing path, a
    directory, an unsupported suffix, an unknown encoding, an unreadable, empty, binary or
    undecodable file, a docx or PDF the readers cannot open, and a PDF without a text layer.
    """
    path = Path(path)
    fmt = _format_of(path)
    readers: dict[str, Callable[[Path], tuple[str, str | None]]] = {
        "text": _read_text,
        "markdown": _read_markdown,
        "html": _read_html,
    }
    with reading(encoding) as warnings:
        if fmt == "docx":
            from compare.reading.word import read_docx

            text, found = read_docx(path)
            warnings.extend(found)
            used: str | None = None
        elif fmt == "pdf":
            from compare.reading.pdf import read_pdf

            text, found = read_pdf(path)
            warnings.extend(found)
            used = None
        else:
            text, used = readers[fmt](path)
    return Document(
        source=path.name if source is None else source,
        text=unflatten(_canonical(text)),
        format=fmt,
        encoding=used,
        warnings=tuple(warnings),
    )


def load_text(data: bytes, source: str, encoding: str | None = None) -> Document:
    """Plain-text bytes that come from no file (standard input) as a Document: decoded and
    made canonical as a ``.txt`` file would be. Raises :class:`InputError` naming ``source``."""
    decoded = decode(data, source, encoding=encoding)
    return Document(
        source=source,
        text=unflatten(_canonical(decoded.text)),
        format="text",
        encoding=decoded.encoding,
        warnings=decoded.warnings,
    )


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
# Encodings: see compare.reading.encoding


# --------------------------------------------------------------------------------------------
# Plain text and Markdown


def _read_text(path: Path) -> tuple[str, str | None]:
    return decode_text(_read_bytes(path), path)


def _read_markdown(path: Path) -> tuple[str, str | None]:
    text, encoding = decode_text(_read_bytes(path), path)
    try:
        return _markdown_to_text(_newlines(text)), encoding
    except RecursionError as exc:
        raise InputError(path, "HTML in the Markdown nested too deeply to read") from exc


_MD_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_MD_ATX = re.compile(r"^ {0,3}#{1,6}(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
_MD_SETEXT = re.compile(r"^ {0,3}(?:=+|-+)[ \t]*$")
_MD_RULE = re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_MD_QUOTE = re.compile(r"^(?: {0,3}>[ \t]?)+")
_MD_BULLET = re.compile(r"^([ \t]*)[-*+][ \t]+(?=\S)")
_MD_NUMBER = re.compile(r"^([ \t]*)(\d{1,9})[.)][ \t]+(?=\S)")
_MD_FOOTNOTE_DEF = re.compile(r"^ {0,3}\[\^([^\]\s]+)\]:[ \t]*")
_MD_NOTE_REF = re.compile(r"\[\^([^\]\s]+)\]")
_MD_LINK_BREAK = re.compile(r"(?<!!)\[([^\[\]\n]*)\n[ \t]*([^\[\]\n]*)\]\(")  # [text\n text](
_MD_LINK_DEF = re.compile(r"^ {0,3}\[[^\]]+\]:[ \t]*\S+.*$")
_MD_TABLE_RULE = re.compile(r"^ {0,3}\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$")
_MD_TABLE_PIPE = re.compile(r"(?<!\\)\|")
# kramdown attribute lists ({:.class}, {: #id .a .b}, {::options …}) and Pandoc's ({.class})
_MD_ATTRIBUTES = re.compile(r"[ \t]*\{(?::[^{}\n]*|[.#][\w-]+(?:[ \t]+[.#][\w-]+)*)\}")
_MD_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
_MD_CODE = re.compile(r"(`+)(.+?)\1(?!`)")
_MD_INLINE = (
    (re.compile(r"!\[[^\]]*\](?:\([^)]*\)|\[[^\]]*\])"), ""),  # images
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),  # inline links
    (re.compile(r"\[([^\]]+)\]\[[^\]]*\]"), r"\1"),  # reference links
    (re.compile(r"<((?:https?|mailto):[^>\s]+)>"), r"\1"),  # autolinks
    (re.compile(r"<([\w.+-]+@[\w-]+(?:\.[\w-]+)+)>"), r"\1"),  # e-mail autolinks
    (re.compile(r"\*\*(?=\S)([^*\n]+?)(\s)\*\*(?=\w)"), r"\1\2"),  # **Label: **text
    (re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*"), r"\1"),
    (re.compile(r"(?<!\w)__(?=\S)(.+?)(?<=\S)__(?!\w)"), r"\1"),
    (re.compile(r"(?<![\w*])\*(?=[^\s*])(.+?)(?<=[^\s*])\*(?![\w*])"), r"\1"),
    (re.compile(r"(?<!\w)_(?=\S)(.+?)(?<=\S)_(?!\w)"), r"\1"),
    (re.compile(r"~~(?=\S)(.+?)(?<=\S)~~"), r"\1"),
)
# emphasis opened on one line of a paragraph and closed on another: its markers are dropped
_MD_OPEN_EMPHASIS = re.compile(r"^([ \t]*)(?:\*\*|__|\*|_)(?=[^\W_])")
_MD_CLOSE_EMPHASIS = re.compile(r"(?<=[^\s*_])(?:\*\*|__|\*|_)(?=[ \t]*$)")
# "Jane Doe *Some University*": emphasis closing a line after a name is the name's affiliation
_MD_AFFILIATION = re.compile(
    r"^(?P<name>[^\s*_](?:[^*_\n]{0,78}[^\s*_,;:.!?(\[])?)[ \t]+"
    r"(?P<mark>\*\*|__|\*|_)(?=\S)(?P<rest>[^*_\n]*?[^\s*_])(?P=mark)[ \t]*$"
)
_NAME_PARTICLES = frozenset(
    {"al", "bin", "da", "de", "del", "della", "der", "di", "dos", "du", "el", "la", "le"}
    | {"van", "von", "y", "zu"}
)
_ESCAPED = 0xE000  # escaped punctuation is parked in the private-use area while inlines go
_NO_NOTES: dict[str, int] = {}


def _markdown_to_text(text: str) -> str:
    """Markdown (``\\n`` line ends) turned into the canonical form, as a reader of the rendered
    page sees it.

    * Front matter (a ``---`` YAML or ``+++`` TOML block opening the file) shows only its title,
      as a heading, and its date, as a line of its own (the day of a timestamp); other keys go.
    * Headings become paragraphs of their own, bullets ``• ``, ordered items ``N. `` numbered as
      a renderer would, rules ``=====``, table rows paragraphs of their cells joined by ``", "``.
    * Emphasis, code, link, quote and attribute-list (``{:.class}``) markup is removed, escapes
      are undone, images and link definitions are dropped (an image's alt text is no text of the
      letter); a line ``Name *Affiliation*`` becomes ``Name, Affiliation``.
    * HTML in the Markdown is read as the HTML reader reads it (``<li>`` is a ``• `` line,
      ``<br>`` a line end, comments go), entities are decoded.
    * Footnote marks become ``[n]``, numbered in the order they are first referenced as a
      renderer numbers them; a note is a line ``[n] text`` where it is defined (its indented
      or lazy continuation lines joined to it).

    Code blocks and all other lines are kept as they are (lines are not reflowed).
    """
    seen, text = _front_matter(text)
    text = _MD_LINK_BREAK.sub(lambda m: f"[{f'{m[1].rstrip()} {m[2]}'.strip()}](", text)
    converter = _MarkdownLines(_note_numbers(text))
    for line in text.split("\n"):
        converter.feed(line)
    return "\n".join(seen + _markdown_html(converter.out, converter.code))


# --------------------------------------------------------------------------------------------
# Markdown front matter

_FM_YAML_KEY = re.compile(r"^([A-Za-z_][\w.-]*)[ \t]*:(?:[ \t]+(.*?))?[ \t]*$")
_FM_TOML_KEY = re.compile(r"^([A-Za-z_][\w.-]*|\"[^\"\n]*\")[ \t]*=[ \t]*(.*?)[ \t]*$")
_FM_TOML_TABLE = re.compile(r"^\[\[?[^\]\n]+\]\]?[ \t]*(?:#.*)?$")
_FM_DATE_KEYS = (  # by preference, written lower case without separators
    "date",
    "publisheddate",
    "publishdate",
    "published",
    "pubdate",
    "publishedat",
    "publicationdate",
    "datepublished",
    "postdate",
    "created",
    "createdat",
)
_FM_TIMESTAMP = re.compile(r"^(\d{4}-\d{1,2}-\d{1,2})[T ]\d{1,2}:\d{2}")
_FM_BLOCK_SCALAR = re.compile(r"^[|>][-+]?\d?$")


def _front_matter(text: str) -> tuple[list[str], str]:
    """The lines a reader sees of the front matter opening ``text`` (its title and date, each a
    paragraph) and the text after the block; no lines and ``text`` itself when the file opens
    with no valid front-matter block."""
    lines = text.split("\n")
    opener = lines[0].rstrip()
    if opener not in ("---", "+++"):
        return [], text
    closers = ("---", "...") if opener == "---" else ("+++",)
    end = next((i for i in range(1, len(lines)) if lines[i].rstrip() in closers), None)
    values = None if end is None else _front_matter_values(lines[1:end], opener == "+++")
    if end is None or values is None:
        return [], text
    seen: list[str] = []
    title = values.get("title", "")
    if title:
        seen += [_md_inline(title), ""]
    for key in _FM_DATE_KEYS:
        date = values.get(key, "")
        if any(c.isdigit() for c in date):
            timestamp = _FM_TIMESTAMP.match(date)
            seen += [timestamp.group(1) if timestamp else date, ""]
            break
    return seen, "\n".join(lines[end + 1 :])


def _front_matter_values(lines: list[str], toml: bool) -> dict[str, str] | None:
    """The top-level scalar values of a front-matter block, by key (lower case, no ``_`` or
    ``-``); None when the block is not key-value front matter. Nested values are skipped."""
    values: dict[str, str] = {}
    key: str | None = None  # the key whose scalar may go on over the next lines
    table = False  # in TOML, keys under a [table] are not top-level
    array = 0  # in TOML, the depth of an array still open over lines
    for line in lines:
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if toml and array:
            array = max(0, array + line.count("[") - line.count("]"))
            continue
        if line[0] in " \t" or (not toml and line.startswith("-")):
            if not values and not table:
                return None  # a block must open with a key
            if key is not None and not toml:
                values[key] = f"{values[key]} {line.strip()}".strip()
            continue
        if toml and _FM_TOML_TABLE.match(line):
            table, key = True, None
            continue
        match = (_FM_TOML_KEY if toml else _FM_YAML_KEY).match(line)
        if not match:
            return None
        name = re.sub(r"[-_\s]", "", match.group(1).strip('"').lower())
        value = match.group(2) or ""
        if toml:
            array = max(0, value.count("[") - value.count("]"))
        if table or name in values:
            key = None
            continue
        values[name] = "" if _FM_BLOCK_SCALAR.match(value) else value
        key = name if value else None  # an empty value opens a nested list or mapping
    if not values and not table:
        return None
    return {name: _fm_scalar(value) for name, value in values.items()}


def _fm_scalar(value: str) -> str:
    """A YAML or TOML scalar as text: quotes and their escapes undone, a trailing comment cut."""
    if len(value) >= 2 and value[0] == value[-1] == '"':
        return re.sub(r"\\(.)", r"\1", value[1:-1]).strip()
    if len(value) >= 2 and value[0] == value[-1] == "'":
        return value[1:-1].replace("''", "'").strip()
    if value[:1] in ("[", "{"):
        return ""  # a list or mapping is no scalar
    return re.sub(r"[ \t]+#.*$", "", value).strip()


# --------------------------------------------------------------------------------------------
# Markdown blocks


def _note_numbers(text: str) -> dict[str, int]:
    """The number a renderer shows for each defined footnote label: in the order the notes are
    first referenced, then the notes never referenced in the order they are defined."""
    defined: list[str] = []
    referenced: list[str] = []
    for line in text.split("\n"):
        if match := _MD_FOOTNOTE_DEF.match(line):
            defined.append(match.group(1))
            line = line[match.end() :]
        referenced += _MD_NOTE_REF.findall(line)
    known = set(defined)
    order = [label for label in dict.fromkeys(referenced) if label in known]
    order += [label for label in dict.fromkeys(defined) if label not in set(order)]
    return {label: number for number, label in enumerate(order, 1)}


class _MarkdownLines:
    """The state of :func:`_markdown_to_text`: output so far, open code fence, list counters,
    an open table, an open footnote."""

    def __init__(self, notes: dict[str, int]) -> None:
        self.out: list[str] = []
        self.code: set[int] = set()  # indices in ``out`` of code lines, kept verbatim
        self.fence: str | None = None
        self.counters: dict[int, int] = {}
        self.apart = False  # the last block (a heading, a table row) is a paragraph of its own
        self.in_paragraph = False
        self.raw = ""  # the last paragraph line as written, which may be a table's header
        self.table = False
        self.numbers = notes
        self.note: int | None = None  # the index in ``out`` of a footnote whose text may go on
        self.note_gap = False  # a blank line came after the open footnote's text

    def feed(self, line: str) -> None:
        if self.fence is not None:
            if line.strip().startswith(self.fence):
                self.fence = None
            else:
                self.code.add(len(self.out))
                self.out.append(line)
            return
        fence = _MD_FENCE.match(line)
        if fence:
            self.fence = fence.group(1)
            self.note = None
            return
        self.block(_MD_QUOTE.sub("", line))

    def block(self, line: str) -> None:
        if self.note is not None and self.footnote_goes_on(line):
            return
        if self.table and (not line.strip() or "|" not in line):
            self.table = False
        if not line.strip():
            self.emit(line, paragraph=False)
        elif line.strip().startswith("{") and not _MD_ATTRIBUTES.sub("", line).strip():
            return  # a block attribute list
        elif self.table:
            self.row(line)
        elif self.in_paragraph and "|" in line and self.table_rule(line):
            self.out.pop()
            self.table = True
            self.row(self.raw)
        elif self.in_paragraph and _MD_SETEXT.match(line):
            self.heading(self.out.pop().strip())
        elif _MD_RULE.match(line):
            self.counters = {}
            self.emit(SEPARATOR, paragraph=False)
        elif heading := _MD_ATX.match(line):
            self.heading(_md_inline(heading.group(1) or "", self.numbers))
        elif match := _MD_FOOTNOTE_DEF.match(line):
            number = self.numbers.get(match.group(1), match.group(1))
            text = _md_inline(line[match.end() :], self.numbers)
            self.emit(f"[{number}] {text}".rstrip(), paragraph=False)
            self.note = len(self.out) - 1
            self.note_gap = False
        else:
            self.raw = line
            self.emit(*self.convert(line))

    def footnote_goes_on(self, line: str) -> bool:
        """Whether ``line`` belongs to the open footnote (indented, or lazily continuing its
        last line); if it does, it is added to the note."""
        assert self.note is not None
        if not line.strip():
            self.note_gap = True
            return False
        indented = line.startswith(("    ", "\t"))
        lazy = not self.note_gap and not (
            _MD_FOOTNOTE_DEF.match(line) or _MD_ATX.match(line) or _MD_RULE.match(line)
        )
        lazy = lazy and not (_MD_BULLET.match(line) or _MD_NUMBER.match(line))
        if not (indented or lazy):
            self.note = None
            return False
        text = _md_inline(line.strip(), self.numbers)
        self.out[self.note] = f"{self.out[self.note]} {text}".rstrip()
        self.note_gap = False
        return True

    def table_rule(self, line: str) -> bool:
        """Whether ``line`` is the delimiter row of a table whose header is the last line."""
        return bool(_MD_TABLE_RULE.match(line)) and len(_table_cells(line)) == len(
            _table_cells(self.raw)
        )

    def emit(self, line: str, paragraph: bool) -> None:
        """Append ``line``; ``paragraph`` says whether it is paragraph text (not a list item)."""
        if self.apart and line.strip():
            self.out.append("")
        self.apart = False
        self.in_paragraph = paragraph
        self.out.append(line)

    def heading(self, text: str) -> None:
        """Append a heading as a paragraph of its own."""
        self.alone(text)
        self.counters = {}

    def alone(self, text: str) -> None:
        """Append ``text`` as a paragraph of its own."""
        if self.out and self.out[-1].strip():
            self.out.append("")
        self.out.append(text)
        self.apart = True
        self.in_paragraph = False

    def row(self, line: str) -> None:
        """A table row as a paragraph of its non-empty cells joined by ``", "``; the delimiter
        row is no text."""
        if _MD_TABLE_RULE.match(line):
            return
        cells = (_md_inline(cell.strip(), self.numbers) for cell in _table_cells(line))
        text = ", ".join(cell for cell in cells if cell.strip())
        if text:
            self.alone(text)

    def convert(self, line: str) -> tuple[str, bool]:
        """The line in canonical form and whether it is paragraph text (not a list item)."""
        if _MD_LINK_DEF.match(line):
            return "", False
        indent_width = len(line) - len(line.lstrip(" \t"))
        self.counters = {k: v for k, v in self.counters.items() if k <= indent_width}
        if match := _MD_NUMBER.match(line):
            number = self.counters.get(indent_width, int(match.group(2)) - 1) + 1
            self.counters[indent_width] = number
            return f"{match.group(1)}{number}. " + self.inline(line[match.end() :]), False
        self.counters.pop(indent_width, None)
        if match := _MD_BULLET.match(line):
            return match.group(1) + BULLET + self.inline(line[match.end() :]), False
        return self.inline(line), True

    def inline(self, text: str) -> str:
        return _md_inline(_affiliation(text), self.numbers)


def _table_cells(line: str) -> list[str]:
    """The cells of a Markdown table row (an escaped ``\\|`` is a pipe in a cell)."""
    line = line.strip()
    line = line[1:] if line.startswith("|") else line
    line = line[:-1] if line.endswith("|") and not line.endswith("\\|") else line
    return [cell.replace("\\|", "|") for cell in _MD_TABLE_PIPE.split(line)]


def _affiliation(text: str) -> str:
    """``Jane Doe *Some University*`` as ``Jane Doe, Some University``: emphasis that closes
    a line after a name is the name's affiliation. Other text is returned as it is."""
    match = _MD_AFFILIATION.match(text)
    if not match:
        return text
    words = match.group("name").split()
    if len(words) > 6 or any(w[0].islower() and w.lower() not in _NAME_PARTICLES for w in words):
        return text
    return f"{match.group('name')}, {match.group('rest')}"


def _md_inline(text: str, notes: dict[str, int] = _NO_NOTES) -> str:
    """Inline Markdown markup removed; code spans kept verbatim without their backticks;
    footnote marks ``[^label]`` shown as ``[n]`` with the number ``notes`` gives the label."""
    text = _MD_ESCAPE.sub(lambda m: chr(_ESCAPED + ord(m.group(1))), text.rstrip("\\"))
    pieces = _MD_CODE.split(text)
    out: list[str] = []
    last = len(pieces) - 1
    for index in range(0, len(pieces), 3):
        plain = _MD_ATTRIBUTES.sub("", pieces[index])
        plain = _MD_NOTE_REF.sub(lambda m: f"[{notes.get(m.group(1), m.group(1))}]", plain)
        for pattern, replacement in _MD_INLINE:
            plain = pattern.sub(replacement, plain)
        plain = _MD_OPEN_EMPHASIS.sub(r"\1", plain) if index == 0 else plain
        plain = _MD_CLOSE_EMPHASIS.sub("", plain) if index == last else plain
        out.append(plain)
        if index + 2 < len(pieces):
            out.append(pieces[index + 2].strip(" ") or pieces[index + 2])
    return re.sub("[\ue021-\ue07e]", lambda m: chr(ord(m.group()) - _ESCAPED), "".join(out))


# --------------------------------------------------------------------------------------------
# HTML in Markdown

_MD_HTML_TAG = re.compile(
    r"<!--|</?(?:a|abbr|address|article|aside|audio|b|big|blockquote|br|button|center|cite"
    r"|code|dd|del|details|div|dl|dt|em|figcaption|figure|font|footer|form|h[1-6]|header|hr"
    r"|i|iframe|img|input|ins|kbd|label|li|main|mark|nav|ol|p|picture|pre|q|s|script|section"
    r"|small|source|span|strike|strong|style|sub|summary|sup|table|tbody|td|tfoot|th|thead"
    r"|time|tr|u|ul|video|wbr)(?=[\s/>])[^<>]*>",
    re.I,
)
_MD_HTML_ELEMENT = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9]*)\b[^<>]*?(/?)>")
# elements that may hold blank lines, so that their start and end are in different paragraphs
# of the Markdown (elements whose end tag may be left out, li or p, are not among them)
_MD_HTML_CONTAINERS = frozenset(
    {"div", "ul", "ol", "dl", "table", "blockquote", "details", "figure", "center", "pre"}
    | {"section", "article", "aside", "header", "footer", "nav", "main", "form"}
    | {"script", "style", "iframe", "template", "noscript", "svg"}
)
_MD_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


def _markdown_html(lines: list[str], code: set[int]) -> list[str]:
    """The converted Markdown lines with the HTML in them read as the HTML reader reads it.

    A paragraph with a tag or comment in it, and the paragraphs after it up to where the
    containers and comments it opens are closed, are read as one fragment of HTML; entities in
    other text are decoded; code lines stay as they are.
    """
    out: list[str] = []
    fragment: list[list[str]] = []  # the paragraphs of an HTML fragment still open
    depth = 0  # the containers and comments the fragment leaves open
    for paragraph, blank, is_code in _md_groups(lines, code):
        if blank:
            if not fragment:
                out += paragraph
            continue
        joined = "\n".join(paragraph)
        if not is_code and (fragment or _MD_HTML_TAG.search(joined)):
            fragment.append(paragraph)
            depth = max(0, depth + _html_depth(joined))
            if not depth:
                out += _html_fragment(fragment)
                fragment = []
            continue
        if fragment:  # a code block ends a fragment left open
            out += [*_html_fragment(fragment), ""]
            fragment, depth = [], 0
        out += paragraph if is_code else [_MD_ENTITY.sub(_entity, line) for line in paragraph]
    if fragment:
        out += _html_fragment(fragment)
    return out


def _md_groups(lines: list[str], code: set[int]) -> Iterator[tuple[list[str], bool, bool]]:
    """Runs of consecutive lines alike in being blank and being code: (lines, blank, code)."""
    start = 0
    for end in range(1, len(lines) + 1):
        if end == len(lines) or _md_kind(lines, code, end) != _md_kind(lines, code, start):
            yield lines[start:end], *_md_kind(lines, code, start)
            start = end


def _md_kind(lines: list[str], code: set[int], index: int) -> tuple[bool, bool]:
    return not lines[index].strip(), index in code


def _html_depth(text: str) -> int:
    """How many containers and comments ``text`` opens and leaves open (negative: closes)."""
    depth = text.count("<!--") - text.count("-->")
    for match in _MD_HTML_ELEMENT.finditer(text):
        closing, name, empty = match.groups()
        if name.lower() in _MD_HTML_CONTAINERS and not empty:
            depth += -1 if closing else 1
    return depth


def _html_fragment(paragraphs: list[list[str]]) -> list[str]:
    """Paragraphs of Markdown with HTML in them as canonical lines. Each line of a paragraph
    stays a line (a ``<br>`` is added where no tag already ends the line or starts the next);
    the paragraphs stay apart."""
    markup = "\n<p></p>\n".join(_html_lines(paragraph) for paragraph in paragraphs)
    return _join_blocks(_html_to_blocks(markup)).rstrip("\n").split("\n")


def _html_lines(lines: list[str]) -> str:
    parts = [lines[0]]
    for previous, line in zip(lines, lines[1:], strict=False):
        tagged = previous.rstrip().endswith(">") or line.lstrip().startswith("<")
        parts += ["\n" if tagged else "<br>\n", line]
    return "".join(parts)


def _entity(match: re.Match[str]) -> str:
    import html

    return html.unescape(match.group())


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
    decoded = decode(data, path, _declared_charset(data))
    text, encoding = decoded.text, decoded.encoding
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
    ``value``); a table row is one paragraph with its cells joined by ``", "``, and so is a
    record of classed inline fields (:func:`_record_fields`); ``pre`` keeps its
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
            fields = _record_fields(node, self.string_type)
            if fields:
                self.add(", ".join(fields))
            else:
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


_RECORD_FIELDS = frozenset({"span", "a", "strong", "b", "em", "i", "small", "label", "cite"})


def _record_fields(node: Any, string_type: type) -> list[str] | None:
    """The fields of a record: a block whose content is only two or more inline elements, each
    with a ``class`` and its own text, apart from whitespace between them (a signature card:
    ``<div><span class="name">…</span> <span class="org">…</span></div>``). A page's style
    sheet shows such fields apart, so they are read like a table row's cells, joined by ", "
    ("Jane Roe, Example Org"); ``None`` for any other block."""
    fields: list[str] = []
    for child in node.children:
        if isinstance(child, string_type):
            if type(child) is string_type and str(child).strip():
                return None
            continue
        if child.name not in _RECORD_FIELDS or not child.get("class"):
            return None
        text = _HTML_WHITESPACE.sub(" ", child.get_text()).strip()
        if text:
            fields.append(text)
    return fields if len(fields) >= 2 else None


def _html_int(value: Any, default: int) -> int:
    try:
        return int(str(value).strip())
    except ValueError:
        return default


# --------------------------------------------------------------------------------------------
# Word (.docx)

# The Word reader is compare.reading.word (it gives warnings besides the text).


# The PDF reader is compare.reading.pdf (it gives warnings besides the text).
