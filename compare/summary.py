"""Plain-language summaries: what changed between two letters, or what a draft takes from
earlier ones, in a few sentences a director reads in a minute.

In: a :class:`~compare.comparison.LetterDiff` and its two :class:`~compare.models.Letter`s
(:func:`pair_summary`), a :class:`~compare.check.CheckResult` (:func:`check_sentences`), or a
corpus's letters with their families, recurring asks and coalition (:func:`corpus_summary`).
Out: a list of sentences, plain strings without markup, each ending with a full stop: what
the letters are to each other, who signs, what happened to the paragraphs, to the asks, and
to the themes. Pure functions; the words they use are in ``compare/data/summary.toml``.

The words of the field, not of the program:

- A letter is named by its recipient and date (:func:`pair_names`): "the letter to the UN
  General Assembly", "3 Mar 2019" — never by its key. The two names of a pair always differ:
  by recipient; when the recipients are the same, by date ("the letter to X of 3 Mar 2019");
  when the dates are the same too, as "the first"/"the second". "Earlier"/"later" are used
  only when both letters are dated and the dates differ.
- A similarity score is a share of distinctive wording (:func:`wording_share`: 0.875 → "88 %
  of distinctive wording shared"); the method (TF-IDF cosine) is the reports' business.
- Paragraphs are "reworded" (the diff's ``changed``), "added" (``inserted``), "removed"
  (``deleted``) or "moved"; the most frequent replacement across reworded paragraphs is named
  (:func:`main_replacement`).
- Counts below ten are words ("two asks"), larger ones digits (``number_words``).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING, Literal

from compare.datafiles import load_data, table, word_lists, words
from compare.text import strip_accents

if TYPE_CHECKING:
    from compare.alignment import Block
    from compare.check import CheckResult
    from compare.comparison import LetterDiff
    from compare.families import Families
    from compare.models import Letter, LetterRef
    from compare.themes import Taxonomy
    from compare.trends import AskFamily, Coalition

Role = Literal["earlier", "later", "first", "second"]
ThemeLabel = Callable[[str], str]
"""A theme's label from its slug (``Taxonomy.label`` with a fallback)."""

NBSP = "\u00a0"
"""Between a number and its "%", so that "88 %" is never broken across lines."""
_WORD = re.compile(r"\w+(?:['’]\w+)*")
_JOINER = re.compile(r"[\s\-‐‑]+")
"""What may stand between two words of one phrase: white space and hyphens, no punctuation."""
MAX_PHRASE_WORDS = 5
"""Longest replacement phrase looked for, in words ("UN General Assembly" is three)."""


@lru_cache(maxsize=1)
def _data() -> tuple[tuple[str, ...], frozenset[str], dict[str, tuple[str, str]]]:
    raw = load_data("summary")
    numbers = tuple(words(raw, "number_words"))
    article = frozenset(words(table(raw, "recipients"), "article_first_words"))
    warnings = {
        kind: (names[0], names[-1])
        for kind, names in word_lists(table(raw, "check"), "warnings").items()
    }
    return numbers, article, warnings


@lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    lists = word_lists(load_data("stopwords"), "stop_words")
    return frozenset(word.casefold() for found in lists.values() for word in found)


# --------------------------------------------------------------------------- small words


def number(count: int) -> str:
    """``count`` as prose: a word below the length of ``number_words`` ("no" for 0, "two"),
    digits otherwise ("18")."""
    numbers = _data()[0]
    return numbers[count] if 0 <= count < len(numbers) else str(count)


def amount(count: int, singular_verb: str, plural_verb: str) -> str:
    """A count standing alone as a subject, with its verb: "none is", "one is", "two are",
    "18 are" (zero takes "none" and the singular, as in "none is reworded")."""
    if count == 0:
        return f"none {singular_verb}"
    return f"{number(count)} {singular_verb if count == 1 else plural_verb}"


def counted(count: int, singular: str, plural: str) -> str:
    """ "one ask", "two asks", "no asks", "18 paragraphs"."""
    return f"{number(count)} {singular if count == 1 else plural}"


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _listed(items: Sequence[str], quote: bool = False) -> str:
    """ "a", "a and b", "a, b and c" (each in curly quotes with ``quote``)."""
    shown = [f"‘{item}’" if quote else item for item in items]
    if len(shown) <= 2:
        return " and ".join(shown)
    if any("," in item or " and " in item for item in items):
        return "; ".join(shown[:-1]) + "; and " + shown[-1]
    return ", ".join(shown[:-1]) + " and " + shown[-1]


def format_date(iso: str | None) -> str | None:
    """An ISO date as a reader writes it: "2019-03-03" → "3 Mar 2019", "2019-03" → "Mar
    2019", "2020" → "2020"; ``None`` stays ``None``, anything else is returned as given."""
    if not iso:
        return None
    import calendar

    parts = iso.split("-")
    try:
        numbers = [int(part) for part in parts]
    except ValueError:
        return iso
    if len(numbers) == 3:
        try:
            day = date(*numbers)
        except ValueError:
            return iso
        return f"{day.day} {calendar.month_abbr[day.month]} {day.year}"
    if len(numbers) == 2 and 1 <= numbers[1] <= 12:
        return f"{calendar.month_abbr[numbers[1]]} {numbers[0]}"
    return iso


def recipient_phrase(recipient: str | None) -> str | None:
    """The recipient as it follows "the letter to": with "the" when its first word is one of
    ``[recipients] article_first_words`` ("the UN General Assembly"), as written otherwise
    ("Chairman Jane Doe"); ``None`` for no recipient."""
    if not recipient or not recipient.strip():
        return None
    text = " ".join(recipient.split())
    first = text.split()[0]
    if first.casefold() == "the":
        return "the" + text[len(first) :]
    return f"the {text}" if first in _data()[1] else text


def wording_share(score: float | None) -> str | None:
    """A similarity score (0..1, TF-IDF cosine) as a reader's share: 0.875 → "88 % of
    distinctive wording shared" (the percentage rounded; a no-break space before "%")."""
    if score is None:
        return None
    return f"{percent(score)} of distinctive wording shared"


def percent(score: float) -> str:
    """0.875 → "88 %" (rounded, a no-break space before "%")."""
    return f"{round(score * 100)}{NBSP}%"


