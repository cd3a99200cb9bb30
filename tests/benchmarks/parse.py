"""Time to parse the bundled seeds and a generated corpus of 1,000 letters (one core).

Not collected by ``make test``; run ``make bench`` or
``.venv/bin/python tests/benchmarks/parse.py``.
Target: the 1,000 letters in at most 10 s.
"""

from __future__ import annotations

import random
import shutil
import tempfile
import time
from pathlib import Path

from compare.corpus import load_corpus
from compare.themes import load_taxonomy

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def generate_corpus(folder: Path, count: int, seed: int = 7) -> None:
    """``count`` letter files made by shuffling and re-dating the seeds' paragraphs."""
    rng = random.Random(seed)
    sources = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    for number in range(count):
        text = sources[number % len(sources)]
        blocks = text.split("\n\n")
        middle = blocks[3:-3]
        rng.shuffle(middle)
        year = 2000 + number % 25
        body = "\n\n".join(blocks[:3] + middle + blocks[-3:])
        body = body.replace("2014", str(year)).replace("2020", str(year))
        (folder / f"letter_{number:05d}.txt").write_text(body, encoding="utf-8")


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
