"""Near-duplicate letters of a large corpus without scoring every pair, and each letter's
nearest letters with bounded memory.

In: a fitted :class:`~compare.index.CorpusIndex` (or letters, fitted here). Out: the pairs
whose exact tf-idf cosine (:meth:`CorpusIndex.pair`'s score) is at least a threshold
(:func:`near_duplicates`, :func:`near_duplicate_pairs`), and the ``k`` best-scoring other
letters of every letter (:func:`top_k`). This is the only module that imports datasketch,
and only inside :func:`datasketch_candidates` and the tests' reference.

How near-duplicates are found (MinHash + LSH, "Mining of Massive Datasets", ch. 3):

1. **Sets.** A letter is the set of its index terms — the unigrams and bigrams of the tf-idf
   row (stop words removed, numbers dropped; :mod:`compare.similarity`). These are the terms
   the cosine is made of, so the sets' Jaccard tracks the cosine closely; word 3-, 4- and
   5-shingles of the letter text were measured too and track it loosely (see
   :data:`JACCARD_SLOPE`).
2. **Signatures** (:func:`signatures`): ``NUM_PERM`` = 128 MinHash values per letter,
   datasketch's ``affine32`` scheme — each column id pre-mixed by the MurmurHash3 finaliser,
   then ``a·h + b mod 2**32`` with datasketch's permutations for ``SEED`` — computed with numpy
   over the whole CSR at once; a test checks a row equals datasketch's ``MinHash`` fed the
   same column ids. A letter without terms has no signature and no near-duplicate.
3. **Bands** (:func:`lsh_params`): ``b`` bands of ``r`` rows; two letters whose set Jaccard
   is ``s`` share at least one band with probability ``1 - (1 - s**r)**b`` (the S-curve), so
   a pair at the Jaccard threshold ``s_t`` is missed with probability ``(1 - s_t**r)**b``.
   ``r`` is the largest for which some ``b`` with ``b·r <= NUM_PERM`` keeps that miss
   probability at most :data:`MAX_MISS` (1%), ``b`` the smallest that does: larger ``r``
   makes fewer chance candidates. At the default cosine threshold 0.5: ``s_t = 0.295``,
   ``r = 2``, ``b = 51``, miss probability 0.0096 at ``s_t``, 0.008 at Jaccard 0.3, 1.4e-4
   at 0.4 and 1.3e-10 at 0.6; a chance pair at Jaccard 0.02 is a candidate with probability
   0.020, at 0.1 with 0.40. Cosine thresholds 0.6, 0.7, 0.8, 0.9 give ``b×r`` = 32×2,
   21×2, 31×3, 20×3. Below about 0.45 only ``r = 1`` would do, where banding makes nearly
   every pair a candidate: there :func:`near_duplicates` scores every pair instead
   (:meth:`CorpusIndex.scored_blocks`, memory bounded, time n²).
4. **Candidates** (:func:`candidate_pairs`): letters with equal rows in a band (numpy: sort
   each band's keys, take runs). A run of more than :data:`GROUP_RUN` letters (a campaign
   sent by hundreds) is kept as a group rather than as its pairs, groups that share a letter
   are merged, and each group is verified as one block, so a family of ``m`` letters costs
   ``m²/2`` scores once, not once per band.
5. **Screening** (:func:`agreements`, :func:`agreement_bar`): most candidates met by
   chance in one band (two common terms holding a band's least hashes) and share few of
   their 128 values; a candidate outside a group is scored only when its signatures share at
   least ``k`` values, ``k`` the largest for which a pair at the Jaccard threshold falls
   short with probability at most :data:`SCREEN_MISS` (1e-5; ``k`` = 17 at 0.5). On 10,000
   generated letters this leaves 531 of 69,878 candidates (the 514 near-duplicates share
   40 values or more), so the exact scores no longer grow with the square of the corpus.
6. **Verification** (:func:`exact_scores`): every candidate left is scored with the exact
   cosine of the index rows, rounded to 4 decimals like every score of the package; the
   pairs at or above the threshold are the answer. A reported pair is therefore never a
   false positive; a pair is missed only when no band matched or the screen dropped it
   (probability at most ``miss + SCREEN_MISS`` at the Jaccard threshold, less above it).

Cosine to Jaccard (:func:`jaccard_threshold`): ``s_t = 0.75·c − 0.08``, a line under every
point measured on generated archives (``tests/benchmarks/generate.py``, 2,000 letters, 300
planted copies rewording 0-70% of their words, two word-replacement schemes): the least
term-set Jaccard of a pair scoring at least ``c`` was 0.174/0.198, 0.231/0.271,
0.313/0.350, 0.418/0.459 and 0.527/0.565 for ``c`` = 0.3, 0.4, 0.5, 0.6, 0.7 (the line
gives 0.145, 0.22, 0.295, 0.37, 0.445); the one reworded pair of the seeds scores 0.875 at
Jaccard 0.83. Word 5-shingles of the text (with stop words) track the cosine loosely: the
least Jaccard at cosine 0.5 was 0.075-0.111 while pairs below 0.5 reached 0.114-0.138, and
banding for so low a Jaccard needs r = 1. Distinct letters on one subject (the seeds and the
shared sample letters, 33 letters) have term Jaccard up to 0.10, generated distinct letters
0.014 on average: a corpus whose letters all share a subject makes more chance candidates
(each costs one exact score), not more misses.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from compare.index import BLOCK_CELLS, CorpusIndex

if TYPE_CHECKING:
    from numpy.typing import NDArray

    from compare.models import Letter

NUM_PERM = 128
"""MinHash values per letter: 512 bytes; 100,000 letters hold 51 MB of signatures."""
SEED = 1
"""datasketch's permutation seed (its default)."""
SCHEME = "affine32"
"""datasketch's MinHash scheme the signatures follow (32-bit values)."""
MAX_MISS = 0.01
"""Largest probability, at the Jaccard threshold, that a pair shares no band (missed)."""
JACCARD_SLOPE = 0.75
JACCARD_OFFSET = 0.08
"""Cosine ``c`` to term-set Jaccard threshold: ``0.7·c − 0.02`` (module docstring)."""
MIN_JACCARD = 0.05
"""Lowest Jaccard threshold used: below it banding finds nearly every pair (cosine
thresholds under about 0.1 are better served by scoring every pair)."""
SCREEN_MISS = 1e-5
"""Largest probability, at the Jaccard threshold, that a pair is screened out before its
exact score because its signatures agree in too few values (:func:`agreement_bar`)."""
GROUP_RUN = 32
"""A band bucket holding more letters than this is verified as a group (campaign families)."""
LARGE_CORPUS = 2000
"""Letters from which ``similarity`` lists near-duplicates found by LSH instead of scoring
every pair: at 2,000 letters scoring every pair takes ~10 s and grows with the square (see
README, "Large archives")."""
_LEADERS = 8
"""Leaders a large bucket is split by at most (:func:`_split_run`)."""
_PAIR_CHUNK = 10_000
"""Candidate pairs scored at once: their rows' copies take ~100 MB at 400 terms a letter."""
_DENSE_CELLS = 1 << 23
"""A group's rows are scored as a dense matrix when it has at most this many cells (64 MB)."""
_SCREEN_CHUNK = 100_000
"""Candidate pairs whose signatures are compared at once (two copies of 51 MB)."""
_PENDING_CODES = 4_000_000
"""Pair codes gathered over bands before duplicates are dropped (32 MB)."""

