"""The learned line labeller: a linear-chain CRF (python-crfsuite) over line features.

In: the lines of a letter part. Out: a label per line with the model's confidence (the
marginal probability of the label it chose). Where the model is unsure — its confidence below
:data:`TRUST` — the rule label stands instead, and :func:`label_lines` says so.

Which model: ``--model FILE`` (the CLI sets ``$COMPARE_MODEL``), else ``$COMPARE_MODEL`` (``none``:
the rules alone), else
the one ``compare-letters train`` wrote in the user's data directory, else the model shipped
in the package (``compare/data/line_model.crfsuite``, with its sidecar
``line_model.json``: training-data digest, feature version, parameters, cross-validation
scores). A model whose sidecar names another :data:`~compare.reading.features.FEATURE_VERSION`
is refused. This is the only module that imports ``pycrfsuite`` (about 5 ms).

Training (:func:`train`): L-BFGS with elastic-net regularisation (CRFsuite's defaults for
``lbfgs``; ``c1``/``c2`` in :data:`PARAMS`, chosen by leave-one-site-out cross-validation in
``tests/benchmarks/reading.py``).
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from compare.models import Document
from compare.reading.features import FEATURE_VERSION, Features, line_features
from compare.reading.grammar import LETTER_LABELS, repair
from compare.reading.labels import Label, rule_labels

MODEL_NAME = "line_model.crfsuite"
TRUST = 0.5
"""Below this confidence the rule label is kept (a coin-flip model should not overrule)."""
RULE_WEIGHT = 1.0
"""Scales the per-label rule weights (:func:`rule_weights`): the model overrules a rule
label only when it finds its own label that many times as likely. Checked by
leave-one-site-out facts (``tests/benchmarks/reading.py --rule_weight=…``)."""
_WEIGHT_RANGE = (0.25, 20.0)


@lru_cache(maxsize=4)
def rule_weights(path: str) -> dict[str, float]:
    """Per rule label, the odds that the rules are right when they give it, measured on the
    training data (``rule_weights`` in the model's sidecar; 1 each without one): the rules
    find a salutation or a signature line far more reliably than body text or chrome, so
    the model needs more evidence to overrule the former."""
    sidecar = Path(path).with_suffix(".json")
    if not sidecar.is_file():
        return {}
    found = json.loads(sidecar.read_text(encoding="utf-8")).get("rule_weights", {})
    return {str(k): float(v) for k, v in found.items()}


def measure_rule_weights(sequences: Sequence[tuple[list[Features], list[str]]]) -> dict[str, float]:
    """The odds (precision / (1 - precision), clipped to 0.25..20) that a rule label is the
    hand-checked label, per rule label, over ``sequences``. Each letter file weighs the same
    (its precision for the label, averaged over the files that have the label), so one long
    file — a grid of a thousand signature cards — does not decide for all."""
    shares: dict[str, list[float]] = {}
    for features, labels in sequences:
        agree: dict[str, int] = {}
        total: dict[str, int] = {}
        for row, label in zip(features, labels, strict=True):
            rule = next((k[5:] for k in row if k.startswith("rule=")), "none")
            total[rule] = total.get(rule, 0) + 1
            agree[rule] = agree.get(rule, 0) + (rule == label)
        for rule, count in total.items():
            shares.setdefault(rule, []).append(agree[rule] / count)
    low, high = _WEIGHT_RANGE
    weights = {}
    for rule, found in shares.items():
        precision = (sum(found) + 1) / (len(found) + 2)  # Laplace: rare labels stay near even
        weights[rule] = round(min(max(precision / (1 - precision), low), high), 3)
    return weights


PARAMS: dict[str, Any] = {"c1": 0.05, "c2": 0.05, "max_iterations": 200}


@dataclass(frozen=True)
class LabelledLine:
    """One line of a part as the labeller read it."""

    number: int
    """1-based line number in the document."""
    text: str
    label: Label | None
    """The label used (``None`` for a blank line)."""
    confidence: float
    """The model's marginal probability for ``label`` (1.0 for blank lines and rules)."""
    rule: Label | None
    """What the structural rules alone say."""
    source: str
    """``model``, ``rules`` (the model was unsure, or there is no model) or ``grammar`` (the
    model's label broke the letter's grammar, see :func:`compare.reading.grammar.repair`)."""


def user_model_path() -> Path:
    """Where ``compare-letters train`` writes a model by default (platformdirs)."""
    from platformdirs import user_data_dir

    return Path(user_data_dir("compare-letters")) / MODEL_NAME


def model_path() -> Path | None:
    """The model in use (see the module docstring), ``None`` when there is none."""
    chosen = os.environ.get("COMPARE_MODEL")
    if chosen == "none":
        return None  # the rules alone (for comparison)
    if chosen:
        return Path(chosen)
    user = user_model_path()
    if user.is_file():
        return user
    shipped = Path(str(resources.files("compare").joinpath("data", MODEL_NAME)))
    return shipped if shipped.is_file() else None


@lru_cache(maxsize=4)
def _tagger(path: str) -> Any:
    import pycrfsuite

    from compare.errors import InputError

    sidecar = Path(path).with_suffix(".json")
    if sidecar.is_file():
        meta = json.loads(sidecar.read_text(encoding="utf-8"))
        if meta.get("feature_version") != FEATURE_VERSION:
            raise InputError(path, "the line model was trained on other features; retrain it")
    tagger = pycrfsuite.Tagger()
    try:
        tagger.open(path)
    except (OSError, ValueError) as error:
        raise InputError(path, f"not a line model ({error})") from error
    return tagger


def has_model() -> bool:
    """Whether a learned model is in use (else the rules label every line)."""
    return model_path() is not None


def label_document(document: Document) -> list[LabelledLine]:
    """Every line of ``document`` (:func:`~compare.reading.splitting.document_lines`) with
    its label: the model reads the whole file at once, so it sees every letter in it."""
    from compare.reading.labels import document_rule_labels
    from compare.reading.splitting import document_lines

    return label_lines(document_lines(document.text), rules=document_rule_labels(document))


def label_lines(
    lines: Sequence[str], first_line: int = 0, rules: Sequence[Label | None] | None = None
) -> list[LabelledLine]:
    """Every line of ``lines`` with its label, confidence and the rule label (``rules``, when
    the caller has them, else :func:`~compare.reading.labels.rule_labels` of ``lines``)."""
    rules = list(rules) if rules is not None else rule_labels(list(lines))
    rows = [i for i, line in enumerate(lines) if line.strip()]
    path = model_path()
    chosen: dict[int, tuple[Label, float, str]] = {}
    features: list[Features] = []
    if path is not None and rows:
        tagger = _tagger(str(path))
        features = line_features(lines, rules)
        tagger.set(_items(features))
        known = set(tagger.labels())
        weights = rule_weights(str(path))
        for position, (row, tag) in enumerate(zip(rows, tagger.tag(), strict=True)):
            confidence = float(tagger.marginal(tag, position))
            rule = rules[row]
            against = float(tagger.marginal(rule, position)) if rule in known else 0.0
            weight = RULE_WEIGHT * weights.get(rule or "", 1.0)
            if confidence >= TRUST and (tag == rule or confidence >= weight * against):
                chosen[row] = (tag, confidence, "model")
    if not any(label in LETTER_LABELS for label, _, _ in chosen.values()):
        chosen = {}  # the model sees no letter here: the rules read it (they may find one)
    if chosen:
        repair(lines, rows, rules, features, chosen)
    result = []
    for i, line in enumerate(lines):
        rule = rules[i]
        label, confidence, source = chosen.get(i, (rule or "chrome", 1.0, "rules"))
        result.append(
            LabelledLine(
                first_line + i + 1, line, label if line.strip() else None, confidence, rule, source
            )
        )
    return result


def model_digest() -> str:
    """The sha256 of the model in use ("" without one): part of every parse's cache key."""

    path = model_path()
    if path is None or not path.is_file():
        return ""
    return _file_digest(str(path), path.stat().st_mtime_ns)


@lru_cache(maxsize=4)
def _file_digest(path: str, _mtime_ns: int) -> str:
    import hashlib

    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def model_labels(lines: list[str]) -> list[Label | None]:
    """The labels :func:`label_lines` chooses: the parser's default labeller."""
    return [line.label for line in label_lines(lines)]


def _items(features: list[Features]) -> Any:
    import pycrfsuite

    return pycrfsuite.ItemSequence([_item(row) for row in features])


def _item(row: Features) -> dict[str, float | str]:
    """A feature row as CRFsuite takes it: true flags weigh 1, false ones are left out."""
    return {
        key: 1.0 if value is True else value for key, value in row.items() if value is not False
    }


def train(
    sequences: Sequence[tuple[list[Features], list[str]]], target: Path, meta: dict[str, Any]
) -> None:
    """Train on ``(features, labels)`` sequences and write the model to ``target`` and its
    sidecar (``meta`` plus the feature version and parameters) beside it, atomically."""
    import pycrfsuite

    from compare.files import write_atomically, write_text

    trainer = pycrfsuite.Trainer(verbose=False)
    for features, labels in sequences:
        trainer.append(_items(features), labels)
    trainer.set_params(PARAMS)
    write_atomically(target, lambda path: trainer.train(str(path)))
    sidecar = {
        **meta,
        "feature_version": FEATURE_VERSION,
        "params": PARAMS,
        "rule_weights": measure_rule_weights(sequences),
    }
    write_text(target.with_suffix(".json"), json.dumps(sidecar, indent=2, sort_keys=True) + "\n")
    _tagger.cache_clear()
    rule_weights.cache_clear()


def tag_with(model: Path, features: list[Features]) -> list[str]:
    """The labels a given model file gives a feature sequence (for cross-validation)."""
    tagger = _tagger(str(model))
    return list(tagger.tag(_items(features)))
