from compare.models import Document
from compare.reading.splitting import document_lines, split_document

LETTER_A = """Open letter to the Council

1 May 2020

Dear Members of the Council,

We urge you to act now on detention.

Sincerely,

Group One
Group Two"""

LETTER_B = """2 June 2021

Minister of Justice
Capital City

Dear Minister,

We call on you to release all prisoners.

Yours faithfully,

Group Three"""


def parts_of(text: str) -> list:
    return split_document(Document(source="x.txt", text=text))


def test_a_single_letter_is_one_part_numbered_one():
    parts = parts_of(LETTER_A)
    assert [p.part for p in parts] == [1]
    assert parts[0].lines[0] == "Open letter to the Council"


def test_separator_line_splits_letters():
    parts = parts_of(LETTER_A + "\n\n=========\n" + LETTER_B)
    assert [p.part for p in parts] == [1, 2]
    assert parts[1].lines[0] == "2 June 2021"
    assert parts[0].lines[-1] == "Group Two"


def test_second_salutation_after_a_closing_splits_at_its_dateline():
    parts = parts_of(LETTER_A + "\n\n" + LETTER_B)
    assert len(parts) == 2
    assert parts[0].lines[-1] == "Group Two"
    assert parts[1].lines[0] == "2 June 2021"


def test_without_dateline_the_split_starts_at_the_block_above_the_salutation():
    second = (
        "Minister of Justice\nCapital City\n\nDear Minister,\n\nWe ask you to act.\n\nRegards,\nX"
    )
    parts = parts_of(LETTER_A + "\n\n" + second)
    assert parts[1].lines[0] == "Minister of Justice"


def test_two_salutations_without_closing_between_them_stay_one_letter():
    text = "Dear Sir,\n\nText here.\n\nDear Colleagues,\n\nMore text.\n\nSincerely,\nX"
    assert len(parts_of(text)) == 1


def test_whitespace_only_lines_count_as_blank():
    assert document_lines("a\n \xa0 \nb  ") == ["a", "", "b"]
