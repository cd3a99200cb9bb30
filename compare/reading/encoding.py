"""Decode the bytes of a text file: which encoding, and what stray bytes to drop.

In order: a byte-order mark; UTF-16 without one (a text whose every other byte is mostly the
same, NUL for Latin text); strict UTF-8; an encoding an HTML ``<meta>`` declares; else every
candidate code page that decodes the bytes strictly is weighed (:func:`_weigh`) and the one
whose text reads most as language wins. No code page wins by default: a text is not read as
windows-1252 because it has ASCII letters, since ASCII reads the same in all of them.

An encoding can be forced: the ``encoding`` argument, else the one :func:`reading` was given
(``load_document``'s), else the ``COMPARE_ENCODING`` environment variable (which the CLI's
``--encoding`` sets).

A few stray NUL or C0 control bytes (not tab, line feed, carriage return or form feed) are
dropped with a warning; a file with more of them than text has (over 5 % of its bytes, or a
NUL in most lines) is binary and refused. Warnings (stray bytes dropped, a close call between
two encodings) go to the :func:`reading` collector, which ``load_document`` copies into
``Document.warnings``.
"""

from __future__ import annotations

import codecs
import os
import re
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from compare.errors import InputError

ENVIRONMENT = "COMPARE_ENCODING"

CANDIDATES: tuple[str, ...] = (  # the order breaks ties between encodings that read the same
    "cp1252",
    "cp1250",
    "cp1251",
    "cp1253",
    "cp1254",
    "cp1257",
    "iso8859-15",
    "iso8859-1",
    "iso8859-2",
    "iso8859-5",
    "iso8859-7",
    "iso8859-9",
    "koi8-r",
    "mac-roman",
    "cp850",
    "cp437",
    "cp866",
    "shift_jis",
    "gb18030",
    "big5",
)
"""Python codec names of the code pages weighed when a text is neither UTF-8 nor UTF-16 (mac-latin2,
cp852 and cp857 are not: they read Mac and DOS Western text too nearly as well)."""

CLOSE_CALL = 0.5
"""A reading that beats the runner-up by less than this for each character they differ in (a
character scores from -3 to +1, see :func:`_weigh`) is a close call."""

GARBLED = 0.25
"""A best reading scoring below this for each byte beyond ASCII (a character scores from -3 to
+1, see :func:`_weigh`) reads as mojibake more than as language: the warning says so and
suggests ``--encoding NAME``."""

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16: the UTF-32 LE BOM starts like UTF-16 LE's
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_CONTROLS = re.compile("[\x00-\x08\x0b\x0e-\x1f]")  # C0 but tab, line feed, form feed, CR
_BINARY_SHARE = 0.05


@dataclass(frozen=True)
class Decoded:
    text: str
    """Without byte-order mark; line ends and normalisation as in the file."""
    encoding: str
    """Python's codec name (``utf-8``, ``cp1250``, ``iso8859-2``, ``utf-16-le`` …)."""
    warnings: tuple[str, ...] = ()


@dataclass
class _Reading:
    encoding: str | None
    warnings: list[str] = field(default_factory=list)


_READING: ContextVar[_Reading | None] = ContextVar("compare_reading", default=None)


@contextmanager
def reading(encoding: str | None = None) -> Iterator[list[str]]:
    """While inside, text decoded by :func:`decode` uses ``encoding`` (when its own argument
    names none; when this is None too, ``COMPARE_ENCODING``) and its warnings are appended to
    the list yielded. Raises :class:`InputError` at once for an encoding Python does not know."""
    if encoding is not None:
        check_encoding(encoding)
    state = _Reading(encoding)
    token = _READING.set(state)
    try:
        yield state.warnings
    finally:
        _READING.reset(token)


def check_encoding(name: str, path: Path | str | None = None) -> str:
    """Python's codec name for the text encoding ``name``; :class:`InputError` if unknown."""
    try:
        b"a".decode(name)  # also refuses codecs that are not text encodings (base64, rot13)
    except UnicodeDecodeError:
        pass  # a text encoding all the same (UTF-16 wants two bytes)
    except LookupError:
        raise InputError(path, f"unknown encoding '{name}'") from None
    return codecs.lookup(name).name


def forced_encoding() -> str | None:
    """The encoding the current :func:`reading` or else ``COMPARE_ENCODING`` forces, if any."""
    state = _READING.get()
    if state is not None and state.encoding is not None:
        return state.encoding
    return os.environ.get(ENVIRONMENT, "").strip() or None