def theme_labeller(taxonomy: Taxonomy | None = None) -> ThemeLabel:
    """Slug → label from ``taxonomy`` (the packaged one for ``None``); a slug the taxonomy
    does not know is shown as words ("death-penalty" → "Death penalty")."""
    from compare.themes import load_taxonomy

    found = taxonomy or load_taxonomy()

    def label(slug: str) -> str:
        return found.label(slug) or slug.replace("-", " ").capitalize()

    return label


# --------------------------------------------------------------------------- names


@dataclass(frozen=True)
class LetterName:
    """How the reports and summaries name one letter of a pair."""

    name: str
    """Unique within the pair, lower case: "the letter to the UN General Assembly"; "the
    letter to X of 3 Mar 2019" when both have recipient X; "the first letter to X" when the
    date is the same too; "the letter with no addressee" when it has none."""
    to: str | None
    """The recipient as prose ("the UN General Assembly"), ``None`` for none."""
    date: str | None
    """The date as prose ("3 Mar 2019"), ``None`` when undated."""
    role: Role
    """``earlier``/``later`` when both are dated and the dates differ, else
    ``first``/``second`` (the order the pair was given in)."""
    dated: bool
    """Whether ``name`` already holds the date."""

    @property
    def full(self) -> str:
        """The name with its date: "the letter to the UN General Assembly, 3 Mar 2019"."""
        return f"{self.name}, {self.date}" if self.date and not self.dated else self.name

    @property
    def heading(self) -> str:
        """A column heading: "First letter: to the UN General Assembly, 3 Mar 2019"."""
        to = f"to {self.to}" if self.to else "no addressee"
        return f"{_capital(self.role)} letter: {to}" + (f", {self.date}" if self.date else "")


def _roles(a: str | None, b: str | None) -> tuple[Role, Role]:
    if a and b and a != b:
        return ("earlier", "later") if a < b else ("later", "earlier")
    return "first", "second"


def _key(text: str | None) -> str:
    return " ".join(strip_accents(text or "").casefold().split())


def pair_names(a: Letter, b: Letter) -> tuple[LetterName, LetterName]:
    """The names of the letters ``a`` and ``b`` (see :class:`LetterName`)."""
    roles = _roles(a.date, b.date)
    to = (recipient_phrase(a.recipient), recipient_phrase(b.recipient))
    dates = (format_date(a.date), format_date(b.date))
    bases = [f"the letter to {r}" if r else "the letter with no addressee" for r in to]
    if _key(to[0]) != _key(to[1]):
        names, dated = bases, False
    elif a.date and b.date and a.date != b.date:
        names, dated = [f"{base} of {when}" for base, when in zip(bases, dates, strict=True)], True
    else:
        names = [
            base.replace("the letter", f"the {role} letter", 1)
            for base, role in zip(bases, roles, strict=True)
        ]
        dated = False
    first, second = (
        LetterName(name=names[i], to=to[i], date=dates[i], role=roles[i], dated=dated)
        for i in range(2)
    )
    return first, second


def _gap(a: str | None, b: str | None) -> str | None:
    """ "two years later", "three months earlier", "five days later": ``b``'s date against
    ``a``'s; ``None`` unless both are full ISO dates and differ."""
    try:
        first, second = date.fromisoformat(a or ""), date.fromisoformat(b or "")
    except ValueError:
        return None
    days = (second - first).days
    if days == 0:
        return None
    span = abs(days)
    if span >= 365:
        amount = counted(round(span / 365.25), "year", "years")
    elif span >= 60:
        amount = counted(round(span / 30.44), "month", "months")
    elif span >= 14:
        amount = counted(round(span / 7), "week", "weeks")
    else:
        amount = counted(span, "day", "days")
    return f"{amount} {'later' if days > 0 else 'earlier'}"


# --------------------------------------------------------------------------- replacements


@dataclass(frozen=True)
class Replacement:
    """The wording that reworded paragraphs replace most often."""

    deleted: str
    """The phrase taken out, as first written: "UN General Assembly"."""
    inserted: tuple[str, ...]
    """What took its place, most frequent first (at most two): ("EU", "European Union");
    empty when it was dropped without a replacement phrase."""
    paragraphs: int
    """How many reworded paragraphs replace it (at least 2)."""


def _weak(word: str) -> bool:
    """A word that cannot open or close a phrase: a stop word of any language in
    ``stopwords.toml`` (unless written in capitals: "UN" is no article), a number, a letter."""
    folded = strip_accents(word).casefold()
    stop = folded in _stop_words() and not word.isupper()
    return stop or folded.isdigit() or len(folded) < 2


def _phrases(text: str, whole: bool = False) -> dict[tuple[str, ...], str]:
    """The phrases of ``text`` (1 to ``MAX_PHRASE_WORDS`` words joined only by white space or
    hyphens, neither end a weak word (:func:`_weak`)), keyed by their folded words, each with
    its first wording as written. With ``whole``, a short text made of weak words only ("call
    on") is its own phrase."""
    found = list(_WORD.finditer(text))
    if whole and 0 < len(found) <= MAX_PHRASE_WORDS and all(_weak(m.group(0)) for m in found):
        joins = [text[x.end() : y.start()] for x, y in zip(found, found[1:], strict=False)]
        if all(_JOINER.fullmatch(join) for join in joins) and not found[0].group(0).isdigit():
            key = tuple(strip_accents(m.group(0)).casefold() for m in found)
            return {key: text[found[0].start() : found[-1].end()]}
    folded = [strip_accents(match.group(0)).casefold() for match in found]
    weak = [_weak(match.group(0)) for match in found]
    phrases: dict[tuple[str, ...], str] = {}
    for start in range(len(found)):
        if weak[start]:
            continue
        for end in range(start, min(start + MAX_PHRASE_WORDS, len(found))):
            if end > start:
                between = text[found[end - 1].end() : found[end].start()]
                if not _JOINER.fullmatch(between):
                    break
            if weak[end]:
                continue
            key = tuple(folded[start : end + 1])
            phrases.setdefault(key, text[found[start].start() : found[end].end()])
    return phrases


