"""What the check looks up in a corpus, built once per corpus so that a cache can keep it.

In: the corpus letters, in corpus order. Out: :class:`ParagraphIndex` — the letters' keys
and dates, a :class:`TextTable` of their passage paragraphs and one of their asks, the asks'
meaning terms (:mod:`compare.check.meaning`), and the addressees' names — and its plain
form (:meth:`ParagraphIndex.to_plain`, JSON values and integer numpy arrays, nothing that
runs code when read back).

Passages. Every paragraph except ``closing`` ones ("Sincerely,") is a passage —
body paragraphs, headings and list items alike, so a heading or list item copied from an
earlier letter is traced like any paragraph; closing lines are the same in every letter and
would only add noise.

How it stays fast on a large corpus (10,000 letters, ~150,000 paragraphs): the index holds
each distinct normalised paragraph once, so exact reuse is one dict look-up. Only drafts'
paragraphs that are not reused are compared word by word, and only with *candidates*: every
paragraph of the ``top`` nearest letters, plus paragraphs found through an inverted index of
content words (runs of three or more letters): the ``RARE_WORDS`` rarest words of the draft
paragraph that the corpus knows select the paragraphs sharing at least ``MIN_SHARED_WORDS``
of them (all of them when fewer are known), at most ``MAX_CANDIDATES`` per draft paragraph,
most shared first. Words in more than ``max(MAX_POSTINGS, paragraphs / 50)`` paragraphs are
too common to select anything and are skipped. Every draft paragraph is then scored against
all candidates found for any of them, in one ``similarity_matrix`` call.
Limits: a paragraph changed so much that it keeps fewer than three of its rare words, in a
letter that is not among the nearest, is reported ``new`` although a similarity of 0.5 might
have been found by comparing it with every paragraph; asks' precedents by wording are found
the same way, and those by meaning through postings of their meaning terms
(:meth:`compare.check.meaning.AskMeanings.alike`).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date as Date
from functools import cached_property
from typing import TYPE_CHECKING, Any, Protocol

from compare.check.meaning import AskMeanings
from compare.check.recipients import RecipientNames, recipient_names
from compare.check.text import content_words, normal
from compare.models import Letter, Paragraph

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

PASSAGE_KINDS = frozenset({"body", "heading", "list-item"})
"""Paragraph kinds that are passages (``closing`` lines are left out)."""
RARE_WORDS = 8
"""How many of a draft paragraph's rarest known words select candidates."""
MIN_SHARED_WORDS = 3
"""How many of those a candidate must share."""
MAX_CANDIDATES = 300
"""Candidates kept per draft paragraph (or ask) from the inverted index, most shared first."""
MAX_POSTINGS = 200
"""Floor of the document frequency above which a word selects nothing (see the docstring)."""
PLAIN_VERSION = 2
"""Version of :meth:`ParagraphIndex.to_plain`'s layout; :meth:`~ParagraphIndex.from_plain`
refuses others."""


class NearestSearch(Protocol):
    """What finds a draft's nearest letters: a fitted corpus
    (:class:`compare.index.CorpusIndex`) or a letter store's postings
    (:class:`compare.store.search.StoreSearch`). ``keys`` are the corpus letters' keys in
    corpus order; ``vector`` makes a query of a text, ``nearest`` answers it with
    :class:`~compare.similarity.SimilarPair` objects, best first."""

    @property
    def keys(self) -> tuple[str, ...]: ...

    def vector(self, text: str) -> Any: ...

    def nearest(
        self, query: Any, top: int = 3, *, key: str = "", exclude: frozenset[str] = frozenset()
    ) -> list[Any]: ...


_WORD = re.compile(r"\w+")
_NAME_WORD = re.compile(r"[^\W\d_][\w'’-]*")


def name_words(name: str) -> tuple[str, ...]:
    """The words of a name as :mod:`compare.check.recipients` compares them: runs of word
    characters, case folded ("UN Human-Rights" → ``("un", "human", "rights")``)."""
    return tuple(_WORD.findall(name.casefold()))


