"""What a new user sees at 80 columns: keys that break only after a hyphen, quotes shortened
between words, usage errors as one message, whole columns with --wide, list markers and
footnotes laid out as written, and output in a user's words (index, lines, letters,
similarity). Each test builds its own small corpus of crafted letters."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len

from compare.cli import cli
from compare.terminal import Column, break_id, cut_to, fit_columns

LONG_TO = "The Permanent Representatives of the Security Council Member States"
NOTES = (
    "^{i} A first note that runs on for long enough to wrap onto a second line of the "
    "terminal at eighty columns.\n"
    "^{ii} Short.\n"
    "^{iii} A third note, which is also long enough to need a second line of the "
    "terminal at eighty.\n"
    "^{iv} A fourth note that runs on for long enough to wrap onto a second line of the "
    "terminal too.\n"
)


def letter(title: str, date: str, to: str, body: str, extra: str = "", notes: str = "") -> str:
    return (
        f"{title}\n\n{date}\n\nTo: {to}\n\nDear Friends,\n\n{body}\n\n{extra}"
        "Sincerely,\n\nGroup A, Kenya\nGroup B, Ghana\n\n" + notes
    )


RIVERS = (
    "We urge you to protect the rivers of the northern provinces from the dredging works "
    "that began this spring.^{i} The rivers feed the farms of the valley.^{ii}"
)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Three letters with long keys (two near-duplicates), one of them with a numbered list
    and footnotes marked i to iv."""
    folder = tmp_path_factory.mktemp("trial")
    items = "1. Stop the dredging now.\n2. Publish the survey of the riverbeds.\n\n"
    (folder / "a.txt").write_text(
        letter(
            "Open letter on rivers",
            "4 May 2021",
            LONG_TO,
            RIVERS + " Many wells ran dry.^{iii} The fish are gone.^{iv}",
            items + "We thank you for your attention.\n\n",
            NOTES,
        ),
        encoding="utf-8",
    )
    (folder / "b.txt").write_text(
        letter(
            "Open letter on rivers",
            "5 May 2021",
            "Chairwoman Abcdefghijklmnop Wxyzabcdefghij of the Regional Development Council",
            RIVERS,
            items,
        ),
        encoding="utf-8",
    )
    (folder / "c.txt").write_text(
        letter(
            "Open letter on roads",
            "5 June 2022",
            "The Minister of Transport and Infrastructure of the Southern Districts",
            "We call on you to repair the roads of the southern districts before the rains "
            "come and the bridges over the rivers are washed away by the floods.",
        ),
        encoding="utf-8",
    )
    return folder


def run(folder: Path, *args: str, columns: int = 80):
    return CliRunner().invoke(
        cli, ["--no-cache", "--corpus", str(folder), *args], env={"COLUMNS": str(columns)}
    )


def column_cells(output: str, header: str, names: list[str]) -> list[str]:
    """The lines of one column of the table whose header line starts with ``header``,
    blank ones left out (cells start where their left-aligned header starts)."""
    lines = output.splitlines()
    at = next(n for n, line in enumerate(lines) if line.startswith(header + " "))
    starts = [lines[at].index(name) for name in names]
    cells = []
    for line in lines[at + 2 :]:
        if not line.strip() or line.startswith(("─", "¶", "compare-letters")):
            break
        cells.append([line[a:b].strip() for a, b in zip(starts, [*starts[1:], None], strict=True)])
    return [row for row in cells if any(row)]


def assert_keys_break_after_hyphens(pieces: list[str], keys: set[str]) -> None:
    """The lines of a key column rebuild whole keys, each line but a key's last ending in
    a hyphen: no key is broken inside a word or before a hyphen."""
    built = ""
    for piece in pieces:
        if not piece:
            continue
        assert not piece.startswith("-"), pieces
        built += piece
        if built in keys:
            built = ""
        else:
            assert piece.endswith("-"), (piece, pieces)
    assert built == "", pieces


def keys_of(folder: Path) -> set[str]:
    import json

    return {row["key"] for row in json.loads(run(folder, "letters", "--json").output)}


# --------------------------------------------------------------------------- 1. keys


def test_families_all_breaks_keys_only_after_a_hyphen(corpus):
    result = run(corpus, "families", "--all", "--threshold", "0.99")
    assert result.exit_code == 0, result.output
    assert max(cell_len(line) for line in result.output.splitlines()) <= 80
    rows = column_cells(result.output, "key", ["key", "date", "recipient"])
    assert_keys_break_after_hyphens([row[0] for row in rows], keys_of(corpus))
    recipients = " ".join(row[2] for row in rows)
    assert "Abcdefghijklmnop" in recipients.split()  # words of a text column stay whole


def test_similarity_key_columns_share_the_width_and_break_after_hyphens(corpus):
    result = run(corpus, "similarity")
    assert result.exit_code == 0, result.output
    rows = column_cells(result.output, "score", ["score", "a", "b", "near-dup"])
    keys = keys_of(corpus)
    assert_keys_break_after_hyphens([row[1] for row in rows], keys)
    assert_keys_break_after_hyphens([row[2] for row in rows], keys)
    header = next(line for line in result.output.splitlines() if line.startswith("score "))
    a_width = header.index("b ") - header.index("a ")
    b_width = header.index("near-dup") - header.index("b ")
    assert abs(a_width - b_width) <= 1, header  # neither key column takes all the room


def test_spare_width_goes_to_keys_before_text_of_the_same_priority():
    columns = [Column("text", "text", floor=10), Column("key", "id", floor=10)]
    rows = [["words " * 8, "a-key-made-of-many-short-pieces-x"]]
    layout = fit_columns(columns, rows, 60)
    assert layout.widths[1] == len(rows[0][1])  # the key whole, the text wraps


