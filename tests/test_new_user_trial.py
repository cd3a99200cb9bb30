"""What a new user met running every README command at 80 columns: each behaviour as a kind,
on crafted letters and files made here."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from compare.cli import cli

LETTER = (
    "Open letter to the Minister\n\n4 May 2021\n\nDear Minister,\n\n"
    "We urge the ministry to release all detained journalists.\n\nSincerely,\n\n"
    "Group A, Kenya\n"
)
BROKEN_PDFS = {
    "no-header.pdf": b"not pdf at all\n",
    "no-eof.pdf": b"%PDF-1.4\n1 0 obj << >> endobj\n",
    "garbage-body.pdf": b"%PDF-1.7\n\x00\x01\x02 trailer << /Root 9 0 R >>\n%%EOF\n",
}


def invoke(*args: str, corpus: Path | None = None, columns: int = 80):
    head = ["--no-cache", "--jobs", "1"] + (["--corpus", str(corpus)] if corpus else [])
    return CliRunner().invoke(cli, [*head, *args], env={"COLUMNS": str(columns)})


def error_message(stderr: str) -> str:
    """The one error message on stderr, its wrapped lines joined; continuation lines are
    indented and every line fits 80 columns unless it is one word (a path) after the head."""
    lines = stderr.rstrip("\n").splitlines()
    assert lines and lines[0].startswith("compare-letters: error: "), stderr
    assert all(line.startswith("  ") for line in lines[1:]), lines
    for line in lines:
        assert len(line) <= 80 or len(line.removeprefix("compare-letters: error: ").split()) == 1
    return " ".join(line.strip() for line in lines)


# --------------------------------------------------------------------- broken PDFs


@pytest.mark.parametrize("name", sorted(BROKEN_PDFS))
@pytest.mark.parametrize("command", ["show", "parse", "check"])
def test_a_broken_pdf_gives_only_our_error_line(tmp_path, name, command):
    path = tmp_path / name
    path.write_bytes(BROKEN_PDFS[name])
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(LETTER)
    result = invoke(command, str(path), corpus=corpus)
    assert result.exit_code == 1
    assert error_message(result.stderr).endswith(f"{name}: not a valid PDF file")


def test_a_broken_pdf_in_a_corpus_folder_is_one_warning_and_no_library_noise(tmp_path):
    for name, content in BROKEN_PDFS.items():
        (tmp_path / name).write_bytes(content)
    (tmp_path / "a.txt").write_text(LETTER)
    result = invoke("letters", corpus=tmp_path)
    lines = result.stderr.splitlines()
    assert all(line.startswith(("compare-letters: ", "  ")) for line in lines), lines
    for name in BROKEN_PDFS:
        assert sum(name in line for line in lines) == 1, lines


# --------------------------------------------------------------------- errors at 80 columns


@pytest.mark.parametrize(
    "args",
    [
        ["show", "no-letter-has-a-key-like-this-one-anywhere-in-the-corpus-at-all"],
        ["diff", "a-key-that-names-nothing", "another-key-that-names-nothing-either"],
        ["show", "a.txt#7"],
    ],
)
def test_a_long_error_is_one_message_wrapped_at_80_columns(tmp_path, args):
    (tmp_path / "a.txt").write_text(LETTER)
    result = invoke(*args, corpus=tmp_path)
    assert result.exit_code == 1
    assert "compare-letters: error:" in error_message(result.stderr)


def test_an_error_after_a_long_path_keeps_the_path_whole_and_wraps_the_rest(tmp_path):
    deep = tmp_path.joinpath(*["a-rather-long-folder-name"] * 4)
    deep.mkdir(parents=True)
    letter = deep / "letter.xyz"
    letter.write_text(LETTER)
    result = invoke("show", str(letter))
    lines = result.stderr.splitlines()
    assert lines[0] == f"compare-letters: error: {letter}:"
    assert error_message(result.stderr).startswith(
        f"compare-letters: error: {letter}: unsupported file type"
    )


@pytest.mark.parametrize("command", ["show", "lines"])
def test_a_missing_path_or_a_folder_is_said_so_not_an_unknown_key(tmp_path, command):
    (tmp_path / "a.txt").write_text(LETTER)
    missing = tmp_path / "nope.txt"
    result = invoke(command, str(missing), corpus=tmp_path)
    assert result.exit_code == 1
    assert error_message(result.stderr) == f"compare-letters: error: {missing}: no such file"
    result = invoke(command, str(tmp_path), corpus=tmp_path)
    assert result.exit_code == 1
    assert (
        error_message(result.stderr)
        == f"compare-letters: error: {tmp_path}: is a folder, not a file"
    )
