"""compare.reading.loading, Markdown: the text is what a reader of the rendered page sees."""

from __future__ import annotations

from pathlib import Path

import pytest

from compare.reading.loading import load_document


def lines(tmp_path: Path, source: str) -> list[str]:
    """The non-blank lines of ``source`` loaded as a .md file."""
    path = tmp_path / "letter.md"
    path.write_text(source, encoding="utf-8")
    return [line for line in load_document(path).text.split("\n") if line.strip()]


def text(tmp_path: Path, source: str) -> str:
    path = tmp_path / "letter.md"
    path.write_text(source, encoding="utf-8")
    return load_document(path).text


# --------------------------------------------------------------------------------------------
# Front matter


def test_yaml_front_matter_shows_only_its_title_and_date(tmp_path):
    source = (
        "---\n"
        "layout: letter\n"
        'title: "A Letter to the Mayor"\n'
        "authors:\n"
        "- Someone Else\n"
        "tags: [parks, budget]\n"
        "image:\n"
        "  src: /img/a.png\n"
        "draft: false\n"
        "date: 2022-03-04T10:00:00+01:00\n"
        "---\n"
        "Dear Mayor,\n"
    )
    assert text(tmp_path, source) == "A Letter to the Mayor\n\n2022-03-04\n\nDear Mayor,\n"


@pytest.mark.parametrize("key", ["publishedDate", "published", "pubDate", "publish_date"])
def test_other_date_keys_give_the_date_line(tmp_path, key):
    source = f"---\nurl: /x\n{key}: 2021-11-30\n---\n\nBody text.\n"
    assert lines(tmp_path, source) == ["2021-11-30", "Body text."]


def test_a_boolean_published_is_no_date(tmp_path):
    assert lines(tmp_path, "---\ntitle: T\npublished: true\n---\nBody.\n") == ["T", "Body."]


def test_a_title_over_two_lines_and_single_quotes(tmp_path):
    source = "---\ntitle: \"An Open Letter:\n  We Ask for More\"\nsubtitle: 'It''s time'\n---\nB\n"
    assert lines(tmp_path, source) == ["An Open Letter: We Ask for More", "B"]


def test_toml_front_matter(tmp_path):
    source = (
        "+++\n"
        'title = "Letter on Rivers"\n'
        "date = 2020-05-06\n"
        'tags = [\n  "water",\n]\n'
        "[params]\n"
        'title = "not this"\n'
        "+++\n"
        "Dear all,\n"
    )
    assert lines(tmp_path, source) == ["Letter on Rivers", "2020-05-06", "Dear all,"]


def test_a_block_that_is_not_front_matter_stays_text(tmp_path):
    source = "---\nWe write to you today\nabout the river.\n---\n"
    got = lines(tmp_path, source)
    assert "We write to you today" in got
    assert "about the river." in got


def test_a_rule_later_in_the_file_is_not_front_matter(tmp_path):
    assert lines(tmp_path, "Intro\n\n---\nkey: value\n---\n") == ["Intro", "=====", "key: value"]


# --------------------------------------------------------------------------------------------
# HTML in Markdown


def test_html_list_in_markdown_becomes_bullet_lines(tmp_path):
    source = (
        "Signed by the members:<ul>\n"
        "<li>First Group </li>\n"
        "<li>Second &amp; Third Group</li>\n"
        "</ul>\n"
        "\n"
        "<br>\n"
        "More text.\n"
    )
    assert text(tmp_path, source) == (
        "Signed by the members:\n\n• First Group\n• Second & Third Group\n\nMore text.\n"
    )


def test_br_ends_lines_and_inline_tags_and_comments_go(tmp_path):
    source = (
        "<!-- a note for editors -->\n"
        "\n"
        "<em>An introduction in italics.</em>\n"
        "\n"
        "Kind regards,<br>Ana Lopez<br>\n"
        "Secretary\n"
    )
    assert lines(tmp_path, source) == [
        "An introduction in italics.",
        "Kind regards,",
        "Ana Lopez",
        "Secretary",
    ]


def test_an_html_block_over_blank_lines_is_read_whole(tmp_path):
    source = '<div class="box">\n\nFirst paragraph.\n\nSecond *paragraph*.\n\n</div>\n\nAfter.\n'
    assert lines(tmp_path, source) == ["First paragraph.", "Second paragraph.", "After."]


def test_no_tag_is_left_and_markdown_lines_stay_lines(tmp_path):
    source = "<p>One</p>\n\nplain line one\nplain line two\n\n<ol><li>a</li><li>b</li></ol>\n"
    got = lines(tmp_path, source)
    assert got == ["One", "plain line one", "plain line two", "1. a", "2. b"]
    assert not any("<" in line for line in got)


