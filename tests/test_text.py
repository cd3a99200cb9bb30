"""compare.text: the normaliser, tokenisers, sentence splitter and months every layer shares."""

from __future__ import annotations

import pytest
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
    assert similarity_tokens("Don't!") == ["don", "'", "t", "!"]


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
