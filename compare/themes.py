"""Theme taxonomy: read it from TOML and tag text with the slugs of the themes it mentions.

The default taxonomy is ``compare/data/themes.toml``; ``--themes FILE`` replaces it with a file
of the same layout (``[[theme]]`` tables with ``slug``, optional ``label``, ``phrases``).

Matching rule for a phrase (documented for users at the top of the TOML file):

- case-insensitive;
- it must start at the start of a word ("ice" never matches inside "justice");
- by default it may end inside a word ("detain" matches "detained", "detainees", but not
  "detention", which is a different stem); a trailing ``$`` demands a whole-word end
  ("media$" matches "media", not "mediation");
- a space matches any run of whitespace, hyphens or dashes ("forced labour" also finds
  "forced-labour"), a hyphen matches a hyphen, a dash, a space or nothing ("field-based" also
  finds "field based", "fieldbased"), and an apostrophe matches ``'``, ``’`` and ``ʼ``.

Each theme's phrases are compiled once, on first use, into one regular expression (factored by
common prefixes); a taxonomy also compiles one scanner for all phrases so that tagging a text
is one pass plus a few anchored matches where some phrase begins.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

from compare.datafiles import DataTable, load_data, parse_data, stamp, tables, text, words

_THEME_KEYS = frozenset({"slug", "label", "phrases", "description"})
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_HYPHEN = r"[-‐‑‒–—\s]?"
_APOSTROPHE = "['’ʼ]"
_SPACE = r"[-‐‑‒–—\s]+"


def _atoms(phrase: str) -> list[str]:
    """The regex pieces of one phrase (lower-cased) under the matching rule above.

    Raises ``ValueError`` for a phrase with no characters to match.
    """
    text = phrase.strip().lower()
    whole_word = text.endswith("$")
    if whole_word:
        text = text[:-1].rstrip()
    if not text:
        raise ValueError(f"empty phrase {phrase!r}")
    atoms: list[str] = []
    for token in re.split(r"(\s+|-|['’])", text):
        if not token:
            continue
        if token.isspace():
            atoms.append(_SPACE)
        elif token == "-":
            atoms.append(_HYPHEN)
        elif token in "'’":
            atoms.append(_APOSTROPHE)
        else:
            atoms.extend(re.escape(char) for char in token)
    if whole_word:
        atoms.append(r"(?!\w)")
    return atoms


def _word_start(phrases: Iterable[str]) -> str:
    """``\\b`` (fast) when every phrase starts with a word character, else a look-behind."""
    return r"\b" if all(re.match(r"\w", p.strip()) for p in phrases) else r"(?<!\w)"


def _trie_source(sequences: Iterable[list[str]]) -> str:
    """One regex source matching any of the atom sequences, factored by common prefixes."""
    root: dict[str | None, Any] = {}
    for sequence in sequences:
        node = root
        for atom in sequence:
            node = node.setdefault(atom, {})
        node[None] = {}
    return _render(root)


def _render(node: dict[str | None, Any]) -> str:
    """The regex source of one trie node (``None`` marks the end of a phrase)."""
    branches = [atom + _render(child) for atom, child in node.items() if atom is not None]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if None not in node:
        return body
    return f"(?:{body})?" if len(branches) == 1 else body + "?"


def phrase_pattern(phrase: str) -> str:
    """The regex source for one phrase under the matching rule above, for lower-cased text."""
    return _word_start([phrase]) + "".join(_atoms(phrase))


def compile_phrases(phrases: Iterable[str]) -> re.Pattern[str]:
    """One regex matching any of ``phrases`` in lower-cased text.

    Case-insensitivity comes from lower-casing the text once (:meth:`Taxonomy.tag`), which is
    several times faster than ``re.IGNORECASE``.
    """
    phrases = list(phrases)
    return re.compile(_word_start(phrases) + _trie_source(_atoms(p) for p in phrases))


@dataclass(frozen=True)
class Theme:
    """One theme: its slug, label and the phrases that reveal it."""

    slug: str
    label: str
    phrases: tuple[str, ...]

    @cached_property
    def pattern(self) -> re.Pattern[str]:
        """The phrases compiled into one regex, on first use (a command that only reads
        the taxonomy's phrases, e.g. for a cache key, never compiles them)."""
        return compile_phrases(self.phrases)

    def matches(self, text: str) -> bool:
        """True when any phrase of the theme occurs in ``text`` (any case)."""
        return self.pattern.search(text.lower()) is not None


@dataclass(frozen=True)
class Taxonomy:
    """An ordered set of themes with unique slugs."""

    themes: tuple[Theme, ...]

    @cached_property
    def scanner(self) -> re.Pattern[str]:
        """Zero-width matches at every word start where some phrase of some theme begins:
        one pass over the text finds the few places where the themes' own patterns are tried
        (compiled on first use, as :attr:`Theme.pattern`)."""
        phrases = [phrase for theme in self.themes for phrase in theme.phrases]
        source = _trie_source(_atoms(p) for p in phrases) if phrases else "(?!)"
        return re.compile(f"{_word_start(phrases)}(?={source})")

    @cached_property
    def by_first_char(self) -> dict[str, tuple[int, ...]]:
        """Which themes have a phrase starting with a character (``""``: a phrase starting
        with anything else, tried at every hit of :attr:`scanner`)."""
        index: dict[str, list[int]] = {}
        for number, theme in enumerate(self.themes):
            for phrase in theme.phrases:
                first = phrase.strip().lower()[:1]
                first = first if first.isalnum() else ""  # tried at every hit
                if number not in index.setdefault(first, []):
                    index[first].append(number)
        return {k: tuple(v) for k, v in index.items()}

    @property
    def slugs(self) -> tuple[str, ...]:
        """The slugs in taxonomy order."""
        return tuple(theme.slug for theme in self.themes)

    def label(self, slug: str) -> str | None:
        """The label of the theme ``slug``, or ``None`` if the taxonomy has no such theme."""
        return next((theme.label for theme in self.themes if theme.slug == slug), None)

    def tag(self, text: str) -> tuple[str, ...]:
        """Slugs of the themes found in ``text`` (any case), in taxonomy order."""
        lowered = text.lower()
        found: set[int] = set()
        for match in self.scanner.finditer(lowered):
            position = match.start()
            candidates = self.by_first_char.get(lowered[position], ())
            for index in candidates + self.by_first_char.get("", ()):
                if index not in found and self.themes[index].pattern.match(lowered, position):
                    found.add(index)
        return tuple(theme.slug for index, theme in enumerate(self.themes) if index in found)


def tag_themes(text: str, taxonomy: Taxonomy) -> tuple[str, ...]:
    """Slugs of the themes of ``taxonomy`` found in ``text``, in taxonomy order."""
    return taxonomy.tag(text)


def load_taxonomy(path: Path | None = None) -> Taxonomy:
    """The taxonomy in the TOML file ``path``, or the packaged default for ``None``.

    Raises :class:`~compare.errors.DataFileError` naming the file, with a one-line message,
    when the file is missing or unreadable, is not UTF-8, is not valid TOML (the message keeps
    tomllib's line and column), or has a theme without a slug or phrases, a bad slug, or a
    duplicate slug. Results are cached per file (keyed on its modification time and size).
    """
    if path is None:
        return _default_taxonomy()
    return _cached_file_taxonomy(str(path), *stamp(path))


@lru_cache(maxsize=1)
def _default_taxonomy() -> Taxonomy:
    return taxonomy_from(load_data("themes"))


@lru_cache(maxsize=16)
def _cached_file_taxonomy(path: str, _mtime_ns: int, _size: int) -> Taxonomy:
    return taxonomy_from(load_data(Path(path)))


def parse_taxonomy(data: bytes, where: str) -> Taxonomy:
    """The taxonomy in the TOML bytes ``data``; ``where`` names the file in errors."""
    return taxonomy_from(parse_data(data, where))


def taxonomy_from(document: DataTable) -> Taxonomy:
    """The taxonomy of a parsed theme file (``[[theme]]`` tables), validated."""
    themes: list[Theme] = []
    seen: dict[str, int] = {}
    for number, table in enumerate(tables(document, "theme"), start=1):
        theme = _theme_from_table(table, number)
        if theme.slug in seen:
            raise document.error(
                f"duplicate slug {theme.slug!r} (themes #{seen[theme.slug]} and #{number})"
            )
        seen[theme.slug] = number
        themes.append(theme)
    return Taxonomy(tuple(themes))


def _theme_from_table(table: DataTable, number: int) -> Theme:
    """One validated :class:`Theme` from the ``number``-th ``[[theme]]`` table."""
    unknown = sorted(set(table) - _THEME_KEYS)
    if unknown:
        raise table.error(f"has an unknown key {unknown[0]!r}")
    slug = text(table, "slug") or ""
    if not _SLUG.fullmatch(slug):
        raise table.error(f"slug {slug!r} must be lower-case letters, digits, hyphens")
    table = table.named(f"[[theme]] {slug!r}")
    label = text(table, "label", default=slug) or slug
    phrases = words(table, "phrases")
    for phrase in phrases:
        if not phrase.strip().rstrip("$").strip():
            raise table.error(f"'phrases' must be non-empty strings (not {phrase!r})")
    return Theme(slug=slug, label=label, phrases=tuple(p.strip() for p in phrases))
