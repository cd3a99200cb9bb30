"""A new draft checked against every earlier letter: where each passage comes from, what the
letter it was made from said that it leaves out, how the asks and signatories moved, and the
slips a copied letter tends to carry (stale dates, the wrong recipient, changed figures).

In: the draft (a parsed :class:`Letter`; it may lack a date, signatories or a key) and the
corpus letters. Out: :class:`CheckResult`, plain data; ``check_json`` gives the documented JSON
and :mod:`compare.checkview` the terminal text and the report context.

Passages. Every draft paragraph except ``closing`` ones ("Sincerely,") is a passage —
body paragraphs, headings and list items alike, so a heading or list item copied from an
earlier letter is traced like any paragraph; closing lines are the same in every letter and
would only add noise. Each passage is

* ``reused`` when its text equals a corpus paragraph after :func:`compare.alignment.normalize`
  (quotes, dashes and white space ignored);
* ``changed`` when some corpus paragraph has a word similarity of at least
  ``CHANGED_THRESHOLD`` with it (:func:`compare.alignment.similarity_matrix`): the best score
  wins, equal scores go to the most recent letter;
* ``new`` otherwise.

The source may be any corpus letter, not only the nearest. When the chosen text stands in
several letters, the most recent one is the ``source`` (by date, undated letters last, then
the letter ranked nearer to the draft, then corpus order) and the others are ``also_in``,
most recent first. Letters whose key equals the draft's (a corpus letter checked as a draft)
are left out, as :func:`compare.similarity.nearest` leaves them out.

How it stays fast on a large corpus (10,000 letters, ~150,000 paragraphs):
:class:`ParagraphIndex` is built once per corpus (a cache can keep it) and holds each distinct
normalised paragraph once, so exact reuse is one dict look-up. Only drafts' paragraphs that
are not reused are compared word by word, and only with *candidates*: every paragraph of the
``top`` nearest letters, plus paragraphs found through an inverted index of content words
(runs of three or more letters): the ``RARE_WORDS`` rarest words of the draft paragraph that
the corpus knows select the paragraphs sharing at least ``MIN_SHARED_WORDS`` of them (all of
them when fewer are known), at most ``MAX_CANDIDATES`` per draft paragraph, most shared first.
Words in more than ``max(MAX_POSTINGS, paragraphs / 50)`` paragraphs are too common to select
anything and are skipped. Every draft paragraph is then scored against all candidates found
for any of them, in one ``similarity_matrix`` call.
Limits: a paragraph changed so much that it keeps fewer than three of its rare words, in a
letter that is not among the nearest, is reported ``new`` although a similarity of 0.5 might
have been found by comparing it with every paragraph; asks' precedents are found the same way.

The base letter: the nearest letter when it is a near-duplicate of the draft (cosine at least
:data:`compare.similarity.DEFAULT_THRESHOLD`, ``SimilarPair.near_duplicate``) — the letter
the draft was most likely made from. A draft like no earlier letter has no base: listing
every paragraph and ask of an unrelated letter as left out would bury what matters.

Missing: paragraphs of the base letter (not ``closing``) that no draft passage equals or
resembles (similarity ``CHANGED_THRESHOLD`` or more), whatever source the passages were given.

Asks: each draft ask is ``carried`` (equal after normalisation, or similarity at least
``CARRIED_THRESHOLD`` with a corpus ask), ``reworded`` (at least ``ASK_THRESHOLD``) or
``new``; its ``precedents`` are every corpus ask at least ``ASK_THRESHOLD`` alike, newest
first, and ``verb_change`` compares its verb with the closest precedent's (equal scores: the
most recent). Asks of the base letter that no draft ask resembles follow as ``dropped``.

Signatories: :func:`compare.comparison.signatory_changes` of the nearest letter's list to the
draft's (nothing when there is no nearest letter).

Warnings, one line each (``detail`` is the draft sentence where it was found):

* ``changed-number`` — a ``changed`` passage whose dates, years (with their month, as written)
  or other numbers differ from its source paragraph's: "12 → 15", "3 May 2019 → 3 May
  2020"; a value only on one side shows "—" on the other.
* ``date-after-draft`` — a full date in a passage later than the draft's own date (only for a
  dated draft).
* ``stale-copy`` — a ``reused``/``changed`` passage that keeps a relative-time phrase of its
  source ("next year"; list in ``data/check.toml``) when source and draft were written in
  different years; and one that keeps a year (or date) of its source equal to the source
  letter's own year (or date) while the draft is dated later ("in March 2019" in a draft of
  2020 copied from a letter of 2019). Only what the source paragraph also says is flagged:
  a date the drafter typed anew is theirs.
* ``recipient-mismatch`` — the draft addresses someone who is the recipient of a corpus letter
  but not the draft's own recipient. Names of a corpus recipient: the recipient string, its
  acronym from the initials ("UN Human Rights Council" → "UNHRC", words in capitals kept whole)
  and the name in that letter's salutation when it has two words or more ("Dear Minister
  Smith," → "Minister Smith"). A name counts when it is in the draft's salutation, or in a
  passage right after an address phrase ("we urge the European Parliament to"; list in
  ``data/check.toml``): letters mention other institutions all the time ("the draft European
  Parliament resolution"), so a mere mention is not flagged. The draft's own names are
  its recipient, the recipient's acronym and its salutation's name when that ends with a word
  of the recipient ("Dear Minister Smith," to "Jane Smith"); a corpus name that is part of
  one of them, or contains one, is never flagged, nor are the names of corpus letters with
  the same recipient. A draft without a recipient is not checked.
* ``duplicate-signatory`` — the draft's own parse warnings about a signatory listed twice.
"""

