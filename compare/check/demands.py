"""How an ask reads: its demands, and each demand's meaning terms, action and objects — what
:mod:`compare.check.meaning` compares to tell whether two asks are the same ask.

In: an ask's text and the word lists of ``data/check.toml`` ``[asks]``,
``data/stopwords.toml`` and ``data/verbs.toml``. Out: :class:`AskMeaning` (:func:`ask_meaning`:
its :class:`Demand` s), a demand's own words without its detail (:func:`demand_head`).

A demand's *meaning terms*:

1. its words (runs of letters, case and accents ignored), each *stemmed* by
   :func:`light_stem` — a few English suffix rules, so that "journalists"/"journalist",
   "released"/"release", "imprisonment"/"imprison" and "investigation"/"investigate" meet;
2. the phrases and words of ``[asks.synonyms]`` replaced by their meaning ("held in
   detention", "imprisoned" and "detained" all give ``detain``; "without delay" and
   "immediately" give ``immediate``; "phase out" and "repeal" give ``end``), longest phrase
   first;
3. left out: stop words (every language of ``stopwords.toml``), the request verbs of
   ``verbs.toml`` ("urge", "call", "request", "must" …), the ``[asks] frame`` words (who is
   asked and how: "authorities", "government", "ensure", "steps" …) and words of fewer than
   three letters; and, when a request verb or a modal names the action, every word before
   the action — who asks whom, and why ("Like the rapporteur, we urge the council to
   release …" keeps "release …"), since the same ask is made to different addressees.

4. An ask holds one or more *demands* (:func:`ask_demands`): a heading of at most ``[asks]
   heading_words`` words ending in ":" is dropped ("Right to food: Promote …"), and the rest
   is cut at semicolons and at an "and" that starts another clause: one followed by a
   request verb, or by a word and one of the ``[asks] determiners`` ("Close all camps and
   release all prisoners"). The words after a demand's first ``[asks] elaboration`` phrase
   ("…, including …", "such as …") are its *detail*: they weigh
   :data:`~compare.check.meaning.DETAIL_WEIGHT` in scores (1 for the others), so two asks of
   the same demand detailed differently stay alike.

5. A demand's *action* is the term of its first word when that is a term and no qualifier
   (an imperative: "Release every journalist …"); else the term right after an action
   marker (``[asks] action_markers`` and the modals of ``verbs.toml``), the first one after
   a request verb if there is one ("We urge the authorities to release …", "The government
   must close …"); else its first term that is no qualifier. Its *objects* are the first
   :data:`OBJECT_TERMS` terms after the action that are neither the action nor a qualifier
   (those before the detail first): "political" of "release all political prisoners" — an
   adjective as often as a noun, which is why rule 6 of :mod:`compare.check.meaning` asks
   one demand only to do what the other asks.

Limits: the stemmer and the synonyms are English (other languages' asks match on shared
stems only); the action and the objects are terms found by position, not a parse.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from compare.datafiles import load_data, number, table, tables, word_lists, words
from compare.text import strip_accents

OBJECT_TERMS = 1
"""How many terms after its action stand for what a demand acts on (rule 5). With 2, pairs
sharing an action and a second, common term ("end the harassment of journalists" / "stop
the prosecution of journalists") met the conditions of :mod:`compare.check.meaning` and
were told apart by their score alone, which on a corpus of a few asks did not."""
MIN_TERM_LETTERS = 3
"""Shortest word kept as a meaning term (phrases of shorter words still match)."""

_WORD = re.compile(r"[^\W\d_]+")
_VOWELS = frozenset("aeiouy")
_UNDOUBLED = frozenset("lsz")
_ADVERB_ENDINGS = ("ately", "ently", "antly", "ally", "ously", "ively", "fully", "arily")


@lru_cache(maxsize=65536)
def light_stem(word: str) -> str:
    """``word`` (lower case) without its common English endings, in this order: plural
    ("-ies" → "-y", "-s" but not "-ss", "-us", "-is"), "-ing"/"-ed" (a doubled last consonant
    then undoubled, "stopped" → "stop"), the "-ly" of an adverb of a listed ending
    ("-ately", "-ently", "-ally" …; "-arily" → "-ary"; not "family" or "assembly"),
    "-ment", "-tion" → "-t", and a final "-e"; each only when at least three letters (four
    for "-ly"/"-tion", five for "-ment") with a vowel are left. Words of three letters or
    fewer are kept as they are."""
    if len(word) <= 3:
        return word

    def cut(stem: str, length: int = 3) -> bool:
        return len(stem) >= length and any(c in _VOWELS for c in stem)

    adverb = word.endswith(_ADVERB_ENDINGS)
    if word.endswith("ies") and len(word) > 4:
        word = word[:-3] + "y"
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")) and cut(word[:-1]):
        word = word[:-1]
    for ending in ("ing", "ed"):
        if word.endswith(ending) and cut(word[: -len(ending)]):
            word = word[: -len(ending)]
            if len(word) > 3 and word[-1] == word[-2] and word[-1] not in _VOWELS | _UNDOUBLED:
                word = word[:-1]
            break
    if adverb and word.endswith("arily"):
        word = word[:-3] + "y"  # "arbitrarily" → "arbitrary"
    elif adverb and word.endswith("ly") and cut(word[:-2], 4):
        word = word[:-2]
    if word.endswith("ment") and cut(word[:-4], 5):
        word = word[:-4]
    elif word.endswith("tion") and cut(word[:-3], 4):
        word = word[:-3]
    if word.endswith("e") and cut(word[:-1], 4):
        word = word[:-1]
    return word


def _tokens(text: str) -> list[tuple[str, str]]:
    """``(word, stem)`` of each word of ``text``: lower case, accents stripped."""
    return [(w, light_stem(w)) for w in _WORD.findall(strip_accents(text.casefold()))]


def _spans(text: str) -> list[tuple[int, int]]:
    """Where each word of :func:`_tokens` stands in ``text`` (``(start, end)``), when the
    folding kept the words apart as they are; else ``[]``."""
    found = [(m.start(), m.end()) for m in _WORD.finditer(text)]
    folded = [strip_accents(text[a:b].casefold()) for a, b in found]
    return found if all(_WORD.fullmatch(word) for word in folded) else []


@dataclass(frozen=True)
class MeaningWords:
    """The word lists of an ask's meaning, stemmed as ask words are."""

    skipped_words: frozenset[str]
    """Stop words, as written (lower case, no accents)."""
    skipped_stems: frozenset[str]
    """Stems of the request verbs and of the ``frame`` words."""
    synonyms: Mapping[str, str]
    """Stem of a one-word synonym → its meaning."""
    qualifiers: frozenset[str]
    """Meanings that say how or where, not what or for whom (``[asks] qualifiers``)."""
    phrases: Mapping[str, tuple[tuple[tuple[str, ...], str], ...]]
    """First stem of a phrase → ``(stems of the phrase, meaning)``, longest first."""
    action_markers: frozenset[str]
    """Words after which an ask names its action: ``[asks] action_markers`` ("to") and
    the one-word modal forms of ``verbs.toml`` ("must", "should")."""
    modals: frozenset[str]
    """The one-word modal forms of ``verbs.toml``."""
    request_words: frozenset[str]
    """The first word of every request verb form of ``verbs.toml`` ("urge", "call" …): an
    action marker after one of them names the action even when the ask opens with another
    word ("Like the rapporteur, we encourage the state TO cooperate …")."""
    determiners: frozenset[str]
    """``[asks] determiners``: "… and WORD DETERMINER …" starts another demand."""
    heading_words: int
    """``[asks] heading_words``: the most words of a heading ending in ":" before an ask."""
    elaboration: Mapping[str, tuple[tuple[str, ...], ...]]
    """``[asks] elaboration`` as word tuples (lower case, no accents) by their first word:
    after one of them a demand only details what it asks ("…, including …", "such as …")."""


@lru_cache(maxsize=1)
def meaning_words() -> MeaningWords:
    """The packaged lists (read once; see the module docstring)."""
    asks = table(load_data("check"), "asks")
    stop = {
        strip_accents(w.casefold())
        for ws in word_lists(load_data("stopwords"), "stop_words").values()
        for w in ws
    }
    verbs = load_data("verbs")

    def one_word_forms(kind: str) -> list[str]:
        return [
            form.casefold()
            for entry in tables(verbs, kind)
            for form in words(entry, "forms")
            if " " not in form.strip()
        ]

    forms = [*one_word_forms("verb"), *one_word_forms("modal")]
    skipped = {stem for text in [*forms, *words(asks, "frame")] for _, stem in _tokens(text)}
    requests = {
        strip_accents(form.split()[0].casefold())
        for entry in tables(verbs, "verb")
        for form in words(entry, "forms")
    }
    single: dict[str, str] = {}
    phrases: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for meaning, members in word_lists(asks, "synonyms").items():
        for member in [meaning.replace("_", " "), *members]:
            stems = tuple(stem for _, stem in _tokens(member))
            if len(stems) == 1:
                single[stems[0]] = meaning
            elif stems:
                phrases.setdefault(stems[0], []).append((stems, meaning))
    return MeaningWords(
        skipped_words=frozenset(stop),
        skipped_stems=frozenset(skipped),
        synonyms=single,
        qualifiers=frozenset(words(asks, "qualifiers")),
        action_markers=frozenset([*words(asks, "action_markers"), *one_word_forms("modal")]),
        modals=frozenset(one_word_forms("modal")),
        request_words=frozenset(requests),
        determiners=frozenset(w.casefold() for w in words(asks, "determiners")),
        heading_words=number(asks, "heading_words"),
        elaboration=_by_first_word(
            tuple(word for word, _ in _tokens(phrase)) for phrase in words(asks, "elaboration")
        ),
        phrases={
            first: tuple(sorted(found, key=lambda p: -len(p[0])))
            for first, found in phrases.items()
        },
    )


def _by_first_word(
    phrases: Iterable[tuple[str, ...]],
) -> dict[str, tuple[tuple[str, ...], ...]]:
    found: dict[str, list[tuple[str, ...]]] = {}
    for phrase in phrases:
        if phrase:
            found.setdefault(phrase[0], []).append(phrase)
    return {first: tuple(group) for first, group in found.items()}


@dataclass(frozen=True)
class Demand:
    """One thing an ask asks for (rule 4 of the module docstring): its meaning terms and
    its action."""

    terms: tuple[str, ...]
    """Distinct meaning terms, sorted (rules 1-3 of the module docstring)."""
    action: str | None
    """The term of what the demand wants done (rule 5), one of ``terms``; ``None`` without
    terms."""
    detail: tuple[str, ...] = ()
    """The terms found only after an elaboration phrase (rule 4), sorted: they weigh
    :data:`compare.check.meaning.DETAIL_WEIGHT` in scores."""
    objects: tuple[str, ...] = ()
    """What the action acts on (rule 5): the first :data:`OBJECT_TERMS` terms after the
    action that are neither the action nor a qualifier, those before the detail first, in
    reading order ("political" of "release all political prisoners"); ``()`` when there are
    none."""


@dataclass(frozen=True)
class AskMeaning:
    """What an ask asks for: its demands, and the terms and action they add up to."""

    terms: tuple[str, ...]
    """Distinct meaning terms of all its demands, sorted."""
    action: str | None
    """The first demand's action; ``None`` without terms."""
    demands: tuple[Demand, ...] = ()
    """Its demands in reading order, those without terms left out (none: no terms)."""


def _ordered_terms(tokens: Sequence[tuple[str, str]]) -> list[tuple[int, str]]:
    """``(token position, term)`` of each meaning term of ``tokens``, in reading order."""
    lists = meaning_words()
    stems = [stem for _, stem in tokens]
    found: list[tuple[int, str]] = []
    n = 0
    while n < len(tokens):
        word, stem = tokens[n]
        phrase = next(
            (
                (len(stems_), meaning)
                for stems_, meaning in lists.phrases.get(stem, ())
                if tuple(stems[n : n + len(stems_)]) == stems_
            ),
            None,
        )
        if phrase is not None:
            found.append((n, phrase[1]))
            n += phrase[0]
            continue
        if stem in lists.synonyms:
            found.append((n, lists.synonyms[stem]))
        elif (
            len(word) >= MIN_TERM_LETTERS
            and word not in lists.skipped_words
            and stem not in lists.skipped_stems
        ):
            found.append((n, stem))
        n += 1
    return found


_HEADING = re.compile(r"\s*([^:;.!?\n]+?)\s*:\s+(?=\S)")
_SEMICOLON = re.compile(r";\s*(?:(?:and|or)\b[\s,]*)?", re.IGNORECASE)
_AND = re.compile(r",?\s+and\b,?\s+(?=([^\W\d_]+)\s+([^\W\d_]+))", re.IGNORECASE)


def _label_match(text: str) -> re.Match[str] | None:
    """The match of an ask's leading topic label (rule 4), ``None`` when it has none."""
    found = _HEADING.match(text)
    if found and len(_WORD.findall(found.group(1))) <= meaning_words().heading_words:
        return found
    return None


def ask_label(text: str) -> str | None:
    """The topic label an ask opens with, as written without its colon ("Clean water" of
    "Clean water: Connect …"; rule 4: at most ``[asks] heading_words`` words before a
    ":"), ``None`` when it has none."""
    found = _label_match(text)
    return found.group(1) if found is not None else None


def phrase_terms(text: str) -> tuple[str, ...]:
    """The meaning terms of any short text — a heading, a topic label — by rules 1-3
    (stemmed, synonyms replaced, stop words, request verbs and ``frame`` words left out),
    distinct, in reading order. No action or preamble is read: every term counts."""
    return tuple(dict.fromkeys(term for _, term in _ordered_terms(_tokens(text))))


def ask_demands(text: str) -> tuple[str, ...]:
    """The demands of an ask's text (rule 4 of the module docstring), in reading order:
    without a leading heading ("Right to food: Promote …"), cut at semicolons and at an
    "and" that starts another verb's clause ("Close the camps and release all prisoners")."""
    lists = meaning_words()
    heading = _label_match(text)
    if heading is not None:
        text = text[heading.end() :]
    demands: list[str] = []
    for part in _SEMICOLON.split(text):
        start = 0
        for found in _AND.finditer(part):
            verb, following = found.group(1).casefold(), found.group(2).casefold()
            if verb in lists.request_words or (
                following in lists.determiners
                and verb not in lists.skipped_words
                and verb not in lists.determiners
                and not verb.endswith("ly")
                and len(_WORD.findall(part[start : found.start()])) >= 2
            ):
                demands.append(part[start : found.start()])
                start = found.end()
        demands.append(part[start:])
    return tuple(kept for kept in (d.strip(" \t\n,;.") for d in demands) if kept)


@dataclass(frozen=True)
class _Reading:
    """How a demand reads (rules 1-3 and 5): its words, its terms by word position, where its
    action stands, where the writers' preamble ends and where its detail starts."""

    tokens: tuple[tuple[str, str], ...]
    ordered: tuple[tuple[int, str], ...]
    action_at: int
    preamble: int
    detail_from: int


@lru_cache(maxsize=8192)
def _read(text: str) -> _Reading | None:
    """The reading of a demand's text; ``None`` when it has no term."""
    tokens = _tokens(text)
    lists = meaning_words()
    words_ = [word for word, _ in tokens]
    starts = [n for n, word in enumerate(words_) if _elaboration_at(words_, n, lists)]
    covered = {n + k for n in starts for k in range(_elaboration_at(words_, n, lists))}
    # the elaboration phrases themselves ("including", "such as") say nothing
    ordered = [(n, term) for n, term in _ordered_terms(tokens) if n not in covered]
    if not ordered:
        return None
    at = dict(ordered)
    plain = [n for n, term in ordered if term not in lists.qualifiers]
    action_at = 0 if plain and plain[0] == 0 else -1  # an imperative: "Release …"
    preamble = 0  # who asks whom, and why: words before an action a request names
    if action_at < 0:
        asked = False  # a request verb seen
        marked: list[tuple[int, bool]] = []  # (action, whether a request or modal names it)
        for n, (word, _) in enumerate(tokens):
            if word in lists.request_words:
                asked = True
            elif word in lists.action_markers and n + 1 in at:
                marked.append((n + 1, word in lists.modals))
                if asked:  # "… urge the authorities to release …"
                    marked = [(n + 1, True)]
                    break
        if marked:
            action_at, named = marked[0]
            preamble = action_at if named else 0  # "The council must build …"
        else:
            action_at = (plain or [ordered[0][0]])[0]
    detail_from = next((n for n in starts if n > action_at), len(words_))
    return _Reading(tuple(tokens), tuple(ordered), action_at, preamble, detail_from)


def _elaboration_at(words_: Sequence[str], n: int, lists: MeaningWords) -> int:
    """The length of the elaboration phrase starting at word ``n`` (0: none there)."""
    return max(
        (
            len(p)
            for p in lists.elaboration.get(words_[n], ())
            if tuple(words_[n : n + len(p)]) == p
        ),
        default=0,
    )


def demand_head(text: str) -> str:
    """What a demand asks, in its own words: from its action (rule 5; its first word for an
    imperative) to its detail (its first elaboration phrase after the action, "…, including
    …"), edge punctuation dropped and the first letter in capitals ("release all political
    prisoners" of "We urge you to release all political prisoners, including …"). The text
    stripped when it has no term."""
    reading = _read(text)
    spans = _spans(text)
    if reading is None or len(spans) != len(reading.tokens):
        return text.strip().rstrip(" ,;:")
    start = spans[reading.action_at][0]
    end = spans[reading.detail_from][0] if reading.detail_from < len(spans) else len(text)
    head = text[start:end].strip().rstrip(" \t\n,;:(-—–")
    return head[:1].upper() + head[1:]


def demand_meaning(text: str) -> Demand:
    """The meaning terms, the action, the object and the detail of one demand (rules 1-3
    and 5 of the module docstring)."""
    reading = _read(text)
    if reading is None:
        return Demand((), None)
    qualifiers = meaning_words().qualifiers
    action = dict(reading.ordered)[reading.action_at]
    # the writers' preamble says who asks and why: no term of the demand
    ordered = [(n, term) for n, term in reading.ordered if n >= reading.preamble]
    terms = tuple(sorted({term for _, term in ordered}))
    head = {term for n, term in ordered if n < reading.detail_from}
    detail = tuple(sorted(set(terms) - head))
    following = sorted(
        (n >= reading.detail_from, n, term)
        for n, term in ordered
        if n > reading.action_at and term != action and term not in qualifiers
    )
    objects = tuple(dict.fromkeys(term for _, _, term in following))[:OBJECT_TERMS]
    return Demand(terms, action, detail, objects)


@lru_cache(maxsize=8192)
def ask_meaning(text: str) -> AskMeaning:
    """The demands of an ask and the terms and action they add up to (rules in the module
    docstring)."""
    demands = tuple(d for d in (demand_meaning(part) for part in ask_demands(text)) if d.terms)
    terms = tuple(sorted({term for demand in demands for term in demand.terms}))
    return AskMeaning(terms, demands[0].action if demands else None, demands)


def ask_terms(text: str) -> tuple[str, ...]:
    """The meaning terms of an ask (rules 1-3 of the module docstring), distinct, sorted."""
    return ask_meaning(text).terms
