"""The wiring: the stages run in order over a corpus folder, with the cache.

In: a corpus folder, the theme taxonomy, an optional cache folder. Out: what each job needs —
the parsed :class:`~compare.corpus.Corpus`, its :class:`~compare.index.CorpusIndex` (fitted
once per version of the corpus and cached once), a :class:`~compare.comparison.LetterDiff`,
a :class:`~compare.similarity.SimilarityResult`, a :class:`~compare.check.CheckResult`, or
report files. :class:`Pipeline` is what the CLI calls: one method per command.

This is the only module that knows what the cache holds. Records (see :mod:`compare.cache`):

- ``manifest/<folder digest>``: per file of a folder, its size, mtime and content sha256, so
  unchanged files are not read again (as git's index does);
- ``letters/<file digest>``: the letters parsed from one file; the digest covers the file's
  bytes, its name, the taxonomy and the package's code and data;
- ``corpus/<corpus digest>``: the keyed letters and load failures of a whole folder;
- ``corpus-rows/<corpus digest>``: per letter, its key, file digest and position, so a check
  reads only the few whole letters it needs (:class:`LazyLetters`);
- ``index/<corpus digest>``: the fitted :class:`~compare.index.CorpusIndex`;
- ``paragraph-index/<corpus digest>``: the draft check's
  :class:`~compare.check.ParagraphIndex`;
- ``paragraphs/<corpus digest>/``: the same index as a folder of memory-mapped arrays
  (:mod:`compare.store.paragraphs`), what a check through the letter store reads: only the
  parts it looks up are read;
- ``ask-graphs/<corpus digest>/``: the corpus's ask graph
  (:class:`~compare.trends.lineage.AskGraph`) as a folder of memory-mapped arrays
  (:mod:`compare.store.askgraph`), what a check of a draft with asks reads: only the rows
  its asks reach;
- ``minhash/<corpus digest>``: the letters' MinHash signatures
  (:func:`compare.nearduplicates.signatures`), for near-duplicates without every pair.

Stage functions below this module are pure: plain data in, plain data out, no cache, no
files written except by the report writers they are handed.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, overload

from compare import corpus as corpus_stage
from compare.cache import Cache, Record, digest_of
from compare.corpus import Corpus, LoadFailure
from compare.filetasks import FileOutcome, FileTask, ReadSettings, read_settings, read_task
from compare.models import Letter, from_json, to_json

if TYPE_CHECKING:
    from compare.alignment import NormalizeOptions
    from compare.batch import BatchOptions, BatchPlan, BatchResult
    from compare.check import CheckResult, ParagraphIndex
    from compare.comparison import LetterDiff
    from compare.engines import Engine, EngineName
    from compare.families import Families, FamilyChanges
    from compare.index import CorpusIndex
    from compare.nearduplicates import NearDuplicates
    from compare.reading.linemodel import LabelledLine
    from compare.rendering.engine import Format, PageSize
    from compare.similarity import SimilarityResult, SimilarPair
    from compare.store import Snapshot, Update
    from compare.themes import Taxonomy
    from compare.trends import Lineages
    from compare.trends.lineage import AskGraph, AskGraphView

CORPUS_KINDS = frozenset({"corpus", "corpus-rows", "index", "paragraph-index", "minhash"})
"""Whole-corpus records: each edit of a corpus makes new ones, so only the newest few stay."""


def default_cache_dir() -> Path:
    """``$COMPARE_LETTERS_CACHE``, else the user's cache directory for compare-letters."""
    from compare.cache import default_cache_folder

    return Path(os.environ.get("COMPARE_LETTERS_CACHE") or default_cache_folder())


def open_cache(folder: Path | None) -> Cache | None:
    """The cache under ``folder`` (``None``: no cache)."""
    return Cache(Path(folder), pruned=CORPUS_KINDS) if folder else None


# ---------------------------------------------------------------------------- corpus


def taxonomy_digest(taxonomy: Taxonomy) -> str:
    """Digest of a theme taxonomy: a new taxonomy means new parses."""
    parts = [(t.slug, t.label, t.phrases) for t in taxonomy.themes]
    return hashlib.sha256(repr(parts).encode()).hexdigest()


