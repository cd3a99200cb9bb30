"""What an ask means, so that an ask saying the same thing in other words is found: the one
matcher of the draft check's precedents (:mod:`compare.check.asks`) and of the corpus's ask
lineages (:mod:`compare.trends.lineage`).

In: ask texts (the corpus's, once, for :class:`AskMeanings`; the draft's at check time) and
the word lists of ``data/check.toml`` ``[asks]``, ``data/stopwords.toml`` and
``data/verbs.toml``. Out: each ask's meaning (:func:`ask_meaning`: its demands, each with
its terms, action and object), whether two asks are the same ask (:func:`ask_match`), and
for a draft ask the corpus asks that are (:meth:`AskMeanings.matches`).

An ask is read as :mod:`compare.check.demands` describes (rules 1-5: its demands, each with
its stemmed meaning terms and synonyms, its action and its object, its detail); then:

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
letters; pairs labelled same, related or subject — same subject, another demand; the one
subject pair is joined by the lineages' own rule, :mod:`compare.trends.subjects` — or
unsure): of the
773 pairs of asks of two letters that are not copies, 12 unsure left out, 4 are the same ask
(leaving the country; releasing political prisoners; the Special Rapporteur's visit;
cooperating with the UN human rights system). With details weighing 0.25 they score 0.434,
0.461, 0.463 and 0.473, and no other pair that rule 6 lets through scores over 0.213 (the 8
pairs on one subject included). With details weighing 0 the lowest same ask scores 0.408, with 0.5
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
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any, Literal

import numpy as np

from compare.check.demands import (
    OBJECT_TERMS,
    AskMeaning,
    Demand,
    MeaningWords,
    ask_demands,
    ask_meaning,
    ask_terms,
    demand_head,
    demand_meaning,
    light_stem,
    meaning_words,
)

if TYPE_CHECKING:
    from numpy.typing import NDArray

__all__ = [
    "CARRIED_THRESHOLD",
    "DETAIL_WEIGHT",
    "MEANING_THRESHOLD",
    "MIN_SHARED_TERMS",
    "OBJECT_TERMS",
    "AskMeaning",
    "AskMeanings",
    "Demand",
    "MeaningWords",
    "ask_demands",
    "ask_match",
    "ask_meaning",
    "ask_terms",
    "demand_head",
    "demand_meaning",
    "demands_match",
    "light_stem",
    "meaning_words",
    "term_weights",
]

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
