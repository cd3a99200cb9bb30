"""Ask lineages (:func:`ask_lineage`): every ask of a corpus in families of the same ask, traced
across the years.

In: the letters, and the pairs of them that are near-duplicates (:func:`copy_groups`). Out:
:class:`AskFamily` s, each the :class:`FamilyAsk` s of one ask in date order, with its years,
status and the movement of its verb.

1. *Copies count once.* Letters of one year (or all undated) linked by a chain of
   near-duplicate pairs (tf-idf cosine at least :data:`compare.similarity.DEFAULT_THRESHOLD`,
   the corpus index's own threshold) are one *copy group*: the same letter sent to several
   recipients (as the corpus report's charts count copies). The group's letters are read in
   date order (then by key): each ask of a letter that is the same ask (rule 2) as an ask of
   an earlier letter of the group is that ask's *copy*, shown with it (``also``) and never
   an appearance of its own; an ask matching none is an ask of the group. A near-duplicate
   letter of another year is not a copy: the same ask asked again a year later is what a
   lineage traces. An ask repeated verbatim within one letter counts once.
2. The asks left are compared as *wordings* (equal normalised texts are one wording, case
   and punctuation ignored) by :func:`compare.trends.askpairs.same_ask_pairs`: the pairs
   that are the same ask by the rule the draft check uses for precedents
   (:func:`compare.check.meaning.ask_match`: word similarity, or an idf-weighted cosine of
   the stemmed terms of a pair of their demands that do the same thing to the same object;
   thresholds and their calibration in :mod:`compare.check.meaning`) — or that share a
   *subject*: the rule of :mod:`compare.trends.subjects` (a distinctive term of their topic
   labels, or of the section headings their own words repeat, the one ask of each letter on
   it, their letters asking the same party), scoring :data:`SUBJECT_SCORE`. Read per ask,
   it links two wordings when an ask of each is linked.
3. *Families* are grown by constrained average link: starting from the wordings, the two
   clusters with the highest share of their pairs of asks that are the same ask are merged
   while that share is at least :data:`LINK_SHARE` (ties: the higher mean score), never
   merging two clusters holding asks of one copy group (so a family has at most one ask per
   group; when two asks of a letter match, the closer pair merges first). A family can drift
   (A like B, B like C, A unlike C: C joins {A, B}, half its pairs matching) but not chain
   (A-B-C-D in a line are two families: {A, B} and {C, D} share one pair of four).
4. Each family's asks are in date order (undated last). ``wording`` is ``same`` when an
   ask's text equals the previous one's after dropping case, punctuation and spaces (which
   also forgives words run together by PDF extraction), else ``reworded``; the first is
   ``first``. ``diff`` is the word diff (:func:`compare.worddiff.word_diff`) from the
   previous ask's text. ``verb_trend`` reads the ladder ranks
   (:func:`compare.reading.asks.verb_strength`) of the asks that have one: all equal
   ``steady``, never falling ``escalated``, never rising ``softened``, both ``mixed``;
   fewer than two ranks ``None``; ``verb_changes`` lists each step up or down.
5. *Status*, over the corpus's *years* (the years of its dated letters, whoever wrote them):
   ``dropped`` when the family's last year is before the corpus's latest (``status_year``:
   the last year it was asked); else ``returned`` when a corpus year between its first and
   last year went without it (``status_year``: the year it came back); else ``new`` when its
   first year is the corpus's latest (``status_year``: that year); else ``persisting``
   (``status_year``: its first year); ``undated`` when none of its letters has a date.
   ``gaps`` are the runs of corpus years without it between its first and last year.

Limits: a subject pair is read per ask standing for its copy group, the copies' headings
unread. The matcher reads English (stems and synonyms); the same demand in other words with
no shared term is not found, and two demands that do the same to the same word ("repeal the
law on X" / "repeal the law on Y") can meet when the rest of their words is short (see
:mod:`compare.check.meaning`). Copies are found from whole letters; two letters of one year
that share only their asks are two appearances.
Cost: :mod:`compare.trends.askpairs` for the pairs; the clustering is O(e·log e) heap
operations for the *e* same-ask pairs plus the neighbours of each merged cluster; a word
diff per ask after a family's first. Measured on one core of a loaded machine: the seeds in
about 0.2 s; 1,000 generated letters (~15,000 asks, 650 recurring families) in 22-35 s, of
which the pairs take two thirds.
"""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any, Literal, Protocol

