"""compare.text: the normaliser, tokenisers, sentence splitter and months every layer shares."""

from __future__ import annotations

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from compare.alignment import NormalizeOptions, align_paragraphs
from compare.text import (
    MONTHS,
    ends_sentence,
    normalize,
    sentence_spans,
    sentences,
    similarity_tokens,
    strip_accents,
    tokens,
    words,
)
from compare.worddiff import count_words, word_diff

options = st.fixed_dictionaries(
    {
        "ignore_case": st.booleans(),
        "ignore_punctuation": st.booleans(),
        "ignore_typography": st.booleans(),
        "ignore_invisible": st.booleans(),
    }
)


@settings(max_examples=500, deadline=None)
@given(st.text(max_size=80), options)
def test_normalize_is_idempotent(text: str, chosen: dict[str, bool]) -> None:
    once = normalize(text, **chosen)
    assert normalize(once, **chosen) == once


@pytest.mark.parametrize(
    ("text", "kwargs", "expected"),
    [
        ("a \n\n b ", {}, "a b"),
        ("\ufb01nal \ufb00ort \ufb02ow \ufb03x \ufb04y", {}, "final ffort flow ffix ffly"),
        ("\uff35\uff2e", {}, "UN"),
        ("inter\u00adnational\u200b \ufeffbom\u2060", {}, "international bom"),
        ("no\u00a0break\u202fspace", {}, "no break space"),
        (
            "\u201cIt\u2019s\u201d \u2014 now \u00abok\u00bb \u2032 \u2033",
            {},
            '"It\'s" - now "ok" \' "',
        ),
        ("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", {}, "-------"),
        ("O`Brien O\u00b4Brien", {}, "O'Brien O'Brien"),
        ("Stra\u00dfe", {"ignore_case": True}, "strasse"),
        ("rights-based, now!", {"ignore_punctuation": True}, "rights based now"),
        ("\u201cok\u201d", {"ignore_typography": False}, "\u201cok\u201d"),
        ("\ufb01\u00ad", {"ignore_invisible": False}, "\ufb01\u00ad"),
    ],
)
def test_normalize_examples(text: str, kwargs: dict[str, bool], expected: str) -> None:
    assert normalize(text, **kwargs) == expected


def test_strip_accents() -> None:
    assert strip_accents("Perú café naïve Ångström") == "Peru cafe naive Angstrom"


def test_tokens_words_and_similarity_tokens() -> None:
    text = "It’s 2020 — don't\tstop!  inter\u00adnational (ok)"
    assert "".join(tokens(text)) == text
    assert words(text) == ["It’s", "2020", "don't", "stop", "inter\u00adnational", "ok"]
    assert similarity_tokens("Don't!") == ["don't", "!"]


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=100))
def test_tokens_are_lossless(text: str) -> None:
    assert "".join(tokens(text)) == text


def test_sentences_and_their_spans() -> None:
    text = "  We urge the U.S. to act, e.g. now. Dr. Smith agrees!  Next\nline. "
    expected = ["We urge the U.S. to act, e.g. now.", "Dr. Smith agrees!", "Next line."]
    assert sentences(text) == expected
    assert [text[s:e] for s, e in sentence_spans(text)] == [
        "We urge the U.S. to act, e.g. now.",
        "Dr. Smith agrees!",
        "Next\nline.",
    ]


@pytest.mark.parametrize(
    ("line", "expected"),
    [("It ended.", True), ("He said “stop.”", True), ("Footnote.12", True), ("A name", False)],
)
def test_ends_sentence(line: str, expected: bool) -> None:
    assert ends_sentence(line) is expected


def test_months() -> None:
    assert MONTHS["january"] == 1 and MONTHS["sep"] == MONTHS["sept"] == 9
    assert MONTHS["dec"] == 12 and len(set(MONTHS.values())) == 12


# --------------------------------------------------------------------------- the layers agree


PLAIN = "The final report of the international commission is due in March."
FANCY = "The \ufb01nal report of the inter\u00adnational commission is due in March."


