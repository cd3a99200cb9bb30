"""Font coverage: which characters of a report no installed font can print.

In: the texts a report prints (:func:`html_texts` reads them from its HTML) and a
*coverage* function (a character → whether some installed font has a glyph for it; by
default :func:`installed_coverage`, read from fontconfig). Out: a :class:`FontGap` — the
characters that would print as empty boxes and the Debian font packages that would print
them — or ``None`` when everything is covered (or coverage cannot be known).

Coverage is what fontconfig reports, the same fonts Pango (and so WeasyPrint) falls back on:
``fc-list --format '%{charset}\\n'`` lists every installed font's characters as hex ranges;
their union is read once per process (about 40 ms for 320 fonts, most of it fc-list) and each
character is then looked up by bisection. Characters that print nothing are never reported
missing: controls and format characters (Unicode categories Cc, Cf, Cs), separators (Z*)
and variation selectors. Without ``fc-list`` coverage is unknown and nothing is reported.

Which package covers which characters is data: ``compare/data/fonts.toml`` (Unicode ranges
per package; a character in none of them names the ``fallback`` package, fonts-noto-core,
which covers Arabic, Hebrew, Devanagari and most other scripts).
"""

from __future__ import annotations

import functools
import logging
import re
import shutil
import subprocess
import unicodedata
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from html import unescape

from compare.datafiles import load_data, tables, text, words

Coverage = Callable[[str], bool]
"""Whether some installed font has a glyph for a character (one code point)."""
LOG = logging.getLogger(__name__)

EXAMPLES = 5
"""How many of the missing characters the warning shows."""
_TEXT = re.compile(r">([^<]+)<")
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_SILENT_CATEGORIES = {"Cc", "Cf", "Cs", "Zs", "Zl", "Zp"}
_VARIATION_SELECTORS = ((0xFE00, 0xFE0F), (0xE0100, 0xE01EF))


@dataclass(frozen=True)
class FontGap:
    """Characters of a report that no installed font covers."""

    characters: tuple[str, ...]
    """Each missing character once, in the order the report's texts first use them."""
    packages: tuple[str, ...]
    """Debian packages that cover them (``compare/data/fonts.toml``), in the order of
    their first character."""

    def message(self) -> str:
        """One sentence for page 1 and the log: ``Some characters in this report (e.g. 张
        U+5F20, 李 U+674E) have no installed font and print as boxes: install
        fonts-noto-cjk``."""
        shown = ", ".join(f"{c} U+{ord(c):04X}" for c in self.characters[:EXAMPLES])
        more = len(self.characters) - EXAMPLES
        count = f"{len(self.characters)} different, " if more > 0 else ""
        return (
            f"Some characters in this report ({count}e.g. {shown}) have no installed font "
            f"and print as boxes: install {' '.join(self.packages)}"
        )


def html_texts(html: str) -> Iterator[str]:
    """The text a browser or WeasyPrint would print from ``html``: the text between the tags
    of its ``<body>`` (entities decoded; SVG ``<text>`` included; comments, attribute values
    and the ``<head>`` left out)."""
    start = html.find("<body")
    body = html[start:] if start >= 0 else html
    body = _COMMENT.sub("", body)
    for match in _TEXT.finditer(body):
        yield unescape(match.group(1))


def prints_nothing(character: str) -> bool:
    """Whether ``character`` draws no glyph (controls, format characters, separators,
    variation selectors), so a font without it leaves no box."""
    code = ord(character)
    if any(low <= code <= high for low, high in _VARIATION_SELECTORS):
        return True
    return unicodedata.category(character) in _SILENT_CATEGORIES


def uncovered(texts: Iterable[str], covers: Coverage) -> tuple[str, ...]:
    """The characters of ``texts`` that ``covers`` says no font has, each once, in order of
    first use; characters that print nothing are left out (:func:`prints_nothing`)."""
    checked: set[str] = set()
    missing: list[str] = []
    for piece in texts:
        new = set(piece) - checked
        if not new:
            continue
        checked |= new
        found = [c for c in new if not prints_nothing(c) and not covers(c)]
        missing += sorted(found, key=piece.index)
    return tuple(missing)