@dataclass(frozen=True)
class DraftWords:
    """What of a draft's salutation and passages can name a corpus addressee
    (:func:`draft_words`)."""

    words: frozenset[str]
    """Every word (:func:`name_words`) of the texts (after
    :func:`compare.check.text.normal`): a name found as a run of the draft's words has all
    its words here."""
    titled: frozenset[str]
    """Per titled name of the texts (:func:`compare.check.recipients.titled_names`), the
    least of its distinctive words: the word by which the recipient rule looks up the
    addressee it names, whose name must hold it."""


def draft_words(texts: Iterable[str]) -> DraftWords:
    """The :class:`DraftWords` of ``texts`` (a draft's salutation and passages)."""
    from compare.check.recipients import distinctive, titled_names

    words: set[str] = set()
    titled: set[str] = set()
    for text in texts:
        norm = normal(text)
        words.update(name_words(norm))
        for written, _, _ in titled_names(norm):
            found = distinctive(written)
            if found:
                titled.add(min(found))
    return DraftWords(frozenset(words), frozenset(titled))


@dataclass(frozen=True, eq=False)
class NameWords:
    """The corpus addressees' names by word (:func:`name_words`), numbered over all
    addressees in order (each addressee's names in order)."""

    postings: Mapping[str, Sequence[int] | NDArray[np.int64]]
    """Word → the numbers of the names holding it, ascending."""
    group: NDArray[np.int64]
    """Per name number, its addressee's position in ``ParagraphIndex.recipients``."""
    sizes: NDArray[np.int64]
    """Per name number, how many distinct words it has (0: none)."""

    @classmethod
    def build(cls, recipients: Sequence[RecipientNames]) -> NameWords:
        """The names of ``recipients`` by word."""
        import numpy as np

        postings: dict[str, Sequence[int] | NDArray[np.int64]] = {}
        group: list[int] = []
        sizes: list[int] = []
        for row, addressee in enumerate(recipients):
            for name in addressee.names:
                words = dict.fromkeys(name_words(name))
                for word in words:
                    found = postings.setdefault(word, [])
                    assert isinstance(found, list)
                    found.append(len(group))
                group.append(row)
                sizes.append(len(words))
        return cls(postings, np.array(group, dtype=np.int64), np.array(sizes, dtype=np.int64))


def day_number(iso: str | None) -> int:
    """The proleptic Gregorian day number of an ISO date, 0 for ``None`` or no date."""
    if not iso:
        return 0
    try:
        return Date.fromisoformat(iso).toordinal()
    except ValueError:
        return 0


def passage_paragraphs(letter: Letter) -> list[Paragraph]:
    """The paragraphs of ``letter`` that are passages (``PASSAGE_KINDS``), in order."""
    return [p for p in letter.paragraphs if p.kind in PASSAGE_KINDS]


def paragraph_labels(letter: Letter) -> list[str]:
    """ "¶n" of each passage paragraph: its position among all the letter's paragraphs."""
    return [f"¶{n}" for n, p in enumerate(letter.paragraphs, start=1) if p.kind in PASSAGE_KINDS]


