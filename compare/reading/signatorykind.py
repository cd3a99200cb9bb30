"""Person or organisation: a small learned classifier for signatory entries.

A logistic regression over a few dozen features of one signatory entry as a letter writes it
(``"Jane Doe, Professor, Some University"``, ``"Asia Rights Network (ARN)"``): what the
``probablepeople`` name tagger calls its tokens, the organisation, title and honorific words of
``data/signatories.toml``, acronyms, capitals, digits, commas, scripts. The weights ship in
``data/signatory_kind.json``; parsing only reads them (numpy, no scikit-learn). Retrain with
``python -m compare.reading.signatorykind`` after editing ``tests/training/signatory_kinds.txt``
(in a source checkout: the entries include the bundled seeds' signatories, which stay out of
the package); the
training is deterministic (full-batch gradient descent from zero weights), so a retrain gives
the same weights.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

_DATA = Path(__file__).resolve().parent.parent / "data"
WEIGHTS_PATH = _DATA / "signatory_kind.json"
TRAINING_PATH = _DATA.parent.parent / "tests" / "training" / "signatory_kinds.txt"

_PERSON_TAGS = frozenset(
    {
        "GivenName",
        "Surname",
        "MiddleName",
        "MiddleInitial",
        "FirstInitial",
        "LastInitial",
        "Nickname",
        "SuffixGenerational",
    }
)
_FUNCTION_WORDS = frozenset({"of", "for", "and", "the", "in", "on", "against", "to", "de", "du"})
_NON_LATIN = re.compile(r"[^\x00-\u024f\u1e00-\u1eff\s\W\d_]")

FEATURES: tuple[str, ...] = (
    "bias",
    "pp_corporation",
    "pp_person",
    "pp_first_given",
    "pp_head_person",
    "pp_prefix",
    "pp_short_form",
    "org_word",
    "org_word_head",
    "title_word_after_comma",
    "title_word_first",
    "honorific",
    "acronym_in_parentheses",
    "nickname_in_parentheses",
    "single_token",
    "all_capitals",
    "head_person_name",
    "head_tokens",
    "has_comma",
    "function_word_head",
    "digit",
    "ampersand",
    "non_latin",
    "lowercase_word",
    "slash",
    "country_word_head",
    "acronym_of_initials",
)


def _tags(text: str) -> list[tuple[str, str]]:
    """``probablepeople``'s tag of each token, ``[]`` when it cannot tag ``text``."""
    return list(_tagged(text))


@lru_cache(maxsize=8192)
def _tagged(text: str) -> tuple[tuple[str, str], ...]:
    """:func:`_tags`, memoised (a name's first two words are tagged again for each entry):
    what ``probablepeople.parse(text)`` gives, each token's own features computed once
    (:func:`_sequence_features`)."""
    import probablepeople  # type: ignore[import-untyped]

    try:
        tagger = probablepeople.TAGGERS["generic"]
        tokens = probablepeople.tokenize(text)
        if not tagger or not tokens:
            return ()
        return tuple(zip(tokens, tagger.tag(_sequence_features(tokens)), strict=False))
    except Exception:  # noqa: BLE001 - the tagger raises on odd input; no tags then
        return ()


def _sequence_features(tokens: list[str]) -> list[dict[str, Any]]:
    """``probablepeople.tokens2features(tokens)``, each token's features taken from
    :func:`_token_features` (the same steps: a token sees the features of the tokens either
    side of it, and whether a comma came before it)."""
    sequence = [_token_features(tokens[0])]
    previous = sequence[-1].copy()
    seen_comma = False
    for token in tokens[1:]:
        features = _token_features(token)
        if not seen_comma and previous["comma"]:
            seen_comma = True
        if seen_comma:
            features["seen.comma"] = True
        current = features.copy()
        sequence[-1]["next"] = current
        features["previous"] = previous
        sequence.append(features)
        previous = current
    if len(sequence) > 1:
        sequence[0]["rawstring.start"] = True
        sequence[-1]["rawstring.end"] = True
        sequence[1]["previous"]["rawstring.start"] = True
        sequence[-2]["next"]["rawstring.end"] = True
    else:
        sequence[0]["singleton"] = True
    return sequence


def _token_features(token: str) -> dict[str, Any]:
    """A fresh copy of ``probablepeople.tokenFeatures(token)`` (memoised: entries share
    words)."""
    return dict(_token_features_of(token))


