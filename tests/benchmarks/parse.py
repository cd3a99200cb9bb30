"""Time to parse the bundled seeds and a generated corpus of 1,000 letters (one core).

Not collected by ``make test``; run ``make bench`` or
``.venv/bin/python tests/benchmarks/parse.py``.
Target: the 1,000 letters in at most 10 s.
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


def main() -> None:
    taxonomy = load_taxonomy()
    started = time.perf_counter()
    seeds = load_corpus(SEEDS, taxonomy)
    print(f"seeds: {len(seeds.letters)} letters in {time.perf_counter() - started:.2f} s")
    folder = Path(tempfile.mkdtemp(prefix="compare-bench-"))
    try:
        generate_corpus(folder, 1000)
        started = time.perf_counter()
        corpus = load_corpus(folder, taxonomy)
        elapsed = time.perf_counter() - started
        print(
            f"generated: {len(corpus.letters)} letters from 1000 files "
            f"({len(corpus.failures)} failed) in {elapsed:.2f} s (target <= 10 s)"
        )
    finally:
        shutil.rmtree(folder)


if __name__ == "__main__":
    main()
