"""The draft check itself: the steps of :mod:`compare.check` put together.

In: the draft (a parsed :class:`~compare.models.Letter`; it may lack a date, signatories or a
key), the corpus letters and, optionally, their prebuilt indexes. Out:
:class:`~compare.check.results.CheckResult`.

Sources by date: only letters dated on or before the draft's own date, and undated letters,
may be its sources — nearest letters, origins of passages, precedents of asks — since a
letter written after the draft cannot be what it was made from. Letters of any date are used
when the draft is undated (nothing tells which are later) or with ``any_date``
(``check --any-date``). :class:`~compare.check.results.SourceWindow` says which rule held
and how many later letters were left out. Every letter's recipient still counts for the
``recipient-mismatch`` warning, whatever its date.

Signatories: :func:`compare.comparison.signatory_changes` of the base letter's list (A) to
the draft's (B), the base being the nearest letter when it is a near-duplicate of the draft
(:func:`compare.similarity.nearest`'s ``near_duplicate``; the letter ``missing`` and the
dropped asks also come from); all empty, ``signatories_against`` ``None``, without a base:
a letter the draft was not made from has other signatories for reasons of its own, and
listing them all as removed says nothing of the draft.
"""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Sequence
from typing import TYPE_CHECKING

from compare.check.asks import check_asks
from compare.check.context import CheckContext, later_positions
from compare.check.index import NearestSearch, ParagraphIndex, draft_words, passage_paragraphs
from compare.check.passages import missing_passages, passages
from compare.check.results import CheckResult, NearestLetter, SourceWindow
from compare.check.warnings import check_warnings
from compare.comparison import SignatoryChanges, signatory_changes
from compare.models import Letter, LetterRef

if TYPE_CHECKING:
    from compare.index import CorpusIndex
    from compare.trends.lineage import AskGraph, AskGraphView


def check_draft(
    draft: Letter,
    corpus: Sequence[Letter],
    top: int = 3,
    *,
    index: ParagraphIndex | None = None,
    search: NearestSearch | None = None,
    any_date: bool = False,
    lineages: AskGraphView | None = None,
) -> CheckResult:
    """The draft checked against ``corpus`` (see :mod:`compare.check`); with ``any_date``,
    letters dated after the draft may be its sources too (see the module docstring).

    ``top`` is how many nearest letters are listed (and fully compared paragraph by
    paragraph). ``index`` is ``ParagraphIndex.build(corpus)``, built here when not given;
    a ``ValueError`` is raised when it was built from other letters. ``search`` (the corpus
    fitted once, :class:`~compare.index.CorpusIndex`, or a letter store's postings,
    :class:`~compare.store.search.StoreSearch`) finds the nearest letters with the corpus's idf;
    without it the vectoriser is fitted on the corpus and the draft.
    ``lineages`` is the corpus's :func:`ask_graph` (:func:`corpus_graph`, in memory or opened
    from its folder: :class:`~compare.trends.lineage.AskGraphView`), built here when
    not given and the draft has asks; a ``ValueError`` is raised when it was built from
    other letters.
    """
    from compare.similarity import letter_text, nearest

    if index is None:
        index = ParagraphIndex.build(corpus)
    elif index.keys != corpus_keys(corpus):
        raise ValueError("the paragraph index was built from other letters than the corpus")
    if search is not None and search.keys != index.keys:
        raise ValueError("the search index was built from other letters than the corpus")
    if lineages is None and draft.asks:
        from compare.index import CorpusIndex

        lineages = corpus_graph(corpus, search if isinstance(search, CorpusIndex) else None)
    if lineages is not None and not lineages.same_letters(index.keys):
        raise ValueError("the ask graph was built from other letters than the corpus")
    until = None if any_date else draft.date
    later = later_positions(index.dates, until)
    left_out = frozenset({draft.key, *(index.keys[n] for n in later)})
    if search is None:
        pairs = nearest(draft, corpus, top, exclude=left_out)
    else:
        query = search.vector(letter_text(draft))
        pairs = search.nearest(query, top, key=draft.key, exclude=left_out)
    position = {key: n for n, key in enumerate(index.keys)}
    near_positions = [position[pair.b] for pair in pairs]
    near = tuple(
        NearestLetter(
            letter=LetterRef.of(corpus[n]), score=pair.score, shared_terms=pair.shared_terms
        )
        for n, pair in zip(near_positions, pairs, strict=True)
    )
    context = CheckContext(draft, corpus, index, near_positions, later, position)
    traced = passages(context)
    first = corpus[near_positions[0]] if near_positions else None
    base = first if pairs and pairs[0].near_duplicate else None  # as base_key(result) says
    return CheckResult(
        draft=draft,
        sources=SourceWindow(until=until, later_left_out=len(later), any_date=any_date),
        nearest=near,
        passages=traced,
        missing=missing_passages(draft, base),
        asks=check_asks(context, base, lineages),
        signatories=_signatories(draft, base),
        warnings=check_warnings(_named(context), traced),
        signatories_against=LetterRef.of(base) if base is not None else None,
    )


def _named(context: CheckContext) -> CheckContext:
    """``context`` with only the addressees the draft's words can name
    (:meth:`~compare.check.index.ParagraphIndex.recipients_for`): the same warnings, without
    going through every addressee of the corpus (100,000 at 100,000 letters)."""
    draft = context.draft
    texts = [p.text for p in passage_paragraphs(draft)]
    if draft.salutation:
        texts.append(draft.salutation)
    named = context.index.recipients_for(draft_words(texts))
    index = dataclasses.replace(context.index, recipients=named, recipient_words=None)
    narrowed = copy.copy(context)
    narrowed.index = index
    return narrowed


def corpus_graph(corpus: Sequence[Letter], search: CorpusIndex | None = None) -> AskGraph:
    """The :class:`~compare.trends.lineage.AskGraph` of ``corpus`` the draft's asks join,
    near-duplicate letters of a year counted once as the ask lineages count them
    (:func:`compare.trends.lineage.near_duplicate_pairs`, from ``search`` when given)."""
    from compare.trends.lineage import ask_graph, near_duplicate_pairs

    letters = list(corpus)
    return ask_graph(letters, near_duplicate_pairs(letters, search))


def corpus_keys(corpus: Sequence[Letter]) -> tuple[str, ...]:
    """The letters' keys; a sequence that knows them without reading its letters (the
    cache's lazy letters) gives its ``keys``."""
    keys = getattr(corpus, "keys", None)
    return keys if isinstance(keys, tuple) else tuple(x.key for x in corpus)


def _signatories(draft: Letter, base: Letter | None) -> SignatoryChanges:
    if base is None:
        return SignatoryChanges(common=(), only_a=(), only_b=(), renamed=())
    return signatory_changes(base.signatories, draft.signatories)
