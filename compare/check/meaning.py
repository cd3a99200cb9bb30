"""What an ask means, so that an earlier ask saying the same thing in other words is found.

In: ask texts (the corpus's, once, for :class:`AskMeanings`; the draft's at check time) and
the word lists of ``data/check.toml`` ``[asks]``, ``data/stopwords.toml`` and
``data/verbs.toml``. Out: each ask's meaning (:func:`ask_meaning`: its terms and its
action), and for a draft ask the corpus asks that ask the same with their scores
(:meth:`AskMeanings.alike`).

An ask's *meaning terms* (:func:`ask_terms`):

1. its words (runs of letters, case and accents ignored), each *stemmed* by
   :func:`light_stem` — a few English suffix rules, so that "journalists"/"journalist",
   "released"/"release", "imprisonment"/"imprison" and "investigation"/"investigate" meet;
2. the phrases and words of ``[asks.synonyms]`` replaced by their meaning ("held in
   detention", "imprisoned" and "detained" all give ``detain``; "without delay" and
   "immediately" give ``immediate``), longest phrase first;
3. left out: stop words (every language of ``stopwords.toml``), the request verbs of
   ``verbs.toml`` ("urge", "call", "request", "must" …) and the ``[asks] frame`` words (who is
   asked and how: "authorities", "government", "ensure", "steps" …), since "We urge the
   authorities to release X" and "The government must release X" ask for the same thing;
   and words of fewer than three letters.

Its *action* (:func:`ask_meaning`), what it wants done:

4. the term of its first word when that word is a term (an imperative: "Release every
   journalist …", "Put an end to …"); else the term right after an action marker (``[asks]
   action_markers`` and the modals of ``verbs.toml``: "We urge the authorities to release …",
   "The government must close …"); else its first term that is no qualifier.

5. Two asks ask the same thing (:meth:`AskMeanings.same_ask`) when

   * the cosine of their sets of meaning terms (:meth:`AskMeanings.score`), each weighted
     by its idf over the corpus's distinct ask texts (``ln((1 + n) / (1 + df)) + 1``, as
     :mod:`compare.similarity` smooths it; a term no corpus ask has gets ``df = 0``, so
     terms every ask uses weigh least), is at least :data:`MEANING_THRESHOLD`;
   * they share at least :data:`MIN_SHARED_TERMS` terms besides the ``[asks] qualifiers``
     (meanings that say how or where — ``detain``, ``immediate`` — not what is done or to
     whom): the action and its object ("release" and "journalist"), so one shared word never
     makes two asks the same, nor does an action with a qualifier ("release the detained
     journalists" is not "release the defenders held in prison");
   * the action of one is a term of the other: the same thing is done ("release the
     political prisoners held in the camps" is not "close the political prison camps").

Calibration of :data:`MEANING_THRESHOLD` (``tests/test_check_meaning.py`` keeps these
cases, the idf fitted on their 30 asks): seven pairs asking the same thing in other words —
"We urge the authorities to release all detained journalists immediately" / "Release every
journalist held in detention without delay", "Repeal the foreign agents law" / "We call on
parliament to abolish the law on foreign agents", "Abolish the death penalty" / "We urge you
to end capital punishment", "Investigate the killing of the reporter and bring those
responsible to justice" / "Conduct an independent inquiry into the killing and prosecute
those responsible" … — score 0.63 to 1.0, share two to four terms besides qualifiers and
an action. Eight pairs on the same subject asking something else: those sharing two such
terms and an action score at most 0.35 ("End the harassment of journalists" / "Stop the
prosecution of journalists": 0.30); the others are held back by the other two conditions,
scoring up to 0.52 with one shared term ("Release the detained journalists" / "Release the
human rights defenders held in prison") and 0.74 without a shared action ("… must release
the political prisoners held in the camps" / "… must close the political prison camps").
0.55 lies above every pair of the second kind that the other conditions let through, and
well under the weakest paraphrase.

Limits: the stemmer and the synonyms are English (other languages' asks match on shared
stems only); a paraphrase with no shared term and no listed synonym is not found; two asks
about the same people asking opposite things ("release X" / "do not release X") share the
same terms.

Cost (:meth:`AskMeanings.alike`): every corpus ask is scored, through the postings of the
draft ask's terms in numpy arrays. Measured on one core with 150,000 generated asks of 6-25
words: built in 6-8 s with the check's index (cold, once per corpus), read back from the
cache in milliseconds, the first query about 0.05 s (the asks' norms), then about 3-5 ms per
draft ask.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import TYPE_CHECKING, Any

import numpy as np

from compare.datafiles import load_data, table, tables, word_lists, words
from compare.text import strip_accents

if TYPE_CHECKING:
    from numpy.typing import NDArray

MEANING_THRESHOLD = 0.55
"""Cosine of idf-weighted meaning terms from which two asks ask the same thing (see the
module docstring for the calibration)."""
MIN_SHARED_TERMS = 2
"""Meaning terms two asks must share (the action and what it acts on) to ask the same."""
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
    forms = [
        form
        for kind in ("verb", "modal")
        for entry in tables(verbs, kind)
        for form in words(entry, "forms")
        if " " not in form.strip()
    ]
    skipped = {stem for text in [*forms, *words(asks, "frame")] for _, stem in _tokens(text)}
    modals = [
        form.casefold()
        for entry in tables(verbs, "modal")
        for form in words(entry, "forms")
        if " " not in form.strip()
    ]
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
        action_markers=frozenset([*words(asks, "action_markers"), *modals]),
        phrases={
            first: tuple(sorted(found, key=lambda p: -len(p[0])))
            for first, found in phrases.items()
        },
    )


@dataclass(frozen=True)
class AskMeaning:
    """What an ask asks for: its meaning terms and its action."""

    terms: tuple[str, ...]
    """Distinct meaning terms, sorted (rules 1-3 of the module docstring)."""
    action: str | None
    """The term of what the ask wants done (rule 4), one of ``terms``; ``None`` without
    terms."""


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


def ask_meaning(text: str) -> AskMeaning:
    """The meaning terms and the action of an ask (rules in the module docstring)."""
    tokens = _tokens(text)
    ordered = _ordered_terms(tokens)
    terms = tuple(sorted({term for _, term in ordered}))
    if not ordered:
        return AskMeaning(terms, None)
    at = dict(ordered)
    if ordered[0][0] == 0:
        return AskMeaning(terms, ordered[0][1])  # an imperative: "Release …"
    markers = meaning_words().action_markers
    for n, (word, _) in enumerate(tokens):
        if word in markers and n + 1 in at:  # "… urge the authorities to release …"
            return AskMeaning(terms, at[n + 1])
    qualifiers = meaning_words().qualifiers
    plain = [term for _, term in ordered if term not in qualifiers]
    return AskMeaning(terms, (plain or [ordered[0][1]])[0])


def ask_terms(text: str) -> tuple[str, ...]:
    """The meaning terms of an ask (rules 1-3 of the module docstring), distinct, sorted."""
    return ask_meaning(text).terms


@dataclass(frozen=True, eq=False)
class AskMeanings:
    """The meanings of a corpus's distinct ask texts (ask text ids of
    :attr:`compare.check.index.ParagraphIndex.asks`) as postings — per term, the asks that
    have it — and each ask's action. Scoring a draft ask against every corpus ask is a few
    numpy operations over the postings of its terms, whatever the corpus's size."""

    count: int
    """How many ask texts there are (ids ``0 .. count - 1``)."""
    vocabulary: tuple[str, ...]
    """Term ``n`` of the postings, sorted."""
    bounds: NDArray[np.int64]
    """Term ``n``'s asks are ``asks[bounds[n]:bounds[n + 1]]``."""
    asks: NDArray[np.int64]
    """Ask ids per term, ascending within a term."""
    actions: NDArray[np.int64]
    """Per ask id, the term number of its action; -1 for an ask without terms."""

    @classmethod
    def build(cls, texts: Iterable[str]) -> AskMeanings:
        """The meanings of ``texts`` (the asks table's texts, in id order)."""
        return cls.of(ask_meaning(text) for text in texts)

    @classmethod
    def of(cls, meanings: Iterable[AskMeaning]) -> AskMeanings:
        """The postings of ``meanings`` (per ask, in id order)."""
        rows = list(meanings)
        postings: dict[str, list[int]] = {}
        for text_id, row in enumerate(rows):
            for term in row.terms:
                postings.setdefault(term, []).append(text_id)
        vocabulary = tuple(sorted(postings))
        column = {term: n for n, term in enumerate(vocabulary)}
        bounds = np.zeros(len(vocabulary) + 1, dtype=np.int64)
        np.cumsum([len(postings[t]) for t in vocabulary], out=bounds[1:])
        flat = np.fromiter((i for t in vocabulary for i in postings[t]), np.int64, int(bounds[-1]))
        actions = np.array(
            [column[row.action] if row.action is not None else -1 for row in rows], np.int64
        )
        return cls(len(rows), vocabulary, bounds, flat, actions)

    def to_plain(self) -> dict[str, Any]:
        """The postings as a count, a list of terms and int64 arrays (no pickle)."""
        return {
            "count": self.count,
            "vocabulary": list(self.vocabulary),
            "bounds": self.bounds,
            "asks": self.asks,
            "actions": self.actions,
        }

    @classmethod
    def from_plain(cls, plain: Mapping[str, Any]) -> AskMeanings:
        """The postings :meth:`to_plain` gave; ``ValueError`` when they do not fit together."""
        count = int(plain["count"])
        vocabulary = tuple(plain["vocabulary"])
        bounds = np.asarray(plain["bounds"], dtype=np.int64)
        asks = np.asarray(plain["asks"], dtype=np.int64)
        actions = np.asarray(plain["actions"], dtype=np.int64)
        if (
            len(bounds) != len(vocabulary) + 1
            or bounds[0] != 0
            or bounds[-1] != len(asks)
            or (len(asks) and (asks.min() < 0 or asks.max() >= count))
            or len(actions) != count
            or (count and (actions.min() < -1 or actions.max() >= len(vocabulary)))
        ):
            raise ValueError("the plain ask meanings' arrays do not fit together")
        return cls(count, vocabulary, bounds, asks, actions)

    def __len__(self) -> int:
        return self.count

    def meaning(self, text_id: int) -> AskMeaning:
        """The meaning of the corpus ask ``text_id`` (a scan of the postings: for tests and
        inspection, not for the check)."""
        places = np.flatnonzero(self.asks == text_id)
        columns = np.searchsorted(self.bounds, places, side="right") - 1
        action = int(self.actions[text_id])
        return AskMeaning(
            tuple(self.vocabulary[c] for c in columns.tolist()),
            self.vocabulary[action] if action >= 0 else None,
        )

    @cached_property
    def _column(self) -> dict[str, int]:
        return {term: n for n, term in enumerate(self.vocabulary)}

    @cached_property
    def _idf(self) -> NDArray[np.float64]:
        df = np.diff(self.bounds)
        return np.log((1.0 + self.count) / (1.0 + df)) + 1.0

    @cached_property
    def _norms(self) -> NDArray[np.float64]:
        squares = np.repeat(self._idf**2, np.diff(self.bounds))
        return np.sqrt(np.bincount(self.asks, weights=squares, minlength=self.count))

    def idf(self, term: str) -> float:
        """``ln((1 + n) / (1 + df)) + 1`` over the ``n`` corpus ask texts."""
        column = self._column.get(term)
        if column is None:
            return math.log(1.0 + self.count) + 1.0
        return float(self._idf[column])

    def score(self, a: AskMeaning, b: AskMeaning) -> float:
        """The idf-weighted cosine of two asks' meaning terms, 0..1, 4 decimals."""
        mine, theirs = frozenset(a.terms), frozenset(b.terms)
        shared = mine & theirs
        if not shared:
            return 0.0
        dot = sum(self.idf(t) ** 2 for t in shared)
        norm = math.sqrt(sum(self.idf(t) ** 2 for t in mine)) * math.sqrt(
            sum(self.idf(t) ** 2 for t in theirs)
        )
        return round(min(dot / norm, 1.0), 4)

    def same_ask(self, a: AskMeaning, b: AskMeaning) -> bool:
        """Whether ``a`` and ``b`` ask the same thing (rule 5 of the module docstring)."""
        shared = (set(a.terms) & set(b.terms)) - meaning_words().qualifiers
        return (
            len(shared) >= MIN_SHARED_TERMS
            and (a.action in b.terms or b.action in a.terms)
            and self.score(a, b) >= MEANING_THRESHOLD
        )

    def alike(self, meaning: AskMeaning) -> dict[int, float]:
        """Corpus ask ids asking the same as ``meaning`` (:meth:`same_ask`), with their
        cosine (as :meth:`score` gives it), ids ascending."""
        mine = frozenset(meaning.terms)
        qualifiers = meaning_words().qualifiers
        known = sorted(self._column[t] for t in mine if t in self._column)
        if not known or not self.count:
            return {}
        dot = np.zeros(self.count)
        shared = np.zeros(self.count, dtype=np.int64)
        acting = np.isin(self.actions, known)  # their action is one of my terms
        for column in known:
            hits = self.asks[self.bounds[column] : self.bounds[column + 1]]
            dot[hits] += self._idf[column] ** 2
            if self.vocabulary[column] not in qualifiers:
                shared[hits] += 1
            if self.vocabulary[column] == meaning.action:
                acting[hits] = True  # my action is one of their terms
        query = math.sqrt(sum(self.idf(t) ** 2 for t in mine))
        found = np.flatnonzero((shared >= MIN_SHARED_TERMS) & acting)
        cosine = np.round(np.minimum(dot[found] / (self._norms[found] * query), 1.0), 4)
        keep = cosine >= MEANING_THRESHOLD
        return dict(zip(found[keep].tolist(), cosine[keep].tolist(), strict=True))
