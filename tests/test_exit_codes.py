"""The same mistake gets the same answer in every command: one line on stderr, no traceback,
exit 1 for bad input (a missing, empty or unreadable file, an unknown letter, a corpus without
letters) and exit 2 for usage (an unknown option, a missing or extra argument)."""

from __future__ import annotations

import json
from pathlib import Path

import click
import pytest
from click.testing import CliRunner
from messages import messages

from compare.cli import cli

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
KEY = "2020-10-14-un-general-assembly"
LETTER = (
    "Open letter to the Minister\n\n4 May 2021\n\nDear Minister,\n\n"
    "We urge you to act.\n\nSincerely,\n\nGroup A, Kenya\n"
)

# Per command: how to call it with {bad} standing for a bad letter file or reference, and
# {out} for an output path. Commands that take no letter get a bad corpus folder instead.
CALLS: dict[str, list[str]] = {
    "letters": ["--corpus", "{bad}", "letters"],
    "show": ["show", "{bad}"],
    "lines": ["lines", "{bad}"],
    "parse": ["parse", "{bad}"],
    "diff": ["diff", "{bad}", KEY],
    "similarity": ["--corpus", "{bad}", "similarity"],
    "report pair": ["report", "pair", KEY, "{bad}", "--format", "html", "-o", "{out}"],
    "report corpus": ["--corpus", "{bad}", "report", "corpus", "--format", "html", "-o", "{out}"],
    "batch": ["--corpus", "{bad}", "batch", "--out", "{out}"],
    "check": ["check", "{bad}", "--no-report"],
    "train": ["train", "{bad}"],
    "families": ["--corpus", "{bad}", "families"],
    "asks": ["--corpus", "{bad}", "asks"],
    "index": ["--corpus", "{bad}", "index"],
}
TAKES_A_FOLDER = {
    "letters",
    "similarity",
    "report corpus",
    "batch",
    "train",
    "families",
    "asks",
    "index",
}
# Commands that read the corpus, and how to call them on a corpus folder {corpus}.
CORPUS_CALLS: dict[str, list[str]] = {
    "letters": ["letters"],
    "similarity": ["similarity"],
    "parse": ["parse"],
    "report corpus": ["report", "corpus", "--format", "html", "-o", "{out}"],
    "batch": ["batch", "--out", "{out}"],
    "check": ["check", "{draft}", "--no-report"],
    "families": ["families"],
    "asks": ["asks"],
    "index": ["index"],
}


def command_names(group: click.Group = cli, prefix: str = "") -> set[str]:
    names = set()
    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            names |= command_names(command, f"{prefix}{name} ")
        else:
            names.add(prefix + name)
    return names


def present(name: str) -> None:
    if name not in command_names():
        pytest.skip(f"no {name} command on this branch")


def invoke(args: list[str], **values: str):
    args = [arg.format(**values) for arg in args]
    if args[0] != "--corpus":
        args = ["--corpus", str(SEEDS), *args]
    return CliRunner().invoke(cli, args)


def assert_one_line_of_bad_input(result, *words: str) -> None:
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    lines = result.stderr.strip().splitlines()
    assert lines and lines[0].startswith("compare-letters: error: "), result.stderr
    assert all(line.startswith("  ") for line in lines[1:]), result.stderr  # one message
    message = " ".join(line.strip() for line in lines)
    assert all(word in message for word in words), message


def test_every_command_is_in_the_matrix():
    assert command_names() <= set(CALLS), command_names() - set(CALLS)
    corpus_commands = command_names() - {"show", "lines", "diff", "report pair", "train"}
    assert corpus_commands <= set(CORPUS_CALLS)


@pytest.mark.parametrize("name", sorted(CALLS))
def test_a_missing_file_or_folder_is_bad_input(name, tmp_path):
    present(name)
    missing = tmp_path / ("no-such-folder" if name in TAKES_A_FOLDER else "no-such-letter.txt")
    result = invoke(CALLS[name], bad=str(missing), out=str(tmp_path / "out"))
    assert_one_line_of_bad_input(result, missing.name)
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("name", sorted(set(CALLS) - TAKES_A_FOLDER))
def test_an_empty_file_is_bad_input(name, tmp_path):
    present(name)
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = invoke(CALLS[name], bad=str(empty), out=str(tmp_path / "out"))
    assert_one_line_of_bad_input(result, "empty.txt", "empty file")


@pytest.mark.parametrize("name", ["show", "lines", "diff", "report pair"])
def test_an_unknown_letter_reference_is_bad_input(name, tmp_path):
    result = invoke(CALLS[name], bad="no-such-key", out=str(tmp_path / "out"))
    assert_one_line_of_bad_input(result, "no-such-key", "no letter with this key")


@pytest.mark.parametrize("name", sorted(CALLS))
def test_an_unknown_option_is_a_usage_error(name, tmp_path):
    present(name)
    args = [*CALLS[name], "--no-such-option"]
    result = invoke(args, bad=str(SEEDS), out=str(tmp_path / "out"))
    assert result.exit_code == 2, result.output
    assert_one_usage_message(result, "No such option", "--no-such-option")