def decode(
    data: bytes,
    path: Path | str = "<bytes>",
    declared: str | None = None,
    encoding: str | None = None,
) -> Decoded:
    """The text of ``data`` (see the module doc). Never decodes lossily: raises
    :class:`InputError` naming ``path`` for a binary, empty or whitespace-only file, one no
    encoding fits, one the forced encoding cannot decode, or an unknown forced encoding."""
    decoded = _decode(data, path, declared, encoding or forced_encoding())
    state = _READING.get()
    if state is not None:
        state.warnings.extend(decoded.warnings)
    return decoded


def _decode(data: bytes, path: Path | str, declared: str | None, forced: str | None) -> Decoded:
    warnings: list[str] = []
    if forced is not None:
        name = check_encoding(forced, path)
        text = _strict(data, name, path, f"cannot decode the file as {display(name)}")
        text = _drop_controls(text, path, warnings)
    elif (bom := _bom_encoding(data)) is not None:
        name = bom
        text = _drop_controls(_strict(data, name, path), path, warnings)
    elif (utf16 := _utf16(data)) is not None:
        name, text = utf16
        text = _drop_controls(text, path, warnings)
    else:
        data = _drop_controls(data.decode("latin-1"), path, warnings).encode("latin-1")
        name, text = _guess(data, declared, path, warnings)
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise InputError(path, "empty file")
    return Decoded(text, name, tuple(warnings))


def _strict(data: bytes, name: str, path: Path | str, problem: str = "") -> str:
    try:
        return data.decode(name)
    except UnicodeDecodeError as exc:
        raise InputError(path, problem or "cannot detect the text encoding") from exc


def _bom_encoding(data: bytes) -> str | None:
    return next((name for bom, name in _BOMS if data.startswith(bom)), None)


def _drop_controls(text: str, path: Path | str, warnings: list[str]) -> str:
    """``text`` without its stray control characters (a warning says how many), or
    :class:`InputError` when there are so many that the file is binary."""
    count = len(_CONTROLS.findall(text))
    if not count:
        return text
    lines = [line for line in re.split("[\n\r]", text) if line.strip()]
    nul_lines = sum(1 for line in lines if "\x00" in line)
    if count > _BINARY_SHARE * len(text) or (nul_lines >= 3 and nul_lines * 2 > len(lines)):
        raise InputError(path, "binary file, not text")
    nul = text.count("\x00")
    kinds = "NUL" if nul == count else "control" if not nul else "NUL or control"
    warnings.append(f"{count} stray {kinds} byte{'s' if count > 1 else ''} dropped")
    return _CONTROLS.sub("", text)


# --------------------------------------------------------------------------------------------
# UTF-16 without a byte-order mark


def _utf16(data: bytes) -> tuple[str, str] | None:
    """``(codec, text)`` when ``data`` is UTF-16 without a byte-order mark: bytes that hold
    NUL or other control bytes (as the high bytes of Latin text, 0x04 of Cyrillic, do), an even
    length, a strict decoding with next to no control characters that reads as language."""
    if len(data) < 4 or len(data) % 2 or not _CONTROLS.search(data.decode("latin-1")):
        return None
    for name in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(name)
        except UnicodeDecodeError:
            continue
        if len(_CONTROLS.findall(text)) * 20 > len(text):
            continue
        total, high = _weigh(text, name)
        if not high or total > 0.5 * high:
            return name, text
    return None


# --------------------------------------------------------------------------------------------
# Weighing the candidates


def _guess(
    data: bytes, declared: str | None, path: Path | str, warnings: list[str]
) -> tuple[str, str]:
    for first in ("utf-8", declared):
        if first:
            try:
                return first, data.decode(first)
            except (UnicodeDecodeError, LookupError):
                pass
    readings: dict[str, tuple[float, int, str]] = {}  # score a byte, bytes weighed, text
    ranking = _ranking(data)
    for name in CANDIDATES:
        try:
            text = data.decode(name)
        except UnicodeDecodeError:
            continue
        if any(seen == text for _, _, seen in readings.values()):
            continue  # reads exactly as an earlier candidate: the same reading, not a rival
        total, high = _weigh(text, name)
        total += ranking.get(name, 0.0) * high
        readings[name] = (total / high if high else 0.0, high, text)
    if not readings:
        raise InputError(path, "cannot detect the text encoding")
    order = sorted(readings, key=lambda name: -readings[name][0])
    best = readings[order[0]]
    if best[0] < GARBLED:
        warnings.append(
            f"read as {display(order[0])}, but the text still looks garbled (mojibake): if "
            "it is in another encoding, name it with --encoding NAME (e.g. --encoding cp850)"
        )
    elif len(order) > 1:
        second = readings[order[1]]
        margin = (best[0] - second[0]) * max(best[1], second[1])  # the same bytes, weighed alike
        if margin < CLOSE_CALL * _differing(best[2], second[2]):
            warnings.append(f"read as {display(order[0])} (close to {display(order[1])})")
    return order[0], best[2]


