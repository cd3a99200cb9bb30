"""Letter families: near-duplicates grouped around a base letter, and what each variant
changes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from campaigns import write_campaign, write_single
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from compare.cli import cli
from compare.corpus import load_corpus
from compare.families import describe_family, find_families, group_families
from compare.similarity import fit_letters

# The campaign's days, by file: the earliest (3 May) is sent twice, the first file is not it.
DAYS = [5, 4, 7, 3, 9, 3, 6, 8, 10, 11, 4, 12]


@pytest.fixture(scope="module")
def campaign(tmp_path_factory, taxonomy):
    """One letter sent to 12 recipients (recipient, salutation and one sentence varied) and
    three unrelated letters."""
    folder = tmp_path_factory.mktemp("campaign")
    write_campaign(folder, "rivers", 12, "rivers", DAYS)
    for name in ("libraries", "roads", "fisheries"):
        write_single(folder, name, f"z_{name}.txt")
    corpus = load_corpus(folder, taxonomy)
    letters = list(corpus.letters)
    index = fit_letters(letters)
    return folder, letters, index, find_families(letters, index)


def test_one_letter_sent_to_twelve_recipients_is_one_family_and_the_others_singletons(campaign):
    _, letters, _, found = campaign
    assert len(letters) == 15
    assert [len(f) for f in found.families] == [12]
    family = found.families[0]
    by_key = {x.key: x for x in letters}
    assert {by_key[k].source for k in family.keys} == {f"rivers_{n:02d}.txt" for n in range(12)}
    assert sorted(by_key[k].source for k in found.singletons) == [
        "z_fisheries.txt",
        "z_libraries.txt",
        "z_roads.txt",
    ]
    assert all(score >= found.threshold for score in family.scores)


def test_the_base_is_the_earliest_letter_and_the_variants_follow_in_date_order(campaign):
    _, letters, _, found = campaign
    by_key = {x.key: x for x in letters}
    family = found.families[0]
    dates = [by_key[k].date for k in family.keys]
    assert dates[0] == "2021-05-03"
    assert dates[1:] == sorted(dates[1:])
    assert dates.count("2021-05-03") == 2  # the tie: one is the base, the other a variant


def test_each_variant_changes_its_header_and_one_sentence(campaign):
    _, letters, index, found = campaign
    by_key = {x.key: x for x in letters}
    described = describe_family(found.families[0], by_key, index)
    for change in described.variants:
        assert change.against == found.families[0].base
        assert (change.changed, change.inserted, change.deleted, change.moved) == (1, 0, 0, 0)
        assert (change.words_added, change.words_removed) == (1, 1)  # the topic word
        assert {"recipient", "salutation"} <= set(change.metadata)


def test_lineage_compares_each_variant_with_the_one_before(campaign):
    _, letters, index, found = campaign
    by_key = {x.key: x for x in letters}
    family = found.families[0]
    described = describe_family(family, by_key, index, lineage=True)
    assert [c.against for c in described.variants] == list(family.keys[:-1])


def test_family_figures_do_not_depend_on_letters_outside_the_family(campaign, taxonomy):
    """Similarity in a family is fitted on its own letters: adding an unrelated letter to
    the corpus changes the corpus's idf, not the family's figures."""
    _, letters, index, found = campaign
    by_key = {x.key: x for x in letters}
    before = describe_family(found.families[0], by_key, index).variants
    fewer = [x for x in letters if x.source != "z_roads.txt"]
    after = describe_family(found.families[0], by_key, fit_letters(fewer)).variants
    assert before == after


# ---------------------------------------------------------------- the rule, on crafted scores


def test_a_chain_of_near_duplicates_is_not_one_family():
    """A ~ B and B ~ C but A and C are far apart: C starts a family of its own (here of one),
    since every variant must be a near-duplicate of its base."""
    found = group_families(
        ["a", "b", "c"],
        ["2020-01-01", "2020-02-01", "2020-03-01"],
        {(0, 1): 0.6, (1, 2): 0.6, (0, 2): 0.1},
        0.5,
    )
    assert [(f.base, f.variants) for f in found.families] == [("a", ("b",))]
    assert found.singletons == ("c",)


def test_a_letter_joins_the_base_it_is_most_like_among_the_earlier_ones():
    found = group_families(
        ["x", "y", "z"],
        ["2020-01-01", "2020-01-02", "2020-01-03"],
        {(0, 1): 0.2, (0, 2): 0.6, (1, 2): 0.9},
        0.5,
    )
    assert [(f.base, f.variants) for f in found.families] == [("y", ("z",))]
    assert found.singletons == ("x",)


def test_undated_letters_get_the_base_the_others_are_closest_to():
    found = group_families(
        ["p", "q", "r"],
        [None, None, None],
        {(0, 1): 0.55, (0, 2): 0.52, (1, 2): 0.9},
        0.5,
    )
    # q: mean (0.55 + 0.9) / 2 beats r's (0.52 + 0.9) / 2 and p's (0.55 + 0.52) / 2
    assert [(f.base, f.variants) for f in found.families] == [("q", ("p", "r"))]


def test_a_dated_letter_comes_before_undated_ones_as_base():
    found = group_families(["u", "d"], [None, "2019-05-01"], {(0, 1): 0.8}, 0.5)
    assert found.families[0].base == "d"
    assert found.families[0].variants == ("u",)


def test_bad_input_is_refused():
    with pytest.raises(ValueError, match="keys"):
        group_families(["a"], [], {}, 0.5)
    with pytest.raises(ValueError, match="unique"):
        group_families(["a", "a"], [None, None], {}, 0.5)
    with pytest.raises(ValueError, match="threshold"):
        group_families(["a"], [None], {}, 0.0)


@st.composite
def scored_letters(draw):
    count = draw(st.integers(min_value=1, max_value=9))
    dates = draw(
        st.lists(
            st.sampled_from([None, "2020-01-01", "2020-06-01", "2021-01-01"]),
            min_size=count,
            max_size=count,
        )
    )
    scores = {
        (i, j): draw(st.sampled_from([0.0, 0.2, 0.49, 0.5, 0.7, 0.95]))
        for i in range(count)
        for j in range(i + 1, count)
    }
    return [f"k{n}" for n in range(count)], dates, scores


def _date(value):
    return (value is None, value or "")


@settings(max_examples=200, deadline=None)
@given(scored_letters())
def test_families_partition_the_letters_around_near_duplicate_bases(case):
    keys, dates, scores = case
    found = group_families(keys, dates, scores, 0.5)
    placed = [k for f in found.families for k in f.keys] + list(found.singletons)
    assert sorted(placed) == sorted(keys)  # every letter exactly once
    position = {k: n for n, k in enumerate(keys)}

    def score(a, b):
        i, j = sorted((position[a], position[b]))
        return scores.get((i, j), 0.0)

    bases = [f.base for f in found.families]
    for family in found.families:
        assert family.variants and len(family.scores) == len(family.variants)
        for variant, value in zip(family.variants, family.scores, strict=True):
            assert score(family.base, variant) == value >= 0.5
            assert _date(dates[position[family.base]]) <= _date(dates[position[variant]])
        variant_dates = [_date(dates[position[v]]) for v in family.variants]
        assert variant_dates == sorted(variant_dates)
    for a in bases:
        assert all(score(a, b) < 0.5 for b in bases if b != a)  # no two bases are near-dupes
    sizes = [len(f) for f in found.families]
    assert sizes == sorted(sizes, reverse=True)


# ---------------------------------------------------------------- the command


def test_families_json_follows_the_documented_schema(campaign):
    folder = campaign[0]
    result = CliRunner().invoke(cli, ["--corpus", str(folder), "families", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert set(data) == {"threshold", "lineage", "letters", "families", "singletons"}
    assert (data["threshold"], data["lineage"], data["letters"]) == (0.5, False, 15)
    (family,) = data["families"]
    assert set(family) == {"name", "size", "base", "variants"}
    assert family["size"] == 12 and len(family["variants"]) == 11
    assert family["name"] == f"family-{family['base']['key']}"
    letter_fields = {"key", "source", "part", "date", "recipient", "salutation"}
    assert set(family["base"]) == letter_fields
    variant = family["variants"][0]
    assert set(variant) == letter_fields | {
        "score",
        "against",
        "similarity",
        "paragraphs",
        "words_added",
        "words_removed",
        "metadata",
        "signatories_joined",
        "signatories_left",
    }
    assert set(variant["paragraphs"]) == {"equal", "changed", "inserted", "deleted", "moved"}
    assert variant["against"] == family["base"]["key"]
    assert [v["date"] for v in family["variants"]] == sorted(v["date"] for v in family["variants"])
    assert len(data["singletons"]) == 3 and set(data["singletons"][0]) == letter_fields


def test_families_table_fits_80_columns_and_counts_singletons_unless_all(campaign):
    folder = campaign[0]
    result = CliRunner().invoke(cli, ["--corpus", str(folder), "families"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert max(len(line) for line in lines) <= 80
    assert "1 family of 12 letters" in result.output
    assert "3 letters in no family (--all lists them)" in result.output
    assert "z_roads" not in result.output and "the-mayor" not in result.output
    shown = CliRunner().invoke(cli, ["--corpus", str(folder), "families", "--all"])
    assert max(len(line) for line in shown.output.splitlines()) <= 80
    assert shown.output.count("the-mayor") == 3  # the three singletons' keys


def test_families_lineage_table_names_the_letter_compared_with(campaign):
    folder = campaign[0]
    result = CliRunner().invoke(cli, ["--corpus", str(folder), "families", "--lineage"])
    assert result.exit_code == 0, result.output
    assert "against the previous" in result.output
    assert max(len(line) for line in result.output.splitlines()) <= 80


def test_a_corpus_without_near_duplicates_has_no_family(tmp_path):
    for name in ("libraries", "roads"):
        write_single(tmp_path, name, f"{name}.txt")
    result = CliRunner().invoke(cli, ["--corpus", str(tmp_path), "families", "--json"])
    data = json.loads(result.output)
    assert data["families"] == [] and len(data["singletons"]) == 2


def test_the_seeds_have_one_family_the_letter_of_the_same_day(seeds_corpus):
    letters = list(seeds_corpus.letters)
    found = find_families(letters, fit_letters(letters))
    (family,) = found.families
    assert family.keys == ("2020-10-14-un-general-assembly", "2020-10-14-josep-borrell-fontelles")
    assert len(found.singletons) == 4


def test_an_index_of_other_letters_is_refused(campaign):
    _, letters, index, _ = campaign
    with pytest.raises(ValueError, match="other letters"):
        find_families(letters[:3], index)


def test_written_campaign_files_are_what_the_tests_assume(campaign):
    folder = campaign[0]
    assert len(list(Path(folder).glob("*.txt"))) == 15