def _trimmed(text: str) -> tuple[str, ...]:
    """The folded words of ``text`` without the weak words at either end (all of them when
    all are weak: "call on")."""
    found = _WORD.findall(text)
    if all(_weak(word) for word in found):
        return tuple(strip_accents(word).casefold() for word in found)
    while found and _weak(found[0]):
        found.pop(0)
    while found and _weak(found[-1]):
        found.pop()
    return tuple(strip_accents(word).casefold() for word in found)


def _replacement_pairs(spans: Sequence[tuple[str, str]]) -> list[tuple[str, str]]:
    """(deleted, inserted) texts of each deletion next to an insertion."""
    pairs = []
    for index in range(len(spans) - 1):
        (op, text), (next_op, next_text) = spans[index], spans[index + 1]
        if op == "-" and next_op == "+":
            pairs.append((text, next_text))
        elif op == "+" and next_op == "-":
            pairs.append((next_text, text))
    return pairs


def main_replacement(blocks: Iterable[Block]) -> Replacement | None:
    """The phrase that reworded (``changed``) paragraphs replace most often, and what took
    its place; ``None`` when no phrase is replaced in at least two paragraphs.

    A replacement is a deletion next to an insertion in a paragraph's word diff. A phrase
    (:func:`_phrases`) counts for a paragraph when one of its deletions holds it and the
    insertion beside it does not (a change of case or spacing replaces nothing). The phrase
    replaced in the most paragraphs wins, the longer on a tie ("UN General Assembly" over
    "Assembly"), provided that some deletion is that phrase alone (weak words aside): a word
    that merely occurs inside rewritten sentences is not what the letter replaced. What took
    its place is the phrase of the insertions beside it found in the most of those
    paragraphs, then the same among the paragraphs it does not cover; the first must stand
    alone in some insertion or be found in two paragraphs, the second in two paragraphs.
    """
    deleted_in: dict[tuple[str, ...], list[int]] = {}
    wording: dict[tuple[str, ...], str] = {}
    alone: set[tuple[str, ...]] = set()
    gained: dict[tuple[tuple[str, ...], int], dict[tuple[str, ...], str]] = {}
    for position, block in enumerate(blocks):
        if block.op != "changed":
            continue
        for old, new in _replacement_pairs(block.diff):
            old_phrases, new_phrases = _phrases(old, whole=True), _phrases(new, whole=True)
            alone.update((_trimmed(old), _trimmed(new)))
            for key, text in old_phrases.items():
                if key in new_phrases:
                    continue
                wording.setdefault(key, text)
                where = deleted_in.setdefault(key, [])
                if position not in where:
                    where.append(position)
                into = gained.setdefault((key, position), {})
                for new_key, new_text in new_phrases.items():
                    if new_key not in old_phrases:
                        into.setdefault(new_key, new_text)
    order = {key: index for index, key in enumerate(deleted_in)}
    candidates = [key for key, where in deleted_in.items() if len(where) >= 2 and key in alone]
    if not candidates:
        return None
    best = max(candidates, key=lambda k: (len(deleted_in[k]), len(k), -order[k]))
    chosen: list[str] = []
    uncovered = list(deleted_in[best])
    while uncovered and len(chosen) < 2:
        counts: Counter[tuple[str, ...]] = Counter()
        texts: dict[tuple[str, ...], str] = {}
        for place in uncovered:
            for key, text in gained[(best, place)].items():
                counts[key] += 1
                texts.setdefault(key, text)
        seen = {key: index for index, key in enumerate(texts)}
        fit = [key for key in counts if counts[key] >= 2 or (key in alone and not chosen)]
        if not fit:
            break
        pick = max(fit, key=lambda k: (counts[k], len(k), -seen[k]))
        chosen.append(texts[pick])
        uncovered = [place for place in uncovered if pick not in gained[(best, place)]]
    return Replacement(
        deleted=wording[best], inserted=tuple(chosen), paragraphs=len(deleted_in[best])
    )


# --------------------------------------------------------------------------- shared terms


def readable_terms(terms: Sequence[str], texts: Sequence[str], limit: int = 6) -> tuple[str, ...]:
    """The shared distinctive terms a reader can read, as the letters write them.

    ``terms`` are the vectoriser's (lower case, accents stripped, stop words and numbers
    dropped, so a bigram may join words the letter keeps apart: "rights west" from "rights
    in West Africa"). A term is kept when its words stand next to each other (white space or
    hyphens between them, at most brackets around) in every text of ``texts``, and is shown as
    the first text writes it ("wetlands (marshes)", "South African"); pure numbers and terms
    inside a term already kept are left out; at most ``limit``, in the order given.
    """
    shown: list[tuple[tuple[str, ...], str]] = []
    for term in terms:
        parts = tuple(term.split())
        if not parts or all(part.isdigit() for part in parts):
            continue
        if any(_inside(parts, kept) for kept, _ in shown):
            continue
        wordings = [_written(parts, text) for text in texts]
        if not wordings or any(wording is None for wording in wordings):
            continue
        shown = [(kept, text) for kept, text in shown if not _inside(kept, parts)]
        shown.append((parts, wordings[0] or term))
        if len(shown) == limit:
            break
    return tuple(text for _, text in shown)


def _inside(small: tuple[str, ...], large: tuple[str, ...]) -> bool:
    return len(small) < len(large) and any(
        large[i : i + len(small)] == small for i in range(len(large) - len(small) + 1)
    )


def _written(parts: tuple[str, ...], text: str) -> str | None:
    """Where the words ``parts`` (folded) stand next to each other in ``text``: the text's
    own wording of them (a bracket opened inside closed, and a lower-case wording preferred
    to one capitalised at the start of a sentence or heading), or ``None``."""
    found = list(_WORD.finditer(text))
    folded = [strip_accents(match.group(0)).casefold() for match in found]
    size = len(parts)
    wordings = []
    for start in range(len(found) - size + 1):
        if tuple(folded[start : start + size]) != parts:
            continue
        last = start + size - 1
        joins = [text[found[i].end() : found[i + 1].start()] for i in range(start, last)]
        if not all(re.fullmatch(r"[\s\-‐‑()\[\]]+", join) for join in joins):
            continue
        end = found[last].end()
        wording = text[found[start].start() : end]
        for opening, closing in ("()", "[]"):
            if wording.count(opening) > wording.count(closing):
                wording += closing
        wordings.append(wording)
    lower = [w for w in wordings if w[:1].islower()]
    return (lower or wordings)[0] if wordings else None


