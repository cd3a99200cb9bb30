"""Time to parse the bundled seeds and a generated corpus of 1,000 letters (one core).

Not collected by ``make test``; run ``make bench`` or
``.venv/bin/python tests/benchmarks/parse.py``.
Target: the 1,000 letters in at most 15 s on one core (issue 10).
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import SEEDS, generate_corpus  # noqa: E402

from compare.corpus import load_corpus
from compare.themes import load_taxonomy


def model_cost() -> float:
    """Milliseconds that loading the line model adds to a cold start (a fresh process that
    has already imported the parser): importing pycrfsuite and opening the model."""
    import subprocess

    code = (
        "import time, compare.reading.parsing, compare.reading.signatories\n"
        "t = time.perf_counter()\n"
        "from compare.reading.linemodel import _tagger, model_path\n"
        "_tagger(str(model_path()))\n"
        "print((time.perf_counter() - t) * 1000)"
    )
    runs = [
        float(
            subprocess.run(
                [sys.executable, "-c", code], capture_output=True, text=True, check=True
            ).stdout
        )
        for _ in range(5)
    ]
    return min(runs)


def main() -> None:
    """The model's cold-start cost, then the parse timings twice in fresh processes: with the
    line model (the default) and with the rules alone (``COMPARE_MODEL=none``) as the anchor."""
    import os
    import subprocess

    if len(sys.argv) > 1 and sys.argv[1] == "--run":
        run()
        return
    print(f"line model: adds {model_cost():.1f} ms to a cold start (best of 5; target <= 50 ms)")
    for label, model in (("line model", None), ("rules alone", "none")):
        env = dict(os.environ)
        if model is None:
            env.pop("COMPARE_MODEL", None)
        else:
            env["COMPARE_MODEL"] = model
        print(f"-- {label}", flush=True)
        subprocess.run([sys.executable, __file__, "--run"], env=env, check=True)


def run() -> None:
    taxonomy = load_taxonomy()
    started = time.perf_counter()
    seeds = load_corpus(SEEDS, taxonomy)
    print(f"seeds: {len(seeds.letters)} letters in {time.perf_counter() - started:.2f} s")
    folder = Path(tempfile.mkdtemp(prefix="compare-bench-"))
    try:
        generate_corpus(folder, 1000)
        started, cpu = time.perf_counter(), time.process_time()
        corpus = load_corpus(folder, taxonomy)
        elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
        print(
            f"generated: {len(corpus.letters)} letters from 1000 files "
            f"({len(corpus.failures)} failed) in {elapsed:.2f} s, {cpu:.2f} s of CPU "
            "(target <= 15 s on one core; the CPU time is the figure on a shared machine)"
        )
    finally:
        shutil.rmtree(folder)


if __name__ == "__main__":
    main()