_M1 = np.uint32(0x85EBCA6B)
_M2 = np.uint32(0xC2B2AE35)

Pairs = tuple["NDArray[np.int64]", "NDArray[np.int64]"]


@dataclass(frozen=True)
class LshParams:
    """How signatures are cut: ``bands`` × ``rows`` of the ``NUM_PERM`` values."""

    jaccard: float
    """The Jaccard threshold ``s_t`` the bands are chosen for (0..1)."""
    bands: int
    rows: int
    miss: float
    """``(1 - s_t**rows)**bands``: the probability that a pair at ``s_t`` is missed."""


@dataclass(frozen=True)
class NearDuplicates:
    """The near-duplicate pairs of a corpus: row positions of the index, ``rows < cols``,
    sorted by ``(-score, row, col)``."""

    rows: NDArray[np.int64]
    cols: NDArray[np.int64]
    scores: NDArray[np.float64]
    """Exact cosine, rounded to 4 decimals, each at least ``threshold``."""
    threshold: float
    params: LshParams
    candidates: int
    """Candidate pairs the bands found (pairs of groups included)."""
    scored: int = 0
    """Of those, the pairs scored exactly: the pairs of groups, and the other candidates
    whose signatures agree in at least :func:`agreement_bar` values."""

    def __len__(self) -> int:
        return len(self.scores)

    def pairs(self) -> list[tuple[int, int, float]]:
        """``(row, col, score)`` tuples in order."""
        return list(zip(self.rows.tolist(), self.cols.tolist(), self.scores.tolist(), strict=True))


