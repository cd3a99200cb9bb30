"""Letter-level comparison: metadata, signatories (renames), asks (verb ladder), and the
2020 pair of the seeds as the acceptance case."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from compare.cli import cli
from compare.comparison import ask_changes, compare_letters, signatory_changes, verb_change
from compare.models import Ask, Signatory
from compare.reading.signatories import signatory_key

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def org(name: str, country: str | None = None) -> Signatory:
    return Signatory(name=name, key=signatory_key(name), kind="organization", country=country)


def test_same_list_in_another_layout_is_no_change():
    a = [org("The Century Foundation (TCF)"), org("Human Rights Watch")]
    b = [org("Human Rights Watch", "United States"), org("Century Foundation")]
    changes = signatory_changes(a, b)
    assert not changes.changed
    assert len(changes.common) == 2


def test_near_identical_names_are_renames_not_leave_and_join():
    changes = signatory_changes([org("Stepping Stone"), org("No Fence")], [org("Stepping Stones")])
    assert [(r.a, r.b) for r in changes.renamed] == [("Stepping Stone", "Stepping Stones")]
    assert changes.only_a == ("No Fence",)
    assert changes.only_b == ()


def test_different_organisations_are_not_renames():
    changes = signatory_changes([org("No Chain")], [org("No Fence")])
    assert changes.renamed == ()
    assert (changes.only_a, changes.only_b) == (("No Chain",), ("No Fence",))


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("encourage", "urge", "escalated"),
        ("call on", "recommend", "softened"),
        ("urge", "urge", None),
        ("demand", "invite", "softened"),
        (None, "urge", None),
    ],
)
def test_verb_changes_follow_the_ladder(old, new, expected):
    assert verb_change(old, new) == expected


def test_asks_are_matched_reworded_new_and_dropped():
    a = [
        Ask("We encourage the Council to refer the situation to the Court.", "encourage"),
        Ask("We urge states to release all political prisoners now.", "urge"),
    ]
    b = [
        Ask("We urge the Council to refer the situation to the Court.", "urge"),
        Ask("We call on donors to fund food aid for every province.", "call on"),
    ]
    changes = ask_changes(a, b)
    assert [(c.status, c.verb_change) for c in changes] == [
        ("reworded", "escalated"),
        ("new", None),
        ("dropped", None),
    ]


@pytest.fixture(scope="module")
def pair_2020(seed_letters, seeds_corpus):
    return compare_letters(
        seed_letters["002#1"], seed_letters["002#2"], corpus=seeds_corpus.letters
    )


def test_2020_pair_is_mostly_equal_with_word_level_rewordings(pair_2020):
    counts = pair_2020.alignment.counts()
    assert counts["equal"] >= 8
    assert counts["inserted"] == counts["deleted"] == 0
    first = pair_2020.alignment.blocks[0]
    assert first.op == "changed"
    assert ("-", "UN General Assembly") in first.diff
    assert ("+", "European Union") in first.diff
    edits = [span for block in pair_2020.alignment.blocks for span in block.diff if span[0] != "="]
    assert ("-", "consistent") in edits and ("+", "unwavering") in edits


def test_2020_thank_you_paragraph_is_moved_across_the_closing(pair_2020):
    moved = [block for block in pair_2020.alignment.blocks if block.op == "moved"]
    assert len(moved) == 1
    assert moved[0].b.startswith("Thank you for your consideration")
    closing = next(b for b in pair_2020.alignment.blocks if b.b == "Sincerely,")
    assert closing.op == "equal"


def test_2020_signatories_laid_out_differently_show_no_change(pair_2020):
    assert not pair_2020.signatories.changed
    assert len(pair_2020.signatories.common) == 37


def test_2020_metadata_changes_are_title_and_recipient(pair_2020):
    assert [change.field for change in pair_2020.metadata] == ["title", "recipient"]


def diff_2020(*options: str):
    """``diff`` of the two 2020 letters through the CLI."""
    refs = ["2020-10-14-un-general-assembly", "002_c0c9e79feab35893.txt#2"]
    return CliRunner().invoke(cli, ["--corpus", str(SEEDS), "diff", *refs, *options])


def test_diff_json_follows_the_documented_schema():
    result = diff_2020("--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["a"] == {
        "key": "2020-10-14-un-general-assembly",
        "source": "002_c0c9e79feab35893.txt",
        "part": 1,
    }
    assert {"similarity", "blocks", "metadata", "signatories", "asks"} <= set(data)
    block = data["blocks"][0]
    assert {"op", "a", "b", "a_index", "b_index", "ratio", "diff"} <= set(block)
    assert {op for b in data["blocks"] for op, _ in b["diff"]} <= {"=", "-", "+"}
    assert set(data["signatories"]) == {"common", "only_a", "only_b", "renamed"}
    assert {"status", "a", "b", "verb_change"} <= set(data["asks"][0])


def test_diff_exit_code_is_1_when_letters_differ_and_0_when_not():
    runner = CliRunner()
    base = ["--corpus", str(SEEDS), "diff", "--exit-code"]
    differ = runner.invoke(cli, [*base, "000_478dbd4e249306b7.txt", "004_d01407f7be71f976.txt"])
    same = runner.invoke(cli, [*base, "000_478dbd4e249306b7.txt", "000_478dbd4e249306b7.txt"])
    without = runner.invoke(
        cli,
        ["--corpus", str(SEEDS), "diff", "000_478dbd4e249306b7.txt", "004_d01407f7be71f976.txt"],
    )
    assert (differ.exit_code, same.exit_code, without.exit_code) == (1, 0, 0)


def test_diff_plain_output_marks_insertions_and_deletions_visibly():
    result = diff_2020("--only-changes")
    flowing = " ".join(result.output.split())  # the view wraps lines
    assert "[-UN General Assembly-]{+European Union+}" in flowing
    assert "moved from a ¶18" in flowing
    assert "\x1b[" not in result.output
    assert "Signatories: no change (37 in both)" in result.output
    assert "= b ¶" not in result.output  # --only-changes leaves equal blocks out


def test_a_relaid_letter_is_no_difference(seed_letters):
    letter = seed_letters["004#1"]
    moved_list = dataclasses.replace(letter, signatories=tuple(reversed(letter.signatories)))
    assert not compare_letters(letter, moved_list).differs
