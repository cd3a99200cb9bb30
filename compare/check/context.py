"""What the steps of one check share.

In: the draft, the corpus letters, their :class:`~compare.check.index.ParagraphIndex` and the
positions of the nearest letters. Out: :class:`CheckContext` — each letter's recency rank
(by date, undated letters last, then the letter ranked nearer to the draft, then corpus
order), the letters left out (those whose key equals the draft's: a corpus letter checked
as a draft, as :func:`compare.similarity.nearest` leaves them out; and those dated after
the draft, :func:`later_positions`), where a text stands and which texts are candidates for
a draft's paragraphs or asks.

Cost: what it does for every corpus letter is in numpy (the recency ranks: one ``lexsort``
of the letters' day numbers, :attr:`~compare.check.index.ParagraphIndex.date_order`); the
rest touches only the texts and letters a step asks for.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from compare.check.index import ParagraphIndex, TextTable
from compare.models import Letter, LetterRef


class CheckContext:
    """What the steps of one check share: letters, index, recency ranks, exclusions."""

    def __init__(
        self,
        draft: Letter,
        corpus: Sequence[Letter],
        index: ParagraphIndex,
        near_positions: list[int],
        later: frozenset[int] = frozenset(),
        position: Mapping[str, int] | None = None,
    ) -> None:
        """``later``: positions of the letters dated after the draft, never sources;
        ``position``: each key's position (made from ``index.keys`` when not given)."""
        self.draft = draft
        self.corpus = corpus
        self.index = index
        self.near_positions = near_positions
        undated, ordinals = index.date_order
        count = len(index.keys)
        nearness = np.full(count, len(near_positions), dtype=np.int64)
        if near_positions:
            nearness[np.asarray(near_positions, dtype=np.int64)] = np.arange(len(near_positions))
        # undated last, then the latest date first, then the nearer, then corpus order
        order = np.lexsort((np.arange(count), nearness, -ordinals, undated))
        rank = np.empty(count, dtype=np.int64)
        rank[order] = np.arange(count)
        self.rank: Sequence[int] = rank.tolist()
        """Per letter position, its recency rank (0: the most recent)."""
        self.position = (
            position if position is not None else {key: n for n, key in enumerate(index.keys)}
        )
        if len(self.position) == count:  # keys unique, as a corpus's are
            same = {self.position[draft.key]} if draft.key in self.position else set()
        else:
            same = {n for n, key in enumerate(index.keys) if draft.key and key == draft.key}
        self.excluded = later | same
        self._places: dict[tuple[int, int], list[tuple[int, int]]] = {}

    def places(self, table: TextTable, text_id: int) -> list[tuple[int, int]]:
        """Where the text stands, excluded letters left out, most recent first."""
        cached = self._places.get((id(table), text_id))
        if cached is None:
            found = [p for p in table.places[text_id] if p[0] not in self.excluded]
            cached = sorted(found, key=lambda p: (self.rank[p[0]], p[1]))
            self._places[(id(table), text_id)] = cached
        return cached

    def candidate_ids(self, table: TextTable, norms: Sequence[str]) -> list[int]:
        """Candidates for any of ``norms``: their exact texts, the nearest letters' items and
        the inverted index's finds, each once, those only in excluded letters left out."""
        ids: dict[int, None] = dict.fromkeys(table.ids[n] for n in norms if n in table.ids)
        for n in self.near_positions:
            ids.update(dict.fromkeys(table.by_letter[n]))
        for norm in norms:
            ids.update(dict.fromkeys(table.candidates(norm)))
        return [text_id for text_id in ids if self.places(table, text_id)]

    def ref(self, n: int) -> LetterRef:
        """The reference to the corpus letter at position ``n``."""
        return LetterRef.of(self.corpus[n])


def later_positions(dates: Sequence[str | None], until: str | None) -> frozenset[int]:
    """Positions of the letters dated after ``until`` (ISO dates compare as strings); none
    when ``until`` is ``None``. Undated letters are never later."""
    if until is None:
        return frozenset()
    return frozenset(n for n, day in enumerate(dates) if day is not None and day > until)
