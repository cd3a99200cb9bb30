"""The date and recipient read from labelled lines: crafted letters with explicit labels (so
the tests do not depend on the learned model), one test per shape a page writes them in."""

from __future__ import annotations

import pytest

import compare.reading.linemodel as linemodel
from compare.corpus import document_letters
from compare.models import Document, DocumentPart, Letter
from compare.reading.dates import date_in_labelled_line, dateline_in_paragraph
from compare.reading.labels import Label
from compare.reading.linemodel import LabelledLine
from compare.reading.parsing import letter_from_labels, page_date
from compare.reading.recipients import (
    address_name,
    recipient_from_intro,
    recipient_from_salutation,
    recipient_from_title,
)
from compare.themes import Taxonomy

BODY = "We write to ask the ministry to publish the report and to meet the unions this month."


def read(rows: list[tuple[str, str | None]], taxonomy: Taxonomy) -> Letter:
    """The letter of ``rows`` (line, label); a ``None`` label is a blank line."""
    lines = [line for line, _ in rows]
    labels: list[Label | None] = [label for _, label in rows]  # type: ignore[misc]
    part = DocumentPart("t.txt", 1, tuple(lines))
    return letter_from_labels(part, lines, labels, taxonomy)


# --- dates -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("3 March, 2015Free the Workers Now!", "2015-03-03"),  # glued to the title
        ("  • 04/10/2019", "2019-10-04"),  # a bulleted meta line, day first
        ("date: 2018-02-09", "2018-02-09"),  # front matter
        ("posted 2 Feb 2016, 08:15 by Jo Bloggs   [ updated 2 Feb 2016, 09:00 ]", "2016-02-02"),
        ("21 Oct 2019 14:05 (Lisbon time)", "2019-10-21"),
        ("📅 9 July 2022 — News", "2022-07-09"),
    ],
)
def test_a_labelled_dateline_is_read_when_text_follows_its_date(line, expected):
    assert date_in_labelled_line(line) == expected


@pytest.mark.parametrize(
    "line",
    [
        "On April 4, 2017, during a hearing, the court ruled against them.",
        "The board met on 3 May 2021 to decide.",
        "9 July 20221",  # the number goes on
    ],
)
def test_a_date_labelled_line_that_is_a_sentence_gives_no_date(line):
    assert date_in_labelled_line(line) is None


def test_the_date_glued_to_a_title_is_the_letters_date(taxonomy):
    letter = read(
        [
            ("campaign letter to send", "title"),  # the page's label, further up
            ("3 March, 2015Free the Workers Now!", "date"),
            ("", None),
            ("Dear Mr. Example,", "salutation"),
            (BODY, "body"),
            ("Sincerely,", "closing"),
        ],
        taxonomy,
    )
    assert letter.date == "2015-03-03"
    assert letter.title == "Free the Workers Now!"


def test_a_dateline_opening_a_run_in_paragraph_is_the_date(taxonomy):
    text = (
        "JOINT STATEMENT ON WATER ACCESS IN THE VALLEY (Lyon/Oslo, 2 March 2020): "
        "The agencies call on all parties to restore water supplies. " + BODY
    )
    letter = read([(text, "body")], taxonomy)
    assert letter.date == "2020-03-02"
    assert dateline_in_paragraph("OSLO, 2 March 2020 – " + BODY) == "2020-03-02"


@pytest.mark.parametrize(
    ("byline", "expected"),
    [
        ("posted 3 Mar 2019, 08:15 by Site Editor   [ updated 3 Mar 2019, 09:00 ]", "2019-03-03"),
        ("Published on 12 October 2022", "2022-10-12"),
        ("4 Feb 2021 14:20 (Lisbon time)", "2021-02-04"),
    ],
)
def test_a_bylines_date_above_a_letter_without_its_own_is_the_posts_date(
    byline, expected, taxonomy
):
    rows = [
        ("Home > Letters >", "chrome"),
        (byline, "chrome"),
        ("@Site Editor", "chrome"),
        ("Dear Minister,", "salutation"),
        (BODY, "body"),
    ]
    assert read(rows, taxonomy).date == expected