# --------------------------------------------------------------------------- a pair


def pair_summary(
    diff: LetterDiff, a: Letter, b: Letter, theme_label: ThemeLabel | None = None
) -> list[str]:
    """What changed from ``a`` to ``b`` in sentences (see the module docstring), e.g.

    - "The letter to Y (3 Mar 2019) is the letter to X of the same day, re-addressed."
    - "The same 37 signatories sign both."
    - "8 of 18 paragraphs are reworded, 5 of them replacing ‘X’ with ‘Y’; one paragraph is
      moved; none is added or removed."
    - "No ask is added or dropped; two are reworded."
    - "New themes: …." and "Theme no longer raised: …." (only when the themes differ)

    ``theme_label`` names themes (the slug itself without it).
    """
    names = pair_names(a, b)
    backwards = later_first(a, b)
    sentences = [
        _relation(diff, a, b, names),
        _signatory_sentence(diff, backwards),
        _paragraph_sentence(diff, len(b.paragraphs)),
        *_ask_sentences(diff, backwards),
    ]
    themes = (b.themes, a.themes) if backwards else (a.themes, b.themes)
    sentences += _theme_sentences(*themes, theme_label or (lambda slug: slug))
    return sentences


def later_first(a: Letter, b: Letter) -> bool:
    """Whether ``a``, the letter compared from, is the later of two dated letters (the roles
    of :func:`pair_names`): then what "joined", "is new" or "was dropped" is read in time,
    from ``b`` to ``a``, never against the dates."""
    return _roles(a.date, b.date)[0] == "later"


def _relation(diff: LetterDiff, a: Letter, b: Letter, names: tuple[LetterName, LetterName]) -> str:
    first, second = names
    subject = second.name + (f" ({second.date})" if second.date and not second.dated else "")
    if first.dated:
        other = first.name
    elif first.date and first.date == second.date:
        other = f"{first.name} of the same day"
    elif first.date:
        other = f"{first.name} of {first.date}"
    else:
        other = first.name
    gap = _gap(b.date, a.date)  # of the letter named last (the first), against the subject
    when = f", written {gap}" if gap else ""
    counts = diff.alignment.counts()
    kept = counts["equal"] + counts["changed"] + counts["moved"]
    size = max(len(a.paragraphs), len(b.paragraphs), 1)
    same_to = _key(first.to) == _key(second.to)
    if not diff.differs:
        text = f"{subject} repeats {other} word for word, with the same signatories and asks"
        text += when
    elif kept * 2 >= size and not same_to and first.to and second.to:
        text = f"{subject} is {other}, re-addressed{when}"
    elif kept * 2 >= size:
        text = f"{subject} is a revised version of {other}{when}"
    elif kept:
        share = f"{number(kept)} of its {len(b.paragraphs)} paragraphs"
        text = f"{subject} takes only {share} from {other}{when}"
    else:
        text = f"{subject} has no paragraph in common with {other}{when}"
    return _capital(text) + "."


def _names_in_brackets(names: Sequence[str], limit: int = 3) -> str:
    return f" ({_listed(list(names))})" if 0 < len(names) <= limit else ""


def _signatory_sentence(diff: LetterDiff, backwards: bool = False) -> str:
    """Who signs both, who joined and who left; with ``backwards`` (the first letter is the
    later one) those only in the first letter joined."""
    s = diff.signatories
    only_joined, only_left = (s.only_a, s.only_b) if backwards else (s.only_b, s.only_a)
    common, joined, left, renamed = len(s.common), len(only_joined), len(only_left), len(s.renamed)
    if not (common or joined or left or renamed):
        return "Neither letter lists its signatories."
    if not s.changed:
        return f"The same {counted(common, 'signatory signs', 'signatories sign')} both."
    both = common + renamed
    parts = [
        f"{number(joined) if joined else 'none'} joined{_names_in_brackets(only_joined)}",
        f"{number(left) if left else 'none'} left{_names_in_brackets(only_left)}",
    ]
    text = f"{counted(both, 'signatory signs', 'signatories sign')} both; " + " and ".join(parts)
    if renamed:
        text += f"; {counted(renamed, 'name is', 'names are')} spelled differently"
    return _capital(text) + "."


def _paragraph_sentence(diff: LetterDiff, total: int) -> str:
    counts = diff.alignment.counts()
    changed, moved = counts["changed"], counts["moved"]
    added, removed = counts["inserted"], counts["deleted"]
    if not (changed or moved or added or removed):
        return f"All {counted(total, 'paragraph is', 'paragraphs are')} the same word for word."
    if changed:
        verb = "is" if changed == 1 else "are"
        first = f"{changed} of {total} paragraphs {verb} reworded"
        found = main_replacement(diff.alignment.blocks)
        if found is not None:
            which = "both" if found.paragraphs == changed == 2 else f"{number(found.paragraphs)}"
            which = "all" if found.paragraphs == changed and changed > 2 else which
            replaced = f"‘{found.deleted}’"
            if found.inserted:
                instead = " or ".join(f"‘{text}’" for text in found.inserted)
                first += f", {which} of them replacing {replaced} with {instead}"
            else:
                first += f", {which} of them dropping {replaced}"
    else:
        first = f"none of the {total} paragraphs is reworded"
    parts = [first]
    if moved:
        parts.append(counted(moved, "paragraph is moved", "paragraphs are moved"))
    if added or removed:
        if added and removed:
            are = "is" if added == 1 else "are"
            which = "paragraph" if added == 1 else "paragraphs"
            parts.append(f"{number(added)} {which} {are} added and {number(removed)} removed")
        elif added:
            parts.append(f"{counted(added, 'paragraph is', 'paragraphs are')} added")
        else:
            parts.append(f"{counted(removed, 'paragraph is', 'paragraphs are')} removed")
    else:
        parts.append("none is added or removed")
    return _capital("; ".join(parts)) + "."