from compare.alignment import similarity_matrix
from compare.check.meaning import (
    MEANING_THRESHOLD,
    AskMeanings,
    ask_demands,
    ask_match,
    ask_meaning,
    demand_head,
)
from compare.models import Letter
from compare.reading.asks import verb_strength
from compare.text import normalize
from compare.trends.askpairs import same_ask_pairs
from compare.trends.subjects import (
    AskSubject,
    ask_subject,
    held_terms,
    letter_addressee,
    section_headings,
    subject_pairs,
)
from compare.trends.years import check_unique, date_order, letter_year
from compare.worddiff import DiffOp, word_diff

if TYPE_CHECKING:
    from compare.index import CorpusIndex

LINK_SHARE = 0.5
"""Share of the pairs of asks between two clusters that must be the same ask for them to
merge (a majority: rule 3 of the module docstring)."""
SUBJECT_SCORE = MEANING_THRESHOLD
"""The score of a pair of asks joined by their subject alone (rule 2): the lowest a pair
the same ask by meaning scores, so at an equal share those merge first."""
LABEL_CHARS = 120
"""A family's label is cut to about this many characters."""

Wording = Literal["first", "same", "reworded"]
VerbTrend = Literal["escalated", "softened", "steady", "mixed"]
Status = Literal["persisting", "dropped", "new", "returned", "undated"]


@dataclass(frozen=True)
class Copy:
    """A near-duplicate letter of the same year asking the same ask (rule 1)."""

    key: str
    """The letter's key."""
    recipient: str | None
    """Who it was addressed to."""
    index: int
    """Position of the ask in that letter's ``asks`` (0-based)."""


@dataclass(frozen=True)
class FamilyAsk:
    """One appearance of an ask in an :class:`AskFamily`."""

    key: str
    """The letter's key."""
    date: str | None
    """The letter's ISO date, ``None`` when undated."""
    index: int
    """Position of the ask in the letter's ``asks`` (0-based)."""
    text: str
    """The ask as the letter words it."""
    verb: str | None
    """The ask's verb (ladder lemma or modal), as parsed."""
    strength: int | None
    """The verb's rank on the request ladder, ``None`` when it has none."""
    recipient: str | None
    """Who the letter was addressed to."""
    themes: tuple[str, ...]
    """The ask's themes (taxonomy slugs)."""
    wording: Wording
    """``first`` for the family's first ask; ``same`` when the text equals the previous
    ask's once case, punctuation and spaces are dropped; else ``reworded``."""
    similarity: float
    """Word similarity (0..1) to the previous ask's text; 1.0 for the first."""
    diff: tuple[tuple[DiffOp, str], ...]
    """The word diff from the previous ask's text (``()`` for the first)."""
    also: tuple[Copy, ...] = ()
    """The copies of this ask in near-duplicate letters of the same year (rule 1)."""

    @property
    def year(self) -> int | None:
        """The year of ``date``."""
        return int(self.date[:4]) if self.date and self.date[:4].isdigit() else None

    @property
    def rewritten(self) -> bool:
        """Whether it keeps, in order, no word of four letters or more of the previous ask's
        wording (``diff`` has none in its ``=`` spans): a new wording rather than an edit.
        ``False`` for the first ask."""
        kept = (text for op, text in self.diff if op == "=")
        return bool(self.diff) and not any(len(word) >= 4 for text in kept for word in text.split())

    @property
    def new_words(self) -> tuple[tuple[DiffOp, str], ...]:
        """The ask's text as ``=``/``+`` spans, ``+`` the words not in the previous wording
        (one ``=`` span for the first ask and for a :attr:`rewritten` one)."""
        spans = tuple((op, text) for op, text in self.diff if op != "-")
        return (("=", self.text),) if self.rewritten or not spans else spans


@dataclass(frozen=True)
class VerbChange:
    """A step of the verb up or down the request ladder between two asks of a family."""

    before: str
    """Key of the letter asking with the earlier verb."""
    after: str
    """Key of the letter asking with the later verb."""
    old: str
    """The earlier verb."""
    new: str
    """The later verb."""
    change: Literal["escalated", "softened"]
    """Up the ladder or down."""


