"""The package's one text normaliser, tokenisers, sentence splitter and month names.

Every layer that asks "is this the same text?" — paragraph alignment, the word diff, ask
matching, letter similarity, signatory and country keys — normalises through this module, so
a soft hyphen or a ligature is no difference anywhere or everywhere, never in one layer only.

Normalising
-----------
:func:`normalize(text, *, ignore_case=False, ignore_punctuation=False, ignore_typography=True,
ignore_invisible=True) <normalize>` → ``str``. Each option names a kind of difference that
stops counting when it is true; white-space runs always become one space and the ends are
stripped (``"a \\n\\n b " → "a b"``).

* ``ignore_invisible`` (default on): Unicode compatibility folding (NFKC) — ligatures
  ``"ﬁnal" → "final"`` (ﬀ ﬁ ﬂ ﬃ ﬄ), full-width forms ``"ＵＮ" → "UN"``, no-break and other
  fixed-width spaces to a space — and the invisible characters removed: soft hyphen
  ``"inter\\u00adnational" → "international"``, zero-width space, non-joiner, joiner, word
  joiner and byte-order mark (:data:`INVISIBLE`).
* ``ignore_typography`` (default on): curly quotes, primes, guillemets, the spacing acute and
  the backtick to ASCII ``'`` or ``"``, and the dash family (hyphen, non-breaking hyphen,
  figure/en/em dash, horizontal bar, minus sign) to ``-``: ``"“It’s” — now" → '"It\\'s" - now'``
  (:data:`TYPOGRAPHY`).
* ``ignore_case``: :meth:`str.casefold` (``"Straße" → "strasse"``).
* ``ignore_punctuation``: every character that is neither a word character nor white space
  becomes a space (``"rights-based, now!" → "rights based now"``).

:func:`normalize` is idempotent — ``normalize(normalize(t, **o), **o) == normalize(t, **o)``
for every text and options (tested with hypothesis in ``tests/test_text.py``). :func:`fold`
is the invisible and typography steps alone, white space kept as written: what the word diff
compares tokens by. :func:`strip_accents` removes combining marks after NFKD (``"Perú" →
"Peru"``), scikit-learn's ``strip_accents_unicode`` but decomposing only non-ASCII runs.

Tokenising
----------
* :func:`tokens` — a lossless cut for the word diff: words (inner apostrophes and invisible
  characters kept inside: ``"don't"``, ``"inter\\u00adnational"``), white-space runs and single
  other characters; ``"".join(tokens(t)) == t``.
* :func:`words` — only the words of :func:`tokens`: what word counts count.
* :func:`similarity_tokens` — case-folded runs of word characters and single punctuation
  marks (``"Don't!" → ["don", "'", "t", "!"]``): what the word-level similarity of paragraphs
  and asks compares.

Sentences
---------
:func:`sentences` → the sentences of a paragraph, white space collapsed;
:func:`sentence_spans` → their ``(start, end)`` offsets in the text as given. A sentence ends at
``.``, ``!``, ``?`` or ``…`` (plus closing quotes/brackets and footnote marks) followed by white
space and a capital or digit; a ``.`` after an abbreviation listed in ``data/verbs.toml``
(``[sentences] abbreviations``), a capital initial or a dotted acronym ends none.
:func:`ends_sentence` says whether one line ends like a sentence (a glued footnote mark
allowed).

Months
------
:data:`MONTHS` maps English month names and abbreviations, lower case, to their numbers
(``"january"``, ``"jan"``, ``"sept"`` …); :data:`MONTH_PATTERN` is a regex alternation of
them, longest first, for case-insensitive patterns.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from functools import lru_cache

INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
"""Removed by ``ignore_invisible``: soft hyphen, zero-width space, non-joiner, joiner, word
joiner, byte-order mark (zero-width no-break space)."""

TYPOGRAPHY: dict[str, str] = {
    **dict.fromkeys("‘’‚‛′‹›´`ʼ", "'"),
    **dict.fromkeys("“”„‟″«»", '"'),
    **dict.fromkeys("‐‑‒–—―−", "-"),
}
"""Mapped by ``ignore_typography``: quote, prime, guillemet and apostrophe variants to ASCII
quotes, the dash family to a hyphen-minus."""

_REMOVE_INVISIBLE = str.maketrans(dict.fromkeys(INVISIBLE, None))
_PLAIN_TYPOGRAPHY = str.maketrans(TYPOGRAPHY)
_PUNCTUATION = re.compile(r"[^\w\s]")
_NON_ASCII_RUN = re.compile(r"[^\x00-\x7f]+")

_COMBINING = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
"""Combining marks: a decomposed accent ("e" + U+0301) stays inside its word."""
_IN_WORD = f"[{INVISIBLE}{_COMBINING}]"
_WORD = rf"(?:{_IN_WORD}*\w)+{_IN_WORD}*(?:['’](?:{_IN_WORD}*\w)+{_IN_WORD}*)*"
_TOKEN = re.compile(rf"{_WORD}|\s+|[^\w\s]")
_WORD_ONLY = re.compile(_WORD)
_SIMILARITY_TOKEN = re.compile(r"\w+|[^\w\s]")


# --------------------------------------------------------------------------- normalising


def fold(text: str, *, ignore_typography: bool = True, ignore_invisible: bool = True) -> str:
    """``text`` with the invisible and typography differences removed (see the module
    docstring), white space as written except that NFKC turns no-break spaces into spaces."""
    if text.isascii():
        return text.translate(_PLAIN_TYPOGRAPHY) if ignore_typography else text
    if ignore_typography:
        text = text.translate(_PLAIN_TYPOGRAPHY)  # before NFKC: it decomposes "´" to " ́"
    if ignore_invisible:
        text = unicodedata.normalize("NFKC", text.translate(_REMOVE_INVISIBLE))
        if ignore_typography:
            text = text.translate(_PLAIN_TYPOGRAPHY)  # NFKC makes "﹘" an em dash
    return text


def normalize(
    text: str,
    *,
    ignore_case: bool = False,
    ignore_punctuation: bool = False,
    ignore_typography: bool = True,
    ignore_invisible: bool = True,
) -> str:
    """The form texts are compared in: each ``ignore_…`` difference removed, white-space runs
    one space, ends stripped (options and examples in the module docstring)."""
    text = fold(text, ignore_typography=ignore_typography, ignore_invisible=ignore_invisible)
    if ignore_case:
        text = text.casefold()
        if ignore_invisible and not text.isascii():
            # Case folding can leave a decomposed sequence ("ǰ" is "j" + caron).
            text = unicodedata.normalize("NFKC", text).casefold()
    if ignore_punctuation:
        text = _PUNCTUATION.sub(" ", text)
    return " ".join(text.split())


def strip_accents(text: str) -> str:
    """``text`` without combining marks after NFKD: the result of scikit-learn's
    ``strip_accents_unicode``, but decomposing only the non-ASCII runs (much faster on
    mostly-ASCII letters)."""
    return _NON_ASCII_RUN.sub(_strip_run, text)


def _strip_run(match: re.Match[str]) -> str:
    decomposed = unicodedata.normalize("NFKD", match.group())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


# --------------------------------------------------------------------------- tokenising


def tokens(text: str) -> list[str]:
    """Words (inner apostrophes and invisible characters kept), white-space runs and single
    other characters; joined back they give ``text`` exactly."""
    return _TOKEN.findall(text)


def words(text: str) -> list[str]:
    """The words of ``text`` as :func:`tokens` cuts them, as written."""
    return _WORD_ONLY.findall(text)


def similarity_tokens(text: str) -> list[str]:
    """Case-folded runs of word characters and single punctuation marks: the units the
    word-level similarity of paragraphs and asks counts."""
    return _SIMILARITY_TOKEN.findall(text.casefold())


# --------------------------------------------------------------------------- sentences

_TERMINAL = re.compile(
    r"[.!?…]+[\"”’')\]]*"
    r"(?:\^\{[^}\s]{1,8}\}|[\u00b9\u00b2\u00b3\u2070-\u209f]+|\[\d{1,3}\])*(?=\s)"
)
_NEXT_START = re.compile(r"\s+[\"“‘'(\[¿¡]?(\S)")
_LAST_TOKEN = re.compile(r"[\"“‘'(\[{]*([^\s\"“‘'(\[{]*)$")
_INITIAL = re.compile(r"[A-Z]")
_DOTTED = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]")
_LINE_END = re.compile(r"[.!?][\"'”’)\]]*\S{0,4}$")


@lru_cache(maxsize=1)
def abbreviations() -> frozenset[str]:
    """Lower-case words after which a full stop ends no sentence (``data/verbs.toml``)."""
    from compare.datafiles import load_data, table, words

    listed = words(table(load_data("verbs"), "sentences"), "abbreviations")
    return frozenset(" ".join(a.lower().split()) for a in listed)


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each sentence of ``text`` (surrounding white space excluded).

    A sentence ends at ".", "!", "?" or "…" (plus closing quotes/brackets and footnote marks
    such as "ⁱⁱ", "^{iv}", "[3]") followed by whitespace and a capital letter or digit
    (optionally after an opening quote or bracket). A single "." does not end a sentence
    after an abbreviation listed in ``verbs.toml`` ("e.g.", "Dr.", "No. 87", "para. 51"),
    a capital initial ("Jane F. Smith") or a dotted acronym ("U.S."), so a sentence really
    ending in "U.S." is joined to the next one. Colons and semicolons never end a sentence.
    """
    known = abbreviations()
    ends = [m.end() for m in _TERMINAL.finditer(text) if _is_boundary(text, m, known)]
    spans: list[tuple[int, int]] = []
    start = 0
    for end in [*ends, len(text)]:
        piece = text[start:end]
        if piece.strip():
            lead = len(piece) - len(piece.lstrip())
            spans.append((start + lead, start + len(piece.rstrip())))
        start = end
    return spans


