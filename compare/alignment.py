"""Align the paragraphs of two letters into blocks: equal, changed, inserted, deleted, moved.

In: two sequences of paragraph texts (salutation to closing, in reading order) and
normalisation options. Out: :class:`Alignment`, blocks in the reading order of the second
letter with deleted paragraphs placed where they stood in the first.

How — exact matches first, then the best near matches:

1. Every pair of paragraphs gets a word-level similarity (rapidfuzz's normalised Indel
   similarity on the normalised texts' :func:`compare.text.similarity_tokens`: 1.0
   identical, 0.0 nothing in common). Normalised means :func:`compare.normalizing.normalize`:
   invisible characters, ligatures, quote and dash variants and white space never count;
   case, punctuation and equivalent phrases count unless the options say otherwise. Two
   paragraphs are *equal* when their normalised texts are.
2. Closing lines ("Sincerely,") of both letters are pinned to each other, so a paragraph that
   crossed the closing reads as moved rather than dragging the closing with it.
3. **Anchors.** Between pins, the longest in-order chain of equal paragraphs (a longest
   common subsequence over equality) is ``equal``. Among equally long chains the one holding
   the most paragraphs that occur once in each letter wins: the insight of patience diff
   (Bram Cohen, written for Bazaar) that a unique line is the surest anchor, used here as a
   tie-break so that repeated paragraphs (one said twice, a repeated heading) still anchor
   in order. The longest chain, rather than patience's chain of unique lines first, leaves
   the fewest equal paragraphs out of order.
4. **Exact moves.** Equal paragraphs left out of the chain are paired across positions, in
   order of occurrence, as ``moved``: Heckel's observation (P. Heckel, "A technique for
   isolating differences between files", CACM 21(4), 1978) that a line occurring in both
   files is the same line wherever it stands. A reordered list comes out as moves, never as
   a chain of near matches.
5. **Near matches in place.** Between consecutive in-order pairs (anchors and pins), the
   paragraphs still free pair by best similarity, not position: the most alike pair first,
   then the most alike of those that keep the order with it, and so on — as Python's
   ``difflib.Differ`` replaces a block of lines, synching on the best-matching pair and
   searching both sides of it again. Only paragraphs at least ``match_threshold`` alike
   pair; they are ``changed``.
6. **Near moves.** Paragraphs left over on both sides that are at least ``move_threshold``
   alike are paired as ``moved``, most alike first (moved and edited is still ``moved``,
   with its word diff).
7. **Siblings are different items.** In steps 5 and 6 a near pair (similarity ``s`` < 1) is
   refused when both of its paragraphs are explained by exact matches: the first is at
   least ``s`` alike to a paragraph paired exactly (a copy of itself aside), and so is the
   second (:func:`sibling_scores`, :func:`explained_by_exact`). Items of one template ("The
   Government of X to ratify …") differ from each other as much as a dropped item differs
   from an added one, so a list that drops one item and adds another shows one ``deleted``
   and one ``inserted`` paragraph, not a chain of ``changed`` ones — also when the new
   item takes the old one's place. An item edited in place stays nearer its old self than
   its kept siblings on at least one side and stays ``changed``; so does a paragraph with no
   near siblings (one word changed in a long paragraph).
8. A leftover paragraph next to a paired one joins that pair when the joined text is more
   alike than the pair alone — a paragraph split in two, or two merged into one, is one
   ``changed`` block, not a deletion plus an insertion.
9. What is still left is ``deleted`` (only in the first) or ``inserted`` (only in the second).
Every block carries the word diff of its two texts under the same options (``worddiff``),
which rebuilds both.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from collections.abc import Set as AbstractSet
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
Pair = tuple[int, int]


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


@dataclass(frozen=True)
class _Group:
    """Paired paragraphs: indexes in A and in B (two on one side for a split or merge)."""

    a: list[int]
    b: list[int]
    moved: bool


def normalize(text: str, options: NormalizeOptions = DEFAULT_OPTIONS) -> str:
    """The form two paragraphs are compared in (:func:`compare.normalizing.normalize`:
    what ``options`` ignore, and what is always ignored, removed)."""
    return normalize_text(text, options)


def similarity_matrix(a: Sequence[str], b: Sequence[str]) -> list[list[float]]:
    """Word-level similarity of every paragraph of ``a`` to every paragraph of ``b``."""
    if not a or not b:
        return [[0.0] * len(b) for _ in a]
    import numpy as np
    from rapidfuzz.distance import Indel
    from rapidfuzz.process import cdist

    matrix = cdist(
        [similarity_tokens(t) for t in a],
        [similarity_tokens(t) for t in b],
        scorer=Indel.normalized_similarity,
    )
    # Each score rounded by Python's round(), once per distinct value: two long letters
    # have a million cells but a few thousand distinct scores.
    values, where = np.unique(matrix, return_inverse=True)
    rounded = np.array([round(v, 4) for v in values.tolist()], dtype=np.float64)
    return rounded[where.reshape(matrix.shape)].tolist()  # type: ignore[no-any-return]


def exact_pairs(
    a: Sequence[str],
    b: Sequence[str],
    skip_a: AbstractSet[int] = frozenset(),
    skip_b: AbstractSet[int] = frozenset(),
) -> list[Pair]:
    """Every text of ``a`` paired with an identical text of ``b``, ``(i, j)`` sorted by ``i``.

    A text that occurs several times pairs its occurrences in order (first with first); the
    indexes in ``skip_a``/``skip_b`` take no part. Compare normalised texts.
    """
    free_b: defaultdict[str, list[int]] = defaultdict(list)
    for j, text in enumerate(b):
        if j not in skip_b:
            free_b[text].append(j)
    pairs = []
    for i, text in enumerate(a):
        waiting = free_b.get(text)
        if i not in skip_a and waiting:
            pairs.append((i, waiting.pop(0)))
    return pairs


def sibling_scores(
    a: Sequence[str], b: Sequence[str], scores: Sequence[Sequence[float]], exact: Sequence[Pair]
) -> tuple[list[float], list[float]]:
    """How alike each text is to its nearest kept sibling: ``(for A, for B)``, each 0..1.

    ``a``/``b`` are the normalised texts, ``scores`` their :func:`similarity_matrix` and
    ``exact`` the pairs of equal texts. For A's text ``i``, the best ``scores[i][l]`` over B's
    exactly paired texts ``l`` — equal to their partners in A, they stand for A's own kept
    texts — leaving out copies of ``i`` itself (a duplicate is no sibling: of two copies
    of one paragraph, the edited one is still that paragraph); for B likewise over A's
    exactly paired texts. 0.0 when there is none.
    """
    rows = [i for i, _ in exact]
    cols = [j for _, j in exact]
    near_a = [
        max((scores[i][j] for j in cols if b[j] != text), default=0.0) for i, text in enumerate(a)
    ]
    near_b = [
        max((scores[i][j] for i in rows if a[i] != text), default=0.0) for j, text in enumerate(b)
    ]
    return near_a, near_b


def explained_by_exact(score: float, near_a: float, near_b: float) -> bool:
    """Whether a near pair ``score`` alike is two different items of one family.

    ``near_a``/``near_b`` are the two texts' :func:`sibling_scores`. True when *both* texts
    are at least ``score`` alike to texts paired exactly (their kept siblings): the pair then
    differs no more than siblings differ from each other — one list item dropped, another
    added — so it is no edit of one text. A text edited in place stays nearer its old self
    than its siblings on at least one side, and is not refused. Used for paragraphs
    (module docstring, step 7) and asks (:func:`compare.comparison.ask_changes`).
    """
    return score < 1.0 and near_a >= score and near_b >= score


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
    (the closing lines); pins that cannot pair in order are ignored. ``match_threshold`` and
    ``move_threshold`` (0..1) are the least similarity of a ``changed`` and of a ``moved``
    pair that is not equal.
    """
    a_norm = [normalize(t, options) for t in a]
    b_norm = [normalize(t, options) for t in b]
    scores = similarity_matrix(a_norm, b_norm)
    for i, x in enumerate(a_norm):
        for j, y in enumerate(b_norm):
            if x == y:
                scores[i][j] = 1.0
    pins = _pinned_pairs(a_pins, b_pins)
    unique = _unique_texts(a_norm, b_norm)
    anchors: list[Pair] = []
    bounds = [(-1, -1), *pins, (len(a), len(b))]
    for (i0, j0), (i1, j1) in zip(bounds, bounds[1:], strict=False):
        anchors += _equal_chain(a_norm, b_norm, range(i0 + 1, i1), range(j0 + 1, j1), unique)
    in_order = sorted(anchors + pins)
    moved = exact_pairs(a_norm, b_norm, {i for i, _ in in_order}, {j for _, j in in_order})
    exact = [(i, j) for i, j in in_order + moved if a_norm[i] == b_norm[j]]
    near_a, near_b = sibling_scores(a_norm, b_norm, scores, exact)

    def refused(i: int, j: int) -> bool:
        return explained_by_exact(scores[i][j], near_a[i], near_b[j])

    taken_a = {i for i, _ in in_order + moved}
    taken_b = {j for _, j in in_order + moved}
    changed: list[Pair] = []
    bounds = [(-1, -1), *in_order, (len(a), len(b))]
    for (i0, j0), (i1, j1) in zip(bounds, bounds[1:], strict=False):
        rows = [i for i in range(i0 + 1, i1) if i not in taken_a]
        cols = [j for j in range(j0 + 1, j1) if j not in taken_b]
        changed += _best_in_order(scores, rows, cols, match_threshold, refused)
    in_order = sorted(in_order + changed)
    taken_a |= {i for i, _ in changed}
    taken_b |= {j for _, j in changed}
    moved += _moves(scores, taken_a, taken_b, move_threshold, refused)
    groups = _grow_splits(a_norm, b_norm, scores, in_order, moved)
    return Alignment(blocks=tuple(_blocks(a, b, a_norm, b_norm, groups, options)))