# ---------------------------------------------------------------------------- thresholds


def jaccard_threshold(cosine: float) -> float:
    """The term-set Jaccard below which a pair scoring ``cosine`` (0 < c ≤ 1) was never
    seen (module docstring), at least :data:`MIN_JACCARD`. Raises ``ValueError`` outside
    (0, 1]."""
    if not 0.0 < cosine <= 1.0:
        raise ValueError(f"threshold must be within (0, 1], not {cosine}")
    return max(MIN_JACCARD, JACCARD_SLOPE * cosine - JACCARD_OFFSET)


def miss_probability(jaccard: float, bands: int, rows: int) -> float:
    """The probability that a pair of Jaccard ``jaccard`` shares no band:
    ``(1 - jaccard**rows)**bands`` (one minus the S-curve)."""
    return float((1.0 - jaccard**rows) ** bands)


def lsh_params(jaccard: float, num_perm: int = NUM_PERM, max_miss: float = MAX_MISS) -> LshParams:
    """Bands and rows for the Jaccard threshold ``jaccard``: the largest ``rows`` for which
    some ``bands`` with ``bands·rows <= num_perm`` misses a pair at ``jaccard`` with
    probability at most ``max_miss``, and the fewest such bands (``rows = 1`` with every
    value as a band when none does). Raises ``ValueError`` for ``jaccard`` outside (0, 1]."""
    if not 0.0 < jaccard <= 1.0:
        raise ValueError(f"jaccard must be within (0, 1], not {jaccard}")
    for rows in range(num_perm, 0, -1):
        hit = jaccard**rows
        if hit >= 1.0:
            bands = 1
        elif hit <= 0.0:
            continue
        else:
            bands = math.ceil(math.log(max_miss) / math.log1p(-hit))
        if bands * rows <= num_perm:
            return LshParams(jaccard, bands, rows, miss_probability(jaccard, bands, rows))
    return LshParams(jaccard, num_perm, 1, miss_probability(jaccard, num_perm, 1))


# ---------------------------------------------------------------------------- signatures


