"""Training the line labeller from label files, and measuring it.

In: folders of label files (:mod:`compare.reading.labelfile`). Out: a model file and its
sidecar (:func:`train_model`), per-site scores (:func:`cross_validate`).

Each label file is one training letter file; its *site* (``# site: NAME`` in the label file,
else the file's name) groups files for leave-one-site-out cross-validation — a learned
reader must be judged on sites it has not seen (GROBID's title F1 falls from 94 to 76 on a
new source), never on a random split of lines.

The features of the package's own training letters ship with it
(``compare/data/line_training.json.gz``: feature dicts and labels, no letter text), so
``compare-letters train DIR`` can add a user's corrected files to them without the letters.

    python -m compare.reading.training tests/training/labels --ship
"""

from __future__ import annotations

import gzip
import hashlib
import json
import sys
import tempfile
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from compare.models import Document
from compare.reading.features import FEATURE_VERSION, Features, line_features
from compare.reading.labelfile import LabelledFile, read_label_file
from compare.reading.labels import LABELS

SHIPPED_FEATURES = "line_training.json.gz"


@dataclass(frozen=True)
class TrainingPart:
    """One labelled letter part as the trainer sees it."""

    name: str
    """The label file's stem (one training sequence is one whole letter file)."""
    site: str
    features: list[Features]
    labels: list[str]


def label_files(folders: Iterable[Path]) -> list[Path]:
    """The ``*.labels`` files of ``folders`` (or the files themselves), sorted."""
    found: list[Path] = []
    for folder in folders:
        found += sorted(folder.glob("*.labels")) if folder.is_dir() else [folder]
    return found


def read_parts(files: Sequence[Path], augment: bool = True) -> list[TrainingPart]:
    """Every labelled file of ``files`` as a training sequence, and (``augment``) each again
    without its chrome lines (same site). Raises
    :class:`~compare.reading.labelfile.LabelFileError` for a file that cannot be used."""
    from compare.reading.labels import document_rule_labels

    parts = []
    for path in files:
        labelled = read_label_file(path)
        labels: list[str] = [label for label in labelled.labels if label is not None]
        if not labels:
            continue
        rules = document_rule_labels(labelled.document)
        features = line_features(list(labelled.lines), rules)
        parts.append(TrainingPart(path.stem, _site(path), features, labels))
        if augment and "chrome" in labels and set(labels) != {"chrome"}:
            parts.append(_without_chrome(labelled, path))
    return parts


def _without_chrome(labelled: LabelledFile, path: Path) -> TrainingPart:
    """The letter file with its chrome lines left out: the same letter as a user pastes it
    (most letters reach compare-letters without page furniture, few training files do)."""
    from compare.reading.labels import document_rule_labels

    kept = [
        (line, label)
        for line, label in zip(labelled.lines, labelled.labels, strict=True)
        if label != "chrome"
    ]
    lines = [line for line, _ in kept]
    document = Document(source=labelled.document.source, text="\n".join(lines))
    features = line_features(lines, document_rule_labels(document))
    labels: list[str] = [label for _, label in kept if label is not None]
    return TrainingPart(f"{path.stem}~clean", _site(path), features, labels)


def _site(path: Path) -> str:
    for row in path.read_text(encoding="utf-8").splitlines()[:6]:
        if row.startswith("# site:"):
            return row.partition(":")[2].strip()
    return path.stem


def shipped_parts() -> list[TrainingPart]:
    """The package's own training parts (features and labels only)."""
    resource = resources.files("compare").joinpath("data", SHIPPED_FEATURES)
    if not resource.is_file():
        return []
    data = json.loads(gzip.decompress(resource.read_bytes()).decode("utf-8"))
    if data.get("feature_version") != FEATURE_VERSION:
        return []
    return [TrainingPart(p["name"], p["site"], p["features"], p["labels"]) for p in data["parts"]]


def public_name(name: str) -> str:
    """The name a training file goes by in what ships with the package: the development
    letters' file names stay out of it (a short digest instead); the crafted letters and the
    user's keep theirs."""
    stem, tilde, variant = name.partition("~")
    if stem.startswith(("crafted", "user")):
        return name
    return "letter-" + hashlib.sha256(stem.encode("utf-8")).hexdigest()[:10] + tilde + variant