from __future__ import annotations

import calendar
import functools
import re
import tomllib
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date as Date
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Literal

from compare.alignment import normalize, similarity_matrix
from compare.cache import Cache
from compare.comparison import signatory_changes, verb_change
from compare.corpus import Corpus, LazyLetters, cached_letters
from compare.models import Letter, Paragraph, to_json
from compare.reading.dates import find_dates
from compare.reading.recipients import recipient_from_salutation
from compare.similarity import SearchIndex
from compare.themes import Taxonomy
from compare.worddiff import DiffOp, word_diff

PassageStatus = Literal["reused", "changed", "new"]
AskStatus = Literal["carried", "reworded", "new", "dropped"]
WarningKind = Literal[
    "changed-number",
    "date-after-draft",
    "stale-copy",
    "recipient-mismatch",
    "duplicate-signatory",
]

PASSAGE_KINDS = frozenset({"body", "heading", "list-item"})
"""Paragraph kinds that are passages (``closing`` lines are left out)."""
CHANGED_THRESHOLD = 0.5
"""Word similarity from which a corpus paragraph is the source of a ``changed`` passage."""
ASK_THRESHOLD = 0.5
"""Word similarity from which a corpus ask is a precedent (the ask is at least reworded)."""
CARRIED_THRESHOLD = 0.8
"""Word similarity from which an ask is ``carried`` (the same ask as before)."""
RARE_WORDS = 8
"""How many of a draft paragraph's rarest known words select candidates."""
MIN_SHARED_WORDS = 3
"""How many of those a candidate must share."""
MAX_CANDIDATES = 300
"""Candidates kept per draft paragraph (or ask) from the inverted index, most shared first."""
MAX_POSTINGS = 200
"""Floor of the document frequency above which a word selects nothing (see the docstring)."""
_CONTENT_WORD = re.compile(r"[^\W\d_]{3,}")
_NUMBER = re.compile(r"(?<![\w.,])\d+(?:[.,]\d+)*(?:st|nd|rd|th)?(?!\w)", re.I)
_MONTHS = sorted(
    {calendar.month_name[n] for n in range(1, 13)}
    | {calendar.month_abbr[n] for n in range(1, 13)}
    | {"Sept"},
    key=len,
    reverse=True,
)
_ORDINAL = r"\d{1,2}(?:st|nd|rd|th)?"
_YEAR_MENTION = re.compile(
    rf"(?<!\w)(?:(?:{_ORDINAL}\s+(?:of\s+)?)?(?:{'|'.join(_MONTHS)})\.?\s+(?:{_ORDINAL},?\s+)?)?"
    r"(?P<year>(?:19|20)\d\d)(?!\w)",
    re.I,
)
_SENTENCE_END = re.compile(r"[.!?…][\"”’')\]]*(?=\s|$)")
_DETAIL_LIMIT = 300


# --------------------------------------------------------------------------- result data


@dataclass(frozen=True)
class SourceRef:
    """A corpus letter named as a source."""

    key: str
    """The letter's key in the corpus."""
    source: str
    """Its file name within the corpus."""
    part: int
    """Its part within the file (1, 2, …)."""


@dataclass(frozen=True)
class Occurrence:
    """One more corpus letter holding a passage's source text."""

    key: str
    """The letter's key."""
    source: str
    """Its file name."""
    part: int
    """Its part within the file."""
    date: str | None
    """Its ISO date, ``None`` when undated."""


@dataclass(frozen=True)
class NearestLetter:
    """A corpus letter among the most like the draft (tf-idf cosine)."""

    key: str
    """The letter's key."""
    source: str
    """Its file name."""
    part: int
    """Its part within the file."""
    score: float
    """Cosine similarity to the draft, 0..1 (:func:`compare.similarity.nearest`)."""
    shared_terms: tuple[str, ...]
    """The distinctive terms both share, strongest first."""


