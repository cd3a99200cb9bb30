"""What an ask means, so that an ask saying the same thing in other words is found: the one
matcher of the draft check's precedents (:mod:`compare.check.asks`) and of the corpus's ask
lineages (:mod:`compare.trends.lineage`).

In: ask texts (the corpus's, once, for :class:`AskMeanings`; the draft's at check time) and
the word lists of ``data/check.toml`` ``[asks]``, ``data/stopwords.toml`` and
``data/verbs.toml``. Out: each ask's meaning (:func:`ask_meaning`: its demands, each with
its terms, action and object), whether two asks are the same ask (:func:`ask_match`), and
for a draft ask the corpus asks that are (:meth:`AskMeanings.matches`).

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
   ("…, including …", "such as …") are its *detail*: they weigh :data:`DETAIL_WEIGHT` in
   scores (1 for the others), so two asks of the same demand detailed differently stay
   alike.

5. A demand's *action* is the term of its first word when that is a term and no qualifier
   (an imperative: "Release every journalist …"); else the term right after an action
   marker (``[asks] action_markers`` and the modals of ``verbs.toml``), the first one after
   a request verb if there is one ("We urge the authorities to release …", "The government
   must close …"); else its first term that is no qualifier. Its *objects* are the first
   :data:`OBJECT_TERMS` terms after the action that are neither the action nor a qualifier
   (those before the detail first): "political", "prisoner" of "release all political
   prisoners".

6. Two demands may ask the same thing (:func:`demands_match`) when they share at least
   :data:`MIN_SHARED_TERMS` terms besides the ``[asks] qualifiers`` (meanings that say how
   or where — ``detain``, ``immediate``, ``independent`` — not what is done or to whom), and
   one *does what the other asks*: its action and one of its objects are terms of the other
   ("release the political prisoners held in the camps" is not "close the political prison
   camps"; "end the harassment of journalists" does not do what "stop the prosecution of
   journalists" asks). Their score is the cosine of their terms, each weighted by its idf
   over the corpus's demands (``ln((1 + n) / (1 + df)) + 1``, as :mod:`compare.similarity`
   smooths it; a term no corpus demand has gets ``df = 0``) times its weight (rule 4); two
   asks' meaning score (:meth:`AskMeanings.match`) is the best score of a pair of their
   demands that may ask the same thing.

7. Two asks are *the same ask* (:func:`ask_match`) when their texts are equal after
   normalisation; or when a pair of their demands may ask the same thing (rule 6) and
   either their word similarity is at least :data:`CARRIED_THRESHOLD` (``wording``) or
   their meaning score at least :data:`MEANING_THRESHOLD` (``meaning``).

Calibration of :data:`MEANING_THRESHOLD` and :data:`DETAIL_WEIGHT` on two sets of pairs
read by hand. (a) The bundled seeds (``tests/data/seed_asks.toml``: every ask of the six
letters; pairs labelled same, related — same subject, another demand — or unsure): of the
773 pairs of asks of two letters that are not copies, 12 unsure left out, 4 are the same ask
(leaving the country; releasing political prisoners; the Special Rapporteur's visit;
cooperating with the UN human rights system). With details weighing 0.25 they score 0.434,
0.461, 0.463 and 0.473, and no other pair that rule 6 lets through scores over 0.213 (the 8
related pairs included). With details weighing 0 the lowest same ask scores 0.408, with 0.5
0.282, with 1.0 0.132 (under pairs of other asks, 0.15-0.22). (b) The pairs of
``tests/test_check_meaning.py`` (idf fitted on their 30 asks): seven paraphrases ("We urge
the authorities to release all detained journalists immediately" / "Release every
journalist held in detention without delay", "Abolish the death penalty" / "We urge you to
end capital punishment" …) score 0.68 to 1.0; of eight pairs on one subject asking something
else, rule 6 lets one through, scoring 0.349 ("Repeal the foreign agents law" / "Repeal the
law on public assemblies"). 0.39 is midway between 0.349 and 0.434: on both sets every same
ask is found (recall 11/11) and nothing else is (precision 11/11). Word similarity alone
(0.5, the rule before) took that pair (0.62) for the same ask; 0.8 with rule 6 takes none.
The sets are small (4 and 7 same asks): a margin of 0.04 each way promises little for other
corpora. Four crafted corpora of letters over three or four years on other subjects
(climate, labour, press freedom, housing; ``tests/test_lineage.py``), written before the
matcher read them, gave 23 of 29 recurring pairs and 2 wrong ones in the first three; "phase
out", "raise"/"increase", "murder"/"kill", "prompt" and "independent" were then added to
``[asks]``, and "build"/"construct", "home"/"housing" and "ban" after the fourth (1 of 8
pairs before, 3 after): 31 of 37 pairs in all, 2 wrong.

Limits: the stemmer and the synonyms are English (other languages' asks match on shared
stems only); a paraphrase with no shared term and no listed synonym is not found ("give gig
workers sick pay" / "guarantee sick pay for platform workers", "cap rents" / "introduce
rent control"); the object is one term, not a parsed noun phrase, so two demands doing the
same to a common word can meet when the rest is short and that word rare in the corpus
("repeal the foreign agents law" / "repeal the law on assemblies" score 0.48 among six
asks), and so can one that names the other's object while asking more ("repeal the
cybercrime law used to prosecute reporters" / "stop prosecuting journalists under the
cybercrime law"); two asks about the same people asking opposite things ("release X" / "do
not release X") share the same terms.

Cost (:meth:`AskMeanings.matches`): for each demand of the draft ask, the postings of its
terms are counted into arrays over all corpus demands (``numpy.bincount``), and only those
sharing two terms are scored further. Measured on one core of a loaded machine with 124,000
distinct generated asks of 8-40 words: built in ~14 s (cold, once per corpus, with the
check's index; read back from the cache in milliseconds), then about 4 ms per draft ask;
15,000 generated asks against each other (a corpus's lineages) take 9-12 s.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import TYPE_CHECKING, Any, Literal

import numpy as np

from compare.datafiles import load_data, number, table, tables, word_lists, words
from compare.text import strip_accents

if TYPE_CHECKING:
    from numpy.typing import NDArray

MEANING_THRESHOLD = 0.39
"""Cosine of idf-weighted meaning terms from which two asks ask the same thing (see the
module docstring for the calibration)."""
CARRIED_THRESHOLD = 0.8
"""Word similarity (:func:`compare.alignment.similarity_matrix`) from which two asks whose
demands meet :func:`demands_match`'s conditions are the same ask by wording, whatever
their cosine: the same wording with a few words changed."""
MIN_SHARED_TERMS = 2
"""Meaning terms two asks must share (the action and what it acts on) to ask the same."""
DETAIL_WEIGHT = 0.25
"""Weight of a demand's detail terms (after an elaboration phrase) in scores; 1 for the
others (see the module docstring for the calibration)."""
OBJECT_TERMS = 1
"""How many terms after its action stand for what a demand acts on (an adjective often comes
first: "new social homes", "political prisoners")."""
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
    """The terms found only after an elaboration phrase or before the request verb (rule
    5), sorted: they weigh :data:`DETAIL_WEIGHT` in scores."""
    objects: tuple[str, ...] = ()
    """What the action acts on (rule 5): the first :data:`OBJECT_TERMS` terms after the
    action that are neither the action nor a qualifier, those before the detail first, in
    reading order ("political", "prisoner" of "release all political prisoners"); ``()``
    when there are none."""


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


def ask_demands(text: str) -> tuple[str, ...]:
    """The demands of an ask's text (rule 4 of the module docstring), in reading order:
    without a leading heading ("Right to food: Promote …"), cut at semicolons and at an
    "and" that starts another verb's clause ("Close the camps and release all prisoners")."""
    lists = meaning_words()
    heading = _HEADING.match(text)
    if heading and len(_WORD.findall(heading.group(1))) <= lists.heading_words:
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