def permutations(num_perm: int = NUM_PERM, seed: int = SEED) -> NDArray[np.uint32]:
    """datasketch's ``affine32`` permutation parameters ``(a, b)``, shape ``(2, num_perm)``:
    what ``datasketch.MinHash(num_perm, seed).permutations`` holds (a test checks it)."""
    generator = np.random.RandomState(seed)
    a = generator.randint(0, 1 << 31, num_perm, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = generator.randint(0, 1 << 32, num_perm, dtype=np.uint32)
    return np.array([a, b], dtype=np.uint32)


def fmix32(values: NDArray[np.uint32]) -> NDArray[np.uint32]:
    """The MurmurHash3 32-bit finaliser, element-wise (datasketch's pre-mix)."""
    values = values ^ (values >> np.uint32(16))
    values = values * _M1
    values = values ^ (values >> np.uint32(13))
    values = values * _M2
    return values ^ (values >> np.uint32(16))


def signatures(
    index: CorpusIndex, num_perm: int = NUM_PERM, chunk: int = 1 << 10
) -> NDArray[np.uint32]:
    """The MinHash signature of each letter's term set: ``(len(index), num_perm)``
    ``uint32``; a letter without terms has every value ``2**32 - 1``. Works through the CSR
    ``chunk`` term occurrences at a time (memory ~``chunk × num_perm × 4`` bytes)."""
    a, b = permutations(num_perm)
    empty = np.uint32(0xFFFFFFFF)
    out = np.full((len(index), num_perm), empty, dtype=np.uint32)
    indptr = index.indptr
    lengths = np.diff(indptr)
    filled = np.flatnonzero(lengths)
    start = 0
    while start < len(filled):
        # as many whole rows as fit the chunk (at least one)
        first = int(indptr[filled[start]])
        stop = int(np.searchsorted(indptr[filled + 1], first + chunk, side="right"))
        stop = max(stop, start + 1)
        members = filled[start:stop]
        begin, end = int(indptr[members[0]]), int(indptr[members[-1] + 1])
        hashed = fmix32(index.indices[begin:end].astype(np.uint32))
        with np.errstate(over="ignore"):
            values = hashed[:, None] * a[None, :] + b[None, :]
        offsets = (indptr[members] - begin).astype(np.int64)
        out[members] = np.minimum.reduceat(values, offsets, axis=0)
        start = stop
    return out


# ---------------------------------------------------------------------------- candidates


def _band_keys(sigs: NDArray[np.uint32], band: int, rows: int) -> NDArray[np.uint64]:
    """One 64-bit key per letter for band ``band``: the values themselves for ``rows <= 2``,
    else a mix of them (a chance collision of mixed keys only adds a candidate)."""
    part = sigs[:, band * rows : (band + 1) * rows].astype(np.uint64)
    if rows == 1:
        return part[:, 0]
    if rows == 2:
        return (part[:, 0] << np.uint64(32)) | part[:, 1]
    key = np.zeros(len(sigs), dtype=np.uint64)
    with np.errstate(over="ignore"):
        for column in range(rows):
            key = (key ^ part[:, column]) * np.uint64(0x100000001B3)
            key ^= key >> np.uint64(29)
    return key


def candidate_pairs(
    sigs: NDArray[np.uint32], params: LshParams, usable: NDArray[np.bool_] | None = None
) -> tuple[Pairs, list[NDArray[np.int64]]]:
    """Letters sharing a band: ``(rows, cols)`` of the pairs from buckets of at most
    :data:`GROUP_RUN` letters (``rows < cols``, unique), and the groups (sorted row arrays,
    disjoint) that larger buckets make (:func:`_split_run`), merged when they share a
    letter. ``usable`` leaves letters out (e.g. those without terms)."""
    n = len(sigs)
    letters = np.arange(n, dtype=np.int64) if usable is None else np.flatnonzero(usable)
    width = params.bands * params.rows
    bar = params.jaccard / 2
    codes: list[NDArray[np.int64]] = []
    pending = 0
    edges: list[tuple[NDArray[np.int64], NDArray[np.int64]]] = []
    signed = sigs[letters]
    for band in range(params.bands):
        keys = _band_keys(signed, band, params.rows)
        order = np.argsort(keys, kind="stable")
        ordered = keys[order]
        starts = np.flatnonzero(np.r_[True, ordered[1:] != ordered[:-1]])
        sizes = np.diff(np.r_[starts, len(ordered)])
        members = letters[order]
        small = (sizes > 1) & (sizes <= GROUP_RUN)
        for size in np.unique(sizes[small]).tolist():
            runs = members[starts[sizes == size][:, None] + np.arange(size)]  # (runs, size)
            first, second = np.triu_indices(size, 1)
            codes.append(_codes(runs[:, first], runs[:, second], n).ravel())
            pending += len(codes[-1])
        large = sizes > GROUP_RUN
        for run, size in zip(starts[large].tolist(), sizes[large].tolist(), strict=True):
            leaders, followers, rest = _split_run(sigs[:, :width], members[run : run + size], bar)
            edges.append((leaders, followers))
            first, second = np.triu_indices(len(rest), 1)
            codes.append(_codes(rest[first], rest[second], n))
            pending += len(codes[-1])
        if pending > _PENDING_CODES:  # keep the pending pair codes few
            codes = [np.unique(np.concatenate(codes))]
            pending = len(codes[0])
    unique = np.unique(np.concatenate(codes)) if codes else np.zeros(0, np.int64)
    groups = _components(n, [e[0] for e in edges], [e[1] for e in edges])
    return (unique // n, unique % n), groups


def _codes(a: NDArray[np.int64] | int, b: NDArray[np.int64] | int, n: int) -> Any:
    """Pair codes ``min·n + max``, one array (``a``, ``b`` scalars or arrays)."""
    low, high = np.minimum(a, b), np.maximum(a, b)
    return np.atleast_1d(np.asarray(low * n + high, dtype=np.int64))


def _split_run(
    sigs: NDArray[np.uint32], members: NDArray[np.int64], bar: float
) -> tuple[NDArray[np.int64], NDArray[np.int64], NDArray[np.int64]]:
    """A bucket of more than :data:`GROUP_RUN` letters, split by who is alike: its first
    letter leads, and the letters whose signatures agree with the leader's in at least
    ``bar`` of their values (estimated Jaccard, half the threshold: at 128 values a pair at
    the threshold falls below with probability under 1e-4) follow it; the next letter left
    leads the rest, at most :data:`_LEADERS` times. A campaign family is one leader's
    followers; letters that met in a bucket by chance (a few very common terms holding
    the least hashes) follow no one. Returns ``(leaders, followers)`` — edges joining each
    follower to its leader — and the letters left, if at most :data:`GROUP_RUN` (their
    pairs stay candidates); more left are dropped: their chance meeting here is not
    needed to find them (they share other bands with their near-duplicates)."""
    leaders: list[NDArray[np.int64]] = []
    followers: list[NDArray[np.int64]] = []
    left = members
    for _ in range(_LEADERS):
        if len(left) <= GROUP_RUN:
            break
        agree = (sigs[left] == sigs[left[0]]).mean(axis=1) >= bar
        agree[0] = False
        followers.append(left[agree])
        leaders.append(np.full(int(agree.sum()), left[0], dtype=np.int64))
        agree[0] = True
        left = left[~agree]
    rest = left if len(left) <= GROUP_RUN else left[:0]
    return np.concatenate(leaders), np.concatenate(followers), rest


def _components(
    n: int, left: list[NDArray[np.int64]], right: list[NDArray[np.int64]]
) -> list[NDArray[np.int64]]:
    """The connected groups of the edges ``left[k] — right[k]`` (letters in no edge left
    out), each a sorted array."""
    if not left:
        return []
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    a, b = np.concatenate(left), np.concatenate(right)
    graph = coo_matrix((np.ones(len(a), dtype=np.int8), (a, b)), shape=(n, n))
    _, labels = connected_components(graph, directed=False)
    touched = np.unique(np.concatenate([a, b]))
    order = np.argsort(labels[touched], kind="stable")
    members = touched[order]
    cuts = np.flatnonzero(np.diff(labels[members])) + 1
    return [np.sort(group) for group in np.split(members, cuts)]


def datasketch_candidates(sigs: NDArray[np.uint32], params: LshParams) -> Pairs:
    """What :func:`candidate_pairs` finds (every bucket as pairs, no groups), through
    datasketch's ``MinHashLSH``: each signature inserted as a ``LeanMinHash`` and queried.
    For measuring the two (``tests/benchmarks/scale.py``); imports datasketch."""
    from datasketch import LeanMinHash, MinHash, MinHashLSH

    width = params.bands * params.rows
    lsh = MinHashLSH(num_perm=width, params=(params.bands, params.rows))
    template = MinHash(num_perm=width, seed=SEED, scheme=SCHEME)
    sketches = [
        LeanMinHash(seed=SEED, hashvalues=row[:width], scheme=SCHEME) if len(row) else template
        for row in sigs
    ]
    with lsh.insertion_session() as session:
        for n, sketch in enumerate(sketches):
            session.insert(n, sketch, check_duplication=False)
    found: list[tuple[int, int]] = []
    for n, sketch in enumerate(sketches):
        found += [(n, int(m)) for m in lsh.query(sketch) if int(m) > n]
    pairs = np.array(sorted(found), dtype=np.int64).reshape(-1, 2)
    return pairs[:, 0], pairs[:, 1]


# ---------------------------------------------------------------------------- screening


def agreement_bar(jaccard: float, num_perm: int = NUM_PERM, miss: float = SCREEN_MISS) -> int:
    """How many of their ``num_perm`` MinHash values two letters' signatures must share for
    their pair to be scored exactly: the largest ``k`` for which a pair whose term sets have
    Jaccard ``jaccard`` shares fewer than ``k`` with probability at most ``miss`` (each value
    is shared with probability ``jaccard``, independently: a binomial tail). At the default
    threshold (Jaccard 0.295, 128 values) ``k`` is 17 (estimated Jaccard 0.13, tail 4.5e-6);
    chance candidates of generated archives share 4 values on median and 9 at the 99.9th
    percentile, near-duplicates at least 40. Raises ``ValueError`` for ``jaccard`` outside
    (0, 1]."""
    if not 0.0 < jaccard <= 1.0:
        raise ValueError(f"jaccard must be within (0, 1], not {jaccard}")
    tail = 0.0
    for k in range(num_perm + 1):
        tail += math.comb(num_perm, k) * jaccard**k * (1.0 - jaccard) ** (num_perm - k)
        if tail > miss:
            return k  # P(shared < k) <= miss < P(shared <= k)
    return num_perm


def agreements(
    sigs: NDArray[np.uint32], rows: NDArray[np.int64], cols: NDArray[np.int64]
) -> NDArray[np.int64]:
    """How many values the signatures of each pair ``(rows[k], cols[k])`` share (their
    estimated Jaccard times ``NUM_PERM``), :data:`_SCREEN_CHUNK` pairs at a time."""
    shared = np.zeros(len(rows), dtype=np.int64)
    for start in range(0, len(rows), _SCREEN_CHUNK):
        left = sigs[rows[start : start + _SCREEN_CHUNK]]
        right = sigs[cols[start : start + _SCREEN_CHUNK]]
        shared[start : start + _SCREEN_CHUNK] = np.count_nonzero(left == right, axis=1)
    return shared


# ---------------------------------------------------------------------------- exact scores


def exact_scores(index: CorpusIndex, rows: NDArray[np.int64], cols: NDArray[np.int64]) -> Any:
    """The cosine of each pair ``(rows[k], cols[k])``, rounded to 4 decimals and clipped to
    0..1 as :meth:`CorpusIndex.pair` scores it; ``_PAIR_CHUNK`` pairs at a time."""
    matrix = index.matrix()
    scores = np.zeros(len(rows))
    for start in range(0, len(rows), _PAIR_CHUNK):
        left = matrix[rows[start : start + _PAIR_CHUNK]]
        right = matrix[cols[start : start + _PAIR_CHUNK]]
        scores[start : start + _PAIR_CHUNK] = np.asarray(left.multiply(right).sum(axis=1)).ravel()
    return np.clip(np.round(scores, 4), 0.0, 1.0)


def _group_pairs(
    matrix: Any, group: NDArray[np.int64], threshold: float
) -> tuple[NDArray[np.int64], NDArray[np.int64], NDArray[np.float64]]:
    """The pairs of ``group`` (rows of the CSR ``matrix``) scoring at least ``threshold``,
    a block of rows at a time. Only the columns two or more of the group's letters hold add
    to a pair's score; when the group's rows over those columns fit :data:`_DENSE_CELLS`
    they are scored as a dense product (a campaign family shares its template's few
    hundred terms: a dense product is several times quicker than the sparse one)."""
    block = matrix[group]
    columns, held = np.unique(block.indices, return_counts=True)
    shared = columns[held >= 2]  # (work in the group's size, not the vocabulary's)
    if len(group) * len(shared) <= _DENSE_CELLS:
        at = np.minimum(np.searchsorted(shared, block.indices), max(len(shared) - 1, 0))
        hit = shared[at] == block.indices if len(shared) else np.zeros(len(at), dtype=bool)
        owner = np.repeat(np.arange(len(group)), np.diff(block.indptr))
        rows_of: Any = np.zeros((len(group), len(shared)))
        rows_of[owner[hit], at[hit]] = block.data[hit]
        columns_of: Any = rows_of.T
        dense = True
    else:
        rows_of, columns_of, dense = block, block.T.tocsr(), False
    step = max(1, BLOCK_CELLS // len(group))
    found = []
    for start in range(0, len(group), step):
        product = rows_of[start : start + step] @ columns_of
        if dense:
            rows, cols = np.nonzero(product >= threshold - 1e-4)  # rounding may lift a score
            values = product[rows, cols]
        else:
            product = product.tocoo()
            rows, cols, values = product.row, product.col, product.data
        rows = rows.astype(np.int64) + start
        cols = cols.astype(np.int64)
        scores = np.clip(np.round(values, 4), 0.0, 1.0)
        keep = (rows < cols) & (scores >= threshold)
        found.append((group[rows[keep]], group[cols[keep]], scores[keep]))
    return (
        np.concatenate([f[0] for f in found]),
        np.concatenate([f[1] for f in found]),
        np.concatenate([f[2] for f in found]),
    )


# ---------------------------------------------------------------------------- answers


def near_duplicates(
    index: CorpusIndex,
    threshold: float | None = None,
    sigs: NDArray[np.uint32] | None = None,
) -> NearDuplicates:
    """The pairs of ``index`` scoring at least ``threshold`` (default: the near-duplicate
    threshold, :data:`compare.similarity.DEFAULT_THRESHOLD`), found by MinHash LSH and
    verified exactly (module docstring; below a threshold of about 0.45 every pair is scored
    instead, as banding would not help). ``sigs`` are the index's :func:`signatures` when
    already made (e.g. cached). Raises ``ValueError`` for a threshold outside (0, 1] or
    signatures of another shape."""
    from compare.similarity import DEFAULT_THRESHOLD

    threshold = DEFAULT_THRESHOLD if threshold is None else threshold
    params = lsh_params(jaccard_threshold(threshold))
    if sigs is None:
        sigs = signatures(index)
    if sigs.shape != (len(index), NUM_PERM):
        raise ValueError(f"signatures of shape {sigs.shape}, not {(len(index), NUM_PERM)}")
    if params.rows < 2:  # banding would make nearly every pair a candidate
        return _every_pair(index, threshold, params)
    usable = np.diff(index.indptr) > 0
    (rows, cols), groups = candidate_pairs(sigs, params, usable)
    if groups:  # pairs inside a group are scored with the group
        label = np.full(len(index), -1, dtype=np.int64)
        for number, group in enumerate(groups):
            label[group] = number
        inside = (label[rows] >= 0) & (label[rows] == label[cols])
        rows, cols = rows[~inside], cols[~inside]
    candidates = len(rows) + sum(len(g) * (len(g) - 1) // 2 for g in groups)
    alike = agreements(sigs, rows, cols) >= agreement_bar(params.jaccard, sigs.shape[1])
    rows, cols = rows[alike], cols[alike]
    scores = exact_scores(index, rows, cols)
    keep = scores >= threshold
    scored = len(rows) + sum(len(g) * (len(g) - 1) // 2 for g in groups)
    parts = [_packed(rows[keep], cols[keep], scores[keep], len(index))]
    del rows, cols, scores, keep
    matrix = index.matrix()
    parts += [_packed(*_group_pairs(matrix, group, threshold), len(index)) for group in groups]
    found_rows, found_cols, found_scores = _ranked(parts, len(index))
    return NearDuplicates(
        rows=found_rows,
        cols=found_cols,
        scores=found_scores,
        threshold=threshold,
        params=params,
        candidates=candidates,
        scored=scored,
    )


_SCALE = 10_000
"""Scores are rounded to 4 decimals: ``score · _SCALE`` is a whole number."""


def _packed(
    rows: NDArray[np.int64], cols: NDArray[np.int64], scores: NDArray[np.float64], n: int
) -> Any:
    """Pairs of a corpus of ``n`` letters as one ``int64`` each, ordered as the answer is
    (``-score``, row, col): ``(_SCALE - score·_SCALE)·n² + row·n + col``, when that fits
    63 bits (up to about 30 million letters); else the three arrays stacked (``(3, k)``
    float64, for :func:`np.lexsort`)."""
    if n * n * (_SCALE + 1) < 2**63:
        whole = np.rint(scores * _SCALE).astype(np.int64)
        return (_SCALE - whole) * (n * n) + rows * n + cols
    return np.stack([rows.astype(np.float64), cols.astype(np.float64), scores])


def _ranked(
    parts: list[Any], n: int
) -> tuple[NDArray[np.int64], NDArray[np.int64], NDArray[np.float64]]:
    """The pairs of :func:`_packed` ``parts`` (emptied) sorted by ``(-score, row, col)``, as
    ``(rows, cols, scores)``: one sort of one array, so that millions of pairs (a corpus of
    campaigns) take little more memory than the answer."""
    if n * n * (_SCALE + 1) < 2**63:
        keys = np.concatenate(parts) if parts else np.zeros(0, dtype=np.int64)
        parts.clear()
        keys.sort()
        square = n * n
        scores = (_SCALE - keys // square) / _SCALE
        keys %= square
        return keys // n, keys % n, scores
    stacked = np.concatenate(parts, axis=1) if parts else np.zeros((3, 0))
    parts.clear()
    order = np.lexsort((stacked[1], stacked[0], -stacked[2]))
    stacked = stacked[:, order]
    return stacked[0].astype(np.int64), stacked[1].astype(np.int64), stacked[2]


def _every_pair(index: CorpusIndex, threshold: float, params: LshParams) -> NearDuplicates:
    """:func:`near_duplicates` by scoring every pair, a block at a time."""
    found = list(index.scored_blocks(threshold))
    rows = np.concatenate([f[0] for f in found]) if found else np.zeros(0, np.int64)
    cols = np.concatenate([f[1] for f in found]) if found else np.zeros(0, np.int64)
    scores = np.concatenate([f[2] for f in found]) if found else np.zeros(0)
    order = np.lexsort((cols, rows, -scores))
    total = len(index) * (len(index) - 1) // 2
    return NearDuplicates(rows[order], cols[order], scores[order], threshold, params, total, total)


def near_duplicate_pairs(
    corpus: CorpusIndex | Sequence[Letter],
    threshold: float | None = None,
    sigs: NDArray[np.uint32] | None = None,
) -> list[tuple[int, int, float]]:
    """The near-duplicate pairs of ``corpus`` (an index, or letters fitted here) as
    ``(i, j, score)``: positions in the corpus, ``i < j``, exact cosine rounded to 4
    decimals and at least ``threshold``, sorted by ``(-score, i, j)``. See
    :func:`near_duplicates`."""
    if not isinstance(corpus, CorpusIndex):
        from compare.similarity import fit_letters

        corpus = fit_letters(list(corpus))
    return near_duplicates(corpus, threshold, sigs).pairs()


def top_k(
    index: CorpusIndex, k: int, cells: int | None = None
) -> tuple[NDArray[np.int64], NDArray[np.float64]]:
    """Each letter's ``k`` best-scoring other letters: ``(neighbours, scores)``, both of
    shape ``(len(index), k)``, best first, ties by row; ``-1`` and 0.0 fill the places
    when fewer than ``k`` letters score above 0. Exact: a block of rows at a time is scored
    against every letter (``X[block] @ X.T``), about ``cells`` scores at once (default
    :data:`~compare.index.BLOCK_CELLS`), so memory is bounded; the work is still every
    pair's. Raises ``ValueError`` for a negative ``k``."""
    if k < 0:
        raise ValueError(f"k must be >= 0, not {k}")
    n = len(index)
    neighbours = np.full((n, k), -1, dtype=np.int64)
    best = np.zeros((n, k))
    if n < 2 or k == 0 or not len(index.terms):
        return neighbours, best
    for start, scores in _score_blocks(index, cells or BLOCK_CELLS):
        take = min(k, n - 1)
        block = np.arange(len(scores))
        scores[block, block + start] = -1.0  # not its own neighbour
        # ties broken by row: sort by (-score, column) within the top candidates
        cut = np.argpartition(-scores, take - 1, axis=1)[:, :take]
        kth = scores[block[:, None], cut].min(axis=1)
        for row in range(len(scores)):
            tied = np.flatnonzero(scores[row] >= max(float(kth[row]), 1e-9))
            order = tied[np.lexsort((tied, -scores[row, tied]))][:take]
            positive = order[scores[row, order] > 0]
            neighbours[start + row, : len(positive)] = positive
            best[start + row, : len(positive)] = scores[row, positive]
    return neighbours, best


def _score_blocks(index: CorpusIndex, cells: int) -> Iterator[tuple[int, Any]]:
    """``(first row, dense rounded scores of a block of rows against every row)``."""
    matrix = index.matrix()
    transposed = matrix.T.tocsr()
    step = max(1, cells // len(index))
    for start in range(0, len(index), step):
        block = (matrix[start : start + step] @ transposed).toarray()
        yield start, np.clip(np.round(block, 4), 0.0, 1.0)