def cached_corpus(
    root: Path, taxonomy: Taxonomy, cache: Cache | None = None, engine: Engine | None = None
) -> Corpus:
    """Every letter in ``root`` (:func:`compare.corpus.load_corpus`), with ``cache`` reusing
    each file's parse while its bytes (and the taxonomy and code) are unchanged, and the whole
    corpus in one read when no file changed. The files the cache does not know are read on
    ``engine`` (default: in this process) while the known ones are read from the cache, and
    each parse is stored as it arrives, in file order, so an interrupted run keeps what it
    read. Raises :class:`~compare.errors.InputError` for a missing folder and
    :class:`~compare.corpus.EmptyCorpusError` for one without a letter (no supported file, or
    none readable: nothing to compare is an error, not an empty result); other bad files
    become ``failures``."""
    files = corpus_stage.corpus_files(root)
    if cache is None:
        return corpus_stage.require_letters(corpus_stage.load_corpus(root, taxonomy, engine), root)
    digests, whole = _digests(files, taxonomy, cache)
    stored = cache.get("corpus", whole)
    if stored is not None:
        try:
            loaded = Corpus(
                root=str(root),
                letters=tuple(from_json(Letter, x) for x in stored["letters"]),
                failures=tuple(from_json(LoadFailure, x) for x in stored["failures"]),
                digest=whole,
            )
        except (KeyError, TypeError, ValueError):
            loaded = None  # damaged or from another version: parse again
        if loaded is not None:
            return corpus_stage.require_letters(loaded, root)

    outcomes = _read_through(files, digests, read_settings(taxonomy), cache, engine)
    collected, origins = corpus_stage.collect(root, outcomes)
    corpus = corpus_stage.require_letters(dataclasses.replace(collected, digest=whole), root)
    cache.put_encoded("corpus", whole, _corpus_record(corpus))
    rows = [
        [letter.key, digests[path], index]
        for letter, (path, index) in zip(corpus.letters, origins, strict=True)
    ]
    cache.put("corpus-rows", whole, {"rows": rows})
    return corpus


def _read_through(
    files: Sequence[Path],
    digests: dict[Path, str],
    settings: ReadSettings,
    cache: Cache,
    engine: Engine | None,
) -> Iterator[tuple[Path, FileOutcome]]:
    """Each file and its outcome, in order: from its ``letters`` record when the cache has
    one, else read on ``engine`` (all such files sent at once, their outcomes taken in order)
    and stored as it arrives, so an interrupted run keeps what it read."""
    known = {path for path in files if cache.has("letters", digests[path])}
    unknown = [(path, path.name) for path in files if path not in known]
    with corpus_stage.read_outcomes(unknown, settings, engine) as parsed:
        for path in files:
            outcome = _cached_outcome(cache, digests[path], path.name) if path in known else None
            if outcome is None:  # read by the engine, in order; or a damaged record: read here
                task = FileTask(path.name, str(path))
                outcome = next(parsed) if path not in known else read_task(settings, task)
                if outcome.problem is None and digests[path]:
                    cache.put("letters", digests[path], {"letters": to_json(outcome.letters)})
            yield path, outcome


def _corpus_record(corpus: Corpus) -> list[bytes]:
    """The ``corpus`` record, ``{"letters": [...], "failures": [...]}``, as JSON in parts:
    one a letter, each made from its letter alone (the record is as large as the corpus)."""

    def encoded(value: Any) -> bytes:
        return json.dumps(to_json(value), ensure_ascii=False, separators=(",", ":")).encode()

    parts = [b'{"letters":[']
    for n, letter in enumerate(corpus.letters):
        parts.append((b"," if n else b"") + encoded(letter))
    parts.append(b'],"failures":' + encoded(corpus.failures) + b"}")
    return parts


def _cached_outcome(cache: Cache, digest: str, source: str) -> FileOutcome | None:
    """The letters the cache holds for one file, or ``None`` when its record is unreadable."""
    record = cache.get("letters", digest)
    if record is None:
        return None
    try:
        return FileOutcome(source, tuple(from_json(Letter, x) for x in record["letters"]))
    except (KeyError, TypeError, ValueError):
        return None


def _reading(taxonomy: Taxonomy) -> str:
    """What a parse depends on besides the file and the code: taxonomy, line model and the
    environment's date order and encoding (part of every file's digest)."""
    from compare.reading.linemodel import model_digest

    reading = taxonomy_digest(taxonomy) + model_digest() + os.environ.get("COMPARE_DATE_ORDER", "")
    return reading + os.environ.get("COMPARE_ENCODING", "")


def _digests(files: list[Path], taxonomy: Taxonomy, cache: Cache) -> tuple[dict[Path, str], str]:
    """Each file's cache key, and the corpus's."""
    reading = _reading(taxonomy)
    digests = _file_digests(files, reading, cache)
    whole = hashlib.sha256(
        "\n".join(f"{p.name}:{d}" for p, d in digests.items()).encode()
    ).hexdigest()
    return digests, whole


def _file_digests(files: list[Path], themes: str, cache: Cache) -> dict[Path, str]:
    """Each file's cache key. The content part is the sha256 of the file's bytes; the
    manifest remembers it with the file's size and modification time, so unchanged files are
    not read again; any change of size or time means the file is read and hashed afresh."""
    folder = str(files[0].parent.resolve()) if files else ""
    manifest_key = hashlib.sha256(folder.encode()).hexdigest()
    record = cache.get("manifest", manifest_key) or {}
    manifest = record.get("files")
    manifest = manifest if isinstance(manifest, dict) else {}
    digests: dict[Path, str] = {}
    fresh: dict[str, list[Any]] = {}
    for path in files:
        try:
            stat = path.stat()
            known = manifest.get(path.name)
            if isinstance(known, list) and known[:2] == [stat.st_size, stat.st_mtime_ns]:
                content = str(known[2])
            else:
                content = hashlib.sha256(path.read_bytes()).hexdigest()
            fresh[path.name] = [stat.st_size, stat.st_mtime_ns, content]
            digests[path] = digest_of(content, path.name, themes)
        except OSError:
            digests[path] = ""  # unreadable: parsing reports it
    if fresh != manifest:
        cache.put("manifest", manifest_key, {"files": fresh})
    return digests


