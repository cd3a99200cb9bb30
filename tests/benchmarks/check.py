"""Whole-process time of ``compare-letters check`` (start-up included, no PDF):
against the seeds, and against a generated archive of 10,000 letters with the cache cold
(parse, fit and index everything) and warm. Targets (issue 6): <= 2 s on the seeds and
<= 2 s warm on 10,000 letters. Not collected by ``make test``; run ``make bench``.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import SEEDS, generate_corpus  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]


def timed(corpus: Path, draft: Path, cache: str) -> float:
    args = [
        sys.executable,
        "-m",
        "compare",
        "--corpus",
        str(corpus),
        "check",
        str(draft),
        "--no-report",
    ]
    started = time.perf_counter()
    subprocess.run(
        args,
        check=True,
        capture_output=True,
        cwd=ROOT,
        env={**os.environ, "COMPARE_LETTERS_CACHE": cache},
    )
    return time.perf_counter() - started


def main() -> None:
    size = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    with tempfile.TemporaryDirectory() as folder:
        draft = Path(folder) / "draft.txt"
        source = (SEEDS / "001_1deb3327b10af269.txt").read_text(encoding="utf-8")
        draft.write_text(source.replace("December 5, 2022", "December 5, 2023"), "utf-8")
        cache = str(Path(folder) / "cache")
        cold = timed(SEEDS, draft, cache)
        warm = min(timed(SEEDS, draft, cache) for _ in range(3))
        print(f"seeds: {warm:.2f} s warm, {cold:.2f} s cold (target <= 2 s)")
        archive = Path(folder) / "archive"
        archive.mkdir()
        generate_corpus(archive, size)
        cold = timed(archive, draft, cache)
        warm = min(timed(archive, draft, cache) for _ in range(3))
        print(f"{size} letters: {warm:.2f} s warm (target <= 2 s), {cold:.1f} s cold")


if __name__ == "__main__":
    main()