def test_a_date_in_page_furniture_far_above_or_behind_a_title_is_not_the_letters(taxonomy):
    far = [("Latest: 3 May 2021", "chrome")] + [("Menu item", "chrome")] * 5
    letter = read([*far, ("Dear Minister,", "salutation"), (BODY, "body")], taxonomy)
    assert letter.date is None
    titled = [
        ("Posted on 3 May 2021", "chrome"),
        ("Open letter on water", "title"),
        ("Dear Minister,", "salutation"),
        (BODY, "body"),
    ]
    assert read(titled, taxonomy).date is None


def test_a_date_in_the_body_is_never_the_letters_date(taxonomy):
    letter = read(
        [
            ("Dear Minister,", "salutation"),
            ("The court (Lyon, 2 March 2020) ruled against the union on 4 May 2020.", "body"),
            (BODY, "body"),
        ],
        taxonomy,
    )
    assert letter.date is None


def test_a_page_date_above_the_first_letter_is_the_page_date():
    lines = ["Site menu", "", "12 August 2016", "", "First title", "Body text here."]
    labels: list[Label | None] = ["chrome", None, "date", None, "title", "body"]
    assert page_date(lines, labels) == "2016-08-12"
    # below the first letter's title the dateline is that letter's own
    labels = ["chrome", None, "title", None, "date", "body"]
    assert page_date(lines, labels) is None


def test_every_letter_of_a_letters_page_takes_the_page_date(monkeypatch, taxonomy):
    rows: list[tuple[str, Label | None]] = [
        ("Readers' letters", "chrome"),
        ("", None),
        ("12 August 2016", "date"),
        ("", None),
        ("Plant more trees in town", "title"),
        ("", None),
        ("The council should plant more trees along the main road this year.", "body"),
        ("", None),
        ("Ann Example", "signature"),
        ("", None),
        ("Keep the library open", "title"),
        ("", None),
        ("The library must stay open on Sundays for the students who need it.", "body"),
        ("", None),
        ("Ben Sample", "signature"),
    ]
    _label_with(monkeypatch, rows)
    text = "\n".join(line for line, _ in rows)
    letters = document_letters(Document(source="t.txt", text=text), taxonomy)
    assert [letter.title for letter in letters] == [
        "Plant more trees in town",
        "Keep the library open",
    ]
    assert [letter.date for letter in letters] == ["2016-08-12", "2016-08-12"]


def test_a_letters_own_date_wins_over_the_page_date(monkeypatch, taxonomy):
    rows: list[tuple[str, Label | None]] = [
        ("12 August 2016", "date"),
        ("", None),
        ("Plant more trees in town", "title"),
        ("The council should plant more trees along the main road this year.", "body"),
        ("Ann Example", "signature"),
        ("", None),
        ("Keep the library open", "title"),
        ("3 August 2016", "date"),
        ("The library must stay open on Sundays for the students who need it.", "body"),
        ("Ben Sample", "signature"),
    ]
    _label_with(monkeypatch, rows)
    text = "\n".join(line for line, _ in rows)
    letters = document_letters(Document(source="t.txt", text=text), taxonomy)
    assert [letter.date for letter in letters] == ["2016-08-12", "2016-08-03"]


def _label_with(monkeypatch: pytest.MonkeyPatch, rows: list[tuple[str, Label | None]]) -> None:
    """Make the whole-file labeller give ``rows``' labels."""

    def labelled(document: Document) -> list[LabelledLine]:
        return [
            LabelledLine(n, line, label, 1.0, label, document.source)
            for n, (line, label) in enumerate(rows, start=1)
        ]

    monkeypatch.setattr(linemodel, "has_model", lambda: True)
    monkeypatch.setattr(linemodel, "label_document", labelled)


