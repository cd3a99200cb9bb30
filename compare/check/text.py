"""Text helpers the check's modules share.

In: strings, and the packaged word lists of ``data/check.toml`` (and the name particles and the
words that are never a person's name of ``data/signatories.toml``). Out: normalised text
(:func:`normal`), the content words the inverted index knows (:func:`content_words`), the
word lists (:func:`check_words`) as a regular expression of phrases (:func:`phrase_pattern`),
and the sentence a warning quotes (:func:`sentence`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from compare.datafiles import load_data, number, table, words
from compare.text import normalize, sentence_spans

_CONTENT_WORD = re.compile(r"[^\W\d_]{3,}")
DETAIL_LIMIT = 300
"""Longest sentence a warning quotes, in characters (longer ones are cut around the find)."""


def normal(text: str) -> str:
    """:func:`compare.text.normalize` with default options, quicker on ASCII text: NFKC and
    the quote and dash mapping change no ASCII character, so only white space is collapsed."""
    return " ".join(text.split()) if text.isascii() else normalize(text)


def content_words(text: str) -> set[str]:
    """The words the inverted index knows: runs of 3+ letters, lower case."""
    return set(_CONTENT_WORD.findall(text.casefold()))


@dataclass(frozen=True)
class CheckWords:
    """The word lists of ``data/check.toml``."""

    relative_time: tuple[str, ...]
    address_phrases: tuple[str, ...]
    acronym_skip: frozenset[str]
    acronym_min_length: int
    salutation_min_words: int
    title_words: frozenset[str]
    name_particles: frozenset[str]
    not_person: frozenset[str]


@lru_cache(maxsize=1)
def check_words() -> CheckWords:
    """The packaged word lists of ``data/check.toml`` (read once)."""
    raw = load_data("check")
    recipients = table(raw, "recipients")
    names = table(load_data("signatories"), "words")
    return CheckWords(
        relative_time=tuple(words(table(raw, "stale"), "relative_time")),
        address_phrases=tuple(words(recipients, "address_phrases")),
        acronym_skip=frozenset(w.lower() for w in words(recipients, "acronym_skip")),
        acronym_min_length=number(recipients, "acronym_min_length"),
        salutation_min_words=number(recipients, "salutation_min_words"),
        title_words=frozenset(w.casefold() for w in words(recipients, "title_words")),
        name_particles=frozenset(words(names, "particles")),
        not_person=frozenset(
            w.casefold() for key in ("organization", "not_name") for w in words(names, key)
        ),
    )


def phrase_pattern(phrases: Sequence[str]) -> str:
    """Alternation of whole phrases, longest first, a space matching any white space."""
    sources = {r"\s+".join(re.escape(w) for w in p.split()) for p in phrases if p.split()}
    return "(?:" + "|".join(sorted(sources, key=len, reverse=True)) + ")"


def sentence(text: str, start: int, end: int) -> str:
    """The sentence of ``text`` around ``start``..``end``, cut to ``DETAIL_LIMIT``."""
    around = [(b, e) for b, e in sentence_spans(text) if b < max(end, start + 1) and e > start]
    begin, stop = (around[0][0], around[-1][1]) if around else (0, len(text))
    found = text[begin:stop].strip()
    if len(found) <= DETAIL_LIMIT:
        return found
    offset = max(0, min(start - begin - DETAIL_LIMIT // 2, len(found) - DETAIL_LIMIT))
    stop = offset + DETAIL_LIMIT
    # Cut between words, never inside one ("…he Law" for "…the Law"): a cut inside a word
    # moves to the white space after it (at the start) or before it (at the end).
    if offset and not found[offset - 1].isspace():
        space = re.search(r"\s", found[offset:stop])
        offset = offset + space.end() if space and space.end() < DETAIL_LIMIT // 2 else offset
    if stop < len(found) and not found[stop].isspace():
        last = max((m.start() for m in re.finditer(r"\s", found[offset:stop])), default=-1)
        stop = offset + last if last > DETAIL_LIMIT // 2 else stop
    cut = found[offset:stop].strip()
    return ("…" if offset else "") + cut + ("…" if stop < len(found) else "")