def digest(parts: Sequence[TrainingPart]) -> str:
    """A digest of the training data (features and labels)."""
    text = json.dumps([[p.name, p.features, p.labels] for p in parts], sort_keys=True)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def train_model(parts: Sequence[TrainingPart], target: Path, scores: Mapping[str, object]) -> None:
    """Train on ``parts`` and write the model and its sidecar to ``target``."""
    from compare.reading.linemodel import train

    sites = sorted({p.site for p in parts})
    meta = {
        "training_digest": digest(parts),
        "parts": len(parts),
        "lines": sum(len(p.labels) for p in parts),
        "sites": len(sites),
        "cross_validation": scores,
    }
    train([(p.features, p.labels) for p in parts], target, meta)


def cross_validate(parts: Sequence[TrainingPart]) -> dict[str, dict[str, float]]:
    """Leave-one-site-out: for each site, a model trained on the others labels it; returns
    per site the line accuracy and the macro F1 over the labels present."""
    from compare.reading.linemodel import tag_with, train

    by_site: dict[str, list[TrainingPart]] = defaultdict(list)
    for part in parts:
        by_site[part.site].append(part)
    results: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory() as folder:
        for site, held in sorted(by_site.items()):
            model = Path(folder) / f"{len(results)}.crfsuite"
            rest = [(p.features, p.labels) for p in parts if p.site != site]
            train(rest, model, {})
            gold: list[str] = []
            guess: list[str] = []
            for part in held:
                gold += part.labels
                guess += tag_with(model, part.features)
            results[public_name(site)] = {
                "accuracy": _accuracy(gold, guess),
                "f1": macro_f1(gold, guess),
            }
    return results


def _accuracy(gold: Sequence[str], guess: Sequence[str]) -> float:
    return round(sum(g == p for g, p in zip(gold, guess, strict=True)) / max(len(gold), 1), 4)


def macro_f1(gold: Sequence[str], guess: Sequence[str]) -> float:
    """Macro F1 over the labels in ``gold``."""
    scores = []
    for label in LABELS:
        if label not in gold:
            continue
        tp = sum(g == p == label for g, p in zip(gold, guess, strict=True))
        fp = sum(p == label != g for g, p in zip(gold, guess, strict=True))
        fn = sum(g == label != p for g, p in zip(gold, guess, strict=True))
        scores.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return round(sum(scores) / max(len(scores), 1), 4)


def ship(parts: Sequence[TrainingPart], folder: Path) -> None:
    """Write the shipped training features into ``folder`` (the package's data folder)."""
    from compare.files import write_atomically

    data = {
        "feature_version": FEATURE_VERSION,
        "parts": [
            {
                "name": public_name(p.name),
                "site": public_name(p.site),
                "features": p.features,
                "labels": p.labels,
            }
            for p in parts
        ],
    }
    payload = gzip.compress(json.dumps(data, sort_keys=True).encode("utf-8"), mtime=0)
    write_atomically(folder / SHIPPED_FEATURES, lambda path: path.write_bytes(payload))


def main(argv: list[str]) -> int:
    """``python -m compare.reading.training FOLDER… [--ship]``: cross-validate, train and
    (with ``--ship``) write the package's model, sidecar and training features."""
    from compare.reading.linemodel import MODEL_NAME

    ship_it = "--ship" in argv
    folders = [Path(a) for a in argv if not a.startswith("--")]
    parts = read_parts(label_files(folders))
    scores = cross_validate(parts)
    f1 = [s["f1"] for s in scores.values()]
    summary = {
        "leave_one_site_out_mean_f1": round(sum(f1) / max(len(f1), 1), 4),
        "worst_site": min(scores, key=lambda s: scores[s]["f1"]) if scores else None,
        "sites": scores,
    }
    print(json.dumps({k: v for k, v in summary.items() if k != "sites"}, indent=2))
    data = Path(str(resources.files("compare").joinpath("data")))
    target = data / MODEL_NAME if ship_it else Path(MODEL_NAME)
    train_model(parts, target, summary)
    if ship_it:
        ship(parts, data)
    print(f"model: {target} ({len(parts)} parts, {sum(len(p.labels) for p in parts)} lines)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