@dataclass(frozen=True)
class AskFamily:
    """One ask as the letters asked it over the years."""

    label: str
    """What the family asks: the demand of its first ask closest to its last ask (the
    whole first ask when none is closer), cut to about :data:`LABEL_CHARS` characters on a
    word boundary ("…" marks a cut)."""
    themes: tuple[str, ...]
    """Themes of more than half of its asks, most frequent first."""
    asks: tuple[FamilyAsk, ...]
    """At least one, one per copy group, in date order (undated last)."""
    years: tuple[int, ...]
    """The years it was asked, ascending."""
    status: Status
    """``persisting``, ``dropped``, ``new``, ``returned`` or ``undated`` (rule 5)."""
    status_year: int | None
    """The year the status speaks of (rule 5); ``None`` when ``undated``."""
    gaps: tuple[tuple[int, int], ...]
    """Runs ``(first, last)`` of corpus years without it between its first and last year."""
    verb_trend: VerbTrend | None
    """How the verb's ladder rank moved along the asks (rule 4)."""
    verb_changes: tuple[VerbChange, ...]
    """Each step of the verb up or down the ladder, in date order."""

    @property
    def first(self) -> int | None:
        """The first year it was asked, ``None`` when undated."""
        return self.years[0] if self.years else None

    @property
    def last(self) -> int | None:
        """The last year it was asked, ``None`` when undated."""
        return self.years[-1] if self.years else None

    @property
    def recurs(self) -> bool:
        """Asked by more than one copy group."""
        return len(self.asks) > 1


def status_text(family: AskFamily) -> str:
    """The status in words: "persisting since 2014", "dropped after 2020", "new in 2022",
    "returned in 2022 after a gap", "undated"."""
    year = family.status_year
    return {
        "persisting": f"persisting since {year}",
        "dropped": f"dropped after {year}",
        "new": f"new in {year}",
        "returned": f"returned in {year} after a gap",
        "undated": "undated",
    }[family.status]


def copy_groups(
    letters: Sequence[Letter], near_duplicates: Iterable[tuple[str, str]]
) -> list[list[str]]:
    """The copy groups of ``letters`` (rule 1): letters of one year (or all undated) linked
    by a chain of near-duplicate pairs of keys ``near_duplicates`` (connected components,
    as the corpus report's charts count copies), as lists of keys in date order, groups in
    the date order of their first letter; a letter without copies is a group of one. Pairs
    naming a key not in ``letters`` are ignored."""
    ordered = date_order(letters)
    position = {letter.key: n for n, letter in enumerate(ordered)}
    parent = list(range(len(ordered)))

    def find(node: int) -> int:
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for a, b in near_duplicates:
        if a in position and b in position:
            root_a, root_b = find(position[a]), find(position[b])
            if root_a != root_b:
                parent[max(root_a, root_b)] = min(root_a, root_b)
    groups: dict[tuple[int, int | None], list[str]] = {}
    for n, letter in enumerate(ordered):
        groups.setdefault((find(n), letter_year(letter)), []).append(letter.key)
    return list(groups.values())


def near_duplicate_pairs(
    letters: Sequence[Letter], index: CorpusIndex | None = None
) -> list[tuple[str, str]]:
    """The pairs of ``letters`` whose tf-idf cosine reaches the near-duplicate threshold
    (:data:`compare.similarity.DEFAULT_THRESHOLD`), from ``index`` (the letters' fitted
    corpus; fitted here when ``None``). Up to :data:`EXACT_PAIRS_LIMIT` letters every pair
    is scored; past it the candidates come from MinHash LSH and are scored exactly
    (:func:`compare.nearduplicates.near_duplicates`: the same pairs but for the rare one
    banding misses, recall 0.9998 on 100,000 generated letters in
    ``tests/benchmarks/scale.py``), as scoring every pair grows with the square of the
    corpus."""
    from compare.similarity import DEFAULT_THRESHOLD, fit_letters

    if len(letters) < 2:
        return []
    index = index if index is not None else fit_letters(letters)
    if len(index) > EXACT_PAIRS_LIMIT:
        from compare.nearduplicates import near_duplicates

        found = near_duplicates(index, DEFAULT_THRESHOLD)
        keys = index.keys
        return [(keys[i], keys[j]) for i, j, _ in found.pairs()]
    result = index.all_pairs(min_score=DEFAULT_THRESHOLD, threshold=DEFAULT_THRESHOLD)
    return [(pair.a, pair.b) for pair in result.pairs if pair.near_duplicate]


EXACT_PAIRS_LIMIT = 5_000
"""The most letters whose near-duplicate pairs :func:`near_duplicate_pairs` finds by scoring
every pair (about 1 s of CPU at this size on the benchmark machine)."""


@dataclass(frozen=True)
class Lineages:
    """A corpus's ask families with what they were read against."""

    families: tuple[AskFamily, ...]
    """:func:`ask_lineage`'s families, those asked once included."""
    copies: tuple[tuple[str, ...], ...]
    """The copy groups of more than one letter (:func:`copy_groups`), keys in date order."""
    years: tuple[int, ...]
    """The corpus's years (of its dated letters), ascending."""
    letters: int
    """How many letters were read."""