class LazyLetters(Sequence[Letter]):
    """The letters of a cached corpus, each read from its file's cache record when first
    asked for: a draft check against a large archive needs a handful of whole letters, not
    all of them. ``keys`` and ``digest`` are known without reading any."""

    def __init__(self, cache: Cache, digest: str, rows: Sequence[Sequence[Any]]) -> None:
        self.cache = cache
        self.digest = digest
        self.rows = [(str(key), str(file), int(n)) for key, file, n in rows]
        self.keys = tuple(key for key, _, _ in self.rows)
        self._files: dict[str, list[dict[str, Any]]] = {}

    def __len__(self) -> int:
        return len(self.rows)

    @overload
    def __getitem__(self, n: int) -> Letter: ...
    @overload
    def __getitem__(self, n: slice) -> list[Letter]: ...
    def __getitem__(self, n: int | slice) -> Letter | list[Letter]:
        if isinstance(n, slice):
            return [self[i] for i in range(*n.indices(len(self)))]
        key, digest, index = self.rows[n]
        if digest not in self._files:
            record = self.cache.get("letters", digest) or {}
            self._files[digest] = list(record.get("letters", []))
        return dataclasses.replace(from_json(Letter, self._files[digest][index]), key=key)

    def __iter__(self) -> Iterator[Letter]:
        return (self[n] for n in range(len(self)))


def cached_letters(root: Path, taxonomy: Taxonomy, cache: Cache) -> LazyLetters | None:
    """The corpus in ``root`` as :class:`LazyLetters` when the cache knows it unchanged
    (else ``None``: load it with :func:`cached_corpus`, which teaches the cache)."""
    _, whole = _digests(corpus_stage.corpus_files(root), taxonomy, cache)
    record = cache.get("corpus-rows", whole)
    if record is None or not isinstance(record.get("rows"), list) or not record["rows"]:
        return None  # unknown, damaged, or empty (loading it says what is wrong)
    return LazyLetters(cache, whole, record["rows"])


# ---------------------------------------------------------------------------- store


def store_folder(cache: Cache, root: Path, taxonomy: Taxonomy) -> Path:
    """Where the letter store (:mod:`compare.store`) of the corpus in ``root`` read with
    ``taxonomy`` lives: ``<cache>/store/<digest of the folder's path and the reading>``."""
    key = hashlib.sha256(f"{root.resolve()}\0{_reading(taxonomy)}".encode()).hexdigest()
    return cache.folder / "store" / key[:32]


def sync_store(
    root: Path, taxonomy: Taxonomy, cache: Cache, engine: Engine | None = None
) -> tuple[Snapshot, Update]:
    """The letter store of the corpus in ``root`` brought up to date
    (:func:`compare.store.sync`): new and changed files read (parse results from the
    per-file cache when it has them, else on ``engine``, and stored there too), the rest
    untouched. Returns the current commit and what changed. Raises
    :class:`~compare.errors.InputError` for a missing folder."""
    from compare.store import sync
    from compare.store.listing import list_folder

    files = list_folder(root)
    reading = _reading(taxonomy)
    settings = read_settings(taxonomy)

    def digest(name: str, content: str) -> str:
        return digest_of(content, name, reading)

    def read(paths: Sequence[Path]) -> Iterator[tuple[Path, FileOutcome]]:
        digests = {path: _quick_digest(path, reading) for path in paths}
        return _read_through(paths, digests, settings, cache, engine)

    return sync(store_folder(cache, root, taxonomy), files, digest, read)


def _require_letters(
    snapshot: Snapshot, root: Path, tell: Callable[[LoadFailure], None] | None
) -> None:
    """Raise :class:`~compare.corpus.EmptyCorpusError` when the store holds no letter (as
    :func:`compare.corpus.require_letters`), else tell ``tell`` of each unreadable file."""
    if not len(snapshot):
        corpus_stage.require_letters(Corpus(str(root), (), snapshot.failures), root)
    if tell is not None:
        for failure in snapshot.failures:
            tell(failure)


def _quick_digest(path: Path, reading: str) -> str:
    """A file's cache digest from its bytes ("" when it cannot be read)."""
    try:
        return digest_of(hashlib.sha256(path.read_bytes()).hexdigest(), path.name, reading)
    except OSError:
        return ""


