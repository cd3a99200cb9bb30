import pytest

from compare.datafiles import load_data
from compare.reading.dates import find_dates, parse_date, parse_date_line


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


# --------------------------------------------------------------------------- other languages


@pytest.mark.parametrize(
    "line",
    [
        "13 mai 2021",
        "13. května 2021",
        "13 мая 2021 г.",
        "13 мая 2021 года",
        "13 de mayo de 2021",
        "13. Mai 2021",
        "13 de maio de 2021",
        "13 maggio 2021",
        "13 mei 2021",
        "13 maja 2021 r.",
        "jeudi 13 mai 2021",
        "Montag, 13. Mai 2021",
        "Paris, le 13 mai 2021",
        "Berlin, den 13. Mai 2021",
        "V Praze dne 13. května 2021",
        "Warszawa, dnia 13 maja 2021 r.",
        "Москва, 13 мая 2021 г.",
        "Madrid, a 13 de mayo de 2021",
        "13 kvetna 2021",  # written without its accents
        "Publié le 13 mai 2021",
        "Publicado el 13 de mayo de 2021",
    ],
)
def test_month_names_in_other_languages(line):
    assert parse_date_line(line) == "2021-05-13"


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Posted on 13 May 2021", "2021-05-13"),
        ("Published 13 May 2021", "2021-05-13"),
        ("📅 Date: 13 May 2021", "2021-05-13"),
        ("posted 4 Mar 2016, 08:40 by Jane Doe", "2016-03-04"),
        ("Posted on 4 Mar 2016 at 8:40 pm | 3 comments", "2016-03-04"),
        ("Friday, March 8, 2019 - 09:15", "2019-03-08"),
        ("date: 2019-08-07", "2019-08-07"),
        ("2019-08-07T10:00:00+02:00", "2019-08-07"),
        ("2019-07-01 - News", "2019-07-01"),
        ("2021/05/13", "2021-05-13"),
        ("(Lisbon/Nairobi, 9 April 2018):", "2018-04-09"),
        ("1er mai 2021", "2021-05-01"),
    ],
)
def test_labelled_and_post_datelines(line, expected):
    assert parse_date_line(line) == expected


@pytest.mark.parametrize(
    "line",
    [
        "(Lisbon/Nairobi, 9 April 2018): The experts called on the governments of the region "
        "to act now.",
        "NAIROBI (9 April 2018) – The experts called on the governments of the region to act "
        "on this now.",
        "Posted on 9 April 2018 by Jane Doe in Letters, Statements, Human Rights, Asia and "
        "the Pacific",
    ],
)
def test_a_long_line_opening_with_a_labelled_dateline(line):
    assert parse_date_line(line) == "2018-04-09"


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("13/05/2021", "2021-05-13"),
        ("12.03.2021", "2021-03-12"),
        ("12-03-2021", "2021-03-12"),
        ("13. 5. 2021", "2021-05-13"),
        ("05/13/2021", "2021-05-13"),  # only one reading is a real date
        ("Date: 03/05/2021", "2021-05-03"),
    ],
)
def test_numeric_dates_are_day_first_by_default(line, expected):
    assert parse_date_line(line) == expected


def test_numeric_dates_month_first_when_asked():
    assert parse_date_line("03/05/2021", dayfirst=False) == "2021-03-05"
    assert parse_date_line("13/05/2021", dayfirst=False) == "2021-05-13"  # unambiguous
    assert find_dates("on 03.05.2021", dayfirst=False) == [("03.05.2021", "2021-03-05")]
    assert parse_date("03-05-2021") == "2021-05-03"


@pytest.mark.parametrize(
    "line",
    [
        "The court will hear the case on 13 May 2021.",
        "The hearing is on 13 May 2021.",
        "Nous nous réunirons le 13 mai 2021 à Paris.",
        "El juicio se celebrará el 13 de mayo de 2021 en Madrid.",
        "Das Gericht hat am 13. Mai 2021 entschieden.",
        "Суд состоится 13 мая 2021 г. в Москве.",
        "Soud rozhodl 13. května 2021 o vazbě.",
        "On 13 May 2021: the court ruled that the detention was unlawful and ordered the "
        "release of all of them.",
        "On Monday, 13 May 2021 – the day of the hearing – the court ruled the detention "
        "unlawful and more.",
        "The meeting of 13/05/2021 decided nothing at all.",
        "32/05/2021",
        "13/13/2021",
    ],
)
def test_prose_with_a_date_in_any_language_is_not_a_dateline(line):
    assert parse_date_line(line) is None


def test_find_dates_reads_other_languages_and_numbers():
    text = "Le 13 mai 2021, puis le 2 juin 2021; el 13 de mayo de 2021; am 12.03.2021."
    assert [iso for _, iso in find_dates(text)] == [
        "2021-05-13",
        "2021-06-02",
        "2021-05-13",
        "2021-03-12",
    ]


def test_a_month_name_given_two_months_is_a_data_file_error():
    from compare.datafiles import parse_data
    from compare.errors import DataFileError
    from compare.reading.dates import date_words_from

    assert load_data("months")  # the packaged file loads
    text = (
        '[months.xx]\njanuary = ["mar"]\n[weekdays]\nxx = ["d"]\n'
        '[dateline]\nlabels = ["a"]\nleads = ["b"]\nplace_joiners = ["c"]\n'
        'connectors = ["of"]\nyear_words = ["r."]\ntime_leads = ["at"]\nauthors = ["by"]\n'
    )
    with pytest.raises(DataFileError, match=r"x\.toml: \[months\.xx\] 'january': 'mar' is month 3"):
        date_words_from(parse_data(text, "x.toml"))
    with pytest.raises(DataFileError, match=r"\[months\.xx\] 'januar' is not a month"):
        date_words_from(parse_data(text.replace("january", "januar"), "x.toml"))
    with pytest.raises(DataFileError, match=r"\[dateline\] has no 'authors' list"):
        date_words_from(
            parse_data(text.replace('authors = ["by"]', "").replace('"mar"', '"leden"'), "x.toml")
        )


@pytest.mark.parametrize(
    "line", ["• 13/05/2021", "- 13 May 2021", "* 2021-05-13", "> May 13, 2021"]
)
def test_a_dateline_after_a_list_mark_is_a_dateline(line):
    assert parse_date_line(line, dayfirst=True) == "2021-05-13"