def demands_match(shared: int, acting: bool) -> bool:
    """Whether two demands may ask the same thing whatever their score: they share at least
    :data:`MIN_SHARED_TERMS` terms besides the qualifiers, and one does what the other asks
    (``acting``: its action and object are terms of the other, :func:`_does`; rule 6 of the
    module docstring)."""
    return shared >= MIN_SHARED_TERMS and acting


def ask_match(wording: float, meaning: float | None) -> Literal["wording", "meaning"] | None:
    """Whether two asks are the same ask (rule 7 of the module docstring), and by what:
    ``wording`` when their texts are equal after normalisation (``wording``, their word
    similarity 0..1, is 1.0), or when their word similarity is at least
    :data:`CARRIED_THRESHOLD` and a pair of their demands meets :func:`demands_match`'s
    conditions; ``meaning`` when the best such pair has a cosine (``meaning``, as
    :meth:`AskMeanings.match` gives it; ``None`` when no pair meets them) of at least
    :data:`MEANING_THRESHOLD`; else ``None``. The draft check's precedents and the corpus's
    ask lineages both decide by this rule."""
    if wording >= 1.0:
        return "wording"
    if meaning is None:
        return None
    if wording >= CARRIED_THRESHOLD:
        return "wording"
    return "meaning" if meaning >= MEANING_THRESHOLD else None


