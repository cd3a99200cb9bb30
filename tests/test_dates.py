import pytest

from compare.reading.dates import find_dates, parse_date_line


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("10 November 2014", "2014-11-10"),
        ("December 5, 2022", "2022-12-05"),
        ("New York, 10 November 2014", "2014-11-10"),
        ("Posted on Oct 14, 2020", "2020-10-14"),
        ("Oct 14, 2020 | News", "2020-10-14"),
        ("Monday, 3rd of March 2021", "2021-03-03"),
        ("2019-07-01", "2019-07-01"),
        ("Sept. 3, 2019", "2019-09-03"),
    ],
)
def test_datelines_in_the_shapes_letters_use(line, expected):
    assert parse_date_line(line) == expected


@pytest.mark.parametrize(
    "line",
    [
        "On November 8, 2017, during a session with the Committee, members rejected it.",
        "31 February 2020",  # not a real day
        "Joint Open Letter to UN Security Council Member States",
        "November 2020",  # no day: not a dateline
    ],
)
def test_sentences_and_impossible_dates_are_not_datelines(line):
    assert parse_date_line(line) is None


def test_find_dates_lists_every_date_in_running_text_in_order():
    text = "Held on 16 November 2022 and again on January 3, 2023."
    assert find_dates(text) == [
        ("16 November 2022", "2022-11-16"),
        ("January 3, 2023", "2023-01-03"),
    ]