def corpus_lineages(
    letters: Sequence[Letter], near_duplicates: Iterable[tuple[str, str]] = ()
) -> Lineages:
    """:func:`ask_lineage` of ``letters`` with their copy groups and years."""
    pairs = list(near_duplicates)
    groups = copy_groups(letters, pairs)
    years = sorted({y for y in (letter_year(x) for x in letters) if y is not None})
    return Lineages(
        families=ask_lineage(letters, pairs),
        copies=tuple(tuple(group) for group in groups if len(group) > 1),
        years=tuple(years),
        letters=len(letters),
    )


@dataclass(frozen=True)
class AskItem:
    """An ask standing for its copy group (rule 1)."""

    letter: int
    """The letter's number in date order (:attr:`AskGraph.keys`)."""
    index: int
    """Position of the ask in the letter's ``asks``."""
    group: int
    """The number of its copy group."""
    also: tuple[tuple[int, int], ...]
    """Its copies: ``(letter number, ask index)``."""


class AskGraphView(Protocol):
    """What reads an :class:`AskGraph` (the draft check, :mod:`compare.trends.joining`,
    :func:`family_of`) reads of it: :class:`AskGraph` in memory, or the same graph opened
    from a folder of memory-mapped arrays
    (:class:`compare.store.askgraph.MappedAskGraph`), whose parts are read when asked for.
    The members are :class:`AskGraph`'s, with the same meaning."""

    @property
    def keys(self) -> Sequence[str]: ...
    @property
    def years(self) -> Sequence[int]: ...
    @property
    def items(self) -> Sequence[AskItem]: ...
    @property
    def wording_of(self) -> Sequence[int]: ...
    @property
    def links(self) -> Mapping[tuple[int, int], float]: ...
    @property
    def subjects(self) -> Sequence[frozenset[str]]: ...
    @property
    def held(self) -> Mapping[str, int]: ...
    @property
    def addressees(self) -> Sequence[frozenset[str]]: ...
    @property
    def members(self) -> Sequence[Sequence[int]]: ...
    @property
    def neighbours(self) -> Mapping[int, Sequence[int]]: ...
    @property
    def item_at(self) -> Mapping[tuple[str, int], int]: ...
    def items_on(self, term: str) -> Sequence[int]: ...
    def same_letters(self, keys: Sequence[str]) -> bool: ...