@lru_cache(maxsize=4096)
def _token_features_of(token: str) -> dict[str, Any]:
    import probablepeople

    features: dict[str, Any] = probablepeople.tokenFeatures(token)
    return features


def features(text: str) -> list[float]:
    """The feature vector of one entry, in the order of :data:`FEATURES`."""
    text = " ".join(text.split())
    values = {**dict(_layout_values(text)), **_tagger_values(text)}
    return [values[name] for name in FEATURES]


_TAGGER_FEATURES = frozenset(name for name in FEATURES if name.startswith("pp_"))
"""The features :func:`_tagger_values` gives, each between 0 and 1; the rest are the
layout's (:func:`_layout_values`)."""


def _tagger_values(text: str) -> dict[str, float]:
    """The features of an entry (white space collapsed) that come from what
    ``probablepeople``'s name tagger calls its tokens and its first two words."""
    head_tokens = text.partition(",")[0].split()
    tag_names = [tag for _, tag in _tags(text)]
    head_tags = [tag for _, tag in _tags(" ".join(head_tokens[:2]))] if head_tokens else []
    n = max(len(tag_names), 1)
    return {
        "pp_corporation": sum(t.startswith("Corporation") for t in tag_names) / n,
        "pp_person": sum(t in _PERSON_TAGS for t in tag_names) / n,
        "pp_first_given": float(bool(tag_names) and tag_names[0] in {"GivenName", "FirstInitial"}),
        "pp_head_person": float(len(head_tags) == 2 and all(t in _PERSON_TAGS for t in head_tags)),
        "pp_prefix": float(any(t.startswith("Prefix") for t in tag_names)),
        "pp_short_form": float("ShortForm" in tag_names),
    }


@lru_cache(maxsize=4096)
def _layout_values(text: str) -> tuple[tuple[str, float], ...]:
    """The other features of an entry (white space collapsed), as ``(name, value)`` pairs:
    its words, capitals, commas, parentheses and scripts (memoised: :func:`person_range`
    reads them first)."""
    from compare.reading import signatories as s
    from compare.reading.countries import match_country

    words = s._words()
    head, _, rest = text.partition(",")
    head = head.strip()
    tokens = text.split()
    head_tokens = head.split()
    letters = [ch for ch in text if ch.isalpha()]
    small = words.particles | words.not_name | _FUNCTION_WORDS
    lower_words = [t for t in tokens if t[:1].islower() and t.lower() not in small]
    values = {
        "bias": 1.0,
        "org_word": float(s._has_org_word(text)),
        "org_word_head": float(s._has_org_word(head)),
        "title_word_after_comma": float(bool(rest.strip()) and s._starts_with_title(rest.strip())),
        "title_word_first": float(bool(tokens) and s._starts_with_title(text)),
        "honorific": float(s._has_honorific(head)),
        "acronym_in_parentheses": float(bool(re.search(r"\([A-Z][A-Za-z0-9&.-]*[A-Z]\)", text))),
        "nickname_in_parentheses": float(bool(re.search(r"\([A-Z][a-z]+\)", text))),
        "single_token": float(len(tokens) == 1),
        "all_capitals": float(bool(letters) and all(ch.isupper() for ch in letters)),
        "head_person_name": float(s._is_person_name(head)),
        "head_tokens": min(len(head_tokens), 8) / 8,
        "has_comma": float(bool(rest)),
        "function_word_head": float(any(t.lower() in _FUNCTION_WORDS for t in head_tokens)),
        "digit": float(any(ch.isdigit() for ch in text)),
        "ampersand": float("&" in text),
        "non_latin": float(bool(_NON_LATIN.search(text))),
        "lowercase_word": float(bool(lower_words)),
        "slash": float("/" in text),
        "country_word_head": float(any(match_country(t.strip(",")) for t in head_tokens[:3])),
        "acronym_of_initials": float(_acronym_of_initials(text)),
    }
    return tuple(values.items())


def _acronym_of_initials(text: str) -> bool:
    """Whether a parenthesised acronym of three or more capitals spells, in order, initials of
    the capitalised words before it: ``Asia Rights Network (ARN)``."""
    found = re.search(r"\(([A-Z]{3,})\)", text)
    if not found:
        return False
    initials = iter(w[0] for w in text[: found.start()].split() if w[:1].isupper())
    return all(letter in initials for letter in found.group(1))