def _ask_sentences(diff: LetterDiff, backwards: bool = False) -> list[str]:
    """Asks added, dropped and reworded, and verbs changed; with ``backwards`` (the first
    letter is the later one) an ask only in the first letter is the one added."""
    counts = diff.ask_counts()
    if not diff.asks:
        return ["Neither letter makes an ask that compare-letters recognises."]
    new, dropped, reworded = counts["new"], counts["dropped"], counts["reworded"]
    if backwards:
        new, dropped = dropped, new
    if not (new or dropped):
        head = "no ask is added or dropped"
    else:
        if new and dropped:
            head = f"{counted(new, 'ask is', 'asks are')} added and {number(dropped)} dropped"
        elif new:
            head = f"{counted(new, 'ask is', 'asks are')} added"
        else:
            head = f"{counted(dropped, 'ask is', 'asks are')} dropped"
    if reworded:
        tail = f"{number(reworded)} {'is' if reworded == 1 else 'are'} reworded"
    else:
        tail = "none is reworded"
    sentences = [_capital(f"{head}; {tail}") + "."]
    verbs = _verb_sentence(diff, backwards)
    if verbs:
        sentences.append(verbs)
    return sentences


def _verb_sentence(diff: LetterDiff, backwards: bool = False) -> str | None:
    """ "One ask escalates from ‘urge’ to ‘call on’.", "Three asks escalate from ‘urge’ to
    ‘call on’." or "Three asks escalate (‘urge’ → ‘call on’ twice, ‘request’ → ‘urge’) and
    one softens from ‘demand’ to ‘urge’."; with ``backwards`` (the first letter is the later
    one) from the second letter's verb to the first's, so an escalation is read in time."""
    parts: list[str] = []
    flipped = {"escalated": "softened", "softened": "escalated"}
    for kind, verb_one, verb_many in (
        ("escalated", "escalates", "escalate"),
        ("softened", "softens", "soften"),
    ):
        if backwards:
            moves = Counter(
                (c.b_verb, c.a_verb) for c in diff.asks if c.verb_change == flipped[kind]
            )
        else:
            moves = Counter((c.a_verb, c.b_verb) for c in diff.asks if c.verb_change == kind)
        total = sum(moves.values())
        if not total:
            continue
        lead = counted(total, "ask", "asks") if not parts else number(total)
        verb = verb_one if total == 1 else verb_many
        if len(moves) == 1:
            ((old, new),) = moves
            parts.append(f"{lead} {verb} from ‘{old}’ to ‘{new}’")
            continue
        listed = [
            f"‘{old}’ → ‘{new}’" + ("" if n == 1 else " twice" if n == 2 else f" {number(n)} times")
            for (old, new), n in moves.most_common()
        ]
        parts.append(f"{lead} {verb} ({', '.join(listed)})")
    return _capital(" and ".join(parts)) + "." if parts else None


def _theme_sentences(a: Sequence[str], b: Sequence[str], label: ThemeLabel) -> list[str]:
    gained = [label(slug) for slug in b if slug not in a]
    lost = [label(slug) for slug in a if slug not in b]
    sentences = []
    if gained:
        sentences.append(f"{'New themes' if len(gained) > 1 else 'New theme'}: {_listed(gained)}.")
    if lost:
        sentences.append(
            f"{'Themes' if len(lost) > 1 else 'Theme'} no longer raised: {_listed(lost)}."
        )
    return sentences


# --------------------------------------------------------------------------- a draft check


def letter_ref_name(ref: LetterRef, others: Sequence[LetterRef] = ()) -> str:
    """A corpus letter named by its date, "the letter of 3 Mar 2019" ("the undated
    letter" without one); when another of ``others`` has the same date, by its recipient
    too: "the letter to the UN General Assembly of 3 Mar 2019". Never its file or key (a
    page names letters as a reader does); only when date and recipient both clash does the
    file and part follow, as the one way left to tell them apart: "the letter of 3 Mar
    2019 (letters.txt#2)"."""
    when = format_date(ref.date)
    name = f"the letter of {when}" if when else "the undated letter"
    same_date = [o for o in others if o.key != ref.key and o.date == ref.date]
    if not same_date:
        return name
    to = recipient_phrase(ref.recipient)
    if to and not any(recipient_phrase(o.recipient) == to for o in same_date):
        return f"the letter to {to} of {when}" if when else f"the undated letter to {to}"
    return f"{name} ({ref.source}#{ref.part})"


NO_SIGNATORY_BASE = "no earlier letter is close enough to the draft to compare signatories"
"""What a check says when it has no base letter (no near-duplicate of the draft among the
letters that may be its sources), so no signatories are compared: the text view, the
summary sentence and the report."""


def check_sentences(result: CheckResult) -> list[str]:
    """What a draft takes from the corpus, in sentences, e.g.

    - "The draft is closest to the letter of 3 Mar 2019, its base: 97 % of distinctive
      wording shared."
    - "Of its 17 paragraphs, 14 come word for word from earlier letters, two are reworded
      from them and one is new; one paragraph of the base letter is left out."
    - "Of its 12 asks, 11 were made before, none is reworded and one is new; one escalates."
    - "It has the same 37 signatories as the letter of 3 Mar 2019." (against the base
      letter; without one: "No earlier letter is close enough to the draft to compare
      signatories.", :data:`NO_SIGNATORY_BASE`)
    - "One warning to look at: a phrase no longer true since the earlier letter."
    """
    from compare.check import base_key

    refs = [near.letter for near in result.nearest]
    base = base_key(result)
    sentences = []
    if not result.nearest:
        sentences.append("No earlier letter has words in common with the draft.")
    else:
        near = result.nearest[0]
        name = letter_ref_name(near.letter, refs)
        share = wording_share(near.score)
        if base is not None:
            sentences.append(f"The draft is closest to {name}, its base: {share}.")
        else:
            sentences.append(
                f"No earlier letter is a near-duplicate of the draft; the nearest is {name} "
                f"({share})."
            )
    sentences.append(_passage_sentence(result, base is not None))
    sentences.append(_check_ask_sentence(result))
    against = result.signatories_against
    if against is None:
        sentences.append(_capital(NO_SIGNATORY_BASE) + ".")
    else:
        sentences.append(_check_signatory_sentence(result, letter_ref_name(against, refs)))
    sentences.append(_warning_sentence(result))
    return sentences