@dataclass(frozen=True)
class AskGraph:
    """Rules 1 and 2 read from a corpus: the asks standing for their copy groups, their
    wordings and the pairs of wordings that are the same ask — what rule 3 clusters, and
    what a draft's asks join (:mod:`compare.trends.joining`). Plain data
    (:meth:`to_plain`), so a cache can keep it; :mod:`compare.store.askgraph` writes it as
    arrays a check reads only the parts of it needs (an :class:`AskGraphView`)."""

    keys: tuple[str, ...]
    """The letters' keys in date order (:func:`compare.trends.years.date_order`)."""
    years: tuple[int, ...]
    """The corpus's years (of its dated letters), ascending."""
    items: tuple[AskItem, ...]
    """The asks standing for their copy groups (letter numbers as in ``keys``)."""
    wording_of: tuple[int, ...]
    """Per item, its wording (equal normalised texts are one wording)."""
    links: dict[tuple[int, int], float]
    """The pairs of wordings ``(i, j)``, ``i < j``, that are the same ask (rule 2), with
    their score (:data:`SUBJECT_SCORE` for a pair joined by subject alone)."""
    subjects: tuple[frozenset[str], ...]
    """Per item, its subject terms (:attr:`compare.trends.subjects.AskSubject.subject`)."""
    held: dict[str, int]
    """Per term of any item's subject, how many items hold it
    (:func:`compare.trends.subjects.held_terms`)."""
    addressees: tuple[frozenset[str], ...]
    """Per letter, who it asks (:func:`compare.trends.subjects.letter_addressee`)."""

    def to_plain(self) -> dict[str, Any]:
        """The graph as lists, strings and numbers (:meth:`from_plain` reads it back)."""
        return {
            "keys": list(self.keys),
            "years": list(self.years),
            "items": [[i.letter, i.index, i.group, [list(a) for a in i.also]] for i in self.items],
            "wording_of": list(self.wording_of),
            "links": [[i, j, score] for (i, j), score in self.links.items()],
            "subjects": [sorted(s) for s in self.subjects],
            "held": dict(self.held),
            "addressees": [sorted(a) for a in self.addressees],
        }

    @classmethod
    def from_plain(cls, plain: Mapping[str, Any]) -> AskGraph:
        """The graph :meth:`to_plain` gave; ``ValueError`` when the parts do not fit."""
        graph = cls(
            keys=tuple(plain["keys"]),
            years=tuple(int(y) for y in plain["years"]),
            items=tuple(
                AskItem(int(a), int(b), int(c), tuple((int(x), int(y)) for x, y in d))
                for a, b, c, d in plain["items"]
            ),
            wording_of=tuple(int(w) for w in plain["wording_of"]),
            links={(int(i), int(j)): float(score) for i, j, score in plain["links"]},
            subjects=tuple(frozenset(s) for s in plain["subjects"]),
            held={str(k): int(v) for k, v in plain["held"].items()},
            addressees=tuple(frozenset(a) for a in plain["addressees"]),
        )
        if not len(graph.items) == len(graph.wording_of) == len(graph.subjects):
            raise ValueError("an ask graph needs one wording and one subject per item")
        if len(graph.addressees) != len(graph.keys):
            raise ValueError("an ask graph needs one addressee per letter")
        return graph

    @property
    def wordings(self) -> int:
        """How many wordings there are."""
        return max(self.wording_of, default=-1) + 1

    @cached_property
    def members(self) -> list[list[int]]:
        """Per wording, its items (ascending)."""
        found: list[list[int]] = [[] for _ in range(self.wordings)]
        for item, wording in enumerate(self.wording_of):
            found[wording].append(item)
        return found

    @cached_property
    def neighbours(self) -> dict[int, list[int]]:
        """Per wording with a link, the wordings it is linked to."""
        found: dict[int, list[int]] = {}
        for i, j in self.links:
            found.setdefault(i, []).append(j)
            found.setdefault(j, []).append(i)
        return found

    @cached_property
    def item_at(self) -> dict[tuple[str, int], int]:
        """``(letter key, ask index)`` → the item it is or is a copy of."""
        found: dict[tuple[str, int], int] = {}
        for n, item in enumerate(self.items):
            found[(self.keys[item.letter], item.index)] = n
            for letter, index in item.also:
                found[(self.keys[letter], index)] = n
        return found

    def items_on(self, term: str) -> list[int]:
        """The items holding ``term`` in their subject."""
        return self._by_term.get(term, [])

    def same_letters(self, keys: Sequence[str]) -> bool:
        """Whether the graph was read from the letters keyed ``keys`` (in any order)."""
        return sorted(self.keys) == sorted(keys)

    @cached_property
    def _by_term(self) -> dict[str, list[int]]:
        found: dict[str, list[int]] = {}
        for n, subject in enumerate(self.subjects):
            for term in subject:
                found.setdefault(term, []).append(n)
        return found

    def wording_groups(self) -> list[list[int]]:
        """Per wording, the copy groups of its items (what rule 3 keeps apart)."""
        groups: list[list[int]] = [[] for _ in range(self.wordings)]
        for item, wording in zip(self.items, self.wording_of, strict=True):
            groups[wording].append(item.group)
        return groups


def ask_graph(
    letters: Sequence[Letter], near_duplicates: Iterable[tuple[str, str]] = ()
) -> AskGraph:
    """Rules 1 and 2 of the module docstring read from ``letters`` (:class:`AskGraph`);
    ``near_duplicates`` as for :func:`ask_lineage`. Raises ``ValueError`` on duplicate
    letter keys. Cost: most of :func:`ask_lineage`'s."""
    return _graph(letters, near_duplicates)[0]


def ask_lineage(
    letters: Sequence[Letter], near_duplicates: Iterable[tuple[str, str]] = ()
) -> tuple[AskFamily, ...]:
    """Every ask of ``letters`` in families of the same ask (rules and cost in the module
    docstring); ``near_duplicates`` are the pairs of letter keys that are near-duplicates
    (:func:`near_duplicate_pairs`; none: every letter speaks for itself).

    Families are sorted by number of years asked (most first), then number of asks, then
    first year (undated last), then the first ask's letter key and position. Raises
    ``ValueError`` on duplicate letter keys.
    """
    graph, meanings = _graph(letters, near_duplicates)
    ordered = date_order(letters)
    clusters = _average_link(graph.wording_groups(), graph.links)
    members: list[list[int]] = [[] for _ in range(graph.wordings)]
    for n, wording in enumerate(graph.wording_of):
        members[wording].append(n)
    families = [
        family_of([n for wording in cluster for n in members[wording]], graph, ordered, meanings)
        for cluster in clusters
    ]
    families.sort(
        key=lambda family: (
            -len(family.years),
            -len(family.asks),
            family.first is None,
            family.first or 0,
            family.asks[0].key,
            family.asks[0].index,
        )
    )
    return tuple(families)


