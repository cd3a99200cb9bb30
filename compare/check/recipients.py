"""The addressees a corpus knows, and the ``recipient-mismatch`` warning.

In: the corpus letters (for :func:`recipient_names`, kept in the
:class:`~compare.check.index.ParagraphIndex`), then the draft, its passages and those names.
Out: :class:`RecipientNames` per corpus addressee, and :class:`~compare.check.results.
CheckWarning` s of kind ``recipient-mismatch``.

``recipient-mismatch`` — the draft addresses someone a corpus letter was addressed to who is
not the draft's own recipient.

Addressees the corpus knows, from every letter: its recipient (``Letter.recipient``), that
name's acronym from the initials ("UN Human Rights Council" → "UNHRC", words in capitals
kept whole), and the name its salutation greets ("Dear High Representative Smith," → "High
Representative Smith"; :func:`greeted_name`), whether or not the letter has a recipient line.
A greeted name must have at least ``salutation_min_words`` words and at least one word that
is not a title (``title_words`` of ``data/check.toml``): "Dear Minister," or "Dear High
Representative," greet an office, not anyone in particular, and are never matched. Letters
are grouped by recipient (by greeted name when they have none).

Where a name counts in the draft:

* in the draft's salutation, every name;
* anywhere in a passage, a *greeted* name that is a title and a person's name, the way
  letters speak to their addressee ("as High Representative Smith knows" left in a letter to
  someone else; "Members of the Security Council" counts only as the other names do);
* in a passage right after an address phrase ("we urge the European Parliament to"; list in
  ``data/check.toml``), the other names (recipients and acronyms): letters mention other
  institutions all the time ("the draft European Parliament resolution"), so a mere mention
  of one is not flagged;
* anywhere in a passage, any name of the addressee of a letter the draft *copies* (the
  ``copied`` letters: the origin of most of its reused and changed passages, see
  :mod:`compare.check.warnings`), in any case and spacing (an acronym as written), as whole
  words: a re-addressed copy that keeps "as the Water Board knows" or "the Water Board's own
  survey" still speaks of the old addressee. A mention inside a longer name is not one: a
  capitalised word continuing it on either side (the word before not a sentence's first)
  that is no word of that addressee's names nor a function word ("the Water Board
  Inspectorate", "the Northern Water Board"). The name without the acronym it opens with
  ("General Assembly" of "UN General Assembly") counts only right after an address phrase
  ("we call on the General Assembly to"), as letters to others speak of such bodies all the
  time ("the General Assembly's resolution"). A bare title ("Prime Minister") names an
  office, not the old addressee, and is not looked for;
* in the salutation and anywhere in a passage, a *titled name* (:func:`titled_names`: one or
  more capitalised title words, then capitalised words of a name, "High Representative
  Smith", "Minister von Berg") whose name words are all words of a corpus addressee's name:
  "Dear High Representative Smith," in a draft names "Anna Smith", the recipient of an
  earlier letter, although no letter greeted her so.

The draft's own names are its recipient, the recipient's acronym and its salutation's name
when that names the same one (see below). A corpus name is the draft's own, never flagged,
when the words of one that are not titles or function words are all among the other's: "High
Representative Smith" is "Anna Smith", "European Commission" is "President of the European
Commission"; "Minister Smith" is not "Minister Jones". Neither are the names of corpus
letters with the same recipient. A draft without a recipient is not checked.
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
    """A corpus addressee and the names it goes by."""

    recipient: str
    """The addressee as the letters name it: their recipient (``Letter.recipient``), else
    the name their salutation greets."""
    names: tuple[str, ...]
    """The recipient, its acronym and the greeted names (see the module docstring)."""
    greeted: tuple[str, ...]
    """The names of ``names`` that salutations greet that are a title and a person's name
    (:func:`titled_names`, "Minister von Berg"; not "Members of the Security Council"):
    matched anywhere in a draft's passages, not only after an address phrase."""
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


def _word_seq(name: str) -> tuple[str, ...]:
    return tuple(re.findall(r"\w+", name.casefold()))


