"""What an ask means, so that an earlier ask saying the same thing in other words is found.

In: ask texts (the corpus's, once, for :class:`AskMeanings`; the draft's at check time) and
the word lists of ``data/check.toml`` ``[asks]``, ``data/stopwords.toml`` and
``data/verbs.toml``. Out: each ask's meaning terms (:func:`ask_terms`), and for a draft ask
the corpus asks alike in meaning with their scores (:meth:`AskMeanings.alike`).

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

How alike two asks are in meaning (:meth:`AskMeanings.score`): the cosine of their sets of
meaning terms, each weighted by its idf over the corpus's distinct ask texts
(``ln((1 + n) / (1 + df)) + 1``, as :mod:`compare.similarity` smooths it; a term no corpus
ask has gets ``df = 0``): terms every ask uses weigh least. An earlier ask asks the same
thing when the cosine is at least :data:`MEANING_THRESHOLD` *and* the two share at least
:data:`MIN_SHARED_TERMS` meaning terms besides the ``[asks] qualifiers`` (meanings that say
how or where — ``detain``, ``immediate`` — not what is done or to whom): what is done and
what to, the action and its object ("release" and "journalist"). So one shared word never
makes two asks the same, nor does an action with a qualifier ("release the detained
journalists" is not "release the defenders held in prison").

Calibration of :data:`MEANING_THRESHOLD` (``tests/test_check_meaning.py`` keeps these
cases, the idf fitted on their 28 asks): seven pairs asking the same thing in other words —
"We urge the authorities to release all detained journalists immediately" / "Release every
journalist held in detention without delay", "Repeal the foreign agents law" / "We call on
parliament to abolish the law on foreign agents", "Abolish the death penalty" / "We urge you
to end capital punishment", "Investigate the killing of the reporter and bring those
responsible to justice" / "Conduct an independent inquiry into the killing and prosecute
those responsible" … — score 0.63 to 1.0 and share two to four terms besides qualifiers;
seven pairs on the same subject asking something else score at most 0.39 when they share
two such terms ("End the harassment of journalists" / "Stop the prosecution of journalists":
0.29), and up to 0.54 sharing one ("Release the detained journalists" / "Release the human
rights defenders held in prison"), which the shared-terms rule rejects. 0.55 lies above
every pair of the second kind and well under the weakest paraphrase.

Limits: the stemmer and the synonyms are English (other languages' asks match on shared
stems only); a paraphrase with no shared term and no listed synonym is not found; two asks
about the same people asking opposite things ("release X" / "do not release X") share the
same terms.

Candidates (:meth:`AskMeanings.alike`): the corpus asks sharing at least
:data:`MIN_SHARED_TERMS` terms (qualifiers aside) with the draft ask, found through postings
of the terms, at most :data:`MAX_MEANING_CANDIDATES` (most idf² shared first), are scored.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache

from compare.datafiles import load_data, table, tables, word_lists, words
from compare.text import strip_accents

MEANING_THRESHOLD = 0.55
"""Cosine of idf-weighted meaning terms from which two asks ask the same thing (see the
module docstring for the calibration)."""
MIN_SHARED_TERMS = 2
"""Meaning terms two asks must share (the action and what it acts on) to ask the same."""
MAX_MEANING_CANDIDATES = 2000
"""Corpus asks scored per draft ask, those sharing the most idf² first."""
MIN_TERM_LETTERS = 3
"""Shortest word kept as a meaning term (phrases of shorter words still match)."""

_WORD = re.compile(r"[^\W\d_]+")
_VOWELS = frozenset("aeiouy")
_UNDOUBLED = frozenset("lsz")
_ADVERB_ENDINGS = ("ately", "ently", "antly", "ally", "ously", "ively", "fully", "arily")


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
        phrases={
            first: tuple(sorted(found, key=lambda p: -len(p[0])))
            for first, found in phrases.items()
        },
    )


def ask_terms(text: str) -> tuple[str, ...]:
    """The meaning terms of an ask (rules 1-3 of the module docstring), distinct, sorted."""
    lists = meaning_words()
    tokens = _tokens(text)
    stems = [stem for _, stem in tokens]
    found: set[str] = set()
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
            found.add(phrase[1])
            n += phrase[0]
            continue
        n += 1
        if stem in lists.synonyms:
            found.add(lists.synonyms[stem])
        elif (
            len(word) >= MIN_TERM_LETTERS
            and word not in lists.skipped_words
            and stem not in lists.skipped_stems
        ):
            found.add(stem)
    return tuple(sorted(found))


@dataclass(frozen=True, eq=False)
class AskMeanings:
    """The meaning terms of a corpus's distinct ask texts, and what is derived from them."""

    terms: tuple[tuple[str, ...], ...]
    """Per ask text id (:attr:`compare.check.index.ParagraphIndex.asks`), its meaning terms."""

    @classmethod
    def build(cls, texts: Iterable[str]) -> AskMeanings:
        """The meanings of ``texts`` (the asks table's texts, in id order)."""
        return cls(tuple(ask_terms(text) for text in texts))

    @cached_property
    def postings(self) -> dict[str, tuple[int, ...]]:
        """Term → ids of the asks that have it, ascending."""
        found: dict[str, list[int]] = {}
        for text_id, terms in enumerate(self.terms):
            for term in terms:
                found.setdefault(term, []).append(text_id)
        return {term: tuple(ids) for term, ids in found.items()}

    def idf(self, term: str) -> float:
        """``ln((1 + n) / (1 + df)) + 1`` over the ``n`` corpus ask texts."""
        df = len(self.postings.get(term, ()))
        return math.log((1 + len(self.terms)) / (1 + df)) + 1.0

    @cached_property
    def _norms(self) -> dict[frozenset[str], float]:
        return {}

    def _norm(self, terms: frozenset[str]) -> float:
        norm = self._norms.get(terms)
        if norm is None:
            norm = self._norms[terms] = math.sqrt(sum(self.idf(t) ** 2 for t in terms))
        return norm

    def score(self, a: Sequence[str], b: Sequence[str]) -> tuple[float, int]:
        """The idf-weighted cosine of two sets of meaning terms (0..1, 4 decimals) and how
        many terms they share, qualifiers (``[asks] qualifiers``) not counted."""
        mine, theirs = frozenset(a), frozenset(b)
        shared = mine & theirs
        if not shared:
            return 0.0, 0
        dot = sum(self.idf(t) ** 2 for t in shared)
        norm = self._norm(mine) * self._norm(theirs)
        return round(min(dot / norm, 1.0), 4), len(shared - meaning_words().qualifiers)

    def alike(self, terms: Sequence[str], ids: Iterable[int] = ()) -> dict[int, float]:
        """Corpus ask ids asking the same as an ask of meaning ``terms`` (cosine at least
        :data:`MEANING_THRESHOLD`, :data:`MIN_SHARED_TERMS` shared), with their cosine: the
        candidates found through the postings plus ``ids``."""
        qualifiers = meaning_words().qualifiers
        weight = {
            t: self.idf(t) ** 2 for t in set(terms) if t in self.postings and t not in qualifiers
        }
        shared: Counter[int] = Counter()
        overlap: dict[int, float] = {}
        for term, w in weight.items():
            for text_id in self.postings[term]:
                shared[text_id] += 1
                overlap[text_id] = overlap.get(text_id, 0.0) + w
        found = [i for i, count in shared.items() if count >= MIN_SHARED_TERMS]
        found.sort(key=lambda i: (-overlap[i], i))
        result: dict[int, float] = {}
        for text_id in dict.fromkeys([*found[:MAX_MEANING_CANDIDATES], *ids]):
            cosine, common = self.score(terms, self.terms[text_id])
            if common >= MIN_SHARED_TERMS and cosine >= MEANING_THRESHOLD:
                result[text_id] = cosine
        return result