def _differing(one: str, other: str) -> int:
    """How many characters two readings of the same bytes differ in (all the non-ASCII ones
    when a multi-byte reading makes them differ in length)."""
    if len(one) == len(other):
        return sum(1 for a, b in zip(one, other, strict=True) if a != b)
    return sum(1 for char in one if not char.isascii())


def _ranking(data: bytes) -> dict[str, float]:
    """charset-normalizer's view of each candidate, as a bonus of at most 0.1: its coherence
    (letter frequencies of a language) less its mess (odd characters), for the candidates it
    keeps."""
    from charset_normalizer import from_bytes

    bonus: dict[str, float] = {}
    for match in from_bytes(data, cp_isolation=list(CANDIDATES), threshold=0.5):
        try:
            name = codecs.lookup(match.encoding).name
        except LookupError:
            continue
        value = 0.1 * (match.coherence - match.chaos)
        bonus[name] = max(bonus.get(name, -1.0), value)
        for alias in match.could_be_from_charset:
            try:
                bonus.setdefault(codecs.lookup(alias).name, value)
            except LookupError:
                continue
    return bonus


def display(name: str) -> str:
    """The usual name of a Python codec: ``cp1250`` → ``windows-1250``, ``iso8859-2`` →
    ``iso-8859-2``."""
    if re.fullmatch(r"cp12\d\d", name):
        return "windows-" + name[2:]
    if name.startswith("iso8859-"):
        return "iso-8859-" + name[8:]
    return name.replace("_", "-")


# Letters beyond ASCII, lower case, of the languages these code pages are written in.
_LATIN = {
    "french": "àâæçéèêëîïôœùûüÿ",
    "german": "äöüß",
    "spanish": "áéíñóúü",
    "portuguese": "áâãàçéêíóôõú",
    "italian": "àèéìíîòóù",
    "catalan": "àçèéíïòóúü",
    "dutch": "éëïöüèáóú",
    "danish": "æøåéó",
    "swedish": "åäöé",
    "finnish": "äöåšž",
    "icelandic": "áðéíóúýþæö",
    "polish": "ąćęłńóśźż",
    "czech": "áčďéěíňóřšťúůýž",
    "slovak": "áäčďéíĺľňóôŕšťúýž",
    "hungarian": "áéíóöőúüű",
    "romanian": "ăâîșțşţ",
    "croatian": "čćđšž",
    "albanian": "çë",
    "turkish": "çğıöşüâîû",
    "lithuanian": "ąčęėįšųūž",
    "latvian": "āčēģīķļņšūž",
    "estonian": "äöõüšž",
    "maltese": "ċġħżàèìòù",
}
_CYRILLIC = {
    "russian": "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
    "ukrainian": "абвгґдеєжзиіїйклмнопрстуфхцчшщьюя",
    "belarusian": "абвгдеёжзійклмнопрстуўфхцчшыьэюя",
    "bulgarian": "абвгдежзийклмнопрстуфхцчшщъьюя",
    "serbian": "абвгдђежзијклљмнњопрстћуфхцчџш",
    "macedonian": "абвгдѓежзѕијклљмнњопрстќуфхцчџш",
}
_GREEK = {"greek": "αβγδεζηθικλμνξοπρσςτυφχψωάέήίόύώϊϋΐΰ"}
_ALPHABETS = {name: frozenset(letters) for name, letters in (_LATIN | _CYRILLIC | _GREEK).items()}
_ONE_LETTER_WORDS = frozenset("àèéòóőåöį")  # fr/it/pt, es, hu, sv, lt
_VOWELS = frozenset("аеёиоуыэюяіїєαεηιουωάέήίόύώϊϋΐΰ")
_LATIN_VOWELS = "aeiouyàáâãäåæèéêëìíîïòóôõöøùúûüýÿąęėįųūāēīőűăıœůě"
_CONSONANTS = re.compile(f"[^\\W\\d_{''.join(sorted(_VOWELS))}{_LATIN_VOWELS}]+")
_PUNCTUATION = frozenset(
    "\u00a0\u00ad\u2018\u2019\u201a\u201c\u201d\u201e\u2013\u2014\u2026\u2022\u00ab\u00bb"
    "\u2039\u203a\u00a1\u00bf\u00b7\u20ac\u00a3\u00b0\u00a7\u2012\u2010\u2011\u00a9"
    "\u3000\u3001\u3002\u300c\u300d\u300e\u300f\uff08\uff09\uff0c\uff01\uff1f\uff1a\uff1b"
)
_CLOSING = frozenset("\u2019\u201d")
_INSIDE_WORDS = frozenset("\u2019\u00b7\u00ad\u2010\u2011")  # don’t, l·l, soft/hard hyphen
_WORD = re.compile(r"[^\W\d_]+")