def _pinned_pairs(a_pins: Sequence[int], b_pins: Sequence[int]) -> list[Pair]:
    pairs: list[Pair] = []
    for i, j in zip(a_pins, b_pins, strict=False):
        if not pairs or (i > pairs[-1][0] and j > pairs[-1][1]):
            pairs.append((i, j))
    return pairs


def _unique_texts(a: Sequence[str], b: Sequence[str]) -> set[str]:
    """Texts that occur exactly once in each letter."""
    count_a, count_b = Counter(a), Counter(b)
    return {text for text, n in count_a.items() if n == 1 and count_b.get(text) == 1}


def _equal_chain(
    a: Sequence[str], b: Sequence[str], rows: range, cols: range, unique: set[str]
) -> list[Pair]:
    """The longest in-order chain of equal texts of ``rows`` and ``cols`` (step 3): a longest
    common subsequence, the one with the most ``unique`` texts among equally long ones."""
    start = 0
    while start < min(len(rows), len(cols)) and a[rows[start]] == b[cols[start]]:
        start += 1
    end = 0
    while (
        end < min(len(rows), len(cols)) - start
        and a[rows[len(rows) - 1 - end]] == b[cols[len(cols) - 1 - end]]
    ):
        end += 1
    chain = [(rows[k], cols[k]) for k in range(start)]
    middle_rows = rows[start : len(rows) - end]
    middle_cols = cols[start : len(cols) - end]
    in_b = {b[j] for j in middle_cols}
    in_a = {a[i] for i in middle_rows}
    xs = [i for i in middle_rows if a[i] in in_b]
    ys = [j for j in middle_cols if b[j] in in_a]
    # best[x][y]: the best chain of xs[x:] and ys[y:], as length * weight + unique texts.
    weight = len(xs) + 1
    best = [[0] * (len(ys) + 1) for _ in range(len(xs) + 1)]
    for x in range(len(xs) - 1, -1, -1):
        row, below, text = best[x], best[x + 1], a[xs[x]]
        gain = weight + (text in unique)
        for y in range(len(ys) - 1, -1, -1):
            value = below[y] if below[y] > row[y + 1] else row[y + 1]
            if b[ys[y]] == text and below[y + 1] + gain > value:
                value = below[y + 1] + gain
            row[y] = value
    x = y = 0
    while x < len(xs) and y < len(ys):
        text = a[xs[x]]
        if b[ys[y]] == text and best[x][y] == best[x + 1][y + 1] + weight + (text in unique):
            chain.append((xs[x], ys[y]))
            x, y = x + 1, y + 1
        elif best[x][y] == best[x + 1][y]:
            x += 1
        else:
            y += 1
    chain += [(rows[len(rows) - end + k], cols[len(cols) - end + k]) for k in range(end)]
    return chain


