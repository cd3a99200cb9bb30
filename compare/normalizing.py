"""What counts as no difference between two texts, and texts cut into units compared that way.

In: a text and :class:`NormalizeOptions`. Out: :func:`units` — the text cut into
:class:`Unit`\\ s, each the text as written and the key it is compared by — and
:func:`normalize`, the text in the one form two paragraphs or asks are compared in. The word
diff compares units by key, the paragraph alignment and the ask matching compare normalised
texts, so an option changes every layer alike: a span that differs only in what the options
ignore is no edit, counts no word, and two paragraphs differing only so are ``equal``.

Always ignored (:func:`compare.text.fold`): invisible characters, ligatures and other
compatibility forms, quote and dash variants; and white space: any run of it is one space
(a paragraph break, two or more line breaks, is kept apart in the word diff, where it marks
merged paragraphs), and white space at either end counts for nothing. The options add:

* ``ignore_case``: upper case, then :meth:`str.casefold` (``"Member States"`` =
  ``"member states"``; see :func:`compare.text.normalize`);
* ``ignore_punctuation``: every grapheme cluster that is neither a word character nor white
  space (punctuation, symbols, emoji) is a space, and a word is cut at its inner apostrophes
  (``"rights-based, now!"`` = ``"rights based now"``; ``"don't"`` = ``"don t"``);
* ``equivalences``: groups of phrases that count as the same text (``"UN Member States"`` =
  ``"EU Member States"``, ``"16"`` = ``"sixteen"``), read from a file by
  :func:`compare.equivalences.load_equivalences`. A phrase matches whole words only, under
  the other options (so ``"sixteen"`` matches ``"Sixteen"`` only with ``ignore_case``), with
  any white space where the phrase has white space; the longest phrase wins, leftmost first.
  Groups sharing a phrase are one group (the relation is transitive).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import regex

from compare.text import fold, is_space, is_word, tokens
from compare.text import normalize as normalize_text

_APOSTROPHE = regex.compile(r"((?=['’])\X)")
_KIND_TEXT, _KIND_SPACE, _KIND_EMPTY = 0, 1, 2


@dataclass(frozen=True)
class NormalizeOptions:
    """What counts as no difference besides what is always ignored (module docstring)."""

    ignore_case: bool = False
    ignore_punctuation: bool = False
    equivalences: tuple[tuple[str, ...], ...] = ()
    """Groups of two or more phrases, as the user wrote them, that count as the same text."""

    def ignored(self) -> str:
        """What the options ignore, for a report: ``"case, punctuation; equivalences: UN
        Member States = EU Member States, 16 = sixteen"``; ``""`` when nothing."""
        kinds = [
            name
            for name, on in (("case", self.ignore_case), ("punctuation", self.ignore_punctuation))
            if on
        ]
        parts = [", ".join(kinds)] if kinds else []
        if self.equivalences:
            listed = ", ".join(" = ".join(group) for group in self.equivalences)
            parts.append(f"equivalences: {listed}")
        return "; ".join(parts)

    def to_json(self) -> dict[str, Any]:
        """``{"ignore_case", "ignore_punctuation", "equivalences": [[phrase, …], …]}``."""
        return {
            "ignore_case": self.ignore_case,
            "ignore_punctuation": self.ignore_punctuation,
            "equivalences": [list(group) for group in self.equivalences],
        }


DEFAULT_OPTIONS = NormalizeOptions()


@dataclass(frozen=True, slots=True)
class Unit:
    """A piece of a text as the word diff compares it."""

    text: str
    """The characters as written: one token of :func:`compare.text.tokens`, with any
    invisible neighbours; a run of white space (and, ignoring punctuation, of punctuation);
    or a phrase of an equivalence."""
    key: str
    """What it is compared by: ``" "`` for white space, ``"\\n\\n"`` for a paragraph break,
    ``""`` for a text with nothing that counts, else the folded (case-folded) token or the
    equivalence group's first phrase."""


def units(text: str, options: NormalizeOptions = DEFAULT_OPTIONS) -> list[Unit]:
    """``text`` cut into units (see :class:`Unit` and the module docstring); joined, their
    texts give ``text`` exactly. No two white-space units are neighbours; one at either end
    has the key ``""`` (it counts for nothing), and so has the only unit of a text holding
    nothing but invisible characters; every other key is non-empty."""
    texts, keys = unit_lists(text, options)
    return [Unit(piece, key) for piece, key in zip(texts, keys, strict=True)]


def unit_lists(
    text: str, options: NormalizeOptions = DEFAULT_OPTIONS
) -> tuple[list[str], list[str]]:
    """:func:`units` as two lists, the units' texts and their keys (quicker: no objects)."""
    cut = _cut(text, options.ignore_punctuation)
    memo = {token: _classify(token, options) for token in set(cut)}
    if not options.ignore_punctuation and all(kind != _KIND_EMPTY for kind, _ in memo.values()):
        # Each token is a unit: white-space runs are whole tokens, so never neighbours.
        keys = [memo[token][1] for token in cut]
        if keys and memo[cut[0]][0] == _KIND_SPACE:
            keys[0] = ""
        if keys and memo[cut[-1]][0] == _KIND_SPACE:
            keys[-1] = ""
        if options.equivalences:
            return _merge_phrases(cut, keys, _phrases(options))
        return cut, keys
    texts: list[str] = []
    keys = []
    spaces: list[bool] = []
    prefix = ""
    for token in cut:
        kind, key = memo[token]
        if kind == _KIND_TEXT:
            texts.append(prefix + token if prefix else token)
            keys.append(key)
            spaces.append(False)
            prefix = ""
        elif kind == _KIND_EMPTY:
            if texts:
                texts[-1] += token
            else:
                prefix += token
        elif spaces and spaces[-1]:
            texts[-1] += token
            keys[-1] = _space_key(texts[-1])
        else:
            texts.append(prefix + token)
            keys.append(key)
            spaces.append(True)
            prefix = ""
    if not texts:
        return ([prefix], [""]) if text else ([], [])
    if spaces[0]:
        keys[0] = ""  # white space at either end counts for nothing
    if spaces[-1]:
        keys[-1] = ""
    if options.equivalences:
        return _merge_phrases(texts, keys, _phrases(options))
    return texts, keys