# --- recipients --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("To Acme Corp, Globex and Initech:", "Acme Corp, Globex and Initech"),
        ("To: The Hon. Jane Example MP,", "The Hon. Jane Example MP"),
        ("• destinatário: Ana Exemplo, Presidente", "Ana Exemplo, Presidente"),
        ("Destinataire : M. Jean Exemple", "M. Jean Exemple"),
        ("Empfänger: Stadtrat Musterstadt", "Stadtrat Musterstadt"),
        ("Attn Board of Directors", "Board of Directors"),
        ("To:", ""),
    ],
)
def test_an_address_line_loses_its_label(line, expected):
    assert address_name(line) == expected


def test_a_to_line_and_a_bare_to_block_give_the_recipient(taxonomy):
    letter = read(
        [
            ("To:", "recipient"),
            ("Jo Example, Director of the Port Authority", "recipient"),
            ("Sam Sample, Mayor", "recipient"),
            ("", None),
            (BODY, "body"),
        ],
        taxonomy,
    )
    assert letter.recipient == "Jo Example, Director of the Port Authority"


def test_an_excellency_address_line_is_the_recipient(taxonomy):
    letter = read(
        [("Your Excellency / Minister of Fisheries", "recipient"), (BODY, "body")], taxonomy
    )
    assert letter.recipient == "Your Excellency / Minister of Fisheries"


@pytest.mark.parametrize(
    ("salutation", "expected"),
    [
        ("Dear Secretary Example,", "Secretary Example"),
        ("Estimado Sr. Ministro:", "Sr. Ministro"),
        ("Madame la Ministre,", "Madame la Ministre"),
        ("Sehr geehrte Frau Ministerin,", "Frau Ministerin"),
        ("Kia ora Ana Example and Ben Sample", "Ana Example and Ben Sample"),
        ("'To all Members of the Regional Assembly,", "all Members of the Regional Assembly"),
        (
            "Dear Dr. Ana Example, I write to you for our society about the "
            "plans you announced last week for the new hospital.",
            "Dr. Ana Example",
        ),
        ("Dear Sir,", None),
        ("Sehr geehrte Damen und Herren,", None),
        ("Madame, Monsieur,", None),
        ("Estimados señores:", None),
        ("To whom it may concern,", None),
        ("Hello everyone,", None),
        ("We write to you today", None),  # not a greeting
    ],
)
def test_whom_a_salutation_greets(salutation, expected):
    assert recipient_from_salutation(salutation) == expected


def test_a_salutation_naming_people_wins_over_a_title_naming_parties(taxonomy):
    letter = read(
        [
            ("Groups Write Open Letter To Blue/Green", "title"),
            ("Kia ora Ana Example and Ben Sample", "salutation"),
            (BODY, "body"),
        ],
        taxonomy,
    )
    assert letter.recipient == "Ana Example and Ben Sample"


def test_a_title_names_the_recipient_when_the_salutation_does_not(taxonomy):
    letter = read(
        [
            ("Open letter to the Harbour Board on dredging", "title"),
            ("Dear Sir,", "salutation"),
            (BODY, "body"),
        ],
        taxonomy,
    )
    assert letter.recipient == "Harbour Board"


def test_an_intro_line_above_the_letter_names_its_recipient(taxonomy):
    letter = read(
        [
            (
                "Last week the union's president sent the following letter to Jo Example, "
                "Chief Executive of Example Shipping Ltd.",
                "chrome",
            ),
            (BODY, "body"),
        ],
        taxonomy,
    )
    assert letter.recipient == "Jo Example"
    assert recipient_from_intro("Sign this letter to protect the forests.") is None


def test_a_statement_with_no_addressee_has_no_recipient(taxonomy):
    letter = read(
        [
            ("Joint statement on the dam", "title"),
            ("3 March 2015", "date"),
            (BODY, "body"),
            ("We ask the minister to meet the affected families.", "body"),
        ],
        taxonomy,
    )
    assert letter.recipient is None
    assert letter.recipient_block == ()


