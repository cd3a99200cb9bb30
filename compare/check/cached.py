"""The draft check against a corpus the cache knows: the only check module that reads the
cache or loads a corpus.

In: the draft, and the corpus folder with its taxonomy and cache (:func:`check_cached`) or a
loaded :class:`~compare.corpus.Corpus` (:func:`check_in_corpus`). Out: the
:class:`~compare.check.results.CheckResult` of :func:`~compare.check.draft.check_draft`,
with the corpus's indexes read from (or stored in) the cache.
"""

from __future__ import annotations

from pathlib import Path

from compare.cache import Cache
from compare.check.draft import check_draft
from compare.check.index import ParagraphIndex
from compare.check.results import CheckResult
from compare.corpus import Corpus, cached_letters
from compare.models import Letter
from compare.similarity import SearchIndex
from compare.themes import Taxonomy


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
