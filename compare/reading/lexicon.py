"""The words that mark a letter's parts, read from ``data/letter.toml``.

Only these predicates know the word lists; the parser asks them about one line at a time.
A user can extend the lists in the data file without touching code.

Salutations, closings, cc markers, title words and footnote headings are matched on a line's
:func:`key`: :func:`squash`, typographic quotes and dashes folded to ASCII, case folded and
accents removed, so "VÁŽENÝ PANE," and "Vazeny pane," match the listed "vážený", and
"Je vous prie d’agréer" matches "je vous prie d'agréer". Any script works (Cyrillic "С
уважением,").
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from compare.datafiles import DataTable, load_data, number, table, words
from compare.text import ends_sentence, fold, strip_accents

_EDGE_PUNCTUATION = " \t\xa0.,;:!?¡¿-–—*•·|\"'“”‘’„«»()[]"
_LETTERS = re.compile(r"[^\W\d_]+")
_URL = re.compile(r"^(?:https?://|www\.)\S+$", re.I)
_IMAGE_FILE = re.compile(r"\b[\w-]+\.(?:jpe?g|png|gif|webp|svg|bmp)\s*$", re.I)
_IMAGE_END = re.compile(r"\.(?:jpe?g|png|gif|webp|svg|bmp)\s*$", re.I)
"""How :data:`_IMAGE_FILE` ends: a quick test before it."""


def squash(line: str) -> str:
    """Lowercase, edge punctuation stripped, inner whitespace collapsed: the form lists match."""
    return " ".join(line.strip(_EDGE_PUNCTUATION).lower().split())


@lru_cache(maxsize=8192)
def key(line: str) -> str:
    """:func:`squash`, then typography folded, case folded and accents removed: the form the
    salutation, closing, cc, title and footnote lists are compared in (memoised: each line
    is tested against several lists)."""
    return strip_accents(fold(squash(line)).casefold())


def _fold_phrase(phrase: str) -> str:
    """A phrase as :func:`key` folds it, but with its punctuation kept ("c.c.", "копия:")."""
    return strip_accents(fold(" ".join(phrase.split())).casefold())


def _phrases(items: list[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(_fold_phrase(i) for i in items))


def _keys(items: list[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(key(i) for i in items))


@dataclass(frozen=True)
class Lexicon:
    salutation_starts: tuple[str, ...]
    salutation_bare: tuple[str, ...]
    salutation_max_words: int
    closing_starts: tuple[str, ...]
    closing_max_words: int
    closing_formulas: tuple[str, ...]
    closing_formula_max_words: int
    closing_formula_lead_words: int
    title_words: frozenset[str]
    recipient_stops: frozenset[str]
    generic_recipients: frozenset[str]
    cc_starts: tuple[str, ...]
    chrome_exact: frozenset[str]
    chrome_starts: tuple[str, ...]
    prose_min_words: int
    prose_function_words: frozenset[str]
    footnote_headings: frozenset[str]
    intro_phrases: tuple[str, ...]


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
        salutation_starts=_phrases(words(salutation, "starts")),
        salutation_bare=_phrases(words(salutation, "bare")),
        salutation_max_words=number(salutation, "max_words"),
        closing_starts=_phrases(words(closing, "starts")),
        closing_max_words=number(closing, "max_words"),
        closing_formulas=_phrases(words(closing, "formulas")),
        closing_formula_max_words=number(closing, "formula_max_words"),
        closing_formula_lead_words=number(closing, "formula_lead_words"),
        title_words=frozenset(_keys(words(title, "words"))),
        recipient_stops=frozenset(words(title, "recipient_stops")),
        generic_recipients=frozenset(words(table(raw, "recipient"), "generic")),
        cc_starts=tuple(
            sorted(
                {_fold_phrase(p) for p in words(table(raw, "cc"), "starts")},
                key=len,
                reverse=True,
            )
        ),
        chrome_exact=frozenset(squash(p) for p in words(chrome, "exact")),
        chrome_starts=tuple(p.lower() for p in words(chrome, "starts")),
        prose_min_words=number(prose, "min_words"),
        prose_function_words=frozenset(
            unicodedata.normalize("NFC", w.lower()) for w in words(prose, "function_words")
        ),
        footnote_headings=frozenset(_keys(words(table(raw, "footnotes"), "headings"))),
        intro_phrases=tuple(
            " ".join(_LETTERS.findall(k)) for k in _keys(words(table(raw, "intro"), "phrases"))
        ),
    )


_FIRST_WORD = re.compile(r"[ ,:]")


@lru_cache(maxsize=64)
def _by_first_word(phrases: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    """``phrases`` grouped by their first word (up to a space, comma or colon)."""
    groups: dict[str, list[str]] = {}
    for phrase in phrases:
        groups.setdefault(_FIRST_WORD.split(phrase, maxsplit=1)[0], []).append(phrase)
    return {word: tuple(group) for word, group in groups.items()}


def _starts_with_phrase(text: str, phrases: tuple[str, ...]) -> bool:
    """Whether ``text`` is one of ``phrases`` or starts with one, then a space or comma."""
    candidates = _by_first_word(phrases).get(_FIRST_WORD.split(text, maxsplit=1)[0], ())
    return any(
        text == p or text.startswith(p + " ") or text.startswith(p + ",") for p in candidates
    )


@lru_cache(maxsize=8192)
def is_salutation(line: str) -> bool:
    """A short greeting line: "Dear Secretary Smith,", "Excellencies,", "Your Excellency,"."""
    stripped = line.strip()
    words = stripped.split()
    lex = lexicon()
    if not words or len(words) > lex.salutation_max_words or stripped.endswith("."):
        return False
    text = key(stripped)
    if not _starts_with_phrase(text, lex.salutation_starts):
        return False
    return stripped[-1] in ",:!" or _starts_with_phrase(text, lex.salutation_bare)


@lru_cache(maxsize=8192)
def is_closing(line: str) -> bool:
    """A valediction line: "Sincerely,", "Yours faithfully", "Respectfully yours,", or a
    closing sentence that opens with a listed formula ("Veuillez agréer, Madame, …"), perhaps
    after a short clause and a comma ("Dans l'attente de votre réponse, nous vous prions
    d'agréer …")."""
    stripped = line.strip()
    words = stripped.split()
    lex = lexicon()
    if not words:
        return False
    text = key(stripped)
    if len(words) <= lex.closing_formula_max_words and (
        _starts_with_phrase(text, lex.closing_formulas)
        or _formula_after_lead(text, lex.closing_formulas, lex.closing_formula_lead_words)
    ):
        return True
    if len(words) > lex.closing_max_words:
        return False
    if stripped.endswith(".") and len(words) > 3:
        return False
    return _starts_with_phrase(text, lex.closing_starts)


def _formula_after_lead(text: str, formulas: tuple[str, ...], lead_words: int) -> bool:
    """Whether a formula follows a short opening clause and a comma ("dans l'attente de
    votre reponse, nous vous prions d'agreer …")."""
    lead, comma, rest = text.partition(",")
    return (
        bool(comma)
        and len(lead.split()) <= lead_words
        and _starts_with_phrase(rest.strip(), formulas)
    )


@lru_cache(maxsize=8192)
def cc_start(line: str) -> str | None:
    """The rest of a line that opens a cc block ("cc: Name" -> "Name", "CC:" -> ""), else None."""
    stripped = line.strip()
    first = _FIRST_WORD.split(key(stripped[:60]), maxsplit=1)[0]
    for phrase in _by_first_word(lexicon().cc_starts).get(first, ()):
        end = _prefix_end(stripped, phrase)
        if end is not None:
            rest = stripped[end:]
            if rest == "" or rest[0] == ":" or (rest[0] == " " and ":" in rest[:3]):
                return rest.lstrip(" :")
            if rest[0] in " \t" and phrase != "cc":
                return rest.strip()
    return None


def _prefix_end(text: str, phrase: str) -> int | None:
    """The index in ``text`` where a prefix whose :func:`key` form is ``phrase`` ends."""
    if text[: len(phrase)].lower() == phrase:  # the common case: plain ASCII
        return len(phrase)
    folded = ""
    for index, char in enumerate(text):
        folded += strip_accents(fold(char).casefold())
        if not phrase.startswith(folded):
            return None
        if len(folded) == len(phrase):
            return index + 1
    return None


def is_url(line: str) -> bool:
    return bool(_URL.match(line.strip()))


@lru_cache(maxsize=8192)
def is_chrome(line: str) -> bool:
    """Navigation, widget, caption or donation text that is never part of a letter."""
    text = squash(line)
    if not text:
        return False
    lex = lexicon()
    if text in lex.chrome_exact:
        return True
    if line.strip().lower().startswith(lex.chrome_starts):  # any of them
        return True
    # "… its file name is photo-2.jpg": a scrape's image placeholder ends with the file name.
    return bool(_IMAGE_END.search(line) and _IMAGE_FILE.search(line)) and len(line.split()) < 25


_WIDGET_WORDS = 2
"""The fewest words of a line made only of page-widget words (:func:`is_widget_line`)."""


def is_widget_line(line: str) -> bool:
    """Whether ``line`` is a row of page widgets: at least two words, each of them one of
    the one-word ``[chrome] exact`` phrases ("Share: Facebook Twitter LinkedIn Email",
    "Print | Email | Share")."""
    single = lexicon().chrome_exact
    tokens = [t for t in _LETTERS.findall(line.lower())]
    return len(tokens) >= _WIDGET_WORDS and all(t in single for t in tokens)


def has_title_word(line: str) -> bool:
    """Whether ``line`` holds a listed title word (any script, accents ignored)."""
    return not lexicon().title_words.isdisjoint(_key_words(line))


@lru_cache(maxsize=8192)
def _key_words(line: str) -> tuple[str, ...]:
    """The runs of letters of :func:`key` of ``line`` (memoised: several lists test them)."""
    return tuple(_LETTERS.findall(key(line)))


def presents_letter(line: str) -> bool:
    """Whether ``line`` is a page's line presenting the letter below it ("… sent the
    following statement to …", "Read the full text below:"), by the ``[intro]`` phrases of
    ``letter.toml`` (whole words, accents and case ignored)."""
    words = _key_words(line)
    text = f" {' '.join(words)} "
    by_first = _by_first_token(lexicon().intro_phrases)
    # A phrase found between spaces starts with one of the line's words: only those are tried.
    return any(f" {p} " in text for word in {*words, ""} for p in by_first.get(word, ()))


@lru_cache(maxsize=8)
def _by_first_token(phrases: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    """``phrases`` grouped by their first space-separated token (``""`` for an empty one)."""
    groups: dict[str, list[str]] = {}
    for phrase in phrases:
        groups.setdefault(phrase.split(" ", 1)[0], []).append(phrase)
    return {token: tuple(group) for token, group in groups.items()}


@lru_cache(maxsize=8192)
def is_prose(line: str) -> bool:
    """A sentence of running text (a bio, an appeal), as opposed to a name or address line."""
    words = line.split()
    lex = lexicon()
    if len(words) < lex.prose_min_words or not ends_sentence(line):
        return False
    return any(
        unicodedata.normalize("NFC", w.strip(",.;:!?\"'“”’«»„¿¡").lower())
        in lex.prose_function_words
        for w in words
    )


def is_footnote_heading(line: str) -> bool:
    return key(line) in lexicon().footnote_headings


_SENTENCE_CUT = re.compile(r"(?<=[.!?…»”\"])\s*(?=[^\W\d_])")

_GREETING_END = re.compile(r"\s*(?:[,:;!]|\s[-–—]|[–—])\s*")
_RUN_ON_MIN_WORDS = 6
"""A salutation is cut from the text run into it only when that text has at least this many
words and ends like a sentence, so that a list of addressees ("Dear Minister X, Minister Y
and Ms Z,") stays whole."""


@lru_cache(maxsize=8192)
def split_salutation(line: str) -> tuple[str, str]:
    """The greeting of a salutation line and the text a page ran into it, if any.

    A page may glue the greeting to the sentence before it ("… in June.Madame la Ministre,"
    -> ``("Madame la Ministre,", "")``), or run the letter's first sentence into it (the
    letters-page "Sir – We welcome …", "Dear Editor, We write …" -> ``("Sir", "We welcome …")``:
    the greeting, then the sentence, which is the body's first paragraph). The line itself
    and ``""`` otherwise."""
    if is_salutation(line):
        return line, ""
    pieces = _SENTENCE_CUT.split(line)
    if len(pieces) > 1 and is_salutation(pieces[-1]):
        return pieces[-1], ""
    for cut in _GREETING_END.finditer(line):
        greeting, rest = line[: cut.start()].strip(), line[cut.end() :].strip()
        if len(greeting.split()) > lexicon().salutation_max_words:
            break
        mark = cut.group().strip()
        closed = greeting + (mark if mark in (",", ":", "!") else ",")
        if (
            rest[:1].isupper()  # the quick tests first
            and len(rest.split()) >= _RUN_ON_MIN_WORDS
            and ends_sentence(rest)
            and is_salutation(closed)
        ):
            return (closed if mark in (",", ":", "!") else greeting), rest
    return line, ""
