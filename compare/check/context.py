"""What the steps of one check share.

In: the draft, the corpus letters, their :class:`~compare.check.index.ParagraphIndex` and the
positions of the nearest letters. Out: :class:`CheckContext` — each letter's recency rank
(by date, undated letters last, then the letter ranked nearer to the draft, then corpus
order), the letters left out (those whose key equals the draft's: a corpus letter checked
as a draft, as :func:`compare.similarity.nearest` leaves them out; and those dated after
the draft, :func:`later_positions`), where a text stands and which texts are candidates for
a draft's paragraphs or asks.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from datetime import date as Date

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
    ) -> None:
        """``later``: positions of the letters dated after the draft, never sources."""
        self.draft = draft
        self.corpus = corpus
        self.index = index
        self.near_positions = near_positions
        nearness = {p: n for n, p in enumerate(near_positions)}
        dates = index.dates
        order = sorted(
            range(len(corpus)),
            key=lambda n: (
                dates[n] is None,
                -_ordinal(dates[n]),
                nearness.get(n, len(near_positions)),
                n,
            ),
        )
        self.rank = [0] * len(corpus)
        for rank, n in enumerate(order):
            self.rank[n] = rank
        self.position = {key: n for n, key in enumerate(index.keys)}
        same = {n for n, key in enumerate(index.keys) if draft.key and key == draft.key}
        self.excluded = same | later
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


@functools.lru_cache(maxsize=4096)
def _ordinal(iso: str | None) -> int:
    if not iso:
        return 0
    try:
        return Date.fromisoformat(iso).toordinal()
    except ValueError:
        return 0
