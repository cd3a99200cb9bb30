"""One report of a batch, rendered wherever an engine runs it: a pure function over plain data.

In: :class:`RenderSettings`, the same for every report of a run (format, page size,
lineage, the ``--templates`` folder, the version of compare-letters and of its templates
this machine runs), sent to each worker once; and one :class:`FamilyReport` or
:class:`CorpusReport`, the letters, fitted index and pairs that report is made from. Out:
:class:`Rendered`, the report's bytes, or the one-line problem that stopped it.

:func:`render_report` is what :func:`compare.batch.run_batch` hands to its engine
(:mod:`compare.engines`: in this process, the local pool, or a Dask cluster). The worker
renders into a temporary folder of its own, reads the file back and **returns the bytes**;
the batch, in the parent, writes them into the output folder atomically and records them in
the manifest. Chosen over having the worker write into the output folder because a worker of
a remote cluster need not see that folder at all (nor the same path); and because the only
writer of the output folder is then the parent, Ctrl-C never leaves a worker's half-written
or temporary file there. The cost is sending each report back once (kilobytes to a few
megabytes).

Where the workers do not see this machine's files (:attr:`compare.engines.Engine.shares_files`
is false) the ``--templates`` folder travels as its files' bytes and is unpacked next to the
report; problems naming those copies name the original folder instead. Fonts are the
worker's: a PDF rendered on a machine without a font the text needs says so at its top, as
it does here (:mod:`compare.rendering.fonts`).

A problem with the report (a broken template, text the renderer refuses, a file it cannot
write) is returned as :attr:`Rendered.problem`, so one failed report never stops the others.
A worker running another version of compare-letters or of its built-in templates refuses
the work with :class:`~compare.engines.EngineError` (its reports could differ from this
machine's, and the manifest would record them as current).
"""

from __future__ import annotations

import hashlib
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from compare.errors import LetterError
from compare.models import Letter

if TYPE_CHECKING:
    from compare.corpus import Corpus
    from compare.families import Families, Family
    from compare.index import CorpusIndex
    from compare.rendering.engine import Format, PageSize
    from compare.similarity import SimilarityResult
    from compare.themes import Taxonomy


@dataclass(frozen=True)
class RenderSettings:
    """What every report of one run is rendered with."""

    output: Format
    page_size: PageSize
    lineage: bool
    """Redline each variant against the one before it (else against the base)."""
    version: str
    """:func:`renderer_version` on the machine that planned the run."""
    templates: str | None = None
    """The ``--templates`` folder as given (``None``: the built-in templates only)."""
    template_files: tuple[tuple[str, bytes], ...] | None = None
    """That folder's files (path inside it, bytes) for workers that do not see it; ``None``
    when they read it at :attr:`templates`."""


@dataclass(frozen=True)
class FamilyReport:
    """One family's report: the family, its letters by key and its own index
    (:func:`compare.families.family_index`)."""

    name: str
    """File name in the output folder."""
    family: Family
    letters: Mapping[str, Letter]
    index: CorpusIndex


@dataclass(frozen=True)
class CorpusReport:
    """The corpus report: everything :func:`compare.reports.write_corpus_report` reads."""

    name: str
    corpus: Corpus
    taxonomy: Taxonomy
    similarity: SimilarityResult
    index: CorpusIndex
    families: Families


ReportJob = FamilyReport | CorpusReport


@dataclass(frozen=True)
class Rendered:
    """A report's bytes, or why there are none."""

    name: str
    data: bytes | None
    problem: str | None = None
    """One line (the template or output named as the user knows it)."""


@lru_cache(maxsize=1)
def renderer_version() -> str:
    """sha256 of the package's code digest and its built-in templates' digest: two machines
    with the same value render the same report from the same inputs (fonts aside)."""
    from compare.batchmanifest import templates_digest
    from compare.cache import code_digest

    return hashlib.sha256(f"{code_digest()}\0{templates_digest()}".encode()).hexdigest()


def render_settings(
    output: Format,
    page_size: PageSize,
    lineage: bool,
    templates: Path | None,
    shares_files: bool,
) -> RenderSettings:
    """The settings of a run; ``templates`` is read into the settings when the workers do
    not share this machine's files. Raises ``OSError`` when that folder cannot be read."""
    files = None
    if templates is not None and not shares_files:
        folder = Path(templates)
        files = tuple(
            (path.relative_to(folder).as_posix(), path.read_bytes())
            for path in sorted(folder.rglob("*"))
            if path.is_file()
        )
    return RenderSettings(
        output=output,
        page_size=page_size,
        lineage=lineage,
        version=renderer_version(),
        templates=None if templates is None else str(templates),
        template_files=files,
    )


def render_report(settings: RenderSettings, job: ReportJob) -> Rendered:
    """The report ``job`` rendered under ``settings`` (what an engine's worker runs).
    Raises :class:`~compare.engines.EngineError` when this worker runs another version."""
    from compare.engines import EngineError

    if renderer_version() != settings.version:
        raise EngineError(
            None,
            "a worker runs another version of compare-letters than this machine: "
            "install the same version on every worker",
        )
    with tempfile.TemporaryDirectory(prefix="compare-letters-") as folder:
        target = Path(folder) / job.name
        templates = _templates_here(settings, Path(folder) / "templates")
        try:
            _write(job, target, settings, templates)
            return Rendered(job.name, target.read_bytes())
        except (LetterError, OSError, ValueError) as error:
            problem = str(error) or type(error).__name__
            if templates is not None and settings.templates is not None:
                problem = problem.replace(str(templates.resolve()), settings.templates)
                problem = problem.replace(str(templates), settings.templates)
            return Rendered(job.name, None, problem.replace(str(target), job.name))


def _templates_here(settings: RenderSettings, folder: Path) -> Path | None:
    """Where this worker reads the ``--templates`` folder: where it is, or ``folder`` with
    the files the settings carry written into it."""
    if settings.template_files is None:
        return None if settings.templates is None else Path(settings.templates)
    folder.mkdir()
    for name, data in settings.template_files:
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return folder


def _write(job: ReportJob, target: Path, settings: RenderSettings, templates: Path | None) -> None:
    from compare.reports import write_corpus_report, write_family_report

    if isinstance(job, FamilyReport):
        from compare.families import describe_family

        changes = describe_family(job.family, job.letters, job.index, settings.lineage)
        write_family_report(
            changes, job.letters, target, settings.output, settings.page_size, templates=templates
        )
        return
    write_corpus_report(
        job.corpus,
        job.taxonomy,
        target,
        settings.output,
        settings.page_size,
        similarity=job.similarity,
        index=job.index,
        templates=templates,
        families=job.families,
    )
