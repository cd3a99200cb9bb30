"""In-process time of the draft check and of the corpus trends on the bundled seeds, warm
(imports and caches paid before the timing), best of five.

These were wall-clock assertions in the suite (``< 1.0 s`` each, in ``test_check.py`` and
``test_trends.py``); a time limit in a test fails on a slow or loaded machine and proves
little on a fast one, so the figures are printed here instead. The draft is the one the
check tests use: seed 000 with its edits (``tests/test_check.py:edited_000``).
Not collected by ``make test``; run ``make bench`` or
``.venv/bin/python tests/benchmarks/seeds.py``.
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

TESTS = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(TESTS))
from test_check import edited_000  # noqa: E402

from compare.check import check_draft  # noqa: E402
from compare.corpus import load_corpus, read_letters  # noqa: E402
from compare.themes import load_taxonomy  # noqa: E402
from compare.trends import corpus_trends  # noqa: E402

SEEDS = TESTS.parent / "seeds"
RUNS = 5


def best_of(call: Callable[[], object], runs: int = RUNS) -> float:
    """The fastest of ``runs`` timed calls, after one untimed call to warm up."""
    call()
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        call()
        times.append(time.perf_counter() - started)
    return min(times)


def main() -> None:
    taxonomy = load_taxonomy()
    letters = load_corpus(SEEDS, taxonomy).letters
    with tempfile.TemporaryDirectory(prefix="compare-bench-") as folder:
        path = Path(folder) / "draft.txt"
        path.write_text(edited_000(), encoding="utf-8")
        draft = read_letters(path, taxonomy)[0]
    print(f"seeds: {len(letters)} letters, best of {RUNS} warm runs (was a 1 s test budget)")
    check = best_of(lambda: check_draft(draft, letters))
    print(f"check_draft (edited seed 000)   {check:7.3f} s")
    trends = best_of(lambda: corpus_trends(letters, taxonomy))
    print(f"corpus_trends                   {trends:7.3f} s")


if __name__ == "__main__":
    main()