def test_soft_hyphen_and_ligature_align_equal_and_diff_shows_no_change() -> None:
    alignment = align_paragraphs([FANCY], [PLAIN])
    (block,) = alignment.blocks
    assert block.op == "equal"
    assert all(op == "=" for op, _ in block.diff)
    assert count_words(list(block.diff)) == (0, 0)
    assert word_diff(FANCY, PLAIN) == [("=", PLAIN)]


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from([PLAIN, FANCY, "Sincerely,", "Another paragraph."]), max_size=5))
def test_an_equal_block_never_shows_an_edit(paragraphs: list[str]) -> None:
    twins = [p.replace("\ufb01", "fi").replace("\u00ad", "") for p in paragraphs]
    for block in align_paragraphs(paragraphs, twins, NormalizeOptions()).blocks:
        if block.op == "equal":
            assert all(op == "=" for op, _ in block.diff)


# --------------------------------------------------------------------------- every script


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("人权组织1200名，40万人", ["人", "权", "组", "织", "1200", "名", "40", "万", "人"]),
        ("東京でカタカナー", ["東", "京", "で", "カ", "タ", "カ", "ナ", "ー"]),
        ("ผมไปที่ตลาด", ["ผ", "ม", "ไ", "ป", "ที่", "ต", "ล", "า", "ด"]),
        ("한국어 문장입니다", ["한국어", "문장입니다"]),
        ("\u1100\u1161\u11a8 ok", ["\u1100\u1161\u11a8", "ok"]),
        ("قالَ مُحَمَّدٌ: نعم", ["قالَ", "مُحَمَّدٌ", "نعم"]),
        ("हिन्दी भाषा, क्षत्रिय", ["हिन्दी", "भाषा", "क्षत्रिय"]),
        ("Привет, мир! Ёлка", ["Привет", "мир", "Ёлка"]),
        ("¿Qué tal, señor Peña?", ["Qué", "tal", "señor", "Peña"]),
        ("cafe\u0301 l’homme don't", ["cafe\u0301", "l’homme", "don't"]),
    ],
)
def test_a_word_is_a_word_in_its_script(text: str, expected: list[str]) -> None:
    assert words(text) == expected
    assert "".join(tokens(text)) == text


def test_emoji_sequences_and_flags_are_one_token_each() -> None:
    family, thumb, flags = "👩\u200d👩\u200d👧", "👍🏽", "🇫🇷🇩🇪"
    assert tokens(f"{family} {thumb} {flags}") == [family, " ", thumb, " ", "🇫🇷", "🇩🇪"]
    assert words(f"{family} {thumb}") == []


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=100))
def test_every_token_is_whole_grapheme_clusters(text: str) -> None:
    cut = tokens(text)
    assert "".join(cut) == text
    boundaries, at = {0}, 0
    for cluster in regex.findall(r"\X", text):
        at += len(cluster)
        boundaries.add(at)
    at = 0
    for token in cut:
        at += len(token)
        assert at in boundaries


MIXED = [
    "a", "Z", "0", "_", "'", "’", " ", "  ", "\t", "\n", "\r\n", "\x1c", ".", "-", "é",
    "e\u0301", "\u0301", "\u00a0", "\u00ad", "\u200d", "中", "ก", "ี", "👍🏽", "🏽", "\u0600",
]  # fmt: skip


@settings(max_examples=500, deadline=None)
@given(
    st.one_of(
        st.text(alphabet=st.characters(codec="ascii"), max_size=100),
        st.text(max_size=100),
        st.lists(st.sampled_from(MIXED), max_size=40).map("".join),
    )
)
def test_the_quick_cut_of_ascii_stretches_agrees_with_the_general_tokeniser(text: str) -> None:
    from compare.text import _TOKEN

    assert tokens(text) == _TOKEN.findall(text)


def test_similarity_tokens_are_the_tokens_without_white_space() -> None:
    assert similarity_tokens("联合国 Member States!") == ["联", "合", "国", "member", "states", "!"]


def test_strip_accents_keeps_vowel_signs_and_recomposes_hangul() -> None:
    assert strip_accents("مُحَمَّد") == "محمد"  # Arabic vowel marks are accents here
    assert strip_accents("हिन्दी ที่ 한국어") == "हिन्दी ที่ 한국어"  # vowel signs are letters
    assert strip_accents("Ελλάδα Ёлка") == "Ελλαδα Елка"


def test_ignoring_punctuation_keeps_combining_marks_in_their_words() -> None:
    assert normalize("हिन्दी, भाषा!", ignore_punctuation=True) == "हिन्दी भाषा"
    assert normalize("cafe\u0301!", ignore_punctuation=True) == "café"
