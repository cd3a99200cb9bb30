"""The terminal redline: the texts' own spacing, marks and colours, lines filled to a width."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from compare.diffview import cells, diff_view, redline, view_width, wrap_redline
from compare.normalizing import NormalizeOptions
from compare.worddiff import word_diff

ANSI = re.compile(r"\x1b\[[0-9;]*m")
OLD = "States must protect migrants, refugees and asylum seekers; the Council agreed."
NEW = "States must protect migrants; refugees, and asylum seekers - the Council agreed!"


def visible(text: str) -> str:
    return ANSI.sub("", text)


def unwrap(view: str) -> str:
    """The view's lines joined again (each broke at one space), indent removed."""
    return " ".join(line.removeprefix("  ") for line in visible(view).split("\n"))


def test_punctuation_edits_keep_the_texts_own_spacing():
    spans = word_diff(OLD, NEW)
    plain = wrap_redline(spans, color=False, width=200)
    assert plain == (
        "  States must protect migrants[-,-]{+;+} refugees{+,+} and asylum seekers[-;-]{+ -+}"
        " the Council agreed[-.-]{+!+}"
    )
    coloured = wrap_redline(spans, color=True, width=200)
    assert "\x1b[" in coloured
    assert visible(coloured) == (
        "  States must protect migrants,; refugees, and asylum seekers; - the Council agreed.!"
    )
    assert " ," not in visible(coloured) and " ;" not in visible(coloured)


def test_taking_the_marks_away_gives_each_text_back():
    spans = word_diff(OLD, NEW)
    plain = unwrap(wrap_redline(spans, color=False, width=40))
    new_side = re.sub(r"\[-.*?-\]", "", plain)
    old_side = re.sub(r"\{\+.*?\+\}", "", plain)
    assert re.sub(r"\{\+|\+\}", "", new_side) == NEW
    assert re.sub(r"\[-|-\]", "", old_side) == OLD


def test_a_deletion_and_its_replacement_stand_side_by_side_without_a_space():
    assert redline([("=", "the "), ("-", "old"), ("+", "new"), ("=", " text")], False) == (
        "the [-old-]{+new+} text"
    )
    coloured = wrap_redline([("=", "the "), ("-", "old"), ("+", "new")], True, 80)
    assert visible(coloured) == "  the oldnew"


LONG_A = " ".join(f"word{n}, clause {n};" for n in range(40))
LONG_B = " ".join(f"word{n}; clause {n}," if n % 3 else f"term{n}, clause {n};" for n in range(40))


def test_lines_fit_80_columns_and_marks_are_never_split():
    spans = word_diff(LONG_A, LONG_B)
    for color in (False, True):
        view = wrap_redline(spans, color, view_width(80))
        lines = visible(view).split("\n")
        assert len(lines) > 5
        assert all(cells(line) <= 80 for line in lines)
        assert all(line.startswith("  ") and not line.startswith("   ") for line in lines)
        assert not any(line.rstrip().endswith(("[-", "{+")) for line in lines)
        assert not any(line.lstrip().startswith(("-]", "+}")) for line in lines)
    assert unwrap(wrap_redline(spans, False, 80)) == redline(spans, False)


words = st.sampled_from(["we", "urge", "States", "now", "migrants", "a", "the", "Council"])
punct = st.sampled_from(["", "", ",", ";", ".", "!", " -"])
sentence = st.lists(st.tuples(words, punct).map("".join), min_size=1, max_size=40).map(" ".join)


@settings(max_examples=150, deadline=None)
@given(sentence, sentence, st.integers(min_value=20, max_value=100))
def test_any_redline_unwraps_to_the_unwrapped_redline(a, b, width):
    spans = word_diff(a, b)
    for color in (False, True):
        view = wrap_redline(spans, color, width)
        assert unwrap(view) == visible(redline(spans, color))
        # where the line may not break: spaces at the inner side of a mark
        chunks = re.split(r"(?<!\[-|\{\+) (?!-\]|\+\})", redline(spans, False))
        longest = max(cells(chunk) for chunk in chunks)
        assert all(cells(line) <= max(width, longest + 2) for line in visible(view).split("\n"))


def test_wide_characters_count_two_cells_and_lines_break_between_them():
    a = (
        "我们是来自世界各地的人权组织，写信敦促联合国安理会立即采取行动。" * 3
        + "已有1200名平民丧生。"
    )
    b = a.replace("1200", "3500")
    view = wrap_redline(word_diff(a, b), False, 80)
    lines = view.split("\n")
    assert len(lines) > 1
    assert all(cells(line) <= 80 for line in lines)
    assert not any(line.startswith(("  ，", "  。")) for line in lines)  # no line opens on a comma
    assert "".join(line.removeprefix("  ") for line in lines) == redline(word_diff(a, b), False)
    assert "[-1200-]{+3500+}" in view
    assert cells("中文") == 4 and cells("e\u0301") == 1 and cells("👩\u200d👩\u200d👧") == 2


def test_paragraph_breaks_show_as_marked_pilcrows():
    merged = wrap_redline(word_diff("One.\n\nTwo.", "One. Two."), False, 80)
    assert merged == "  One.[-¶-]{+ +}Two."
    split = wrap_redline(word_diff("One. Two.", "One.\n\nTwo."), False, 80)
    assert split == "  One.[- -]{+¶+}\n  Two."
    added = wrap_redline([("=", "One."), ("+", " New.\n\nMore"), ("=", " text.")], False, 80)
    assert added == "  One.{+ New.¶+}\n  {+More+} text."


def test_view_width_follows_the_terminal_within_bounds():
    assert view_width(None) == 88
    assert view_width(80) == 80
    assert view_width(200) == 88
    assert view_width(5) == 20


def test_the_summary_lists_what_was_ignored(seed_letters):
    from compare.comparison import compare_letters

    a, b = seed_letters["002#1"], seed_letters["002#2"]
    options = NormalizeOptions(ignore_case=True, equivalences=(("UN", "EU"),))
    view = diff_view(compare_letters(a, b, options), color=False, width=80)
    assert "ignored: case; equivalences: UN = EU" in view
    assert all(cells(line) <= 80 for line in view.split("\n"))
    assert "ignored:" not in diff_view(compare_letters(a, b), color=False)
