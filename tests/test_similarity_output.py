"""``similarity`` at size: the best pairs by default, every pair on request, streamed as JSON
lines without holding them all, and a score floor; the totals say what was left out."""

from __future__ import annotations

import json
import types
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from compare.cli import cli
from compare.index import CorpusIndex
from compare.pipeline import Pipeline

TOPICS = [
    "water",
    "schools",
    "prisons",
    "forests",
    "rivers",
    "farming",
    "clinics",
    "housing",
    "railways",
    "fisheries",
    "libraries",
    "archives",
    "museums",
    "harbours",
    "bridges",
    "orchards",
]
SHARED = [
    "We urge the ministry to publish its budget and to consult the communities affected.",
    "The undersigned groups call for an independent review of every contract signed.",
    "Public hearings must be held in each district before the plan goes ahead.",
]


def letter(number: int, topic: str) -> str:
    shared = " ".join(SHARED[: 1 + number % 3])
    return (
        f"Open letter to the Minister of {topic.title()}\n\n{number + 1} May 2021\n\n"
        f"Dear Minister,\n\nWe write about {topic} in the northern region. {shared}\n\n"
        f"Our {topic} deserve care: the {topic} plan of {2000 + number} failed.\n\n"
        f"Sincerely,\n\nGroup {number}, Kenya\n"
    )


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """Sixteen crafted letters: 120 pairs, every one sharing words."""
    folder = tmp_path_factory.mktemp("sixteen")
    for number, topic in enumerate(TOPICS):
        (folder / f"{number:02d}.txt").write_text(letter(number, topic), encoding="utf-8")
    return folder


def similarity(corpus: Path, *args: str):
    result = CliRunner().invoke(cli, ["--corpus", str(corpus), "similarity", *args])
    assert result.exit_code == 0, result.output
    return result


def ranked(pairs):
    return [(p["a"], p["b"], p["score"]) for p in pairs]


def test_json_lists_the_100_best_pairs_and_says_how_many_there_were(corpus):
    data = json.loads(similarity(corpus, "--json").stdout)
    assert (data["pairs_total"], data["pairs_shown"], len(data["pairs"])) == (120, 100, 100)
    assert data["min_score"] == 0.0 and len(data["letters"]) == 16
    everything = json.loads(similarity(corpus, "--json", "--all").stdout)
    assert (everything["pairs_total"], everything["pairs_shown"]) == (120, 120)
    assert ranked(data["pairs"]) == ranked(everything["pairs"])[:100]
    scores = [p["score"] for p in everything["pairs"]]
    assert scores == sorted(scores, reverse=True)
    top = json.loads(similarity(corpus, "--json", "--top", "5").stdout)
    assert ranked(top["pairs"]) == ranked(everything["pairs"])[:5] and top["pairs_total"] == 120


def test_jsonl_streams_every_pair_one_object_a_line(corpus):
    everything = json.loads(similarity(corpus, "--json", "--all").stdout)["pairs"]
    lines = similarity(corpus, "--jsonl").stdout.splitlines()
    streamed = [json.loads(line) for line in lines]
    assert len(streamed) == 120
    fields = {"a", "b", "score", "near_duplicate", "shared_terms"}
    assert all(set(pair) == fields for pair in streamed)
    assert sorted(ranked(streamed)) == sorted(ranked(everything))
    keys = [row["key"] for row in json.loads(similarity(corpus, "--json").stdout)["letters"]]
    order = [(keys.index(p["a"]), keys.index(p["b"])) for p in streamed]
    assert order == sorted(order), "in corpus order: a, then b"


def test_min_score_is_a_floor_for_every_output(corpus):
    everything = json.loads(similarity(corpus, "--json", "--all").stdout)["pairs"]
    floor = everything[30]["score"]
    above = [p for p in everything if p["score"] >= floor]
    data = json.loads(similarity(corpus, "--json", "--min-score", str(floor)).stdout)
    assert data["min_score"] == floor
    assert data["pairs_total"] == len(above) and ranked(data["pairs"]) == ranked(above)
    streamed = similarity(corpus, "--jsonl", "--min-score", str(floor)).stdout.splitlines()
    assert sorted(ranked(json.loads(line) for line in streamed)) == sorted(ranked(above))
    table = similarity(corpus, "--min-score", str(floor))
    assert f"Most similar pairs: {len(above)} pairs" in table.stdout


