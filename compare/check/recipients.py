"""The names a recipient goes by, and the ``recipient-mismatch`` warning.

In: the corpus letters (for :func:`recipient_names`, kept in the
:class:`~compare.check.index.ParagraphIndex`), then the draft, its passages and those names.
Out: :class:`RecipientNames` per corpus recipient, and :class:`~compare.check.results.
CheckWarning` s of kind ``recipient-mismatch``.

``recipient-mismatch`` — the draft addresses someone who is the recipient of a corpus letter
but not the draft's own recipient. Names of a corpus recipient: the recipient string, its
acronym from the initials ("UN Human Rights Council" → "UNHRC", words in capitals kept whole)
and the name in that letter's salutation when it has two words or more ("Dear Minister
Smith," → "Minister Smith"). A name counts when it is in the draft's salutation, or in a
passage right after an address phrase ("we urge the European Parliament to"; list in
``data/check.toml``): letters mention other institutions all the time ("the draft European
Parliament resolution"), so a mere mention is not flagged. The draft's own names are
its recipient, the recipient's acronym and its salutation's name when that ends with a word
of the recipient ("Dear Minister Smith," to "Jane Smith"); a corpus name that is part of
one of them, or contains one, is never flagged, nor are the names of corpus letters with
the same recipient. A draft without a recipient is not checked.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from compare.check.results import CheckWarning, Passage
from compare.check.text import check_words, normal, phrase_pattern, sentence
from compare.models import Letter
from compare.reading.recipients import recipient_from_salutation

_TOKEN = re.compile(r"\S+")
_TRAILING = ".,;:!?)]\"'”’"


@dataclass(frozen=True)
class RecipientNames:
    """A corpus recipient and the names it goes by."""

    recipient: str
    """The recipient as parsed (``Letter.recipient``)."""
    names: tuple[str, ...]
    """The recipient, its acronym and salutation names (see the module docstring)."""
    keys: tuple[str, ...]
    """Keys of the corpus letters addressed to it, in corpus order."""


def acronym(name: str) -> str | None:
    """Initials of a name of two or more words, words in capitals kept whole: "UN Human
    Rights Council" → "UNHRC", "European Union" → "EU"; ``None`` when too short or one word."""
    words = check_words()
    kept = [w.strip(".,;:()") for w in name.split()]
    kept = [w for w in kept if w and w.lower() not in words.acronym_skip]
    if len(kept) < 2:
        return None
    letters = "".join(w if w.isupper() and w.isalpha() else w[0].upper() for w in kept)
    if len(letters) < words.acronym_min_length or not letters.isalpha():
        return None
    return letters


def names_of(recipient: str, salutation: str | None) -> tuple[str, ...]:
    """The names a recipient goes by: itself, its acronym, its salutation name (2+ words)."""
    names = [normal(recipient)]
    short = acronym(recipient)
    if short:
        names.append(short)
    greeted = recipient_from_salutation(salutation)
    if greeted and len(greeted.split()) >= check_words().salutation_min_words:
        names.append(normal(greeted))
    return tuple(dict.fromkeys(names))


def recipient_names(corpus: Sequence[Letter]) -> tuple[RecipientNames, ...]:
    """Every distinct recipient of ``corpus`` (first-seen order) with its names."""
    groups: dict[str, tuple[str, list[str], list[str]]] = {}
    for letter in corpus:
        if not letter.recipient:
            continue
        group = normal(letter.recipient).casefold()
        recipient, names, keys = groups.setdefault(group, (letter.recipient, [], []))
        names.extend(names_of(letter.recipient, letter.salutation))
        keys.append(letter.key)
    return tuple(
        RecipientNames(recipient, tuple(dict.fromkeys(names)), tuple(keys))
        for recipient, names, keys in groups.values()
    )


def _word_seq(name: str) -> tuple[str, ...]:
    return tuple(re.findall(r"\w+", name.casefold()))


def _contains(outer: tuple[str, ...], inner: tuple[str, ...]) -> bool:
    size = len(inner)
    return bool(size) and any(outer[n : n + size] == inner for n in range(len(outer) - size + 1))