@pytest.mark.parametrize("name", sorted(CALLS))
def test_a_missing_or_extra_argument_is_a_usage_error(name, tmp_path):
    present(name)
    if name in {"letters", "similarity", "report corpus", "batch", "families"}:
        args = [*CALLS[name][2:], "surplus"]  # on the seeds, with one argument too many
    elif name == "parse":
        pytest.skip("parse takes any number of files")
    else:
        args = [arg for arg in CALLS[name] if arg != "{bad}"]  # the letter left out
    result = invoke(args, out=str(tmp_path / "out"))
    assert result.exit_code == 2, result.output
    assert_one_usage_message(result)


def assert_one_usage_message(result, *words: str) -> None:
    """A usage error is the documented one message ``compare-letters: error: …`` (README,
    "Errors"), not Click's "Usage: / Try / Error:" block."""
    found = messages(result.stderr)
    assert len(found) == 1, result.stderr
    assert found[0].startswith("compare-letters: error: "), result.stderr
    assert "Usage:" not in result.stderr and "Traceback" not in result.output
    for word in words:
        assert word in found[0]


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--bogus"], ["--bogus"]),
        (["similarity", "--top", "5", "--all"], ["--top and --all exclude each other"]),
        (["index", "--no-cache"], ["index", "global option", "--no-cache index"]),
        (["show"], ["show", "REF"]),
        (["report", "pair", "a"], ["report pair", "REF_B"]),
        (["--scheduler", "tcp://x:1", "letters"], ["--engine dask"]),
        (["similarity", "--top", "0"], ["--top"]),
    ],
)
def test_a_usage_error_is_one_message_naming_the_command(args, words):
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 2, result.output
    assert_one_usage_message(result, *words)


@pytest.mark.parametrize(
    ("option", "value"), [("--model", "no-such-model.crfsuite"), ("--templates", "no-such-dir")]
)
def test_a_missing_file_given_to_an_option_is_bad_input(option, value, tmp_path):
    result = CliRunner().invoke(cli, [option, str(tmp_path / value), "letters"])
    assert_one_line_of_bad_input(result, value, "no such")


# --------------------------------------------------------------------------- empty corpus


@pytest.fixture(params=["no letter files", "every file fails"])
def empty_corpus(request, tmp_path) -> tuple[Path, str]:
    folder = tmp_path / "my-letters"
    folder.mkdir()
    (folder / "notes.jpg").write_bytes(b"\xff\xd8\xff")
    (folder / ".hidden.txt").write_text(LETTER, encoding="utf-8")
    if request.param == "no letter files":
        return folder, "holds no letter file"
    (folder / "blank.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02binary\x00")
    return folder, "no letter could be read from any of its 2 files"


@pytest.mark.parametrize("name", sorted(CORPUS_CALLS))
@pytest.mark.parametrize("cache", ["--no-cache", "--cache"])
def test_a_corpus_without_letters_is_one_line_of_bad_input(name, cache, empty_corpus, tmp_path):
    present(name)
    if name == "index" and cache == "--no-cache":
        pytest.skip("index without a cache is a usage error (tests/test_store.py)")
    folder, problem = empty_corpus
    draft = tmp_path / "draft.txt"
    draft.write_text(LETTER, encoding="utf-8")
    cache_args = ["--cache", str(tmp_path / "cache")] if cache == "--cache" else [cache]
    args = [arg.format(out=tmp_path / "out", draft=draft) for arg in CORPUS_CALLS[name]]
    for _ in range(2):  # the second run meets what the first one cached
        result = CliRunner().invoke(cli, ["--corpus", str(folder), *cache_args, *args])
        assert_one_line_of_bad_input(result, str(folder), problem)
    assert not (tmp_path / "out").exists()


# --------------------------------------------------------------------------- partial reads


def test_parse_prints_what_it_could_read_and_names_the_rest(tmp_path):
    good, empty, missing = tmp_path / "good.txt", tmp_path / "empty.txt", tmp_path / "gone.txt"
    good.write_text(LETTER, encoding="utf-8")
    empty.write_bytes(b"")
    result = CliRunner().invoke(cli, ["parse", str(good), str(empty), str(missing)])
    assert result.exit_code == 1
    assert "We urge you to act." in result.stdout and "Group A" in result.stdout
    assert messages(result.stderr) == [
        f"compare-letters: error: {empty}: empty file",
        f"compare-letters: error: {missing}: no such file",
    ]
    as_json = CliRunner().invoke(cli, ["parse", str(good), str(empty), "--json"])
    assert as_json.exit_code == 1
    assert [letter["source"] for letter in json.loads(as_json.stdout)] == [str(good)]
    assert messages(as_json.stderr) == [f"compare-letters: error: {empty}: empty file"]


def test_letters_lists_what_it_could_read_and_exits_1_for_the_rest(tmp_path):
    (tmp_path / "a.txt").write_text(LETTER, encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"")
    result = CliRunner().invoke(cli, ["--corpus", str(tmp_path), "letters", "--json"])
    assert result.exit_code == 1
    assert [row["ref"] for row in json.loads(result.stdout)] == ["a.txt"]
    assert result.stderr == "compare-letters: warning: b.txt: empty file (skipped)\n"
