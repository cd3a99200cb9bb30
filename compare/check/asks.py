"""The draft's asks against every earlier ask, and the base letter's asks it drops.

In: a :class:`~compare.check.context.CheckContext` (the draft, the corpus and its index) and
the base letter (``None`` without one; see :mod:`compare.check.passages`). Out:
:class:`~compare.check.results.AskCheck` per draft ask, in order, then per dropped ask.

A corpus ask (of a letter that may be a source: :mod:`compare.check.context`) is a
*precedent* of a draft ask when

* its wording is alike: word similarity (:func:`compare.alignment.similarity_matrix`) at
  least ``ASK_THRESHOLD``, or equal after normalisation (``match`` ``wording``); or
* it asks the same thing in other words, as :mod:`compare.check.meaning` judges it
  (idf-weighted cosine of stemmed content words and synonyms at least
  :data:`~compare.check.meaning.MEANING_THRESHOLD`, the same action, and what it acts on
  shared; ``match`` ``meaning``).

Each draft ask is ``carried`` (a precedent of word similarity at least
``CARRIED_THRESHOLD``, or equal after normalisation), ``reworded`` (any other precedent) or
``new`` (none); its ``precedents`` are all of them, newest first, and ``verb_change``
compares its verb with the closest precedent's: the highest word similarity, else the
highest meaning score (equal scores: the most recent). Candidates by wording are found as
:mod:`compare.check.index` describes. Asks of the base letter that no draft ask resembles,
in wording or in meaning, follow as ``dropped``.
"""

from __future__ import annotations

from compare.alignment import similarity_matrix
from compare.check.context import CheckContext
from compare.check.meaning import ask_meaning
from compare.check.results import AskCheck, AskStatus, Precedent, PrecedentMatch
from compare.check.text import normal
from compare.comparison import verb_change
from compare.models import Letter, LetterRef

ASK_THRESHOLD = 0.5
"""Word similarity from which a corpus ask is a precedent (the ask is at least reworded)."""
CARRIED_THRESHOLD = 0.8
"""Word similarity from which an ask is ``carried`` (the same ask as before)."""


def check_asks(context: CheckContext, base: Letter | None) -> tuple[AskCheck, ...]:
    """The draft's asks, then the base letter's dropped asks (rules in the module docstring)."""
    table = context.index.asks
    meanings = context.index.ask_meanings
    draft_asks = context.draft.asks
    norms = [normal(ask.text) for ask in draft_asks]
    meaning = [ask_meaning(ask.text) for ask in draft_asks]
    ids = context.candidate_ids(table, norms)
    scores = similarity_matrix(norms, [table.texts[i] for i in ids])
    checks = []
    for n, ask in enumerate(draft_asks):
        row = list(scores[n]) if ids else []
        exact = table.ids.get(norms[n])
        if exact is not None and exact in ids:
            row[ids.index(exact)] = 1.0  # equal after normalisation, whatever the word score
        matched: dict[int, tuple[PrecedentMatch, float]] = {
            text_id: ("meaning", score)
            for text_id, score in meanings.alike(meaning[n]).items()
            if context.places(table, text_id)
        }
        matched |= {
            text_id: ("wording", row[k]) for k, text_id in enumerate(ids) if row[k] >= ASK_THRESHOLD
        }
        if not matched:
            checks.append(AskCheck(ask.text, "new", None, ()))
            continue
        places = sorted(
            (context.rank[letter_n], letter_n, ask_n, match, score)
            for text_id, (match, score) in matched.items()
            for letter_n, ask_n in context.places(table, text_id)
        )
        best = max(places, key=lambda p: (p[3] == "wording", p[4], -p[0]))
        closest = context.corpus[best[1]].asks[best[2]]
        carried = best[3] == "wording" and best[4] >= CARRIED_THRESHOLD
        status: AskStatus = "carried" if carried else "reworded"
        precedents = tuple(
            _precedent(context.corpus[letter_n], ask_n, match)
            for _, letter_n, ask_n, match, _ in places
        )
        checks.append(AskCheck(ask.text, status, verb_change(closest.verb, ask.verb), precedents))
    if base is not None:
        theirs = [normal(ask.text) for ask in base.asks]
        against = similarity_matrix(norms, theirs)
        for j, ask in enumerate(base.asks):
            if theirs[j] in norms or any(row[j] >= ASK_THRESHOLD for row in against):
                continue
            theirs_meaning = ask_meaning(ask.text)
            if any(meanings.same_ask(mine, theirs_meaning) for mine in meaning):
                continue
            checks.append(AskCheck(ask.text, "dropped", None, (_precedent(base, j, "wording"),)))
    return tuple(checks)


def _precedent(letter: Letter, ask_n: int, match: PrecedentMatch) -> Precedent:
    ask = letter.asks[ask_n]
    return Precedent(letter=LetterRef.of(letter), text=ask.text, verb=ask.verb, match=match)