def _passage_sentence(result: CheckResult, has_base: bool) -> str:
    statuses = Counter(passage.status for passage in result.passages)
    total = len(result.passages)
    reused, changed, new = statuses["reused"], statuses["changed"], statuses["new"]
    text = (
        f"Of its {counted(total, 'paragraph', 'paragraphs')}, {amount(reused, 'comes', 'come')} "
        f"word for word from earlier letters, {amount(changed, 'is', 'are')} reworded from "
        f"them and {amount(new, 'is', 'are')} new"
    )
    if has_base:
        missing = len(result.missing)
        if missing:
            text += f"; {counted(missing, 'paragraph', 'paragraphs')} of the base letter "
            text += f"{'is' if missing == 1 else 'are'} left out"
        else:
            text += "; every paragraph of the base letter is kept"
    return _capital(text) + "."


def _check_ask_sentence(result: CheckResult) -> str:
    statuses = Counter(ask.status for ask in result.asks)
    own = sum(statuses[s] for s in ("carried", "reworded", "new"))
    if not result.asks:
        return "The draft makes no ask that compare-letters recognises."
    carried, reworded, new = statuses["carried"], statuses["reworded"], statuses["new"]
    text = (
        f"Of its {counted(own, 'ask', 'asks')}, {amount(carried, 'was', 'were')} made before, "
        f"{amount(reworded, 'is', 'are')} reworded and {amount(new, 'is', 'are')} new"
    )
    if statuses["dropped"]:
        text += f"; it drops {number(statuses['dropped'])} of the base letter's asks"
    changes = Counter(ask.verb_change for ask in result.asks if ask.verb_change)
    moves = []
    if changes["escalated"]:
        verb = "escalates" if changes["escalated"] == 1 else "escalate"
        moves.append(f"{number(changes['escalated'])} {verb}")
    if changes["softened"]:
        verb = "softens" if changes["softened"] == 1 else "soften"
        moves.append(f"{number(changes['softened'])} {verb}")
    if moves:
        text += "; " + " and ".join(moves) + " against the earlier wording"
    return _capital(text) + "."


def _check_signatory_sentence(result: CheckResult, name: str) -> str:
    s = result.signatories
    if not s.changed:
        count = len(s.common)
        if not count:
            return f"Neither the draft nor {name} lists signatories."
        return f"It has the same {counted(count, 'signatory', 'signatories')} as {name}."
    parts = [
        f"{counted(len(s.only_b), 'signatory is', 'signatories are')} added"
        f"{_names_in_brackets(s.only_b)}",
        f"{number(len(s.only_a))} removed{_names_in_brackets(s.only_a)}",
    ]
    text = f"Against {name}, " + " and ".join(parts)
    if s.renamed:
        text += f"; {counted(len(s.renamed), 'name is', 'names are')} spelled differently"
    return text + "."


def _warning_sentence(result: CheckResult) -> str:
    if not result.warnings:
        return (
            "No warnings: no changed figure, stale phrase, later date, other recipient or "
            "repeated signatory."
        )
    names = _data()[2]
    kinds = Counter(warning.kind for warning in result.warnings)
    described = []
    for kind, count in kinds.items():
        singular, plural = names.get(kind, (kind, kind))
        described.append(
            f"{'a' if count == 1 else number(count)} {singular if count == 1 else plural}"
        )
    total = len(result.warnings)
    return f"{_capital(counted(total, 'warning', 'warnings'))} to look at: {_listed(described)}."


# --------------------------------------------------------------------------- a corpus

THEME_SHIFT = 0.10
"""A theme rises or falls in :func:`corpus_summary` when its share of the asks moves by at
least this much (ten percentage points) from the earlier half of the years to the later
half: a move a reader notices on the themes chart, not the wobble of one letter more or
less in a year."""
THEMES_NAMED = 3
"""At most this many rising, and as many falling, themes are named."""
NAMES_NAMED = 3
"""At most this many signatories are named in a sentence ("A, B and C and 19 others")."""
NAME_CHARS = 120
"""A signatory's name longer than this is cut in a sentence (a name the parser ran into the
text after it); as :data:`compare.rendering.context.shared.NAME_CHARS`, past the 90 or so
characters of a long organisation's full name with its acronym, which stays whole."""
QUOTE_CHARS = 90
"""An ask or a title quoted in a corpus summary is cut to about this many characters."""


def quoted(text: str, limit: int = QUOTE_CHARS) -> str:
    """``text`` on one line in curly quotes, cut on a word boundary to about ``limit``
    characters ("…" marks a cut)."""
    text = " ".join(text.split())
    if len(text) > limit:
        cut = text[:limit].rsplit(" ", 1)[0] if " " in text[:limit] else text[:limit]
        text = cut.rstrip(",;:.") + "…"
    return f"‘{text}’"


def many(count: int) -> str:
    """:func:`number`, with thousands separated: "two", "18", "1,000"."""
    return number(count) if count < 10 else f"{count:,}"


def letter_name(letter: Letter) -> str:
    """A corpus letter named by its recipient and date, never its key: "the letter to the
    UN General Assembly of 3 Mar 2019", "the letter of 3 Mar 2019" (no recipient), "the
    undated letter to X", "an undated letter with no addressee"."""
    to = recipient_phrase(letter.recipient)
    when = format_date(letter.date)
    if to and when:
        return f"the letter to {to} of {when}"
    if to:
        return f"the undated letter to {to}"
    return f"the letter of {when}" if when else "an undated letter with no addressee"


def _none(count: int) -> str:
    """ "none", "one", "two", "1,000"."""
    return many(count) if count else "none"


def _latest(letters: Sequence[Letter], latest: str | None) -> str:
    """ "latest letter (5 Dec 2022)" or "latest letters (5 Dec 2022)": those of the latest
    date."""
    at_latest = sum(1 for letter in letters if letter.date == latest)
    return f"latest {'letter' if at_latest == 1 else 'letters'} ({format_date(latest)})"


def _date_span(dates: Sequence[str]) -> str:
    """ "on 4 Jun 2018" or "between 4 Jun 2018 and 10 Jun 2018" (ISO dates, any order)."""
    first, last = min(dates), max(dates)
    if first == last:
        return f"on {format_date(first)}"
    return f"between {format_date(first)} and {format_date(last)}"


def _years_text(years: Sequence[int]) -> str:
    return str(years[0]) if len(years) == 1 or years[0] == years[-1] else f"{years[0]}–{years[-1]}"