def family_of(
    found: Iterable[int], graph: AskGraphView, ordered: Sequence[Letter], meanings: AskMeanings
) -> AskFamily:
    """The :class:`AskFamily` of the items numbered ``found`` of ``graph`` (rules 4 and 5),
    ``ordered`` the graph's letters (as its ``keys``: only those of ``found`` are read) and
    ``meanings`` what the label's demands are scored with (:meth:`AskMeanings.match`)."""
    items = graph.items
    chosen = sorted(found, key=lambda n: (items[n].letter, items[n].index))
    return _family(chosen, items, ordered, graph.years, meanings)


def _graph(
    letters: Sequence[Letter], near_duplicates: Iterable[tuple[str, str]]
) -> tuple[AskGraph, AskMeanings]:
    """:func:`ask_graph`, with the meanings of its wordings (idf over them)."""
    check_unique(letters)
    ordered = date_order(letters)
    number = {letter.key: n for n, letter in enumerate(ordered)}
    groups = [[number[key] for key in group] for group in copy_groups(ordered, near_duplicates)]
    items = _items(ordered, groups)
    wordings: dict[str, int] = {}
    written: list[str] = []
    wording_of: list[int] = []  # per item: its wording
    for item in items:
        text = ordered[item.letter].asks[item.index].text
        wording = wordings.setdefault(_compared(text), len(wordings))
        if wording == len(written):
            written.append(text)
        wording_of.append(wording)
    same = same_ask_pairs(list(wordings), written)
    linked = {pair: score for pair, (_, score) in same.pairs.items()}
    headings = [section_headings(letter) for letter in ordered]
    addressees = tuple(letter_addressee(letter) for letter in ordered)
    subjects = [
        ask_subject(ordered[i.letter].asks[i.index].text, headings[i.letter][i.index])
        for i in items
    ]
    for pair in _subject_links(subjects, items, addressees, wording_of):
        linked.setdefault(pair, SUBJECT_SCORE)
    held = held_terms(subjects)
    named = {term for subject in subjects for term in subject.subject}
    graph = AskGraph(
        keys=tuple(letter.key for letter in ordered),
        years=tuple(sorted({y for y in (letter_year(x) for x in ordered) if y is not None})),
        items=tuple(items),
        wording_of=tuple(wording_of),
        links=linked,
        subjects=tuple(subject.subject for subject in subjects),
        held={term: held[term] for term in sorted(named)},
        addressees=addressees,
    )
    return graph, same.meanings


def _subject_links(
    subjects: Sequence[AskSubject],
    items: Sequence[AskItem],
    addressees: Sequence[frozenset[str]],
    wording_of: Sequence[int],
) -> set[tuple[int, int]]:
    """The pairs of wordings ``(i, j)``, ``i < j``, two of whose asks share a subject (rule
    2; :func:`compare.trends.subjects.subject_pairs`); ``wording_of[n]`` is item ``n``'s."""
    pairs = subject_pairs(subjects, [i.group for i in items], [addressees[i.letter] for i in items])
    return {
        (min(wording_of[a], wording_of[b]), max(wording_of[a], wording_of[b]))
        for a, b in pairs
        if wording_of[a] != wording_of[b]
    }


def _items(ordered: Sequence[Letter], groups: Sequence[Sequence[int]]) -> list[AskItem]:
    """The asks that speak for their copy groups, with their copies (rule 1): each letter of
    a group in turn, each of its asks a copy of the ask of an earlier letter of the group it
    matches best, else an ask of its own."""
    items: list[AskItem] = []
    for group_number, group in enumerate(groups):
        held: list[tuple[int, int]] = []  # the group's own asks: (letter, index)
        copies: list[list[tuple[int, int]]] = []
        for letter in group:
            earlier = len(held)  # a letter's asks are copies of other letters' asks only
            for index in _distinct_asks(ordered[letter]):
                match = _best_match(ordered[letter].asks[index].text, ordered, held[:earlier])
                if match is None:
                    held.append((letter, index))
                    copies.append([])
                else:
                    copies[match].append((letter, index))
        items += [
            AskItem(letter, index, group_number, tuple(found))
            for (letter, index), found in zip(held, copies, strict=True)
        ]
    return items


def _distinct_asks(letter: Letter) -> list[int]:
    """Indexes of ``letter``'s asks, an ask repeated verbatim (normalised) counted once."""
    seen: set[str] = set()
    kept = []
    for index, ask in enumerate(letter.asks):
        text = _compared(ask.text)
        if text and text not in seen:
            seen.add(text)
            kept.append(index)
    return kept


