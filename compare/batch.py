"""Batch runs: a corpus turned into its report files, resumable and interruptible.

In: parsed letters (a :class:`Corpus`), its fitted :class:`~compare.index.CorpusIndex` and
where to write. Out: ``letters.json``, ``similarity.csv``, the corpus report and one report
per letter family (:mod:`compare.families`), written atomically, and a :class:`BatchResult`
saying what was written, what was already current, what was left for a later run, skipped
and failed.

- **Plan first** (:func:`plan_batch`): every output and the digest of its inputs; those the
  output folder's manifest (:mod:`compare.batchmanifest`) knows as current are not made
  again, so a re-run after nothing changed writes nothing, and after one letter changed
  only that letter's family report, the corpus report and the data files.
- ``max_reports`` caps the family reports made in one run, the largest families first; the
  rest are made by the next run.
- One bad input file or one failed report never ends a batch: it is recorded and the run
  goes on.
- The reports are rendered on an engine (:mod:`compare.engines`) by
  :func:`compare.batchrender.render_report`, a pure function over plain data (a family,
  its letters and index; the options), which returns each report's bytes: this process
  writes them into the output folder atomically as they come back, in plan order, and
  writes the data files meanwhile. The engine is the run's Dask cluster with
  ``--engine dask`` (whose workers need not see the output folder), else ``jobs`` local
  processes (``jobs`` 1, or a single report: this process). Workers ignore SIGINT.
- On Ctrl-C (``KeyboardInterrupt`` in the parent) the run stops: pending reports are
  cancelled, local workers stopped (a cluster's running reports are abandoned), the
  temporary file of a write cut short removed, the manifest saved for what was finished,
  and the result says ``interrupted``. An engine that fails (a worker killed, the cluster
  lost) fails the reports not yet made, and the run goes on to its end.
"""

from __future__ import annotations

import csv
import dataclasses
import functools
import io
import json
import signal
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from compare.batchmanifest import (
    MANIFEST,
    Entry,
    entry_for,
    inputs_digest,
    is_current,
    letter_digest,
    read_manifest,
    templates_digest,
    write_manifest,
)
from compare.batchrender import (
    CorpusReport,
    FamilyReport,
    RenderSettings,
    ReportJob,
    render_report,
    render_settings,
)
from compare.engines import Engine, EngineError
from compare.errors import LetterError
from compare.files import write_atomically, write_text
from compare.models import Letter, to_json
from compare.rendering.context import HEATMAP_LIMIT
from compare.reports import CORPUS_TOP_PAIRS

if TYPE_CHECKING:
    from compare.corpus import Corpus
    from compare.families import Families, Family
    from compare.index import CorpusIndex
    from compare.rendering.engine import Format, PageSize
    from compare.similarity import SimilarityResult
    from compare.themes import Taxonomy

JobKind = Literal["data", "corpus", "family"]
MANIFEST_EVERY = 2.0
"""Seconds between saves of the manifest during a run (and once at the end)."""


@dataclass(frozen=True)
class BatchOptions:
    """How the reports are made; every option is part of their inputs' digest."""

    output: Format = "pdf"
    page_size: PageSize = "A4"
    lineage: bool = False
    """Redline each variant against the one before it (else against the base)."""
    templates: Path | None = None
    max_reports: int | None = None
    """Family reports made in one run at most (``None``: all)."""
    jobs: int = 1


@dataclass(frozen=True)
class Job:
    """One output of a batch."""

    name: str
    """File name in the output folder."""
    kind: JobKind
    inputs: str
    """Digest of what the output is made from."""
    family: Family | None = None


