from compare.reading.paragraphs import split_paragraphs


def kinds_and_texts(lines):
    return [(p.kind, p.text) for p in split_paragraphs(lines)]


def test_blank_lines_separate_paragraphs():
    assert kinds_and_texts(["First one.", "", "Second one."]) == [
        ("body", "First one."),
        ("body", "Second one."),
    ]


def test_hard_wrapped_lines_are_rejoined():
    lines = [
        "We write to you about the situation of prisoners in the country, which has",
        "worsened. Many are held without charge and the courts do not hear them.",
        "Families wait.",
    ]
    (paragraph,) = split_paragraphs(lines)
    assert paragraph.text.startswith("We write to you about")
    assert paragraph.text.endswith("the courts do not hear them. Families wait.")


def test_one_paragraph_per_long_line_stays_apart():
    long_a = "A " * 100 + "end."
    long_b = "B " * 100 + "end."
    assert len(split_paragraphs([long_a.strip(), long_b.strip()])) == 2


def test_numbered_and_bulleted_items_are_list_items_without_markers():
    lines = ["We urge you to:", "1. Release all prisoners;", "2. Allow visits.", "• Close camps."]
    assert kinds_and_texts(lines) == [
        ("body", "We urge you to:"),
        ("list-item", "Release all prisoners;"),
        ("list-item", "Allow visits."),
        ("list-item", "Close camps."),
    ]


def test_a_short_numbered_line_followed_by_prose_is_a_heading():
    lines = ["  1. Act on the Recommendations", "", "The government has signed treaties."]
    assert kinds_and_texts(lines)[0] == ("heading", "Act on the Recommendations")


def test_the_last_item_of_a_list_followed_by_prose_stays_a_list_item():
    lines = [
        "We demand the government to,",
        "1. Release the arrested activists",
        "2. Protect all detainees from torture",
        "3. End the crackdown on labour groups",
        "",
        "We will hold events all month.",
    ]
    assert [kind for kind, _ in kinds_and_texts(lines)] == ["body"] + ["list-item"] * 3 + ["body"]
    headed = [
        "1. Act on the Report",
        "",
        "Text of the first part.",
        "2. Fund the Courts",
        "",
        "More.",
    ]
    assert [kind for kind, _ in kinds_and_texts(headed)] == ["heading", "body"] * 2
    sections = [
        "• Visit the prisons;",
        "• Publish the report.",
        "1. End Forced Labour",
        "",
        "More.",
    ]
    assert [kind for kind, _ in kinds_and_texts(sections)] == ["list-item"] * 2 + [
        "heading",
        "body",
    ]
    lettered = ["a) Visit the prisons;", "b) Publish the report", "", "We will follow up."]
    assert [kind for kind, _ in kinds_and_texts(lettered)] == ["list-item"] * 2 + ["body"]


def test_a_paragraph_broken_by_a_stray_blank_line_is_rejoined():
    lines = ["It encourages action, including", "", "through referral to the Court."]
    assert kinds_and_texts(lines) == [
        ("body", "It encourages action, including through referral to the Court.")
    ]


def test_hyphenated_line_break_is_joined_without_space():
    lines = ["This is a long line of text that ends in the middle of a well-", "known word here."]
    assert split_paragraphs(lines)[0].text.endswith("well-known word here.")
