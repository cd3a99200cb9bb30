"""Near-duplicates by MinHash LSH find what scoring every pair finds, verified exactly; each
letter's nearest letters equal brute force; signatures survive the cache without pickle."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from compare import nearduplicates
from compare.cache import Cache
from compare.index import CorpusIndex
from compare.nearduplicates import (
    MAX_MISS,
    NUM_PERM,
    jaccard_threshold,
    lsh_params,
    miss_probability,
    near_duplicate_pairs,
    near_duplicates,
    signatures,
    top_k,
)
from compare.pipeline import Pipeline, corpus_signatures
from compare.similarity import DEFAULT_THRESHOLD, compare_corpus

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def pseudo_words(rng: random.Random, count: int) -> list[str]:
    made: set[str] = set()
    while len(made) < count:
        made.add("".join(rng.choice("bdfgklmnprstvz") + rng.choice("aeiou") for _ in range(3)))
    return sorted(made)


def crafted_corpus(
    letters: int = 200, planted: int = 10, family: int = 0, seed: int = 5
) -> tuple[list[str], set[tuple[int, int]]]:
    """Distinct texts of pseudo-words, ``planted`` of them a copy of an earlier one with a
    few words changed, and the last ``family`` copies of one text (lightly edited)."""
    rng = random.Random(seed)
    pool = pseudo_words(rng, 6000)
    common = pool[:200]

    def text() -> list[str]:
        topic = rng.sample(pool[200:], 120)
        return [rng.choice(common if rng.random() < 0.3 else topic) for _ in range(250)]

    def edited(words: list[str], rate: float) -> list[str]:
        return [rng.choice(common) if rng.random() < rate else w for w in words]

    texts = [text() for _ in range(letters - family)]
    pairs: set[tuple[int, int]] = set()
    for copy in rng.sample(range(1, len(texts)), planted):
        original = rng.randrange(copy)
        texts[copy] = edited(texts[original], 0.05)
        pairs.add((original, copy))
    template = text()
    texts += [edited(template, 0.02) for _ in range(family)]
    return [" ".join(words) for words in texts], pairs


def exact_pairs(index: CorpusIndex, threshold: float) -> dict[tuple[int, int], float]:
    found: dict[tuple[int, int], float] = {}
    for rows, cols, scores in index.scored_blocks(threshold):
        found.update(
            zip(zip(rows.tolist(), cols.tolist(), strict=True), scores.tolist(), strict=True)
        )
    return found


def fitted(texts: list[str]) -> CorpusIndex:
    return CorpusIndex.fit(texts, [f"letter-{n:03d}" for n in range(len(texts))])


def test_lsh_finds_every_planted_near_duplicate_and_only_verified_pairs():
    texts, planted = crafted_corpus()
    index = fitted(texts)
    found = near_duplicates(index)
    pairs = {(i, j): score for i, j, score in found.pairs()}
    assert planted <= set(pairs)
    exact = exact_pairs(index, DEFAULT_THRESHOLD)
    assert pairs == exact  # the same pairs and the same scores as scoring every pair
    for (i, j), score in pairs.items():
        assert score >= DEFAULT_THRESHOLD
        assert index.pair(index.keys[i], index.keys[j]).score == score
    assert found.candidates < len(texts) * (len(texts) - 1) // 2 // 10  # far from all pairs


def test_a_campaign_family_larger_than_a_bucket_is_found_whole():
    texts, planted = crafted_corpus(letters=260, planted=5, family=60)
    index = fitted(texts)
    pairs = {(i, j) for i, j, _ in near_duplicate_pairs(index)}
    family = range(200, 260)
    assert {(i, j) for i in family for j in family if i < j} <= pairs
    assert planted <= pairs
    assert pairs == set(exact_pairs(index, DEFAULT_THRESHOLD))


def test_near_duplicates_of_the_seeds_are_those_of_every_pair(seeds_corpus):
    letters = list(seeds_corpus.letters)
    for threshold in (DEFAULT_THRESHOLD, 0.8, 0.9):
        exact = compare_corpus(letters, threshold, min_score=threshold)
        keys = [letter.key for letter in letters]
        expected = [(keys.index(p.a), keys.index(p.b), p.score) for p in exact.pairs]
        assert near_duplicate_pairs(letters, threshold) == expected
    assert len(near_duplicate_pairs(letters)) == 1  # the one letter sent twice, reworded


def test_a_low_threshold_scores_every_pair_as_banding_would_not_help():
    texts, _ = crafted_corpus(letters=60, planted=6)
    index = fitted(texts)
    found = near_duplicates(index, 0.4)
    assert lsh_params(jaccard_threshold(0.4)).rows == 1
    assert found.candidates == 60 * 59 // 2
    assert {(i, j): s for i, j, s in found.pairs()} == exact_pairs(index, 0.4)


def test_pairs_are_sorted_best_first_with_positions_in_order():
    texts, _ = crafted_corpus(planted=12)
    pairs = near_duplicate_pairs(fitted(texts), 0.3)
    assert pairs == sorted(pairs, key=lambda p: (-p[2], p[0], p[1]))
    assert all(i < j for i, j, _ in pairs)


def test_letters_without_terms_have_no_near_duplicates():
    texts = ["2014 2015 12", "", "2014 2015 12", "the of and"]
    texts += [" ".join(["alpha", "beta", "gamma", "delta"] * 5)] * 2
    index = fitted(texts)
    assert near_duplicate_pairs(index) == [(4, 5, 1.0)]


def test_signatures_equal_datasketchs_minhash_of_the_term_columns():
    from datasketch import MinHash

    texts, _ = crafted_corpus(letters=20, planted=2)
    index = fitted(texts)
    sigs = signatures(index, chunk=300)  # several chunks, rows never split
    for row in range(len(index)):
        reference = MinHash(num_perm=NUM_PERM, hashfunc=int)
        reference.update_batch(index.row(row)[0].tolist())
        assert (sigs[row] == reference.hashvalues).all()


@settings(max_examples=200, deadline=None)
@given(st.floats(min_value=0.05, max_value=1.0))
def test_bands_miss_a_pair_at_the_threshold_rarely(jaccard):
    params = lsh_params(jaccard)
    assert params.bands * params.rows <= NUM_PERM
    assert params.miss == miss_probability(jaccard, params.bands, params.rows)
    assert params.miss <= MAX_MISS
    if params.rows > 1 and params.bands > 1:  # the fewest bands that reach it
        assert miss_probability(jaccard, params.bands - 1, params.rows) > MAX_MISS


def test_the_default_threshold_uses_the_documented_bands():
    params = lsh_params(jaccard_threshold(DEFAULT_THRESHOLD))
    assert (params.rows, params.bands) == (2, 51)
    assert params.miss < 0.01
    assert miss_probability(0.6, params.bands, params.rows) < 1e-9


@pytest.mark.parametrize("bad", [0.0, -0.1, 1.5])
def test_a_threshold_outside_0_1_is_refused(bad):
    with pytest.raises(ValueError, match="within"):
        jaccard_threshold(bad)
    with pytest.raises(ValueError, match="within"):
        near_duplicates(fitted(["alpha beta", "gamma delta"]), bad)


def test_signatures_survive_the_cache_without_pickle(tmp_path, monkeypatch):
    texts, _ = crafted_corpus(letters=30, planted=3)
    index = fitted(texts)
    cache = Cache(tmp_path)
    made = corpus_signatures(index, cache, "digest")
    stored = next((tmp_path / "minhash").glob("*.npz"))
    with np.load(stored, allow_pickle=False) as archive:  # plain arrays only
        assert any(archive[name].dtype == np.uint32 for name in archive.files)

    def recompute(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("signatures computed again")

    monkeypatch.setattr(nearduplicates, "signatures", recompute)
    again = corpus_signatures(index, cache, "digest")
    assert again.dtype == np.uint32 and (again == made).all()


def test_signatures_of_another_corpus_size_are_made_again(tmp_path):
    texts, _ = crafted_corpus(letters=30, planted=3)
    cache = Cache(tmp_path)
    corpus_signatures(fitted(texts), cache, "digest")
    smaller = fitted(texts[:20])
    assert corpus_signatures(smaller, cache, "digest").shape == (20, NUM_PERM)


def brute_top_k(index: CorpusIndex, k: int) -> list[list[tuple[int, float]]]:
    scores = np.clip(np.round((index.matrix() @ index.matrix().T).toarray(), 4), 0.0, 1.0)
    best = []
    for row in range(len(index)):
        ranked = sorted((-scores[row, j], j) for j in range(len(index)) if j != row)
        best.append([(j, -s) for s, j in ranked if -s > 0][:k])
    return best


@pytest.mark.parametrize("k", [1, 3, 40])
def test_top_k_equals_brute_force(k):
    texts, _ = crafted_corpus(letters=30, planted=4)
    texts += [texts[0], texts[0], "alpha beta", "alpha beta", "zeta"]  # ties, a loner
    index = fitted(texts)
    neighbours, scores = top_k(index, k, cells=100)  # blocks of 2-3 rows
    expected = brute_top_k(index, k)
    for row, best in enumerate(expected):
        got = [
            (int(j), float(s)) for j, s in zip(neighbours[row], scores[row], strict=True) if j >= 0
        ]
        assert got == best
        assert (neighbours[row, len(best) :] == -1).all()


def test_top_k_refuses_a_negative_k():
    with pytest.raises(ValueError, match="k must be"):
        top_k(fitted(["alpha beta", "gamma delta"]), -1)


def test_similarity_of_a_large_corpus_lists_near_duplicates_only(tmp_path, monkeypatch):
    corpus = tmp_path / "letters"
    shutil.copytree(SEEDS, corpus)
    pipeline = Pipeline(corpus, cache_dir=tmp_path / "cache")
    exact = pipeline.similarity(top=10)
    assert exact.total is not None and exact.total > 1
    monkeypatch.setattr(nearduplicates, "LARGE_CORPUS", 3)
    near = pipeline.similarity(top=10)
    assert near.total == 1 and near.pairs == exact.pairs[:1]  # the one near-duplicate
    total, pairs = pipeline.ranked_pairs(10)
    assert total == 1 and tuple(pairs) == near.pairs
    assert pipeline.similarity(top=10, min_score=0.9).pairs == ()  # 0.8754 < 0.9
    assert len(pipeline.similarity(top=None).pairs) == exact.total  # --all scores every pair
    assert list((tmp_path / "cache" / "minhash").glob("*.npz"))


@pytest.mark.parametrize("jaccard", [0.05, 0.145, 0.295, 0.445, 0.595, 0.9])
def test_the_screen_bar_drops_a_pair_at_the_jaccard_threshold_at_most_that_often(jaccard):
    from scipy.stats import binom

    k = nearduplicates.agreement_bar(jaccard)
    below = binom.cdf(k - 1, NUM_PERM, jaccard)  # shares fewer than k values
    assert below <= nearduplicates.SCREEN_MISS < binom.cdf(k, NUM_PERM, jaccard)
    assert nearduplicates.agreement_bar(jaccard, miss=1e-3) >= k  # a looser screen asks more


def test_agreements_count_the_values_two_signatures_share():
    sigs = np.array([[1, 2, 3, 4], [1, 2, 0, 4], [9, 9, 9, 9]], dtype=np.uint32)
    shared = nearduplicates.agreements(sigs, np.array([0, 0, 1, 2]), np.array([1, 2, 2, 2]))
    assert shared.tolist() == [3, 0, 0, 4]


def test_chance_candidates_are_screened_out_before_their_exact_score():
    texts, planted = crafted_corpus()
    index = fitted(texts)
    found = near_duplicates(index)
    assert found.scored < found.candidates  # chance meetings in one band were dropped
    assert planted <= {(i, j) for i, j, _ in found.pairs()}
    assert {(i, j): s for i, j, s in found.pairs()} == exact_pairs(index, DEFAULT_THRESHOLD)


@given(
    st.lists(
        st.tuples(st.integers(0, 40), st.integers(0, 40), st.integers(5000, 10000)), max_size=30
    )
)
def test_pairs_packed_in_one_number_sort_as_three_keys_would(triples):
    rows = np.array([t[0] for t in triples], dtype=np.int64)
    cols = np.array([t[1] for t in triples], dtype=np.int64)
    scores = np.round(np.array([t[2] / 10_000 for t in triples]), 4)
    expected = sorted(zip((-scores).tolist(), rows.tolist(), cols.tolist(), strict=True))
    for n in (41, 10**8):  # one int64 a pair; too large for that: three keys
        parts = [nearduplicates._packed(rows, cols, scores, n)]
        got_rows, got_cols, got_scores = nearduplicates._ranked(parts, n)
        assert not parts
        got = list(zip((-got_scores).tolist(), got_rows.tolist(), got_cols.tolist(), strict=True))
        assert got == expected
        assert got_rows.dtype == got_cols.dtype == np.int64