@dataclass(frozen=True)
class Passage:
    """One draft paragraph (not a closing line) and where it comes from."""

    text: str
    """The draft's paragraph as written."""
    status: PassageStatus
    """``reused`` (same text), ``changed`` (a similar paragraph) or ``new``."""
    source: SourceRef | None
    """The most recent letter holding the source text; ``None`` for ``new``."""
    source_text: str | None
    """The source paragraph as written there; ``None`` for ``new``."""
    diff: tuple[tuple[DiffOp, str], ...]
    """Word diff of ``source_text`` to ``text`` (``-`` only in the source, ``+`` only in the
    draft); ``(("=", text),)`` when reused, ``()`` when new."""
    also_in: tuple[Occurrence, ...]
    """Other letters holding the same source text, most recent first."""


@dataclass(frozen=True)
class MissingPassage:
    """A paragraph of the base letter (the nearest, when a near-duplicate) that the draft no
    longer has."""

    source: SourceRef
    """The base letter."""
    text: str
    """Its paragraph as written there."""


@dataclass(frozen=True)
class Precedent:
    """An earlier ask like a draft ask."""

    key: str
    """Key of the letter that made it."""
    date: str | None
    """That letter's ISO date (``None`` when undated)."""
    text: str
    """The ask as written there."""
    verb: str | None
    """Its operative verb on the ladder (``urge``, ``call on``, …), if any."""


@dataclass(frozen=True)
class AskCheck:
    """A draft ask against the corpus's asks, or an ask of the base letter now dropped."""

    text: str
    """The draft's ask; for ``dropped``, the base letter's ask."""
    status: AskStatus
    """``carried``, ``reworded``, ``new`` or ``dropped``."""
    verb_change: Literal["escalated", "softened"] | None
    """The draft's verb against the closest precedent's, ``None`` when equal or unknown."""
    precedents: tuple[Precedent, ...]
    """Corpus asks like it, newest first; for ``dropped``, the base letter's ask."""


@dataclass(frozen=True)
class RenamedSignatory:
    """A signatory whose name changed slightly (fuzzy-matched key)."""

    a: str
    """The name in the nearest letter."""
    b: str
    """The name in the draft."""


@dataclass(frozen=True)
class SignatoryCheck:
    """The draft's signatories against the nearest letter's."""

    added: tuple[str, ...]
    """Names only in the draft."""
    removed: tuple[str, ...]
    """Names only in the nearest letter."""
    renamed: tuple[RenamedSignatory, ...]
    """Names changed slightly."""


@dataclass(frozen=True)
class CheckWarning:
    """Something in the draft that looks like a slip."""

    kind: WarningKind
    """``changed-number``, ``date-after-draft``, ``stale-copy``, ``recipient-mismatch`` or
    ``duplicate-signatory``."""
    text: str
    """One line saying what and where ("¶2 keeps "next year" from …")."""
    detail: str
    """The draft sentence where it was found (the name, for ``duplicate-signatory``)."""


@dataclass(frozen=True)
class CheckResult:
    """Everything the draft check found (see the module docstring)."""

    draft: Letter
    """The draft as parsed."""
    nearest: tuple[NearestLetter, ...]
    """The corpus letters most like the draft, best first."""
    passages: tuple[Passage, ...]
    """The draft's paragraphs except closing lines, in reading order."""
    missing: tuple[MissingPassage, ...]
    """Paragraphs of the base letter the draft does not have (none without a base)."""
    asks: tuple[AskCheck, ...]
    """The draft's asks in order, then the base letter's dropped asks."""
    signatories: SignatoryCheck
    """Signatories against the nearest letter."""
    warnings: tuple[CheckWarning, ...]
    """Likely slips, by kind in the order of the module docstring, then reading order."""


def base_key(result: CheckResult) -> str | None:
    """Key of the base letter (the nearest, when a near-duplicate), ``None`` without one."""
    from compare.similarity import DEFAULT_THRESHOLD

    if result.nearest and result.nearest[0].score >= DEFAULT_THRESHOLD:
        return result.nearest[0].key
    return None


def check_json(result: CheckResult) -> dict[str, Any]:
    """The documented ``check --json`` object: the result's fields as they are, diffs as
    ``[op, text]`` lists (``compare.models.to_json``)."""
    return to_json(result)


# --------------------------------------------------------------------------- the index


