"""The word diff on long letters: the C++ engine against the pure-Python one (issue 15).

A generated pair of letters of about 67,000 words each (the seeds' body paragraphs drawn at
random, then edited: about 1 % of the words deleted, 1 % changed, 0.5 % inserted, two
paragraphs moved), measured three ways:

* the word diff of the two whole texts in this process, on each engine and on the reference
  (diff-match-patch's pure-Python port called as the package did before the C++ engine):
  CPU seconds, best of three, and the spans asserted identical;
* ``compare-letters diff --json`` of the pair, whole process, cold (fresh cache) and warm,
  on each engine (``$COMPARE_DIFF_ENGINE``): wall and CPU seconds, and the outputs asserted
  identical. Target: <= 2 s whole process;
* the word diff of every pair of seed letters (whole texts, and each pair of their
  paragraphs) on the C++ engine and the reference: spans asserted identical.

Not collected by ``make test``; run ``make bench`` or
``.venv/bin/python tests/benchmarks/diffspeed.py [WORDS]``.
"""

from __future__ import annotations

import itertools
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from compare.corpus import load_corpus  # noqa: E402
from compare.diffengine import available  # noqa: E402
from compare.normalizing import unit_lists  # noqa: E402
from compare.themes import load_taxonomy  # noqa: E402
from compare.worddiff import DiffOp, _append, _encode, _trim, word_diff  # noqa: E402

SEEDS = ROOT / "seeds"
WORDS = 67_000


def reference_diff(a: str, b: str) -> list[tuple[DiffOp, str]]:
    """The word diff as the package computed it before the C++ engine: diff-match-patch's
    Python port, no deadline, no line mode, semantic clean-up."""
    from diff_match_patch import diff_match_patch

    codes: dict[str, str] = {}
    a_lead, a_texts, a_keys, _ = _trim(*unit_lists(a))
    b_lead, b_texts, b_keys, b_trail = _trim(*unit_lists(b))
    engine = diff_match_patch()
    engine.Diff_Timeout = 0
    diffs = engine.diff_main(_encode(a_keys, codes), _encode(b_keys, codes), False)
    engine.diff_cleanupSemantic(diffs)
    spans: list[tuple[DiffOp, str]] = [("=", b_lead)] if b_lead else []
    a_at = b_at = 0
    ops: dict[int, DiffOp] = {0: "=", -1: "-", 1: "+"}
    for op, chars in diffs:
        if op == -1:
            taken = a_texts[a_at : a_at + len(chars)]
            a_at += len(chars)
        else:
            taken = b_texts[b_at : b_at + len(chars)]
            b_at += len(chars)
            a_at += len(chars) if op == 0 else 0
        _append(spans, ops[op], "".join(taken))
    _append(spans, "=", b_trail)
    return spans


def body_paragraphs() -> list[str]:
    """The seeds' body paragraphs of 20 words or more, as the reader finds them (no
    headers, salutations, signatures or page chrome, which would split the letter)."""
    found = []
    for letter in load_corpus(SEEDS, load_taxonomy()).letters:
        found += [
            p.text for p in letter.paragraphs if p.kind == "body" and len(p.text.split()) >= 20
        ]
    return found


def letter_pair(words: int, seed: int = 15) -> tuple[str, str]:
    """Two letters of about ``words`` words each, B an edited A (see the module docstring)."""
    rng = random.Random(seed)
    pool = body_paragraphs()
    body: list[str] = []
    count = 0
    while count < words:
        body.append(rng.choice(pool))
        count += len(body[-1].split())
    edited = []
    vocabulary = " ".join(body).split()
    for paragraph in body:
        out = []
        for word in paragraph.split():
            roll = rng.random()
            if roll < 0.01:
                continue
            if roll < 0.02:
                out.append(rng.choice(vocabulary))
            elif roll < 0.025:
                out += [word, rng.choice(vocabulary)]
            else:
                out.append(word)
        edited.append(" ".join(out))
    for _ in range(2):  # two paragraphs moved
        edited.insert(rng.randrange(len(edited)), edited.pop(rng.randrange(len(edited))))

    def letter(paragraphs: list[str], date: str) -> str:
        head = ["Open Letter on Human Rights", date, "Dear Members of the Council,"]
        tail = ["Sincerely,", "The Undersigned Organisations"]
        return "\n\n".join(head + paragraphs + tail) + "\n"

    return letter(body, "March 3, 2021"), letter(edited, "April 9, 2021")


