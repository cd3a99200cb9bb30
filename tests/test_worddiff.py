import unicodedata

import pytest
import regex
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from compare.diffengine import ENGINES
from compare.normalizing import NormalizeOptions, comparable
from compare.text import fold, tokens
from compare.worddiff import count_words, rebuild, word_diff

# Every behaviour below holds on both diff engines (compare.diffengine): the C++ port and the
# pure-Python fallback. tests/test_diffengine.py checks that they give the same spans.
each_engine = pytest.mark.parametrize("engine", ENGINES)

# Pieces of text whose grapheme clusters a careless cut would split: decomposed accents,
# emoji with skin tones and zero-width joiners, flags, Devanagari conjuncts and vowel signs,
# Hangul in jamo, Thai with vowel and tone marks, Arabic with vowel marks; and Han, kana,
# Latin, Cyrillic, digits, punctuation and white space between them.
CLUSTERS = [
    "e\u0301", "é", "a", "B", "ß", "Ω", "Я", "ñ", "👩\u200d👩\u200d👧", "👍🏽", "🇫🇷", "🇩🇪",
    "中", "文", "人", "か", "ナ", "ー", "ที่", "เ", "ก", "ำ", "क्षि", "हिन्दी", "각",
    "\u1100\u1161\u11a8", "مُحَمَّد", "و", "¿", " ", "  ", "\n", ",", ".", "'", "’", "-",
    "—", "1", "42", "\u00ad", "\ufb01", "“", "!", "(",
]  # fmt: skip
mixed = st.lists(st.sampled_from(CLUSTERS), max_size=30).map("".join)
any_options = st.builds(
    NormalizeOptions, ignore_case=st.booleans(), ignore_punctuation=st.booleans()
)


def grapheme_boundaries(text: str) -> set[int]:
    ends, at = {0}, 0
    for cluster in regex.findall(r"\X", text):
        at += len(cluster)
        ends.add(at)
    return ends


@each_engine
def test_edits_are_whole_words_never_half_words(engine):
    spans = word_diff("the consistent support", "the unwavering support", engine=engine)
    assert spans == [("=", "the "), ("-", "consistent"), ("+", "unwavering"), ("=", " support")]


@each_engine
def test_a_word_sharing_a_prefix_is_replaced_whole(engine):
    spans = word_diff("Stepping Stone", "Stepping Stones", engine=engine)
    assert ("-", "Stone") in spans and ("+", "Stones") in spans


@each_engine
def test_identical_texts_are_one_equal_span(engine):
    assert word_diff("Same text.", "Same text.", engine=engine) == [("=", "Same text.")]


@each_engine
def test_a_long_text_with_one_word_changed_is_not_replaced_wholesale(engine):
    words = [f"word{i % 300}" for i in range(30000)]
    a = " ".join(words)
    b = " ".join(words[:15000] + ["CHANGED"] + words[15001:])
    spans = word_diff(a, b, engine=engine)
    assert [op for op, _ in spans] == ["=", "-", "+", "="]
    assert count_words(spans) == (1, 1)


def test_tokenize_keeps_every_character():
    text = "It’s 2020 — don't\tstop!  (ok)"
    assert "".join(tokens(text)) == text


def _baseless_mark(text: str) -> bool:
    """Whether ``text`` holds a combining mark at its start or after a character that is not
    a letter or digit."""
    return any(
        unicodedata.category(ch).startswith("M") and (i == 0 or not text[i - 1].isalnum())
        for i, ch in enumerate(text)
    )


@each_engine
@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200), st.text(max_size=200), any_options)
def test_a_diff_rebuilds_both_texts(engine, a, b, options):
    # A combining mark with no letter before it ("ᩕ" alone, or after ":") has no base: which
    # grapheme cluster it joins depends on its neighbour, and "=" spans carry B's neighbours.
    assume(not any(_baseless_mark(text) for text in (a, b)))
    spans = word_diff(a, b, options=options, engine=engine)
    assert rebuild(spans, "b") == b
    # "=" spans hold B's characters: A comes back up to what is ignored
    assert comparable(rebuild(spans, "a"), options) == comparable(a, options)


@each_engine
@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(codec="ascii"), max_size=200), st.text(max_size=200))
def test_a_diff_of_texts_differing_in_nothing_ignored_rebuilds_both_exactly(engine, a, b):
    # one space between words, no typography to fold: nothing that is ignored differs
    a, b = " ".join(fold(a).split()), " ".join(fold(b).split())
    spans = word_diff(a, b, engine=engine)
    assert rebuild(spans, "a") == a
    assert rebuild(spans, "b") == b