def _named(names: Sequence[str], limit: int = NAMES_NAMED) -> str:
    """ "A", "A, B and C", "A, B, C and 19 others"; a name longer than
    :data:`NAME_CHARS` is cut ("…")."""
    names = [name if len(name) <= NAME_CHARS else quoted(name, NAME_CHARS)[1:-1] for name in names]
    if len(names) <= limit:
        return _listed(list(names))
    rest = len(names) - limit
    return ", ".join(names[:limit]) + f" and {many(rest)} {'other' if rest == 1 else 'others'}"


def corpus_summary(
    letters: Sequence[Letter],
    families: Families,
    threads: Sequence[AskFamily],
    coalition: Coalition,
    theme_label: ThemeLabel | None = None,
) -> list[str]:
    """What a corpus holds and how it changed, in sentences a director reads in a minute:

    - the letters and their dates ("The corpus holds 1,000 letters written between 14 Mar
      2000 and 10 Oct 2023, in 24 different years.");
    - the families (``families``): how many distinct letters, how many sent in copies, and
      the largest family named by its first letter's recipient and date;
    - the asks that recur (``threads``, :func:`compare.trends.ask_lineage` as it is): how many
      are still made in the latest letters and how many were dropped, the longest-running,
      the most repeated of the dropped ones, and those new in the latest year;
    - the themes most asks are on (at most :data:`THEMES_NAMED`, by share of the dated
      letters' asks), and the themes whose share of the asks rose or fell by
      :data:`THEME_SHIFT` or more from
      the earlier half of the years to the later (the middle year of an odd count in
      neither), copies of one family in one year counted once, as the charts count them;
      at most :data:`THEMES_NAMED` each, largest move first;
    - the coalition (``coalition``): its core, who joined and who left in the latest letters,
      and the core's members missing from them.

    A corpus of one letter gets two sentences: when it is dated, and who it is to with how
    many asks and signatories. Letters are named by recipient and date (:func:`letter_name`),
    themes by ``theme_label`` (the slug as words without it), never by keys or slugs. Plain
    strings, each a full sentence; empty for no letters. Pure: nothing is read."""
    if not letters:
        return []
    label = theme_label or (lambda slug: slug.replace("-", " ").capitalize())
    by_key = {letter.key: letter for letter in letters}
    latest = max((letter.date for letter in letters if letter.date), default=None)
    sentences = [_letters_sentence(letters)]
    if len(letters) == 1:
        (only,) = letters
        return [
            *sentences,
            f"It is {letter_name(only)}, with {counted(len(only.asks), 'ask', 'asks')} and "
            f"{counted(len(only.signatories), 'signatory', 'signatories')}.",
        ]
    sentences += _family_sentences(letters, families, by_key)
    sentences += _thread_sentences(letters, threads, latest)
    sentences += _corpus_theme_sentences(letters, families, label)
    sentences += _coalition_sentences(letters, coalition, latest)
    return sentences


def _letters_sentence(letters: Sequence[Letter]) -> str:
    dates = [letter.date for letter in letters if letter.date]
    undated = len(letters) - len(dates)
    text = f"The corpus holds {many(len(letters))} {'letter' if len(letters) == 1 else 'letters'}"
    if not dates:
        return text + (", undated." if len(letters) == 1 else ", none of them dated.")
    years = sorted({int(d[:4]) for d in dates if d[:4].isdigit()})
    text += f" written {_date_span(dates)}"
    if len(years) > 1:
        text += f", in {many(len(years))} different years"
    if undated:
        text += f"; {many(undated)} {'is' if undated == 1 else 'are'} undated"
    return text + "."


def _family_sentences(
    letters: Sequence[Letter], families: Families, by_key: Mapping[str, Letter]
) -> list[str]:
    found = [f for f in families.families if all(key in by_key for key in f.keys)]
    if len(letters) < 2:
        return []
    if not found:
        return ["No two of them are near-duplicates: each is a letter of its own."]
    single = len(letters) - sum(len(f) for f in found)
    copies = sum(len(f) for f in found)
    first = f"They are {many(len(found) + single)} distinct letters: " + (
        f"one of them in {many(copies)} near-identical copies"
        if len(found) == 1
        else f"{many(len(found))} sent in near-identical copies ({many(copies)} letters in all)"
    )
    first += f" and {many(single)} sent once." if single else "."
    if len(found) == 1 and not single:
        first = (
            f"All {many(copies)} are near-identical copies of one letter (a letter family)."
            if copies > 2
            else "Both are near-identical copies of one letter (a letter family)."
        )
    family = found[0]
    members = [by_key[key] for key in family.keys]
    base = members[0]
    recipients = {_key(m.recipient) for m in members if m.recipient and m.recipient.strip()}
    dates = [m.date for m in members if m.date]
    title = base.title or base.subject
    what = f"{letter_name(base)}" + (f" ({quoted(title, 70)})" if title else "")
    lead = "It is" if len(found) == 1 else "The largest family is"
    text = f"{lead} {what}: {many(len(members))} copies"
    if recipients:
        text += f" to {counted(len(recipients), 'recipient', 'recipients')}"
    if dates:
        text += f", sent {_date_span(dates)}"
    return [first, _capital(text) + "."]


def _seen(family: AskFamily, last: bool) -> str | None:
    """The date (ISO) a family's ask was first or last made, ``None`` when undated."""
    dated = [ask.date for ask in family.asks if ask.date]
    return (dated[-1] if last else dated[0]) if dated else None