def _best_in_order(
    scores: list[list[float]],
    rows: list[int],
    cols: list[int],
    threshold: float,
    refused: Callable[[int, int], bool],
) -> list[Pair]:
    """Pairs of ``rows`` with ``cols`` in order, most alike first (step 5): each pair is taken
    when its rows and columns are free and it keeps the order of the pairs taken before."""
    candidates = sorted(
        (
            (scores[i][j], i, j)
            for i in rows
            for j in cols
            if scores[i][j] >= threshold and not refused(i, j)
        ),
        key=lambda c: (-c[0], c[1] + c[2], c[1]),
    )
    taken: list[Pair] = []
    for _, i, j in candidates:
        k = bisect_left(taken, (i, j))
        if any(row == i for row, _ in taken[max(k - 1, 0) : k + 1]):
            continue
        if (k and taken[k - 1][1] >= j) or (k < len(taken) and taken[k][1] <= j):
            continue
        taken.insert(k, (i, j))
    return taken


def _moves(
    scores: list[list[float]],
    taken_a: set[int],
    taken_b: set[int],
    threshold: float,
    refused: Callable[[int, int], bool],
) -> list[Pair]:
    """Leftover paragraphs paired across positions, most alike first (step 6)."""
    free_a = set(range(len(scores))) - taken_a
    free_b = set(range(len(scores[0]) if scores else 0)) - taken_b
    candidates = sorted(
        (
            (scores[i][j], i, j)
            for i in free_a
            for j in free_b
            if scores[i][j] >= threshold and not refused(i, j)
        ),
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
    a: list[str],
    b: list[str],
    scores: list[list[float]],
    in_order: list[Pair],
    moved: list[Pair],
) -> list[_Group]:
    """Pairs as groups, each grown by a free neighbour when that fits better (step 8)."""
    from rapidfuzz.distance import Indel

    pairs = sorted([(i, j, False) for i, j in in_order] + [(i, j, True) for i, j in moved])
    used_a = {i for i, _, _ in pairs}
    used_b = {j for _, j, _ in pairs}
    groups = []
    for i, j, is_move in pairs:
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
        groups.append(_Group(a=a_group, b=b_group, moved=is_move))
    return groups


def _blocks(
    a: Sequence[str],
    b: Sequence[str],
    a_norm: list[str],
    b_norm: list[str],
    groups: list[_Group],
    options: NormalizeOptions = DEFAULT_OPTIONS,
) -> list[Block]:
    """Blocks in the second letter's order, deletions where they stood in the first."""
    by_b = {g.b[0]: g for g in groups}
    paired_a = {i for g in groups for i in g.a}
    paired_b = {j for g in groups for j in g.b}
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
        if group.moved:
            blocks.append(_block("moved", a, b, group.a, group.b, a_norm, b_norm, options))
            continue
        flush_deleted(group.a[0])
        # A split or a merge is a change even when not a word moved.
        same = len(group.a) == len(group.b) and all(
            a_norm[i] == b_norm[k] for i, k in zip(group.a, group.b, strict=True)
        )
        op: BlockOp = "equal" if same else "changed"
        blocks.append(_block(op, a, b, group.a, group.b, a_norm, b_norm, options))
        next_a = max(next_a, group.a[-1] + 1)
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
