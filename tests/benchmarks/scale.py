"""Near-duplicates and nearest letters of large generated archives: time, peak memory, recall.

Not collected by pytest; run ``python tests/benchmarks/scale.py [--sizes 1000,10000]
[--shapes distinct,campaign] [--stages ...]`` (100,000 letters only when asked:
``--sizes 1000,10000,100000``; parsing them takes ~20 minutes on one core).

Archives come from :func:`generate.generate_archive`: ``distinct`` (5% planted reworded
copies) and ``campaign`` (families of hundreds or thousands). Each stage runs in a fresh
process (the script re-runs itself), so its peak resident memory (``ru_maxrss``) is its own:

* ``cold``: ``Pipeline.similarity(top=100)`` with an empty cache — parse every file (in
  worker processes, one per core, as the CLI's default ``--jobs``), fit, sign, search —
  what ``compare-letters similarity`` costs the first time;
* ``warm``: the same again, the cache filled by ``cold``;
* ``near``: on letters already parsed (the generator's body text, no reading): fit, sign
  and search (:func:`compare.nearduplicates.near_duplicates`), each timed, with recall on
  the planted pairs that score at least the threshold and, up to 10,000 letters, on every
  pair scoring at least the threshold (scored exactly, block by block), and the time of
  datasketch's ``MinHashLSH`` for the same bands;
* ``topk``: the 10 nearest letters of every letter (:func:`compare.nearduplicates.top_k`,
  exact in row blocks) and how many of them LSH candidates would have found.

Growth between sizes is printed as the ratio of times (and of memory over the setup).
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

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import Archive, generate_archive  # noqa: E402

from compare.index import CorpusIndex  # noqa: E402
from compare.similarity import DEFAULT_THRESHOLD, TextsOf  # noqa: E402

STAGES = ("cold", "warm", "near", "topk")
EXACT_LIMIT = 10_000
"""Largest archive whose every pair is scored to measure recall."""


def peak_mib() -> float:
    """This process's peak resident memory so far, in MiB."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 2**20 if sys.platform == "darwin" else peak / 2**10


def body(text: str) -> str:
    """A generated letter's body paragraphs (what the reader keeps as its paragraphs)."""
    return "\n\n".join(text.split("\n\n")[4:-2])


def fit(archive: Archive) -> CorpusIndex:
    texts = TextsOf(archive.texts, body)  # each body made when the fit reads it
    return CorpusIndex.fit(texts, [f"letter-{n:06d}" for n in range(len(texts))])


def timed(label: str, call, results: dict[str, object]):  # type: ignore[no-untyped-def]
    started, cpu = time.perf_counter(), time.process_time()
    value = call()
    results[label] = time.perf_counter() - started
    results[f"{label} cpu"] = time.process_time() - cpu
    return value


def run_pipeline(folder: Path, cache: Path) -> str:
    from compare.engines import default_jobs
    from compare.pipeline import Pipeline

    pipeline = Pipeline(folder, cache_dir=cache, jobs=default_jobs())
    times: dict[str, object] = {}
    timed("parse", lambda: pipeline.corpus, times)
    timed("fit", lambda: pipeline.index, times)
    result = timed("search", lambda: pipeline.similarity(top=100), times)
    walls = {k: float(v) for k, v in times.items() if not k.endswith("cpu")}  # type: ignore[arg-type]
    total = sum(walls.values())
    parts = ", ".join(f"{k} {v:.1f}" for k, v in walls.items())
    return f"{total:7.1f} s ({parts})  pairs_total {result.total:,}"


def run_near(archive: Archive) -> str:
    from compare import nearduplicates as nd

    times: dict[str, object] = {}
    index = timed("fit", lambda: fit(archive), times)
    after_fit = peak_mib()
    sigs = timed("sign", lambda: nd.signatures(index), times)
    found = timed("search", lambda: nd.near_duplicates(index, sigs=sigs), times)
    peak = peak_mib()
    n = len(index)
    got = np.sort(found.rows * n + found.cols)  # pair codes: a set of millions, as one array
    planted = [
        (i, j)
        for i, j in archive.planted
        if index.pair(index.keys[i], index.keys[j]).score >= DEFAULT_THRESHOLD
    ]
    codes = np.array([i * n + j for i, j in planted], dtype=np.int64)
    planted_recall = np.isin(codes, got).sum() / max(1, len(planted))
    line = (
        f"fit {times['fit']:.1f} s, sign {times['sign']:.1f} s, search {times['search']:.1f} s "
        f"(CPU {times['fit cpu']:.1f} + {times['sign cpu']:.1f} + {times['search cpu']:.1f} s); "
        f"peak {peak:.0f} MiB ({after_fit:.0f} after fit); {len(found):,} pairs from "
        f"{found.candidates:,} candidates (bands {found.params.bands}x{found.params.rows}; "
        f"{found.scored:,} scored exactly); "
        f"recall on {len(planted)} planted near-duplicates {planted_recall:.4f}"
    )
    if len(index) <= EXACT_LIMIT:
        started = time.perf_counter()
        blocks = [rows * n + cols for rows, cols, _ in index.scored_blocks(DEFAULT_THRESHOLD)]
        exact = np.sort(np.concatenate(blocks)) if blocks else np.zeros(0, np.int64)
        elapsed = time.perf_counter() - started
        recall = np.isin(exact, got).sum() / max(1, len(exact))
        unverified = int((~np.isin(got, exact)).sum())
        line += (
            f"; every pair scored in {elapsed:.1f} s: {len(exact):,} pairs >= "
            f"{DEFAULT_THRESHOLD}, recall {recall:.4f}, unverified {unverified}"
        )
        started = time.perf_counter()
        nd.datasketch_candidates(sigs, found.params)
        line += f"; datasketch MinHashLSH candidates {time.perf_counter() - started:.1f} s"
    return line


