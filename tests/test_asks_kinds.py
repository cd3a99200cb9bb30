"""Asks of the kinds real letters use beyond the ladder: questions to the recipient,
imperatives, impersonal obligations, named writers, joining frames, list items that only
state reasons, and requests in other languages. Every input is crafted here."""

from __future__ import annotations

import pytest

from compare.models import Ask, Paragraph
from compare.reading.asks import extract_asks
from compare.themes import Taxonomy


def body(text: str) -> Paragraph:
    return Paragraph("body", text)


def item(text: str) -> Paragraph:
    return Paragraph("list-item", text)


def asks_of(taxonomy: Taxonomy, *paragraphs: Paragraph) -> list[Ask]:
    return extract_asks(list(paragraphs), taxonomy)


def pairs(asks: list[Ask]) -> list[tuple[str, str | None]]:
    return [(a.text, a.verb) for a in asks]


# --------------------------------------------------------------------------- questions


@pytest.mark.parametrize(
    "sentence",
    [
        "Will you commit to publishing the audit by March?",
        "If not, could you tell us why the depot still burns waste?",
        "Are you able to publish the figures for the residents?",
        "Would you meet the families before the hearing?",
    ],
)
def test_question_to_the_recipient_is_an_ask(taxonomy: Taxonomy, sentence: str) -> None:
    assert pairs(asks_of(taxonomy, body(sentence))) == [(sentence, "request")]


def test_wh_questions_count_only_in_a_letter_that_questions_its_recipient(
    taxonomy: Taxonomy,
) -> None:
    why = "Why are refill stations not offered in every shop?"
    assert asks_of(taxonomy, body(why)) == []  # a lone question may be rhetorical
    asks = asks_of(
        taxonomy,
        body(f"The shops sell bottled water. {why}"),
        body("Can you tell us when refill stations will come?"),
        body("How can we stay silent? The river is dying."),
    )
    assert [a.text for a in asks] == [why, "Can you tell us when refill stations will come?"]


def test_rhetorical_question_without_you_is_no_ask(taxonomy: Taxonomy) -> None:
    assert asks_of(taxonomy, body("How many more summers of smoke must pass?")) == []


# --------------------------------------------------------------------------- prose kinds


@pytest.mark.parametrize(
    ("sentence", "verb"),
    [
        ("We demand an end to the evictions.", "demand"),
        ("We request that the board publish its minutes.", "request"),
        ("We are asking you to reopen the clinic.", "request"),
        ("I ask that the council delay the vote.", "request"),
        ("I am also asking if you would attend the hearing.", "request"),
        ("We advise the ministry to withdraw the circular.", "recommend"),
        ("It is imperative that the agency restore the funding.", "must"),
        ("It is imperative for the province to act this winter.", "must"),
        ("Landlords need to return the deposits.", "must"),
        ("The city needs to repair the bridge.", "must"),
        (
            "For this reason, the Alliance for Clean Rivers and its members take this "
            "opportunity to ask the mayor to close the outfall.",
            "request",
        ),
        ("ACR also ask the mayor to publish the samples.", "request"),
        ("Riverkeepers Network urges all residents to report spills.", "urge"),
        (
            "I join with the Tenants Union and the Renters Forum in demanding that the "
            "company repairs the heating.",
            "demand",
        ),
    ],
)
def test_prose_ask_kinds(taxonomy: Taxonomy, sentence: str, verb: str) -> None:
    assert pairs(asks_of(taxonomy, body(sentence))) == [(sentence, verb)]


@pytest.mark.parametrize(
    "sentence",
    [
        "Hold the operators accountable for every spill.",
        "Please reopen the night shelter before December.",
        "Immediately and unconditionally release the three editors.",
        "Stop the demolitions.",
    ],
)
def test_imperative_sentence_is_an_ask_without_verb(taxonomy: Taxonomy, sentence: str) -> None:
    assert pairs(asks_of(taxonomy, body(sentence))) == [(sentence, None)]


@pytest.mark.parametrize(
    "sentence",
    [
        "Please find attached the minutes of the meeting.",
        "Please do not hesitate to contact us.",
        "Support from all regions, e.g. Africa, will be essential.",
        "Release dates were moved twice last year.",
        "The Tribunal urged the parties to settle.",
        "The report asks the reader to imagine a city without cars.",
        "It is crucial that the states keep in mind that it should not be used as an excuse.",
        "Workers were asked whether they would work overtime.",
        "We ask whether the Council will act.",
    ],
)
def test_not_an_ask_kind(taxonomy: Taxonomy, sentence: str) -> None:
    assert asks_of(taxonomy, body(sentence)) == []


# --------------------------------------------------------------------------- list items


def test_reason_items_are_not_asks_but_asks_inside_them_are(taxonomy: Taxonomy) -> None:
    asks = asks_of(
        taxonomy,
        body("We will not join the hearing for the following reasons:"),
        item("• The agenda arrived a day late. We advise the office to send it earlier."),
        item("• The room has no step-free access."),
        body("We therefore request you to set a new date."),
    )
    assert pairs(asks) == [
        ("We advise the office to send it earlier.", "recommend"),
        ("We therefore request you to set a new date.", "request"),
    ]


def test_attachment_items_are_not_asks(taxonomy: Taxonomy) -> None:
    asks = asks_of(
        taxonomy,
        body("Attached are:"),
        item("1. Minutes of the site visit dated 3 May"),
        item("2. The engineer's report on the dam"),
    )
    assert asks == []


def test_imperative_or_modal_items_are_asks_without_a_lead_in(taxonomy: Taxonomy) -> None:
    asks = asks_of(
        taxonomy,
        body("The situation is grave."),
        item("1. Reinstate the dismissed nurses."),
        item("2. The ministry must publish the tender."),
        item("3. Will you meet the nurses' union?"),
        item("4. Wages have fallen for three years."),
    )
    assert pairs(asks) == [
        ("Reinstate the dismissed nurses.", None),
        ("The ministry must publish the tender.", "must"),
        ("Will you meet the nurses' union?", "request"),
    ]


def test_lead_in_naming_its_items_as_demands(taxonomy: Taxonomy) -> None:
    asks = asks_of(
        taxonomy,
        body("Our demands are as follows:"),
        item("1. A living wage for all cleaners"),
        item("2. Sick pay from the first day"),
    )
    assert [a.text for a in asks] == [
        "A living wage for all cleaners",
        "Sick pay from the first day",
    ]


def test_lead_in_ending_in_to_comma_lends_its_verb(taxonomy: Taxonomy) -> None:
    asks = asks_of(
        taxonomy,
        body("Today, we demand the provincial government to,"),
        item("1. Withdraw the charges"),
        item("2. Return the seized equipment"),
    )
    assert pairs(asks) == [
        ("Withdraw the charges", "demand"),
        ("Return the seized equipment", "demand"),
    ]


# --------------------------------------------------------------------------- other languages


@pytest.mark.parametrize(
    ("sentence", "verb"),
    [
        ("Nous demandons au gouvernement de suspendre le projet.", "request"),
        ("Nous exigeons du gouvernement la suspension du projet.", "demand"),
        ("Exigimos al ministerio la liberación de los detenidos.", "demand"),
        ("Por ello, solicitamos una reunión con la alcaldesa.", "request"),
        ("Wir fordern die Landesregierung auf, das Gesetz zurückzuziehen.", "demand"),
    ],
)
def test_asks_in_other_languages(taxonomy: Taxonomy, sentence: str, verb: str) -> None:
    assert pairs(asks_of(taxonomy, body(sentence))) == [(sentence, verb)]