def _best_match(
    text: str, ordered: Sequence[Letter], among: Sequence[tuple[int, int]]
) -> int | None:
    """The position in ``among`` (asks as ``(letter, index)``) of the ask that is the same
    ask as ``text`` and the most alike (an equal normalised text first), ``None`` when none
    is."""
    if not among:
        return None
    asks = [ordered[letter].asks[index].text for letter, index in among]
    mine = _compared(text)
    theirs = [_compared(ask) for ask in asks]
    if mine in theirs:
        return theirs.index(mine)
    scores = similarity_matrix([mine], theirs)[0]
    meanings = AskMeanings.build([text, *asks])
    meaning = ask_meaning(text)
    best: tuple[float, int] | None = None
    for k, ask in enumerate(asks):
        cosine = meanings.match(meaning, ask_meaning(ask))
        if ask_match(scores[k], cosine) is not None:
            key = (max(scores[k], cosine or 0.0), -k)
            best = key if best is None or key > best else best
    return -best[1] if best is not None else None


def _average_link(
    groups: Sequence[Sequence[int]], same: dict[tuple[int, int], float]
) -> list[list[int]]:
    """Clusters of wordings (rule 3): ``groups`` holds each wording's asks' copy groups,
    ``same`` the score of the wording pairs ``(i, j)``, ``i < j``, that are the same ask."""
    alive = [True] * len(groups)
    clusters = [[n] for n in range(len(groups))]
    held = [set(found) for found in groups]
    size = [len(found) for found in groups]
    # neighbour -> (ask pairs that are the same ask, sum of their scores)
    links: list[dict[int, tuple[float, float]]] = [{} for _ in groups]
    heap: list[tuple[float, float, int, int]] = []
    for (i, j), score in same.items():
        pairs = size[i] * size[j]
        links[i][j] = links[j][i] = (pairs, score * pairs)
        if held[i].isdisjoint(held[j]):
            heap.append((-1.0, -score, i, j))
    heapq.heapify(heap)
    while heap:
        _, _, a, b = heapq.heappop(heap)
        if not (alive[a] and alive[b]):
            continue  # one of them has been merged since
        merged = len(clusters)
        neighbours: dict[int, tuple[float, float]] = {}
        for side in (a, b):
            for other, (count, total) in links[side].items():
                if other not in (a, b):
                    old = neighbours.get(other, (0.0, 0.0))
                    neighbours[other] = (old[0] + count, old[1] + total)
        clusters.append(clusters[a] + clusters[b])
        held.append(held[a] | held[b])
        size.append(size[a] + size[b])
        links.append(neighbours)
        alive.append(True)
        alive[a] = alive[b] = False
        clusters[a] = clusters[b] = []
        links[a] = links[b] = {}
        for other, (count, total) in neighbours.items():
            around = links[other]
            around.pop(a, None)
            around.pop(b, None)
            around[merged] = (count, total)
            pairs = size[merged] * size[other]
            if count >= LINK_SHARE * pairs - 1e-9 and held[merged].isdisjoint(held[other]):
                heapq.heappush(heap, (-count / pairs, -total / pairs, other, merged))
    return [cluster for cluster, live in zip(clusters, alive, strict=True) if live]


def _family(
    found: Sequence[int],
    items: Sequence[AskItem],
    ordered: Sequence[Letter],
    corpus_years: Sequence[int],
    meanings: AskMeanings,
) -> AskFamily:
    """The family of the items ``found`` (in date order)."""
    asks: list[FamilyAsk] = []
    previous: str | None = None
    for n in found:
        item = items[n]
        letter = ordered[item.letter]
        ask = letter.asks[item.index]
        diff: tuple[tuple[DiffOp, str], ...] = ()
        if previous is None:
            wording: Wording = "first"
            similarity = 1.0
        else:
            wording = "same" if _squashed(ask.text) == _squashed(previous) else "reworded"
            similarity = similarity_matrix([_compared(previous)], [_compared(ask.text)])[0][0]
            diff = tuple(word_diff(previous, ask.text))
        asks.append(
            FamilyAsk(
                key=letter.key,
                date=letter.date,
                index=item.index,
                text=ask.text,
                verb=ask.verb,
                strength=verb_strength(ask.verb),
                recipient=letter.recipient,
                themes=ask.themes,
                wording=wording,
                similarity=similarity,
                diff=diff,
                also=tuple(
                    Copy(ordered[copy].key, ordered[copy].recipient, index)
                    for copy, index in item.also
                ),
            )
        )
        previous = ask.text
    years = sorted({y for y in (a.year for a in asks) if y is not None})
    status, status_year, gaps = _status(years, corpus_years)
    return AskFamily(
        label=shorten(_label(asks, meanings), LABEL_CHARS),
        themes=_themes(asks),
        asks=tuple(asks),
        years=tuple(years),
        status=status,
        status_year=status_year,
        gaps=gaps,
        verb_trend=verb_trend([a.strength for a in asks]),
        verb_changes=_verb_changes(asks),
    )


