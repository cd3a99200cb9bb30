"""Time and peak memory of ``compare_corpus`` on the seeds and on 2,000 generated letters.

Not collected by pytest; run ``.venv/bin/python tests/benchmarks/similarity.py [COUNT]``
(COUNT defaults to 2,000).
The generated letters are the seeds' letters with their paragraphs shuffled and about a quarter
of them swapped for paragraphs of other seeds, so every pair shares terms: the default call
lists all ~n²/2 pairs, hence the runs with ``min_score`` and ``top`` for comparison.

Each run happens in a fresh process (the script re-runs itself as ``similarity.py COUNT
INDEX``), so its peak resident memory (``ru_maxrss``, Linux and macOS) is its own; it is
printed with its growth over the setup (parsing the seeds, importing scikit-learn, generating
the letters), which is paid before the timing starts.
"""

from __future__ import annotations

import dataclasses
import random
import resource
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from compare.corpus import load_corpus
from compare.models import Letter
from compare.similarity import (
    DEFAULT_THRESHOLD,
    LetterVectorizer,
    SimilarityResult,
    compare_corpus,
)
from compare.themes import load_taxonomy

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
SWAP_SHARE = 0.25


def generate_letters(seeds: Sequence[Letter], count: int, seed: int = 7) -> list[Letter]:
    """``count`` letters: seed ``n % len(seeds)`` with shuffled, partly swapped paragraphs."""
    rng = random.Random(seed)
    pool = [p for letter in seeds for p in letter.paragraphs if p.kind != "closing"]
    letters = []
    for number in range(count):
        base = seeds[number % len(seeds)]
        paragraphs = [rng.choice(pool) if rng.random() < SWAP_SHARE else p for p in base.paragraphs]
        rng.shuffle(paragraphs)
        letters.append(
            dataclasses.replace(base, key=f"generated-{number:05d}", paragraphs=tuple(paragraphs))
        )
    return letters


def scenarios(
    seeds: list[Letter], generated: list[Letter]
) -> dict[str, Callable[[], SimilarityResult]]:
    """The timed calls, by label."""
    return {
        f"seeds ({len(seeds)} letters)": lambda: compare_corpus(seeds),
        "generated, top=100": lambda: compare_corpus(generated, top=100),
        f"generated, min_score={DEFAULT_THRESHOLD}": lambda: compare_corpus(
            generated, min_score=DEFAULT_THRESHOLD
        ),
        "generated, all pairs, shared_terms=0": lambda: compare_corpus(generated, shared_terms=0),
        "generated, all pairs (default)": lambda: compare_corpus(generated),
    }


def peak_mib() -> float:
    """This process's peak resident memory so far, in MiB."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 2**20 if sys.platform == "darwin" else peak / 2**10  # bytes vs KiB


def run_one(index: int, count: int) -> None:
    """Set up, then time scenario ``index`` and print its line."""
    seeds = list(load_corpus(SEEDS, load_taxonomy()).letters)
    LetterVectorizer().fit(seeds)  # pay the sklearn import outside the timing
    label, call = list(scenarios(seeds, generate_letters(seeds, count)).items())[index]
    before = peak_mib()
    started = time.perf_counter()
    result = call()
    elapsed = time.perf_counter() - started
    peak = peak_mib()
    pairs = result.pairs
    flagged = sum(pair.near_duplicate for pair in pairs)
    print(
        f"{label:<40} {elapsed:7.2f} s  peak RSS {peak:7.1f} MiB (+{peak - before:6.1f})  "
        f"{len(pairs)} pairs, {flagged} near-duplicates",
        flush=True,
    )


def main(count: int) -> None:
    print(f"compare_corpus, threshold {DEFAULT_THRESHOLD}, {count} generated letters", flush=True)
    for index in range(len(scenarios([], []))):
        subprocess.run([sys.executable, __file__, str(count), str(index)], check=True)


if __name__ == "__main__":
    letters = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    if len(sys.argv) > 2:
        run_one(int(sys.argv[2]), letters)
    else:
        main(letters)