def _does(x: Demand, y: Demand) -> bool:
    """Whether ``y`` asks what ``x`` asks: ``x``'s action and one of its objects (if it has
    any) are terms of ``y``."""
    return x.action in y.terms and (not x.objects or any(o in y.terms for o in x.objects))


def term_weights(demand: Demand) -> dict[str, float]:
    """Each term of ``demand`` with its weight: :data:`DETAIL_WEIGHT` for its detail, else 1."""
    detail = frozenset(demand.detail)
    return {term: DETAIL_WEIGHT if term in detail else 1.0 for term in demand.terms}


@dataclass(frozen=True, eq=False)
class AskMeanings:
    """The meanings of a corpus's distinct ask texts (ask text ids of
    :attr:`compare.check.index.ParagraphIndex.asks`) as postings of their demands — per
    term, the demands that have it and its weight there — with each demand's action and ask.
    Scoring a draft ask against every corpus ask is a few numpy operations over the postings
    of its terms, whatever the corpus's size."""

    count: int
    """How many ask texts there are (ids ``0 .. count - 1``)."""
    vocabulary: tuple[str, ...]
    """Term ``n`` of the postings, sorted."""
    bounds: NDArray[np.int64]
    """Term ``n``'s demands are ``demands[bounds[n]:bounds[n + 1]]``."""
    demands: NDArray[np.int64]
    """Demand numbers per term, ascending within a term."""
    detail: NDArray[np.int64]
    """1 where the term is detail in the demand of ``demands`` (:attr:`Demand.detail`), else 0."""
    actions: NDArray[np.int64]
    """Per demand, the term number of its action."""
    objects: NDArray[np.int64]
    """Per demand, :data:`OBJECT_TERMS` term numbers of its objects (demand ``n``'s at
    ``n * OBJECT_TERMS``), -1 where it has fewer."""
    owners: NDArray[np.int64]
    """Per demand, the id of its ask (ascending: an ask's demands are consecutive)."""

    @classmethod
    def build(cls, texts: Iterable[str]) -> AskMeanings:
        """The meanings of ``texts`` (the asks table's texts, in id order)."""
        return cls.of(ask_meaning(text) for text in texts)

    @classmethod
    def of(cls, meanings: Iterable[AskMeaning]) -> AskMeanings:
        """The postings of ``meanings`` (per ask, in id order)."""
        rows = list(meanings)
        postings: dict[str, list[tuple[int, float]]] = {}
        owners: list[int] = []
        demands = [demand for row in rows for demand in row.demands]
        for text_id, row in enumerate(rows):
            owners.extend([text_id] * len(row.demands))
        for number_, demand in enumerate(demands):
            for term, weight in term_weights(demand).items():
                postings.setdefault(term, []).append((number_, weight))
        vocabulary = tuple(sorted(postings))
        column = {term: n for n, term in enumerate(vocabulary)}
        bounds = np.zeros(len(vocabulary) + 1, dtype=np.int64)
        np.cumsum([len(postings[t]) for t in vocabulary], out=bounds[1:])
        size = int(bounds[-1])
        flat = np.fromiter((i for t in vocabulary for i, _ in postings[t]), np.int64, size)
        detail = np.fromiter((w != 1.0 for t in vocabulary for _, w in postings[t]), np.int64, size)
        actions = np.array([column[d.action] for d in demands if d.action], np.int64)
        objects = np.array(
            [
                column[d.objects[k]] if k < len(d.objects) else -1
                for d in demands
                for k in range(OBJECT_TERMS)
            ],
            np.int64,
        )
        owned = np.array(owners, np.int64)
        return cls(len(rows), vocabulary, bounds, flat, detail, actions, objects, owned)

    def to_plain(self) -> dict[str, Any]:
        """The postings as a count, a list of terms and int64 arrays (no pickle)."""
        return {
            "count": self.count,
            "vocabulary": list(self.vocabulary),
            "bounds": self.bounds,
            "demands": self.demands,
            "detail": self.detail,
            "actions": self.actions,
            "objects": self.objects,
            "owners": self.owners,
        }

    @classmethod
    def from_plain(cls, plain: Mapping[str, Any]) -> AskMeanings:
        """The postings :meth:`to_plain` gave; ``ValueError`` when they do not fit together
        (``KeyError`` for a missing part)."""
        count = int(plain["count"])
        vocabulary = tuple(plain["vocabulary"])
        bounds = np.asarray(plain["bounds"], dtype=np.int64)
        demands = np.asarray(plain["demands"], dtype=np.int64)
        detail = np.asarray(plain["detail"], dtype=np.int64)
        actions = np.asarray(plain["actions"], dtype=np.int64)
        objects = np.asarray(plain["objects"], dtype=np.int64)
        owners = np.asarray(plain["owners"], dtype=np.int64)
        total = len(owners)
        if (
            len(bounds) != len(vocabulary) + 1
            or bounds[0] != 0
            or bounds[-1] != len(demands)
            or len(detail) != len(demands)
            or (len(detail) and (detail.min() < 0 or detail.max() > 1))
            or (len(demands) and (demands.min() < 0 or demands.max() >= total))
            or len(actions) != total
            or (total and (actions.min() < 0 or actions.max() >= len(vocabulary)))
            or len(objects) != total * OBJECT_TERMS
            or (total and (objects.min() < -1 or objects.max() >= len(vocabulary)))
            or (total and (owners.min() < 0 or owners.max() >= count))
            or bool(np.any(np.diff(owners) < 0))
        ):
            raise ValueError("the plain ask meanings' arrays do not fit together")
        return cls(count, vocabulary, bounds, demands, detail, actions, objects, owners)

    def __len__(self) -> int:
        return self.count

    def meaning(self, text_id: int) -> AskMeaning:
        """The meaning of the corpus ask ``text_id`` (a scan of the postings: for tests and
        inspection, not for the check)."""
        found: list[Demand] = []
        for number_ in np.flatnonzero(self.owners == text_id).tolist():
            places = np.flatnonzero(self.demands == number_)
            columns = (np.searchsorted(self.bounds, places, side="right") - 1).tolist()
            weights = self.weights[places].tolist()
            objects = self.objects[number_ * OBJECT_TERMS : (number_ + 1) * OBJECT_TERMS]
            found.append(
                Demand(
                    tuple(self.vocabulary[c] for c in columns),
                    self.vocabulary[int(self.actions[number_])],
                    tuple(
                        self.vocabulary[c]
                        for c, w in zip(columns, weights, strict=True)
                        if w != 1.0
                    ),
                    tuple(self.vocabulary[o] for o in objects.tolist() if o >= 0),
                )
            )
        terms = tuple(sorted({term for demand in found for term in demand.terms}))
        return AskMeaning(terms, found[0].action if found else None, tuple(found))

    @cached_property
    def _column(self) -> dict[str, int]:
        return {term: n for n, term in enumerate(self.vocabulary)}

    @cached_property
    def weights(self) -> NDArray[np.float64]:
        """The term's weight in each demand of ``demands`` (:func:`term_weights`)."""
        return np.where(self.detail == 1, DETAIL_WEIGHT, 1.0)

    @cached_property
    def _idf(self) -> NDArray[np.float64]:
        df = np.diff(self.bounds)
        return np.log((1.0 + len(self.owners)) / (1.0 + df)) + 1.0

    @cached_property
    def _norms(self) -> NDArray[np.float64]:
        squares = (np.repeat(self._idf, np.diff(self.bounds)) * self.weights) ** 2
        return np.sqrt(np.bincount(self.demands, weights=squares, minlength=len(self.owners)))

    def idf(self, term: str) -> float:
        """``ln((1 + n) / (1 + df)) + 1`` over the ``n`` demands of the corpus's asks (a
        term no demand has: ``df = 0``)."""
        column = self._column.get(term)
        if column is None:
            return math.log(1.0 + len(self.owners)) + 1.0
        return float(self._idf[column])

    def _vector(self, demand: Demand) -> dict[str, float]:
        return {term: self.idf(term) * w for term, w in term_weights(demand).items()}

    def _cosine(self, a: Demand, b: Demand) -> float:
        mine, theirs = self._vector(a), self._vector(b)
        dot = sum(mine[t] * theirs[t] for t in mine.keys() & theirs.keys())
        if not dot:
            return 0.0
        norm = math.sqrt(sum(v * v for v in mine.values())) * math.sqrt(
            sum(v * v for v in theirs.values())
        )
        return round(min(dot / norm, 1.0), 4)

    def score(self, a: AskMeaning, b: AskMeaning) -> float:
        """The highest weighted cosine of a demand of ``a`` and one of ``b``, 0..1, 4
        decimals (rule 6 of the module docstring, without its conditions)."""
        return max((self._cosine(x, y) for x in a.demands for y in b.demands), default=0.0)

    def match(self, a: AskMeaning, b: AskMeaning) -> float | None:
        """The highest cosine of a pair of demands of ``a`` and ``b`` that meets
        :func:`demands_match`'s conditions; ``None`` when no pair does."""
        qualifiers = meaning_words().qualifiers
        best: float | None = None
        for x in a.demands:
            for y in b.demands:
                shared = len((set(x.terms) & set(y.terms)) - qualifiers)
                if demands_match(shared, _does(x, y) or _does(y, x)):
                    cosine = self._cosine(x, y)
                    best = cosine if best is None else max(best, cosine)
        return best

    def same_ask(self, a: AskMeaning, b: AskMeaning) -> bool:
        """Whether ``a`` and ``b`` ask the same thing by meaning (rule 6 of the module
        docstring): :meth:`match` at least :data:`MEANING_THRESHOLD`."""
        found = self.match(a, b)
        return found is not None and found >= MEANING_THRESHOLD

    def matches(self, meaning: AskMeaning, floor: float = 0.0) -> dict[int, float]:
        """Every corpus ask id with a pair of demands meeting :func:`demands_match`'s
        conditions with ``meaning`` whose cosine is at least ``floor``, and the best such
        pair's cosine (as :meth:`match` gives it), ids ascending. Only the demands sharing a
        term with ``meaning`` are scored (the postings of its terms)."""
        qualifiers = meaning_words().qualifiers
        best = np.full(self.count, -1.0)
        for demand in meaning.demands:
            mine = self._vector(demand)
            known = sorted(self._column[t] for t in mine if t in self._column)
            if not known:
                continue
            spans = [slice(int(self.bounds[c]), int(self.bounds[c + 1])) for c in known]
            terms = [self.vocabulary[c] for c in known]
            sizes = [span.stop - span.start for span in spans]

            def each(values: Sequence[float], sizes: Sequence[int] = sizes) -> NDArray[np.float64]:
                return np.repeat(np.asarray(values, dtype=np.float64), sizes)

            hits = np.concatenate([self.demands[span] for span in spans])
            total = len(self.owners)
            plain = each([float(t not in qualifiers) for t in terms])
            shared = np.bincount(hits, weights=plain, minlength=total)
            candidates = np.flatnonzero(shared >= MIN_SHARED_TERMS)  # rule 6's first condition
            if not len(candidates):
                continue
            products = each(
                [mine[t] * float(self._idf[c]) for t, c in zip(terms, known, strict=True)]
            )
            products *= np.concatenate([self.weights[span] for span in spans])
            dot = np.bincount(hits, weights=products, minlength=total)[candidates]
            acted = np.bincount(
                hits, weights=each([float(t == demand.action) for t in terms]), minlength=total
            )[candidates]
            aimed = np.bincount(
                hits, weights=each([float(t in demand.objects) for t in terms]), minlength=total
            )[candidates]
            objects = self.objects.reshape(-1, OBJECT_TERMS)[candidates]
            is_mine = np.zeros(len(self.vocabulary) + 1, dtype=bool)  # by term; -1: none
            is_mine[known] = True
            # they do what I ask: their action and one of their objects are among my terms
            theirs = is_mine[self.actions[candidates]] & (
                (objects[:, 0] < 0) | is_mine[objects].any(axis=1)
            )
            # or they have my action and one of my objects
            doing = (acted > 0) & ((aimed > 0) | (not demand.objects))
            query = math.sqrt(sum(v * v for v in mine.values()))
            cosine = np.round(np.minimum(dot / (self._norms[candidates] * query), 1.0), 4)
            keep = (theirs | doing) & (cosine >= floor)
            np.maximum.at(best, self.owners[candidates[keep]], cosine[keep])
        ids = np.flatnonzero(best >= 0)
        return dict(zip(ids.tolist(), best[ids].tolist(), strict=True))

    def alike(self, meaning: AskMeaning) -> dict[int, float]:
        """Corpus ask ids asking the same as ``meaning`` (:meth:`same_ask`), with their
        :meth:`match` cosine, ids ascending."""
        return self.matches(meaning, MEANING_THRESHOLD)
