"""The draft's asks against every earlier ask, and the base letter's asks it drops.

In: a :class:`~compare.check.context.CheckContext` (the draft, the corpus and its index) and
the base letter (``None`` without one; see :mod:`compare.check.passages`). Out:
:class:`~compare.check.results.AskCheck` per draft ask, in order, then per dropped ask.

A draft ask's *precedents* are the asks of the ask lineage it joins
(:mod:`compare.trends.joining`: the lineage rule of :mod:`compare.trends.lineage`, the one
``compare-letters asks`` groups by, applied to the corpus's asks plus the draft's), in
letters that may be sources (:mod:`compare.check.context`), in date order (oldest first,
undated last), and its direct links below even where the lineage rule keeps it out of their
lineage (an editor sees every ask it repeats); ``lineage`` is that family as the whole corpus
reads it (label, status), ``None`` when it joins none. It joins through its *links*: the
corpus asks, in letters that may be sources, that are the same ask by
:func:`compare.check.meaning.ask_match` —

* ``match`` ``wording``: equal after normalisation, or word similarity
  (:func:`compare.alignment.similarity_matrix`) at least ``CARRIED_THRESHOLD`` with a pair
  of their demands doing the same thing to the same object;
* ``match`` ``meaning``: it asks the same thing in other words (the best such pair of
  demands has an idf-weighted cosine of its stemmed content words and synonyms of at least
  :data:`~compare.check.meaning.MEANING_THRESHOLD`) —

and the corpus asks sharing its subject (``match`` ``subject``,
:func:`compare.trends.joining.subject_links`); the other asks of the lineage are ``match``
``lineage``. Each draft ask is ``carried`` (a linked precedent of word similarity at least
``CARRIED_THRESHOLD``, or equal after normalisation), ``reworded`` (any other precedent) or
``new`` (it joins no lineage, or one with no ask in a letter that may be a source: no
precedent); ``verb_change`` compares its verb with the closest precedent's: of the linked
ones the highest word similarity, else the highest meaning score (equal scores: the most
recent); the most recent precedent when none is linked by wording or meaning. Candidates by
wording are found as :mod:`compare.check.index` describes, by meaning through the postings
of the asks' meaning terms (:meth:`~compare.check.meaning.AskMeanings.matches`). Asks of the
base letter that are the same ask as no draft ask follow as ``dropped``.

Cost: the corpus's :class:`~compare.trends.lineage.AskGraph` is built once per version of
the corpus and kept as memory-mapped arrays (:func:`compare.pipeline.ask_graph_index`,
:mod:`compare.store.askgraph`); a check opens them (a few milliseconds whatever the corpus's
size) and reads only the rows of the asks it links to, the component of links they reach
(which it clusters) and the corpus asks sharing a distinctive subject term with its asks.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, overload

from compare.alignment import similarity_matrix
from compare.check.context import CheckContext
from compare.check.meaning import CARRIED_THRESHOLD, ask_match, ask_meaning
from compare.check.results import AskCheck, AskLineage, AskStatus, Precedent, PrecedentMatch
from compare.check.text import normal
from compare.comparison import verb_change
from compare.models import Ask, Letter, LetterRef

if TYPE_CHECKING:
    from compare.trends.lineage import AskGraphView

ASK_THRESHOLD = CARRIED_THRESHOLD
"""Word similarity from which a corpus ask whose demands do what the draft ask's do is a
precedent by wording (:data:`compare.check.meaning.CARRIED_THRESHOLD`; the same ask in
more changed words is a precedent by meaning)."""

__all__ = ["ASK_THRESHOLD", "CARRIED_THRESHOLD", "check_asks"]


def check_asks(
    context: CheckContext, base: Letter | None, graph: AskGraphView | None
) -> tuple[AskCheck, ...]:
    """The draft's asks, then the base letter's dropped asks (rules in the module docstring);
    ``graph`` is the corpus's :class:`~compare.trends.lineage.AskGraph` (or the same opened
    memory-mapped, :class:`~compare.store.askgraph.MappedAskGraph`), ``None`` only when
    the draft has no asks (``ValueError`` otherwise)."""
    from compare.trends.joining import subject_links
    from compare.trends.lineage import AskGraph
    from compare.trends.subjects import ask_subject, letter_addressee, section_headings

    table = context.index.asks
    meanings = context.index.ask_meanings
    draft_asks = context.draft.asks
    norms = [normal(ask.text) for ask in draft_asks]
    meaning = [ask_meaning(ask.text) for ask in draft_asks]
    ids = context.candidate_ids(table, norms)
    scores = similarity_matrix(norms, [table.texts[i] for i in ids])
    if graph is None:
        if draft_asks:
            raise ValueError("the corpus's ask graph is needed to check a draft's asks")
        graph = AskGraph((), (), (), (), {}, (), {}, ())
    by_subject = subject_links(
        graph,
        [
            ask_subject(ask.text, heading)
            for ask, heading in zip(draft_asks, section_headings(context.draft), strict=True)
        ],
        letter_addressee(context.draft),
    )
    checks = []
    for n, ask in enumerate(draft_asks):
        wording = {text_id: scores[n][k] for k, text_id in enumerate(ids)}
        exact = table.ids.get(norms[n])
        if exact is not None and exact in wording:
            wording[exact] = 1.0  # equal after normalisation, whatever the word score
        by_meaning = meanings.matches(meaning[n])
        direct: dict[tuple[int, int], tuple[PrecedentMatch, float]] = {}
        for text_id in sorted(wording.keys() | by_meaning.keys()):
            words, cosine = wording.get(text_id, 0.0), by_meaning.get(text_id)
            match = ask_match(words, cosine)
            if match is not None:
                score = words if match == "wording" else cosine or 0.0
                for place in context.places(table, text_id):
                    direct[place] = (match, score)
        checks.append(_lineage_check(context, graph, ask, direct, by_subject[n]))
    if base is not None:
        theirs = [normal(ask.text) for ask in base.asks]
        against = similarity_matrix(norms, theirs)
        for j, ask in enumerate(base.asks):
            theirs_meaning = ask_meaning(ask.text)
            if any(
                ask_match(
                    1.0 if theirs[j] == norms[i] else against[i][j],
                    meanings.match(meaning[i], theirs_meaning),
                )
                for i in range(len(norms))
            ):
                continue
            checks.append(
                AskCheck(
                    ask.text, "dropped", None, (_precedent(base, j, "wording"),), verb=ask.verb
                )
            )
    return tuple(checks)


def _lineage_check(
    context: CheckContext,
    graph: AskGraphView,
    ask: Ask,
    direct: dict[tuple[int, int], tuple[PrecedentMatch, float]],
    by_subject: set[int],
) -> AskCheck:
    """A draft ask against the lineage it joins: ``direct`` maps the places ``(letter, ask)``
    of the corpus asks that are the same ask to how and how much, ``by_subject`` the items of
    ``graph`` that share its subject."""
    from compare.trends.joining import joined_items
    from compare.trends.lineage import SUBJECT_SCORE, family_of, status_text

    keys = context.index.keys
    links: dict[int, float] = {}
    for (letter_n, ask_n), (_, score) in direct.items():
        item = graph.item_at.get((keys[letter_n], ask_n))
        if item is not None:
            links[item] = max(score, links.get(item, 0.0))
    for item in by_subject:
        if context.position[graph.keys[graph.items[item].letter]] not in context.excluded:
            links.setdefault(item, SUBJECT_SCORE)
    joined = joined_items(graph, links)
    family = (
        family_of(joined, graph, _InDateOrder(context, graph), context.index.ask_meanings)
        if joined
        else None
    )
    subject_places = {
        (context.position[graph.keys[graph.items[item].letter]], graph.items[item].index)
        for item in by_subject
    }
    places = [
        (context.position[key], ask_n)
        for member in (family.asks if family else ())
        for key, ask_n in [(member.key, member.index), *((c.key, c.index) for c in member.also)]
    ]
    # the same ask by wording or meaning is a precedent even where the lineage rule keeps
    # the draft's ask out of (or apart from) the lineage of its match
    places += [place for place in direct if place not in set(places)]
    found: list[tuple[tuple[bool, str, str, int], int, int, Precedent]] = []
    for letter_n, ask_n in places:
        if letter_n in context.excluded:
            continue
        how = direct.get((letter_n, ask_n))
        match: PrecedentMatch = (
            how[0] if how else "subject" if (letter_n, ask_n) in subject_places else "lineage"
        )
        letter = context.corpus[letter_n]
        order = (letter.date is None, letter.date or "", letter.key, ask_n)
        found.append((order, letter_n, ask_n, _precedent(letter, ask_n, match)))
    if not found:
        return AskCheck(ask.text, "new", None, (), verb=ask.verb)
    found.sort(key=lambda f: f[0])
    near = [
        (context.rank[letter_n], letter_n, ask_n, *direct[(letter_n, ask_n)])
        for _, letter_n, ask_n, _ in found
        if (letter_n, ask_n) in direct
    ]
    if near:  # the closest: the best wording, else the best meaning, else the most recent
        best = max(near, key=lambda p: (p[3] == "wording", p[4], -p[0]))
        closest = context.corpus[best[1]].asks[best[2]]
        carried = best[3] == "wording" and best[4] >= CARRIED_THRESHOLD
    else:
        latest = min(found, key=lambda f: context.rank[f[1]])
        closest, carried = context.corpus[latest[1]].asks[latest[2]], False
    status: AskStatus = "carried" if carried else "reworded"
    lineage = (
        AskLineage(
            label=family.label,
            status=family.status,
            status_year=family.status_year,
            status_text=status_text(family),
            first=family.first,
            last=family.last,
            asks=sum(1 + len(member.also) for member in family.asks),
        )
        if family
        else None
    )
    precedents = tuple(f[3] for f in found)
    change = verb_change(closest.verb, ask.verb)
    return AskCheck(ask.text, status, change, precedents, lineage, verb=ask.verb)


class _InDateOrder(Sequence[Letter]):
    """The corpus letters in the order of ``graph.keys`` (read only when asked for)."""

    def __init__(self, context: CheckContext, graph: AskGraphView) -> None:
        self._context, self._keys = context, graph.keys

    def __len__(self) -> int:
        return len(self._keys)

    @overload
    def __getitem__(self, n: int) -> Letter: ...
    @overload
    def __getitem__(self, n: slice) -> Sequence[Letter]: ...
    def __getitem__(self, n: int | slice) -> Letter | Sequence[Letter]:
        if isinstance(n, slice):
            return [self[k] for k in range(*n.indices(len(self)))]
        return self._context.corpus[self._context.position[self._keys[n]]]


def _precedent(letter: Letter, ask_n: int, match: PrecedentMatch) -> Precedent:
    ask = letter.asks[ask_n]
    return Precedent(letter=LetterRef.of(letter), text=ask.text, verb=ask.verb, match=match)
