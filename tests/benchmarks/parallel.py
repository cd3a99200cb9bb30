"""Reading a generated corpus cold with one process and with several (``--jobs``).

Not collected by ``make test``; run ``.venv/bin/python tests/benchmarks/parallel.py
[COUNT …] [--jobs N …] [--dask] [--repeat R]``. For each count (default 1,000), a generated
corpus (``generate.py``) is read through a fresh cache, as the first command over a new
archive does (``cached_corpus``: parse, write each file's record and the corpus's), with
each ``--jobs`` value (default 1 and 2), and with ``--dask`` on a Dask ``LocalCluster`` of
the largest ``--jobs`` worker processes (its start-up included); ``R`` rounds, interleaved,
keeping each one's best. Prints wall time, files per second and the speed-up over the first
``--jobs``, after checking that every run gave the same letters. Timings on a machine that
other work keeps busy say little: the load average is printed beside them.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate_corpus  # noqa: E402

from compare.engines import Engine, EngineName, make_engine
from compare.models import to_json
from compare.pipeline import cached_corpus, open_cache
from compare.themes import load_taxonomy


def timed(folder: Path, engine: Engine) -> tuple[float, object]:
    """Wall seconds of a cold read of ``folder`` on ``engine``, and its letters."""
    cache_dir = Path(tempfile.mkdtemp(prefix="compare-bench-cache-"))
    try:
        started = time.perf_counter()
        corpus = cached_corpus(folder, load_taxonomy(), open_cache(cache_dir), engine)
        engine.close()
        elapsed = time.perf_counter() - started
    finally:
        shutil.rmtree(cache_dir)
    return elapsed, to_json(corpus.letters)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("counts", nargs="*", type=int, default=[1000])
    parser.add_argument("--jobs", type=int, action="append", default=None)
    parser.add_argument("--dask", action="store_true")
    parser.add_argument("--repeat", type=int, default=1, help="runs of each, interleaved")
    args = parser.parse_args()
    jobs = args.jobs or [1, 2]
    for count in args.counts:
        folder = Path(tempfile.mkdtemp(prefix="compare-bench-"))
        try:
            generate_corpus(folder, count)
            engines: dict[str, tuple[EngineName, int]] = {f"--jobs {n}": ("local", n) for n in jobs}
            if args.dask:
                engines[f"dask x{max(jobs)}"] = ("dask", max(jobs))
            labels = list(engines)
            best: dict[str, float] = {}
            first: object = None
            for _ in range(args.repeat):  # interleaved, so a busy spell on the machine hits all
                for label, (kind, workers) in engines.items():
                    elapsed, letters = timed(folder, make_engine(kind, workers))
                    first = letters if first is None else first
                    if letters != first:
                        raise SystemExit(f"{label}: DIFFERENT LETTERS")
                    best[label] = min(best.get(label, elapsed), elapsed)
            for label in labels:
                print(
                    f"{count:>6} files  {label:<10} {best[label]:7.2f} s  "
                    f"{count / best[label]:6.0f} files/s  x{best[labels[0]] / best[label]:4.2f}  "
                    f"(best of {args.repeat}, load {os.getloadavg()[0]:.1f}; same letters)",
                    flush=True,
                )
        finally:
            shutil.rmtree(folder)


if __name__ == "__main__":
    main()
