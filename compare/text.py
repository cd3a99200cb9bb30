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
* ``ignore_case``: :meth:`str.upper`, then :meth:`str.casefold` (``"Straße" → "strasse"``;
  upper case first so that a text and its upper case always fold alike: the Turkish dotless
  ``"ı"``, whose capital is ``"I"``, folds to ``"i"``).
* ``ignore_punctuation``: every grapheme cluster that is neither a word character nor white
  space becomes a space (``"rights-based, now!" → "rights based now"``); word characters are
  those of the ``regex`` module, which include combining marks, so Devanagari vowel signs or
  Arabic vowel marks stay in their words.

:func:`normalize` is idempotent — ``normalize(normalize(t, **o), **o) == normalize(t, **o)``
for every text and options (tested with hypothesis in ``tests/test_text.py``). :func:`fold`
is the invisible and typography steps alone, white space kept as written: what the word diff
compares tokens by (:mod:`compare.normalizing` adds the case, punctuation and equivalence
options there). :func:`strip_accents` removes accents after NFKD (``"Perú" → "Peru"``),
scikit-learn's ``strip_accents_unicode`` for Latin, Greek and Cyrillic but decomposing only
non-ASCII runs, and keeping the vowel signs of Indic and Thai scripts.

Tokenising
----------
One tokeniser serves every layer — the word diff, word counts, the word-level similarity of
paragraphs and asks, and the tf-idf terms of letters — so a word is the same word
everywhere, and a word is a word in its script.

* :func:`tokens` — a lossless cut into whole grapheme clusters (the ``regex`` module's
  ``\\X``: an accent with its letter, an emoji with its modifiers and joiners, a Hangul
  syllable in jamo): words (inner apostrophes and invisible characters kept inside:
  ``"don't"``, ``"inter\\u00adnational"``), one cluster each of the scripts written without
  spaces (Han, Hiragana, Katakana, Thai, Lao: :data:`SEGMENTED_SCRIPTS`), white-space runs and
  single other clusters; ``"".join(tokens(t)) == t``. :data:`TOKENIZER_VERSION` names the cut.
* :func:`words` — only the words of :func:`tokens`: what word counts count (a Han character
  is a word).
* :func:`similarity_tokens` — the tokens but white space, case-folded
  (``"Don't!" → ["don't", "!"]``): what the word-level similarity of paragraphs and asks
  compares.

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

import regex

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
_PUNCTUATION = regex.compile(r"(?=[^\w\s])\X")
r"""A grapheme cluster that is neither word nor white space: what ``ignore_punctuation`` drops
(the ``regex`` module's ``\w`` includes combining marks, so a vowel sign stays in its word)."""
_NON_ASCII_RUN = re.compile(r"[^\x00-\x7f]+")

TOKENIZER_VERSION = 2
"""Bumped whenever :func:`tokens` (and so the similarity terms and the word diff) cuts text
differently; stored indexes made with another version are rebuilt."""

SEGMENTED_SCRIPTS = r"\p{scx=Han}\p{scx=Hiragana}\p{scx=Katakana}\p{scx=Thai}\p{scx=Lao}"
"""Scripts written without spaces between words, whose words are cut one grapheme cluster
each (a ``regex`` character-class body; Script_Extensions, so "ー" and "々" belong)."""
_SPACE = r"[\s\x1c-\x1f]"  # str.isspace() also counts the four ASCII separators
_EXTEND = r"[\p{GCB=Extend}\p{GCB=ZWJ}\p{GCB=SpacingMark}]"
r"""What continues a grapheme cluster after a letter: a run of ASCII characters not followed by
one of these is whole clusters (a shortcut past ``\X``, which is slow)."""
_SEG_CHAR = rf"(?:(?!\d)[{SEGMENTED_SCRIPTS}])"
_SEG = rf"(?=\w)(?={_SEG_CHAR})\X"
_IN = rf"(?:(?=[{INVISIBLE}])\X)"
_WG = rf"(?:(?>[A-Za-z0-9_]+)(?!{_EXTEND})|(?![{INVISIBLE}]|{_SEG_CHAR})(?=\w)\X)"
_WORD = rf"{_IN}*(?:{_WG}{_IN}*)+(?:(?=['’])\X{_IN}*(?:{_WG}{_IN}*)+)*"
_WHITE = rf"(?:(?>[ \t\n\r\x0b\x0c]+)(?!{_EXTEND})|(?={_SPACE})\X(?<={_SPACE}))+"
_TOKEN = regex.compile(rf"{_WORD}|{_SEG}|{_WHITE}|\X")
_ASCII_TOKEN = re.compile(r"\w+(?:'\w+)*|[\t-\r\x1c-\x1f ]+|[^\w\t-\r\x1c-\x1f ]", re.ASCII)
""":data:`_TOKEN` for ASCII text, where every character is a grapheme cluster but CR LF."""
_ASCII_SPACE = frozenset("\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f ")
_IS_WORD = regex.compile(rf"[{INVISIBLE}]*(?![{INVISIBLE}])\w")
_SEGMENTED = regex.compile(_SEG_CHAR)
_APOSTROPHE = regex.compile(r"(?<=\w)['’](?=\w)")