def _label(asks: Sequence[FamilyAsk], meanings: AskMeanings) -> str:
    """What the family asks: of the pair of demands of its first and last asks that match
    best, the shorter one's head (:func:`compare.check.meaning.demand_head`); the last ask's
    first demand's head when no pair matches by meaning (the family holds one ask, or its
    asks match by wording)."""
    last = ask_demands(asks[-1].text) or (asks[-1].text,)
    best: tuple[float, str] | None = None
    if len(asks) > 1:
        for mine in ask_demands(asks[0].text):
            for theirs in last:
                cosine = meanings.match(ask_meaning(mine), ask_meaning(theirs))
                if cosine is not None and (best is None or cosine > best[0]):
                    best = (cosine, min(mine, theirs, key=len))
    return demand_head(best[1] if best is not None else last[0])


def _themes(asks: Sequence[FamilyAsk]) -> tuple[str, ...]:
    """Themes of more than half of ``asks``, most frequent first, then first seen."""
    counts = Counter(theme for ask in asks for theme in dict.fromkeys(ask.themes))
    order = {theme: n for n, theme in enumerate(dict.fromkeys(t for a in asks for t in a.themes))}
    kept = [theme for theme, count in counts.items() if count * 2 > len(asks)]
    return tuple(sorted(kept, key=lambda theme: (-counts[theme], order[theme])))


def _status(
    years: Sequence[int], corpus_years: Sequence[int]
) -> tuple[Status, int | None, tuple[tuple[int, int], ...]]:
    """The status, its year and the gaps of a family asked in ``years`` (rule 5)."""
    if not years:
        return "undated", None, ()
    asked = set(years)
    between = [y for y in corpus_years if years[0] < y < years[-1] and y not in asked]
    gaps: list[tuple[int, int]] = []
    for year in between:
        previous = corpus_years[corpus_years.index(year) - 1]
        if gaps and gaps[-1][1] == previous:
            gaps[-1] = (gaps[-1][0], year)
        else:
            gaps.append((year, year))
    latest = corpus_years[-1]
    if years[-1] < latest:
        return "dropped", years[-1], tuple(gaps)
    if gaps:
        back = min(y for y in years if y > gaps[-1][1])
        return "returned", back, tuple(gaps)
    if years[0] == latest:
        return "new", latest, ()
    return "persisting", years[0], ()


def _verb_changes(asks: Sequence[FamilyAsk]) -> tuple[VerbChange, ...]:
    """Each step up or down the ladder between consecutive ranked verbs."""
    ranked = [a for a in asks if a.strength is not None and a.verb]
    return tuple(
        VerbChange(
            before=earlier.key,
            after=later.key,
            old=earlier.verb or "",
            new=later.verb or "",
            change="escalated" if (later.strength or 0) > (earlier.strength or 0) else "softened",
        )
        for earlier, later in zip(ranked, ranked[1:], strict=False)
        if earlier.strength != later.strength
    )


def _compared(text: str) -> str:
    """An ask as asks are compared by wording: case and punctuation ignored."""
    return normalize(text, ignore_case=True, ignore_punctuation=True)


def _squashed(text: str) -> str:
    return "".join(_compared(text).split())


def verb_trend(strengths: Sequence[int | None]) -> VerbTrend | None:
    """How a sequence of ladder ranks moved, ``None`` ranks skipped: ``steady`` (all equal),
    ``escalated`` (never falling), ``softened`` (never rising), ``mixed``; ``None`` with
    fewer than two ranks."""
    ranks = [rank for rank in strengths if rank is not None]
    if len(ranks) < 2:
        return None
    steps = [later - earlier for earlier, later in zip(ranks, ranks[1:], strict=False)]
    if all(step == 0 for step in steps):
        return "steady"
    if all(step >= 0 for step in steps):
        return "escalated"
    if all(step <= 0 for step in steps):
        return "softened"
    return "mixed"


def shorten(text: str, limit: int = LABEL_CHARS) -> str:
    """``text`` with whitespace collapsed, cut on a word boundary to at most ``limit``
    characters with "…" appended when it was longer (a single overlong word is cut)."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:-") + "…"
