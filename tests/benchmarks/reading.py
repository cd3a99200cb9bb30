"""Generalisation of the line labeller: leave-one-site-out over the labelled letters.

For each site of the development letters (``../shared/letters``, facts in its
``facts.json``), a model is trained on every other labelled file (the other sites, the seeds
and the crafted letters); the held-out site's letters are then parsed with that model and
scored with the rules of ``../shared/tools/letter_facts.py``. Printed per held-out site: line
accuracy and macro F1 of the labels, facts held with the fold's model and with today's rules
alone; then the totals, and the worst site.

    python tests/benchmarks/reading.py            # all sites (about 5 minutes on 2 cores)
    python tests/benchmarks/reading.py 005 017    # only the sites whose names start so
    python tests/benchmarks/reading.py --c1=0.1 --trust=0.7   # other training settings
    python tests/benchmarks/reading.py --without=crafted4   # train without those label files
    python tests/benchmarks/reading.py 016 --keep     # keep each fold's model in /tmp/folds
                                                      # (then: COMPARE_MODEL=/tmp/folds/
                                                      #  016_….crfsuite compare-letters lines …)
"""

from __future__ import annotations

import importlib.util
import json
import os
import sys
import tempfile
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"
LABELS = ROOT / "tests" / "training" / "labels"


def _scorer():
    spec = importlib.util.spec_from_file_location(
        "letter_facts", SHARED / "tools" / "letter_facts.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _parse(path: Path, model: str) -> dict[str, dict]:
    os.environ["COMPARE_MODEL"] = model
    from compare.corpus import read_letters
    from compare.models import to_json
    from compare.reading import linemodel
    from compare.themes import load_taxonomy

    linemodel._tagger.cache_clear()
    try:
        letters = read_letters(path, load_taxonomy())
    except Exception:  # noqa: BLE001 - a letter not read scores its facts as missing
        return {}
    return {f"{path.name}#{x.part}": to_json(x) for x in letters}


FAILED: list[str] = []
KEEP = Path("/tmp/folds") if "--keep" in sys.argv else None
WITHOUT = [a.split("=", 1)[1] for a in sys.argv if a.startswith("--without=")]


def _facts(gold: list[dict], parsed: dict[str, dict]) -> tuple[int, int]:
    scorer = _scorer()
    results: list[bool] = []

    def fact(name: str, ok: bool, seen: str = "") -> None:
        results.append(ok)
        if not ok:
            FAILED.append(f"{name} [{seen}]")

    for g in gold:
        scorer.check_letter(g, parsed.get(f"{g['source']}#{g['part']}"), fact)
    return sum(results), len(results)


def fold(site: str, settings: dict[str, float] | None = None) -> dict:
    from compare.reading import linemodel
    from compare.reading.linemodel import tag_with, train
    from compare.reading.training import label_files, macro_f1, read_parts

    FAILED.clear()
    for name, value in (settings or {}).items():
        if name == "trust":
            linemodel.TRUST = value
        elif name == "rule_weight":
            linemodel.RULE_WEIGHT = value
        else:
            linemodel.PARAMS[name] = value

    facts = json.loads((SHARED / "letters" / "facts.json").read_text(encoding="utf-8"))
    gold = [g for g in facts["letters"] if g["source"].startswith(site)]
    parts = [
        p
        for p in read_parts(label_files([LABELS]))
        if not any(p.name.startswith(prefix) for prefix in WITHOUT)
    ]
    held = [p for p in parts if p.site == site]
    with tempfile.TemporaryDirectory() as folder:
        model = Path(folder) / "fold.crfsuite"
        train([(p.features, p.labels) for p in parts if p.site != site], model, {})
        gold_labels: list[str] = []
        guess: list[str] = []
        for part in held:
            if part.name.endswith("~clean"):
                continue
            gold_labels += part.labels
            guess += tag_with(model, part.features)
        source = SHARED / "letters" / gold[0]["source"]
        if KEEP:
            import shutil

            KEEP.mkdir(exist_ok=True)
            for path in Path(folder).iterdir():
                shutil.copy(path, KEEP / path.name.replace("fold", site))
        model_facts = _facts(gold, _parse(source, str(model)))
        failed = list(FAILED)
        rule_facts = _facts(gold, _parse(source, "none"))
    accuracy = sum(g == p for g, p in zip(gold_labels, guess, strict=True)) / max(len(guess), 1)
    return {
        "site": site,
        "accuracy": accuracy,
        "f1": macro_f1(gold_labels, guess),
        "model": model_facts,
        "rules": rule_facts,
        "failed": failed,
    }


def main(args: list[str]) -> None:
    settings = {
        a.split("=")[0].lstrip("-"): float(a.split("=")[1])
        for a in args
        if "=" in a and not a.startswith("--without=")
    }
    prefixes = [a for a in args if "=" not in a and not a.startswith("--")]
    facts = json.loads((SHARED / "letters" / "facts.json").read_text(encoding="utf-8"))
    sites = sorted({Path(g["source"]).stem for g in facts["letters"]})
    sites = [s for s in sites if not prefixes or any(s.startswith(p) for p in prefixes)]
    with ProcessPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        results = list(pool.map(fold, sites, [settings] * len(sites)))
    print(f"{'held-out site':42s} {'acc':>6s} {'F1':>6s} {'model':>7s} {'rules':>7s}")
    totals = {"model": [0, 0], "rules": [0, 0]}
    for r in results:
        for kind in totals:
            totals[kind][0] += r[kind][0]
            totals[kind][1] += r[kind][1]
        print(
            f"{r['site'][:42]:42s} {r['accuracy']:6.3f} {r['f1']:6.3f} "
            f"{r['model'][0]:3d}/{r['model'][1]:<3d} {r['rules'][0]:3d}/{r['rules'][1]:<3d}"
        )
    for kind, (ok, n) in totals.items():
        print(f"leave-one-site-out facts, {kind:5s}: {ok}/{n} ({ok / max(n, 1):.1%})")
    if "--failed" in sys.argv:
        for r in results:
            for line in r["failed"]:
                print("FAIL", line)
    worst = min(results, key=lambda r: r["model"][0] / max(r["model"][1], 1))
    print(f"worst site: {worst['site']} ({worst['model'][0]}/{worst['model'][1]})")


if __name__ == "__main__":
    main(sys.argv[1:])
