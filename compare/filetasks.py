"""Reading letter files as tasks any engine runs (:mod:`compare.engines`).

In: :class:`ReadSettings`, everything a file's letters depend on besides the file — the
theme taxonomy, the line model's bytes, the forced encoding and the date order — made once by
:func:`read_settings`; and a :class:`FileTask` per file: the name its letters carry, its path,
and its bytes when the workers cannot see this machine's files (:func:`file_tasks`). Out: a
:class:`FileOutcome` per file (:func:`read_task`): its letters, unkeyed, or the one-line
problem that makes it unreadable.

Settings travel as data, not through this process's environment, because a worker on
another machine knows nothing of ``--model``, ``--encoding`` or ``--monthfirst``. A worker
sets the environment variables the readers consult (``COMPARE_MODEL``, ``COMPARE_ENCODING``,
``COMPARE_DATE_ORDER``) for the length of each task, under a lock, and puts back what it
had. It reads with the model file at the same path when that file has the same bytes, else
with a copy of the bytes it was sent (under the temporary folder, named by their digest).
A worker running another version of compare-letters refuses the task with an
:class:`~compare.engines.EngineError`: its letters could differ, and the cache, keyed by
this version, would keep them.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from compare.errors import LetterError
from compare.models import Letter
from compare.themes import Taxonomy

_VARIABLES = ("COMPARE_MODEL", "COMPARE_ENCODING", "COMPARE_DATE_ORDER")
_LOCK = threading.Lock()


@dataclass(frozen=True)
class ModelFiles:
    """The line model as bytes: its ``.crfsuite`` file and its ``.json`` sidecar."""

    path: str
    """Where the model is on the machine that made the settings."""
    digest: str
    """sha256 of ``data`` and ``sidecar``: names the copy a worker makes."""
    data: bytes
    sidecar: bytes | None


@dataclass(frozen=True)
class ReadSettings:
    """Everything reading a file depends on besides the file (see the module docstring)."""

    taxonomy: Taxonomy
    model: ModelFiles | str | None
    """The model's bytes; a path that could not be read here (reading reports it as it
    would without workers); ``None`` for the rules alone (``COMPARE_MODEL=none``)."""
    encoding: str | None
    """``$COMPARE_ENCODING`` (``--encoding``), ``None`` to detect."""
    date_order: str | None
    """``$COMPARE_DATE_ORDER`` (``--dayfirst``/``--monthfirst``), ``None`` for the default."""
    code: str
    """:func:`compare.cache.code_digest` of the compare-letters that made the settings."""


@dataclass(frozen=True)
class FileTask:
    source: str
    """The name the file's letters carry: its name in a corpus, the path as given else."""
    path: str
    """The file on the machine that made the task."""
    data: bytes | None = None
    """The file's bytes, for workers that cannot see ``path`` (``None``: read ``path``)."""
    problem: str | None = None
    """Why the file cannot be read, when that was found before sending it."""


@dataclass(frozen=True)
class FileOutcome:
    source: str
    """:attr:`FileTask.source`."""
    letters: tuple[Letter, ...]
    """Every letter in the file, unkeyed (``key == ""``); empty when ``problem`` is set."""
    problem: str | None = None
    """One line: why no letter could be read from the file."""


def read_settings(taxonomy: Taxonomy) -> ReadSettings:
    """The settings of this process: ``taxonomy``, the line model in use
    (:func:`~compare.reading.linemodel.model_path`) and the environment's encoding and date
    order."""
    from compare.cache import code_digest
    from compare.reading.linemodel import model_path

    path = model_path()
    model: ModelFiles | str | None = None
    if path is not None:
        try:
            data = path.read_bytes()
            sidecar_path = path.with_suffix(".json")
            sidecar = sidecar_path.read_bytes() if sidecar_path.is_file() else None
            digest = hashlib.sha256(data + b"\0" + (sidecar or b"")).hexdigest()
            model = ModelFiles(str(path), digest, data, sidecar)
        except OSError:
            model = str(path)
    return ReadSettings(
        taxonomy=taxonomy,
        model=model,
        encoding=os.environ.get("COMPARE_ENCODING") or None,
        date_order=os.environ.get("COMPARE_DATE_ORDER") or None,
        code=code_digest(),
    )