# --- prediction --------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _weights() -> np.ndarray:
    """The shipped weights, in the order of :data:`FEATURES`."""
    raw = json.loads(WEIGHTS_PATH.read_text(encoding="utf-8"))
    named: dict[str, float] = raw["weights"]
    return np.array([named.get(name, 0.0) for name in FEATURES])


@lru_cache(maxsize=4096)
def person_probability(text: str) -> float:
    """How likely the entry ``text`` names a person rather than an organisation (0–1)."""
    return float(_sigmoid(np.array(features(text)) @ _weights()))


@lru_cache(maxsize=4096)
def person_range(text: str) -> tuple[float, float]:
    """The least and the most :func:`person_probability` of ``text`` can be, whatever the
    name tagger says of it (each of its features lies between 0 and 1): the bounds from the
    layout features alone, without tagging, widened by :data:`_ROUNDING`. A caller whose
    decision is the same anywhere in the range need not tag the entry."""
    weights = dict(zip(FEATURES, _weights().tolist(), strict=True))
    known = sum(weights[name] * value for name, value in _layout_values(" ".join(text.split())))
    tagged = [weights[name] for name in FEATURES if name in _TAGGER_FEATURES]
    low = known + sum(min(w, 0.0) for w in tagged) - _ROUNDING
    high = known + sum(max(w, 0.0) for w in tagged) + _ROUNDING
    return float(_sigmoid(low)), float(_sigmoid(high))


_ROUNDING = 1e-6
"""How far :func:`person_range` widens its bounds on the weighted sum: far more than the
rounding of summing two dozen terms in another order (about 1e-15)."""


def _sigmoid(z: Any) -> Any:
    return 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))


# --- training ----------------------------------------------------------------------------------


def training_entries(path: Path = TRAINING_PATH) -> list[tuple[str, bool]]:
    """``(entry, is_person)`` pairs of the training file."""
    entries: list[tuple[str, bool]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        kind, _, text = line.partition("\t")
        if kind not in {"person", "org"} or not text.strip():
            raise ValueError(f"{path.name}: bad training line: {line!r}")
        entries.append((text.strip(), kind == "person"))
    return entries


L2 = 0.001
STEPS = 5000
RATE = 0.5


def train(entries: Sequence[tuple[str, bool]]) -> np.ndarray:
    """Logistic-regression weights for ``entries`` (full-batch gradient descent from zero,
    L2 penalty on every weight but the bias): deterministic."""
    x = np.array([features(text) for text, _ in entries])
    y = np.array([1.0 if person else 0.0 for _, person in entries])
    w = np.zeros(x.shape[1])
    penalty = np.full(x.shape[1], L2)
    penalty[0] = 0.0
    for _ in range(STEPS):
        gradient = x.T @ (_sigmoid(x @ w) - y) / len(y) + penalty * w
        w -= RATE * gradient
    return w


def cross_validate(entries: Sequence[tuple[str, bool]], folds: int = 5) -> float:
    """Accuracy over ``folds`` interleaved folds (entry ``i`` in fold ``i % folds``)."""
    right = 0
    for fold in range(folds):
        test = [e for i, e in enumerate(entries) if i % folds == fold]
        w = train([e for i, e in enumerate(entries) if i % folds != fold])
        for text, person in test:
            right += (_sigmoid(np.array(features(text)) @ w) >= 0.5) == person
    return right / len(entries)


def write_weights(path: Path = WEIGHTS_PATH) -> dict[str, Any]:
    """Train on the training file and write the weights with a note on how they were made."""
    entries = training_entries()
    w = train(entries)
    accuracy = cross_validate(entries)
    raw: dict[str, Any] = {
        "about": (
            "Person-or-organisation classifier for signatory entries: logistic regression, "
            f"full-batch gradient descent from zero weights ({STEPS} steps, rate {RATE}, L2 "
            f"{L2} on all weights but the bias) over the features of "
            "compare/reading/signatorykind.py, trained on tests/training/signatory_kinds.txt by "
            "`python -m compare.reading.signatorykind`."
        ),
        "entries": len(entries),
        "people": sum(person for _, person in entries),
        "cross_validated_accuracy": round(accuracy, 4),
        "weights": {name: round(float(v), 6) for name, v in zip(FEATURES, w, strict=True)},
    }
    path.write_text(json.dumps(raw, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return raw


if __name__ == "__main__":
    result = write_weights()
    accuracy = result["cross_validated_accuracy"]
    print(f"{result['entries']} entries, cross-validated accuracy {accuracy}")
