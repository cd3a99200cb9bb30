"""Time, peak memory and output size of ``similarity --json`` (the 100 best pairs),
``similarity --jsonl --all`` (every pair, streamed) and ``similarity --json --all`` (every
pair, ranked, written as made) on a generated corpus.

Not collected by pytest; run ``.venv/bin/python tests/benchmarks/similarity_output.py
[LETTERS]`` (LETTERS defaults to 1,000). The corpus is written by
:func:`generate.generate_corpus` (well-formed generated letters, one a file) into a temporary
folder, with as many files as it takes to hold LETTERS letters (some files hold two), and
parsed and fitted once into a temporary cache before the timed runs, so they time the
command, not the parsing. Each run is a fresh ``python -m compare`` process; its peak
resident memory is its ``ru_maxrss`` (read by a go-between process, Linux's KiB).
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate_corpus  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
RUNS = {
    "similarity --json": ["similarity", "--json"],
    "similarity --jsonl --all": ["similarity", "--jsonl", "--all"],
    "similarity --json --all": ["similarity", "--json", "--all"],
}


def compare(folder: Path, cache: Path, args: list[str], output: Path) -> tuple[float, float, float]:
    """Run one command with stdout to ``output``: its wall time and CPU time (user + system,
    s; the steadier figure on a busy machine) and peak memory (MiB), measured by a
    go-between process whose only child is the command."""
    command = [sys.executable, "-m", "compare", "--corpus", str(folder), "--cache", str(cache)]
    probe = (
        "import resource, subprocess, sys, time; started = time.perf_counter(); "
        "subprocess.run(sys.argv[2:], stdout=open(sys.argv[1], 'wb'), check=True); "
        "used = resource.getrusage(resource.RUSAGE_CHILDREN); "
        "print(time.perf_counter() - started, used.ru_utime + used.ru_stime, "
        "used.ru_maxrss / 1024)"
    )
    measured = subprocess.run(
        [sys.executable, "-c", probe, str(output), *command, *args],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    elapsed, cpu, peak = measured.stdout.split()
    return float(elapsed), float(cpu), float(peak)


def letter_count(folder: Path, cache: Path, files: int, work: Path) -> int:
    """The letters in the first ``files`` generated files (the generator is deterministic,
    so the first n files are the same whatever the total)."""
    for path in folder.iterdir():
        path.unlink()
    generate_corpus(folder, files)
    compare(folder, cache, ["letters", "--json"], work / "letters.json")
    return len(json.loads((work / "letters.json").read_text(encoding="utf-8")))


def main(letters: int) -> None:
    with tempfile.TemporaryDirectory() as temporary:
        work = Path(temporary)
        folder, cache = work / "corpus", work / "cache"
        folder.mkdir()
        files = letters * letters // letter_count(folder, cache, letters, work)
        while letter_count(folder, cache, files + 1, work) <= letters:
            files += 1
        while (count := letter_count(folder, cache, files, work)) > letters:
            files -= 1
        compare(folder, cache, ["similarity", "--json", "--top", "1"], work / "warm.json")
        print(f"{count:,} letters in {files:,} generated files: {count * (count - 1) // 2:,} pairs")
        for label, args in RUNS.items():
            output = work / "out"
            elapsed, cpu, peak = compare(folder, cache, args, output)
            size = output.stat().st_size / 2**20
            print(
                f"{label:<26} {elapsed:6.1f} s ({cpu:5.1f} s CPU)  peak RSS {peak:6.1f} MiB  "
                f"{size:6.1f} MiB out"
            )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1000)