_KEEP_MARKS = regex.compile(r"[\u0900-\u0dff\u0e00-\u0eff\u0f00-\u109f\u1780-\u17ff]")
"""Combining marks :func:`strip_accents` keeps: in the Unicode blocks U+0900-U+0DFF (the
Indic scripts), U+0E00-U+0EFF (Thai, Lao), U+0F00-U+109F (Tibetan, Myanmar) and
U+1780-U+17FF (Khmer) they are vowels, viramas and tone marks, not accents: a word without
them is another word."""


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
        text = text.upper().casefold()
        if ignore_invisible and not text.isascii():
            # Case folding can leave a decomposed sequence ("ǰ" is "j" + caron).
            text = unicodedata.normalize("NFKC", text).casefold()
    if ignore_punctuation:
        text = _PUNCTUATION.sub(" ", text)
    return " ".join(text.split())


def strip_accents(text: str) -> str:
    """``text`` without accents: NFKD, combining marks removed, NFC — scikit-learn's
    ``strip_accents_unicode`` for Latin, Greek and Cyrillic (``"Perú" → "Peru"``), Arabic
    vowel marks and Hebrew points, but keeping the marks of :data:`_KEEP_MARKS` (Indic and
    South-East Asian vowels) and recomposing Hangul, which NFKD spells in jamo. Only the
    non-ASCII runs are decomposed (much faster on mostly-ASCII letters)."""
    if text.isascii():
        return text
    return _NON_ASCII_RUN.sub(_strip_run, text)


def _strip_run(match: re.Match[str]) -> str:
    decomposed = unicodedata.normalize("NFKD", match.group())
    kept = "".join(
        char for char in decomposed if not unicodedata.combining(char) or _KEEP_MARKS.match(char)
    )
    return kept if kept.isascii() else unicodedata.normalize("NFC", kept)


# --------------------------------------------------------------------------- tokenising


def tokens(text: str) -> list[str]:
    """``text`` cut into tokens, each one or more whole grapheme clusters; joined back they
    give ``text`` exactly. A token is one of:

    * a word: a run of word characters (letters, digits, combining marks) — inner apostrophes
      and the invisible characters of :data:`INVISIBLE` kept inside (``"don't"``,
      ``"inter\\u00adnational"``), so Arabic with its vowel marks, a Devanagari conjunct with
      its virama and vowel sign or a Hangul syllable in jamo stay one word;
    * one grapheme cluster of a script written without spaces (:data:`SEGMENTED_SCRIPTS`: Han,
      Hiragana, Katakana, Thai, Lao): ``"人权组织"`` is four tokens. Thai and Lao are cut per
      grapheme cluster, not per dictionary word (a consonant with its vowel and tone marks is
      one token, a leading vowel another); Khmer and Myanmar, whose stacked consonants a
      grapheme cluster does not hold together, are cut at spaces only, like alphabets;
    * a run of white space (a space carrying a combining mark is another cluster);
    * any other single grapheme cluster: a punctuation mark, a symbol, an emoji with its
      modifiers or zero-width-joiner sequence, a flag.
    """
    if text.isascii():
        return _ASCII_TOKEN.findall(text)
    found: list[str] = []
    at = 0
    for start, end in _islands(text):
        if start > at:
            found += _ASCII_TOKEN.findall(text, at, start)
        found += _TOKEN.findall(text, start, end)
        at = end
    if at < len(text):
        found += _ASCII_TOKEN.findall(text, at)
    return found


def _islands(text: str) -> list[tuple[int, int]]:
    """Where only :data:`_TOKEN` cuts ``text`` right: each run of words holding a non-ASCII
    character, with the ASCII white space around it. Between them is ASCII text that starts
    and ends with a word or mark, which :data:`_ASCII_TOKEN` cuts as :data:`_TOKEN` would,
    quicker (a test checks they agree)."""
    spans: list[tuple[int, int]] = []
    size = len(text)
    for run in _NON_ASCII_RUN.finditer(text):
        start, end = run.span()
        if spans and start < spans[-1][1]:
            continue  # inside the island found last
        while start and text[start - 1] not in _ASCII_SPACE:
            start -= 1
        while start and text[start - 1] in _ASCII_SPACE:
            start -= 1
        while end < size and text[end] not in _ASCII_SPACE:
            end += 1
        while end < size and text[end] in _ASCII_SPACE:
            end += 1
        if spans and start <= spans[-1][1]:
            start = spans.pop()[0]
        spans.append((start, end))
    return spans


def is_word(token: str) -> bool:
    """Whether ``token`` (one of :func:`tokens`) is a word."""
    first = token[:1]
    if first < "\x80":
        return first.isalnum() or first == "_"
    return bool(_IS_WORD.match(token))


def is_space(token: str) -> bool:
    """Whether ``token`` (one of :func:`tokens`) is a run of white space."""
    return token.isspace()


def is_segmented(token: str) -> bool:
    """Whether ``token`` is one grapheme cluster of a script written without spaces."""
    return bool(_SEGMENTED.match(token))


def words(text: str) -> list[str]:
    """The words of ``text`` as :func:`tokens` cuts them, as written."""
    return [token for token in tokens(text) if is_word(token)]


def similarity_tokens(text: str) -> list[str]:
    """The tokens of ``text`` (:func:`tokens`) but white space, case-folded: the units the
    word-level similarity of paragraphs and asks counts (``"Don't!" → ["don't", "!"]``)."""
    return [token.casefold() for token in tokens(text) if not is_space(token)]


def word_pieces(token: str) -> list[str]:
    """A word split at its inner apostrophes (``"Council's" → ["Council", "s"]``)."""
    return _APOSTROPHE.split(token)


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
