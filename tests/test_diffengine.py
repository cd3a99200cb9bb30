"""The two diff engines give the same word diffs; the Python one serves where the wheel is
missing; an engine asked for never falls back silently."""

from __future__ import annotations

import sys

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from messages import messages

from compare import diffengine
from compare.errors import LetterError
from compare.normalizing import NormalizeOptions
from compare.worddiff import count_words, rebuild, word_diff

# Few distinct pieces, so that texts repeat words, spaces and line breaks: the cases where
# the clean-up slides an edit along equal units and where ports could disagree.
PIECES = ["the", "a", "council", "Council", " ", "  ", "\n", "\n\n", ",", ".", "-", "“", "é", "中"]
repetitive = st.lists(st.sampled_from(PIECES), max_size=60).map("".join)
any_options = st.builds(
    NormalizeOptions, ignore_case=st.booleans(), ignore_punctuation=st.booleans()
)


@pytest.fixture
def no_wheel(monkeypatch):
    """fast-diff-match-patch made impossible to import, as on a machine without the wheel."""
    monkeypatch.setitem(sys.modules, "fast_diff_match_patch", None)
    diffengine.available.cache_clear()
    yield
    diffengine.available.cache_clear()


@settings(max_examples=300, deadline=None)
@given(st.one_of(repetitive, st.text(max_size=150)), repetitive, any_options, st.booleans())
def test_both_engines_give_the_same_spans(a, b, options, cleanup):
    c = word_diff(a, b, cleanup, options, engine="c")
    assert c == word_diff(a, b, cleanup, options, engine="python")


SENTENCE = (
    "We call on the Government of the Republic to release every prisoner held for peaceful "
    "protest, to allow independent monitors into the camps, and to report to the Council on "
    "the progress made by the end of the year."
)


def test_a_repeated_word_is_placed_alike_by_both_engines():
    # A doubled word ("made by by the end") lets the clean-up slide the insertion along
    # equal words; cleaned up in C++ (which classifies the codes by the C library), several
    # of these came out differently. The clean-up runs in Python for both engines.
    words = SENTENCE.split()
    for at in range(1, len(words)):
        for length in (1, 2, 3):
            doubled = " ".join(words[:at] + words[max(0, at - length) : at] + words[at:])
            assert word_diff(SENTENCE, doubled, engine="c") == word_diff(
                SENTENCE, doubled, engine="python"
            ), doubled
    doubled = SENTENCE.replace("made by the end", "made by by the end")
    assert [s for s in word_diff(SENTENCE, doubled, engine="c") if s[0] != "="] == [("+", "by ")]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.integers(0, 59), min_size=3, max_size=40),
    st.integers(0, 40),
    st.integers(1, 3),
)
def test_both_engines_agree_on_texts_with_a_repeated_run(numbers, at, length):
    words = [f"w{n}" for n in numbers]
    at = min(at, len(words))
    doubled = words[:at] + (words[max(0, at - length) : at] or ["w0"]) + words[at:]
    a, b = " ".join(words), " ".join(doubled)
    assert word_diff(a, b, engine="c") == word_diff(a, b, engine="python")


def test_the_engines_agree_on_texts_with_more_distinct_words_than_one_plane_holds():
    # 70,000 distinct words: codes past U+FFFF, which the C++ engine takes as 4-byte chars
    words = [f"w{n}" for n in range(70_000)]
    a = " ".join(words)
    b = " ".join(words[:30_000] + ["new", "words"] + words[30_100:])
    spans = word_diff(a, b, engine="c")
    assert spans == word_diff(a, b, engine="python")
    assert rebuild(spans, "a") == a and rebuild(spans, "b") == b
    assert count_words(spans) == (2, 100)


def test_the_default_engine_is_the_c_one_where_installed(monkeypatch):
    monkeypatch.delenv(diffengine.ENV, raising=False)
    assert diffengine.chosen() == "c"


def test_without_the_wheel_the_python_engine_serves_and_gives_the_same_diff(no_wheel, monkeypatch):
    monkeypatch.delenv(diffengine.ENV, raising=False)
    assert diffengine.chosen() == "python"
    a, b = "We urge the Council to act now.", "We call on the Council to act at once."
    spans = word_diff(a, b)
    assert [s for s in spans if s[0] != "="] == [
        ("-", "urge"),
        ("+", "call on"),
        ("-", "now"),
        ("+", "at once"),
    ]


def test_an_engine_asked_for_is_never_replaced(no_wheel, monkeypatch):
    with pytest.raises(ValueError, match="fast-diff-match-patch"):
        word_diff("a", "b", engine="c")
    monkeypatch.setenv(diffengine.ENV, "c")
    with pytest.raises(LetterError, match=r"\$COMPARE_DIFF_ENGINE: .*not installed"):
        word_diff("a", "b")


def test_an_unknown_engine_is_an_error(monkeypatch):
    with pytest.raises(ValueError, match="'c' or 'python'"):
        word_diff("a", "b", engine="rust")  # type: ignore[arg-type]
    monkeypatch.setenv(diffengine.ENV, "rust")
    with pytest.raises(LetterError, match="'c' or 'python', not 'rust'"):
        word_diff("a", "b")


def test_the_environment_picks_the_engine(monkeypatch):
    calls = []
    real = diffengine._c_diff

    def spy(a, b):
        calls.append(a)
        return real(a, b)

    monkeypatch.setattr(diffengine, "_c_diff", spy)
    monkeypatch.setenv(diffengine.ENV, "python")
    word_diff("one two", "one three")
    assert calls == []
    monkeypatch.setenv(diffengine.ENV, " C ")
    word_diff("one two", "one three")
    assert len(calls) == 1


def test_a_bad_engine_in_the_environment_is_one_line_and_exit_1(monkeypatch, seeds_corpus):
    from compare.cli import cli

    monkeypatch.setenv(diffengine.ENV, "fortran")
    keys = [letter.key for letter in seeds_corpus.letters[:2]]
    result = CliRunner().invoke(cli, ["--corpus", seeds_corpus.root, "diff", *keys])
    assert result.exit_code == 1
    assert messages(result.output)[-1] == (
        "compare-letters: error: $COMPARE_DIFF_ENGINE: "
        "the diff engine must be 'c' or 'python', not 'fortran'"
    )


def test_a_c_diff_that_does_not_rebuild_its_texts_is_refused(monkeypatch):
    import fast_diff_match_patch

    def broken(a, b, **options):
        return [("-", a), ("+", b[:-1])]

    monkeypatch.setattr(fast_diff_match_patch, "diff", broken)
    with pytest.raises(RuntimeError, match="does not rebuild"):
        word_diff("one two", "one three", engine="c")


def test_two_byte_c_engines_leave_texts_past_the_first_plane_to_python(monkeypatch):
    import fast_diff_match_patch

    calls = []
    real = diffengine._c_diff

    def spy(a, b):
        calls.append(a)
        return real(a, b)

    monkeypatch.setattr(diffengine, "_c_diff", spy)
    monkeypatch.setattr(fast_diff_match_patch, "CHAR_WIDTH", 2, raising=False)
    word_diff("one two", "one three", engine="c")
    assert len(calls) == 1  # few codes: within the plane
    many = " ".join(f"w{n}" for n in range(diffengine.BMP_CODES + 1))
    spans = word_diff(many, many + " end", engine="c")
    assert len(calls) == 1 and spans[-1] == ("+", " end")