@dataclass(frozen=True, eq=False)
class TextTable:
    """Distinct normalised texts (paragraphs or asks) of a corpus and where each stands."""

    texts: Sequence[str]
    """Distinct texts after ``normalize``, first-seen order; a text's id is its position."""
    ids: Mapping[str, int]
    """Normalised text → id: exact reuse is one look-up."""
    places: Sequence[Sequence[tuple[int, int]]]
    """Per id, every (letter position, item position) holding the text, in corpus order."""
    by_letter: Sequence[Sequence[int]]
    """Per letter position, the ids of its items in reading order."""
    postings: Mapping[str, Sequence[int]]
    """Content word (lower case, 3+ letters) → ids of the texts containing it (ascending).

    The tables :func:`compare.store.paragraphs.open_paragraphs` gives hold views over
    memory-mapped arrays here, not tuples and dicts: each item is read when asked for."""

    @classmethod
    def build(cls, items: Sequence[Sequence[str]]) -> TextTable:
        """The table of ``items`` (per letter, the texts of its paragraphs or asks)."""
        texts: list[str] = []
        ids: dict[str, int] = {}
        places: list[list[tuple[int, int]]] = []
        by_letter: list[tuple[int, ...]] = []
        postings: dict[str, list[int]] = {}
        for letter_position, letter_items in enumerate(items):
            row = []
            for item_position, text in enumerate(letter_items):
                norm = normal(text)
                text_id = ids.get(norm)
                if text_id is None:
                    text_id = ids[norm] = len(texts)
                    texts.append(norm)
                    places.append([])
                    for word in content_words(norm):
                        postings.setdefault(word, []).append(text_id)
                places[text_id].append((letter_position, item_position))
                row.append(text_id)
            by_letter.append(tuple(row))
        return cls(
            texts=tuple(texts),
            ids=ids,
            places=tuple(tuple(p) for p in places),
            by_letter=tuple(by_letter),
            postings={word: tuple(found) for word, found in postings.items()},
        )

    def candidates(self, norm: str) -> list[int]:
        """Ids of texts sharing enough of ``norm``'s rarest words (see the module docstring)."""
        cap = max(MAX_POSTINGS, len(self.texts) // 50)
        found_of = {w: self.postings.get(w, ()) for w in content_words(norm)}
        known = [w for w, ids in found_of.items() if 0 < len(ids) <= cap]
        rare = sorted(known, key=lambda w: (len(found_of[w]), w))[:RARE_WORDS]
        need = min(MIN_SHARED_WORDS, len(rare))
        if not need:
            return []
        counts: Counter[int] = Counter()
        for word in rare:
            ids = found_of[word]  # a tuple, or a mapped array (compare.store.paragraphs)
            counts.update(ids.tolist() if hasattr(ids, "tolist") else ids)
        found = [text_id for text_id, shared in counts.items() if shared >= need]
        found.sort(key=lambda text_id: (-counts[text_id], text_id))
        return found[:MAX_CANDIDATES]

    def to_plain(self) -> dict[str, Any]:
        """The table as a list of texts and integer arrays (each list of lists flattened to
        ``*_starts`` offsets and values); ``ids`` is rebuilt from ``texts``."""
        words = list(self.postings)
        place_starts, place_letters, place_items = _flatten(self.places, pairs=True)
        letter_starts, letter_texts, _ = _flatten(self.by_letter)
        word_starts, word_texts, _ = _flatten([self.postings[w] for w in words])
        return {
            "texts": list(self.texts),
            "place_starts": place_starts,
            "place_letters": place_letters,
            "place_items": place_items,
            "letter_starts": letter_starts,
            "letter_texts": letter_texts,
            "words": words,
            "word_starts": word_starts,
            "word_texts": word_texts,
        }

    @classmethod
    def from_plain(cls, plain: Mapping[str, Any]) -> TextTable:
        """The table :meth:`to_plain` gave (arrays or lists of integers alike)."""
        texts = tuple(plain["texts"])
        letters = _unflatten(plain["place_starts"], plain["place_letters"])
        items = _unflatten(plain["place_starts"], plain["place_items"])
        places = tuple(
            tuple(zip(row_letters, row_items, strict=True))
            for row_letters, row_items in zip(letters, items, strict=True)
        )
        by_letter = tuple(_unflatten(plain["letter_starts"], plain["letter_texts"]))
        found = _unflatten(plain["word_starts"], plain["word_texts"])
        words = list(plain["words"])
        if len(places) != len(texts) or len(found) != len(words):
            raise ValueError("the plain text table's arrays do not match its texts or words")
        return cls(
            texts=texts,
            ids={text: n for n, text in enumerate(texts)},
            places=places,
            by_letter=by_letter,
            postings=dict(zip(words, found, strict=True)),
        )


def _flatten(rows: Sequence[Sequence[Any]], pairs: bool = False) -> tuple[Any, Any, Any]:
    """``rows`` as ``(starts, values, second values)``: row ``n`` is
    ``values[starts[n]:starts[n + 1]]``; with ``pairs``, each value is a pair split over the
    two value arrays (else the third is ``None``)."""
    import numpy as np

    starts = np.zeros(len(rows) + 1, dtype=np.int64)
    np.cumsum([len(row) for row in rows], out=starts[1:])
    if not pairs:
        values = np.fromiter((v for row in rows for v in row), np.int64, int(starts[-1]))
        return starts, values, None
    firsts = np.fromiter((v for row in rows for v, _ in row), np.int64, int(starts[-1]))
    seconds = np.fromiter((v for row in rows for _, v in row), np.int64, int(starts[-1]))
    return starts, firsts, seconds


def _unflatten(starts: Any, values: Any) -> list[tuple[int, ...]]:
    import numpy as np

    bounds = np.asarray(starts, dtype=np.int64).tolist()
    flat = np.asarray(values, dtype=np.int64).tolist()
    if not bounds or bounds[0] != 0 or bounds[-1] != len(flat):
        raise ValueError("the plain text table's offsets do not match its values")
    return [tuple(flat[a:b]) for a, b in zip(bounds, bounds[1:], strict=False)]


@dataclass(frozen=True, eq=False)
class ParagraphIndex:
    """What the check looks up in a corpus, built once (:meth:`build`) so that a cache can
    keep it; it is valid for the letters it was built from, in that order."""

    keys: tuple[str, ...]
    """The corpus letters' keys, in corpus order (a check verifies them)."""
    dates: tuple[str | None, ...]
    """The corpus letters' dates, in corpus order (recency ranks need no whole letter)."""
    paragraphs: TextTable
    """The letters' passage paragraphs (not closing lines)."""
    asks: TextTable
    """The letters' asks."""
    ask_meanings: AskMeanings
    """The meaning terms of each distinct ask of ``asks`` (:mod:`compare.check.meaning`)."""
    recipients: Sequence[RecipientNames]
    """Every addressee the corpus knows, first-seen order (:mod:`compare.check.recipients`)."""
    recipient_words: NameWords | None = None
    """The addressees' names by word; made from ``recipients`` when ``None``
    (:meth:`recipients_for`)."""
    day_order: tuple[NDArray[np.bool_], NDArray[np.int64]] | None = None
    """Per letter: undated, and its date's day number (0 when undated or not a date);
    made from ``dates`` when ``None`` (:attr:`date_order`)."""

    @cached_property
    def date_order(self) -> tuple[NDArray[np.bool_], NDArray[np.int64]]:
        """Per letter, whether it is undated (``dates[n] is None``) and its date's
        proleptic Gregorian day number (0 for an undated letter or a date that is no ISO
        date): what recency ranks sort by (:class:`compare.check.context.CheckContext`)."""
        import numpy as np

        if self.day_order is not None:
            return self.day_order
        days: dict[str | None, int] = {}
        undated = np.fromiter((d is None for d in self.dates), bool, len(self.dates))
        ordinals = np.fromiter(
            (days[d] if d in days else days.setdefault(d, day_number(d)) for d in self.dates),
            np.int64,
            len(self.dates),
        )
        return undated, ordinals

    @cached_property
    def _name_words(self) -> NameWords:
        if self.recipient_words is not None:
            return self.recipient_words
        return NameWords.build(self.recipients)

    def recipients_for(self, draft: DraftWords) -> tuple[RecipientNames, ...]:
        """The addressees (of ``recipients``, in order) the ``recipient-mismatch`` warning
        can find in a draft of these words: those with a name all of whose words are among
        ``draft.words`` (a name is found as a run of the draft's words), a name holding a
        word of ``draft.titled`` (a titled name finds the addressee whose name holds all its
        distinctive words, looked up by the least of them), or a name without words. So
        :func:`compare.check.recipients.recipient_mismatches` gives the same warnings with
        these as with all of them (a test checks it), without reading the others: a draft
        names a few of 100,000 addressees."""
        import numpy as np

        index = self._name_words
        found = [index.postings.get(word, ()) for word in draft.words]
        hits = np.concatenate(
            [np.asarray(f, dtype=np.int64) for f in found if len(f)] or [np.zeros(0, np.int64)]
        )
        names, counts = np.unique(hits, return_counts=True)
        whole = names[counts == index.sizes[names]]
        titled = [index.postings.get(word, ()) for word in draft.titled]
        named = np.concatenate(
            [whole, np.flatnonzero(index.sizes == 0)]
            + [np.asarray(f, dtype=np.int64) for f in titled if len(f)]
        )
        rows = np.unique(index.group[named]).tolist()
        return tuple(self.recipients[n] for n in rows)

    @classmethod
    def build(cls, corpus: Sequence[Letter]) -> ParagraphIndex:
        """The index of ``corpus``."""
        paragraphs = TextTable.build(
            [[p.text for p in passage_paragraphs(letter)] for letter in corpus]
        )
        asks = TextTable.build([[ask.text for ask in letter.asks] for letter in corpus])
        return cls(
            keys=tuple(letter.key for letter in corpus),
            dates=tuple(letter.date for letter in corpus),
            paragraphs=paragraphs,
            asks=asks,
            ask_meanings=AskMeanings.build(asks.texts),
            recipients=recipient_names(corpus),
        )

    def to_plain(self) -> dict[str, Any]:
        """The index as plain values, to store without pickle: a dict whose values are
        strings, integers, ``None``, lists and dicts of them, and one-dimensional int64
        numpy arrays (``np.save(..., allow_pickle=False)`` writes them; lists of integers
        read back as well). :meth:`from_plain` turns it back into an equal index."""
        return {
            "version": PLAIN_VERSION,
            "keys": list(self.keys),
            "dates": list(self.dates),
            "paragraphs": self.paragraphs.to_plain(),
            "asks": self.asks.to_plain(),
            "ask_meanings": self.ask_meanings.to_plain(),
            "recipients": [
                {
                    "recipient": r.recipient,
                    "names": list(r.names),
                    "greeted": list(r.greeted),
                    "keys": list(r.keys),
                }
                for r in self.recipients
            ],
        }

    @classmethod
    def from_plain(cls, plain: Mapping[str, Any]) -> ParagraphIndex:
        """The index :meth:`to_plain` gave; ``ValueError`` for another layout version or
        arrays that do not fit together."""
        if plain.get("version") != PLAIN_VERSION:
            raise ValueError(f"paragraph index layout {plain.get('version')!r} is not known")
        keys = tuple(plain["keys"])
        dates = tuple(plain["dates"])
        paragraphs = TextTable.from_plain(plain["paragraphs"])
        asks = TextTable.from_plain(plain["asks"])
        if not len(keys) == len(dates) == len(paragraphs.by_letter) == len(asks.by_letter):
            raise ValueError("the plain paragraph index's parts hold different letter counts")
        ask_meanings = AskMeanings.from_plain(plain["ask_meanings"])
        if len(ask_meanings) != len(asks.texts):
            raise ValueError("the plain paragraph index's ask meanings do not match its asks")
        return cls(
            keys=keys,
            dates=dates,
            paragraphs=paragraphs,
            asks=asks,
            ask_meanings=ask_meanings,
            recipients=tuple(
                RecipientNames(
                    r["recipient"], tuple(r["names"]), tuple(r["greeted"]), tuple(r["keys"])
                )
                for r in plain["recipients"]
            ),
        )
