"""What the corpus report's charts cost, on the bundled seeds.

Target (issue 14): a chart adds <= 0.3 s to a report. Measured three ways:

1. importing matplotlib (in a fresh process that has already imported what the report
   imports anyway: numpy, scikit-learn, WeasyPrint), paid once by the report that draws;
2. each chart drawn on its own (its numbers and its SVG), first call and best of five;
3. the whole corpus PDF in a fresh process with the charts and with them left out (best of
   three each): the difference is what the charts add, matplotlib's import and WeasyPrint
   setting the SVG included, divided by the number of charts.

Not collected by ``make test``; run ``make bench``.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TARGET = 0.3

IMPORT = """
import time
import numpy, sklearn.feature_extraction.text, weasyprint
started, cpu = time.perf_counter(), time.process_time()
import compare.rendering.charts, matplotlib.figure
print(time.perf_counter() - started, time.process_time() - cpu)
"""

REPORT = """
import sys, time
from pathlib import Path
from compare.corpus import load_corpus
from compare.themes import load_taxonomy
import compare.reports
import compare.rendering.context as context
if sys.argv[2] == "without":
    from compare.rendering.chartdata import CorpusCharts
    import compare.rendering.charts as charts
    charts.corpus_charts = lambda *args: CorpusCharts(None, None, None, None)
taxonomy = load_taxonomy()
corpus = load_corpus(Path(sys.argv[1]), taxonomy)
from compare.similarity import fit_letters
index = fit_letters(list(corpus.letters))
started, cpu = time.perf_counter(), time.process_time()
compare.reports.write_corpus_report(corpus, taxonomy, Path(sys.argv[3]), index=index)
print(time.perf_counter() - started, time.process_time() - cpu)
"""
CACHE = tempfile.mkdtemp(prefix="compare-bench-cache-")


def in_fresh_process(code: str, *args: str) -> tuple[float, float]:
    """(wall, CPU) seconds the code prints, run in a new interpreter."""
    environment = {**os.environ, "COMPARE_LETTERS_CACHE": CACHE}
    result = subprocess.run(
        [sys.executable, "-c", code, *args],
        check=True,
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=environment,
    )
    wall, cpu = result.stdout.split()[-2:]
    return float(wall), float(cpu)


def best(runs: list[tuple[float, float]]) -> tuple[float, float]:
    """The least wall and the least CPU time of some runs (the machine may be busy)."""
    return min(wall for wall, _ in runs), min(cpu for _, cpu in runs)


def main() -> None:
    sys.path.insert(0, str(ROOT))
    from compare.corpus import load_corpus
    from compare.rendering import chartdata, charts
    from compare.similarity import fit_letters
    from compare.themes import load_taxonomy
    from compare.trends import corpus_trends

    wall, cpu = best([in_fresh_process(IMPORT) for _ in range(3)])
    print(
        f"import matplotlib and the charts module: {wall:.2f} s ({cpu:.2f} s CPU), once per report"
    )

    taxonomy = load_taxonomy()
    corpus = load_corpus(ROOT / "seeds", taxonomy)
    letters = list(corpus.letters)
    index = fit_letters(letters)
    pairs = index.all_pairs().pairs
    trends = corpus_trends(letters, taxonomy, index=index)
    jobs = {
        "themes by year": lambda: charts.theme_chart(chartdata.theme_years(letters, trends, pairs)),
        "letters and asks per year": lambda: charts.volume_chart(
            chartdata.year_volume(letters, pairs)
        ),
        "signatories joining and leaving": lambda: charts.signatory_chart(
            chartdata.signatory_flow(letters, trends)
        ),
        "rising and falling terms": lambda: charts.terms_chart(chartdata.term_changes(trends)),
    }
    for name, job in jobs.items():
        runs = []
        for _ in range(6):
            started, cpu = time.perf_counter(), time.process_time()
            chart = job()
            runs.append((time.perf_counter() - started, time.process_time() - cpu))
        assert chart is not None, name
        wall, cpu = best(runs[1:])
        verdict = "ok" if wall <= TARGET else "OVER"
        print(
            f"chart {name}: {wall:.3f} s ({cpu:.3f} s CPU) best of 5, {runs[0][0]:.3f} s first "
            f"({len(chart.svg) / 1024:.0f} KiB of SVG) {verdict}"
        )

    with tempfile.TemporaryDirectory() as folder:
        seeds = str(ROOT / "seeds")
        in_fresh_process(REPORT, seeds, "with", f"{folder}/warm.pdf")  # fills the cache
        timings = {
            variant: best(
                [
                    in_fresh_process(REPORT, seeds, variant, f"{folder}/{variant}.pdf")
                    for _ in range(3)
                ]
            )
            for variant in ("with", "without")
        }
        sizes = {v: Path(f"{folder}/{v}.pdf").stat().st_size / 1024 for v in timings}
    (with_wall, with_cpu), (without_wall, without_cpu) = timings["with"], timings["without"]
    per_chart = (with_wall - without_wall) / len(jobs)
    per_chart_cpu = (with_cpu - without_cpu) / len(jobs)
    verdict = "ok" if per_chart <= TARGET else "OVER"
    print(
        f"corpus PDF: {with_wall:.2f} s ({with_cpu:.2f} s CPU) with the charts, "
        f"{without_wall:.2f} s ({without_cpu:.2f} s CPU) without; "
        f"{sizes['with']:.0f} KiB vs {sizes['without']:.0f} KiB"
    )
    print(
        f"the charts add {with_wall - without_wall:.2f} s ({with_cpu - without_cpu:.2f} s CPU): "
        f"{per_chart:.2f} s ({per_chart_cpu:.2f} s CPU) a chart (target <= {TARGET} s) {verdict}"
    )


if __name__ == "__main__":
    main()
