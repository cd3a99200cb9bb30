"""Terminal output fits the terminal: tables keep whole headers and readable numbers, leave
columns out by priority (and say so on stderr), and piped output is 80 columns wide."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len

from compare.cli import cli
from compare.terminal import (
    Column,
    break_id,
    cut_to,
    fit_columns,
    header_word,
    natural_width,
    table_width,
)
from compare.views import LETTER_COLUMNS

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
PAIR_HEADERS = ("score", "a", "b", "near-dup", "shared terms")


def run(*args: str, columns: int | None = 80):
    env = {"COLUMNS": str(columns) if columns else None}
    return CliRunner().invoke(cli, ["--corpus", str(SEEDS), *args], env=env)


def header_line(output: str, first: str) -> str:
    return next(line for line in output.splitlines() if line.startswith(first + " "))


def note_of(stderr: str) -> str:
    """A note on stderr as one line (it is wrapped at 80 columns, later lines indented)."""
    lines = stderr.splitlines()
    assert all(cell_len(line) <= 80 for line in lines), lines
    assert all(line.startswith("  ") for line in lines[1:]), lines
    return " ".join(line.strip() for line in lines)


def headers_of(line: str) -> list[str]:
    """The headers of a table's header line (columns are 3 spaces apart or more)."""
    return re.split(r" {3,}", line.strip())


# --------------------------------------------------------------------------- layout


words = st.text(alphabet="abcdefgh-", min_size=1, max_size=14)
columns_strategy = st.lists(
    st.builds(
        Column,
        header=st.lists(st.text("xyz", min_size=1, max_size=9), min_size=1, max_size=2).map(
            " ".join
        ),
        kind=st.sampled_from(["number", "text", "id"]),
        priority=st.integers(0, 4),
        floor=st.integers(1, 30),
    ),
    min_size=1,
    max_size=7,
)


@given(columns_strategy, st.data(), st.integers(10, 200), st.booleans())
def test_a_layout_never_has_a_zero_width_column_a_broken_header_or_a_cut_number(
    columns, data, width, wide
):
    cell = st.lists(words, min_size=1, max_size=4).map(" ".join)
    rows = data.draw(st.lists(st.lists(cell, min_size=len(columns), max_size=len(columns))))
    layout = fit_columns(columns, rows, width, wide)
    kept = [(n, w) for n, w in enumerate(layout.widths) if w is not None]
    assert kept, "a table keeps at least its priority-0 columns, or its first"
    for n, w in kept:
        cells = [row[n] for row in rows]
        assert w >= max(1, header_word(columns[n]))
        if columns[n].kind == "number" or wide:
            assert w == natural_width(columns[n], cells)
    assert all(w is not None for c, w in zip(columns, layout.widths, strict=True) if not c.priority)
    assert layout.width == table_width([w for _, w in kept])
    if wide:
        assert not layout.left_out
    hard = [
        natural_width(c, [row[n] for row in rows]) if c.kind == "number" else header_word(c)
        for n, c in enumerate(columns)
        if c.priority == 0
    ]
    if hard and table_width(hard) <= width and not wide:
        assert layout.width <= width, "it fits whenever the columns that must stay can"


def test_columns_leave_by_priority_highest_number_first():
    columns = [
        Column("key", "id", priority=0),
        Column("count", "number", priority=1),
        Column("note", "text", priority=2, floor=10),
    ]
    rows = [["a-key-of-some-length", "12345", "a fairly long note of words"]]
    assert fit_columns(columns, rows, 200).left_out == ()
    # narrowest: key 12 (its floor), count 5, note 10, and 3 between columns: 33
    assert fit_columns(columns, rows, 33).left_out == ()
    assert fit_columns(columns, rows, 32).left_out == ("note",)
    assert fit_columns(columns, rows, 19).left_out == ("count", "note")
    assert fit_columns(columns, rows, 19).widths == (19, None, None)
    assert fit_columns(columns, rows, 19, wide=True).left_out == ()


