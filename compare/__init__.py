"""compare-letters: compare open letters and show how their wording and asks changed.

The public API, importable from ``compare`` (names are loaded on first use, so
``import compare`` stays cheap):

- reading: :func:`read_letters`, :func:`load_corpus`, :class:`Corpus`, the records of
  :mod:`compare.models` (:class:`Letter`, :class:`LetterRef`, :class:`Paragraph`,
  :class:`Ask`, :class:`Signatory`, :class:`Footnote`), :func:`load_taxonomy`;
- comparing: :class:`CorpusIndex` (a corpus fitted once), :func:`compare_corpus`,
  :func:`compare_pair`, :func:`nearest`, :func:`align_paragraphs`, :func:`word_diff`,
  :func:`compare_letters` (:class:`LetterDiff`), :func:`corpus_trends`,
  :func:`check_draft` (:class:`CheckResult`), :func:`find_families` (:class:`Families` of
  :class:`Family`) and :func:`describe_family` (:class:`FamilyChanges`);
- the wiring with the cache: :class:`Pipeline`;
- errors: :class:`LetterError` and its kinds.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

_WHERE = {
    "Ask": "compare.models",
    "Footnote": "compare.models",
    "Letter": "compare.models",
    "LetterRef": "compare.models",
    "Paragraph": "compare.models",
    "Signatory": "compare.models",
    "Corpus": "compare.corpus",
    "load_corpus": "compare.corpus",
    "read_letters": "compare.corpus",
    "Taxonomy": "compare.themes",
    "load_taxonomy": "compare.themes",
    "CorpusIndex": "compare.index",
    "SimilarPair": "compare.similarity",
    "SimilarityResult": "compare.similarity",
    "compare_corpus": "compare.similarity",
    "compare_pair": "compare.similarity",
    "nearest": "compare.similarity",
    "align_paragraphs": "compare.alignment",
    "word_diff": "compare.worddiff",
    "LetterDiff": "compare.comparison",
    "compare_letters": "compare.comparison",
    "CorpusTrends": "compare.trends",
    "corpus_trends": "compare.trends",
    "CheckResult": "compare.check",
    "Families": "compare.families",
    "Family": "compare.families",
    "FamilyChanges": "compare.families",
    "describe_family": "compare.families",
    "find_families": "compare.families",
    "check_draft": "compare.check",
    "Pipeline": "compare.pipeline",
    "LetterError": "compare.errors",
    "InputError": "compare.errors",
    "NoLetterError": "compare.errors",
    "RefError": "compare.errors",
}

__all__ = [
    "Ask",
    "CheckResult",
    "Corpus",
    "CorpusIndex",
    "CorpusTrends",
    "Families",
    "Family",
    "FamilyChanges",
    "Footnote",
    "InputError",
    "Letter",
    "LetterDiff",
    "LetterError",
    "LetterRef",
    "NoLetterError",
    "Paragraph",
    "Pipeline",
    "RefError",
    "Signatory",
    "SimilarPair",
    "SimilarityResult",
    "Taxonomy",
    "align_paragraphs",
    "check_draft",
    "compare_corpus",
    "compare_letters",
    "compare_pair",
    "corpus_trends",
    "describe_family",
    "find_families",
    "load_corpus",
    "load_taxonomy",
    "nearest",
    "read_letters",
    "word_diff",
]

if TYPE_CHECKING:
    from compare.alignment import align_paragraphs
    from compare.check import CheckResult, check_draft
    from compare.comparison import LetterDiff, compare_letters
    from compare.corpus import Corpus, load_corpus, read_letters
    from compare.errors import InputError, LetterError, NoLetterError, RefError
    from compare.families import Families, Family, FamilyChanges, describe_family, find_families
    from compare.index import CorpusIndex
    from compare.models import Ask, Footnote, Letter, LetterRef, Paragraph, Signatory
    from compare.pipeline import Pipeline
    from compare.similarity import (
        SimilarityResult,
        SimilarPair,
        compare_corpus,
        compare_pair,
        nearest,
    )
    from compare.themes import Taxonomy, load_taxonomy
    from compare.trends import CorpusTrends, corpus_trends
    from compare.worddiff import word_diff


def __getattr__(name: str) -> Any:
    """Load a public name's module on first use (PEP 562)."""
    if name in _WHERE:
        value = getattr(importlib.import_module(_WHERE[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'compare' has no attribute {name!r}")


def __dir__() -> list[str]:
    return [*__all__, "__version__"]
