"""Ask lineage (:func:`ask_lineage`): asks that recur across letters, as threads.

In: the letters. Out: :class:`AskThread` s, each the :class:`AskAppearance` s of one ask in
date order.

1. Every ask of every letter is compared in its normalised form (:func:`compare.alignment.
   normalize`, case and punctuation ignored); asks with the same normalised text are one
   *wording*. An ask repeated verbatim within one letter counts once.
2. Candidate pairs of wordings are *blocked*. A wording's keys are its content words
   (3+ letters, not in a short list of function words) and the bigrams of consecutive
   content words; its *signature* is its :data:`SIGNATURE_KEYS` rarest bigrams plus its
   :data:`SIGNATURE_KEYS` rarest words, counting only keys that another wording shares
   and that at most :data:`BLOCK_CAP_SHARE` of the wordings (or :data:`BLOCK_MIN_CAP`)
   use. A pair is a candidate when the signature of either holds a key of the other.
   Bigrams first, because a reworded ask keeps most of its bigrams while the words it
   gained are rare and would crowd out its own in a signature of words alone.
   Candidates are scored with the measure of :func:`compare.alignment.similarity_matrix`
   (word-level normalised Indel similarity, 0..1, 4 decimals — the same numbers, a test
   checks; the words are spelt one character each so that rapidfuzz reads every ask
   once and skips pairs below the cut-off by their lengths).
3. Average-link clustering: starting from the wordings, the two clusters with the
   highest mean pairwise similarity of their asks are merged while that mean is at least
   ``threshold``, never merging two clusters that hold asks of the same letter (so a
   thread has at most one ask per letter; when two asks of a letter match, the more
   similar pair merges first and the other is kept out). In the means, pairs never
   compared and pairs scoring under half the threshold count as 0, so a thread can
   drift (A like B, B like C, A less like C) but not chain through one shared ask.
4. A thread is a cluster with asks of at least two letters; its appearances are in date
   order. ``wording`` is ``same`` when an appearance's text equals the previous one's
   after dropping case, punctuation and spaces (which also forgives words run together
   by PDF extraction), else ``reworded``; the first is ``first``. ``verb_trend`` reads
   the ladder ranks (:func:`compare.reading.asks.verb_strength`) of the appearances that have
   one: all equal ``steady``, never falling ``escalated``, never rising ``softened``,
   both ``mixed``; fewer than two ranks ``None``. ``dropped`` is true when the thread's
   last dated appearance is older than the corpus's latest dated letter, whoever that
   letter was written to (undated appearances prove nothing either way).

Limits: a reworded ask sharing no signature key with its earlier wording is never
compared (a paraphrase; on a generated corpus every pair scoring 0.6 or more was found,
and 99 % of those scoring 0.45 or more, the misses being pairs alike mostly by a shared
opening frame); the threshold is on surface wording, so the same demand phrased anew is
a new thread, and two different short asks inside one long opening formula (the same
twenty words of who the writers are, then a different request) can meet.
Cost, for *n* asks of *w* words and *u* distinct wordings: tokenising O(n·w); blocking
O(u·k·log) plus the postings it visits, bounded by the cap; scoring O(c·w²/64) for *c*
candidate pairs (rapidfuzz's bit-parallel Indel, in C); clustering O(e·log e) heap
operations for the *e* pairs kept, plus the neighbours of each merged cluster, after
dropping pairs between components of the graph of pairs over the threshold (no merge can
cross them). Identical wordings are one node, so a corpus repeating one boilerplate ask
costs one wording, not n² pairs; many distinct rewordings of one popular ask are
inherently quadratic in their number. Measured (one core): the seeds' 60 asks take
milliseconds; 1,000 generated letters (~15,000 asks, 195,000 pairs over the threshold)
take ~4-5 s to block and score and ~3.5 s to cluster.

"""

from __future__ import annotations

import heapq
import re
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from compare.alignment import similarity_matrix
from compare.models import Letter
from compare.reading.asks import verb_strength
from compare.text import normalize, similarity_tokens
from compare.trends.years import check_unique, date_order

DEFAULT_LINEAGE_THRESHOLD = 0.45
"""Mean word similarity from which asks of different letters are one thread."""
SIGNATURE_KEYS = 4
"""How many of its rarest bigrams, and as many of its rarest words, a wording probes with."""
BLOCK_CAP_SHARE = 0.05
"""A blocking key used by more than this share of the wordings is too common to probe…"""
BLOCK_MIN_CAP = 200
"""… unless it is used by at most this many."""
LABEL_CHARS = 120
"""A thread's label is its earliest wording cut to about this many characters."""