@dataclass(frozen=True, eq=False)
class TextTable:
    """Distinct normalised texts (paragraphs or asks) of a corpus and where each stands."""

    texts: tuple[str, ...]
    """Distinct texts after ``normalize``, first-seen order; a text's id is its position."""
    ids: Mapping[str, int]
    """Normalised text → id: exact reuse is one look-up."""
    places: tuple[tuple[tuple[int, int], ...], ...]
    """Per id, every (letter position, item position) holding the text, in corpus order."""
    by_letter: tuple[tuple[int, ...], ...]
    """Per letter position, the ids of its items in reading order."""
    postings: Mapping[str, tuple[int, ...]]
    """Content word (lower case, 3+ letters) → ids of the texts containing it."""

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
        known = [w for w in content_words(norm) if 0 < len(self.postings.get(w, ())) <= cap]
        rare = sorted(known, key=lambda w: (len(self.postings[w]), w))[:RARE_WORDS]
        need = min(MIN_SHARED_WORDS, len(rare))
        if not need:
            return []
        counts: Counter[int] = Counter()
        for word in rare:
            counts.update(self.postings[word])
        found = [text_id for text_id, shared in counts.items() if shared >= need]
        found.sort(key=lambda text_id: (-counts[text_id], text_id))
        return found[:MAX_CANDIDATES]


@dataclass(frozen=True)
class RecipientNames:
    """A corpus recipient and the names it goes by."""

    recipient: str
    """The recipient as parsed (``Letter.recipient``)."""
    names: tuple[str, ...]
    """The recipient, its acronym and salutation names (see the module docstring)."""
    keys: tuple[str, ...]
    """Keys of the corpus letters addressed to it, in corpus order."""


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
    recipients: tuple[RecipientNames, ...]
    """Every distinct recipient of the corpus, first-seen order."""

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
            recipients=_recipient_names(corpus),
        )


def normal(text: str) -> str:
    """``compare.alignment.normalize`` with default options, quicker on ASCII text: NFKC and
    the quote and dash mapping change no ASCII character, so only white space is collapsed."""
    return " ".join(text.split()) if text.isascii() else normalize(text)


def content_words(text: str) -> set[str]:
    """The words the inverted index knows: runs of 3+ letters, lower case."""
    return set(_CONTENT_WORD.findall(text.casefold()))


def passage_paragraphs(letter: Letter) -> list[Paragraph]:
    """The paragraphs of ``letter`` that are passages (``PASSAGE_KINDS``), in order."""
    return [p for p in letter.paragraphs if p.kind in PASSAGE_KINDS]


def paragraph_labels(letter: Letter) -> list[str]:
    """ "¶n" of each passage paragraph: its position among all the letter's paragraphs."""
    return [f"¶{n}" for n, p in enumerate(letter.paragraphs, start=1) if p.kind in PASSAGE_KINDS]


# --------------------------------------------------------------------------- the check


def check_draft(
    draft: Letter,
    corpus: Sequence[Letter],
    top: int = 3,
    *,
    index: ParagraphIndex | None = None,
    search: SearchIndex | None = None,
) -> CheckResult:
    """The draft checked against ``corpus`` (see the module docstring).

    ``top`` is how many nearest letters are listed (and fully compared paragraph by
    paragraph). ``index`` is ``ParagraphIndex.build(corpus)``, built here when not given;
    a ``ValueError`` is raised when it was built from other letters. ``search`` (a cached
    :class:`~compare.similarity.SearchIndex` of the corpus) finds the nearest letters with the
    corpus's idf; without it the vectoriser is fitted on the corpus and the draft.
    """
    from compare.similarity import nearest

    if index is None:
        index = ParagraphIndex.build(corpus)
    elif index.keys != _keys(corpus):
        raise ValueError("the paragraph index was built from other letters than the corpus")
    if search is not None and search.keys != index.keys:
        raise ValueError("the search index was built from other letters than the corpus")
    pairs = search.nearest(draft, top) if search is not None else nearest(draft, corpus, top)
    position = {key: n for n, key in enumerate(index.keys)}
    near_positions = [position[pair.b] for pair in pairs]
    near = tuple(
        NearestLetter(
            key=pair.b,
            source=corpus[position[pair.b]].source,
            part=corpus[position[pair.b]].part,
            score=pair.score,
            shared_terms=pair.shared_terms,
        )
        for pair in pairs
    )
    context = _Context(draft, corpus, index, near_positions)
    passages = _passages(context)
    first = corpus[near_positions[0]] if near_positions else None
    base = first if pairs and pairs[0].near_duplicate else None  # as base_key(result) says
    return CheckResult(
        draft=draft,
        nearest=near,
        passages=passages,
        missing=_missing(draft, base),
        asks=_asks(context, base),
        signatories=_signatories(draft, first),
        warnings=_warnings(context, passages),
    )