@functools.cache
def _package_ranges() -> tuple[str, tuple[tuple[str, int, int], ...]]:
    """(fallback package, (package, first, last) code point ranges in file order)."""
    data = load_data("fonts")
    fallback = text(data, "fallback")
    ranges = []
    for entry in tables(data, "package"):
        name = text(entry, "name")
        for item in words(entry, "ranges"):
            low, _, high = item.partition("-")
            try:
                first, last = int(low, 16), int(high or low, 16)
            except ValueError:
                raise entry.error(f"range {item!r} is not FROM-TO in hex") from None
            ranges.append((str(name), first, last))
    return str(fallback), tuple(ranges)


def package_for(character: str) -> str:
    """The Debian font package to install for ``character`` (``compare/data/fonts.toml``)."""
    fallback, ranges = _package_ranges()
    code = ord(character)
    return next((name for name, low, high in ranges if low <= code <= high), fallback)


def font_packages() -> tuple[str, ...]:
    """Every package ``compare/data/fonts.toml`` names, the fallback first."""
    fallback, ranges = _package_ranges()
    return tuple(dict.fromkeys([fallback, *(name for name, _, _ in ranges)]))


def font_gap(texts: Iterable[str], covers: Coverage | None = None) -> FontGap | None:
    """The characters of ``texts`` no font covers and the packages that would, or ``None``
    when there are none. ``covers`` defaults to :func:`installed_coverage`; when that is
    unknown (no ``fc-list``) the answer is ``None``."""
    if covers is None:
        covers = installed_coverage()
        if covers is None:
            return None
    missing = uncovered(texts, covers)
    if not missing:
        return None
    packages = tuple(dict.fromkeys(package_for(c) for c in missing))
    return FontGap(characters=missing, packages=packages)


def parse_charsets(listing: str) -> tuple[tuple[int, int], ...]:
    """The union of fontconfig charsets (``fc-list --format '%{charset}\\n'``: lines of hex
    ranges such as ``20-7e a0-17f 2014``) as sorted, merged ``(first, last)`` pairs.
    Raises ``ValueError`` on a range that is not hex."""
    spans = []
    for item in set(listing.split()):  # fonts share most of their ranges: 70,000 -> 4,000
        start, _, end = item.partition("-")
        spans.append((int(start, 16), int(end or start, 16)))
    merged: list[tuple[int, int]] = []
    for first, last in sorted(spans):
        if merged and first <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(merged[-1][1], last))
        else:
            merged.append((first, last))
    return tuple(merged)


def coverage_of(spans: tuple[tuple[int, int], ...]) -> Coverage:
    """A coverage function for merged ``(first, last)`` spans (:func:`parse_charsets`)."""
    starts = [low for low, _ in spans]

    def covers(character: str) -> bool:
        index = bisect_right(starts, ord(character)) - 1
        return index >= 0 and ord(character) <= spans[index][1]

    return covers


@functools.cache
def installed_coverage() -> Coverage | None:
    """What the installed fonts cover, read from fontconfig once per process; ``None`` when
    ``fc-list`` is missing or fails (coverage unknown)."""
    command = shutil.which("fc-list")
    if command is None:
        LOG.info("fc-list is missing: cannot tell which characters the fonts cover")
        return None
    try:
        listing = subprocess.run(
            [command, "--format", "%{charset}\\n"],
            capture_output=True,
            text=True,
            check=True,
            timeout=30,
        ).stdout
        return coverage_of(parse_charsets(listing))
    except (OSError, subprocess.SubprocessError, ValueError) as error:
        LOG.info("fc-list failed (%s): cannot tell which characters the fonts cover", error)
        return None