@pytest.mark.parametrize(
    "args",
    [("--top", "3", "--all"), ("--json", "--jsonl"), ("--jsonl", "--top", "3")],
)
def test_options_that_exclude_each_other_are_usage_errors(corpus, args):
    result = CliRunner().invoke(cli, ["--corpus", str(corpus), "similarity", *args])
    assert result.exit_code == 2
    assert "exclude" in result.stderr or "--jsonl streams" in result.stderr


def test_the_table_says_how_many_pairs_it_lists(corpus):
    result = CliRunner().invoke(
        cli, ["--corpus", str(corpus), "similarity", "--top", "7"], env={"COLUMNS": "100"}
    )
    assert "Most similar pairs: 7 of 120 pairs" in result.stdout


def test_the_stream_is_made_one_pair_at_a_time(corpus):
    pipeline = Pipeline(corpus, cache_dir=None)
    stream = pipeline.similarity_stream()
    assert isinstance(stream, types.GeneratorType)
    first = next(stream)
    assert first.a == pipeline.corpus.letters[0].key


def index_of(texts: list[str]) -> CorpusIndex:
    return CorpusIndex.fit(texts, [f"k{n:02d}" for n in range(len(texts))])


WORDS = ["rights", "water", "school", "court", "river", "prison", "budget", "forest", "law"]


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.lists(st.sampled_from(WORDS), min_size=1, max_size=8), min_size=2, max_size=9),
    st.integers(1, 40),
    st.integers(0, 12),
)
def test_scoring_a_block_of_rows_at_a_time_changes_nothing(texts, cells, top):
    index = index_of([" ".join(words) for words in texts])
    whole = index.all_pairs()
    blocks = list(index.scored_blocks(cells=cells))
    assert sum(len(scores) for _, _, scores in blocks) == whole.total == len(whole.pairs)
    from compare import index as index_module

    original = index_module.BLOCK_CELLS
    try:
        index_module.BLOCK_CELLS = cells
        small = index_of([" ".join(words) for words in texts])
        assert small.all_pairs(top=top).pairs == whole.pairs[:top]
    finally:
        index_module.BLOCK_CELLS = original
    streamed = list(index.iter_pairs())
    assert sorted(streamed, key=lambda p: (-p.score, p.a, p.b)) == list(whole.pairs)


def test_a_pair_prints_as_the_generic_json_of_its_record(corpus):
    from compare.models import to_json
    from compare.similarity import pair_json

    for pair in Pipeline(corpus, cache_dir=None).similarity(top=5).pairs:
        assert pair_json(pair) == to_json(pair)


@pytest.mark.parametrize("top", [0, 3, None])
def test_the_json_written_in_pieces_is_the_json_of_the_result(corpus, top):
    from compare.similarity import similarity_json, similarity_json_text

    pipeline = Pipeline(corpus, cache_dir=None)
    result = pipeline.similarity(top, min_score=0.01)
    total, pairs = pipeline.ranked_pairs(top, min_score=0.01)
    pieces = similarity_json_text(
        pipeline.corpus.letters, result.threshold, 0.01, total, len(result.pairs), pairs
    )
    expected = similarity_json(result, pipeline.corpus.letters, 0.01)
    assert "".join(pieces) == json.dumps(expected, ensure_ascii=False, indent=2)


@given(
    st.text(max_size=12),
    st.lists(st.text(max_size=10), max_size=4),
    st.floats(0, 1),
    st.booleans(),
)
def test_a_pair_written_by_hand_is_what_json_indents(key, terms, score, flag):
    from compare.similarity import SimilarPair, _pair_text, pair_json

    pair = SimilarPair(
        a=key, b=key + '"é\\', score=score, near_duplicate=flag, shared_terms=tuple(terms)
    )
    expected = json.dumps(pair_json(pair), ensure_ascii=False, indent=2)
    assert _pair_text(pair) == "\n".join("    " + line for line in expected.split("\n"))
