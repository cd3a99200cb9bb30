"""The parser on small crafted letters: one behaviour per test."""

from __future__ import annotations

import pytest

from compare.errors import NoLetterError
from compare.models import DocumentPart
from compare.reading.parsing import parse_part
from compare.reading.splitting import document_lines


def parse(text: str, taxonomy):
    return parse_part(
        DocumentPart(source="t.txt", part=1, lines=tuple(document_lines(text))), taxonomy
    )


SCRAPED = """Skip to main content
Home
Open letter to the Human Rights Council on prison conditions

Posted on 3 March 2021 | Statements

Share this

Geneva, 2 March 2021

Ms. Jane Doe
President of the Human Rights Council
Palais des Nations, Geneva

Re: Prison conditions in the Republic of Exampleland

Dear Madam President,

We write to urge the Council to establish a commission of inquiry. The court hearing on
12 April 2021 will be closed to the public.

Share this

We also call on member states to press for access for independent monitors.¹

Sincerely,

Thank you for your attention to these concerns.

Signatories

Prison Watch, Kenya
Justice Now / Peru

¹ See the annual report, para. 4.

cc: Ambassador of Exampleland to the UN

https://example.org/letters/prisons

Previous
Next
Donate now
Our director has worked on prisons for twenty years and he is based in Geneva.
"""


@pytest.fixture(scope="module")
def scraped(taxonomy):
    return parse(SCRAPED, taxonomy)


def test_title_is_the_heading_that_names_a_letter(scraped):
    assert scraped.title == "Open letter to the Human Rights Council on prison conditions"


def test_date_is_the_dateline_nearest_the_letter_not_a_date_in_the_body(scraped):
    assert scraped.date == "2021-03-02"


def test_subject_line(scraped):
    assert scraped.subject == "Prison conditions in the Republic of Exampleland"


def test_address_block_and_recipient_come_from_the_lines_above_the_salutation(scraped):
    assert scraped.recipient_block == (
        "Ms. Jane Doe",
        "President of the Human Rights Council",
        "Palais des Nations, Geneva",
    )
    assert scraped.recipient == "Ms. Jane Doe"


def test_salutation_and_closing(scraped):
    assert scraped.salutation == "Dear Madam President,"
    assert scraped.closing == "Sincerely,"


def test_body_is_rejoined_and_chrome_inside_the_span_is_dropped(scraped):
    texts = [p.text for p in scraped.paragraphs]
    assert texts[0].startswith("We write to urge the Council")
    assert "closed to the public." in texts[0]
    assert all("Share this" not in t for t in texts)
    assert [p.kind for p in scraped.paragraphs] == ["body", "body", "closing", "body"]
    assert texts[-1] == "Thank you for your attention to these concerns."


def test_signatories_stop_before_footnotes_and_never_include_cc_or_chrome(scraped):
    names = [s.name for s in scraped.signatories]
    assert names == ["Prison Watch", "Justice Now"]
    assert [s.country for s in scraped.signatories] == ["Kenya", "Peru"]


def test_footnotes_cc_and_source_url(scraped):
    assert [(f.mark, f.text) for f in scraped.footnotes] == [
        ("1", "See the annual report, para. 4.")
    ]
    assert scraped.cc == ("Ambassador of Exampleland to the UN",)
    assert scraped.source_url == "https://example.org/letters/prisons"


def test_page_chrome_and_bio_below_the_letter_are_dropped(scraped):
    everything = " ".join(p.text for p in scraped.paragraphs) + " ".join(
        s.name for s in scraped.signatories
    )
    for chrome in ("Previous", "Donate", "Our director", "Skip to main content"):
        assert chrome not in everything


def test_asks_keep_their_verbs(scraped):
    assert [a.verb for a in scraped.asks] == ["urge", "call on"]


def test_statement_without_salutation_starts_at_the_first_running_text(taxonomy):
    letter = parse(
        "Joint statement on the elections\n\n5 May 2022\n\n"
        "The undersigned organisations are alarmed by the arrests of journalists this week.\n\n"
        "Signed,\n\nPress Freedom Group\n",
        taxonomy,
    )
    assert letter.salutation is None
    assert letter.recipient is None
    assert letter.date == "2022-05-05"
    assert letter.paragraphs[0].text.startswith("The undersigned organisations")
    assert [s.name for s in letter.signatories] == ["Press Freedom Group"]


def test_letter_without_a_date_has_date_none(taxonomy):
    letter = parse(
        "Dear Minister,\n\nWe ask you to free them by 1 June 2023.\n\nRegards,\nX Org", taxonomy
    )
    assert letter.date is None


def test_recipient_from_the_title_when_there_is_no_address_block(taxonomy):
    letter = parse(
        "Open Letter to the UN Secretary-General concerning refugees\n\n"
        "Excellency,\n\nWe urge you to act.\n\nSincerely,\nA Group",
        taxonomy,
    )
    assert letter.recipient == "UN Secretary-General"


def test_recipient_from_the_salutation_when_nothing_else_names_one(taxonomy):
    letter = parse("Dear Foreign Minister Smith,\n\nWe urge you to act.\n\nSincerely,\nA", taxonomy)
    assert letter.recipient == "Foreign Minister Smith"


def test_claimed_count_after_the_undersigned(taxonomy):
    letter = parse(
        "Dear Sir,\n\nOn behalf of the undersigned 60 organizations, we write to you.\n\n"
        "Sincerely,\nA Org",
        taxonomy,
    )
    assert letter.claimed_signatories == 60


def test_claimed_signatory_count(taxonomy):
    letter = parse(
        "Dear Sir,\n\nWe write on behalf of 12 human rights organizations to urge you to act.\n\n"
        "Sincerely,\nA Org\nB Org",
        taxonomy,
    )
    assert letter.claimed_signatories == 12
    assert any("claims 12" in w for w in letter.warnings)


def test_footnotes_in_caret_and_bracket_forms(taxonomy):
    letter = parse(
        "Dear Sir,\n\nText with marks.^{iv} More[2].\n\nSincerely,\n\nA Org\n\n"
        "^{iv} First note.\n[2] Second note\ncontinues here.",
        taxonomy,
    )
    assert [(f.mark, f.text) for f in letter.footnotes] == [
        ("iv", "First note."),
        ("2", "Second note continues here."),
    ]


def test_text_with_no_letter_raises_no_letter_error(taxonomy):
    with pytest.raises(NoLetterError):
        parse("Home\nNews\nContact", taxonomy)


def test_a_body_sentence_that_mentions_an_image_file_is_kept(taxonomy):
    letter = parse(
        "Dear Sir,\n\nThe photo.jpg we sent shows the camp, see <img src=x.png> here.\n\n"
        "Sincerely,\nA Org",
        taxonomy,
    )
    assert letter.paragraphs[0].text.startswith("The photo.jpg we sent")


def test_a_dateline_below_the_signatures_and_an_inline_cc_list(taxonomy):
    letter = parse(
        "Dear Minister,\n\nWe urge you to act.\n\nYours faithfully,\n\nGroup One, Kenya\n\n"
        "cc: Minister of Justice; Minister of Foreign Affairs\n\nDated: 12 January 2023\n",
        taxonomy,
    )
    assert letter.date == "2023-01-12"
    assert letter.cc == ("Minister of Justice", "Minister of Foreign Affairs")
    assert [s.name for s in letter.signatories] == ["Group One"]
