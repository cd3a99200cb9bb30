"""The command line, through click's CliRunner: output, JSON, exit codes, one-line errors."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from messages import messages

from compare.cli import cli

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
README = Path(__file__).resolve().parent.parent / "README.md"
LETTER = (
    "Open letter to the Minister\n\n4 May 2021\n\nDear Minister,\n\n"
    "We urge you to act.\n\nSincerely,\n\nGroup A, Kenya\n"
)


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def run(runner: CliRunner, *args: str):
    return runner.invoke(cli, ["--corpus", str(SEEDS), *args])


def test_letters_json_lists_the_six_seed_letters_with_unique_keys(runner):
    result = run(runner, "letters", "--json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert len(rows) == 6
    assert len({row["key"] for row in rows}) == 6
    assert {row["ref"] for row in rows} >= {
        "002_c0c9e79feab35893.txt#1",
        "002_c0c9e79feab35893.txt#2",
        "004_d01407f7be71f976.txt",
    }
    assert set(rows[0]) == {
        "ref",
        "key",
        "date",
        "recipient",
        "paragraphs",
        "asks",
        "signatories",
        "themes",
    }


def test_letters_table_shows_keys_and_dates(runner):
    result = run(runner, "letters")
    assert result.exit_code == 0
    assert "2020-10-14-un-general-assembly" in result.output
    assert "2014-09-10" in result.output


@pytest.mark.parametrize("ref", ["2020-10-14-un-general-assembly", "002_c0c9e79feab35893.txt#1"])
def test_show_names_a_letter_by_key_or_file_and_part(runner, ref):
    result = run(runner, "show", ref, "--json")
    assert result.exit_code == 0, result.output
    letter = json.loads(result.output)
    assert (letter["source"], letter["part"]) == ("002_c0c9e79feab35893.txt", 1)


def test_show_by_file_when_the_file_holds_one_letter(runner):
    result = run(runner, "show", "004_d01407f7be71f976.txt")
    assert result.exit_code == 0
    assert "Dear Secretary Kerry," in result.output
    assert "Signatories (14)" in result.output


def test_show_a_path_outside_the_corpus(runner, tmp_path):
    path = tmp_path / "draft.txt"
    path.write_text(LETTER, encoding="utf-8")
    result = run(runner, "show", str(path), "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["recipient"] == "Minister"


@pytest.mark.parametrize(
    ("ref", "message"),
    [
        ("002_c0c9e79feab35893.txt", "holds 2 letters"),
        ("no-such-letter", "no letter with this key"),
        ("002_c0c9e79feab35893.txt#9", "not part 9"),
    ],
)
def test_unknown_or_ambiguous_ref_is_one_line_of_bad_input(runner, ref, message):
    result = run(runner, "show", ref)
    assert result.exit_code == 1
    assert len(messages(result.output)) == 1
    assert message in messages(result.output)[0]
    assert "Traceback" not in result.output


def test_parse_json_of_given_files_uses_the_paths_as_sources(runner, tmp_path):
    path = tmp_path / "one.txt"
    path.write_text(LETTER, encoding="utf-8")
    result = run(runner, "parse", str(path), "--json")
    assert result.exit_code == 0, result.output
    (letter,) = json.loads(result.output)
    assert letter["source"] == str(path)
    assert letter["key"] == "2021-05-04-minister"


def test_parse_json_has_every_documented_field(runner):
    result = run(runner, "parse", "--json")
    letters = json.loads(result.output)
    documented = {
        "key",
        "source",
        "part",
        "title",
        "subject",
        "date",
        "recipient",
        "recipient_block",
        "salutation",
        "paragraphs",
        "asks",
        "themes",
        "signatories",
        "claimed_signatories",
        "footnotes",
        "cc",
        "source_url",
        "warnings",
    }
    assert documented <= set(letters[0])
    assert set(letters[0]["signatories"][0]) == {"name", "key", "kind", "country", "affiliation"}
    assert set(letters[0]["asks"][0]) == {"text", "verb", "themes", "heading"}
    assert set(letters[0]["paragraphs"][0]) == {"kind", "text", "marker"}


@pytest.mark.parametrize(
    ("name", "content", "problem"),
    [
        ("missing.txt", None, "no such file"),
        ("empty.txt", b"", "empty file"),
        ("binary.txt", b"\x00\x01\x02\x00binary\x00", "binary"),
        ("letter.xyz", b"Dear Sir,", "unsupported file type"),
        ("chrome.txt", b"Home\nNews\nContact\n", "no letter found"),
    ],
)
def test_bad_input_file_is_a_one_line_error_naming_the_file(
    runner, tmp_path, name, content, problem
):
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    result = run(runner, "parse", str(path))
    assert result.exit_code == 1
    assert len(messages(result.output)) == 1
    line = messages(result.output)[0]
    assert name in line and problem in line
    assert "Traceback" not in result.output


def test_a_bad_file_in_the_corpus_is_reported_and_the_rest_still_load(runner, tmp_path):
    for seed in SEEDS.iterdir():
        shutil.copy(seed, tmp_path / seed.name)
    (tmp_path / "broken.txt").write_bytes(b"\x00\x00binary\x00")
    result = runner.invoke(cli, ["--corpus", str(tmp_path), "letters", "--json"])
    assert result.exit_code == 1  # not everything could be read
    assert "broken.txt" in result.stderr and "skipped" in result.stderr
    assert len(json.loads(result.stdout)) == 6


def test_a_missing_corpus_folder_is_a_one_line_error(runner, tmp_path):
    result = runner.invoke(cli, ["--corpus", str(tmp_path / "nope"), "letters"])
    assert result.exit_code == 1
    assert messages(result.output) == [
        f"compare-letters: error: {tmp_path / 'nope'}: no such folder"
    ]


def test_a_malformed_themes_file_is_a_one_line_error(runner, tmp_path):
    themes = tmp_path / "themes.toml"
    themes.write_text("[[theme]\nslug = ", encoding="utf-8")
    result = runner.invoke(cli, ["--corpus", str(SEEDS), "--themes", str(themes), "letters"])
    assert result.exit_code == 1
    assert "themes.toml" in result.output
    assert "Traceback" not in result.output


def test_custom_themes_replace_the_default_taxonomy(runner, tmp_path):
    themes = tmp_path / "themes.toml"
    themes.write_text(
        '[[theme]]\nslug = "prisons"\nlabel = "Prisons"\nphrases = ["prison"]\n', encoding="utf-8"
    )
    result = runner.invoke(
        cli, ["--corpus", str(SEEDS), "--themes", str(themes), "letters", "--json"]
    )
    rows = json.loads(result.output)
    assert {theme for row in rows for theme in row["themes"]} == {"prisons"}


def test_every_command_has_help_text_and_a_readme_entry(runner):
    readme = README.read_text(encoding="utf-8")
    for name, command in cli.commands.items():
        assert command.help, f"{name} has no help text"
        assert f"compare-letters {name}" in readme, f"{name} is not in the README"
        result = runner.invoke(cli, [name, "--help"])
        assert result.exit_code == 0


def test_letters_table_and_show_name_themes_by_label_json_by_slug(runner):
    wide = runner.invoke(cli, ["--corpus", str(SEEDS), "letters", "--wide"])
    assert wide.exit_code == 0, wide.output
    assert "Accountability and justice" in wide.output
    assert "accountability, security-council" not in wide.output
    data = json.loads(runner.invoke(cli, ["--corpus", str(SEEDS), "letters", "--json"]).output)
    assert any("security-council" in row["themes"] for row in data)