def distinctive(name: str) -> frozenset[str]:
    """The words of ``name`` (lower case) that are neither titles (``title_words``) nor the
    function words of ``acronym_skip``: what tells one addressee from another ("High
    Representative Smith" → {"smith"}; "Dear Minister" → none)."""
    words = check_words()
    return frozenset(
        w for w in _word_seq(name) if w not in words.title_words and w not in words.acronym_skip
    )


def greeted_name(salutation: str | None) -> str | None:
    """The name a salutation greets when it names someone in particular: at least
    ``salutation_min_words`` words, one of them no title ("Dear Minister Smith," → "Minister
    Smith"; "Dear Minister," and "Dear High Representative," → ``None``)."""
    greeted = recipient_from_salutation(salutation)
    if not greeted or len(greeted.split()) < check_words().salutation_min_words:
        return None
    return normal(greeted) if distinctive(greeted) else None


def names_of(recipient: str | None, salutation: str | None) -> tuple[str, ...]:
    """The names an addressee goes by: the recipient, its acronym, the greeted name."""
    names = []
    if recipient:
        names.append(normal(recipient))
        short = acronym(recipient)
        if short:
            names.append(short)
    greeted = greeted_name(salutation)
    if greeted:
        names.append(greeted)
    return tuple(dict.fromkeys(names))


def recipient_names(corpus: Sequence[Letter]) -> tuple[RecipientNames, ...]:
    """Every addressee of ``corpus`` (first-seen order) with its names."""
    groups: dict[str, tuple[str, list[str], list[str], list[str]]] = {}
    for letter in corpus:
        greeted = greeted_name(letter.salutation)
        addressee = letter.recipient or greeted
        if not addressee:
            continue
        group = normal(addressee).casefold()
        _, names, greetings, keys = groups.setdefault(group, (addressee, [], [], []))
        names.extend(names_of(letter.recipient, letter.salutation))
        if greeted and _person(greeted):
            greetings.append(greeted)
        keys.append(letter.key)
    return tuple(
        RecipientNames(
            recipient,
            tuple(dict.fromkeys(names)),
            tuple(dict.fromkeys(greetings)),
            tuple(keys),
        )
        for recipient, names, greetings, keys in groups.values()
    )


def _person(name: str) -> bool:
    """Whether ``name`` is a title and a person's name, all of it (:func:`titled_names`):
    "Minister von Berg", not "Members of the Security Council"."""
    found = titled_names(name)
    return len(found) == 1 and found[0][1] == 0 and found[0][2] == len(name)


def acronym_like(name: str) -> bool:
    """One word in capitals ("UNHRC"): matched as written, not case-insensitively."""
    return " " not in name and name.isupper()


def _key(name: str) -> str:
    return name if acronym_like(name) else normal(name).casefold()


def _same_one(name: str, own: Sequence[frozenset[str]]) -> bool:
    """Whether ``name`` names one of the addressees whose distinctive words are ``own``."""
    mine = distinctive(name)
    return any(words and (mine <= words or words <= mine) for words in own if mine)


_NAME_WORD = re.compile(r"[^\W\d_][\w'’-]*")


def titled_names(text: str) -> list[tuple[str, int, int]]:
    """Titles followed by a name in ``text``: ``(written, start, end)``. A run of
    capitalised ``title_words`` ("High Representative", "Minister"), then one to four
    capitalised words that are no titles or function words (``acronym_skip``), with the name
    particles of ``data/signatories.toml`` ("von", "de") between them and initials
    ("F.") allowed; words must follow each other with only spaces between (the dot of an
    initial or of an abbreviated title, "Mr.", too). "Dear Minister," has no name and gives
    nothing; nor does a title before the name of an institution (a word of the
    ``organization`` or ``not_name`` lists of ``data/signatories.toml``: "General Assembly",
    "High Commissioner for Human Rights")."""
    words = check_words()
    tokens = list(_NAME_WORD.finditer(text))

    def is_title(word: str) -> bool:  # "Secretary-General": every part a title
        return all(part in words.title_words for part in re.split(r"[-'’]", word.casefold()))

    def joined(a: re.Match[str], b: re.Match[str]) -> bool:  # "F. Roe", "Mr. Smith"
        gap = text[a.end() : b.start()]
        abbreviated = len(a.group()) == 1 or is_title(a.group())
        return not gap.strip() or (gap.strip() == "." and abbreviated and gap[0] == ".")

    def title(n: int) -> bool:
        word = tokens[n].group()
        return word[0].isupper() and is_title(word)

    def name(n: int) -> bool:
        word = tokens[n].group()
        return (
            word[0].isupper() and not is_title(word) and word.casefold() not in words.acronym_skip
        )

    found = []
    n = 0
    while n < len(tokens):
        if not title(n):
            n += 1
            continue
        start = n
        while n + 1 < len(tokens) and joined(tokens[n], tokens[n + 1]) and title(n + 1):
            n += 1
        last = None
        count = 0
        k = n + 1
        while k < len(tokens) and count < 4 and joined(tokens[k - 1], tokens[k]):
            if name(k):
                last, count = k, count + 1
            elif tokens[k].group() not in words.name_particles:
                break
            k += 1
        named = [tokens[i].group().casefold() for i in range(n + 1, (last or n) + 1)]
        if last is not None and not any(
            w in words.not_person or w.removesuffix("s") in words.not_person for w in named
        ):
            begin, end = tokens[start].start(), tokens[last].end()
            found.append((text[begin:end], begin, end))
            n = last
        n += 1
    return found