@dataclass(frozen=True)
class BatchPlan:
    """What a run will make, known before it starts (for a progress bar)."""

    families: Families
    todo: tuple[Job, ...]
    """Outputs to make this run, in order: data files, corpus report, family reports."""
    current: tuple[str, ...]
    """Outputs already made from today's inputs (not made again)."""
    deferred: tuple[str, ...]
    """Family reports left for a later run by ``max_reports``."""
    stale: tuple[str, ...]
    """Outputs an earlier run made that this one no longer makes (a family that is gone)."""
    manifest: dict[str, Entry] = field(default_factory=dict)
    """The output folder's manifest as read."""

    @property
    def steps(self) -> int:
        return len(self.todo)


@dataclass(frozen=True)
class BatchResult:
    written: tuple[str, ...]
    """Paths of the files written."""
    skipped: tuple[str, ...]
    """Input files left out, as "name: problem"."""
    failed: tuple[str, ...]
    """Outputs that could not be made, as "name: problem"."""
    current: tuple[str, ...] = ()
    """Paths of outputs already current (not made again)."""
    deferred: tuple[str, ...] = ()
    """Paths of family reports left for the next run (``max_reports``)."""
    removed: tuple[str, ...] = ()
    """Paths of outputs of earlier runs removed because they are no longer made."""
    unfinished: tuple[str, ...] = ()
    """Paths of outputs not made because the run was interrupted."""
    interrupted: bool = False

    @property
    def ok(self) -> bool:
        return not self.failed and not self.skipped and not self.interrupted


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


# ---------------------------------------------------------------------------- planning


def plan_batch(
    corpus: Corpus,
    taxonomy: Taxonomy,
    index: CorpusIndex,
    out_dir: Path,
    options: BatchOptions = BatchOptions(),
    families: Families | None = None,
) -> BatchPlan:
    """Every output of the batch with its inputs' digest, checked against ``out_dir``'s
    manifest. Groups the letters into families (``families`` when the caller has them)."""
    from compare.families import find_families
    from compare.pipeline import taxonomy_digest
    from compare.rendering.context import family_report_name
    from compare.similarity import DEFAULT_THRESHOLD

    letters = list(corpus.letters)
    families = families or find_families(letters, index)
    digests = {letter.key: letter_digest(letter) for letter in letters}
    everything = list(digests.values())
    look = [options.output, options.page_size, templates_digest(options.templates)]
    failures = json.dumps(to_json(corpus.failures))
    jobs = [
        Job("letters.json", "data", inputs_digest("letters.json", *everything)),
        Job(
            "similarity.csv",
            "data",
            inputs_digest("similarity.csv", str(DEFAULT_THRESHOLD), *everything),
        ),
        Job(
            f"corpus.{options.output}",
            "corpus",
            inputs_digest(
                "corpus", *look, taxonomy_digest(taxonomy), str(corpus.root), failures, *everything
            ),
        ),
    ]
    for family in families.families:
        members = [digests[key] for key in family.keys]
        inputs = inputs_digest("family", *look, str(options.lineage), family.base, *members)
        jobs.append(Job(family_report_name(family.name, options.output), "family", inputs, family))
    manifest = read_manifest(out_dir)
    current = [j.name for j in jobs if is_current(out_dir, j.name, j.inputs, manifest)]
    made = set(current)
    todo = [j for j in jobs if j.name not in made]
    deferred: list[str] = []
    if options.max_reports is not None:
        reports = [j for j in todo if j.kind == "family"]
        deferred = [j.name for j in reports[options.max_reports :]]
        left = set(deferred)
        todo = [j for j in todo if j.name not in left]
    planned = {j.name for j in jobs}
    # Only family reports of this run's format go stale: another format's files, and the
    # corpus report and data files, are left alone.
    stale = [
        name
        for name in manifest
        if name not in planned
        and name.startswith("family-")
        and name.endswith(f".{options.output}")
    ]
    return BatchPlan(
        families=families,
        todo=tuple(todo),
        current=tuple(current),
        deferred=tuple(deferred),
        stale=tuple(sorted(stale)),
        manifest=manifest,
    )


# ---------------------------------------------------------------------------- running


