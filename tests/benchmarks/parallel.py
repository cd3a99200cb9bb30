"""Reading a generated corpus cold with one process and with several (``--jobs``).

Not collected by ``make test``; run ``.venv/bin/python tests/benchmarks/parallel.py
[COUNT …] [--jobs N …] [--dask]``. For each count (default 1,000; README's figures are for
``1000 10000``), a generated corpus (``generate.py``) is read through a fresh cache, as the
first command over a new archive does (``cached_corpus``: parse, write each file's record
and the corpus's), once per ``--jobs`` value (default 1 and 2), and with ``--dask`` once
more on a Dask ``LocalCluster`` of the largest ``--jobs`` worker processes (its start-up
included). Prints wall time, files per second and the speed-up over ``--jobs 1``, and checks
that every run gives the same letters.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate_corpus  # noqa: E402

from compare.engines import Engine, make_engine
from compare.models import to_json
from compare.pipeline import cached_corpus, open_cache
from compare.themes import load_taxonomy


def cpu_seconds() -> float:
    """CPU time of this process and of its children that have ended (the pool's workers)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def timed(folder: Path, engine: Engine) -> tuple[float, float, object]:
    """Wall and CPU seconds of a cold read of ``folder`` on ``engine``, and its letters."""
    cache_dir = Path(tempfile.mkdtemp(prefix="compare-bench-cache-"))
    try:
        started, cpu = time.perf_counter(), cpu_seconds()
        corpus = cached_corpus(folder, load_taxonomy(), open_cache(cache_dir), engine)
        engine.close()
        elapsed, cpu = time.perf_counter() - started, cpu_seconds() - cpu
    finally:
        shutil.rmtree(cache_dir)
    return elapsed, cpu, to_json(corpus.letters)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("counts", nargs="*", type=int, default=[1000])
    parser.add_argument("--jobs", type=int, action="append", default=None)
    parser.add_argument("--dask", action="store_true")
    args = parser.parse_args()
    jobs = args.jobs or [1, 2]
    for count in args.counts:
        folder = Path(tempfile.mkdtemp(prefix="compare-bench-"))
        try:
            generate_corpus(folder, count)
            runs = [(f"--jobs {n}", make_engine("local", n)) for n in jobs]
            if args.dask:
                runs.append((f"dask x{max(jobs)}", make_engine("dask", max(jobs))))
            first: tuple[float, object] | None = None
            for label, engine in runs:
                elapsed, cpu, letters = timed(folder, engine)
                first = first or (elapsed, letters)
                same = "same letters" if letters == first[1] else "DIFFERENT LETTERS"
                print(
                    f"{count:>6} files  {label:<10} {elapsed:7.2f} s  "
                    f"{count / elapsed:6.0f} files/s  x{first[0] / elapsed:4.2f}  "
                    f"(CPU {cpu:6.1f} s, load {os.getloadavg()[0]:.1f})  {same}",
                    flush=True,
                )
        finally:
            shutil.rmtree(folder)


if __name__ == "__main__":
    main()
