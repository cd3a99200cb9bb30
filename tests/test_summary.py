"""Plain-language summaries (compare/summary.py): letters named by recipient and date,
"earlier"/"later" only for different dates, signatories joined and left, the replacement
that reworded paragraphs share, asks and verbs, shared terms a reader can read."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from compare.cli import cli
from compare.comparison import compare_letters
from compare.models import Ask, Letter, Paragraph, Signatory
from compare.reading.signatories import signatory_key
from compare.summary import (
    format_date,
    main_replacement,
    pair_names,
    pair_summary,
    readable_terms,
    recipient_phrase,
    wording_share,
)

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
UN, EU = "2020-10-14-un-general-assembly", "2020-10-14-josep-borrell-fontelles"

COMMON = [
    "We write about the water supply of the northern valley and its farms.",
    "The wells of the valley have been dry since the spring of last year.",
    "Families now walk four hours a day to fetch water from the river.",
]


def letter(
    key: str = "x",
    *,
    date: str | None = "2021-03-04",
    recipient: str | None = "Regional Council",
    paragraphs: list[str] | None = None,
    signatories: list[str] = (),  # type: ignore[assignment]
    asks: list[tuple[str, str | None]] = (),  # type: ignore[assignment]
    themes: tuple[str, ...] = (),
) -> Letter:
    return Letter(
        key=key,
        source=f"{key}.txt",
        part=1,
        title=f"Letter {key}",
        subject=None,
        date=date,
        recipient=recipient,
        recipient_block=(),
        salutation="Dear Members,",
        paragraphs=tuple(Paragraph("body", text) for text in (paragraphs or COMMON)),
        asks=tuple(Ask(text, verb) for text, verb in asks),
        themes=themes,
        signatories=tuple(
            Signatory(name=name, key=signatory_key(name), kind="organization")
            for name in signatories
        ),
        claimed_signatories=None,
        footnotes=(),
        cc=(),
        source_url=None,
    )


def summary(a: Letter, b: Letter, **kwargs: object) -> list[str]:
    return pair_summary(compare_letters(a, b), a, b, **kwargs)  # type: ignore[arg-type]


def test_letters_of_the_same_day_are_never_earlier_or_later():
    a = letter("a", recipient="Regional Council")
    b = letter("b", recipient="Minister of Water", paragraphs=[*COMMON, "Please act now."])
    text = " ".join(summary(a, b))
    assert "earlier" not in text and "later" not in text
    assert text.startswith(
        "The letter to Minister of Water (4 Mar 2021) is the letter to the Regional Council "
        "of the same day, re-addressed."
    )
    first, second = pair_names(a, b)
    assert (first.role, second.role) == ("first", "second")


def test_letters_of_different_dates_are_earlier_and_later_with_the_gap():
    a = letter("a", date="2019-03-01")
    b = letter("b", date="2021-03-04", paragraphs=[*COMMON, "Please act now."])
    first, second = pair_names(a, b)
    assert (first.role, second.role) == ("earlier", "later")
    # Same recipient: the dates tell the letters apart.
    assert first.name == "the letter to the Regional Council of 1 Mar 2019"
    assert second.name == "the letter to the Regional Council of 4 Mar 2021"
    # ", written …" describes the letter named just before it (the first letter given) against
    # the letter the sentence is about (the second).
    assert summary(a, b)[0].endswith("of 1 Mar 2019, written two years earlier.")
    # Compared the other way round, the first letter given is the later one.
    assert [n.role for n in pair_names(b, a)] == ["later", "earlier"]
    assert summary(b, a)[0].endswith("of 4 Mar 2021, written two years later.")


def test_undated_letters_are_first_and_second():
    a, b = letter("a", date=None), letter("b", date="2021-03-04")
    assert [n.role for n in pair_names(a, b)] == ["first", "second"]
    assert "earlier" not in " ".join(summary(a, b))


@given(
    st.sampled_from([None, "Regional Council", "regional council", "Chairman Lee", "The Board"]),
    st.sampled_from([None, "Regional Council", "Chairman Lee", "The Board"]),
    st.sampled_from([None, "2020-01-01", "2021-06-30"]),
    st.sampled_from([None, "2020-01-01", "2021-06-30"]),
)
def test_the_two_names_of_a_pair_always_differ(to_a, to_b, date_a, date_b):
    a = letter("a", recipient=to_a, date=date_a)
    b = letter("b", recipient=to_b, date=date_b)
    first, second = pair_names(a, b)
    assert first.name != second.name
    assert first.full != second.full
    dated = date_a and date_b and date_a != date_b
    assert {first.role, second.role} == ({"earlier", "later"} if dated else {"first", "second"})


def test_signatories_joined_and_left_are_counted_and_few_are_named():
    a = letter("a", signatories=["Water Watch", "River Trust", "Farmers Union", "Well Aid"])
    b = letter("b", signatories=["Water Watch", "River Trust", "Valley Doctors"])
    assert summary(a, b)[1] == (
        "Two signatories sign both; one joined (Valley Doctors) and two left (Farmers Union "
        "and Well Aid)."
    )
    assert summary(a, a)[1] == "The same four signatories sign both."


def test_the_replacement_most_reworded_paragraphs_make_is_named():
    old = [
        "We urge the Regional Council to act now on water.",
        "The Regional Council has failed the farmers of the valley.",
        "Members of the Regional Council met last spring in the capital.",
        "We thank you for your attention.",
    ]
    new = [text.replace("Regional Council", "National Parliament") for text in old]
    a, b = letter("a", paragraphs=old), letter("b", paragraphs=new)
    diff = compare_letters(a, b)
    found = main_replacement(diff.alignment.blocks)
    assert found is not None
    assert (found.deleted, found.inserted, found.paragraphs) == (
        "Regional Council",
        ("National Parliament",),
        3,
    )
    assert summary(a, b)[2] == (
        "3 of 4 paragraphs are reworded, all of them replacing ‘Regional Council’ with "
        "‘National Parliament’; none is added or removed."
    )


def test_a_word_only_inside_rewritten_sentences_is_no_replacement():
    old = ["The dam on the river was built in a hurry.", "The river floods every spring."]
    new = [
        "Nobody asked the villagers before the river dam went up.",
        "Every spring the river rises over the banks and the fields.",
    ]
    diff = compare_letters(letter("a", paragraphs=old), letter("b", paragraphs=new))
    assert main_replacement(diff.alignment.blocks) is None


def test_a_change_of_case_replaces_nothing():
    old = ["The member states must act.", "All member states agreed in March."]
    new = ["The Member States must act.", "All Member States agreed in March."]
    diff = compare_letters(letter("a", paragraphs=old), letter("b", paragraphs=new))
    assert main_replacement(diff.alignment.blocks) is None


def test_asks_added_dropped_reworded_and_escalated():
    a = letter(
        "a",
        asks=[
            ("We urge the government to release all political prisoners at once.", "urge"),
            ("We call on the council to publish its full water quality report by June.", "call on"),
        ],
    )
    b = letter(
        "b",
        asks=[
            ("We demand that the government release all political prisoners at once.", "demand"),
            ("Fund three new wells for the northern villages.", None),
        ],
    )
    sentences = summary(a, b)
    assert "One ask is added and one dropped; one is reworded." in sentences
    assert "One ask escalates from ‘urge’ to ‘demand’." in sentences
    assert "No ask is added or dropped; none is reworded." in summary(a, a)


def test_paragraph_counts_read_as_sentences():
    a = letter("a", paragraphs=COMMON)
    b = letter("b", paragraphs=[COMMON[0], "A new paragraph about the harvest.", COMMON[2]])
    assert summary(a, b)[2] == (
        "None of the 3 paragraphs is reworded; one paragraph is added and one removed."
    )
    assert summary(a, a)[2] == "All three paragraphs are the same word for word."
    assert summary(a, a)[0] == (
        "The second letter to the Regional Council (4 Mar 2021) repeats the first letter to "
        "the Regional Council of the same day word for word, with the same signatories and "
        "asks."
    )


def test_themes_are_named_by_label_and_only_when_they_differ():
    a = letter("a", themes=("water", "food"))
    b = letter("b", themes=("water", "health"))
    labels = {"water": "Water", "food": "Food and nutrition", "health": "Health care"}
    sentences = summary(a, b, theme_label=labels.__getitem__)
    assert sentences[-2:] == [
        "New theme: Health care.",
        "Theme no longer raised: Food and nutrition.",
    ]
    assert not any("theme" in s.lower() for s in summary(a, a, theme_label=labels.__getitem__))


def test_words_of_the_field():
    assert format_date("2020-10-14") == "14 Oct 2020"
    assert format_date("2020-10") == "Oct 2020"
    assert format_date(None) is None
    assert recipient_phrase("UN General Assembly") == "the UN General Assembly"
    assert recipient_phrase("The Board of Trustees") == "the Board of Trustees"
    assert recipient_phrase("Chairman Lee") == "Chairman Lee"
    assert wording_share(0.875) == "88\u00a0% of distinctive wording shared"


def test_shared_terms_are_shown_as_the_letters_write_them():
    a = "Close the detention camps (gulags) now. Human rights in North Korea; 2020 was worse."
    b = "The detention camps (gulags) remain. Human rights: we defend human rights in North Korea."
    terms = ["rights north", "camps gulags", "gulags", "2020", "human rights", "north korea"]
    assert readable_terms(terms, [b, a]) == ("camps (gulags)", "human rights", "North Korea")
    assert readable_terms(terms, [b, a], limit=1) == ("camps (gulags)",)


def test_diff_prints_the_summary_first_and_puts_it_in_json():
    runner = CliRunner()
    text = runner.invoke(cli, ["--corpus", str(SEEDS), "diff", UN, EU]).output
    assert text.startswith("The letter to Josep Borrell Fontelles (14 Oct 2020) is the letter")
    document = json.loads(
        runner.invoke(cli, ["--corpus", str(SEEDS), "diff", UN, EU, "--json"]).output
    )
    assert document["summary"][1] == "The same 37 signatories sign both."
    assert "replacing ‘UN General Assembly’ with ‘EU’ or ‘European Union’" in document["summary"][2]


@pytest.mark.parametrize(
    ("count", "expected"),
    [(0, "none is"), (1, "one is"), (2, "two are"), (18, "18 are")],
)
def test_a_count_standing_alone_takes_none_for_zero_and_agrees_with_its_verb(count, expected):
    """'Of its one ask, none was made before' — never 'no were made before'."""
    from compare.summary import amount

    assert amount(count, "is", "are") == expected