def _titled_group(
    written: str,
    own: Sequence[frozenset[str]],
    by_word: Mapping[str, Sequence[tuple[frozenset[str], RecipientNames]]],
) -> RecipientNames | None:
    """The corpus addressee a titled name names (its name words all words of one of the
    addressee's names), ``None`` when none does or it is the draft's own."""
    words = distinctive(written)
    if not words or _same_one(written, own):
        return None
    for name_words, group in by_word.get(min(words), ()):
        if words <= name_words:
            return group
    return None


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
            if written and _key(written) in lookup:
                return written, start, start + len(candidate)
    return None


def _names_in(
    text: str, lookup: Mapping[str, object], addressed: bool
) -> list[tuple[str, int, int]]:
    """Known names in ``text``: after an address phrase ("we urge the …") when
    ``addressed``, else at any word start."""
    if not lookup:
        return []
    longest = max(len(name.split()) for name in lookup)
    if addressed:
        starts = [m.end() for m in _address_phrase_pattern().finditer(text)]
    else:
        starts = [m.start() for m in re.finditer(r"(?<!\w)\w", text)]
    found = [_name_at(text, start, lookup, longest) for start in starts]
    return [hit for hit in found if hit]


def short_name(name: str) -> str | None:
    """``name`` without the acronym it opens with, when two words or more are left and one
    of them is no title: "UN General Assembly" → "General Assembly"; else ``None``."""
    words = name.split()
    if len(words) < 3 or not acronym_like(words[0]):
        return None
    rest = " ".join(words[1:])
    return rest if distinctive(rest) else None


def _copied_short_names(
    copied: Sequence[tuple[str, RecipientNames]], own: Sequence[frozenset[str]]
) -> dict[str, RecipientNames]:
    """The short names (:func:`short_name`) of the copied letters' addressees' names, by
    key: looked for right after an address phrase only."""
    found: dict[str, RecipientNames] = {}
    for name, group in copied:
        short = short_name(name)
        if short and not _same_one(short, own):
            found.setdefault(_key(short), group)
    return found


def _copied_names(
    copied: Sequence[Letter], own: Sequence[frozenset[str]], own_group: str
) -> list[tuple[str, RecipientNames]]:
    """The names of the addressees of ``copied`` (the letters the draft copies) that are not
    the draft's own, each with its addressee."""
    found: dict[str, tuple[str, RecipientNames]] = {}
    for letter in copied:
        addressee = letter.recipient or greeted_name(letter.salutation)
        if not addressee or normal(addressee).casefold() == own_group:
            continue
        if not distinctive(addressee):  # "Prime Minister": an office, its acronym anything
            continue
        names = names_of(letter.recipient, letter.salutation)
        group = RecipientNames(addressee, names, (), (letter.key,))
        for name in names:
            if not _same_one(name, own) and _key(name) not in found:
                found[_key(name)] = (name, group)
    return list(found.values())