def _weigh(text: str, codec: str) -> tuple[float, int]:
    """How much ``text``, ``codec``'s reading of some bytes, reads as language, and over how
    many bytes: the sum over its non-ASCII characters of +1 a byte for a plausible letter or
    character, down to -3 for one that is not (C1 controls, private-use characters), and the
    number of bytes the non-ASCII characters take.

    Plausible: a common CJK character or kana; a letter in a word whose letters are of one
    script, in one case pattern (``word``, ``Word``, ``WORD``), with a vowel if Cyrillic or
    Greek, whose accented letters all belong to the text's main language or its second one;
    punctuation (quotes, dashes) where punctuation goes. Mojibake is not: ``Ã©`` and ``â€™``
    (a symbol stuck to a letter), ``ĹĽ`` and ``naĎve`` (a capital inside a lower-case word),
    ``siê`` next to ``³¹`` (letters of two languages), ``ПРИВЕТ`` made of consonants."""
    total = 0.0
    words: list[tuple[str, frozenset[str], int]] = []  # (status, languages, weight)
    for token in text.split():
        if token.isascii():
            continue
        for index, char in enumerate(token):
            if char.isascii() or unicodedata.category(char).startswith(("L", "M")):
                continue
            total += _char_score(char, token, index) * _width(char, codec)
        for match in _WORD.finditer(token):
            word = match.group()
            if word.isascii():
                continue
            plain = [char for char in word if not char.isascii() and not _is_cjk(char)]
            for char in word:
                if _is_cjk(char):
                    total += _cjk_score(char) * _width(char, codec)
            if not plain:
                continue
            weight = sum(_width(char, codec) for char in plain)
            words.append((*_word_status(word), weight))
    if words:
        total += _words_score(words)
    return total, sum(_width(char, codec) for char in text if not char.isascii())


def _word_status(word: str) -> tuple[str, frozenset[str]]:
    """``bad`` or ``ok`` for a word of letters (non-CJK), and the languages it may be in."""
    letters = [char for char in word if not _is_cjk(char)]
    scripts = {_script(char) for char in letters}
    if len(scripts) > 1 or None in scripts:
        return "bad", frozenset()
    for before, char in zip(letters, letters[1:], strict=False):
        if char.isupper() and before.islower() and not (char.isascii() and before.isascii()):
            return "bad", frozenset()
    if len(letters) >= 3:
        lower = [char for char in letters if char.islower() and char != "ß"]
        if len(lower) == 1 and not lower[0].isascii() and lower[0] != letters[0]:
            return "bad", frozenset()  # one small letter inside a word in capitals
    small = word.replace("İ", "I").lower()
    if len(small) == 1 and scripts == {"LATIN"} and small not in _ONE_LETTER_WORDS:
        return "bad", frozenset()  # "ŕ" for "à"
    if scripts & {"CYRILLIC", "GREEK"} and len(small) >= 4 and not _VOWELS.intersection(small):
        return "bad", frozenset()  # "ПРИВЕТ" from KOI8-R bytes: "ЛПЧЕФ"
    if max(map(len, _CONSONANTS.findall(small)), default=0) >= 6:
        return "bad", frozenset()  # "yanżtżnżzż": Turkish read as windows-1257
    accented = {char for char in small if not char.isascii()}
    fits = frozenset(name for name, letters in _ALPHABETS.items() if accented <= letters)
    return ("ok" if fits else "bad"), fits


