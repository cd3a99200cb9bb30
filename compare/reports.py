"""Report jobs: letters in, a report file out.

In: parsed letters (and, to save refitting, the corpus's
:class:`~compare.index.CorpusIndex`). Out: the path of the report written, atomically, by
:mod:`compare.rendering`. Each job computes what its report shows (a
:class:`~compare.comparison.LetterDiff`, the corpus's pairs and trends, a check result) and
hands it to the renderer; none of them knows the cache.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from compare.comparison import compare_letters
from compare.models import Letter

CORPUS_TOP_PAIRS = 10
"""How many of the most similar pairs the corpus report lists (``corpus_context``'s ``top``)."""

if TYPE_CHECKING:
    from compare.alignment import NormalizeOptions
    from compare.check import CheckResult
    from compare.corpus import Corpus
    from compare.families import Families, FamilyChanges
    from compare.index import CorpusIndex
    from compare.rendering.engine import Format, PageSize
    from compare.similarity import SimilarityResult
    from compare.themes import Taxonomy


def write_pair_report(
    a: Letter,
    b: Letter,
    letters: Sequence[Letter],
    target: Path,
    output: Format = "pdf",
    page_size: PageSize = "A4",
    context: int | None = None,
    options: NormalizeOptions | None = None,
    *,
    index: CorpusIndex | None = None,
    templates: Path | None = None,
    taxonomy: Taxonomy | None = None,
) -> Path:
    """The pair report of ``a`` → ``b`` written to ``target``. The pair is scored from
    ``index`` when both are in it, else with the idf fitted on ``letters``; ``context``
    folds unchanged paragraphs more than that many away from a change; ``taxonomy`` labels
    the themes (the packaged one for ``None``)."""
    from compare.alignment import DEFAULT_OPTIONS
    from compare.rendering.context import pair_context
    from compare.rendering.engine import write_report

    diff = compare_letters(a, b, options or DEFAULT_OPTIONS, letters, index)
    return write_report(
        "pair.html",
        pair_context(a, b, diff, context, taxonomy=taxonomy),
        target,
        output,
        page_size,
        templates=templates,
    )


def write_corpus_report(
    corpus: Corpus,
    taxonomy: Taxonomy,
    target: Path,
    output: Format = "pdf",
    page_size: PageSize = "A4",
    *,
    label: str | None = None,
    similarity: SimilarityResult | None = None,
    index: CorpusIndex | None = None,
    templates: Path | None = None,
    families: Families | None = None,
) -> Path:
    """The corpus report (letters, similarity, letter families, asks and language over
    time, coalition) written to ``target``. The corpus is fitted once — ``index`` when
    given — and that one fit serves the pair scores, the families and the term trends;
    ``similarity`` and ``families`` are reused when the caller already has them."""
    from compare.families import find_families
    from compare.rendering.context import corpus_context
    from compare.rendering.engine import write_report
    from compare.similarity import fit_letters
    from compare.trends import corpus_trends

    letters = list(corpus.letters)
    index = index or fit_letters(letters)
    from compare.rendering.context import HEATMAP_LIMIT

    # The heatmap needs every pair; past its limit the report lists only the best ones.
    similarity = similarity or index.all_pairs(
        top=None if len(letters) <= HEATMAP_LIMIT else CORPUS_TOP_PAIRS
    )
    families = families or find_families(letters, index)
    context = corpus_context(
        letters,
        similarity,
        families,
        corpus_trends(letters, taxonomy, index=index),
        corpus=label or corpus.root or "the given files",
        skipped=[f"{f.source}: {f.problem}" for f in corpus.failures],
        suffix=output,
        taxonomy=taxonomy,
    )
    return write_report("corpus.html", context, target, output, page_size, templates=templates)


def check_report_name(draft: Letter, output: str = "pdf") -> str:
    """The default file name of a draft's check report: ``check-`` and the draft's file name
    *with its extension*, then ``.<output>`` — "check-draft.docx.pdf", so that checking
    ``draft.txt`` and then ``draft.docx`` writes two reports, not one overwritten.
    A draft read from standard input (source ``-``) is "stdin"; one without a source is
    named by its key ("draft-" left out)."""
    source = draft.source.strip()
    if source == "-":
        name = "stdin"
    elif source:
        name = Path(source).name
    else:
        name = draft.key.removeprefix("draft-") or "draft"
    return f"check-{name}.{output}"


def write_family_report(
    changes: FamilyChanges,
    letters: Mapping[str, Letter],
    target: Path,
    output: Format = "pdf",
    page_size: PageSize = "A4",
    *,
    templates: Path | None = None,
) -> Path:
    """The family report of ``changes`` (a family and each variant's diff,
    :func:`compare.families.describe_family`) written to ``target``; ``letters`` holds the
    family's letters by key."""
    from compare.rendering.context import family_context
    from compare.rendering.engine import write_report

    return write_report(
        "family.html",
        family_context(changes, letters),
        target,
        output,
        page_size,
        templates=templates,
    )


def write_check_report(
    result: CheckResult,
    target: Path,
    output: Format = "pdf",
    page_size: PageSize = "A4",
    *,
    templates: Path | None = None,
) -> Path:
    """The draft check's report written to ``target``."""
    from compare.checkview import check_context
    from compare.rendering.engine import write_report

    return write_report(
        "check.html", check_context(result), target, output, page_size, templates=templates
    )