def file_tasks(
    files: Iterable[tuple[Path, str]], settings: ReadSettings, send_bytes: bool
) -> Iterator[FileTask]:
    """A task per ``(path, source)``, made as they are taken; with ``send_bytes`` each
    carries the file's bytes (a file that cannot be read here carries its problem instead)."""
    for path, source in files:
        if not send_bytes:
            yield FileTask(source, str(path))
            continue
        try:
            yield FileTask(source, str(path), data=path.read_bytes())
        except OSError:
            # read it here, for the very problem reading reports (missing, a folder, denied)
            problem = read_task(settings, FileTask(source, str(path))).problem
            yield FileTask(source, str(path), problem=problem or "cannot be read")


def read_task(settings: ReadSettings, task: FileTask) -> FileOutcome:
    """The letters of ``task``'s file read under ``settings``, or its problem. Raises
    :class:`~compare.engines.EngineError` when this worker runs another compare-letters."""
    from compare.corpus import read_letters

    if task.problem is not None:
        return FileOutcome(task.source, (), task.problem)
    _same_code(settings.code)
    with _applied(settings):
        try:
            if task.data is None:
                letters = read_letters(Path(task.path), settings.taxonomy, source=task.source)
            else:
                with tempfile.TemporaryDirectory(prefix="compare-letters-") as folder:
                    copy = Path(folder) / Path(task.path).name
                    copy.write_bytes(task.data)
                    letters = read_letters(copy, settings.taxonomy, source=task.source)
        except LetterError as error:
            return FileOutcome(task.source, (), error.problem)
    return FileOutcome(task.source, tuple(letters))


def _same_code(code: str) -> None:
    from compare.cache import code_digest
    from compare.engines import EngineError

    if code_digest() != code:
        raise EngineError(
            None,
            "a worker runs another version of compare-letters than this machine: "
            "install the same version on every worker",
        )


@contextmanager
def _applied(settings: ReadSettings) -> Iterator[None]:
    """The environment the readers consult set as ``settings`` say, for the ``with`` block."""
    values = {
        "COMPARE_MODEL": _model_here(settings.model),
        "COMPARE_ENCODING": settings.encoding,
        "COMPARE_DATE_ORDER": settings.date_order,
    }
    with _LOCK:
        saved = {name: os.environ.get(name) for name in _VARIABLES}
        try:
            _set(values)
            yield
        finally:
            _set(saved)


def _set(values: dict[str, str | None]) -> None:
    for name, value in values.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value


def _model_here(model: ModelFiles | str | None) -> str:
    """The ``COMPARE_MODEL`` that reads with ``model`` on this machine."""
    if model is None:
        return "none"
    if isinstance(model, str):
        return model
    if _digest_of(model.path) == model.digest:
        return model.path
    return _unpacked(model)


def _digest_of(path: str) -> str | None:
    """The digest :class:`ModelFiles` would have for the model at ``path`` (``None``: no
    such file), remembered while the files' sizes and times stay the same."""
    model, sidecar = Path(path), Path(path).with_suffix(".json")
    try:
        stamp = model.stat()
        side = sidecar.stat() if sidecar.is_file() else None
    except OSError:
        return None
    key = (stamp.st_size, stamp.st_mtime_ns, side and (side.st_size, side.st_mtime_ns))
    return _file_digest(path, key)


@lru_cache(maxsize=8)
def _file_digest(path: str, _stamp: object) -> str | None:
    try:
        data = Path(path).read_bytes()
        sidecar_path = Path(path).with_suffix(".json")
        sidecar = sidecar_path.read_bytes() if sidecar_path.is_file() else b""
    except OSError:
        return None
    return hashlib.sha256(data + b"\0" + sidecar).hexdigest()


def _unpacked(model: ModelFiles) -> str:
    """A copy of the model's files under the temporary folder (written once, atomically),
    named by their digest: ``<tmp>/compare-letters-models/<digest>/<name>.crfsuite``."""
    from compare.files import write_atomically

    folder = Path(tempfile.gettempdir()) / "compare-letters-models" / model.digest
    target = folder / Path(model.path).name
    if _digest_of(str(target)) != model.digest:
        if model.sidecar is not None:
            sidecar = model.sidecar
            write_atomically(target.with_suffix(".json"), lambda p: p.write_bytes(sidecar))
        write_atomically(target, lambda p: p.write_bytes(model.data))
    return str(target)
