"""Align the paragraphs of two letters into blocks: equal, changed, inserted, deleted, moved.

In: two sequences of paragraph texts (salutation to closing, in reading order) and
normalisation options. Out: :class:`Alignment`, blocks in the reading order of the second
letter with deleted paragraphs placed where they stood in the first.

How:
1. Every pair of paragraphs gets a word-level similarity (rapidfuzz's normalised Indel
   similarity on the normalised texts' :func:`compare.text.similarity_tokens`: 1.0
   identical, 0.0 nothing in common). Normalised means :func:`compare.normalizing.normalize`:
   invisible characters, ligatures, quote and dash variants and white space never count;
   case, punctuation and equivalent phrases count unless the options say otherwise.
2. Closing lines ("Sincerely,") of both letters are pinned to each other, so a paragraph that
   crossed the closing reads as moved rather than dragging the closing with it.
3. Between pins, a dynamic programme picks the in-order pairing with the largest total
   similarity, pairing only paragraphs at least ``match_threshold`` alike: these are
   ``equal`` (identical after normalisation) or ``changed``.
4. Paragraphs left over on both sides that are at least ``move_threshold`` alike are paired
   as ``moved`` (moved and edited is still ``moved``, with its word diff).
5. A leftover paragraph next to a paired one joins that pair when the joined text is more
   alike than the pair alone — a paragraph split in two, or two merged into one, is one
   ``changed`` block, not a deletion plus an insertion.
6. What is still left is ``deleted`` (only in the first) or ``inserted`` (only in the second).
Every block carries the word diff of its two texts under the same options (``worddiff``),
which rebuilds both.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

from compare.normalizing import DEFAULT_OPTIONS as DEFAULT_OPTIONS  # re-exported
from compare.normalizing import NormalizeOptions as NormalizeOptions  # re-exported
from compare.normalizing import normalize as normalize_text
from compare.text import similarity_tokens
from compare.worddiff import DiffOp, word_diff

BlockOp = Literal["equal", "changed", "inserted", "deleted", "moved"]
MATCH_THRESHOLD = 0.5
MOVE_THRESHOLD = 0.6


@dataclass(frozen=True)
class Block:
    op: BlockOp
    a: str | None
    """The first letter's text (paragraphs joined by a blank line); None when inserted."""
    b: str | None
    """The second letter's text; None when deleted."""
    a_index: int | None
    """Index of the block's first paragraph in the first letter (0-based)."""
    b_index: int | None
    a_count: int = 0
    """How many paragraphs of the first letter the block holds (2 for a merge)."""
    b_count: int = 0
    ratio: float = 0.0
    """Word-level similarity of ``a`` and ``b``, 0..1."""
    diff: tuple[tuple[DiffOp, str], ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class Alignment:
    blocks: tuple[Block, ...]

    def counts(self) -> dict[str, int]:
        """Blocks per op, every op present."""
        result = {op: 0 for op in ("equal", "changed", "inserted", "deleted", "moved")}
        for block in self.blocks:
            result[block.op] += 1
        return result


def normalize(text: str, options: NormalizeOptions = DEFAULT_OPTIONS) -> str:
    """The form two paragraphs are compared in (:func:`compare.normalizing.normalize`:
    what ``options`` ignore, and what is always ignored, removed)."""
    return normalize_text(text, options)


def similarity_matrix(a: Sequence[str], b: Sequence[str]) -> list[list[float]]:
    """Word-level similarity of every paragraph of ``a`` to every paragraph of ``b``."""
    if not a or not b:
        return [[0.0] * len(b) for _ in a]
    from rapidfuzz.distance import Indel
    from rapidfuzz.process import cdist

    matrix = cdist(
        [similarity_tokens(t) for t in a],
        [similarity_tokens(t) for t in b],
        scorer=Indel.normalized_similarity,
    )
    return [[round(float(v), 4) for v in row] for row in matrix]


def align_paragraphs(
    a: Sequence[str],
    b: Sequence[str],
    options: NormalizeOptions = DEFAULT_OPTIONS,
    a_pins: Sequence[int] = (),
    b_pins: Sequence[int] = (),
    match_threshold: float = MATCH_THRESHOLD,
    move_threshold: float = MOVE_THRESHOLD,
) -> Alignment:
    """Blocks aligning paragraphs ``a`` to ``b`` (see the module docstring).

    ``a_pins``/``b_pins`` are indexes of paragraphs that must pair with each other in order
    (the closing lines); pins that cannot pair in order are ignored.
    """
    a_norm = [normalize(t, options) for t in a]
    b_norm = [normalize(t, options) for t in b]
    scores = similarity_matrix(a_norm, b_norm)
    for i, x in enumerate(a_norm):
        for j, y in enumerate(b_norm):
            if x == y:
                scores[i][j] = 1.0
    pairs = _pinned_pairs(a_pins, b_pins)
    ordered: list[tuple[int, int]] = []
    bounds = [(-1, -1), *pairs, (len(a), len(b))]
    for (i0, j0), (i1, j1) in zip(bounds, bounds[1:], strict=False):
        ordered += _best_in_order(scores, range(i0 + 1, i1), range(j0 + 1, j1), match_threshold)
    ordered = sorted(ordered + pairs)
    moved = _moves(scores, ordered, len(a), len(b), move_threshold)
    groups = _grow_splits(a_norm, b_norm, scores, ordered + moved)
    return Alignment(blocks=tuple(_blocks(a, b, a_norm, b_norm, groups, set(moved), options)))


def _pinned_pairs(a_pins: Sequence[int], b_pins: Sequence[int]) -> list[tuple[int, int]]:
    pairs: list[tuple[int, int]] = []
    for i, j in zip(a_pins, b_pins, strict=False):
        if not pairs or (i > pairs[-1][0] and j > pairs[-1][1]):
            pairs.append((i, j))
    return pairs


def _best_in_order(
    scores: list[list[float]], rows: range, cols: range, threshold: float
) -> list[tuple[int, int]]:
    """The in-order pairing of ``rows`` with ``cols`` with the largest total similarity."""
    n, m = len(rows), len(cols)
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    for x in range(n - 1, -1, -1):
        for y in range(m - 1, -1, -1):
            score = scores[rows[x]][cols[y]]
            take = best[x + 1][y + 1] + score if score >= threshold else -1.0
            best[x][y] = max(take, best[x + 1][y], best[x][y + 1])
    pairs, x, y = [], 0, 0
    while x < n and y < m:
        score = scores[rows[x]][cols[y]]
        if score >= threshold and best[x][y] == best[x + 1][y + 1] + score:
            pairs.append((rows[x], cols[y]))
            x, y = x + 1, y + 1
        elif best[x][y] == best[x + 1][y]:
            x += 1
        else:
            y += 1
    return pairs


def _moves(
    scores: list[list[float]], pairs: list[tuple[int, int]], n: int, m: int, threshold: float
) -> list[tuple[int, int]]:
    """Leftover paragraphs paired across positions, best-scoring first."""
    free_a = set(range(n)) - {i for i, _ in pairs}
    free_b = set(range(m)) - {j for _, j in pairs}
    candidates = sorted(
        ((scores[i][j], i, j) for i in free_a for j in free_b if scores[i][j] >= threshold),
        key=lambda c: (-c[0], c[1], c[2]),
    )
    moved = []
    for _, i, j in candidates:
        if i in free_a and j in free_b:
            moved.append((i, j))
            free_a.discard(i)
            free_b.discard(j)
    return moved


def _grow_splits(
    a: list[str], b: list[str], scores: list[list[float]], pairs: list[tuple[int, int]]
) -> list[tuple[list[int], list[int]]]:
    """Pairs as (A indexes, B indexes), each grown by a free neighbour when that fits better."""
    from rapidfuzz.distance import Indel

    used_a = {i for i, _ in pairs}
    used_b = {j for _, j in pairs}
    groups = []
    for i, j in sorted(pairs):
        a_group, b_group = [i], [j]
        score = scores[i][j]
        for side, group, used, texts in (("b", b_group, used_b, b), ("a", a_group, used_a, a)):
            for neighbour in (group[-1] + 1, group[0] - 1):
                if neighbour < 0 or neighbour >= len(texts) or neighbour in used:
                    continue
                trial = sorted([*group, neighbour])
                joined_a = " ".join(a[k] for k in (trial if side == "a" else a_group))
                joined_b = " ".join(b[k] for k in (trial if side == "b" else b_group))
                trial_score = Indel.normalized_similarity(
                    similarity_tokens(joined_a), similarity_tokens(joined_b)
                )
                if trial_score > score + 0.05:
                    group[:] = trial
                    used.add(neighbour)
                    score = trial_score
        groups.append((a_group, b_group))
    return groups


def _blocks(
    a: Sequence[str],
    b: Sequence[str],
    a_norm: list[str],
    b_norm: list[str],
    groups: list[tuple[list[int], list[int]]],
    moved: set[tuple[int, int]],
    options: NormalizeOptions = DEFAULT_OPTIONS,
) -> list[Block]:
    """Blocks in the second letter's order, deletions where they stood in the first."""
    by_b = {g[1][0]: g for g in groups}
    paired_a = {i for g in groups for i in g[0]}
    paired_b = {j for g in groups for j in g[1]}
    blocks: list[Block] = []
    next_a = 0

    def flush_deleted(upto: int) -> None:
        nonlocal next_a
        for i in range(next_a, upto):
            if i not in paired_a:
                blocks.append(_block("deleted", a, b, [i], [], a_norm, b_norm, options))
        next_a = max(next_a, upto)

    for j in range(len(b)):
        group = by_b.get(j)
        if group is None:
            if j not in paired_b:
                blocks.append(_block("inserted", a, b, [], [j], a_norm, b_norm, options))
            continue
        a_group, b_group = group
        if (a_group[0], b_group[0]) in moved:
            blocks.append(_block("moved", a, b, a_group, b_group, a_norm, b_norm, options))
            continue
        flush_deleted(a_group[0])
        # A split or a merge is a change even when not a word moved.
        same = len(a_group) == len(b_group) and all(
            a_norm[i] == b_norm[k] for i, k in zip(a_group, b_group, strict=True)
        )
        op: BlockOp = "equal" if same else "changed"
        blocks.append(_block(op, a, b, a_group, b_group, a_norm, b_norm, options))
        next_a = max(next_a, a_group[-1] + 1)
    flush_deleted(len(a))
    return blocks


def _block(
    op: BlockOp,
    a: Sequence[str],
    b: Sequence[str],
    a_group: list[int],
    b_group: list[int],
    a_norm: list[str],
    b_norm: list[str],
    options: NormalizeOptions = DEFAULT_OPTIONS,
) -> Block:
    a_text = "\n\n".join(a[i] for i in a_group) if a_group else None
    b_text = "\n\n".join(b[j] for j in b_group) if b_group else None
    if a_text is not None and b_text is not None:
        ratio = 1.0 if op == "equal" else _ratio(a_group, b_group, a_norm, b_norm)
    else:
        ratio = 0.0
    return Block(
        op=op,
        a=a_text,
        b=b_text,
        a_index=a_group[0] if a_group else None,
        b_index=b_group[0] if b_group else None,
        a_count=len(a_group),
        b_count=len(b_group),
        ratio=ratio,
        diff=tuple(word_diff(a_text or "", b_text or "", options=options)),
    )


def _ratio(a_group: list[int], b_group: list[int], a_norm: list[str], b_norm: list[str]) -> float:
    from rapidfuzz.distance import Indel

    joined_a = " ".join(a_norm[i] for i in a_group)
    joined_b = " ".join(b_norm[j] for j in b_group)
    return round(
        Indel.normalized_similarity(similarity_tokens(joined_a), similarity_tokens(joined_b)), 4
    )
