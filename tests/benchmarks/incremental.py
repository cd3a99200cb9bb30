"""The letter store (:mod:`compare.store`) on generated archives: build, add 100 letters,
change and delete a file, and ``check`` against the result — time and peak memory of each.

Not collected by pytest; run ``python tests/benchmarks/incremental.py [--sizes 10000]
[--work DIR]`` (``--sizes 10000,100000`` for the large one: generating and parsing 100,000
letters takes about half an hour on two cores; never run two at once). Each stage runs in a
fresh process (the script re-runs itself) so its peak resident memory (``ru_maxrss``) is
its own:

* ``build``: :func:`compare.pipeline.sync_store` on ``size`` letters with an empty cache
  (parse on every core, count, sign, write segments, norms);
* ``add``: 100 more letter files copied in, then the sync again (only they are read);
* ``change``: one file rewritten and one deleted, then the sync;
* ``check-first``: ``compare-letters check`` (whole process) after those changes: it builds
  the paragraph index and the ask graph of the new corpus once;
* ``check``: the same again, warm (best of three); with ``--profile FILE`` one more warm
  check runs under ``cProfile`` (whole process, written to ``FILE``) and the compare
  functions taking the most time are printed.

The draft checked is a letter of the archive with its salutation reworded; it has asks (the
line says how many), so the check reads the corpus's ask graph too
(:mod:`compare.store.askgraph`).

Whole-process times include Python's imports: run ``python -m compileall -q compare`` first
where ``PYTHONDONTWRITEBYTECODE`` is set (as on the benchmark machine), else every process
compiles the package again (about 1 s).

The archive is :func:`generate.generate_archive` (``distinct``) of ``size + 100`` letters:
100 chosen at random are held back and are the ones added.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # this checkout's compare
from generate import SEEDS, generate_archive  # noqa: E402

from compare.models import Letter  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
ADDED = 100


def peak_mib() -> float:
    """This process's peak resident memory so far, in MiB."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 2**20 if sys.platform == "darwin" else peak / 2**10


def prepare(work: Path, size: int) -> tuple[Path, Path]:
    """The archive folder of ``size`` letters and the folder of the 100 held back."""
    base, extra = work / f"archive-{size}", work / f"extra-{size}"
    if base.is_dir() and extra.is_dir() and len(os.listdir(extra)) == ADDED:
        return base, extra
    archive = generate_archive(size + ADDED, "distinct", 7)
    held = set(random.Random(3).sample(range(size + ADDED), ADDED))
    for folder in (base, extra):
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
    for n, (name, text) in enumerate(zip(archive.names, archive.texts, strict=True)):
        ((extra if n in held else base) / name).write_text(text, encoding="utf-8")
    return base, extra


def stage_sync(folder: Path, cache: Path) -> dict[str, object]:
    """One sync in this process: its time, peak memory and what it did."""
    from compare.engines import make_engine
    from compare.pipeline import open_cache, sync_store
    from compare.themes import load_taxonomy

    started = time.perf_counter()
    engine = make_engine("local", os.cpu_count() or 1, None)
    try:
        store = open_cache(cache)
        assert store is not None
        snapshot, update = sync_store(folder, load_taxonomy(None), store, engine)
        snapshot.close()
    finally:
        engine.close()
    return {
        "seconds": round(time.perf_counter() - started, 2),
        "peak_mib": round(peak_mib()),
        **update.__dict__,
    }


def quick_letter(path: Path) -> Letter:
    """A generated letter file as a letter without the reader (``--quick-build``): the title,
    the recipient line and the body paragraphs the generator wrote
    (:func:`generate._Writer.letter`), enough for the store's counts and the check."""
    from compare.models import Letter, Paragraph

    blocks = path.read_text(encoding="utf-8").split("\n\n")
    recipient = blocks[2].removeprefix("To: ").strip()
    return Letter(
        key="",
        source=path.name,
        part=1,
        title=blocks[0],
        subject=None,
        date=None,
        recipient=recipient,
        recipient_block=(),
        salutation=blocks[3],
        paragraphs=tuple(Paragraph(kind="body", text=b) for b in blocks[4:-2]),
        asks=(),
        themes=(),
        signatories=(),
        claimed_signatories=None,
        footnotes=(),
        cc=(),
        source_url=None,
    )


def stage_quick(folder: Path, cache: Path) -> dict[str, object]:
    """:func:`stage_sync` with the files made letters by :func:`quick_letter` instead of
    the reader: the store's own cost, for archives too large to parse in a benchmark run."""
    import compare.pipeline as pipeline
    from compare.filetasks import FileOutcome

    def read_quick(files, digests, settings, store, engine):  # type: ignore[no-untyped-def]
        for path in files:
            yield path, FileOutcome(path.name, (quick_letter(path),))

    pipeline._read_through = read_quick
    return stage_sync(folder, cache)