@each_engine
@settings(max_examples=300, deadline=None)
@given(mixed, mixed, any_options)
def test_no_span_starts_or_ends_inside_a_grapheme_cluster(engine, a, b, options):
    for old, new in ((a, b), (b, a)):  # each text once as B, whose characters spans hold
        spans = word_diff(old, new, options=options, engine=engine)
        allowed, at = grapheme_boundaries(new), 0
        for op, text in spans:
            if op == "-":
                assert text in old
                continue
            assert at in allowed and at + len(text) in allowed, (spans, at)
            at += len(text)
        assert rebuild(spans, "b") == new


@each_engine
def test_a_chinese_pair_differing_in_two_numbers_has_two_changed_spans(engine):
    a = "过去三年里，已有1200名平民在冲突中丧生，超过40万人流离失所。"
    b = "过去三年里，已有3500名平民在冲突中丧生，超过60万人流离失所。"
    spans = word_diff(a, b, engine=engine)
    assert [s for s in spans if s[0] != "="] == [
        ("-", "1200"),
        ("+", "3500"),
        ("-", "40"),
        ("+", "60"),
    ]
    assert count_words(spans) == (2, 2)


@each_engine
def test_an_edit_in_a_script_without_spaces_is_the_changed_characters(engine):
    japanese = word_diff("東京でカタカナを書きます。", "東京でひらがなを書きます。", engine=engine)
    assert [s for s in japanese if s[0] != "="] == [("-", "カタカナ"), ("+", "ひらがな")]
    thai = word_diff("ผมไปที่ตลาด", "ผมไปที่โรงเรียน", engine=engine)
    assert rebuild(thai, "a") == "ผมไปที่ตลาด" and thai[0] == ("=", "ผมไปที่")
    assert all(not text.startswith(("\u0e48", "\u0e35")) for _, text in thai)  # no mark cut off


@each_engine
def test_words_with_marks_are_replaced_whole(engine):
    arabic = word_diff("قال مُحَمَّد اليوم", "قال مُحَمَّدٌ اليوم", engine=engine)  # one vowel mark more
    assert arabic == [("=", "قال "), ("-", "مُحَمَّد"), ("+", "مُحَمَّدٌ"), ("=", " اليوم")]
    hindi = word_diff("हिन्दी भाषा", "हिन्दी बोली", engine=engine)
    assert hindi == [("=", "हिन्दी "), ("-", "भाषा"), ("+", "बोली")]
    korean = word_diff("한국어 문장입니다", "한국어 글입니다", engine=engine)
    assert korean == [("=", "한국어 "), ("-", "문장입니다"), ("+", "글입니다")]
    emoji = word_diff("ok 👍🏽 now", "ok 👍🏿 now", engine=engine)
    assert emoji == [("=", "ok "), ("-", "👍🏽"), ("+", "👍🏿"), ("=", " now")]
    assert count_words(word_diff("Привет, мир", "Привет, друг", engine=engine)) == (1, 1)
    assert count_words(word_diff("¿Qué tal, señor?", "¿Qué tal, señora?", engine=engine)) == (1, 1)


@each_engine
def test_the_width_of_white_space_is_no_edit(engine):
    assert word_diff("a  b\tc ", "a b c", engine=engine) == [("=", "a b c")]
    # a paragraph break (two merged paragraphs) stays an edit
    assert ("-", "\n\n") in word_diff("one.\n\nTwo", "one. Two", engine=engine)


@each_engine
def test_ligatures_soft_hyphens_quotes_and_dashes_are_no_edit(engine):
    a = "The \ufb01nal inter\u00adnational report \u2014 \u201cit\u2019s\u201d due."
    b = 'The final international report - "it\'s" due.'
    spans = word_diff(a, b, engine=engine)
    assert spans == [("=", b)]
    assert count_words(spans) == (0, 0)


@each_engine
def test_contractions_count_as_one_word(engine):
    assert count_words(word_diff("we do", "we don't", engine=engine)) == (1, 1)


@each_engine
@settings(max_examples=100, deadline=None)
@given(st.text(max_size=200))
def test_a_text_against_itself_has_no_edits(engine, a):
    assert all(op == "=" for op, _ in word_diff(a, a, engine=engine))
