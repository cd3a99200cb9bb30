"""Whole-process time, peak memory and pages of the report commands.

Jobs (each command in a fresh process, start-up included; "warm" is the best of three runs
after a first one filled the cache, "cold" that first run; peak memory is the largest of the
warm runs' own maximum resident sets, from ``wait4``):

- ``seeds``: the 2020 pair report <= 3 s and the corpus report <= 10 s on the bundled seeds,
  peak memory <= 500 MB (issue 5);
- ``corpus1000``: the corpus report of 1,000 generated campaign letters
  (:func:`generate.generate_campaigns`) <= 60 s, <= 1 GB, <= 40 pages (issue 13);
- ``ministers40``: one coalition letter (a seed letter of 30 asks and 52 signatories) sent
  to 40 ministers over a week: <= 15 s and <= 10 pages (issue 13). The pages of the "Asks that
  recur" section are printed apart: that section is bounded by its own work (ask lineage);
- every report's nearly empty pages (fewer than 12 lines of text, the last page aside) are
  listed: the page count is not the only thing a reader sees;
- ``check``: the draft check *with its PDF* against 100 and against 10,000 generated letters
  (:func:`generate.generate_corpus`): about the same time, <= 2.5 s warm, and the same pages
  (its lists are capped; issue 13); the same check without its PDF is timed too, to tell
  the report's share from the check's.

Not collected by ``make test``; run ``make bench`` or ``python tests/benchmarks/reports.py
[JOB ...]``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from pypdf import PdfReader

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import SEEDS, generate_campaigns, generate_corpus  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
PAIR = ["2020-10-14-un-general-assembly", "2020-10-14-josep-borrell-fontelles"]
KIM = "003_078c1a36535d4093.txt"
"""The seed letter sent to the 40 ministers: 30 asks, 52 signatories."""
NAMES = ["Abara", "Berger", "Castell", "Dunmore", "Eskola", "Fontaine", "Garrow", "Halvorsen"]


def run(args: list[str], cache: str) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds and peak resident memory (MB) of ``compare-letters ARGS``
    in a fresh process."""
    environment = {**os.environ, "COMPARE_LETTERS_CACHE": cache, "PYTHONPATH": str(ROOT)}
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "compare", *args],
        cwd=ROOT,
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"compare-letters {' '.join(args)} failed: {process.stderr.read()!r}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def measured(args: list[str], cache: str) -> tuple[float, float, float, float]:
    """Cold wall seconds, then the best warm wall seconds, its CPU seconds and the largest
    peak memory of the three warm runs."""
    cold, _, _ = run(args, cache)
    warm = [run(args, cache) for _ in range(3)]
    best = min(warm)
    return cold, best[0], best[1], max(w[2] for w in warm)


def pages(path: Path) -> int:
    return len(PdfReader(path).pages)


def sparse_pages(path: Path, lines: int = 12) -> list[int]:
    """Page numbers (1-based) of the pages with fewer than ``lines`` lines of text, the
    running header and footer included: nearly empty pages a reader would stumble on (the
    last page is allowed to be short)."""
    texts = [(page.extract_text() or "").splitlines() for page in PdfReader(path).pages]
    return [n for n, text in enumerate(texts[:-1], start=1) if len(text) < lines]


def section_pages(path: Path, heading: str, until: str) -> int:
    """Pages from the one where ``heading`` starts to the one before ``until``'s (0 when
    the report has no such section)."""
    lines = [(page.extract_text() or "").splitlines() for page in PdfReader(path).pages]
    starts = [i for i, page in enumerate(lines) if heading in page]
    if not starts:
        return 0
    ends = [i for i, page in enumerate(lines) if until in page and i > starts[0]]
    return (ends[0] if ends else len(lines)) - starts[0]


def verdict(ok: bool) -> str:
    return "ok" if ok else "OVER"


def seeds(work: Path) -> None:
    cache = str(work / "cache-seeds")
    corpus = ["--corpus", str(SEEDS)]
    jobs = {
        "pair report (2020 pair)": (
            [*corpus, "report", "pair", *PAIR, "-o", str(work / "pair.pdf")],
            3.0,
        ),
        "corpus report (seeds)": (
            [*corpus, "report", "corpus", "-o", str(work / "corpus.pdf")],
            10.0,
        ),
    }
    for name, (args, target) in jobs.items():
        cold, warm, cpu, peak = measured(args, cache)
        print(
            f"{name}: {warm:.2f} s warm ({cpu:.1f} s CPU), {cold:.2f} s cold "
            f"(target <= {target:.0f} s) {verdict(warm <= target)}; peak {peak:.0f} MB "
            f"(target <= 500 MB) {verdict(peak <= 500)}"
        )