def acronym_like(name: str) -> bool:
    """One word in capitals ("UNHRC"): matched as written, not case-insensitively."""
    return " " not in name and name.isupper()


@lru_cache(maxsize=1)
def _address_phrase_pattern() -> re.Pattern[str]:
    phrases = phrase_pattern(check_words().address_phrases)
    return re.compile(rf"(?<!\w)(?i:{phrases})\s+(?i:the\s+)?")


def _name_at(
    text: str, start: int, lookup: Mapping[str, object], longest: int
) -> tuple[str, int, int] | None:
    """The longest known name starting at ``start`` (whole words; an acronym as written,
    other names in any case): ``(written, start, end)``. Set lookups, not one regex of
    every name, so a corpus of thousands of recipients costs nothing to prepare."""
    tokens: list[re.Match[str]] = []
    for match in _TOKEN.finditer(text, start):
        if match.start() != start and not tokens:
            return None
        tokens.append(match)
        if len(tokens) == longest:
            break
    for count in range(len(tokens), 0, -1):
        raw = text[start : tokens[count - 1].end()]
        for candidate in dict.fromkeys((raw, raw.rstrip(_TRAILING))):
            written = " ".join(candidate.split())
            key = written if acronym_like(written) else written.casefold()
            if written and key in lookup:
                return written, start, start + len(candidate)
    return None


def _names_in(
    text: str, lookup: Mapping[str, object], longest: int, addressed: bool
) -> list[tuple[str, int, int]]:
    """Known names in ``text``: after an address phrase ("we urge the …") when
    ``addressed``, else at any word start."""
    if addressed:
        starts = [m.end() for m in _address_phrase_pattern().finditer(text)]
    else:
        starts = [m.start() for m in re.finditer(r"(?<!\w)\w", text)]
    found = [_name_at(text, start, lookup, longest) for start in starts]
    return [hit for hit in found if hit]


def recipient_mismatches(
    draft: Letter,
    recipients: Sequence[RecipientNames],
    labels: Sequence[str],
    passages: Sequence[Passage],
) -> list[CheckWarning]:
    """The ``recipient-mismatch`` warnings of ``draft`` (rules in the module docstring):
    ``recipients`` are the corpus's, ``labels`` the passages' "¶n"."""
    if not draft.recipient:
        return []
    own = [_word_seq(n) for n in names_of(draft.recipient, None)]
    greeted = _word_seq(recipient_from_salutation(draft.salutation) or "")
    if greeted and greeted[-1] in _word_seq(draft.recipient):
        own.append(greeted)  # "Dear Minister Smith," to "Jane Smith": the same person
    own_group = normal(draft.recipient).casefold()
    others: dict[str, RecipientNames] = {}
    for group in recipients:
        if normal(group.recipient).casefold() == own_group:
            continue
        for name in group.names:
            seq = _word_seq(name)
            if any(_contains(mine, seq) or _contains(seq, mine) for mine in own):
                continue
            key = name if acronym_like(name) else normal(name).casefold()
            others.setdefault(key, group)
    if not others:
        return []
    lookup = others
    longest = max(len(name.split()) for name in lookup)
    warnings: list[CheckWarning] = []
    places: list[tuple[str, str, bool]] = []
    if draft.salutation:
        places.append(("the salutation", normal(draft.salutation), False))
    for label, passage in zip(labels, passages, strict=True):
        places.append((label, normal(passage.text), True))
    for where, text, addressed in places:
        seen: set[str] = set()
        for written, start, end in _names_in(text, lookup, longest, addressed):
            key = written if acronym_like(written) else written.casefold()
            group = lookup[key]
            if key in seen:
                continue
            seen.add(key)
            letters = ", ".join(group.keys[:3]) + (" …" if len(group.keys) > 3 else "")
            warnings.append(
                CheckWarning(
                    "recipient-mismatch",
                    f'{where} addresses "{written}", the recipient of {letters}; '
                    f"the draft is addressed to {draft.recipient}",
                    sentence(text, start, end),
                )
            )
    return warnings