def test_html_in_a_code_block_is_code(tmp_path):
    assert lines(tmp_path, "```\n<b>x</b> &amp;\n```\n") == ["<b>x</b> &amp;"]


def test_entities_outside_html_are_decoded(tmp_path):
    got = lines(tmp_path, "Law &amp; Order&nbsp;now, R&D stays\n")
    assert got == ["Law & Order\xa0now, R&D stays"]


# --------------------------------------------------------------------------------------------
# Inline Markdown


def test_inline_markup_goes(tmp_path):
    source = (
        "We *urge* you, **now**, to read _the_ `report` at [our site](https://x.org) "
        "![logo](l.png) and [the annex][a] or <mail@example.org>.\n"
        "\n"
        "[a]: https://x.org/annex\n"
    )
    assert lines(tmp_path, source) == [
        "We urge you, now, to read the report at our site  and the annex or mail@example.org."
    ]


def test_a_link_whose_text_breaks_over_lines(tmp_path):
    source = "Read [the full\nreport](https://x.org/r) now.\n"
    assert lines(tmp_path, source) == ["Read the full report now."]


def test_attribute_lists_go(tmp_path):
    source = "## Signatories {#signers}\n\n* Ana Lopez\n* Bo Chen\n{: .siglist .twocol}\n\nEnd{:.x}"
    assert lines(tmp_path, source) == ["Signatories", "• Ana Lopez", "• Bo Chen", "End"]


def test_escapes_are_undone(tmp_path):
    assert lines(tmp_path, "Costs rose\\[1] by 5\\* and \\_more\\_\n") == [
        "Costs rose[1] by 5* and _more_"
    ]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Jane Doe *Some University*", "Jane Doe, Some University"),
        ("* Jan van der Berg *former chair; member*", "• Jan van der Berg, former chair; member"),
        ("Li Wei **Institute of Physics**", "Li Wei, Institute of Physics"),
        ("Jane Doe, *Some University*", "Jane Doe, Some University"),
        ("We ask you to act *now*", "We ask you to act now"),  # prose, not a name
        ("Signed: *the board*", "Signed: the board"),
    ],
)
def test_emphasis_after_a_name_is_an_affiliation(tmp_path, line, expected):
    assert lines(tmp_path, line + "\n") == [expected]


def test_emphasis_over_two_lines_loses_its_markers(tmp_path):
    source = "_Ana Lopez, University of the North  \nBo Chen, Institute of the South_  \n"
    assert lines(tmp_path, source) == [
        "Ana Lopez, University of the North  ",
        "Bo Chen, Institute of the South  ",
    ]


def test_strong_label_with_a_space_before_its_end(tmp_path):
    got = lines(tmp_path, "**Why it matters: **It is urgent.\n")
    assert got == ["Why it matters: It is urgent."]


# --------------------------------------------------------------------------------------------
# Tables


def test_a_table_is_rows_of_cells(tmp_path):
    source = (
        "Signed:\n"
        "\n"
        "| Name | Organisation |\n"
        "|:-----|-------------:|\n"
        "| Ana Lopez | *North* Union |\n"
        "| Bo Chen | |\n"
        "\n"
        "After the table.\n"
    )
    assert text(tmp_path, source) == (
        "Signed:\n\nName, Organisation\n\nAna Lopez, North Union\n\nBo Chen\n\nAfter the table.\n"
    )


def test_a_table_without_outer_pipes(tmp_path):
    source = "Name | Role\n--- | ---\nAna | Chair\nNext paragraph line\n"
    assert lines(tmp_path, source) == ["Name, Role", "Ana, Chair", "Next paragraph line"]


def test_pipes_in_prose_are_no_table(tmp_path):
    assert lines(tmp_path, "Either a | b\n\n---\n") == ["Either a | b", "====="]


# --------------------------------------------------------------------------------------------
# Footnotes


def test_footnotes_are_numbered_in_the_order_they_are_referenced(tmp_path):
    source = (
        "First claim.[^law] Second claim.[^1]\n"
        "\n"
        "[^1]: The second note,\n"
        "    which goes on.\n"
        "[^law]: The law of 2001.\n"
    )
    assert lines(tmp_path, source) == [
        "First claim.[1] Second claim.[2]",
        "[2] The second note, which goes on.",
        "[1] The law of 2001.",
    ]


def test_a_footnote_ends_at_a_paragraph_that_is_not_indented(tmp_path):
    source = "Text.[^1]\n\n[^1]: The note.\n\nSincerely,\n"
    assert lines(tmp_path, source) == ["Text.[1]", "[1] The note.", "Sincerely,"]