def cpu_best(call: Callable[[], object], runs: int = 3) -> tuple[float, object]:
    """The least CPU time of ``runs`` calls, and the last call's result."""
    best, result = float("inf"), None
    for _ in range(runs):
        started = time.process_time()
        result = call()
        best = min(best, time.process_time() - started)
    return best, result


def whole_process(args: list[str], env: dict[str, str]) -> tuple[float, float, str]:
    """Wall and CPU seconds (user + system, the child's) of one run, and its output."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(args, check=True, capture_output=True, text=True, env=env, cwd=ROOT)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, done.stdout


def check_seeds() -> int:
    """Every pair of seed letters, whole and each pair of their paragraphs, on the C++ engine
    against the reference (the Python engine is the reference's code; the test suite and
    the ``diff --json`` run above compare it); returns how many diffs were compared
    (asserts they are identical)."""
    letters = load_corpus(SEEDS, load_taxonomy()).letters
    compared = 0
    for x, y in itertools.combinations(letters, 2):
        a, b = ("\n\n".join(p.text for p in letter.paragraphs) for letter in (x, y))
        pairs = [(a, b), *((p.text, q.text) for p in x.paragraphs for q in y.paragraphs)]
        for old, new in pairs:
            assert word_diff(old, new, engine="c") == reference_diff(old, new), (x.key, y.key)
            compared += 1
    return compared


def main() -> None:
    if not available("c"):
        sys.exit("fast-diff-match-patch is not installed: nothing to compare")
    words = int(sys.argv[1]) if len(sys.argv) > 1 else WORDS
    a, b = letter_pair(words)
    print(f"pair: {len(a.split()):,} and {len(b.split()):,} words")
    c_time, c_spans = cpu_best(lambda: word_diff(a, b, engine="c"))
    py_time, py_spans = cpu_best(lambda: word_diff(a, b, engine="python"), runs=1)
    ref_time, ref_spans = cpu_best(lambda: reference_diff(a, b), runs=1)
    assert c_spans == py_spans == ref_spans, "the engines' spans differ"
    print(
        f"word_diff of the whole texts, CPU: C++ {c_time:.2f} s, Python {py_time:.2f} s, "
        f"reference {ref_time:.2f} s; spans identical ({len(c_spans):,} spans)"
    )
    with tempfile.TemporaryDirectory(prefix="compare-diffspeed-") as folder:
        corpus = Path(folder) / "corpus"
        corpus.mkdir()
        (corpus / "a.txt").write_text(a, encoding="utf-8")
        (corpus / "b.txt").write_text(b, encoding="utf-8")
        args = [sys.executable, "-m", "compare", "--corpus", str(corpus), "diff", "a.txt"]
        args += ["b.txt", "--json"]
        outputs = {}
        for engine in ("c", "python"):
            cache = str(Path(folder) / f"cache-{engine}")
            env = {**os.environ, "COMPARE_LETTERS_CACHE": cache, "COMPARE_DIFF_ENGINE": engine}
            cold_wall, cold_cpu, outputs[engine] = whole_process(args, env)
            warm = [whole_process(args, env) for _ in range(3)]
            warm_wall, warm_cpu = min(w[0] for w in warm), min(w[1] for w in warm)
            assert all(w[2] == outputs[engine] for w in warm)
            print(
                f"diff --json, {engine:6}: cold {cold_wall:.2f} s wall ({cold_cpu:.2f} s CPU), "
                f"warm {warm_wall:.2f} s wall ({warm_cpu:.2f} s CPU)  [target <= 2 s]"
            )
        assert outputs["c"] == outputs["python"], "diff --json differs between the engines"
        print("diff --json: identical output on both engines")
    print(f"seeds: {check_seeds():,} word diffs identical on the C++ engine and the reference")


if __name__ == "__main__":
    main()