Wording = Literal["first", "same", "reworded"]
VerbTrend = Literal["escalated", "softened", "steady", "mixed"]

"""A word as :mod:`compare.alignment` splits text for its similarity."""
_CONTENT_WORD = re.compile(r"[^\W\d_]{3,}")
_FUNCTION_WORDS = frozenset(
    {
        "about",
        "above",
        "after",
        "again",
        "against",
        "all",
        "also",
        "among",
        "and",
        "any",
        "are",
        "as",
        "because",
        "been",
        "before",
        "being",
        "both",
        "but",
        "can",
        "could",
        "did",
        "does",
        "doing",
        "down",
        "during",
        "each",
        "either",
        "for",
        "from",
        "further",
        "had",
        "has",
        "have",
        "having",
        "her",
        "here",
        "hers",
        "him",
        "his",
        "how",
        "including",
        "into",
        "its",
        "itself",
        "may",
        "more",
        "most",
        "must",
        "not",
        "now",
        "off",
        "once",
        "only",
        "other",
        "ought",
        "our",
        "ours",
        "out",
        "over",
        "own",
        "same",
        "shall",
        "she",
        "should",
        "such",
        "than",
        "that",
        "the",
        "their",
        "theirs",
        "them",
        "then",
        "there",
        "these",
        "they",
        "this",
        "those",
        "through",
        "too",
        "under",
        "until",
        "upon",
        "very",
        "was",
        "were",
        "what",
        "when",
        "where",
        "which",
        "while",
        "who",
        "whom",
        "why",
        "will",
        "with",
        "within",
        "without",
        "would",
        "you",
        "your",
        "yours",
    }
)
_EPSILON = 1e-9
_ROUNDING = 1e-4


@dataclass(frozen=True)
class AskAppearance:
    """One ask of one letter in an :class:`AskThread`."""

    key: str
    """The letter's key."""
    date: str | None
    """The letter's ISO date, ``None`` when undated."""
    index: int
    """Position of the ask in the letter's ``asks`` (0-based)."""
    text: str
    """The ask as the letter words it."""
    verb: str | None
    """The ask's verb (ladder lemma or modal), as parsed."""
    strength: int | None
    """The verb's rank on the request ladder, ``None`` when it has none."""
    wording: Wording
    """``first`` for the thread's first appearance; ``same`` when the text equals the previous
    appearance's once case, punctuation and spaces are dropped; else ``reworded``."""
    similarity: float
    """Word similarity (0..1) to the previous appearance's text; 1.0 for the first."""


@dataclass(frozen=True)
class AskThread:
    """An ask that recurs across letters."""

    label: str
    """The earliest wording, cut to about :data:`LABEL_CHARS` characters on a word boundary
    ("…" marks a cut)."""
    appearances: tuple[AskAppearance, ...]
    """At least two, one per letter, in date order (undated last)."""
    first_seen: str | None
    """Date of the earliest dated appearance, ``None`` when all are undated."""
    last_seen: str | None
    """Date of the latest dated appearance, ``None`` when all are undated."""
    dropped: bool
    """``last_seen`` is before the latest date of any letter in the corpus."""
    verb_trend: VerbTrend | None
    """How the verb's ladder rank moved along the appearances (see the module docstring);
    ``None`` when fewer than two appearances have a ranked verb."""


def ask_lineage(
    letters: Sequence[Letter], threshold: float = DEFAULT_LINEAGE_THRESHOLD
) -> tuple[AskThread, ...]:
    """Asks that recur across letters, as threads (rules and cost in the module docstring).

    Only threads with appearances in at least two letters are returned, sorted by number of
    appearances (most first), then ``first_seen`` (undated last), then the first appearance's
    letter key and ask position. Raises ``ValueError`` for a threshold outside (0, 1].
    """
    if not 0.0 < threshold <= 1.0:
        raise ValueError(f"threshold must be within (0, 1], not {threshold}")
    check_unique(letters)
    ordered = date_order(letters)
    wordings: dict[str, int] = {}
    members: list[list[tuple[int, int]]] = []  # per wording: (letter number, ask index)
    for number, letter in enumerate(ordered):
        seen: set[str] = set()
        for index, ask in enumerate(letter.asks):
            text = _compared(ask.text)
            if not text or text in seen:
                continue
            seen.add(text)
            wording = wordings.setdefault(text, len(wordings))
            if wording == len(members):
                members.append([])
            members[wording].append((number, index))
    texts = list(wordings)
    clusters = _average_link(members, _similar_pairs(texts, threshold), threshold)
    latest = max((letter.date for letter in ordered if letter.date), default=None)
    threads = [
        _thread(sorted(cluster), ordered, latest) for cluster in clusters if len(cluster) > 1
    ]
    threads.sort(
        key=lambda thread: (
            -len(thread.appearances),
            thread.first_seen is None,
            thread.first_seen or "",
            thread.appearances[0].key,
            thread.appearances[0].index,
        )
    )
    return tuple(threads)