def run_stage(name: str, folder: Path, cache: Path) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, __file__, "--stage", name, "--folder", str(folder), "--cache", str(cache)],
        check=True,
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    found: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return found


_MEASURED = (
    "import cProfile, os, resource, runpy, sys\n"
    "sys.argv = ['compare-letters', *sys.argv[1:]]\n"
    "profile = os.environ.get('INCREMENTAL_PROFILE')\n"
    "profiler = cProfile.Profile() if profile else None\n"
    "if profiler: profiler.enable()\n"
    "try:\n"
    "    runpy.run_module('compare', run_name='__main__')\n"
    "finally:\n"
    "    if profiler: profiler.disable(); profiler.dump_stats(profile)\n"
    "    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
    "    print(f'peak {peak}', file=sys.stderr)\n"
)


def check_process(
    folder: Path, cache: Path, draft: Path, profile: Path | None = None
) -> tuple[float, float]:
    """Whole-process time and peak memory (MiB) of ``compare-letters check`` (under
    ``cProfile``, written to ``profile``, when given)."""
    args = ["--corpus", str(folder), "check", str(draft), "--no-report"]
    profiled = {"INCREMENTAL_PROFILE": str(profile)} if profile else {}
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", _MEASURED, *args],
        check=True,
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "COMPARE_LETTERS_CACHE": str(cache), **profiled},
    )
    seconds = time.perf_counter() - started
    peak = int(done.stderr.strip().splitlines()[-1].split()[-1])
    return seconds, peak / 2**10


def draft_asks(draft: Path) -> int:
    """How many asks the reader finds in the draft."""
    from compare.corpus import read_letters
    from compare.themes import load_taxonomy

    (letter,) = read_letters(draft, load_taxonomy(None))
    return len(letter.asks)


def print_profile(profile: Path, top: int = 25) -> None:
    """The compare functions of ``profile`` taking the most time (cumulative)."""
    import io
    import pstats

    out = io.StringIO()
    stats = pstats.Stats(str(profile), stream=out)
    stats.sort_stats("cumulative").print_stats(r"compare/(pipeline|check|store|trends)", top)
    lines = [line for line in out.getvalue().splitlines() if "compare/" in line]
    print("\n".join(lines), flush=True)


def report(size: int, work: Path, quick: bool = False, profile: Path | None = None) -> None:
    base, extra = prepare(work, size)
    folder = work / f"corpus-{size}"
    cache = work / f"cache-{size}"
    shutil.rmtree(folder, ignore_errors=True)
    shutil.rmtree(cache, ignore_errors=True)
    shutil.copytree(base, folder)
    draft = work / "draft.txt"
    text = sorted(base.iterdir())[size // 2].read_text(encoding="utf-8")
    draft.write_text(text.replace("Dear", "Dear dear", 1), encoding="utf-8")
    build = run_stage("quick" if quick else "sync", folder, cache)
    print(f"{size}: build {json.dumps(build)}", flush=True)
    for path in extra.iterdir():
        shutil.copy(path, folder / path.name)
    added = run_stage("sync", folder, cache)
    print(f"{size}: add {ADDED} {json.dumps(added)}", flush=True)
    names = sorted(folder.iterdir())
    names[1].write_text(names[1].read_text(encoding="utf-8") + "\nA new closing line.\n")
    names[2].unlink()
    changed = run_stage("sync", folder, cache)
    print(f"{size}: change 1, delete 1 {json.dumps(changed)}", flush=True)
    first = check_process(folder, cache, draft)
    asks = draft_asks(draft)
    print(f"{size}: check after the change {first[0]:.2f} s, {first[1]:.0f} MiB", flush=True)
    print(f"{size}: (the draft has {asks} asks)", flush=True)
    warm = [check_process(folder, cache, draft) for _ in range(3)]
    best = min(warm)
    print(f"{size}: check warm {best[0]:.2f} s (best of 3), {best[1]:.0f} MiB", flush=True)
    if profile is not None:
        check_process(folder, cache, draft, profile)
        print_profile(profile)
    again = run_stage("sync", folder, cache)
    print(f"{size}: sync, nothing changed {json.dumps(again)}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000")
    parser.add_argument("--work", type=Path, default=Path("/tmp/compare-incremental"))
    parser.add_argument(
        "--quick-build",
        action="store_true",
        help="build the store from the generated letters without parsing them (the add, "
        "change and check stages still parse)",
    )
    parser.add_argument("--profile", type=Path, help="profile one more warm check to FILE")
    parser.add_argument("--stage", help=argparse.SUPPRESS)
    parser.add_argument("--folder", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--cache", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.stage in ("sync", "quick"):
        stage = stage_sync if args.stage == "sync" else stage_quick
        print(json.dumps(stage(args.folder, args.cache)))
        return
    assert SEEDS.is_dir()
    for size in (int(x) for x in args.sizes.split(",")):
        report(size, args.work, args.quick_build, args.profile)


if __name__ == "__main__":
    main()