def _mentions(text: str, name: str, words: frozenset[str]) -> list[tuple[str, int, int]]:
    """Where ``name`` stands in ``text`` as whole words (any case and spacing; an acronym as
    written), leaving out a mention inside a longer name: one a capitalised word continues
    on either side (the word before not a sentence's first) that is no word of ``words``
    (the names of the same addressee) nor a function word ("the")."""
    pattern = r"\s+".join(re.escape(part) for part in name.split())
    flags = 0 if acronym_like(name) else re.IGNORECASE
    skip = check_words().acronym_skip

    def continues(word: str) -> bool:
        return word[0].isupper() and word.casefold() not in skip and word.casefold() not in words

    found = []
    for match in re.finditer(rf"(?<![\w-]){pattern}(?![\w-])", text, flags):
        head = text[: match.start()]
        before = _WORD_BEFORE.search(head)
        if before is not None:
            rest = head[: before.start()].rstrip()
            if not rest or rest[-1] in _SENTENCE_END or not continues(before.group(1)):
                before = None
        after = _WORD_AFTER.match(text, match.end())
        if before is None and (after is None or not continues(after.group(1))):
            found.append((match.group(), match.start(), match.end()))
    return found


_WORD_BEFORE = re.compile(r"([^\W\d_][\w'’-]*)\s+$")
_WORD_AFTER = re.compile(r"\s+([^\W\d_][\w'’-]*)")
_SENTENCE_END = frozenset(".!?:;")


def recipient_mismatches(
    draft: Letter,
    recipients: Sequence[RecipientNames],
    labels: Sequence[str],
    passages: Sequence[Passage],
    copied: Sequence[Letter] = (),
) -> list[CheckWarning]:
    """The ``recipient-mismatch`` warnings of ``draft`` (rules in the module docstring):
    ``recipients`` are the corpus's, ``labels`` the passages' "¶n", ``copied`` the corpus
    letters the draft's passages were copied from (whose addressees' names are looked for
    in every passage)."""
    if not draft.recipient:
        return []
    own = [distinctive(n) for n in names_of(draft.recipient, None)]
    greeted = greeted_name(draft.salutation)
    if greeted and _same_one(greeted, own):
        own.append(distinctive(greeted))  # "Dear Minister Smith," to "Jane Smith"
    own_group = normal(draft.recipient).casefold()
    anywhere: dict[str, RecipientNames] = {}
    addressed: dict[str, RecipientNames] = {}
    by_word: dict[str, list[tuple[frozenset[str], RecipientNames]]] = {}
    for group in recipients:
        if normal(group.recipient).casefold() == own_group:
            continue
        for name in group.names:
            if _same_one(name, own):
                continue
            addressed.setdefault(_key(name), group)
            if name in group.greeted:
                anywhere.setdefault(_key(name), group)
            if not acronym_like(name):
                words = distinctive(name)
                for word in words:
                    by_word.setdefault(word, []).append((words, group))
    copied_names = _copied_names(copied, own, own_group)
    copied_short = _copied_short_names(copied_names, own)
    if not addressed and not copied_names:
        return []
    places: list[tuple[str, str, bool]] = []
    if draft.salutation:
        places.append(("the salutation", normal(draft.salutation), False))
    for label, passage in zip(labels, passages, strict=True):
        places.append((label, normal(passage.text), True))
    warnings: list[CheckWarning] = []
    for where, text, in_passage in places:
        hits = [
            (*hit, addressed[_key(hit[0])])
            for hit in _names_in(text, addressed, addressed=in_passage)
        ]
        if in_passage:
            hits += [(*hit, anywhere[_key(hit[0])]) for hit in _names_in(text, anywhere, False)]
            for name, group in copied_names:
                words = frozenset(w for n in group.names for w in _word_seq(n))
                hits += [(*hit, group) for hit in _mentions(text, name, words)]
            short = _names_in(text, copied_short, addressed=True)
            hits += [(*hit, copied_short[_key(hit[0])]) for hit in short]
        taken = [(start, end) for _, start, end, _ in hits]
        for written, start, end in titled_names(text):
            titled = _titled_group(written, own, by_word)
            if titled is not None and not any(a < end and start < b for a, b in taken):
                hits.append((written, start, end, titled))
        seen: set[str] = set()
        for written, start, end, group in sorted(hits, key=lambda hit: hit[1]):
            key = _key(written)
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
