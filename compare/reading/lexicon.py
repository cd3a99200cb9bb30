"""The words that mark a letter's parts, read from ``data/letter.toml``.

Only these predicates know the word lists; the parser asks them about one line at a time.
A user can extend the lists in the data file without touching code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from compare.datafiles import DataTable, load_data, number, table, words
from compare.text import ends_sentence

_EDGE_PUNCTUATION = " \t\xa0.,;:!?-–—*•·|\"'“”‘’()[]"
_URL = re.compile(r"^(?:https?://|www\.)\S+$", re.I)
_IMAGE_FILE = re.compile(r"\b[\w-]+\.(?:jpe?g|png|gif|webp|svg|bmp)\s*$", re.I)


def squash(line: str) -> str:
    """Lowercase, edge punctuation stripped, inner whitespace collapsed: the form lists match."""
    return " ".join(line.strip(_EDGE_PUNCTUATION).lower().split())


@dataclass(frozen=True)
class Lexicon:
    salutation_starts: tuple[str, ...]
    salutation_bare: tuple[str, ...]
    salutation_max_words: int
    closing_starts: tuple[str, ...]
    closing_max_words: int
    title_words: frozenset[str]
    recipient_stops: frozenset[str]
    generic_recipients: frozenset[str]
    cc_starts: tuple[str, ...]
    chrome_exact: frozenset[str]
    chrome_starts: tuple[str, ...]
    prose_min_words: int
    prose_function_words: frozenset[str]
    footnote_headings: frozenset[str]


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The packaged word lists (read once)."""
    return lexicon_from(load_data("letter"))


def lexicon_from(raw: DataTable) -> Lexicon:
    """The word lists of a parsed ``letter.toml``; :class:`~compare.errors.DataFileError`
    names a missing or malformed entry."""
    salutation, closing = table(raw, "salutation"), table(raw, "closing")
    title, chrome, prose = table(raw, "title"), table(raw, "chrome"), table(raw, "prose")
    return Lexicon(
        salutation_starts=tuple(words(salutation, "starts")),
        salutation_bare=tuple(words(salutation, "bare")),
        salutation_max_words=number(salutation, "max_words"),
        closing_starts=tuple(words(closing, "starts")),
        closing_max_words=number(closing, "max_words"),
        title_words=frozenset(words(title, "words")),
        recipient_stops=frozenset(words(title, "recipient_stops")),
        generic_recipients=frozenset(words(table(raw, "recipient"), "generic")),
        cc_starts=tuple(words(table(raw, "cc"), "starts")),
        chrome_exact=frozenset(squash(p) for p in words(chrome, "exact")),
        chrome_starts=tuple(p.lower() for p in words(chrome, "starts")),
        prose_min_words=number(prose, "min_words"),
        prose_function_words=frozenset(words(prose, "function_words")),
        footnote_headings=frozenset(words(table(raw, "footnotes"), "headings")),
    )


def _starts_with_phrase(text: str, phrases: tuple[str, ...]) -> bool:
    return any(text == p or text.startswith(p + " ") or text.startswith(p + ",") for p in phrases)


def is_salutation(line: str) -> bool:
    """A short greeting line: "Dear Secretary Smith,", "Excellencies,", "Your Excellency,"."""
    stripped = line.strip()
    words = stripped.split()
    lex = lexicon()
    if not words or len(words) > lex.salutation_max_words or stripped.endswith("."):
        return False
    text = stripped.lower()
    if not _starts_with_phrase(squash(text), lex.salutation_starts):
        return False
    return stripped[-1] in ",:!" or _starts_with_phrase(squash(text), lex.salutation_bare)


def is_closing(line: str) -> bool:
    """A valediction line: "Sincerely,", "Yours faithfully", "Respectfully yours,"."""
    stripped = line.strip()
    words = stripped.split()
    lex = lexicon()
    if not words or len(words) > lex.closing_max_words:
        return False
    if stripped.endswith(".") and len(words) > 3:
        return False
    return _starts_with_phrase(squash(stripped), lex.closing_starts)


def cc_start(line: str) -> str | None:
    """The rest of a line that opens a cc block ("cc: Name" -> "Name", "CC:" -> ""), else None."""
    stripped = line.strip()
    lowered = stripped.lower()
    for phrase in lexicon().cc_starts:
        if lowered.startswith(phrase):
            rest = stripped[len(phrase) :]
            if rest == "" or rest[0] == ":" or (rest[0] == " " and ":" in rest[:3]):
                return rest.lstrip(" :")
            if rest[0] in " \t" and phrase != "cc":
                return rest.strip()
    return None


def is_url(line: str) -> bool:
    return bool(_URL.match(line.strip()))


def is_chrome(line: str) -> bool:
    """Navigation, widget, caption or donation text that is never part of a letter."""
    text = squash(line)
    if not text:
        return False
    lex = lexicon()
    if text in lex.chrome_exact:
        return True
    lowered = line.strip().lower()
    if any(lowered.startswith(p) for p in lex.chrome_starts):
        return True
    # "… its file name is photo-2.jpg": a scrape's image placeholder ends with the file name.
    return bool(_IMAGE_FILE.search(line)) and len(line.split()) < 25


def has_title_word(line: str) -> bool:
    words = set(re.findall(r"[a-z]+", line.lower()))
    return bool(words & lexicon().title_words)


def is_prose(line: str) -> bool:
    """A sentence of running text (a bio, an appeal), as opposed to a name or address line."""
    words = line.split()
    lex = lexicon()
    if len(words) < lex.prose_min_words or not ends_sentence(line):
        return False
    return any(w.strip(",.;:!?\"'“”’").lower() in lex.prose_function_words for w in words)


def is_footnote_heading(line: str) -> bool:
    return squash(line) in lexicon().footnote_headings
