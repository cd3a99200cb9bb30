"""The lineage a new ask joins: the ask lineages' rule (:mod:`compare.trends.lineage`) applied
to a corpus's asks plus one more, as the draft check finds an ask's precedents.

In: the corpus's :class:`~compare.trends.lineage.AskGraph` (its asks standing for their copy
groups, their wordings and the pairs of wordings that are the same ask) and the new ask's
links: the corpus items it is the same ask as (:func:`compare.check.meaning.ask_match`),
with their score, and those it shares a subject with (:func:`subject_links`). Out: the
corpus items of the lineage it joins (:func:`joined_items`), ``[]`` when it joins none.

1. The new ask is one more wording, of a copy group of its own, linked to the wordings of
   the items it is linked to (the best score per wording).
2. Rule 3 of :mod:`compare.trends.lineage` (constrained average link) merges only clusters
   that are linked, so the cluster an ask ends in depends only on its connected component
   of links: the rule is run on the new ask's component (the wordings it reaches through
   the corpus's links) — the result the whole corpus plus the ask would give.
3. Subject links (:func:`subject_links`) follow rules 2-4 of :mod:`compare.trends.subjects`
   with the new asks counted: they are one group (a letter), their terms count in rule 2.

Limits: the corpus's own links are those read without the new asks (their terms would
change rule 2's counts, and so the corpus's subject pairs, only at the cap's edge), and
each new ask joins on its own (two asks of a draft may join one lineage; rule 3 would keep
them apart). A new ask in a near-duplicate of a corpus letter of its year is not read as
that letter's copy (rule 1): it joins as an ask of its own.
Cost: the component's links, and the subjects of the corpus asks holding a distinctive
subject term of the new asks (only those can share a subject with them); with an
:class:`~compare.trends.lineage.AskGraph` in memory, a neighbour table of the corpus's links
built once per graph (O(links)); with one opened from its folder
(:mod:`compare.store.askgraph`), only the rows of those wordings and asks are read.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from compare.trends.lineage import AskGraphView, _average_link
from compare.trends.subjects import AskSubject, distinctive_cap, subject_pairs


def joined_items(graph: AskGraphView, links: Mapping[int, float]) -> list[int]:
    """The items of ``graph`` in the lineage a new ask joins (rules 1-2 of the module
    docstring), ascending; ``links`` maps the items it is linked to (numbers into
    ``graph.items``) to the pair's score (0..1). ``[]`` when it stays alone."""
    direct: dict[int, float] = {}
    for item, score in links.items():
        wording = graph.wording_of[item]
        direct[wording] = max(score, direct.get(wording, 0.0))
    if not direct:
        return []
    neighbours, items = graph.neighbours, graph.items
    reached = set(direct)
    stack = list(direct)
    while stack:
        for other in neighbours.get(stack.pop(), ()):
            if other not in reached:
                reached.add(other)
                stack.append(other)
    local = sorted(reached)
    number = {wording: n for n, wording in enumerate(local)}
    members = graph.members
    new = len(local)
    groups = [*([items[n].group for n in members[w]] for w in local), [-1]]  # its own group
    same: dict[tuple[int, int], float] = {}
    for wording in local:
        for other in neighbours.get(wording, ()):
            if wording < other:
                same[(number[wording], number[other])] = graph.links[(wording, other)]
    for wording, score in direct.items():
        same[(number[wording], new)] = score
    for cluster in _average_link(groups, same):
        if new in cluster:
            wordings = {local[n] for n in cluster if n != new}
            return sorted(n for w in wordings for n in members[w])
    return []  # pragma: no cover - every wording is in one cluster


def subject_links(
    graph: AskGraphView, subjects: Sequence[AskSubject], addressee: frozenset[str]
) -> list[set[int]]:
    """Per new ask (``subjects``: theirs, all of one letter asking ``addressee``), the items
    of ``graph`` it shares a subject with (rule 3 of the module docstring)."""
    found: list[set[int]] = [set() for _ in subjects]
    terms = {term for subject in subjects for term in subject.subject}
    held = {term: graph.held.get(term, 0) for term in terms}
    for subject in subjects:
        for term in subject.terms:
            if term in terms:
                held[term] += 1
    items = graph.items
    # only a distinctive term of the new asks pairs one of them with a corpus ask: the
    # corpus asks holding one, their subjects read as far as those terms, are compared
    cap = distinctive_cap(len(items) + len(subjects))
    shared = frozenset(term for term in terms if held[term] <= cap)
    candidates = sorted({n for term in shared for n in graph.items_on(term)})
    if not candidates:
        return found
    theirs = [
        AskSubject(graph.subjects[n] & shared, graph.subjects[n] & shared) for n in candidates
    ]
    pairs = subject_pairs(
        [*theirs, *subjects],
        [*(items[n].group for n in candidates), *([-1] * len(subjects))],
        [*(graph.addressees[items[n].letter] for n in candidates), *([addressee] * len(subjects))],
        held=held,
        total=len(items) + len(subjects),
    )
    for i, j in pairs:
        if i < len(candidates) <= j:
            found[j - len(candidates)].add(candidates[i])
    return found
