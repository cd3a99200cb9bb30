"""A letter whose line breaks were lost is cut back into lines (compare/reading/runin.py)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from compare.reading.runin import cut_line, opens_after_letter, unflatten

TEXT = (
    "Governments must keep the river crossings open for aid convoys this winter, and the "
    "agencies call on every party to let the trucks through without delay. " * 4
)
FLAT = (
    "View this email in your browser JOINT STATEMENT ON RIVER CROSSINGS (Lyon/Oslo, 2 March 2020): "
    + TEXT
    + "Signatories Ms. Ada Poe, Executive Director, Example Relief Agency (ERA) "
    "Dr. Ben Roe, Director-General, Example Health Body (EHB) "
    "Mr. Cal Doe, High Commissioner for Example Affairs (ECA) "
    "For more information, contact: In Oslo, Dee Poe, dee@example.org "
    "You received this email because you subscribed to our updates."
)


def test_a_flattened_newsletter_is_cut_at_its_header_signature_list_and_footer():
    lines = cut_line(FLAT)
    assert lines[0] == "View this email in your browser"
    assert lines[1].startswith("JOINT STATEMENT") and lines[1].endswith("without delay.")
    assert lines[2] == "Signatories"
    assert lines[3:6] == [
        "Ms. Ada Poe, Executive Director, Example Relief Agency (ERA)",
        "Dr. Ben Roe, Director-General, Example Health Body (EHB)",
        "Mr. Cal Doe, High Commissioner for Example Affairs (ECA)",
    ]
    assert lines[6].startswith("For more information")
    assert lines[7].startswith("You received this")


def test_short_lines_and_long_lines_without_marks_are_left_as_they_are():
    short = "Signatories Ms. Ada Poe, Director (ERA) Dr. Ben Roe, Director (EHB)"
    assert unflatten(short) == short
    long = "  " + TEXT + "  "  # its own spaces kept too
    assert unflatten(long + "\n\nSincerely,") == long + "\n\nSincerely,"
    heading_in_a_sentence = TEXT + "The groups signed Ms. Ada Poe's appeal."  # no sentence end
    assert unflatten(heading_in_a_sentence) == heading_in_a_sentence


def test_the_whole_file_reads_as_a_statement_with_its_signers(tmp_path):
    from compare.corpus import read_letters
    from compare.themes import load_taxonomy

    path = tmp_path / "newsletter.txt"
    path.write_text("Loading...\n" + FLAT + "\n|\n", encoding="utf-8")
    (letter,) = read_letters(path, load_taxonomy())
    assert [s.name for s in letter.signatories] == ["Ms. Ada Poe", "Dr. Ben Roe", "Mr. Cal Doe"]
    text = "\n".join(p.text for p in letter.paragraphs)
    assert "View this email" not in text and "dee@example.org" not in text
    assert letter.date == "2020-03-02"


def test_a_block_after_the_letter_is_told_by_its_opening_phrase():
    assert opens_after_letter("For further details, write to: Jo Roe")
    assert opens_after_letter("Media contact: Jo Roe, +1 555 0100")
    assert not opens_after_letter("Formerly of the Example Institute")


@given(
    st.lists(
        st.sampled_from([TEXT, "Signatories ", "Dr. Ada Poe (ERA) ", "For more information "]),
        max_size=8,
    )
)
def test_cutting_lines_never_loses_or_adds_a_character(pieces):
    text = "".join(pieces)
    assert "".join(unflatten(text).split()) == "".join(text.split())