def run_topk(archive: Archive) -> str:
    from compare import nearduplicates as nd

    index = fit(archive)
    before = peak_mib()
    started = time.perf_counter()
    neighbours, scores = nd.top_k(index, 10)
    elapsed = time.perf_counter() - started
    sigs = nd.signatures(index)
    params = nd.lsh_params(nd.jaccard_threshold(DEFAULT_THRESHOLD))
    (rows, cols), groups = nd.candidate_pairs(sigs, params, np.diff(index.indptr) > 0)
    candidates = set(zip(rows.tolist(), cols.tolist(), strict=True))
    label = np.full(len(index), -1)
    for number, group in enumerate(groups):
        label[group] = number
    wanted = found = 0
    for i in range(len(index)):
        for j in neighbours[i][neighbours[i] >= 0].tolist():
            wanted += 1
            pair = (min(i, j), max(i, j))
            found += pair in candidates or (label[i] >= 0 and label[i] == label[j])
    return (
        f"top 10 of every letter {elapsed:.1f} s, peak {peak_mib():.0f} MiB "
        f"(+{peak_mib() - before:.0f}); LSH candidates hold {found / max(1, wanted):.3f} "
        f"of those {wanted:,} neighbours"
    )


def run_stage(stage: str, size: int, shape: str, workdir: Path) -> None:
    archive = generate_archive(size, shape)
    setup = peak_mib()
    started = time.perf_counter()
    folder, cache = workdir / "letters", workdir / "cache"
    if stage in ("cold", "warm"):
        if not folder.exists():
            archive.write(folder)
        if stage == "cold":
            shutil.rmtree(cache, ignore_errors=True)
        text = run_pipeline(folder, cache)
    elif stage == "near":
        text = run_near(archive)
    else:
        text = run_topk(archive)
    elapsed = time.perf_counter() - started
    print(
        f"RESULT {elapsed:.3f} {peak_mib():.1f} {setup:.1f} | {shape:8} {size:>7,} {stage:5} "
        f"{text}; peak RSS {peak_mib():.0f} MiB",
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--shapes", default="distinct,campaign")
    parser.add_argument("--stages", default=",".join(STAGES))
    parser.add_argument("--run", nargs=4, metavar=("STAGE", "SIZE", "SHAPE", "DIR"))
    args = parser.parse_args()
    if args.run:
        stage, size, shape, workdir = args.run
        run_stage(stage, int(size), shape, Path(workdir))
        return
    print(f"{os.cpu_count()} CPUs, load average {os.getloadavg()}", flush=True)
    for shape in args.shapes.split(","):
        previous: dict[str, tuple[int, float, float]] = {}
        for size in [int(s) for s in args.sizes.split(",")]:
            with tempfile.TemporaryDirectory() as workdir:
                for stage in args.stages.split(","):
                    command = [sys.executable, __file__, "--run", stage, str(size), shape, workdir]
                    output = subprocess.run(command, check=True, capture_output=True, text=True)
                    line = next(x for x in output.stdout.splitlines() if x.startswith("RESULT"))
                    elapsed, peak, setup = (float(x) for x in line.split()[1:4])
                    growth = ""
                    if stage in previous:
                        size0, elapsed0, grown0 = previous[stage]
                        growth = (
                            f"  [x{size / size0:.0f} letters: time x{elapsed / elapsed0:.1f}, "
                            f"memory over setup x{(peak - setup) / max(grown0, 1):.1f}]"
                        )
                    previous[stage] = (size, elapsed, peak - setup)
                    print(line.split("|", 1)[1].strip() + growth, flush=True)


if __name__ == "__main__":
    main()
