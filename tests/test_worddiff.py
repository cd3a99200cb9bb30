from hypothesis import given, settings
from hypothesis import strategies as st

from compare.text import fold, tokens
from compare.worddiff import count_words, rebuild, word_diff


def test_edits_are_whole_words_never_half_words():
    spans = word_diff("the consistent support", "the unwavering support")
    assert spans == [("=", "the "), ("-", "consistent"), ("+", "unwavering"), ("=", " support")]


def test_a_word_sharing_a_prefix_is_replaced_whole():
    spans = word_diff("Stepping Stone", "Stepping Stones")
    assert ("-", "Stone") in spans and ("+", "Stones") in spans


def test_identical_texts_are_one_equal_span():
    assert word_diff("Same text.", "Same text.") == [("=", "Same text.")]


def test_a_long_text_with_one_word_changed_is_not_replaced_wholesale():
    words = [f"word{i % 300}" for i in range(30000)]
    a = " ".join(words)
    b = " ".join(words[:15000] + ["CHANGED"] + words[15001:])
    spans = word_diff(a, b)
    assert [op for op, _ in spans] == ["=", "-", "+", "="]
    assert count_words(spans) == (1, 1)


def test_tokenize_keeps_every_character():
    text = "It’s 2020 — don't\tstop!  (ok)"
    assert "".join(tokens(text)) == text


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200), st.text(max_size=200))
def test_a_diff_rebuilds_both_texts(a, b):
    spans = word_diff(a, b)
    assert rebuild(spans, "b") == b
    rebuilt = rebuild(spans, "a")
    assert [fold(t) for t in tokens(rebuilt)] == [fold(t) for t in tokens(a)]
    if all(fold(t) == t for t in tokens(a) + tokens(b)):
        assert rebuilt == a


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(codec="ascii"), max_size=200), st.text(max_size=200))
def test_a_diff_of_plain_texts_rebuilds_both_exactly(a, b):
    a, b = fold(a), fold(b)
    spans = word_diff(a, b)
    assert rebuild(spans, "a") == a
    assert rebuild(spans, "b") == b


def test_ligatures_soft_hyphens_quotes_and_dashes_are_no_edit():
    a = "The \ufb01nal inter\u00adnational report \u2014 \u201cit\u2019s\u201d due."
    b = 'The final international report - "it\'s" due.'
    spans = word_diff(a, b)
    assert spans == [("=", b)]
    assert count_words(spans) == (0, 0)


def test_contractions_count_as_one_word():
    assert count_words(word_diff("we do", "we don't")) == (1, 1)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=200))
def test_a_text_against_itself_has_no_edits(a):
    assert all(op == "=" for op, _ in word_diff(a, a))