def sentences(text: str) -> list[str]:
    """The sentences of ``text`` (see :func:`sentence_spans`), white space collapsed."""
    return [" ".join(text[start:end].split()) for start, end in sentence_spans(text)]


def _is_boundary(text: str, match: re.Match[str], known: frozenset[str]) -> bool:
    """Whether the terminal punctuation ``match`` ends a sentence (see sentence_spans)."""
    following = _NEXT_START.match(text, match.end())
    if following is None:
        return False
    first = following.group(1)
    if not (first.isupper() or first.isdigit()):
        return False
    if match.group() != ".":
        return True
    token = _LAST_TOKEN.search(text, max(0, match.start() - 40), match.start())
    word = token.group(1) if token else ""
    return not (word.lower() in known or _INITIAL.fullmatch(word) or _DOTTED.fullmatch(word))


def ends_sentence(line: str) -> bool:
    """Whether ``line`` ends like a sentence: ".", "!" or "?", then perhaps closing quotes or
    brackets and a glued footnote mark of up to four characters."""
    return bool(_LINE_END.search(line.strip()))


# --------------------------------------------------------------------------- months

MONTHS: dict[str, int] = {}
"""English month names and abbreviations, lower case, to month numbers (``"sept"`` too)."""
for _number in range(1, 13):
    MONTHS[calendar.month_name[_number].lower()] = _number
    MONTHS[calendar.month_abbr[_number].lower()] = _number
MONTHS["sept"] = 9

MONTH_PATTERN = "(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + ")"
"""Regex alternation of the :data:`MONTHS` keys, longest first (compile it with ``re.I``)."""