def _thread_sentences(
    letters: Sequence[Letter], families: Sequence[AskFamily], latest: str | None
) -> list[str]:
    if not any(letter.asks for letter in letters):
        return ["No letter makes an ask that compare-letters recognises."]
    threads = [family for family in families if family.recurs]
    if not threads:
        return ["No ask recurs from one letter to another."]
    dated = [t for t in threads if _seen(t, last=True) is not None]
    still = [t for t in dated if t.status != "dropped"]
    dropped = [t for t in dated if t.status == "dropped"]
    sentences = [
        f"{_capital(counted(len(threads), 'ask recurs', 'asks recur'))} from letter to letter"
        + (
            f": {_none(len(still))} {'is' if len(still) < 2 else 'are'} still made in the "
            f"{_latest(letters, latest)} and {_none(len(dropped))} "
            f"{'was' if len(dropped) < 2 else 'were'} dropped before."
            if latest
            else "."
        )
    ]
    if latest is None:
        return sentences
    latest_year = latest[:4]
    older = [t for t in still if (_seen(t, last=False) or latest_year)[:4] < latest_year]
    if older:
        oldest = min(older, key=lambda t: (_seen(t, last=False) or "", -len(t.asks)))
        sentences.append(
            f"The longest-running, {quoted(oldest.label)}, has been made since "
            f"{format_date(_seen(oldest, last=False))} in {many(len(oldest.asks))} letters."
        )
    if dropped:
        most = max(dropped, key=lambda t: (len(t.asks), _seen(t, last=True) or ""))
        others = len(dropped) - 1
        tail = f" (and {many(others)} more)" if others else ""
        sentences.append(
            f"The most repeated of the dropped asks{tail}, {quoted(most.label)}, was made in "
            f"{many(len(most.asks))} letters, last on {format_date(_seen(most, last=True))}."
        )
    years = {letter.date[:4] for letter in letters if letter.date}
    new = [t for t in still if (_seen(t, last=False) or "")[:4] == latest_year]
    if new and len(years) > 1:
        first = max(new, key=lambda t: len(t.asks))
        more = f" and {many(len(new) - 1)} more" if len(new) > 1 else ""
        sentences.append(f"New in {latest_year} and already repeated: {quoted(first.label)}{more}.")
    return sentences


def _corpus_theme_sentences(
    letters: Sequence[Letter], families: Families, label: ThemeLabel
) -> list[str]:
    """Rising and falling themes by share of the asks (rules in :func:`corpus_summary`)."""
    group = {key: f.base for f in families.families for key in f.keys}
    per_group: dict[tuple[str, int], tuple[Counter[str], int]] = {}
    for letter in letters:
        if not (letter.date and letter.date[:4].isdigit()):
            continue
        year = int(letter.date[:4])
        themes = Counter(slug for ask in letter.asks for slug in dict.fromkeys(ask.themes))
        where = (group.get(letter.key, letter.key), year)
        counts, asks = per_group.get(where, (Counter(), 0))
        per_group[where] = (counts | themes, max(asks, len(letter.asks)))
    if not any(counts for counts, _ in per_group.values()):
        return []
    years = sorted({year for _, year in per_group})

    def shares(period: Sequence[int]) -> tuple[dict[str, float], int]:
        counts: Counter[str] = Counter()
        total = 0
        for (_, year), (found, asks) in per_group.items():
            if year in period:
                counts.update(found)
                total += asks
        return {slug: n / total for slug, n in counts.items()} if total else {}, total

    overall, _ = shares(years)
    main = sorted(overall, key=lambda slug: (-overall[slug], label(slug)))[:THEMES_NAMED]
    named = [f"{label(slug)} ({percent(overall[slug])})" for slug in main]
    named[0] = named[0].replace(")", " of the dated letters' asks)", 1)
    sentences = [f"The themes asked about most: {'; '.join(named)}."]
    if len(years) < 2:
        return [
            *sentences,
            f"All dated letters are from {years[0]}: there is no change of themes over the "
            "years to tell.",
        ]
    earlier, later = years[: len(years) // 2], years[(len(years) + 1) // 2 :]

    before, before_total = shares(earlier)
    after, after_total = shares(later)
    if not (before_total and after_total):
        return []
    moves = {
        slug: after.get(slug, 0.0) - before.get(slug, 0.0) for slug in set(before) | set(after)
    }
    rising = sorted((s for s, m in moves.items() if m >= THEME_SHIFT), key=lambda s: -moves[s])
    falling = sorted((s for s, m in moves.items() if m <= -THEME_SHIFT), key=lambda s: moves[s])
    span = f"from {_years_text(earlier)} to {_years_text(later)}"

    def described(slugs: Sequence[str]) -> str:
        return _listed(
            [
                f"{label(s)} ({percent(before.get(s, 0.0))} → {percent(after.get(s, 0.0))})"
                for s in slugs[:THEMES_NAMED]
            ]
        )

    if not (rising or falling):
        points = number(round(THEME_SHIFT * 100))
        sentences.append(f"No theme's share of the asks moved by {points} points or more {span}.")
        return sentences
    if rising:
        sentences.append(f"Themes rising {span} (share of the asks): {described(rising)}.")
    if falling:
        lead = "Falling" if rising else f"Themes falling {span} (share of the asks)"
        sentences.append(f"{lead}: {described(falling)}.")
    return sentences


def _coalition_sentences(
    letters: Sequence[Letter], coalition: Coalition, latest: str | None
) -> list[str]:
    if not coalition.members:
        return ["No letter lists signatories that compare-letters recognises."]
    name = {member.key: member.name for member in coalition.members}
    count = {member.key: member.count for member in coalition.members}
    core = list(coalition.core)
    if core:
        named = [name[key] for key in sorted(core, key=lambda k: -count[k])]
        verb = "is" if len(core) <= NAMES_NAMED else "includes"
        sentences = [
            f"The coalition's core, {counted(len(core), 'signatory', 'signatories')} who "
            f"signed at least half the letters, {verb} {_named(named)}."
        ]
    else:
        sentences = ["No signatory signed half the letters or more."]
    if latest is None or not any(letter.date and letter.date != latest for letter in letters):
        return sentences
    which = _latest(letters, latest)
    joined, left = coalition.newcomers, coalition.leavers
    if not (joined or left):
        sentences.append(f"No signatory joined or left in the {which}.")
        return sentences
    parts = []
    if joined:
        parts.append(
            f"{counted(len(joined), 'signatory', 'signatories')} joined "
            f"({_named([name[k] for k in joined])})"
        )
    if left:
        parts.append(
            f"{number(len(left)) if joined else counted(len(left), 'signatory', 'signatories')}"
            f" who signed before did not sign ({_named([name[k] for k in left])})"
        )
    sentences.append(f"In the {which}, " + " and ".join(parts) + ".")
    gone = [name[k] for k in core if k in set(left)]
    if gone:
        sentences.append(
            f"{_capital(counted(len(gone), 'member', 'members'))} of the core "
            f"{'is' if len(gone) == 1 else 'are'} missing from the {which.split(' (')[0]}: "
            f"{_named(gone)}."
        )
    return sentences
