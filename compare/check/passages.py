"""Where each draft paragraph comes from, and what the base letter had that the draft drops.

In: a :class:`~compare.check.context.CheckContext` (the draft, the corpus and its index);
for :func:`missing_passages`, the draft and its base letter. Out:
:class:`~compare.check.results.Passage` per draft passage, in reading order, and
:class:`~compare.check.results.MissingPassage` per paragraph left out.

Each passage (:func:`compare.check.index.passage_paragraphs`) is

* ``reused`` when its text equals a corpus paragraph after :func:`compare.alignment.normalize`
  (quotes, dashes and white space ignored);
* ``changed`` when some corpus paragraph has a word similarity of at least
  ``CHANGED_THRESHOLD`` with it (:func:`compare.alignment.similarity_matrix`): the best score
  wins, equal scores go to the most recent letter;
* ``new`` otherwise.

The origin may be any corpus letter, not only the nearest. When the chosen text stands in
several letters, the most recent one is the ``origin`` (recency as
:class:`~compare.check.context.CheckContext` ranks it) and the others are ``also_in``, most
recent first. Candidates are found as :mod:`compare.check.index` describes.

The base letter: the nearest letter when it is a near-duplicate of the draft (cosine at least
:data:`compare.similarity.DEFAULT_THRESHOLD`, ``SimilarPair.near_duplicate``) — the letter
the draft was most likely made from. A draft like no earlier letter has no base: listing
every paragraph and ask of an unrelated letter as left out would bury what matters.

Missing: paragraphs of the base letter (not ``closing``) that no draft passage equals or
resembles (similarity ``CHANGED_THRESHOLD`` or more), whatever origin the passages were given.
"""

from __future__ import annotations

from collections.abc import Sequence

from compare.alignment import similarity_matrix
from compare.check.context import CheckContext
from compare.check.index import TextTable, passage_paragraphs
from compare.check.results import MissingPassage, Passage, PassageStatus
from compare.check.text import normal
from compare.models import Letter, LetterRef
from compare.worddiff import word_diff

CHANGED_THRESHOLD = 0.5
"""Word similarity from which a corpus paragraph is the origin of a ``changed`` passage."""


def _best(
    context: CheckContext,
    table: TextTable,
    row: Sequence[float],
    ids: Sequence[int],
    floor: float,
) -> tuple[int, float] | None:
    """The id scoring highest in ``row`` (at least ``floor``); equal scores: most recent."""
    best: tuple[float, int, int] | None = None
    for score, text_id in zip(row, ids, strict=True):
        if score < floor:
            continue
        recency = context.rank[context.places(table, text_id)[0][0]]
        if best is None or (score, -recency) > (best[0], -best[1]):
            best = (score, recency, text_id)
    return None if best is None else (best[2], best[0])


def passages(context: CheckContext) -> tuple[Passage, ...]:
    """The draft's passages, each traced to its origin (rules in the module docstring)."""
    table = context.index.paragraphs
    paragraphs = passage_paragraphs(context.draft)
    norms = [normal(p.text) for p in paragraphs]
    chosen: dict[int, tuple[int, PassageStatus]] = {}
    for n, norm in enumerate(norms):
        text_id = table.ids.get(norm)
        if text_id is not None and context.places(table, text_id):
            chosen[n] = (text_id, "reused")
    open_rows = [n for n in range(len(norms)) if n not in chosen]
    if open_rows:
        ids = context.candidate_ids(table, [norms[n] for n in open_rows])
        scores = similarity_matrix([norms[n] for n in open_rows], [table.texts[i] for i in ids])
        for n, row in zip(open_rows, scores, strict=True):
            best = _best(context, table, row, ids, CHANGED_THRESHOLD)
            if best is not None:
                chosen[n] = (best[0], "changed")
    found = []
    for n, paragraph in enumerate(paragraphs):
        if n not in chosen:
            found.append(Passage(paragraph.text, "new", None, None, (), ()))
            continue
        text_id, status = chosen[n]
        (letter_n, item_n), *others = context.places(table, text_id)
        origin_text = passage_paragraphs(context.corpus[letter_n])[item_n].text
        diff = (
            (("=", paragraph.text),)
            if status == "reused"
            else tuple(word_diff(origin_text, paragraph.text))
        )
        also_in = tuple(
            context.ref(m) for m in dict.fromkeys(m for m, _ in others) if m != letter_n
        )
        found.append(
            Passage(paragraph.text, status, context.ref(letter_n), origin_text, diff, also_in)
        )
    return tuple(found)


def missing_passages(draft: Letter, base: Letter | None) -> tuple[MissingPassage, ...]:
    """Paragraphs of ``base`` the draft neither keeps nor resembles; none without a base."""
    if base is None:
        return ()
    theirs = passage_paragraphs(base)
    their_norms = [normal(p.text) for p in theirs]
    ours = {normal(p.text) for p in passage_paragraphs(draft)}
    scores = similarity_matrix(sorted(ours), their_norms)
    ref = LetterRef.of(base)
    return tuple(
        MissingPassage(letter=ref, text=paragraph.text)
        for j, paragraph in enumerate(theirs)
        if their_norms[j] not in ours and all(row[j] < CHANGED_THRESHOLD for row in scores)
    )
