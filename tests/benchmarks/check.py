"""Whole-process time of ``compare-letters check`` (start-up included, no PDF): against the
seeds, and against a generated archive (default 10,000 letters) with the cache cold (parse,
fit and index everything), warm, and first after a change of the corpus.

Each line gives wall time and the process's CPU time (user + system, its worker processes
included: on a loaded machine wall time says less). Against the archive:

* ``cold``: the first check (the letter store built, then the paragraph index and the ask
  graph of the corpus);
* ``warm, draft with asks``: best of three, the draft one of the archive's letters
  (reworded salutation) — its asks join the corpus's ask graph, opened memory-mapped
  (:mod:`compare.store.askgraph`);
* ``warm, draft without asks``: the same letter with its asks' sentences dropped, for the
  cost of the asks alone;
* ``first after a change``: one file of the archive edited, then a check (the store synced,
  the paragraph index and the ask graph of the new corpus built once), then warm again.

Targets (issues 6 and 15): <= 2 s on the seeds, <= 2 s warm with asks on 100,000 letters.
Not collected by ``make test``; run ``make bench`` or
``python tests/benchmarks/check.py [SIZE] [--archive DIR] [--work DIR]``. ``--archive``
uses an existing folder of letters (copied into the work folder, so the change stays
there); ``--work`` keeps the archive copy and the cache between runs (a warm re-run skips
the cold build: building 100,000 letters takes 15-20 minutes on two cores). Run
``python -m compileall -q compare`` first where ``PYTHONDONTWRITEBYTECODE`` is set.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # this checkout's compare
from generate import SEEDS, generate_archive  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]


def timed(corpus: Path, draft: Path, cache: Path) -> tuple[float, float]:
    """Wall and CPU seconds (user + system, children included) of one check."""
    args = [sys.executable, "-m", "compare", "--corpus", str(corpus), "check", str(draft)]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(
        [*args, "--no-report"],
        check=True,
        capture_output=True,
        cwd=ROOT,
        env={**os.environ, "COMPARE_LETTERS_CACHE": str(cache)},
    )
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def best(corpus: Path, draft: Path, cache: Path, runs: int = 3) -> tuple[float, float]:
    return min(timed(corpus, draft, cache) for _ in range(runs))


def shown(figures: tuple[float, float]) -> str:
    return f"{figures[0]:.2f} s ({figures[1]:.2f} s CPU)"


def drafts(archive: Path, work: Path) -> tuple[Path, Path]:
    """A draft with asks (a letter of the archive, salutation reworded) and the same with
    the sentences the reader reads as asks dropped (until it finds none)."""
    text = sorted(archive.iterdir())[len(os.listdir(archive)) // 2].read_text("utf-8")
    text = text.replace("Dear", "Dear dear", 1)
    with_asks = work / "draft-asks.txt"
    with_asks.write_text(text, encoding="utf-8")
    without = work / "draft-plain.txt"
    without.write_text(text, encoding="utf-8")
    for _ in range(5):
        found = asks_of(without)
        if not found:
            break
        for ask in found:
            text = text.replace(ask, "")
        without.write_text(text, encoding="utf-8")
    return with_asks, without


def asks_of(draft: Path) -> list[str]:
    """The asks the reader finds in ``draft``."""
    from compare.corpus import read_letters
    from compare.themes import load_taxonomy

    (letter,) = read_letters(draft, load_taxonomy(None))
    return [ask.text for ask in letter.asks]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("size", nargs="?", type=int, default=10_000)
    parser.add_argument("--archive", type=Path, help="an existing folder of letters")
    parser.add_argument("--work", type=Path, help="keep the archive copy and cache here")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temporary:
        work = args.work or Path(temporary)
        work.mkdir(parents=True, exist_ok=True)
        seed_draft = work / "draft.txt"
        source = (SEEDS / "001_1deb3327b10af269.txt").read_text(encoding="utf-8")
        seed_draft.write_text(source.replace("December 5, 2022", "December 5, 2023"), "utf-8")
        seed_cache = work / "seed-cache"
        cold = timed(SEEDS, seed_draft, seed_cache)
        print(f"seeds: {shown(best(SEEDS, seed_draft, seed_cache))} warm, {shown(cold)} cold")
        archive = work / f"archive-{args.size}"
        if not archive.is_dir():
            if args.archive:
                shutil.copytree(args.archive, archive)
            else:
                archive.mkdir()
                generated = generate_archive(args.size, "distinct", 7)
                for name, text in zip(generated.names, generated.texts, strict=True):
                    (archive / name).write_text(text, encoding="utf-8")
        letters = len(os.listdir(archive))
        cache = work / f"cache-{args.size}"
        with_asks, without = drafts(archive, work)
        counts = f"{len(asks_of(with_asks))} asks / {len(asks_of(without))} asks"
        print(
            f"{letters} letters, drafts of {counts}: cold {shown(timed(archive, with_asks, cache))}"
        )
        for name, draft in (("with asks", with_asks), ("without asks", without)):
            print(f"{letters} letters: warm, draft {name} {shown(best(archive, draft, cache))}")
        changed = sorted(archive.iterdir())[1]
        changed.write_text(changed.read_text("utf-8") + "\nA new closing line.\n", "utf-8")
        first = timed(archive, with_asks, cache)
        print(f"{letters} letters: first check after a change {shown(first)}")
        again = best(archive, with_asks, cache)
        print(f"{letters} letters: warm again, draft with asks {shown(again)}", flush=True)


if __name__ == "__main__":
    main()