def corpus_report(folder: Path, target: Path, cache: str, name: str, limits: tuple) -> None:
    """Time, memory and pages of the corpus report of ``folder``; ``limits`` are the targets
    (seconds, MB, pages)."""
    seconds, megabytes, most = limits
    cold, warm, cpu, peak = measured(
        ["--corpus", str(folder), "report", "corpus", "-o", str(target)], cache
    )
    count = pages(target)
    recur = section_pages(target, "Asks that recur", "How the language changed")
    print(
        f"{name}: {warm:.1f} s warm ({cpu:.1f} s CPU; target <= {seconds:.0f} s) "
        f"{verdict(warm <= seconds)}, {cold:.1f} s cold; peak {peak:.0f} MB (target <= "
        f"{megabytes} MB) {verdict(peak <= megabytes)}; {count} pages (target <= {most}) "
        f"{verdict(count <= most)}, of which {recur} for the asks that recur; nearly empty "
        f"pages: {sparse_pages(target) or 'none'}"
    )


def corpus1000(work: Path) -> None:
    folder = work / "campaigns1000"
    folder.mkdir()
    generate_campaigns(folder, 1000)
    limits = (60.0, 1024, 40)
    corpus_report(folder, work / "c1000.pdf", str(work / "c1"), "corpus report, 1,000", limits)


def ministers40(work: Path) -> None:
    folder = work / "ministers40"
    folder.mkdir()
    source = (SEEDS / KIM).read_text(encoding="utf-8")
    addressee = (
        "Kim Jong Un\nChairman, State Affairs Commission of the Democratic People’s "
        "Republic of Korea"
    )
    for n in range(40):
        who = f"Minister {NAMES[n % len(NAMES)]} {n + 1}"
        text = source.replace("June 6, 2018", f"June {4 + n % 7}, 2018")
        text = text.replace(addressee, f"{who}\nMinistry of Foreign Affairs of Country {n + 1}")
        text = text.replace("Dear Chairman Kim Jong Un", f"Dear {who}")
        (folder / f"minister_{n:02d}.txt").write_text(text, encoding="utf-8")
    limits = (15.0, 1024, 10)
    corpus_report(folder, work / "m40.pdf", str(work / "c2"), "corpus report, 40 ministers", limits)


def check(work: Path) -> None:
    draft = work / "draft.txt"
    source = (SEEDS / "001_1deb3327b10af269.txt").read_text(encoding="utf-8")
    draft.write_text(source.replace("December 5, 2022", "December 5, 2023"), "utf-8")
    for size in (100, 10_000):
        folder = work / f"archive{size}"
        folder.mkdir()
        generate_corpus(folder, size)
        target = work / f"check{size}.pdf"
        args = ["--corpus", str(folder), "check", str(draft), "-o", str(target)]
        cold, warm, cpu, peak = measured(args, str(work / f"c{size}"))
        bare = min(run([*args[:4], "--no-report"], str(work / f"c{size}")) for _ in range(3))
        print(
            f"check with its PDF, {size:,} letters: {warm:.2f} s warm ({cpu:.1f} s CPU; "
            f"target <= 2.5 s) {verdict(warm <= 2.5)}, {cold:.1f} s cold; peak {peak:.0f} "
            f"MB; {pages(target)} pages (nearly empty: {sparse_pages(target) or 'none'}); "
            f"without the PDF {bare[0]:.2f} s ({bare[1]:.1f} s CPU)"
        )


JOBS = {"seeds": seeds, "corpus1000": corpus1000, "ministers40": ministers40, "check": check}


def main() -> None:
    chosen = sys.argv[1:] or list(JOBS)
    unknown = [name for name in chosen if name not in JOBS]
    if unknown:
        raise SystemExit(f"unknown job(s) {', '.join(unknown)}; choose from {', '.join(JOBS)}")
    work = Path(tempfile.mkdtemp(prefix="compare-bench-reports-"))
    try:
        for name in chosen:
            JOBS[name](work)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