# ---------------------------------------------------------------------------- indexes


T = TypeVar("T")


def _stored(cache: Cache, kind: str, digest: str, rebuild: Callable[[Record], T]) -> T | None:
    """The object the cache holds as ``kind``/``digest``, rebuilt from its plain record by
    ``rebuild``; ``None`` when absent, damaged or from another layout."""
    record = cache.get(kind, digest)
    if record is None:
        return None
    try:
        return rebuild(record)
    except (KeyError, TypeError, ValueError):
        return None


def _remember(
    kind: str,
    cache: Cache | None,
    digest: str | None,
    build: Callable[[], T],
    rebuild: Callable[[Record], T],
    plain: Callable[[T], Record],
    fits: Callable[[T], bool] = lambda _: True,
) -> T:
    """The cache's ``kind`` object for ``digest`` when it holds one that ``fits``, else
    ``build()``, stored."""
    if cache is not None and digest is not None:
        stored = _stored(cache, kind, digest, rebuild)
        if stored is not None and fits(stored):
            return stored
    built = build()
    if cache is not None and digest is not None:
        cache.put(kind, digest, plain(built))
    return built


def corpus_index(
    letters: Sequence[Letter], cache: Cache | None = None, digest: str | None = None
) -> CorpusIndex:
    """The :class:`~compare.index.CorpusIndex` of ``letters``: read from the cache when it
    holds the one for ``digest`` (the corpus's), else fitted once and stored."""
    from compare.index import CorpusIndex
    from compare.similarity import fit_letters

    keys = tuple(letter.key for letter in letters)
    return _remember(
        "index",
        cache,
        digest,
        lambda: fit_letters(letters),
        CorpusIndex.from_plain,
        CorpusIndex.to_plain,
        lambda index: index.keys == keys,
    )


def corpus_signatures(
    index: CorpusIndex, cache: Cache | None = None, digest: str | None = None
) -> Any:
    """The MinHash signatures of ``index``'s letters
    (:func:`compare.nearduplicates.signatures`, ``(letters, NUM_PERM)`` ``uint32``): from
    the cache when it holds those of ``digest`` (the corpus's) made the same way, else
    computed and stored."""
    import numpy as np

    from compare.nearduplicates import NUM_PERM, SCHEME, SEED, signatures

    made = {"num_perm": NUM_PERM, "seed": SEED, "scheme": SCHEME, "letters": len(index)}

    def rebuild(record: Record) -> Any:
        if {k: record.get(k) for k in made} != made:
            raise ValueError("signatures made another way")
        stored = record["signatures"]
        if not isinstance(stored, np.ndarray) or stored.shape != (len(index), NUM_PERM):
            raise ValueError("signatures of another shape")
        return stored.astype(np.uint32, copy=False)

    return _remember(
        "minhash",
        cache,
        digest,
        lambda: signatures(index),
        rebuild,
        lambda sigs: {**made, "signatures": sigs},
    )


def paragraph_index(
    letters: Sequence[Letter], cache: Cache | None = None, digest: str | None = None
) -> ParagraphIndex:
    """The draft check's :class:`~compare.check.ParagraphIndex` of ``letters``, from the cache
    when it holds the one for ``digest``, else built and stored."""
    from compare.check import ParagraphIndex

    return _remember(
        "paragraph-index",
        cache,
        digest,
        lambda: ParagraphIndex.build(letters),
        ParagraphIndex.from_plain,
        ParagraphIndex.to_plain,
    )


def mapped_paragraph_index(letters: Sequence[Letter], cache: Cache, digest: str) -> ParagraphIndex:
    """The draft check's :class:`~compare.check.ParagraphIndex` of ``letters`` opened from
    its folder in the cache (``paragraphs/<digest>``, :mod:`compare.store.paragraphs`: its
    tables memory-mapped) when the cache holds the one for ``digest`` (the corpus's), else
    built, written there (the oldest such folders beyond the newest few deleted) and
    returned."""
    from compare.check import ParagraphIndex
    from compare.check.draft import corpus_keys
    from compare.store.paragraphs import open_paragraphs, write_paragraphs

    keys = corpus_keys(letters)
    return _in_folder(
        cache.folder / "paragraphs" / digest,
        open_paragraphs,
        lambda stored: stored.keys == keys,
        lambda: ParagraphIndex.build(letters),
        write_paragraphs,
    )


M = TypeVar("M")
B = TypeVar("B")