def normalize(text: str, options: NormalizeOptions = DEFAULT_OPTIONS) -> str:
    """The form two paragraphs are compared in: :func:`compare.text.normalize` with the case
    and punctuation options; with equivalences, the keys of :func:`units` joined, white
    space collapsed, so each phrase stands as its group's first phrase."""
    if not options.equivalences:
        return normalize_text(
            text, ignore_case=options.ignore_case, ignore_punctuation=options.ignore_punctuation
        )
    return " ".join("".join(unit_lists(text, options)[1]).split())


def comparable(text: str, options: NormalizeOptions = DEFAULT_OPTIONS) -> list[str]:
    """The keys of ``text``'s units: two texts with the same keys differ only in what
    ``options`` ignore (the word diff shows no edit between them)."""
    return [key for key in unit_lists(text, options)[1] if key]


def _cut(text: str, ignore_punctuation: bool) -> list[str]:
    """:func:`compare.text.tokens`, words cut at inner apostrophes when punctuation is
    ignored (``normalize`` makes the apostrophe a space there too)."""
    cut = tokens(text)
    if not ignore_punctuation or ("'" not in text and "’" not in text):
        return cut
    split: list[str] = []
    for token in cut:
        if is_word(token) and ("'" in token or "’" in token):
            split += [piece for piece in _APOSTROPHE.split(token) if piece]
        else:
            split.append(token)
    return split


def _classify(token: str, options: NormalizeOptions) -> tuple[int, str]:
    """A token's kind and key under ``options``."""
    if is_space(token):
        return _KIND_SPACE, _space_key(token)
    if options.ignore_punctuation and not is_word(token):
        return (_KIND_SPACE, " ") if fold(token) else (_KIND_EMPTY, "")
    key = fold(token)
    if options.ignore_case:
        key = key.lower() if key.isascii() else normalize_text(key, ignore_case=True)
        key = key or fold(token)  # normalize strips the white space NFKC makes of some symbols
    return (_KIND_TEXT, key) if key else (_KIND_EMPTY, "")


def _space_key(space: str) -> str:
    """``"\\n\\n"`` for white space holding a paragraph break (two line breaks), else ``" "``."""
    breaks = space.count("\n") + space.count("\r") - space.count("\r\n")
    breaks += sum(space.count(c) for c in "\u2028\u2029\x0b\x0c\x85")
    return "\n\n" if breaks >= 2 else " "


Phrases = dict[str, list[tuple[tuple[str, ...], str]]]
"""First key → (keys of a phrase, its group's key), longest phrase first."""


@lru_cache(maxsize=16)
def _phrases(options: NormalizeOptions) -> Phrases:
    """The equivalence phrases of ``options`` as unit keys, indexed by their first key."""
    plain = dataclasses.replace(options, equivalences=())
    parent: dict[tuple[str, ...], tuple[str, ...]] = {}

    def root(item: tuple[str, ...]) -> tuple[str, ...]:
        while parent[item] != item:
            parent[item] = parent[parent[item]]
            item = parent[item]
        return item

    order: list[tuple[str, ...]] = []
    for group in options.equivalences:
        keyed = [tuple(comparable(phrase, plain)) for phrase in group]
        keyed = [k for k in keyed if k]
        for phrase in keyed:
            if phrase not in parent:
                parent[phrase] = phrase
                order.append(phrase)
        for other in keyed[1:]:
            first, second = root(keyed[0]), root(other)
            if first != second:
                # The earlier phrase stays the root: its text is the group's key.
                if order.index(second) < order.index(first):
                    first, second = second, first
                parent[second] = first
    index: Phrases = {}
    for phrase in order:
        index.setdefault(phrase[0], []).append((phrase, "".join(root(phrase))))
    for candidates in index.values():
        candidates.sort(key=lambda candidate: -len(candidate[0]))
    return index


def _merge_phrases(
    texts: list[str], keys: list[str], phrases: Phrases
) -> tuple[list[str], list[str]]:
    """The units with each run spelling a phrase merged into one unit keyed by its group;
    longest phrase first, leftmost first, never overlapping."""
    merged_texts: list[str] = []
    merged_keys: list[str] = []
    at = 0
    while at < len(keys):
        for phrase, group in phrases.get(keys[at], ()):
            end = at + len(phrase)
            if tuple(keys[at:end]) == phrase:
                merged_texts.append("".join(texts[at:end]))
                merged_keys.append(group)
                at = end
                break
        else:
            merged_texts.append(texts[at])
            merged_keys.append(keys[at])
            at += 1
    return merged_texts, merged_keys