def _words_score(words: list[tuple[str, frozenset[str], int]]) -> float:
    """+1 a byte for the words of the text's main language, 0 for those of another, -1 for
    words of no language (a text has one language; mojibake reads as a medley)."""
    main = _main_language([(fits, weight) for status, fits, weight in words if status == "ok"])
    total = 0.0
    for status, fits, weight in words:
        if status == "bad":
            total -= weight
        elif main in fits:
            total += weight
    return total


def _main_language(words: list[tuple[frozenset[str], int]]) -> str | None:
    votes: dict[str, int] = {}
    for fits, weight in words:
        for name in fits:
            votes[name] = votes.get(name, 0) + weight
    return max(votes, key=lambda name: votes[name]) if votes else None


def _char_score(char: str, token: str, index: int) -> float:
    """The score of a non-letter non-ASCII character in its token."""
    code = ord(char)
    if 0x80 <= code <= 0x9F:
        return -3.0  # C1 controls: a Windows code page read as ISO 8859
    category = unicodedata.category(char)
    if category in ("Co", "Cn", "Cs"):
        return -3.0
    before = token[index - 1] if index else " "
    after = token[index + 1] if index + 1 < len(token) else " "
    between = before.isalpha() and after.isalpha()
    if char in _PUNCTUATION or char in _INSIDE_WORDS:
        if between and char not in _INSIDE_WORDS and not _is_cjk(before):
            return -1.0  # "wi¿cej"
        if char in _CLOSING and not before.isalnum() and after.isalpha():
            return 0.0  # "’μεση": a closing quote opening a word is odd, though "’tis" is not
        return 1.0
    if 0x3000 <= code <= 0x303F or 0xFF01 <= code <= 0xFF5E:
        return 1.0  # CJK punctuation, fullwidth forms
    if before.isalpha() or after.isalpha():
        return -1.0  # "Ã©", "c½ur", "wi¦cej"
    return -0.25


def _script(char: str) -> str | None:
    if char.isascii():
        return "LATIN"
    name = unicodedata.name(char, "")
    for script in ("LATIN", "CYRILLIC", "GREEK"):
        if name.startswith(script):
            return script
    return None


def _is_cjk(char: str) -> bool:
    code = ord(char)
    return (
        0x3040 <= code <= 0x30FF  # kana
        or 0x3400 <= code <= 0x9FFF  # CJK ideographs
        or 0xF900 <= code <= 0xFAFF
        or 0xAC00 <= code <= 0xD7A3  # hangul
        or 0xFF61 <= code <= 0xFF9F  # half-width katakana
        or code >= 0x20000
    )


_COMMON_CJK = (("gb2312", 0xB0, 0xD7), ("big5", 0xA4, 0xC6), ("shift_jis", 0x88, 0x98))
"""Each codec's lead bytes of its common characters: GB 2312 level 1, Big5's frequent block,
JIS X 0208 level 1."""


@lru_cache(maxsize=8192)
def _cjk_score(char: str) -> float:
    """+1 for kana, hangul and a CJK character among the common ones of Chinese (GB 2312
    level 1, Big5's frequent block) or Japanese (JIS level 1); -1 for another."""
    code = ord(char)
    if 0x3040 <= code <= 0x30FF or 0xAC00 <= code <= 0xD7A3:
        return 1.0
    if 0xFF61 <= code <= 0xFF9F:
        return -1.0  # half-width katakana: Chinese bytes read as Shift-JIS
    for codec, low, high in (
        ("gb2312", 0xB0, 0xD7),
        ("big5", 0xA4, 0xC6),
        ("shift_jis", 0x88, 0x98),
    ):
        try:
            encoded = char.encode(codec)
        except UnicodeEncodeError:
            continue
        if len(encoded) == 2 and low <= encoded[0] <= high:
            return 1.0
    return -1.0


def _width(char: str, codec: str) -> int:
    """How many bytes ``char`` takes in ``codec`` (1 for a single-byte code page)."""
    if codec in _MULTIBYTE:
        try:
            return len(char.encode(codec))
        except UnicodeEncodeError:
            return 1
    return 1


_MULTIBYTE = frozenset({"shift_jis", "gb18030", "big5", "utf-16-le", "utf-16-be"})


def decode_text(
    data: bytes, path: Path | str = "<bytes>", encoding: str | None = None
) -> tuple[str, str]:
    """The text of ``data`` (without BOM) and its encoding's name: :func:`decode` without the
    warnings (which still go to the current :func:`reading`)."""
    decoded = decode(data, path, encoding=encoding)
    return decoded.text, decoded.encoding
