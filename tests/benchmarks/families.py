"""Letter families and the batch on a generated archive of campaigns (default 1,000 letters).

The archive (:func:`generate.generate_campaigns`): campaign letters of five paragraphs made
of the seeds' sentences, each sent to 1-40 recipients with its recipient, salutation, date
and a sentence changed. Each command runs in a fresh process with a fresh cache, as a user
would run them one after the other:

1. ``letters`` — parses the archive (and fills the cache; not what is measured here);
2. ``families`` — fits the corpus (once, then cached), groups it, compares every variant;
3. ``families`` again — the fit read back from the cache;
4. ``batch --jobs 2`` into an empty folder — data files, corpus report, a report per family;
5. ``batch --jobs 2`` again — nothing changed, so nothing is made (target: about a second);
6. ``batch --jobs 2`` after one letter changed — only its family, the corpus report and the
   data files are made again.

Printed per step: wall-clock seconds and CPU seconds (user + system, the workers included).
Not collected by ``make test``; run ``.venv/bin/python tests/benchmarks/families.py [COUNT]``.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate_campaigns  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]


def timed(args: list[str], cache: str) -> tuple[float, float, str, str]:
    """Wall and CPU seconds of ``compare-letters ARGS`` in a fresh process, and its output."""
    environment = {**os.environ, "COMPARE_LETTERS_CACHE": cache, "PYTHONPATH": str(ROOT)}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "compare", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    )
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, done.stdout, done.stderr


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    with tempfile.TemporaryDirectory() as work:
        letters, out, cache = Path(work) / "letters", Path(work) / "out", str(Path(work) / "c")
        letters.mkdir()
        sizes = generate_campaigns(letters, count)
        ordered = sorted(sizes.items(), key=lambda item: int(item[0]))
        shape = ", ".join(f"{n}×{size}" for size, n in ordered)
        print(f"{count} letters in {sum(sizes.values())} campaigns (count×size: {shape})")
        base = ["--corpus", str(letters)]

        def step(label: str, args: list[str]) -> tuple[str, str]:
            wall, cpu, stdout, stderr = timed([*base, *args], cache)
            print(f"{label:<44} {wall:7.2f} s wall {cpu:7.2f} s CPU")
            return stdout, stderr

        step("letters (parse, fill the cache)", ["letters", "--json"])
        found = json.loads(step("families --json (fit, group, compare)", ["families", "--json"])[0])
        step("families (fit read from the cache)", ["families"])
        family_sizes = sorted((f["size"] for f in found["families"]), reverse=True)
        print(
            f"  {len(found['families'])} families (largest {family_sizes[:5]}), "
            f"{len(found['singletons'])} letters in none"
        )
        batch = ["batch", "--out", str(out), "--jobs", "2"]
        _, stderr = step("batch --jobs 2 (empty folder)", batch)
        print(f"  {stderr.strip().splitlines()[-1]}")
        _, stderr = step("batch --jobs 2 again (nothing changed)", batch)
        print(f"  {stderr.strip().splitlines()[-1]}")
        first = sorted(letters.glob("*.txt"))[1]
        first.write_text(
            first.read_text(encoding="utf-8").replace("Sincerely,", "With thanks,"), "utf-8"
        )
        _, stderr = step("batch --jobs 2 (one letter changed)", batch)
        print(f"  {stderr.strip().splitlines()[-1]}")


if __name__ == "__main__":
    main()