def test_a_narrow_column_left_out_for_a_wide_one_comes_back_when_it_fits():
    columns = [
        Column("key", "id", priority=0),
        Column("terms", "text", priority=1, floor=30),
        Column("flag", "number", priority=2),
    ]
    rows = [["a-key", "many terms " * 5, "yes"]]
    # all three: 5 + 30 + 4 + 2 * 3 = 45; key and terms: 38; key and flag: 12
    assert fit_columns(columns, rows, 44).left_out == ("flag",)
    assert fit_columns(columns, rows, 20).left_out == ("terms",)
    assert fit_columns(columns, rows, 20).widths == (5, None, 4)


def test_an_identifier_wraps_after_its_separators_and_reads_back_whole():
    key = "2022-12-05-un-security-council-member-states"
    lines = break_id(key, 20).split("\n")
    assert lines == ["2022-12-05-un-", "security-council-", "member-states"]
    assert "".join(lines) == key
    assert break_id("abcdefghij", 4).split("\n") == ["abcd", "efgh", "ij"]


@given(
    st.text(st.characters(blacklist_categories=("Cc", "Cs")), min_size=1, max_size=60),
    st.integers(1, 40),
)
def test_break_id_keeps_every_character_within_the_width(text, width):
    lines = break_id(text, width).split("\n")
    assert "".join(lines) == text
    assert all(cell_len(line) <= max(width, 2) for line in lines)


def test_cut_to_marks_what_it_cut():
    assert cut_to("short", 10) == "short"
    assert cut_to("a longer line of text", 10) == "a longer…"
    assert cut_to("a longer line of text", 12) == "a longer…"  # never "a longer li…"
    assert cut_to("unbreakableword here", 8) == "unbreak…"  # a first word longer than all
    assert cell_len(cut_to("日本語のテキストです", 7)) <= 7


# --------------------------------------------------------------------------- commands


@pytest.mark.parametrize("columns", [80, 100, 120])
def test_letters_fits_the_terminal_with_whole_headers(columns):
    result = run("letters", columns=columns)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert max(cell_len(line.rstrip()) for line in lines) <= columns
    shown = headers_of(header_line(result.stdout, "key"))
    all_headers = [c.header for c in LETTER_COLUMNS]
    assert shown == [h for h in all_headers if h in shown]  # whole headers, in order
    assert {"key", "date", "¶", "asks", "signed"} <= set(shown)
    left_out = [h for h in all_headers if h not in shown]
    if left_out:
        note = note_of(result.stderr)
        assert note.startswith("compare-letters: note: left out " + ", ".join(left_out))
        assert "--wide" in note and "--json" in note
    else:
        assert result.stderr == ""
    for key in ("2014-11-10-un-member-states", "2018-06-06-chairman-kim-jong-un"):
        assert key in result.stdout
    assert "…" not in result.stdout


def test_letters_wide_shows_every_column_whole():
    result = run("letters", "--wide", columns=80)
    assert result.exit_code == 0
    assert headers_of(header_line(result.stdout, "ref")) == [c.header for c in LETTER_COLUMNS]
    assert "002_c0c9e79feab35893.txt#2" in result.stdout
    assert "UN Security Council Member States" in result.stdout
    assert result.stderr == ""


def test_piped_output_is_80_columns_wide_unless_columns_is_set():
    piped = run("letters", columns=None)
    assert max(cell_len(line.rstrip()) for line in piped.stdout.splitlines()) <= 80
    wider = run("letters", columns=200)
    assert "themes" in header_line(wider.stdout, "ref")
    assert wider.stderr == ""


@pytest.mark.parametrize("columns", [60, 80, 120])
def test_similarity_scores_are_always_whole(columns):
    result = run("similarity", columns=columns)
    assert result.exit_code == 0, result.output
    assert max(cell_len(line.rstrip()) for line in result.stdout.splitlines()) <= columns
    assert "…" not in result.stdout
    scores = re.findall(r"^(\d\.\d{3}) ", result.stdout, flags=re.MULTILINE)
    assert len(scores) == 15 and scores[0] == "0.882"  # the seeds pair, whole
    shown = headers_of(header_line(result.stdout, "score"))
    assert shown == [h for h in PAIR_HEADERS if h in shown] and shown[:3] == ["score", "a", "b"]


