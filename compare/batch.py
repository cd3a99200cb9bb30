"""Reports and batch runs: the jobs that turn a corpus into files.

In: parsed letters (a :class:`Corpus`) and where to write. Out: report files, written
atomically, and a :class:`BatchResult` saying what was written, skipped and failed. One bad
input file or one failed report never ends a batch: it is recorded and the run goes on.

Work that can run apart runs apart: each pair report is a task of plain data (two letters
and the corpus's letters), so ``jobs > 1`` spreads them over processes.
"""

from __future__ import annotations

import csv
import functools
import io
import json
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

from compare.corpus import Corpus
from compare.errors import LetterError
from compare.files import write_text
from compare.index import CorpusIndex
from compare.models import Letter, to_json
from compare.rendering.context import pair_report_name
from compare.rendering.engine import PageSize
from compare.reports import write_corpus_report, write_pair_report
from compare.similarity import SimilarityResult
from compare.themes import Taxonomy


@dataclass(frozen=True)
class BatchResult:
    written: tuple[str, ...]
    """Paths of the files written."""
    skipped: tuple[str, ...]
    """Input files left out, as "name: problem"."""
    failed: tuple[str, ...]
    """Outputs that could not be made, as "name: problem"."""

    @property
    def ok(self) -> bool:
        return not self.failed and not self.skipped


def letters_json(letters: Sequence[Letter]) -> str:
    """Every letter as ``parse --json`` prints it."""
    return json.dumps(to_json(list(letters)), ensure_ascii=False, indent=2) + "\n"


def similarity_csv(similarity: SimilarityResult) -> str:
    """Every scored pair: ``a,b,score,near_duplicate,shared_terms`` (terms joined by "; ")."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["a", "b", "score", "near_duplicate", "shared_terms"])
    for pair in similarity.pairs:
        writer.writerow(
            [pair.a, pair.b, f"{pair.score:.4f}", pair.near_duplicate, "; ".join(pair.shared_terms)]
        )
    return buffer.getvalue()


def _pair_task(
    a: Letter,
    b: Letter,
    letters: Sequence[Letter],
    target: Path,
    page_size: PageSize,
    index: CorpusIndex | None,
    templates: Path | None = None,
) -> str:
    write_pair_report(a, b, letters, target, page_size=page_size, index=index, templates=templates)
    return str(target)


@dataclass(frozen=True)
class BatchPlan:
    """What a batch run will make, known before it starts (for a progress bar)."""

    similarity: SimilarityResult
    near_duplicates: tuple[tuple[str, str], ...]

    @property
    def steps(self) -> int:
        return 3 + len(self.near_duplicates)


def plan_batch(index: CorpusIndex) -> BatchPlan:
    """Score the fitted corpus's pairs; the near-duplicate pairs each get a pair report."""
    similarity = index.all_pairs()
    near = tuple((p.a, p.b) for p in similarity.pairs if p.near_duplicate)
    return BatchPlan(similarity=similarity, near_duplicates=near)


def run_batch(
    corpus: Corpus,
    taxonomy: Taxonomy,
    out_dir: Path,
    plan: BatchPlan | None = None,
    jobs: int = 1,
    page_size: PageSize = "A4",
    progress: Callable[[str], None] | None = None,
    index: CorpusIndex | None = None,
    templates: Path | None = None,
) -> BatchResult:
    """Corpus report, a pair report per near-duplicate pair, letters.json, similarity.csv.

    ``index`` (the corpus fitted once; fitted here when not given) serves every score, in
    this process and in workers alike."""
    if index is None:
        from compare.similarity import fit_letters

        index = fit_letters(corpus.letters)
    plan = plan or plan_batch(index)
    out_dir = Path(out_dir)
    letters = list(corpus.letters)
    by_key = {letter.key: letter for letter in letters}
    written: list[str] = []
    failed: list[str] = []
    tell = progress or (lambda _name: None)

    def attempt(name: str, make: Callable[[], object]) -> None:
        try:
            make()
            written.append(str(out_dir / name))
        except (LetterError, OSError, ValueError) as error:
            failed.append(f"{name}: {error}")
        tell(name)

    attempt("letters.json", lambda: write_text(out_dir / "letters.json", letters_json(letters)))
    attempt(
        "similarity.csv",
        lambda: write_text(out_dir / "similarity.csv", similarity_csv(plan.similarity)),
    )
    attempt(
        "corpus.pdf",
        lambda: write_corpus_report(
            corpus,
            taxonomy,
            out_dir / "corpus.pdf",
            page_size=page_size,
            similarity=plan.similarity,
            index=index,
            templates=templates,
        ),
    )
    tasks = [
        (by_key[a], by_key[b], out_dir / pair_report_name(a, b)) for a, b in plan.near_duplicates
    ]
    if jobs <= 1 or len(tasks) <= 1:
        for a, b, target in tasks:
            attempt(
                target.name,
                functools.partial(_pair_task, a, b, letters, target, page_size, index, templates),
            )
    else:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            futures = {
                pool.submit(
                    _pair_task, a, b, letters, target, page_size, index, templates
                ): target.name
                for a, b, target in tasks
            }
            for future in as_completed(futures):
                attempt(futures[future], future.result)
    return BatchResult(
        written=tuple(written),
        skipped=tuple(f"{f.source}: {f.problem}" for f in corpus.failures),
        failed=tuple(failed),
    )