@contextmanager
def _sigint_ignored() -> Iterator[None]:
    """SIGINT ignored inside the block (main thread only): clean-up is not cut short by a
    second Ctrl-C."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def _remove_temporaries(out_dir: Path, names: Sequence[str]) -> None:
    """Remove the temporary files (``.<name>.<random>``, :func:`compare.files.write_atomically`)
    that writers of ``names`` left when they were stopped."""
    prefixes = tuple(f".{name}." for name in (*names, MANIFEST))
    try:
        found = list(out_dir.iterdir())
    except OSError:
        return
    for path in found:
        if path.name.startswith(prefixes):
            path.unlink(missing_ok=True)


def local_engine(jobs: int, reports: int) -> Engine:
    """The engine of a batch without ``--engine dask``: ``jobs`` worker processes, or this
    process for ``jobs`` 1 or a single report (starting a worker would only add its start)."""
    from compare.engines.local import InProcess, LocalPool

    if jobs <= 1 or reports <= 1:
        return InProcess()
    return LocalPool(jobs, min_items=1)  # a report takes a second or more: worth a worker


def run_batch(
    corpus: Corpus,
    taxonomy: Taxonomy,
    out_dir: Path,
    index: CorpusIndex,
    plan: BatchPlan,
    options: BatchOptions = BatchOptions(),
    progress: Callable[[str], None] | None = None,
    engine: Engine | None = None,
) -> BatchResult:
    """Make the outputs of ``plan`` (see the module docstring); ``progress`` is told each
    output's name as it is done (written or failed). The reports are rendered on ``engine``
    (``None``: :func:`local_engine` of ``options.jobs``), the data files in this process
    while they render."""
    from compare.families import family_index

    out_dir = Path(out_dir)
    letters = list(corpus.letters)
    by_key = {letter.key: letter for letter in letters}
    manifest = dict(plan.manifest)
    written: list[str] = []
    failed: list[str] = []
    finished: set[str] = set()
    tell = progress or (lambda _name: None)
    saved = time.monotonic()
    started = time.time_ns()

    def save(force: bool = False) -> None:
        nonlocal saved
        if force or time.monotonic() - saved >= MANIFEST_EVERY:
            write_manifest(out_dir, manifest)
            saved = time.monotonic()

    def fail(job: Job, problem: str) -> None:
        failed.append(f"{job.name}: {problem}")
        finished.add(job.name)
        tell(job.name)

    def done(job: Job, make: Callable[[], object]) -> None:
        try:
            make()
            manifest[job.name] = entry_for(out_dir / job.name, job.inputs)
            written.append(str(out_dir / job.name))
            save()
        except (LetterError, OSError, ValueError) as error:
            failed.append(f"{job.name}: {error or type(error).__name__}")
        finished.add(job.name)
        tell(job.name)

    similarity: SimilarityResult | None = None

    def scored() -> SimilarityResult:
        nonlocal similarity
        if similarity is None:
            similarity = index.all_pairs()
        return similarity

    def for_report() -> SimilarityResult:
        """The pairs the corpus report reads: all of them while it draws a heatmap, else the
        best few (not every pair of a large corpus, which is slow to explain)."""
        if similarity is not None or len(letters) <= HEATMAP_LIMIT:
            return _best(scored(), len(letters))
        return index.all_pairs(top=CORPUS_TOP_PAIRS)

    data_made = False

    def data() -> None:
        nonlocal data_made
        data_made = True
        for job in plan.todo:
            if job.name == "letters.json":
                done(job, lambda: write_text(out_dir / "letters.json", letters_json(letters)))
            elif job.name == "similarity.csv":
                done(job, lambda: write_text(out_dir / "similarity.csv", similarity_csv(scored())))

    def report(job: Job, detached: CorpusIndex) -> ReportJob:
        if job.family is not None:
            members = {key: by_key[key] for key in job.family.keys}
            return FamilyReport(job.name, job.family, members, family_index(index, job.family.keys))
        return CorpusReport(job.name, corpus, taxonomy, for_report(), detached, plan.families)

    def render(reports: list[Job], items: list[ReportJob], settings: RenderSettings) -> None:
        """The reports rendered on the engine and written here as they come back in order,
        the data files written meanwhile."""
        with on.map_plain(render_report, settings, items, large=True) as results:
            data()  # in this process, while the workers render (in process: before them)
            for job, rendered in zip(reports, results, strict=True):
                if rendered.data is None:
                    fail(job, rendered.problem or "not rendered")
                else:
                    done(job, functools.partial(_write_bytes, out_dir / job.name, rendered.data))

    interrupted = False
    reports = [job for job in plan.todo if job.kind != "data"]
    on = engine or local_engine(options.jobs, len(reports))
    # Every report is made before the first is sent, and the corpus report gets an index of
    # its own (the same arrays, none of the derived tables): an engine may pickle them in a
    # background thread while the data files are written, which fills this index's tables.
    detached = dataclasses.replace(index)
    try:
        try:
            settings = render_settings(
                options.output,
                options.page_size,
                options.lineage,
                options.templates,
                on.shares_files,
            )
            render(reports, [report(job, detached) for job in reports], settings)
        except (EngineError, OSError) as error:
            # the engine failed, not a report: the reports not yet made fail with it
            for job in reports:
                if job.name not in finished:
                    fail(job, str(error))
            if not data_made:
                data()
    except KeyboardInterrupt:
        interrupted = True
    with _sigint_ignored():
        if interrupted:
            _remove_temporaries(out_dir, [job.name for job in plan.todo])
            # A file renamed into place after the run started is whole (the rename is
            # atomic) even if the interrupt came before it was recorded.
            for job in plan.todo:
                if job.name not in finished and _written_since(out_dir / job.name, started):
                    done(job, lambda: None)
        removed = [] if interrupted else _remove_stale(out_dir, plan.stale, manifest)
        if written or removed or plan.stale:
            try:
                save(force=True)
            except LetterError as error:
                failed.append(f"{MANIFEST}: {error}")
    return BatchResult(
        written=tuple(written),
        skipped=tuple(f"{f.source}: {f.problem}" for f in corpus.failures),
        failed=tuple(failed),
        current=tuple(str(out_dir / name) for name in plan.current),
        deferred=tuple(str(out_dir / name) for name in plan.deferred),
        removed=tuple(removed),
        unfinished=tuple(str(out_dir / j.name) for j in plan.todo if j.name not in finished),
        interrupted=interrupted,
    )


def _write_bytes(target: Path, data: bytes) -> None:
    """``data`` written to ``target`` atomically."""
    write_atomically(target, lambda path: path.write_bytes(data))


def _written_since(path: Path, started: int) -> bool:
    """Whether ``path`` exists and was last written at or after ``started`` (ns)."""
    try:
        return path.stat().st_mtime_ns >= started
    except OSError:
        return False


def _best(similarity: SimilarityResult, letters: int) -> SimilarityResult:
    """``similarity`` as the corpus report reads it: every pair while it draws a heatmap,
    else the best few (a worker need not be sent every pair of a large corpus)."""
    if letters <= HEATMAP_LIMIT:
        return similarity
    return dataclasses.replace(similarity, pairs=similarity.pairs[:CORPUS_TOP_PAIRS])


def _remove_stale(out_dir: Path, stale: Sequence[str], manifest: dict[str, Entry]) -> list[str]:
    """Remove the outputs of earlier runs that are no longer made (a family that changed
    base or is gone), if they are still the files written then; drop them from
    ``manifest``. Returns the paths removed."""
    removed = []
    for name in stale:
        entry = manifest.pop(name, None)
        path = out_dir / name
        if entry is not None and is_current(out_dir, name, entry.inputs, {name: entry}):
            path.unlink(missing_ok=True)
            removed.append(str(path))
    return removed
