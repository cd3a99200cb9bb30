"""`diff` and `report pair` never import scikit-learn (about 1.2 s and 120 MB), cold or warm;
`diff` does not import scipy either. Each command runs in a fresh interpreter with its own
cache, which then lists the packages it imported."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
A, B = "000_478dbd4e249306b7.txt", "001_1deb3327b10af269.txt"
RUN = """
import runpy, sys
sys.argv = ["compare-letters", *sys.argv[1:]]
try:
    runpy.run_module("compare", run_name="__main__", alter_sys=True)
except SystemExit as stop:
    assert not stop.code, stop.code
print("IMPORTED", *sorted({name.split(".")[0] for name in sys.modules}), file=sys.stderr)
"""


def imported(args: list[str], cache: Path) -> set[str]:
    """The top-level packages a CLI run imported (the run must succeed)."""
    done = subprocess.run(
        [sys.executable, "-c", RUN, "--corpus", str(SEEDS), *args],
        capture_output=True,
        text=True,
        env={**os.environ, "COMPARE_LETTERS_CACHE": str(cache)},
    )
    assert done.returncode == 0, done.stderr
    line = next(x for x in done.stderr.splitlines() if x.startswith("IMPORTED "))
    return set(line.split()[1:])


def test_diff_imports_neither_scikit_learn_nor_scipy_cold_or_warm(tmp_path):
    cache = tmp_path / "cache"
    for _ in ("cold", "warm"):
        packages = imported(["diff", A, B, "--json"], cache)
        assert "compare" in packages and "numpy" in packages
        assert not packages & {"sklearn", "scipy"}


@pytest.mark.parametrize("output", ["html", "pdf"])
def test_report_pair_does_not_import_scikit_learn(tmp_path, output):
    target = tmp_path / f"pair.{output}"
    args = ["report", "pair", A, B, "--format", output, "-o", str(target)]
    assert "sklearn" not in imported(args, tmp_path / "cache")
    assert target.stat().st_size > 0