@given(
    st.lists(
        st.lists(st.text("abcdefgh", min_size=1, max_size=16), min_size=1, max_size=8).map(
            "-".join
        ),
        min_size=1,
        max_size=5,
    ),
    st.integers(40, 120),
)
def test_a_key_column_never_splits_a_piece_between_hyphens(keys, width):
    columns = [Column("recipient", "text", floor=12), Column("key", "id", floor=6)]
    rows = [["A recipient of several words " * 3, key] for key in keys]
    layout = fit_columns(columns, rows, width)
    assert layout.widths[1] is not None
    for key in keys:
        lines = break_id(key, layout.widths[1]).split("\n")
        assert "".join(lines) == key
        assert all(line.endswith("-") for line in lines[:-1]), lines


# --------------------------------------------------------------------------- 2. check


def test_check_shortens_quotes_between_words(corpus, tmp_path):
    words = (
        "Our coalition demonstrates extraordinary determination regarding "
        "environmental responsibilities throughout neighbouring municipalities "
        "notwithstanding considerable administrative obstacles everywhere."
    )
    draft = tmp_path / "draft.txt"
    draft.write_text(
        letter("Open letter on rivers", "6 May 2021", "The Mayor", RIVERS + "\n\n" + words),
        encoding="utf-8",
    )
    result = run(corpus, "check", str(draft), "--no-report")
    assert result.exit_code == 0, result.output
    text = " ".join(result.output.split())
    quoted = re.findall(r"“([^”]*)…”", text)
    assert quoted, result.output
    vocabulary = set((RIVERS + " " + words).replace("^{i}", " ").replace("^{ii}", " ").split())
    for quote in quoted:
        assert quote.split()[-1] in vocabulary, quote  # the last word before … is whole


@given(st.lists(st.text("abc", min_size=1, max_size=9), min_size=1, max_size=12), st.data())
def test_cut_to_ends_on_a_whole_word(words, data):
    text = " ".join(words)
    width = data.draw(st.integers(max(len(words[0]) + 1, 2), len(text) + 2))
    cut = cut_to(text, width)
    assert cell_len(cut) <= width
    if cut != text:
        kept = cut.removesuffix("…").split()
        assert kept == words[: len(kept)]  # whole words, in order


# --------------------------------------------------------------------------- 4. --wide


def test_letters_wide_shows_every_theme_whole(corpus, tmp_path):
    themes = tmp_path / "themes.toml"
    names = ["rivers", "farms", "wells", "fish", "valley", "dredging"]
    themes.write_text(
        "".join(
            f'[[theme]]\nslug = "{name}"\nlabel = "Theme {name}"\nphrases = ["{name}"]\n\n'
            for name in names
        ),
        encoding="utf-8",
    )
    result = CliRunner().invoke(
        cli,
        ["--no-cache", "--corpus", str(corpus), "--themes", str(themes), "letters", "--wide"],
        env={"COLUMNS": "80"},
    )
    assert result.exit_code == 0, result.output
    row = next(line for line in result.output.splitlines() if line.startswith("a.txt"))
    assert all(f"Theme {name}" in row for name in names), row
    assert not re.search(r"\+\d+$", row)


# --------------------------------------------------------------------------- 5-6. show


def test_show_prints_list_markers_as_written_and_a_blank_line_after_a_list(corpus):
    result = run(corpus, "show", "a.txt")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    first = lines.index("  1. Stop the dredging now.")
    assert lines[first + 1] == "  2. Publish the survey of the riverbeds."
    assert lines[first + 2] == ""  # the list ends before the next paragraph
    assert lines[first + 3].startswith("We thank you")
    assert "•" not in result.output


def test_show_hangs_each_footnote_under_its_text(corpus):
    result = run(corpus, "show", "a.txt")
    lines = result.output.splitlines()
    notes = lines[lines.index("Footnotes") + 2 :]
    checked = 0
    for n, line in enumerate(notes):
        mark = re.match(r"  \[(i+v?)\] ", line)
        if mark and n + 1 < len(notes) and notes[n + 1].startswith(" " * 4):
            following = notes[n + 1]
            indent = len(following) - len(following.lstrip())
            assert indent == len(mark.group(0)), (line, following)
            checked += 1
    assert checked >= 3, notes


# --------------------------------------------------------------------------- 7. words


def test_index_says_what_was_indexed_and_where(corpus, tmp_path):
    cache = tmp_path / "cache"
    result = CliRunner().invoke(cli, ["--cache", str(cache), "--corpus", str(corpus), "index"])
    assert result.exit_code == 0, result.output
    first, where = result.output.splitlines()
    assert first == "3 letters indexed from 3 files: 3 new, 0 changed, 0 removed"
    assert where.startswith("index: ") and where.removeprefix("index: ").startswith(str(cache))
    again = CliRunner().invoke(cli, ["--cache", str(cache), "--corpus", str(corpus), "index"])
    assert "up to date" in again.output
    assert "segment" not in result.output + again.output
    assert "commit" not in result.output + again.output


def test_lines_has_a_column_header(corpus):
    result = run(corpus, "lines", "a.txt")
    assert result.exit_code == 0, result.output
    header = result.output.splitlines()[0].split()
    assert header == ["line", "label", "confidence", "source", "text"]


def test_letters_explains_its_paragraph_column(corpus):
    result = run(corpus, "letters")
    assert result.exit_code == 0, result.output
    assert "¶: paragraphs" in result.output


def test_similarity_shows_scores_with_one_precision(corpus):
    result = run(corpus, "similarity")
    tables = [line for line in result.output.splitlines() if not line.startswith("Most")]
    scores = re.findall(r"\b[01]\.\d+\b", "\n".join(tables))
    assert scores and {len(score) for score in scores} == {5}, scores
