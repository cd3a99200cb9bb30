"""Plain, frozen data passed between the pipeline stages.

Every stage takes and returns these; none of them knows about the CLI, HTML or files beyond
``Document.path``. ``to_json`` turns any of them into the JSON documented in the README, so the
schema has a single source: the field names below.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from typing import Any, Literal, TypeVar, get_args, get_origin

T = TypeVar("T")

ParagraphKind = Literal["body", "heading", "list-item", "closing"]
SignatoryKind = Literal["organization", "individual"]


@dataclass(frozen=True)
class Document:
    """One input file turned into text, whatever its format or encoding."""

    source: str
    """File name within the corpus, or the path as given for a file outside it."""
    text: str
    """NFC text with ``\\n`` line ends; paragraphs separated by blank lines, list items as
    ``• text`` or ``1. text`` lines, headings on lines of their own."""
    format: str = "text"
    """How it was read: ``text``, ``markdown``, ``html``, ``docx`` or ``pdf``."""
    encoding: str | None = None
    """The detected encoding for text files, ``None`` for binary formats."""
    warnings: tuple[str, ...] = ()
    """What reading the file met that the reader should know (open tracked changes in a
    .docx, stray bytes dropped, an encoding that was a close call, a fallback PDF reader);
    every letter of the document carries them."""


@dataclass(frozen=True)
class DocumentPart:
    """The lines of one letter inside a document (a file may hold several)."""

    source: str
    part: int
    """1, 2, … within the file."""
    lines: tuple[str, ...]
    first_line: int = 0
    """Index of the part's first line among the document's lines (0-based)."""


@dataclass(frozen=True)
class Paragraph:
    kind: ParagraphKind
    """``body``, ``heading``, ``list-item`` or ``closing``."""
    text: str
    """The paragraph's words, without its list marker."""
    marker: str = ""
    """The list marker as written before the text ("1.", "a)", "(iv)", "•"), "" for none:
    kept apart so that renumbering a list is no change of wording, and shown by reports."""


@dataclass(frozen=True)
class Ask:
    text: str
    """The sentence or item that asks someone to act."""
    verb: str | None
    """The operative verb, normalised to the ladder's form (``urge``, ``call on``, …), or
    ``must``/``should`` for a modal ask; ``None`` for a list item whose verb is its own."""
    themes: tuple[str, ...] = ()
    """Theme slugs found in the ask."""
    heading: str | None = None
    """The section heading the ask sits under: the text of the nearest ``heading``
    paragraph before it, ``None`` when none precedes it."""


@dataclass(frozen=True)
class Signatory:
    name: str
    key: str
    """Normalised name: the same organisation gives the same key whatever the layout."""
    kind: SignatoryKind
    country: str | None = None
    affiliation: str | None = None
    """Title and institution for an individual; the represented organisation for
    ``Name, on behalf of Org``."""


@dataclass(frozen=True)
class Footnote:
    mark: str
    """The mark as it appears in the text, without decoration: ``i``, ``iv``, ``1``."""
    text: str


@dataclass(frozen=True)
class Letter:
    key: str
    """Stable, unique in the corpus: ``YYYY-MM-DD-recipient`` or the file name's stem."""
    source: str
    part: int
    title: str | None
    subject: str | None
    date: str | None
    """ISO ``YYYY-MM-DD`` of the letter itself, never a date from its body."""
    recipient: str | None
    recipient_block: tuple[str, ...]
    salutation: str | None
    paragraphs: tuple[Paragraph, ...]
    asks: tuple[Ask, ...]
    themes: tuple[str, ...]
    signatories: tuple[Signatory, ...]
    claimed_signatories: int | None
    footnotes: tuple[Footnote, ...]
    cc: tuple[str, ...]
    source_url: str | None
    closing: str | None = None
    warnings: tuple[str, ...] = field(default_factory=tuple)

    @property
    def body_text(self) -> str:
        """The letter's own words: paragraphs only (no signatories, footnotes, cc)."""
        return "\n\n".join(p.text for p in self.paragraphs)


@dataclass(frozen=True)
class LetterRef:
    """Which corpus letter: its key, where its text is, and its date. The one record every
    result uses to name a letter (a draft check's sources, a diff's two sides, …)."""

    key: str
    """The letter's key in the corpus (``Letter.key``)."""
    source: str
    """Its file name within the corpus, or the path as given (``Letter.source``)."""
    part: int
    """Its part within the file: 1, 2, …"""
    date: str | None
    """Its ISO date, ``None`` when undated."""
    recipient: str | None = None
    """Who it is addressed to, as the letter names it (``None`` when it names no one): how a
    report names the letter to a reader, with its date."""

    @classmethod
    def of(cls, letter: Letter) -> LetterRef:
        """The reference to ``letter``."""
        return cls(
            key=letter.key,
            source=letter.source,
            part=letter.part,
            date=letter.date,
            recipient=letter.recipient,
        )


def to_json(value: Any) -> Any:
    """Dataclasses (and tuples of them) as JSON-ready dicts and lists, field order kept."""
    kind = type(value)
    if kind in _LEAVES:
        return value  # the common case, decided at once
    if dataclasses.is_dataclass(kind) and not isinstance(value, type):
        return {name: to_json(getattr(value, name)) for name in _field_names(kind)}
    if isinstance(value, list | tuple):
        return [to_json(v) for v in value]
    if isinstance(value, dict):
        return {k: to_json(v) for k, v in value.items()}
    return value


_LEAVES = frozenset({str, int, float, bool, type(None)})
"""Types :func:`to_json` gives back as they are."""


@cache
def _field_names(kind: type) -> tuple[str, ...]:
    """The names of the fields of the dataclass ``kind``, in order."""
    return tuple(f.name for f in dataclasses.fields(kind))


def from_json(cls: type[T], value: Any) -> T:
    """The dataclass ``cls`` rebuilt from what :func:`to_json` gave for it, nested dataclasses,
    tuples and optional fields included (field types are read from the annotations). Raises
    ``TypeError``/``KeyError``/``ValueError`` when ``value`` does not fit ``cls``."""
    kind: object = cls  # a class is hashable (the builder cache's key); mypy can't tell of type[T]
    built: T = _builder(kind)(value)
    return built


@cache
def _builder(kind: Any) -> Callable[[Any], Any]:
    """A function building a value of the annotated type ``kind`` from JSON data."""
    if dataclasses.is_dataclass(kind) and isinstance(kind, type):
        hints = typing.get_type_hints(kind)
        fields = [(f.name, _builder(hints[f.name])) for f in dataclasses.fields(kind) if f.init]

        def build_dataclass(data: Any) -> Any:
            if not isinstance(data, dict):
                raise TypeError(f"{kind.__name__} wants an object, not {type(data).__name__}")
            return kind(**{name: build(data[name]) for name, build in fields if name in data})

        return build_dataclass
    origin, args = get_origin(kind), get_args(kind)
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            item = _builder(args[0])
            return lambda data: tuple(item(x) for x in data)
        items = [_builder(arg) for arg in args]
        return lambda data: tuple(build(x) for build, x in zip(items, data, strict=True))
    if origin in (typing.Union, types.UnionType):
        options = [arg for arg in args if arg is not type(None)]
        inner = _builder(options[0]) if len(options) == 1 else (lambda data: data)
        return lambda data: None if data is None else inner(data)
    return lambda data: data