def test_similarity_at_80_columns_keeps_the_near_duplicate_flag_and_says_what_it_left_out():
    result = run("similarity", columns=80)
    assert headers_of(header_line(result.stdout, "score")) == ["score", "a", "b", "near-dup"]
    assert note_of(result.stderr) == (
        "compare-letters: note: left out shared terms to fit 80 columns; "
        "--wide or --json shows them"
    )
    wide = run("similarity", "--wide", columns=80)
    assert headers_of(header_line(wide.stdout, "score")) == list(PAIR_HEADERS)
    assert wide.stderr == ""


def test_a_matrix_too_wide_for_the_terminal_is_left_out_and_said():
    result = run("similarity", columns=40)
    assert "Similarity (TF-IDF cosine)" not in result.stdout
    assert "the matrix" in note_of(result.stderr)
    assert "Similarity (TF-IDF cosine)" in run("similarity", "--wide", columns=40).stdout


def test_lines_are_cut_to_the_width_and_the_cut_is_said():
    result = run("lines", "004_d01407f7be71f976.txt", columns=80)
    assert result.exit_code == 0
    assert max(cell_len(line) for line in result.stdout.splitlines()) <= 80
    note = note_of(result.stderr)
    assert re.fullmatch(
        r"compare-letters: note: cut \d+ lines? to fit 80 columns; "
        r"--wide or --json shows them whole",
        note,
    )
    wide = run("lines", "004_d01407f7be71f976.txt", "--wide", columns=80)
    assert max(cell_len(line) for line in wide.stdout.splitlines()) > 80
    assert wide.stderr == ""


@pytest.mark.parametrize(
    "args",
    [
        ("show", "003_078c1a36535d4093.txt"),
        ("check", str(SEEDS / "004_d01407f7be71f976.txt"), "--no-report"),
    ],
)
def test_text_views_wrap_at_the_terminal_width(args):
    result = run(*args, columns=60)
    assert result.exit_code == 0, result.output
    long = [line for line in result.stdout.splitlines() if cell_len(line) > 60]
    # only where a word (a URL) is too long for any line
    assert all(max(cell_len(word) for word in line.split()) > 60 - 14 for line in long), long


# --------------------------------------------------------------------------- 80 columns


KNOWN_HEADERS = {
    *(c.header for c in LETTER_COLUMNS),
    *PAIR_HEADERS,
    *("year", "verb", "to", "letter", "ask"),  # asks
    *("#", "date", "recipient", "salutation", "vs", "¶ c/i/d/m", "words", "sim"),  # families
    *(str(n) for n in range(1, 26)),  # the similarity matrix's letter numbers
}


def table_headers(output: str) -> list[list[str]]:
    """The headers of every table in ``output``: the line right above each rule."""
    lines = output.splitlines()
    return [
        headers_of(lines[n - 1])
        for n, line in enumerate(lines)
        if n and line.strip() and set(line.strip()) == {"─"}
    ]


@pytest.mark.parametrize(
    "args",
    [
        ("letters",),
        ("families",),
        ("families", "--all"),
        ("asks",),
        ("asks", "--all"),
        ("similarity",),
        ("check", str(SEEDS / "004_d01407f7be71f976.txt"), "--no-report"),
    ],
)
def test_at_80_columns_every_line_fits_and_every_header_is_whole(args):
    result = run(*args, columns=80)
    assert result.exit_code == 0, result.output
    assert max(cell_len(line.rstrip()) for line in result.stdout.splitlines()) <= 80
    assert all(cell_len(line) <= 80 for line in result.stderr.splitlines()), result.stderr
    for headers in table_headers(result.stdout):
        # a header broken over two lines ("rec", "ipi", "ent") would leave a piece here
        assert set(headers) <= KNOWN_HEADERS, headers


def test_a_long_note_is_wrapped_at_80_columns_and_never_breaks_a_word():
    from compare.terminal import stderr_note

    text = "left out " + ", ".join(f"column-{n}" for n in range(20)) + " to fit 200 columns"
    for width in (200, 80, 60, 20):
        lines = stderr_note(text, width).splitlines()
        assert all(cell_len(line) <= max(40, min(width, 80)) for line in lines)
        assert " ".join(line.strip() for line in lines) == f"compare-letters: note: {text}"
    path = "/a/" + "very-long-folder-name/" * 6
    assert path in stderr_note(f"see {path}", 80).splitlines()[-1]