def _blocking_keys(text: str) -> tuple[set[str], set[str]]:
    """The content-word bigrams and the content words of a normalised ask text."""
    words = [word for word in _CONTENT_WORD.findall(text) if word not in _FUNCTION_WORDS]
    return {f"{a} {b}" for a, b in zip(words, words[1:], strict=False)}, set(words)


def similar_wordings(texts: Sequence[str], threshold: float) -> dict[tuple[int, int], float]:
    """Word similarity of the pairs ``(i, j)``, ``i < j``, of ``texts`` (normalised: lower
    case, no punctuation) that blocking proposes and that score at least ``threshold / 2``.

    Scores equal :func:`compare.alignment.similarity_matrix`'s (word-level normalised Indel,
    4 decimals): each text is tokenised once and its words are spelt one character per
    distinct word, so rapidfuzz compares word sequences as strings, skipping pairs that
    cannot reach the cut-off. Blocking: rule 2 of the module docstring.
    """
    rows, cols, scores = _similar_pairs(texts, threshold)
    return dict(zip(zip(rows.tolist(), cols.tolist(), strict=True), scores.tolist(), strict=True))


def _similar_pairs(texts: Sequence[str], threshold: float) -> tuple[Any, Any, Any]:
    """:func:`similar_wordings` as arrays ``(rows, cols, scores)``, sorted by pair: each
    wording ``i`` probes the later wordings that hold a key of its signature or whose
    signature holds one of its keys, so every candidate pair is scored once."""
    import numpy as np
    from rapidfuzz.distance import Indel
    from rapidfuzz.process import cdist

    floor = threshold / 2
    encoded = _encode_words(texts)
    keys = [_blocking_keys(text) for text in texts]
    postings: dict[str, list[int]] = defaultdict(list)
    for number, (bigrams, words) in enumerate(keys):
        for key in bigrams | words:
            postings[key].append(number)
    cap = max(BLOCK_MIN_CAP, int(BLOCK_CAP_SHARE * len(texts)))

    def rarest(found: Iterable[str]) -> list[str]:
        usable = [key for key in found if 2 <= len(postings[key]) <= cap]
        return sorted(usable, key=lambda key: (len(postings[key]), key))[:SIGNATURE_KEYS]

    signatures = [rarest(bigrams) + rarest(words) for bigrams, words in keys]
    probed: dict[str, list[int]] = defaultdict(list)  # key -> wordings probing with it
    for number, signature in enumerate(signatures):
        for key in signature:
            probed[key].append(number)
    found_rows, found_cols, found_scores = [], [], []
    for i, (bigrams, words) in enumerate(keys):
        # later wordings holding a key of i's signature, or probing with a key i holds
        later = [postings[key] for key in signatures[i]]
        later += [probed[key] for key in bigrams | words if key in probed]
        others = sorted(set().union(*(ids[bisect_right(ids, i) :] for ids in later)))
        if not others:
            continue
        row = cdist(
            [encoded[i]],
            [encoded[j] for j in others],
            scorer=Indel.normalized_similarity,
            score_cutoff=floor - _ROUNDING,
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


def _components(count: int, rows: Any, cols: Any) -> list[int]:
    """Connected-component label of each of ``count`` nodes joined by the edges
    ``rows[n]``–``cols[n]``."""
    parent = list(range(count))

    def find(node: int) -> int:
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for i, j in zip(rows.tolist(), cols.tolist(), strict=True):
        root_i, root_j = find(i), find(j)
        if root_i != root_j:
            parent[root_i] = root_j
    return [find(node) for node in range(count)]


def _average_link(
    members: Sequence[Sequence[tuple[int, int]]],
    pairs: tuple[Any, Any, Any],
    threshold: float,
) -> list[list[tuple[int, int]]]:
    """Clusters of asks (``(letter number, ask index)``) by constrained average link over the
    wordings ``members``; ``pairs`` holds the similarity of wording pairs (absent: 0).

    Two clusters merge only when some pair of theirs reaches the threshold (a mean cannot
    exceed its largest term), so the edges between the components of the graph of such
    pairs are dropped first.
    """
    rows, cols, scores = pairs
    cut = threshold - _EPSILON
    strong = scores >= cut
    component = _components(len(members), rows[strong], cols[strong])
    clusters = [list(asks) for asks in members]
    letters = [{number for number, _ in asks} for asks in members]
    size = [len(asks) for asks in members]
    alive = [True] * len(members)
    links: list[dict[int, float]] = [{} for _ in members]  # neighbour -> sum of similarities
    for i, j, score in zip(rows.tolist(), cols.tolist(), scores.tolist(), strict=True):
        if component[i] == component[j]:
            links[i][j] = links[j][i] = score * size[i] * size[j]
    heap = [
        (-score, i, j)
        for i, j, score in zip(
            rows[strong].tolist(), cols[strong].tolist(), scores[strong].tolist(), strict=True
        )
        if letters[i].isdisjoint(letters[j])
    ]
    heapq.heapify(heap)
    while heap:
        _, a, b = heapq.heappop(heap)
        if not (alive[a] and alive[b]):
            continue  # one of them has been merged since
        merged = len(clusters)
        big, small = (a, b) if len(links[a]) >= len(links[b]) else (b, a)
        neighbours = links[big]  # reused for the merged cluster, as are its members, letters
        del neighbours[small]
        for other, total in links[small].items():
            if other != big:
                neighbours[other] = neighbours.get(other, 0.0) + total
        clusters[big].extend(clusters[small])
        letters[big] |= letters[small]
        clusters.append(clusters[big])
        letters.append(letters[big])
        links.append(neighbours)
        size.append(size[a] + size[b])
        alive.append(True)
        alive[a] = alive[b] = False
        clusters[a] = clusters[b] = []
        links[a] = links[b] = {}
        for other, total in neighbours.items():
            around = links[other]
            around.pop(a, None)
            around.pop(b, None)
            around[merged] = total
            if total >= cut * size[merged] * size[other] and letters[merged].isdisjoint(
                letters[other]
            ):
                heapq.heappush(heap, (-total / (size[merged] * size[other]), other, merged))
    return [cluster for cluster, live in zip(clusters, alive, strict=True) if live]


def _thread(
    asks: Sequence[tuple[int, int]], ordered: Sequence[Letter], latest: str | None
) -> AskThread:
    """The thread of ``asks`` (``(letter number, ask index)`` in date order)."""
    appearances: list[AskAppearance] = []
    previous: str | None = None
    for number, index in asks:
        letter = ordered[number]
        ask = letter.asks[index]
        if previous is None:
            wording: Wording = "first"
            similarity = 1.0
        else:
            wording = "same" if _squashed(ask.text) == _squashed(previous) else "reworded"
            similarity = similarity_matrix([_compared(previous)], [_compared(ask.text)])[0][0]
        appearances.append(
            AskAppearance(
                key=letter.key,
                date=letter.date,
                index=index,
                text=ask.text,
                verb=ask.verb,
                strength=verb_strength(ask.verb),
                wording=wording,
                similarity=similarity,
            )
        )
        previous = ask.text
    dates = [appearance.date for appearance in appearances if appearance.date]
    last_seen = max(dates, default=None)
    return AskThread(
        label=shorten(appearances[0].text, LABEL_CHARS),
        appearances=tuple(appearances),
        first_seen=min(dates, default=None),
        last_seen=last_seen,
        dropped=last_seen is not None and latest is not None and last_seen < latest,
        verb_trend=verb_trend([appearance.strength for appearance in appearances]),
    )


def _compared(text: str) -> str:
    """An ask as asks are compared: case and punctuation ignored."""
    return normalize(text, ignore_case=True, ignore_punctuation=True)


def _squashed(text: str) -> str:
    return "".join(_compared(text).split())


def verb_trend(strengths: Sequence[int | None]) -> VerbTrend | None:
    """How a sequence of ladder ranks moved, ``None`` ranks skipped: ``steady`` (all equal),
    ``escalated`` (never falling), ``softened`` (never rising), ``mixed``; ``None`` with
    fewer than two ranks."""
    ranks = [rank for rank in strengths if rank is not None]
    if len(ranks) < 2:
        return None
    steps = [later - earlier for earlier, later in zip(ranks, ranks[1:], strict=False)]
    if all(step == 0 for step in steps):
        return "steady"
    if all(step >= 0 for step in steps):
        return "escalated"
    if all(step <= 0 for step in steps):
        return "softened"
    return "mixed"


def shorten(text: str, limit: int = LABEL_CHARS) -> str:
    """``text`` with whitespace collapsed, cut on a word boundary to at most ``limit``
    characters with "…" appended when it was longer (a single overlong word is cut)."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:-") + "…"
