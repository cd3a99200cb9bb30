"""The draft's asks against every earlier ask, and the base letter's asks it drops.

In: a :class:`~compare.check.context.CheckContext` (the draft, the corpus and its index) and
the base letter (``None`` without one; see :mod:`compare.check.passages`). Out:
:class:`~compare.check.results.AskCheck` per draft ask, in order, then per dropped ask.

Each draft ask is ``carried`` (equal after normalisation, or similarity at least
``CARRIED_THRESHOLD`` with a corpus ask), ``reworded`` (at least ``ASK_THRESHOLD``) or
``new``; its ``precedents`` are every corpus ask at least ``ASK_THRESHOLD`` alike, newest
first, and ``verb_change`` compares its verb with the closest precedent's (equal scores: the
most recent). Candidates are found as :mod:`compare.check.index` describes. Asks of the base
letter that no draft ask resembles follow as ``dropped``.
"""

from __future__ import annotations

from compare.alignment import similarity_matrix
from compare.check.context import CheckContext
from compare.check.results import AskCheck, AskStatus, Precedent
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
    draft_asks = context.draft.asks
    norms = [normal(ask.text) for ask in draft_asks]
    ids = context.candidate_ids(table, norms)
    scores = similarity_matrix(norms, [table.texts[i] for i in ids])
    checks = []
    for n, ask in enumerate(draft_asks):
        row = list(scores[n]) if ids else []
        exact = table.ids.get(norms[n])
        if exact is not None and exact in ids:
            row[ids.index(exact)] = 1.0  # equal after normalisation, whatever the word score
        matched = [(row[k], text_id) for k, text_id in enumerate(ids) if row[k] >= ASK_THRESHOLD]
        if not matched:
            checks.append(AskCheck(ask.text, "new", None, ()))
            continue
        places = sorted(
            (
                (context.rank[letter_n], letter_n, ask_n, score)
                for score, text_id in matched
                for letter_n, ask_n in context.places(table, text_id)
            ),
        )
        best = max(places, key=lambda p: (p[3], -p[0]))
        closest = context.corpus[best[1]].asks[best[2]]
        status: AskStatus = "carried" if best[3] >= CARRIED_THRESHOLD else "reworded"
        precedents = tuple(
            _precedent(context.corpus[letter_n], ask_n) for _, letter_n, ask_n, _ in places
        )
        checks.append(AskCheck(ask.text, status, verb_change(closest.verb, ask.verb), precedents))
    if base is not None:
        theirs = [normal(ask.text) for ask in base.asks]
        against = similarity_matrix(norms, theirs)
        for j, ask in enumerate(base.asks):
            if theirs[j] in norms or any(row[j] >= ASK_THRESHOLD for row in against):
                continue
            checks.append(AskCheck(ask.text, "dropped", None, (_precedent(base, j),)))
    return tuple(checks)


def _precedent(letter: Letter, ask_n: int) -> Precedent:
    ask = letter.asks[ask_n]
    return Precedent(letter=LetterRef.of(letter), text=ask.text, verb=ask.verb)