def _in_folder(
    folder: Path,
    open_folder: Callable[[Path], M],
    fits: Callable[[M], bool],
    build: Callable[[], B],
    write: Callable[[Path, B], None],
) -> M | B:
    """What ``open_folder`` reads of ``folder`` when it can and the result ``fits``, else
    ``build()``, written to ``folder`` by ``write`` (the oldest sibling folders beyond the
    newest :data:`~compare.cache.KEEP_PER_KIND` deleted; a cache that cannot be written is
    no error) and returned."""
    import shutil

    from compare.cache import KEEP_PER_KIND
    from compare.store import StoreError

    try:
        stored = open_folder(folder)
        if fits(stored):
            return stored
    except StoreError:
        pass
    built = build()
    try:
        write(folder, built)
        kept = sorted(
            (p for p in folder.parent.iterdir() if p.is_dir() and not p.name.startswith(".")),
            key=lambda p: p.stat().st_mtime_ns,
            reverse=True,
        )
        for old in kept[KEEP_PER_KIND:]:
            shutil.rmtree(old, ignore_errors=True)
    except OSError:
        pass
    return built


# ---------------------------------------------------------------------------- jobs


def train_line_model(folder: Path, target: Path | None = None) -> dict[str, Any]:
    """Train the line labeller on the label files in ``folder`` plus the package's own
    training data, and write it to ``target`` (default: the user's data directory, where
    every later command finds it). Returns what was trained: the model's path, the number of
    letter files (``files``: the user's, ``shipped``: the package's) and lines. Raises
    :class:`~compare.reading.labelfile.LabelFileError` for a label file that cannot be used
    and :class:`~compare.errors.InputError` when ``folder`` holds none."""
    from compare.errors import InputError
    from compare.reading.linemodel import user_model_path
    from compare.reading.training import label_files, read_parts, shipped_parts, train_model

    files = label_files([folder]) if folder.is_dir() else []
    if not files:
        raise InputError(folder, "holds no label files (*.labels)")
    own = read_parts(files)
    shipped = shipped_parts()
    target = target or user_model_path()
    parts = [*shipped, *own]
    train_model(parts, target, {"user_files": len(files), "shipped_parts": len(shipped)})
    return {
        "model": str(target),
        "files": len(files),
        "shipped": len({p.name.removesuffix("~clean") for p in shipped}),
        "lines": sum(len(p.labels) for p in parts),
    }


def check_against(
    draft: Letter,
    root: Path,
    taxonomy: Taxonomy,
    cache: Cache | None,
    top: int = 3,
    *,
    any_date: bool = False,
    engine: Engine | None = None,
    tell: Callable[[LoadFailure], None] | None = None,
) -> tuple[CheckResult, Corpus | None]:
    """The draft checked against the corpus in ``root``. With a cache, through the letter
    store (:func:`sync_store`: only new and changed files are read, on ``engine``): the
    nearest letters from its postings (:class:`compare.store.search.StoreSearch`), only the
    letters the check looks at parsed from their records, and the paragraph index of the
    store's corpus digest (built once per change of the corpus, then opened memory-mapped:
    :func:`mapped_paragraph_index`); ``tell`` is told of each
    unreadable file. Without one, the corpus is loaded and fitted. Returns the result and
    the loaded corpus (``None`` when it was not loaded). ``any_date``: letters dated after
    the draft may be its sources too (:func:`compare.check.check_draft`)."""
    from compare.check import check_draft

    if cache is not None:
        snapshot, _ = sync_store(root, taxonomy, cache, engine)
        try:
            _require_letters(snapshot, root, tell)
            letters = snapshot.letters()
            paragraphs = mapped_paragraph_index(letters, cache, snapshot.digest)
            graph = (
                ask_graph_index(
                    letters,
                    lambda: corpus_index(letters, cache, snapshot.digest),
                    cache,
                    snapshot.digest,
                )
                if draft.asks
                else None
            )
            result = check_draft(
                draft,
                letters,
                top,
                index=paragraphs,
                search=snapshot.search(),
                any_date=any_date,
                lineages=graph,
            )
        finally:
            snapshot.close()
        return result, None
    corpus = cached_corpus(root, taxonomy, cache, engine)
    loaded = list(corpus.letters)
    search = corpus_index(loaded, cache, corpus.digest)
    paragraphs = paragraph_index(loaded, cache, corpus.digest)
    graph = ask_graph_index(loaded, search, cache, corpus.digest)
    result = check_draft(
        draft, loaded, top, index=paragraphs, search=search, any_date=any_date, lineages=graph
    )
    return result, corpus


def ask_graph_index(
    letters: Sequence[Letter],
    search: CorpusIndex | Callable[[], CorpusIndex],
    cache: Cache | None,
    digest: str | None,
) -> AskGraphView:
    """The :class:`~compare.trends.lineage.AskGraph` the draft check's asks join
    (:func:`compare.check.draft.corpus_graph`; its near-duplicates from ``search``, or from
    what ``search()`` gives, asked only when the graph is built): opened from its folder in
    the cache (``ask-graphs/<digest>``, :mod:`compare.store.askgraph`: memory-mapped arrays,
    a check reads only the rows it needs) when the cache holds the one for ``digest`` (the
    corpus's) read from these letters, else built once (the cost of most of ``asks``),
    written there (the oldest such folders beyond the newest few deleted) and returned."""
    from compare.check.draft import corpus_graph, corpus_keys
    from compare.index import CorpusIndex
    from compare.store.askgraph import open_ask_graph, write_ask_graph

    def build() -> AskGraph:
        return corpus_graph(letters, search if isinstance(search, CorpusIndex) else search())

    if cache is None or digest is None:
        return build()
    keys = corpus_keys(letters)
    return _in_folder(
        cache.folder / "ask-graphs" / digest,
        open_ask_graph,
        lambda stored: stored.same_letters(keys),
        build,
        lambda folder, graph: write_ask_graph(folder, graph, keys),
    )


