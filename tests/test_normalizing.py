"""What the comparison ignores reaches every layer: alignment, word diff, word counts, summary,
JSON and report — for --ignore-case, --ignore-punctuation and --equivalences alike."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from messages import messages

from compare.alignment import NormalizeOptions, align_paragraphs
from compare.cli import cli
from compare.comparison import compare_letters, letter_diff_json
from compare.corpus import load_corpus
from compare.equivalences import load_equivalences, parse_equivalences
from compare.errors import DataFileError
from compare.normalizing import comparable, normalize, units
from compare.worddiff import count_words, rebuild, word_diff

CASE_A = "We urge the member states to protect migrants, refugees and asylum seekers."
CASE_B = "We urge the Member States to protect migrants, refugees and asylum seekers."
PUNCT_A = "Rights-based aid, now: the Council must act!"
PUNCT_B = "Rights based aid now the Council must act"
EQUIV_A = "The UN Member States pledged 16 new shelters."
EQUIV_B = "The EU Member\nStates pledged sixteen new shelters."
EQUIVALENCES = "# agreed terms\n\nUN Member States = EU Member States\n16 = sixteen\n"


def letter_file(body: str) -> str:
    return f"Dear Ministers,\n\n{body}\n\nWe thank you for your attention.\n\nSincerely,\n"


def corpus(tmp_path: Path, a: str, b: str) -> Path:
    folder = tmp_path / "letters"
    folder.mkdir(exist_ok=True)
    (folder / "a.txt").write_text(letter_file(a), encoding="utf-8")
    (folder / "b.txt").write_text(letter_file(b), encoding="utf-8")
    return folder


def run(folder: Path, *args: str):
    return CliRunner().invoke(cli, ["--corpus", str(folder), "--no-cache", *args])


def diff_json(folder: Path, *options: str) -> dict:
    result = run(folder, "diff", "a.txt", "b.txt", "--json", *options)
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def all_equal(data: dict) -> bool:
    return all(op == "=" for block in data["blocks"] for op, _ in block["diff"])


# ----------------------------------------------------------------------------- the library


@pytest.mark.parametrize(
    ("a", "b", "options"),
    [
        (CASE_A, CASE_B, NormalizeOptions(ignore_case=True)),
        (PUNCT_A, PUNCT_B, NormalizeOptions(ignore_punctuation=True)),
        (
            EQUIV_A,
            EQUIV_B,
            NormalizeOptions(equivalences=parse_equivalences(EQUIVALENCES, "terms.txt")),
        ),
    ],
)
def test_an_ignored_difference_is_no_edit_in_any_layer(a, b, options, tmp_path, taxonomy):
    plain = align_paragraphs([a], [b])
    assert [block.op for block in plain.blocks] == ["changed"]
    assert any(op != "=" for op, _ in plain.blocks[0].diff)

    (block,) = align_paragraphs([a], [b], options).blocks
    assert block.op == "equal"
    assert block.diff == (("=", b),)  # B's text for the spans that differ in ignored things
    assert count_words(word_diff(a, b, options=options)) == (0, 0)

    letters = load_corpus(corpus(tmp_path, a, b), taxonomy).letters
    diff = compare_letters(letters[0], letters[1], options)
    assert (diff.words_added, diff.words_removed) == (0, 0)
    assert diff.alignment.counts()["changed"] == 0
    assert letter_diff_json(diff)["options"] == options.to_json()


def test_without_options_the_same_letters_differ(tmp_path, taxonomy):
    letters = load_corpus(corpus(tmp_path, CASE_A, CASE_B), taxonomy).letters
    diff = compare_letters(letters[0], letters[1])
    assert (diff.words_added, diff.words_removed) == (2, 2)
    assert ("-", "member states") in diff.alignment.blocks[0].diff


def test_ignoring_punctuation_cuts_words_at_apostrophes_as_normalize_does():
    options = NormalizeOptions(ignore_punctuation=True)
    assert normalize("don't", options) == normalize("don t", options) == "don t"
    assert word_diff("don't", "don t", options=options) == [("=", "don t")]
    assert word_diff("the end.", "the end", options=options) == [("=", "the end")]


def test_white_space_and_punctuation_at_the_ends_are_no_edit():
    options = NormalizeOptions(ignore_punctuation=True)
    assert word_diff("é中", "é¿", options=options) == [("=", "é"), ("-", "中"), ("=", "¿")]
    assert word_diff("  ", "") == [] and word_diff("", "  ") == [("=", "  ")]


# ----------------------------------------------------------------------------- equivalences


def test_equivalences_match_whole_words_under_the_other_options():
    groups = parse_equivalences("16 = sixteen\nUN Member States = EU Member States", "t")
    options = NormalizeOptions(equivalences=groups)
    assert comparable("16 states", options) == comparable("sixteen states", options)
    assert comparable("160 states", options) != comparable("sixteen0 states", options)
    assert word_diff("160 states", "sixteen states", options=options)[0] == ("-", "160")
    # case counts unless it is ignored
    assert word_diff("Sixteen", "16", options=options) == [("-", "Sixteen"), ("+", "16")]
    ignoring = NormalizeOptions(ignore_case=True, equivalences=groups)
    assert word_diff("Sixteen", "16", options=ignoring) == [("=", "16")]
    assert word_diff("un member states", "EU Member States", options=ignoring) == [
        ("=", "EU Member States")
    ]
    # any white space where the phrase has a space; the phrase is one unit
    (unit,) = units("UN  Member\nStates", options)
    assert unit.text == "UN  Member\nStates"


def test_equivalence_groups_sharing_a_phrase_are_one_group():
    groups = parse_equivalences("16 = sixteen\nsixteen = XVI", "t")
    options = NormalizeOptions(equivalences=groups)
    assert normalize("XVI days", options) == normalize("16 days", options) == "16 days"
    assert word_diff("XVI days", "16 days", options=options) == [("=", "16 days")]


def test_the_longest_phrase_wins():
    groups = parse_equivalences("States = countries\nMember States = members", "t")
    options = NormalizeOptions(equivalences=groups)
    assert word_diff("the Member States", "the members", options=options) == [("=", "the members")]


def test_parse_equivalences_skips_comments_and_blank_lines():
    groups = parse_equivalences("# terms\n\n  a = b  \n x y = z = w\n", "terms.txt")
    assert groups == (("a", "b"), ("x y", "z", "w"))


@pytest.mark.parametrize("line", ["just words", "= b", "a =", "a = = b", "a == b"])
def test_a_malformed_equivalence_line_names_the_file_and_line(line):
    with pytest.raises(DataFileError) as caught:
        parse_equivalences(f"# ok\nx = y\n{line}\n", "terms.txt")
    assert str(caught.value).startswith("terms.txt: line 3: expected")
    assert "\n" not in str(caught.value)


def test_an_unreadable_equivalence_file_is_a_data_file_error(tmp_path):
    with pytest.raises(DataFileError, match="missing.txt"):
        load_equivalences(tmp_path / "missing.txt")
    latin = tmp_path / "latin.txt"
    latin.write_bytes("caf\xe9 = cafe".encode("latin-1"))
    with pytest.raises(DataFileError, match="not UTF-8"):
        load_equivalences(latin)


def test_options_say_what_they_ignore():
    assert NormalizeOptions().ignored() == ""
    options = NormalizeOptions(
        True, True, (("UN Member States", "EU Member States"), ("16", "sixteen"))
    )
    assert options.ignored() == (
        "case, punctuation; equivalences: UN Member States = EU Member States, 16 = sixteen"
    )
    assert NormalizeOptions(equivalences=(("a", "b"),)).ignored() == "equivalences: a = b"
    assert options.to_json() == {
        "ignore_case": True,
        "ignore_punctuation": True,
        "equivalences": [["UN Member States", "EU Member States"], ["16", "sixteen"]],
    }


# ----------------------------------------------------------------------------- the CLI


def test_diff_json_ignore_case_is_all_equal_with_no_words_counted(tmp_path):
    folder = corpus(tmp_path, CASE_A, CASE_B)
    before = diff_json(folder)
    assert (before["words_added"], before["words_removed"]) == (2, 2)
    assert before["options"] == {
        "ignore_case": False,
        "ignore_punctuation": False,
        "equivalences": [],
    }
    after = diff_json(folder, "--ignore-case")
    assert (after["words_added"], after["words_removed"]) == (0, 0)
    assert after["counts"]["changed"] == 0 and all_equal(after)
    assert after["options"]["ignore_case"] is True


def test_diff_json_ignore_punctuation_is_all_equal_with_no_words_counted(tmp_path):
    folder = corpus(tmp_path, PUNCT_A, PUNCT_B)
    assert diff_json(folder)["counts"]["changed"] == 1
    after = diff_json(folder, "--ignore-punctuation")
    assert (after["words_added"], after["words_removed"]) == (0, 0)
    assert after["counts"]["changed"] == 0 and all_equal(after)


def test_diff_with_an_equivalence_file_applies_and_lists_it(tmp_path):
    folder = corpus(tmp_path, EQUIV_A, EQUIV_B)
    terms = tmp_path / "terms.txt"
    terms.write_text(EQUIVALENCES, encoding="utf-8")
    data = diff_json(folder, "--equivalences", str(terms))
    assert (data["words_added"], data["words_removed"]) == (0, 0) and all_equal(data)
    assert data["options"]["equivalences"] == [
        ["UN Member States", "EU Member States"],
        ["16", "sixteen"],
    ]
    text = run(folder, "diff", "a.txt", "b.txt", "--equivalences", str(terms), "--ignore-case")
    assert text.exit_code == 0, text.output
    assert (
        "ignored: case; equivalences: UN Member States = EU Member States, 16 = sixteen"
        in text.output
    )
    assert "words: +0 -0" in text.output
    assert "ignored:" not in run(folder, "diff", "a.txt", "b.txt").output


def test_report_pair_takes_the_options_and_lists_them(tmp_path):
    folder = corpus(tmp_path, EQUIV_A, EQUIV_B)
    terms = tmp_path / "terms.txt"
    terms.write_text(EQUIVALENCES, encoding="utf-8")
    target = tmp_path / "pair.html"
    result = run(
        folder,
        "report",
        "pair",
        "a.txt",
        "b.txt",
        "--format",
        "html",
        "-o",
        str(target),
        "--ignore-case",
        "--ignore-punctuation",
        "--equivalences",
        str(terms),
    )
    assert result.exit_code == 0, result.output
    html = target.read_text(encoding="utf-8")
    assert (
        "Ignored: case, punctuation; equivalences: UN Member States = EU Member States, "
        "16 = sixteen" in html
    )
    assert "<b>0</b> added" in html and "<b>0</b> removed" in html
    plain = tmp_path / "plain.html"
    run(folder, "report", "pair", "a.txt", "b.txt", "--format", "html", "-o", str(plain))
    assert "Ignored:" not in plain.read_text(encoding="utf-8")


@pytest.mark.parametrize("command", [["diff"], ["report", "pair"]])
def test_a_malformed_equivalence_file_is_a_one_line_error(tmp_path, command):
    folder = corpus(tmp_path, EQUIV_A, EQUIV_B)
    terms = tmp_path / "terms.txt"
    terms.write_text("UN Member States = EU Member States\nUN Member\n", encoding="utf-8")
    result = run(folder, *command, "a.txt", "b.txt", "--equivalences", str(terms))
    assert result.exit_code == 1
    assert messages(result.output) == [
        f"compare-letters: error: {terms}: line 2: expected \"phrase = phrase\", got 'UN Member'"
    ]
    assert "Traceback" not in result.output


def test_a_missing_equivalence_file_is_a_one_line_error(tmp_path):
    folder = corpus(tmp_path, EQUIV_A, EQUIV_B)
    result = run(folder, "diff", "a.txt", "b.txt", "--equivalences", str(tmp_path / "no.txt"))
    assert result.exit_code == 1
    assert len(messages(result.output)) == 1 and "no.txt" in result.output


# ----------------------------------------------------------------------------- invariants


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=120))
def test_ignore_case_finds_no_edit_between_a_text_and_its_upper_case(text):
    options = NormalizeOptions(ignore_case=True)
    spans = word_diff(text, text.upper(), options=options)
    assert all(op == "=" for op, _ in spans)
    assert rebuild(spans, "b") == text.upper()
    (block,) = align_paragraphs([text or "x"], [(text or "x").upper()], options).blocks
    assert block.op == "equal"


PIECES = [
    "a", "B", "é", "e\u0301", "ß", "SS", "Ω", "Я", "中", "文", "か", "ที่", "क्षि", "각", "مُ",
    "👍🏽", " ", "  ", "\t", ",", ".", "'", "’", "-", "—", "!", "1", "\u00ad", "\ufb01", "“",
]  # fmt: skip
text_of_pieces = st.lists(st.sampled_from(PIECES), max_size=25).map("".join)
"""One paragraph (no line breaks: a paragraph break is an edit of the word diff, which
shows merged paragraphs, though no difference to normalize)."""


@settings(max_examples=300, deadline=None)
@given(text_of_pieces, text_of_pieces, st.booleans(), st.booleans())
def test_texts_normalise_alike_exactly_when_their_diff_has_no_edit(a, b, case, punctuation):
    options = NormalizeOptions(ignore_case=case, ignore_punctuation=punctuation)
    same = normalize(a, options) == normalize(b, options)
    assert same == all(op == "=" for op, _ in word_diff(a, b, options=options))


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=80), text_of_pieces), st.booleans(), st.booleans())
def test_units_join_to_the_text_and_white_space_counts_only_inside(text, case, punctuation):
    options = NormalizeOptions(ignore_case=case, ignore_punctuation=punctuation)
    cut = units(text, options)
    assert "".join(unit.text for unit in cut) == text
    spaces = [unit.key in (" ", "\n\n") for unit in cut]
    assert not any(x and y for x, y in zip(spaces, spaces[1:], strict=False))
    assert all(unit.key for unit in cut[1:-1])