@pytest.mark.parametrize(
    ("salutation", "recipient"),
    [
        (
            "Secretary-General Jane Doe and Special Envoy John Roe,",
            "Secretary-General Jane Doe and Special Envoy John Roe",
        ),
        ("Members of the Board,", "Members of the Board"),
        ("Señora Alcaldesa:", "Señora Alcaldesa"),
        ("Thank you for reading this far", None),  # no comma or colon: no vocative
    ],
)
def test_a_salutation_without_a_greeting_word_names_its_addressees(salutation, recipient):
    assert recipient_from_salutation(salutation) == recipient


def test_an_address_line_with_a_web_address_names_nobody():
    from compare.reading.recipients import recipient_from_block

    block = ["To co-sign, visit: https://example.org/sign", "Jane Roe, Minister"]
    assert recipient_from_block(block, None) == "Jane Roe, Minister"


def test_a_salutation_glued_to_the_sentence_before_it_is_read_alone():
    from compare.reading.lexicon import split_salutation

    glued = "The associations below refuse the meeting.Madame la Ministre,"
    assert split_salutation(glued) == ("Madame la Ministre,", "")
    assert split_salutation("Dear Minister,") == ("Dear Minister,", "")
    assert split_salutation("We met. Then we left.") == ("We met. Then we left.", "")


@pytest.mark.parametrize(
    ("line", "greeting", "sentence"),
    [
        (
            "Sir – We share the minister's pride in the harbour's long history of trade.",
            "Sir",
            "We share the minister's pride in the harbour's long history of trade.",
        ),
        (
            "Dear Editor, We the undersigned write about the closure of the river bridge.",
            "Dear Editor,",
            "We the undersigned write about the closure of the river bridge.",
        ),
        (
            "Dear Example Corp,I am writing on behalf of our members about your packaging.",
            "Dear Example Corp,",
            "I am writing on behalf of our members about your packaging.",
        ),
        # a list of addressees, not a sentence: the line stays whole
        (
            "Dear Minister Roe, Minister Doe and Ms Poe,",
            "Dear Minister Roe, Minister Doe and Ms Poe,",
            "",
        ),
        # too short to be the letter's first sentence
        ("Dear Jo, Thanks again.", "Dear Jo, Thanks again.", ""),
    ],
)
def test_a_sentence_run_into_the_salutation_is_cut_from_it(line, greeting, sentence):
    from compare.reading.lexicon import split_salutation

    assert split_salutation(line) == (greeting, sentence)


def test_the_sentence_run_into_the_salutation_opens_the_body(taxonomy):
    letter = read(
        [
            (
                "Sir – We share the minister's pride in the harbour's long history of trade.",
                "salutation",
            ),
            (BODY, "body"),
        ],
        taxonomy,
    )
    assert letter.salutation == "Sir"
    assert letter.paragraphs[0].text.startswith("We share the minister's pride")
    assert letter.recipient == "Sir"  # a generic greeting is the last resort


@pytest.mark.parametrize(
    ("title", "recipient"),
    [
        ("Save Our Clinics President Roe", "President Roe"),
        ("Save the river, Governor Jane Doe!", "Governor Jane Doe"),
        ("Keep the library open Mayor Smith", "Mayor Smith"),
        ("Statement by President Jane Doe", None),  # the office holder is the author
        ("Meeting of the President", None),  # no name after the office
        ("Minister announces a new plan", None),
        ("A call to action for Prime Minister Roe", "Prime Minister Roe"),
    ],
)
def test_a_title_ending_with_an_office_and_a_name_addresses_them(title, recipient):
    assert recipient_from_title(title) == recipient


def test_a_generic_greeting_names_nobody_while_anything_else_names_someone(taxonomy):
    assert recipient_from_salutation("Dear Sir,") is None
    assert recipient_from_salutation("Dear Sir,", generic=True) == "Sir"
    letter = read([("Dear Sir or Madam,", "salutation"), (BODY, "body")], taxonomy)
    assert letter.recipient == "Sir or Madam"


