"""Which asks of a corpus are the same ask: the pairs :func:`compare.trends.lineage.ask_lineage`
groups into families.

In: the distinct ask texts of a corpus (normalised: case and punctuation ignored, as
:func:`compare.alignment.normalize` gives them, and as written, for their meaning). Out:
:class:`SamePairs`, the pairs ``(i, j)``, ``i < j``, that are the same ask by
:func:`compare.check.meaning.ask_match` — the rule the draft check's precedents use — with
how (``wording`` or ``meaning``) and their score.

1. *Wording*: candidate pairs are *blocked*. A text's keys are its content words (3+
   letters, not a stop word of ``data/stopwords.toml``) and the bigrams of consecutive
   content words; its *signature* is its :data:`SIGNATURE_KEYS` rarest bigrams plus its
   :data:`SIGNATURE_KEYS` rarest words, counting only keys that another text shares and
   that at most :data:`BLOCK_CAP_SHARE` of the texts (or :data:`BLOCK_MIN_CAP`) use. A pair
   is a candidate when the signature of either holds a key of the other. Bigrams first,
   because a reworded ask keeps most of its bigrams while the words it gained are rare and
   would crowd out its own in a signature of words alone. Candidates are scored with the
   measure of :func:`compare.alignment.similarity_matrix` (word-level normalised Indel,
   0..1, 4 decimals — the same numbers, a test checks; the words are spelt one character
   each so that rapidfuzz reads every text once and skips pairs below the cut-off by their
   lengths); those under :data:`~compare.check.meaning.CARRIED_THRESHOLD` are dropped.
2. *Meaning*: every text's meaning (:func:`compare.check.meaning.ask_meaning`) is scored
   against all the others' through the postings of their demands' terms
   (:meth:`compare.check.meaning.AskMeanings.matches`, idf over the corpus's asks): the
   best pair of demands doing the same thing to the same object, and its cosine.
3. A pair is the same ask when :func:`~compare.check.meaning.ask_match` says so from its
   word similarity (0 when blocking did not propose it) and its meaning cosine.

Limits: a reworded ask sharing no signature key with its earlier wording is not compared by
wording (on a generated corpus every pair scoring 0.6 or more was found, and 99 % of those
scoring 0.45 or more); it is still found when its meaning matches.
Cost, for *u* distinct texts of *w* words: blocking O(u·k·log) plus the postings it visits,
bounded by the cap; wording scores O(c·w²/64) for *c* candidate pairs (rapidfuzz's
bit-parallel Indel, in C); meaning one pass of numpy counts over the demands per text
(:meth:`~compare.check.meaning.AskMeanings.matches`). Measured on one core of a loaded
machine (2 cores, load 5-8): the seeds' 60 asks take milliseconds; 1,000 generated letters
(~15,000 asks) take 2-7 s to block and score by wording and 9-12 s by meaning.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from compare.check.meaning import (
    CARRIED_THRESHOLD,
    MEANING_THRESHOLD,
    AskMeanings,
    ask_match,
    ask_meaning,
    meaning_words,
)
from compare.text import similarity_tokens

SIGNATURE_KEYS = 4
"""How many of its rarest bigrams, and as many of its rarest words, a text probes with."""
BLOCK_CAP_SHARE = 0.05
"""A blocking key used by more than this share of the texts is too common to probe…"""
BLOCK_MIN_CAP = 200
"""… unless it is used by at most this many."""

_CONTENT_WORD = re.compile(r"[^\W\d_]{3,}")
_ROUNDING = 1e-4

Match = Literal["wording", "meaning"]


@dataclass(frozen=True)
class SamePairs:
    """The pairs of texts that are the same ask."""

    pairs: dict[tuple[int, int], tuple[Match, float]]
    """``(i, j)``, ``i < j`` → how they match and the score that decided (word similarity for
    ``wording``, the meaning cosine for ``meaning``)."""
    wording: dict[tuple[int, int], float]
    """Word similarity of every pair blocking proposed that scores at least
    :data:`~compare.check.meaning.CARRIED_THRESHOLD`, same ask or not."""
    meanings: AskMeanings
    """The meanings of the texts as written (ids as the texts'), their idf over them."""


def same_ask_pairs(normalised: Sequence[str], written: Sequence[str]) -> SamePairs:
    """The pairs of asks that are the same ask (rules in the module docstring):
    ``normalised`` are the distinct texts compared by wording, ``written`` the same texts as
    the letters word them (their meaning reads punctuation: headings, semicolons). Raises
    ``ValueError`` when the two differ in length."""
    if len(normalised) != len(written):
        raise ValueError("one written text is needed per normalised text")
    wording = similar_wordings(normalised, CARRIED_THRESHOLD)
    each = [ask_meaning(text) for text in written]
    meanings = AskMeanings.of(each)
    cosines: dict[tuple[int, int], float] = {}
    for i, meaning in enumerate(each):
        for j, cosine in meanings.matches(meaning, MEANING_THRESHOLD).items():
            if j > i:
                cosines[(i, j)] = cosine
    pairs: dict[tuple[int, int], tuple[Match, float]] = {}
    for pair in sorted(wording.keys() | cosines.keys()):
        words = wording.get(pair, 0.0)
        found = cosines[pair] if pair in cosines else meanings.match(*(each[k] for k in pair))
        match = ask_match(words, found)
        if match is not None:
            pairs[pair] = (match, words if match == "wording" else found or 0.0)
    return SamePairs(pairs, wording, meanings)


def _blocking_keys(text: str, skipped: frozenset[str]) -> tuple[set[str], set[str]]:
    """The content-word bigrams and the content words of a normalised ask text."""
    words = [word for word in _CONTENT_WORD.findall(text) if word not in skipped]
    return {f"{a} {b}" for a, b in zip(words, words[1:], strict=False)}, set(words)


def similar_wordings(texts: Sequence[str], floor: float) -> dict[tuple[int, int], float]:
    """Word similarity of the pairs ``(i, j)``, ``i < j``, of ``texts`` (normalised: lower
    case, no punctuation) that blocking proposes and that score at least ``floor``.

    Scores equal :func:`compare.alignment.similarity_matrix`'s (word-level normalised Indel,
    4 decimals): each text is tokenised once and its words are spelt one character per
    distinct word, so rapidfuzz compares word sequences as strings, skipping pairs that
    cannot reach the cut-off. Blocking: rule 1 of the module docstring.
    """
    rows, cols, scores = _similar_pairs(texts, floor)
    return dict(zip(zip(rows.tolist(), cols.tolist(), strict=True), scores.tolist(), strict=True))


def _similar_pairs(texts: Sequence[str], floor: float) -> tuple[Any, Any, Any]:
    """:func:`similar_wordings` as arrays ``(rows, cols, scores)``, sorted by pair: each
    text ``i`` probes the later texts that hold a key of its signature or whose signature
    holds one of its keys, so every candidate pair is scored once."""
    import numpy as np
    from rapidfuzz.distance import Indel
    from rapidfuzz.process import cdist

    encoded = _encode_words(texts)
    skipped = meaning_words().skipped_words
    keys = [_blocking_keys(text, skipped) for text in texts]
    postings: dict[str, list[int]] = defaultdict(list)
    for number, (bigrams, words) in enumerate(keys):
        for key in bigrams | words:
            postings[key].append(number)
    cap = max(BLOCK_MIN_CAP, int(BLOCK_CAP_SHARE * len(texts)))

    def rarest(found: Iterable[str]) -> list[str]:
        usable = [key for key in found if 2 <= len(postings[key]) <= cap]
        return sorted(usable, key=lambda key: (len(postings[key]), key))[:SIGNATURE_KEYS]

    signatures = [rarest(bigrams) + rarest(words) for bigrams, words in keys]
    probed: dict[str, list[int]] = defaultdict(list)  # key -> texts probing with it
    for number, signature in enumerate(signatures):
        for key in signature:
            probed[key].append(number)
    found_rows, found_cols, found_scores = [], [], []
    for i, (bigrams, words) in enumerate(keys):
        # later texts holding a key of i's signature, or probing with a key i holds
        later = [postings[key] for key in signatures[i]]
        later += [probed[key] for key in bigrams | words if key in probed]
        others = sorted(set().union(*(ids[bisect_right(ids, i) :] for ids in later)))
        if not others:
            continue
        row = cdist(
            [encoded[i]],
            [encoded[j] for j in others],
            scorer=Indel.normalized_similarity,
            score_cutoff=max(floor - _ROUNDING, 0.0),
        )[0]
        near = row.nonzero()[0]
        # rounded as similarity_matrix rounds (Python's round of the float32 score)
        rounded = np.array([round(float(score), 4) for score in row[near].tolist()])
        kept = rounded >= floor
        if kept.any():
            found_cols.append(np.asarray(others)[near[kept]])
            found_rows.append(np.full(len(found_cols[-1]), i))
            found_scores.append(rounded[kept])
    if not found_rows:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, np.zeros(0)
    return np.concatenate(found_rows), np.concatenate(found_cols), np.concatenate(found_scores)


def _encode_words(texts: Sequence[str]) -> list[str]:
    """Each text's words (as :func:`compare.alignment.similarity_matrix` splits them) spelt
    one character per distinct word, outside the surrogate range."""
    ids: dict[str, int] = {}
    encoded = [
        "".join(chr(0x10000 + ids.setdefault(word, len(ids))) for word in similarity_tokens(text))
        for text in texts
    ]
    if len(ids) > 0x100000:
        raise ValueError(f"{len(ids)} distinct words in the asks: at most 1,048,576 supported")
    return encoded
