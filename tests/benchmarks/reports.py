"""Whole-process time and peak memory of the report commands on the bundled seeds.

Targets (issue 5): the 2020 pair report <= 3 s, the corpus report <= 10 s, peak memory
<= 500 MB. Each command runs in a fresh process, start-up included: once with an empty
cache (cold: parse and fit the vectoriser, which imports scikit-learn), then the best of
three with the cache warm (parsed letters and fitted vectors read back).
Not collected by ``make test``; run ``make bench``.
"""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CLI = [sys.executable, "-m", "compare", "--corpus", str(ROOT / "seeds")]
CACHE = tempfile.mkdtemp(prefix="compare-bench-cache-")
PAIR = ["2020-10-14-un-general-assembly", "2020-10-14-josep-borrell-fontelles"]


def timed(args: list[str]) -> float:
    started = time.perf_counter()
    environment = {**os.environ, "COMPARE_LETTERS_CACHE": CACHE}
    subprocess.run(args, check=True, capture_output=True, cwd=ROOT, env=environment)
    return time.perf_counter() - started


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        jobs = {
            "pair report (2020 pair)": (
                [*CLI, "report", "pair", *PAIR, "-o", f"{folder}/pair.pdf"],
                3.0,
            ),
            "corpus report": ([*CLI, "report", "corpus", "-o", f"{folder}/corpus.pdf"], 10.0),
        }
        for name, (args, target) in jobs.items():
            shutil.rmtree(CACHE, ignore_errors=True)
            cold = timed(args)
            best = min(timed(args) for _ in range(3))
            verdict = "ok" if best <= target else "OVER"
            print(
                f"{name}: {best:.2f} s warm, {cold:.2f} s cold (target <= {target:.0f} s) {verdict}"
            )
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"peak memory of any run: {peak:.0f} MB (target <= 500 MB)")


if __name__ == "__main__":
    main()