class _Context:
    """What the steps of one check share: letters, index, recency ranks, exclusions."""

    def __init__(
        self,
        draft: Letter,
        corpus: Sequence[Letter],
        index: ParagraphIndex,
        near_positions: list[int],
    ) -> None:
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
        self.excluded = {n for n, key in enumerate(index.keys) if draft.key and key == draft.key}
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

    def ref(self, n: int) -> SourceRef:
        letter = self.corpus[n]
        return SourceRef(key=letter.key, source=letter.source, part=letter.part)


@functools.lru_cache(maxsize=4096)
def _ordinal(iso: str | None) -> int:
    if not iso:
        return 0
    try:
        return Date.fromisoformat(iso).toordinal()
    except ValueError:
        return 0


def _best(
    context: _Context, table: TextTable, row: Sequence[float], ids: Sequence[int], floor: float
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


def _passages(context: _Context) -> tuple[Passage, ...]:
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
    passages = []
    for n, paragraph in enumerate(paragraphs):
        if n not in chosen:
            passages.append(Passage(paragraph.text, "new", None, None, (), ()))
            continue
        text_id, status = chosen[n]
        (letter_n, item_n), *others = context.places(table, text_id)
        source_text = passage_paragraphs(context.corpus[letter_n])[item_n].text
        diff = (
            (("=", paragraph.text),)
            if status == "reused"
            else tuple(word_diff(source_text, paragraph.text))
        )
        also_in = tuple(
            Occurrence(
                key=context.corpus[m].key,
                source=context.corpus[m].source,
                part=context.corpus[m].part,
                date=context.corpus[m].date,
            )
            for m in dict.fromkeys(m for m, _ in others)
            if m != letter_n
        )
        passages.append(
            Passage(paragraph.text, status, context.ref(letter_n), source_text, diff, also_in)
        )
    return tuple(passages)


def _missing(draft: Letter, base: Letter | None) -> tuple[MissingPassage, ...]:
    if base is None:
        return ()
    theirs = passage_paragraphs(base)
    their_norms = [normal(p.text) for p in theirs]
    ours = {normal(p.text) for p in passage_paragraphs(draft)}
    scores = similarity_matrix(sorted(ours), their_norms)
    ref = SourceRef(base.key, base.source, base.part)
    return tuple(
        MissingPassage(source=ref, text=paragraph.text)
        for j, paragraph in enumerate(theirs)
        if their_norms[j] not in ours and all(row[j] < CHANGED_THRESHOLD for row in scores)
    )


def _asks(context: _Context, base: Letter | None) -> tuple[AskCheck, ...]:
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
    return Precedent(key=letter.key, date=letter.date, text=ask.text, verb=ask.verb)


def _signatories(draft: Letter, nearest_letter: Letter | None) -> SignatoryCheck:
    if nearest_letter is None:
        return SignatoryCheck((), (), ())
    changes = signatory_changes(nearest_letter.signatories, draft.signatories)
    return SignatoryCheck(
        added=changes.only_b,
        removed=changes.only_a,
        renamed=tuple(RenamedSignatory(r.a, r.b) for r in changes.renamed),
    )


# --------------------------------------------------------------------------- warnings


@dataclass(frozen=True)
class _Words:
    relative_time: tuple[str, ...]
    address_phrases: tuple[str, ...]
    acronym_skip: frozenset[str]
    acronym_min_length: int
    salutation_min_words: int


@lru_cache(maxsize=1)
def check_words() -> _Words:
    """The packaged word lists of ``data/check.toml`` (read once)."""
    text = resources.files("compare").joinpath("data/check.toml").read_text("utf-8")
    raw = tomllib.loads(text)
    return _Words(
        relative_time=tuple(raw["stale"]["relative_time"]),
        address_phrases=tuple(raw["recipients"]["address_phrases"]),
        acronym_skip=frozenset(w.lower() for w in raw["recipients"]["acronym_skip"]),
        acronym_min_length=int(raw["recipients"]["acronym_min_length"]),
        salutation_min_words=int(raw["recipients"]["salutation_min_words"]),
    )


def _phrase_pattern(phrases: Sequence[str]) -> str:
    """Alternation of whole phrases, longest first, a space matching any white space."""
    sources = {r"\s+".join(re.escape(w) for w in p.split()) for p in phrases if p.split()}
    return "(?:" + "|".join(sorted(sources, key=len, reverse=True)) + ")"


@lru_cache(maxsize=1)
def _relative_time() -> re.Pattern[str]:
    return re.compile(r"(?<!\w)" + _phrase_pattern(check_words().relative_time) + r"(?!\w)", re.I)


def _warnings(context: _Context, passages: Sequence[Passage]) -> tuple[CheckWarning, ...]:
    draft = context.draft
    labels = paragraph_labels(draft)
    found: list[CheckWarning] = []
    for label, passage in zip(labels, passages, strict=True):
        if passage.status == "changed":
            found += _changed_numbers(label, passage)
    if draft.date:
        for label, passage in zip(labels, passages, strict=True):
            found += _dates_after(label, passage.text, draft.date)
    for label, passage in zip(labels, passages, strict=True):
        if passage.source is not None:
            source = context.corpus[context.position[passage.source.key]]
            found += _stale(label, passage, source, draft.date)
    found += _recipient_mismatches(context, labels, passages)
    for warning in draft.warnings:
        if warning.startswith("duplicate signatory"):
            name = warning.partition(":")[2].strip()
            found.append(CheckWarning("duplicate-signatory", f"the draft {warning}", name))
    return tuple(found)


def _mentions(text: str) -> list[tuple[str, str, int, int]]:
    """Dates, years (with month and day as written) and other numbers of ``text``:
    ``(category, as written, start, end)``; categories ``date``, ``year``, ``number``."""
    found: list[tuple[str, str, int, int]] = []
    work = text
    for written, _iso in find_dates(text):
        start = work.find(written)
        if start < 0:
            continue
        found.append(("date", written, start, start + len(written)))
        work = work[:start] + " " * len(written) + work[start + len(written) :]
    for match in _YEAR_MENTION.finditer(work):
        found.append(("year", match.group(0), match.start(), match.end()))
    work = _YEAR_MENTION.sub(lambda m: " " * len(m.group(0)), work)
    for match in _NUMBER.finditer(work):
        found.append(("number", match.group(0), match.start(), match.end()))
    return sorted(found, key=lambda m: m[2])


def _value(category: str, written: str) -> str:
    if category == "date":
        dates = find_dates(written)
        return dates[0][1] if dates else written
    return " ".join(written.casefold().replace(",", " ").split())


def _changed_numbers(label: str, passage: Passage) -> list[CheckWarning]:
    old = _mentions(passage.source_text or "")
    new = _mentions(passage.text)
    changes: list[str] = []
    first_new: int | None = None
    for category in ("date", "year", "number"):
        old_items = [m for m in old if m[0] == category]
        new_items = [m for m in new if m[0] == category]
        gone = _unmatched(old_items, new_items, category)
        added = _unmatched(new_items, old_items, category)
        for n in range(max(len(gone), len(added))):
            before = gone[n][1] if n < len(gone) else "—"
            after = added[n][1] if n < len(added) else "—"
            changes.append(f"{before} → {after}")
        if added and (first_new is None or added[0][2] < first_new):
            first_new = added[0][2]
    if not changes:
        return []
    assert passage.source is not None
    where = first_new if first_new is not None else 0
    return [
        CheckWarning(
            "changed-number",
            f"{label} changes numbers of {passage.source.key}: {', '.join(changes)}",
            _sentence(passage.text, where, where + 1),
        )
    ]


def _unmatched(
    mine: Sequence[tuple[str, str, int, int]],
    theirs: Sequence[tuple[str, str, int, int]],
    category: str,
) -> list[tuple[str, str, int, int]]:
    """The mentions of ``mine`` whose values ``theirs`` does not have (as many times)."""
    left = Counter(_value(category, m[1]) for m in theirs)
    unmatched = []
    for mention in mine:
        value = _value(category, mention[1])
        if left[value] > 0:
            left[value] -= 1
        else:
            unmatched.append(mention)
    return unmatched


def _dates_after(label: str, text: str, draft_date: str) -> list[CheckWarning]:
    warnings = []
    for category, written, start, end in _mentions(text):
        if category != "date":
            continue
        iso = _value("date", written)
        if iso > draft_date:
            warnings.append(
                CheckWarning(
                    "date-after-draft",
                    f"{label} mentions {written}, after the draft's own date {draft_date}",
                    _sentence(text, start, end),
                )
            )
    return warnings


def _stale(
    label: str, passage: Passage, source: Letter, draft_date: str | None
) -> list[CheckWarning]:
    if not draft_date or not source.date:
        return []
    warnings = []
    source_text = normal(passage.source_text or "").casefold()
    draft_year, source_year = draft_date[:4], source.date[:4]
    if draft_year != source_year:
        kept = [
            m
            for m in _relative_time().finditer(passage.text)
            if normal(m.group(0)).casefold() in source_text
        ]
        if kept:
            phrases = ", ".join(dict.fromkeys(f'"{m.group(0)}"' for m in kept))
            warnings.append(
                CheckWarning(
                    "stale-copy",
                    f"{label} keeps {phrases} from {source.key}, written in {source_year}; "
                    f"the draft is dated {draft_date}",
                    _sentence(passage.text, kept[0].start(), kept[0].end()),
                )
            )
    if draft_date > source.date:
        stale = []
        for category, written, start, end in _mentions(passage.text):
            if category == "number" or normal(written).casefold() not in source_text:
                continue
            value = _value(category, written)
            same_date = category == "date" and value == source.date
            year = _YEAR_MENTION.search(written)
            same_year = (
                year is not None and year.group("year") == source_year and draft_year > source_year
            )
            if same_date or same_year:
                stale.append((written, start, end))
        if stale:
            mentions = ", ".join(dict.fromkeys(f'"{w}"' for w, _, _ in stale))
            warnings.append(
                CheckWarning(
                    "stale-copy",
                    f"{label} keeps {mentions} from {source.key}, dated {source.date}; "
                    f"the draft is dated {draft_date}",
                    _sentence(passage.text, stale[0][1], stale[0][2]),
                )
            )
    return warnings


def _sentence(text: str, start: int, end: int) -> str:
    """The sentence of ``text`` around ``start``..``end``, cut to ``_DETAIL_LIMIT``."""
    begin, stop = 0, len(text)
    for match in _SENTENCE_END.finditer(text):
        if match.end() <= start:
            begin = match.end()
        elif match.start() >= end - 1:
            stop = match.end()
            break
    sentence = text[begin:stop].strip()
    if len(sentence) <= _DETAIL_LIMIT:
        return sentence
    offset = max(0, min(start - begin - _DETAIL_LIMIT // 2, len(sentence) - _DETAIL_LIMIT))
    cut = sentence[offset : offset + _DETAIL_LIMIT].strip()
    return ("…" if offset else "") + cut + ("…" if offset + _DETAIL_LIMIT < len(sentence) else "")


# --------------------------------------------------------------------------- recipients


def acronym(name: str) -> str | None:
    """Initials of a name of two or more words, words in capitals kept whole: "UN Human
    Rights Council" → "UNHRC", "European Union" → "EU"; ``None`` when too short or one word."""
    words = check_words()
    kept = [w.strip(".,;:()") for w in name.split()]
    kept = [w for w in kept if w and w.lower() not in words.acronym_skip]
    if len(kept) < 2:
        return None
    letters = "".join(w if w.isupper() and w.isalpha() else w[0].upper() for w in kept)
    if len(letters) < words.acronym_min_length or not letters.isalpha():
        return None
    return letters


def names_of(recipient: str, salutation: str | None) -> tuple[str, ...]:
    """The names a recipient goes by: itself, its acronym, its salutation name (2+ words)."""
    names = [normal(recipient)]
    short = acronym(recipient)
    if short:
        names.append(short)
    greeted = recipient_from_salutation(salutation)
    if greeted and len(greeted.split()) >= check_words().salutation_min_words:
        names.append(normal(greeted))
    return tuple(dict.fromkeys(names))


def _recipient_names(corpus: Sequence[Letter]) -> tuple[RecipientNames, ...]:
    groups: dict[str, tuple[str, list[str], list[str]]] = {}
    for letter in corpus:
        if not letter.recipient:
            continue
        group = normal(letter.recipient).casefold()
        recipient, names, keys = groups.setdefault(group, (letter.recipient, [], []))
        names.extend(names_of(letter.recipient, letter.salutation))
        keys.append(letter.key)
    return tuple(
        RecipientNames(recipient, tuple(dict.fromkeys(names)), tuple(keys))
        for recipient, names, keys in groups.values()
    )


def _word_seq(name: str) -> tuple[str, ...]:
    return tuple(re.findall(r"\w+", name.casefold()))


def _contains(outer: tuple[str, ...], inner: tuple[str, ...]) -> bool:
    size = len(inner)
    return bool(size) and any(outer[n : n + size] == inner for n in range(len(outer) - size + 1))


def acronym_like(name: str) -> bool:
    """One word in capitals ("UNHRC"): matched as written, not case-insensitively."""
    return " " not in name and name.isupper()


@lru_cache(maxsize=1)
def _address_phrase_pattern() -> re.Pattern[str]:
    phrases = _phrase_pattern(check_words().address_phrases)
    return re.compile(rf"(?<!\w)(?i:{phrases})\s+(?i:the\s+)?")


_TOKEN = re.compile(r"\S+")
_TRAILING = ".,;:!?)]\"'”’"


def _name_at(
    text: str, start: int, lookup: Mapping[str, object], longest: int
) -> tuple[str, int, int] | None:
    """The longest known name starting at ``start`` (whole words; an acronym as written,
    other names in any case): ``(written, start, end)``. Set lookups, not one regex of
    every name, so a corpus of thousands of recipients costs nothing to prepare."""
    tokens = []
    for match in _TOKEN.finditer(text, start):
        if match.start() != start and not tokens:
            return None
        tokens.append(match)
        if len(tokens) == longest:
            break
    for count in range(len(tokens), 0, -1):
        raw = text[start : tokens[count - 1].end()]
        for candidate in dict.fromkeys((raw, raw.rstrip(_TRAILING))):
            written = " ".join(candidate.split())
            key = written if acronym_like(written) else written.casefold()
            if written and key in lookup:
                return written, start, start + len(candidate)
    return None


def _names_in(
    text: str, lookup: Mapping[str, object], longest: int, addressed: bool
) -> list[tuple[str, int, int]]:
    """Known names in ``text``: after an address phrase ("we urge the …") when
    ``addressed``, else at any word start."""
    if addressed:
        starts = [m.end() for m in _address_phrase_pattern().finditer(text)]
    else:
        starts = [m.start() for m in re.finditer(r"(?<!\w)\w", text)]
    found = [_name_at(text, start, lookup, longest) for start in starts]
    return [hit for hit in found if hit]


def _recipient_mismatches(
    context: _Context, labels: Sequence[str], passages: Sequence[Passage]
) -> list[CheckWarning]:
    draft = context.draft
    if not draft.recipient:
        return []
    own = [_word_seq(n) for n in names_of(draft.recipient, None)]
    greeted = _word_seq(recipient_from_salutation(draft.salutation) or "")
    if greeted and greeted[-1] in _word_seq(draft.recipient):
        own.append(greeted)  # "Dear Minister Smith," to "Jane Smith": the same person
    own_group = normal(draft.recipient).casefold()
    others: dict[str, RecipientNames] = {}
    for group in context.index.recipients:
        if normal(group.recipient).casefold() == own_group:
            continue
        for name in group.names:
            seq = _word_seq(name)
            if any(_contains(mine, seq) or _contains(seq, mine) for mine in own):
                continue
            key = name if acronym_like(name) else normal(name).casefold()
            others.setdefault(key, group)
    if not others:
        return []
    lookup = others
    longest = max(len(name.split()) for name in lookup)
    warnings: list[CheckWarning] = []
    places: list[tuple[str, str, bool]] = []
    if draft.salutation:
        places.append(("the salutation", normal(draft.salutation), False))
    for label, passage in zip(labels, passages, strict=True):
        places.append((label, normal(passage.text), True))
    for where, text, addressed in places:
        seen: set[str] = set()
        for written, start, end in _names_in(text, lookup, longest, addressed):
            key = written if acronym_like(written) else written.casefold()
            group = lookup[key]
            if key in seen:
                continue
            seen.add(key)
            letters = ", ".join(group.keys[:3]) + (" …" if len(group.keys) > 3 else "")
            warnings.append(
                CheckWarning(
                    "recipient-mismatch",
                    f'{where} addresses "{written}", the recipient of {letters}; '
                    f"the draft is addressed to {draft.recipient}",
                    _sentence(text, start, end),
                )
            )
    return warnings


def _keys(corpus: Sequence[Letter]) -> tuple[str, ...]:
    return corpus.keys if isinstance(corpus, LazyLetters) else tuple(x.key for x in corpus)


def check_cached(
    draft: Letter, root: Path, taxonomy: Taxonomy, cache: Cache, top: int = 3
) -> CheckResult | None:
    """:func:`check_draft` against the corpus in ``root`` straight from the cache — its
    indexes, and only the whole letters the check looks at — or ``None`` when the cache does
    not hold that corpus unchanged (then load it and use :func:`check_in_corpus`)."""
    letters = cached_letters(root, taxonomy, cache)
    if letters is None:
        return None
    search = cache.get("search", letters.digest)
    index = cache.get("paragraph-index", letters.digest)
    if not isinstance(search, SearchIndex) or not isinstance(index, ParagraphIndex):
        return None
    return check_draft(draft, letters, top, index=index, search=search)


def check_in_corpus(
    draft: Letter, corpus: Corpus, cache: Cache | None, top: int = 3
) -> CheckResult:
    """:func:`check_draft` against a loaded corpus, its indexes read from (or stored in) the
    cache, so a check against a large archive neither refits nor re-indexes it."""
    letters = list(corpus.letters)
    if cache is None or corpus.digest is None:
        return check_draft(draft, letters, top)
    search = cache.remember("search", corpus.digest, lambda: SearchIndex.build(letters))
    index = cache.remember("paragraph-index", corpus.digest, lambda: ParagraphIndex.build(letters))
    return check_draft(draft, letters, top, index=index, search=search)