@dataclass
class Pipeline:
    """A corpus folder and the options every command shares; the corpus is parsed, and
    fitted, once, on first use. The CLI makes one method call per command."""

    corpus_dir: Path
    themes_file: Path | None = None
    cache_dir: Path | None = None
    templates: Path | None = None
    """A folder of report templates overriding the built-in ones (``--templates``)."""
    on_failure: Callable[[LoadFailure], None] | None = None
    """Told of each corpus file that could not be read (it is skipped)."""
    jobs: int = 1
    """Worker processes (``--jobs``; 1: in this process), or the workers of a Dask
    ``LocalCluster`` with ``engine_name="dask"`` and no scheduler."""
    engine_name: EngineName = "local"
    """``local`` or ``dask`` (``--engine``)."""
    scheduler: str | None = None
    """A Dask scheduler's address (``--scheduler``), for ``engine_name="dask"``."""

    @cached_property
    def cache(self) -> Cache | None:
        return open_cache(self.cache_dir)

    @cached_property
    def engine(self) -> Engine:
        """Where the stages' work runs (:func:`compare.engines.make_engine`), made on first
        use. Raises :class:`~compare.engines.EngineError` when it cannot be made."""
        from compare.engines import make_engine

        return make_engine(self.engine_name, self.jobs, self.scheduler)

    def close(self) -> None:
        """Let go of the engine's workers (a Dask cluster it started is stopped)."""
        if "engine" in self.__dict__:
            self.engine.close()

    @cached_property
    def taxonomy(self) -> Taxonomy:
        from compare.themes import load_taxonomy

        return load_taxonomy(self.themes_file)

    @cached_property
    def corpus(self) -> Corpus:
        corpus = cached_corpus(self.corpus_dir, self.taxonomy, self.cache, self.engine)
        self._tell(corpus)
        return corpus

    def _tell(self, corpus: Corpus) -> None:
        if self.on_failure is not None:
            for failure in corpus.failures:
                self.on_failure(failure)

    @cached_property
    def index(self) -> CorpusIndex:
        """The corpus fitted once (cached once per corpus version)."""
        return corpus_index(self.corpus.letters, self.cache, self.corpus.digest)

    def letter(self, ref: str) -> Letter:
        """The letter ``ref`` names (key, FILE#PART, FILE or a path). Raises
        :class:`~compare.errors.RefError`."""
        return corpus_stage.resolve_ref(self.corpus, ref, self.taxonomy)

    def parse(self, paths: Sequence[Path]) -> Corpus:
        """The given files parsed (the corpus when none are given); a bad file does not stop
        the others: it is in ``failures`` (path as given, problem)."""
        if not paths:
            return self.corpus
        return corpus_stage.read_files(list(paths), self.taxonomy, self.engine)

    def diff(self, ref_a: str, ref_b: str, options: NormalizeOptions | None = None) -> LetterDiff:
        """What changed from letter ``ref_a`` to ``ref_b``, compared under ``options`` (what
        counts as no difference; default: nothing beyond typography and spacing)."""
        from compare.alignment import DEFAULT_OPTIONS
        from compare.comparison import compare_letters

        a, b = self.letter(ref_a), self.letter(ref_b)
        return compare_letters(a, b, options or DEFAULT_OPTIONS, self.corpus.letters, self.index)

    def near_duplicates(self, threshold: float | None = None) -> NearDuplicates:
        """The corpus's pairs scoring at least ``threshold`` (default: the near-duplicate
        threshold), found by MinHash LSH and verified exactly
        (:func:`compare.nearduplicates.near_duplicates`); the signatures are cached with
        the corpus."""
        from compare.nearduplicates import near_duplicates

        sigs = corpus_signatures(self.index, self.cache, self.corpus.digest)
        return near_duplicates(self.index, threshold, sigs)

    def _searches_near_duplicates(self, top: int | None) -> bool:
        """Whether a listing cut to ``top`` comes from the near-duplicate search: for a
        corpus of more than :data:`~compare.nearduplicates.LARGE_CORPUS` letters (every
        pair would cost n²/2 scores)."""
        from compare.nearduplicates import LARGE_CORPUS

        return top is not None and len(self.index) > LARGE_CORPUS

    def _near_ranked(
        self, top: int, threshold: float | None, min_score: float
    ) -> tuple[int, Iterator[SimilarPair]]:
        """The near-duplicates scoring at least ``min_score`` as ranked pairs: their count and
        the ``top`` best, each made with its shared terms when reached."""
        from compare.similarity import make_pair, options

        threshold, shared_terms = options(threshold, None)
        found = self.near_duplicates(max(threshold, min_score))
        index = self.index
        count = len(found)

        def pairs() -> Iterator[SimilarPair]:
            best = zip(
                found.rows[:top].tolist(),
                found.cols[:top].tolist(),
                found.scores[:top].tolist(),
                strict=True,
            )
            for i, j, score in best:
                shared = index.compare_rows(index.row(i), index.row(j), shared_terms)[1]
                yield make_pair(index.keys[i], index.keys[j], score, threshold, shared)

        return count, pairs()

    def similarity(
        self, top: int | None = None, threshold: float | None = None, min_score: float = 0.0
    ) -> SimilarityResult:
        """The corpus's pairs scoring above 0 and at least ``min_score``, best first, cut to
        the ``top`` best (all when ``None``), each with its shared terms; ``total`` counts
        them all. Memory grows with ``top``, not with the number of pairs (see
        :meth:`~compare.index.CorpusIndex.all_pairs`). On a corpus of more than
        :data:`~compare.nearduplicates.LARGE_CORPUS` letters with ``top`` given, only
        near-duplicates (at least ``threshold``) are searched, without scoring every pair
        (:meth:`near_duplicates`), and ``total`` counts them."""
        if self._searches_near_duplicates(top):
            from compare.similarity import SimilarityResult, options

            assert top is not None
            total, pairs = self._near_ranked(top, threshold, min_score)
            return SimilarityResult(
                keys=self.index.keys,
                pairs=tuple(pairs),
                threshold=options(threshold, None)[0],
                total=total,
            )
        return self.index.all_pairs(top=top, threshold=threshold, min_score=min_score)

    def ranked_pairs(
        self, top: int | None = None, threshold: float | None = None, min_score: float = 0.0
    ) -> tuple[int, Iterator[SimilarPair]]:
        """What :meth:`similarity` gives, the pairs made one at a time, best first: how many
        pairs scored, and an iterator of the ``top`` best (all when ``None``). For writing
        every pair of a large corpus in order without holding the objects
        (:meth:`~compare.index.CorpusIndex.ranked_pairs`)."""
        if self._searches_near_duplicates(top):
            assert top is not None
            return self._near_ranked(top, threshold, min_score)
        total, pairs = self.index.ranked_pairs(top=top, threshold=threshold, min_score=min_score)
        ranked: Iterator[SimilarPair] = pairs
        return total, ranked

    def similarity_stream(
        self, threshold: float | None = None, min_score: float = 0.0
    ) -> Iterator[SimilarPair]:
        """Every pair scoring above 0 and at least ``min_score``, made one at a time in
        corpus order (``a``, then ``b``), unranked: for writing all pairs of a large corpus
        without holding them (:meth:`~compare.index.CorpusIndex.iter_pairs`)."""
        pairs: Iterator[SimilarPair] = self.index.iter_pairs(
            threshold=threshold, min_score=min_score
        )
        return pairs

    def asks(self) -> Lineages:
        """The corpus's asks in families of the same ask across the years, near-duplicate
        letters of one year counted once (:func:`compare.trends.corpus_lineages`)."""
        from compare.trends import corpus_lineages, near_duplicate_pairs

        letters = self.corpus.letters
        return corpus_lineages(letters, near_duplicate_pairs(letters, self.index))

    def pair_report(
        self,
        ref_a: str,
        ref_b: str,
        target: Path | None = None,
        output: Format = "pdf",
        page_size: PageSize = "A4",
        context: int | None = None,
        options: NormalizeOptions | None = None,
    ) -> Path:
        """The pair report of ``ref_a`` → ``ref_b`` (default
        ``reports/<keyA>__<keyB>.<output>``); returns the path written."""
        from compare.rendering.context import pair_report_name
        from compare.reports import write_pair_report

        a, b = self.letter(ref_a), self.letter(ref_b)
        target = target or Path("reports") / pair_report_name(a.key, b.key, output)
        return write_pair_report(
            a,
            b,
            self.corpus.letters,
            target,
            output,
            page_size,
            context,
            options,
            index=self.index,
            templates=self.templates,
            taxonomy=self.taxonomy,
        )

    def corpus_report(
        self, target: Path | None = None, output: Format = "pdf", page_size: PageSize = "A4"
    ) -> Path:
        """The corpus report (default ``reports/corpus.<output>``); returns the path."""
        from compare.reports import write_corpus_report

        target = target or Path("reports") / f"corpus.{output}"
        return write_corpus_report(
            self.corpus,
            self.taxonomy,
            target,
            output,
            page_size,
            label=str(self.corpus_dir),
            index=self.index,
            templates=self.templates,
        )

    def lines(self, ref: str) -> list[LabelledLine]:
        """Every line of the letter ``ref`` names, with the label the reader gave it, its
        confidence and the rules' label (the whole file when the file holds one letter)."""
        from compare.reading.labels import split_labelled
        from compare.reading.linemodel import label_document
        from compare.reading.loading import load_document

        letter = self.letter(ref)
        path = Path(letter.source)
        if not path.is_absolute() and not path.exists():
            path = self.corpus_dir / letter.source
        labelled = label_document(load_document(path, source=letter.source))
        ranges = split_labelled([x.text for x in labelled], [x.label for x in labelled])
        if len(ranges) > 1 and letter.part <= len(ranges):
            start, end = ranges[letter.part - 1]
            return labelled[start:end]
        return labelled

    def read_draft(self, draft: str, data: bytes | None = None) -> Letter:
        """The one letter in the file ``draft`` (or in ``data``, read from standard input,
        when ``draft`` is ``-``), keyed ``draft-<name>``. Raises
        :class:`~compare.errors.InputError` for a bad file or one holding several letters."""
        from compare.errors import InputError

        if draft == "-":
            from compare.reading.loading import load_text

            letters = corpus_stage.document_letters(load_text(data or b"", "-"), self.taxonomy)
            name = "stdin"
        else:
            letters = corpus_stage.read_letters(Path(draft), self.taxonomy, source=draft)
            name = Path(draft).stem
        if len(letters) > 1:
            raise InputError(draft, f"holds {len(letters)} letters; a draft must be one letter")
        return dataclasses.replace(letters[0], key=f"draft-{name}")

    def update_index(self) -> Update:
        """The corpus's letter store brought up to date (:func:`sync_store`: only new and
        changed files are read); unreadable files are told to ``on_failure``. Raises
        :class:`~compare.errors.InputError` without a cache (the store lives in it), for a
        missing folder or one without a letter."""
        from compare.errors import InputError

        if self.cache is None:
            raise InputError(None, "the letter index lives in the cache; drop --no-cache")
        snapshot, update = sync_store(self.corpus_dir, self.taxonomy, self.cache, self.engine)
        try:
            _require_letters(snapshot, self.corpus_dir, self.on_failure)
        finally:
            snapshot.close()
        return update

    def check(self, draft: Letter, top: int = 3, *, any_date: bool = False) -> CheckResult:
        """``draft`` checked against the corpus (see :func:`check_against`)."""
        result, loaded = check_against(
            draft,
            self.corpus_dir,
            self.taxonomy,
            self.cache,
            top,
            any_date=any_date,
            engine=self.engine,
            tell=self.on_failure,
        )
        if loaded is not None and "corpus" not in self.__dict__:
            self.__dict__["corpus"] = loaded
            self._tell(loaded)
        return result

    def check_report(
        self,
        result: CheckResult,
        target: Path | None = None,
        output: Format = "pdf",
        page_size: PageSize = "A4",
    ) -> Path:
        """The check report of ``result`` (default ``reports/check-<draft file name>.<output>``,
        :func:`compare.reports.check_report_name`: "reports/check-draft.docx.pdf")."""
        from compare.reports import check_report_name, write_check_report

        target = target or Path("reports") / check_report_name(result.draft, output)
        return write_check_report(result, target, output, page_size, templates=self.templates)

    def families(
        self, threshold: float | None = None, lineage: bool = False
    ) -> tuple[Families, list[FamilyChanges]]:
        """The corpus's letter families (:func:`compare.families.find_families`) and what
        each variant changes (against the base, or its predecessor with ``lineage``)."""
        from compare.families import describe_family, find_families

        letters = list(self.corpus.letters)
        found = find_families(letters, self.index, threshold)
        by_key = {letter.key: letter for letter in letters}
        changes = [describe_family(f, by_key, self.index, lineage) for f in found.families]
        return found, changes

    def batch(
        self,
        out_dir: Path,
        options: BatchOptions | None = None,
        progress: Callable[[str], None] | None = None,
        planned: Callable[[BatchPlan], None] | None = None,
    ) -> BatchResult:
        """Every output at once (see :mod:`compare.batch`), the outputs already current in
        ``out_dir`` left alone; ``planned`` is told the plan before the work starts (for a
        progress bar), ``progress`` each output's name when it is done. The reports are
        rendered on the Dask cluster with ``engine_name="dask"``, else in ``options.jobs``
        local processes."""
        from compare.batch import BatchOptions, plan_batch, run_batch

        options = dataclasses.replace(options or BatchOptions(), templates=self.templates)
        plan = plan_batch(self.corpus, self.taxonomy, self.index, out_dir, options)
        if planned is not None:
            planned(plan)
        engine = self.engine if self.engine_name == "dask" and plan.steps else None
        return run_batch(
            self.corpus,
            self.taxonomy,
            out_dir,
            self.index,
            plan,
            options,
            progress=progress,
            engine=engine,
        )