def test_the_labelled_address_line_wins_over_a_caption_above_it():
    from compare.reading.recipients import recipient_from_block

    block = ["Boats moored along the quay at dusk", "To: The Hon. Jane Roe MP,"]
    assert recipient_from_block(block, None) == "The Hon. Jane Roe MP"


def test_a_line_presenting_the_letter_is_never_its_title():
    from compare.reading.lexicon import presents_letter

    assert presents_letter("Last week the network sent the following statement to the council.")
    assert presents_letter("Voici la lettre ci-dessous :")
    assert presents_letter("Read the full letter below:")
    assert not presents_letter("Open letter to the Minister of Health")
    assert not presents_letter("We write the following letters every year")


@pytest.mark.parametrize(
    ("line", "address"),
    [
        ("The Hon. Jane Roe MP", True),
        ("Minister of Labour and Employment", True),
        ("Madame la Ministre de l'Intérieur", True),
        ("75008 Paris", True),
        ("Your Excellency / Minister of Fisheries", True),
        ("Shelter for the homeless", False),  # a headline
        ("Plans to widen the ring road", False),
        ("Resources > Statements", False),  # a breadcrumb
        ("Opinion | 3-9-17", False),
        ("Loading...", False),
        ("Autor: Jane Roe", False),  # a byline
        ("By: Jane Roe", False),
        ("On the world day of solidarity with the valley's farmers on 6 March 2008.", False),
        ("Ministry of Labour, 12 Main Street, Suva.", True),
    ],
)
def test_only_lines_that_can_be_address_lines_stay_in_the_address_block(line, address):
    from compare.reading.recipients import is_address_line

    assert is_address_line(line) is address


@pytest.mark.parametrize(
    ("line", "addressed"),
    [
        ("To Acme Foods, Globex Bank and Initech Holdings:", True),
        ("To the Minister of Health,", True),
        ("To that end, we ask:", False),
        ("To date, we have written twice.", False),
        ("To sign, visit https://example.org:", False),
        ("To all Branches and Regional Councils", True),
        ("To the Harbour Board", True),
        ("To Save the Reef", False),
        ("To the end of the year the union will keep the strike going", False),
        ("To the members.", False),
    ],
)
def test_a_to_line_without_a_colon_addresses_the_letter(line, addressed):
    from compare.reading.recipients import is_to_line

    assert is_to_line(line) is addressed


@pytest.mark.parametrize(
    ("line", "subject"),
    [
        ("Objet : Projet de loi sur l'eau", "Projet de loi sur l'eau"),
        ("Re: Your letter of 3 May", "Your letter of 3 May"),
        ("Betreff: Wasserversorgung", "Wasserversorgung"),
        ("Reform of the water courts", "Reform of the water courts"),  # no label
    ],
)
def test_a_subject_lines_label_is_cut_in_every_language(line, subject):
    from compare.reading.parsing import subject_text

    assert subject_text(line) == subject


@pytest.mark.parametrize(
    "line",
    ["À l'attention de Monsieur Jean Exemple", "For the attention of Jane Roe, Director"],
)
def test_an_address_label_that_needs_no_colon_keeps_the_line_in_the_address_block(line):
    from compare.reading.recipients import is_address_line, is_labelled_address

    assert is_labelled_address(line) and is_address_line(line)


def test_the_undersigned_with_a_number_is_the_claimed_count(taxonomy):
    letter = read(
        [
            ("We, the undersigned 30 organisations, call on the council to act.", "body"),
            (BODY, "body"),
        ],
        taxonomy,
    )
    assert letter.claimed_signatories == 30


def test_a_spanish_dateline_joining_place_and_date_with_a_and_a_cordial_greeting_are_read():
    from compare.reading.dates import parse_date_line
    from compare.reading.lexicon import is_salutation

    assert parse_date_line("Ciudad de México a 3 de mayo de 2021.") == "2021-05-03"
    assert parse_date_line("Give a 5 May 2021 gift") is None  # "a" joins a place, not a verb
    assert is_salutation("Cordial saludo,")
