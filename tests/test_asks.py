"""Asks: sentence splitting, the verb ladder, each extraction rule, and the seed letters."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from compare.datafiles import parse_data
from compare.errors import DataFileError
from compare.models import Ask, Paragraph
from compare.reading.asks import (
    _build_vocabulary,
    extract_asks,
    verb_ladder,
    verb_strength,
)
from compare.text import sentences
from compare.themes import Taxonomy

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def body(text: str) -> Paragraph:
    return Paragraph("body", text)


def item(text: str) -> Paragraph:
    return Paragraph("list-item", text)


def heading(text: str) -> Paragraph:
    return Paragraph("heading", text)


def asks_of(taxonomy: Taxonomy, *paragraphs: Paragraph) -> list[Ask]:
    return extract_asks(list(paragraphs), taxonomy)


def verbs(asks: list[Ask]) -> list[str | None]:
    return [ask.verb for ask in asks]


# --------------------------------------------------------------------------- sentences


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("One. Two! Three? Four", ["One.", "Two!", "Three?", "Four"]),
        ("See, e.g., the report. It ends.", ["See, e.g., the report.", "It ends."]),
        ("That is, i.e. Rule 5, in force. Next.", ["That is, i.e. Rule 5, in force.", "Next."]),
        ("The U.S. Government acted. Then.", ["The U.S. Government acted.", "Then."]),
        ("Dr. Kim agreed. So did Mr. Lee.", ["Dr. Kim agreed.", "So did Mr. Lee."]),
        ("Ratify Convention (No. 87) now. Then.", ["Ratify Convention (No. 87) now.", "Then."]),
        ("See para. 51 of A/69/548. It says so.", ["See para. 51 of A/69/548.", "It says so."]),
        ("To Secretary John F. Kerry today. Yes.", ["To Secretary John F. Kerry today.", "Yes."]),
        (
            "It is “without parallel.” The Commission found more.",
            ["It is “without parallel.”", "The Commission found more."],
        ),
        ('He said "stop." They did.', ['He said "stop."', "They did."]),
        ("Still denied.ⁱ North Koreans suffer.", ["Still denied.ⁱ", "North Koreans suffer."]),
        ("All procedures.^{iv} These terms.", ["All procedures.^{iv}", "These terms."]),
        ("In 2014. 2015 was worse.", ["In 2014.", "2015 was worse."]),
        ("lower case. stays together", ["lower case. stays together"]),
        ("Line\nwrapped   text. Next\nline.", ["Line wrapped text.", "Next line."]),
        ("  ", []),
    ],
)
def test_split_sentences(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


# --------------------------------------------------------------------------- ladder


def test_verb_strength_ladder() -> None:
    ladder = ["demand", "call on", "urge", "request", "recommend", "encourage", "invite"]
    assert [verb_strength(v) for v in ladder] == [7, 6, 5, 4, 3, 2, 1]
    assert verb_strength("ask") == verb_strength("request")
    assert verb_strength("Calls Upon") == 6
    assert verb_strength("must") == 5
    assert verb_strength("should") == 3
    assert verb_strength(None) is None
    assert verb_strength("welcome") is None
    assert list(verb_ladder())[:2] == ["demand", "call on"]


# --------------------------------------------------------------------------- prose asks


@pytest.mark.parametrize(
    ("sentence", "verb"),
    [
        ("We urge you to release all political prisoners.", "urge"),
        ("We strongly urge the Council to act.", "urge"),
        ("We therefore call upon all States to vote in favour.", "call on"),
        ("We call for the immediate release of the detainees.", "call on"),
        ("We write to request that you personally attend the event.", "request"),
        ("We are writing to urge the Council to resume open meetings.", "urge"),
        ("We write to encourage you to support the draft resolution.", "encourage"),
        (
            "We are writing on behalf of 37 organizations, coalitions, and individuals from 7 "
            "countries to urge the Assembly to act.",
            "urge",
        ),
        ("We ask that the Council hold an open briefing.", "request"),
        ("We respectfully request the Government to reply.", "request"),
        ("We recommend that the delegation work to ensure strong language.", "recommend"),
        ("We also urge that the text contain language on sanctions.", "urge"),
        ("We invite the Special Rapporteur to visit.", "invite"),
        ("We demand the release of the journalists.", "demand"),
        ("I hereby encourage the minister to meet the families.", "encourage"),
        ("We, the undersigned organisations, call on the Government to act.", "call on"),
        ("The undersigned organizations and individuals urge the Council to act.", "urge"),
        ("Our organisations jointly call on the authorities to stop.", "call on"),
        ("Like the Rapporteur, we strongly encourage the State to cooperate.", "encourage"),
        ("Finally, as you have pledged reform, we urge you to act.", "urge"),
        ("We would like to request a meeting with your staff.", "request"),
        ("We are urging the authorities to act.", "urge"),
        ("We welcome the commitment and urge the Government to act on it.", "urge"),
        ("It is for this reason that we urge you to act.", "urge"),
    ],
)
def test_first_person_ask(taxonomy: Taxonomy, sentence: str, verb: str) -> None:
    asks = asks_of(taxonomy, body(sentence))
    assert [(a.text, a.verb) for a in asks] == [(sentence, verb)]


@pytest.mark.parametrize(
    "sentence",
    [
        "The report called on the United Nations to ensure accountability.",
        "The COI urged the Security Council to refer the situation to the ICC.",
        "The General Assembly encouraged the Security Council to take appropriate action.",
        "The draft resolution strongly urges the government to extend its cooperation.",
        "It further encourages the Security Council to consider taking action.",
        "The commission also recommended that the Security Council adopt sanctions.",
        "At the same time, the resolution will urge the State to cooperate.",
        "We urged the Council last year to act.",
        "As we urged in our last letter, progress is slow.",
        "We ask whether the Council will act.",
        "The measures we recommend are simple.",
        "We do not recommend further delay.",
        "We are encouraged by the government's commitment.",
        "We welcome increased dialogue but have yet to see real change.",
        "We commend the work you have done and we appreciate your support.",
        "We must take increased devotion to the cause of universal human rights.",
        "We need not reiterate that the people are entitled to human rights.",
        "He told us: “We urge you to act.”",
        "This approach is the best way for the world to encourage reform.",
        "The Office of the High Commissioner was invited to give a briefing.",
    ],
)
def test_not_an_ask(taxonomy: Taxonomy, sentence: str) -> None:
    assert asks_of(taxonomy, body(sentence)) == []


def test_only_the_asking_sentences_of_a_paragraph(taxonomy: Taxonomy) -> None:
    paragraph = body(
        "The Commission found widespread abuses. We therefore urge Member States to support "
        "the text. Support from all regions, e.g. Africa, will be essential."
    )
    asks = asks_of(taxonomy, paragraph)
    assert [(a.text, a.verb) for a in asks] == [
        ("We therefore urge Member States to support the text.", "urge")
    ]


def test_headings_and_closings_are_not_searched(taxonomy: Taxonomy) -> None:
    paragraphs = [heading("We urge you to act"), Paragraph("closing", "We urge you to act.")]
    assert asks_of(taxonomy, *paragraphs) == []


# --------------------------------------------------------------------------- modal asks


@pytest.mark.parametrize(
    ("sentence", "verb"),
    [
        ("The UN Security Council must show its resolve by resuming open meetings.", "must"),
        ("As the anniversary begins, the Security Council must act.", "must"),
        ("States should ratify the Convention against Torture.", "should"),
        ("All States, including its neighbours, should stop forced returns.", "should"),
        ("Those responsible must be held accountable.", "must"),
        ("We believe that the Council should refer the situation to the ICC.", "should"),
        ("The Government ought to open its prisons to monitors.", "should"),
        ("Member States must, at a minimum, condemn the abuses.", "must"),
        ("You should release them now.", "should"),
    ],
)
def test_modal_ask(taxonomy: Taxonomy, sentence: str, verb: str) -> None:
    assert [(a.text, a.verb) for a in asks_of(taxonomy, body(sentence))] == [(sentence, verb)]


@pytest.mark.parametrize(
    "sentence",
    [
        "We must take increased devotion to the cause.",
        "They must consider how the General Assembly should react to the conclusions.",
        "It is crucial that the states keep in mind that it should not be used as an excuse.",
        "There must be accountability.",
        "This must stop.",
        "As the Special Rapporteur observed, Member States must consider their approach.",
        "The Commission concluded that decisive action should be taken by the Council.",
        "As 40 groups told the President, any resolution must include human rights.",
        "He said “the Government must release them” in March.",
        "What should the Council do?",
        "Should the Council decide to act, we will support it.",
        "We do not know how the Council should respond.",
    ],
)
def test_not_a_modal_ask(taxonomy: Taxonomy, sentence: str) -> None:
    assert asks_of(taxonomy, body(sentence)) == []


def test_first_person_verb_wins_over_a_modal(taxonomy: Taxonomy) -> None:
    sentence = "We urge you to act, since the Council must not stay silent."
    assert verbs(asks_of(taxonomy, body(sentence))) == ["urge"]


# --------------------------------------------------------------------------- list items


def test_lead_in_lends_its_verb_to_list_items(taxonomy: Taxonomy) -> None:
    asks = asks_of(
        taxonomy,
        body("The Commission found grave abuses. We urge you to:"),
        item("1. Release all political prisoners;"),
        item("• Allow access to independent monitors; and"),
        item("Abolish the death penalty."),
    )
    assert [(a.text, a.verb) for a in asks] == [
        ("Release all political prisoners;", "urge"),
        ("Allow access to independent monitors; and", "urge"),
        ("Abolish the death penalty.", "urge"),
    ]
    assert "detention" in asks[0].themes
    assert "un-access" in asks[1].themes
    assert "death-penalty" in asks[2].themes


@pytest.mark.parametrize(
    ("lead_in", "verb"),
    [
        ("As you discuss these projects, we ask you to:", "request"),
        ("In this context, we urge the inclusion of the following recommendations to X:", "urge"),
        ("As the resolution stipulated, we urge you to act upon that and:", "urge"),
        ("The undersigned call on the authorities to:", "call on"),
        ("We recommend:", "recommend"),
        ("The Government should:", "should"),
        ("Our recommendations are as follows:", None),
    ],
)
def test_lead_in_verbs(taxonomy: Taxonomy, lead_in: str, verb: str | None) -> None:
    asks = asks_of(taxonomy, body(lead_in), item("Release all detainees."))
    assert [(a.text, a.verb) for a in asks] == [("Release all detainees.", verb)]


def test_numbered_item_with_semicolons_is_one_ask(taxonomy: Taxonomy) -> None:
    text = (
        "2. Sexual violence: End the widespread prevalence of forced abortion; cease rape and "
        "denial of reproductive rights in prison camps;"
    )
    asks = asks_of(taxonomy, body("We urge the inclusion of these recommendations:"), item(text))
    assert len(asks) == 1
    assert asks[0].text == text[3:]
    assert asks[0].verb == "urge"
    assert {"sexual-violence", "detention"} <= set(asks[0].themes)


def test_heading_keeps_the_lead_in_but_body_text_ends_it(taxonomy: Taxonomy) -> None:
    asks = asks_of(
        taxonomy,
        body("We urge you to:"),
        heading("Detention"),
        item("Close the camps."),
        body("Some background without a colon."),
        item("Free the prisoners."),
        Paragraph("closing", "Sincerely,"),
        item("Repeal the decree."),  # an imperative: items that only state facts are no asks
    )
    assert verbs(asks) == ["urge", None, None]


def test_items_after_a_later_lead_in_take_its_verb(taxonomy: Taxonomy) -> None:
    asks = asks_of(
        taxonomy,
        body("We urge you to:"),
        item("Close the camps."),
        body("Further, we ask you to:"),
        item("Permit visits."),
    )
    assert verbs(asks) == ["urge", "request"]


def test_lead_in_sentence_is_not_itself_an_ask(taxonomy: Taxonomy) -> None:
    asks = asks_of(
        taxonomy,
        body("We urge you to increase engagement with these institutions, including:"),
        item("Engaging with the special rapporteur."),
    )
    assert [a.text for a in asks] == ["Engaging with the special rapporteur."]


def test_dangling_lead_in_without_items_is_not_an_ask(taxonomy: Taxonomy) -> None:
    asks = asks_of(
        taxonomy,
        body("We accordingly urge you to:"),
        heading("1. Act on the recommendations"),
        body("The State has ratified several treaties."),
    )
    assert asks == []


def test_list_item_without_a_lead_in_has_no_verb(taxonomy: Taxonomy) -> None:
    assert verbs(asks_of(taxonomy, item("a) Repeal the law."))) == [None]


# --------------------------------------------------------------------------- semicolon series


def test_semicolon_series_of_to_parts_is_split(taxonomy: Taxonomy) -> None:
    sentence = (
        "We further request the resolution to call upon states to observe non-refoulement; "
        "to investigate and prosecute persons suspected of crimes; to request the High "
        "Commissioner to increase the visibility of the OHCHR; and to encourage the United "
        "Nations to facilitate documentation."
    )
    asks = asks_of(taxonomy, body(sentence))
    assert [a.text for a in asks] == [
        "We further request the resolution to call upon states to observe non-refoulement",
        "to investigate and prosecute persons suspected of crimes",
        "to request the High Commissioner to increase the visibility of the OHCHR",
        "to encourage the United Nations to facilitate documentation.",
    ]
    assert verbs(asks) == ["request"] * 4
    assert asks[0].themes == ("resolution", "refugees")
    assert asks[1].themes == ("accountability",)
    assert asks[2].themes == ("ohchr",)


def test_semicolon_without_to_parts_is_one_ask(taxonomy: Taxonomy) -> None:
    sentence = "We urge the Council to act; the situation is dire."
    assert [a.text for a in asks_of(taxonomy, body(sentence))] == [sentence]


# --------------------------------------------------------------------------- seed letters
#
# The paragraphs are built here by hand from the seed text: the body runs from the salutation
# to "Sincerely,"; blank lines separate paragraphs (or every line is one, for a letter laid
# out that way); a line starting with "•" or "N." is a list item, unless it is a short
# numbered title without final punctuation, which is a heading.

_SALUTATION = re.compile(r"^(?:Dear .+|Your Excellency|Excellencies),$")
_MARKER = re.compile(r"^\s*(?:•|\d{1,2}\.)\s+")


def _seed_paragraphs(name: str, letter: int = 1, one_per_line: bool = False) -> list[Paragraph]:
    lines = next(SEEDS.glob(f"{name}_*.txt")).read_text(encoding="utf-8").splitlines()
    starts = [i for i, line in enumerate(lines) if _SALUTATION.match(line.strip())]
    start = starts[letter - 1] + 1
    end = next(i for i in range(start, len(lines)) if lines[i].startswith("Sincerely"))
    paragraphs: list[list[str]] = []
    fresh = True
    for line in lines[start:end]:
        text = line.strip()
        if not text:
            fresh = True
            continue
        if _MARKER.match(line):
            short = len(text.split()) <= 12 and not text.endswith((".", ";", ":"))
            paragraphs.append(["heading" if short else "list-item", text])
        elif fresh or one_per_line or paragraphs[-1][0] == "heading":
            paragraphs.append(["body", text])
        else:
            paragraphs[-1][1] += " " + text
        fresh = False
    return [Paragraph(kind, text) for kind, text in paragraphs]  # type: ignore[arg-type]


def _seed_asks(
    taxonomy: Taxonomy, name: str, letter: int = 1, one_per_line: bool = False
) -> list[Ask]:
    return extract_asks(_seed_paragraphs(name, letter, one_per_line), taxonomy)


def _check(asks: list[Ask], expected: list[tuple[str | None, str]]) -> None:
    assert len(asks) == len(expected), [a.text[:60] for a in asks]
    for ask, (verb, start) in zip(asks, expected, strict=True):
        assert ask.verb == verb, ask.text
        assert ask.text.startswith(start), ask.text


def test_seed_000_four_prose_asks(taxonomy: Taxonomy) -> None:
    asks = _seed_asks(taxonomy, "000")
    _check(
        asks,
        [
            ("encourage", "We write to encourage you to support the adoption"),
            ("encourage", "Like the Special Rapporteur, we strongly encourage North Korea"),
            ("encourage", "We particularly encourage North Korea to engage"),
            ("urge", "We therefore urge Member States to support the text"),
        ],
    )
    assert "resolution" in asks[0].themes
    assert "un-access" in asks[2].themes


def test_seed_001_urge_must_call_on(taxonomy: Taxonomy) -> None:
    asks = _seed_asks(taxonomy, "001")
    _check(
        asks,
        [
            ("urge", "We are writing to urge the UN Security Council to resume"),
            ("must", "As the 10th anniversary of the creation of the COI begins"),
            ("call on", "We also call on the UN Security Council member states to mainstream"),
        ],
    )
    assert "security-council" in asks[1].themes
    assert "accountability" in asks[1].themes
    assert "forced-labour" in asks[2].themes


_SEED_002 = [
    ("urge", "We are writing on behalf of 37 non-governmental organizations"),
    ("urge", "Political prisoners and the death penalty:"),
    ("urge", "Sexual violence:"),
    ("urge", "Right to food:"),
    ("urge", "Liberty of movement:"),
    ("urge", "International abductions:"),
    ("urge", "COVID-19 pandemic:"),
    ("request", "We further request the resolution to call upon states"),
    ("request", "to investigate and prosecute persons"),
    ("request", "to request the High Commissioner"),
    ("request", "to encourage the United Nations"),
]


def test_seed_002_first_letter(taxonomy: Taxonomy) -> None:
    asks = _seed_asks(taxonomy, "002")
    _check(asks, _SEED_002)
    themes = [a.themes for a in asks]
    assert "death-penalty" in themes[1]
    assert "sexual-violence" in themes[2]
    assert "food-aid" in themes[3]
    assert "movement" in themes[4]
    assert "abductions" in themes[5]
    assert "covid" in themes[6]
    assert "ohchr" in themes[9]


def test_seed_002_second_letter_laid_out_one_paragraph_per_line(taxonomy: Taxonomy) -> None:
    _check(_seed_asks(taxonomy, "002", letter=2, one_per_line=True), _SEED_002)


_SEED_003 = (
    [("urge", "As your government undertakes new efforts")]
    + [("urge", "Engaging with and responding"), ("urge", "Engaging with the UN special")]
    + [("urge", "Continuing to engage"), ("urge", "Meeting your treaty commitments")]
    + [("urge", "Ratifying other human rights treaties"), ("urge", "Opening immediate")]
    + [("request", "End the use of forced labor"), ("request", "Ensure all workers")]
    + [("request", "Agree to meet"), ("request", "Apply for membership to the ILO")]
    + [("request", "Allow visits by ILO officials"), ("request", "Establish in law")]
    + [("urge", "Respond positively"), ("urge", "Take action against"), ("urge", "Allow access")]
    + [("urge", "Take immediate steps to address"), ("urge", "Engage and allow access")]
    + [("urge", "Take steps to release"), ("urge", "Permit prison visits")]
    + [("urge", "Establish regular reunion"), ("urge", "Respect the right of freedom")]
    + [("urge", "Allow regular exchanges"), ("urge", "Respect the right of all persons")]
    + [("urge", "Engage in broader discussions"), ("urge", "Allow foreign nationals")]
    + [("urge", "Take immediate steps to prioritize"), ("urge", "Commit resources")]
    + [("urge", "Accept international or national humanitarian aid")]
    + [("urge", "Finally, as you have pledged")]
)


def test_seed_003_bullets_under_lead_ins(taxonomy: Taxonomy) -> None:
    asks = _seed_asks(taxonomy, "003")
    _check(asks, _SEED_003)
    assert "forced-labour" in asks[7].themes
    assert "labour-rights" in asks[9].themes
    assert "un-access" in asks[15].themes
    assert "humanitarian-aid" in asks[28].themes


def test_seed_003_with_numbered_titles_as_list_items(taxonomy: Taxonomy) -> None:
    """If the numbered section titles are list items, each is an ask taking the verb of the
    latest lead-in: the ":" paragraph before it, or the one before the bullets above it."""
    paragraphs = _seed_paragraphs("003")
    titles = [p.text for p in paragraphs if p.kind == "heading"]
    asks = extract_asks(
        [Paragraph("list-item", p.text) if p.kind == "heading" else p for p in paragraphs],
        taxonomy,
    )
    assert len(asks) == len(_SEED_003) + 6
    by_text = {a.text: a.verb for a in asks}
    assert [by_text[_MARKER.sub("", title)] for title in titles] == [
        "urge", "urge", "request", "urge", "urge", "urge",
    ]  # fmt: skip
    assert "Act on United Nations Human Rights Recommendations" in by_text


def test_seed_004_request_recommend_urge(taxonomy: Taxonomy) -> None:
    asks = _seed_asks(taxonomy, "004")
    _check(
        asks,
        [
            ("request", "We write to request that you personally attend"),
            ("recommend", "Specifically, with respect to the text of the draft resolution, we"),
            ("urge", "We also urge that the text contain language"),
        ],
    )
    assert {"sanctions", "security-council", "ohchr"} <= set(asks[2].themes)


VERBS = (Path(__file__).resolve().parent.parent / "compare" / "data" / "verbs.toml").read_text()


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda t: t.replace("[[verb]]", "[[verbs]]"), "verbs.toml: no [[verb]] tables"),
        (
            lambda t: t.replace('lemma = "demand"\nrank = 7', 'lemma = "demand"'),
            "verbs.toml: [[verb]] 'demand' has no integer 'rank'",
        ),
        (
            lambda t: t.replace("[modal_context]", "[modal_contexts]"),
            "verbs.toml: no [modal_context] table",
        ),
        (
            lambda t: re.sub(r"(?m)^adverbs = \[", "adverbs = [1, ", t),
            "verbs.toml: [prose] 'adverbs' must be a list of non-empty strings (item 1 is 1)",
        ),
    ],
)
def test_malformed_vocabulary_names_the_file_and_entry(edit, message) -> None:
    with pytest.raises(DataFileError) as caught:
        _build_vocabulary(parse_data(edit(VERBS), "verbs.toml"))
    assert str(caught.value) == message
