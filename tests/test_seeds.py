"""The bundled seeds, read by hand and pinned here: dates, recipients, asks, footnotes,
signatories, and no page chrome anywhere in what the parser keeps."""

from __future__ import annotations

import pytest

NAVIGATION = {"Previous", "Next", "Share This", "Groups", "Individuals", "Organizations"}
CHROME = [
    "Skip to main content",
    "Share This",
    "Social Media",
    "Subscribe",
    "Site Search",
    "Recent Posts",
    "Most Viewed",
    "Region / Country",
    "tax deductible",
    "empty alt attribute",
    "For 18 years",
    "HanVoice Board",
    "Enter your email",
    "| News",
]


def test_the_corpus_holds_six_letters_and_no_failures(seeds_corpus):
    assert len(seeds_corpus.letters) == 6
    assert seeds_corpus.failures == ()


@pytest.mark.parametrize(
    ("ref", "date", "recipient"),
    [
        ("000#1", "2014-11-10", "UN Member States"),
        ("001#1", "2022-12-05", "UN Security Council Member States"),
        ("002#1", "2020-10-14", "UN General Assembly"),
        ("002#2", "2020-10-14", "Josep Borrell Fontelles"),
        ("003#1", "2018-06-06", "Chairman Kim Jong Un"),
        ("004#1", "2014-09-10", "Secretary of State John F. Kerry"),
    ],
)
def test_dates_and_recipients(seed_letters, ref, date, recipient):
    letter = seed_letters[ref]
    assert (letter.date, letter.recipient) == (date, recipient)


def test_keys_are_date_and_recipient(seed_letters):
    assert seed_letters["002#1"].key == "2020-10-14-un-general-assembly"
    assert seed_letters["004#1"].key == "2014-09-10-secretary-of-state-john-f-kerry"


def test_address_blocks_and_subject(seed_letters):
    assert seed_letters["004#1"].recipient_block == (
        "Secretary of State John F. Kerry",
        "The State Department",
        "Washington DC",
    )
    assert seed_letters["004#1"].subject == "United Nations General Assembly action on North Korea"
    assert seed_letters["002#2"].recipient_block[-1] == "1046 Brussels, Belgium"
    assert seed_letters["003#1"].recipient_block[0] == "Kim Jong Un"
    assert seed_letters["000#1"].recipient_block == ()


@pytest.mark.parametrize(
    ("ref", "verbs"),
    [
        ("000#1", ["encourage", "encourage", "encourage", "urge"]),
        ("001#1", ["urge", "must", "call on"]),
        ("002#1", ["urge"] * 7 + ["request"] * 4),
        ("002#2", ["urge"] * 7 + ["request"] * 4),
        ("004#1", ["request", "recommend", "urge"]),
    ],
)
def test_asks_and_their_verbs(seed_letters, ref, verbs):
    assert [ask.verb for ask in seed_letters[ref].asks] == verbs


def test_bulleted_recommendations_are_one_ask_each(seed_letters):
    letter = seed_letters["003#1"]
    items = [p for p in letter.paragraphs if p.kind == "list-item"]
    assert len(items) == 28
    assert len(letter.asks) == 30  # 28 bullets and two prose asks
    assert sum(p.kind == "heading" for p in letter.paragraphs) == 6


def test_footnotes_with_superscript_and_caret_marks(seed_letters):
    notes = seed_letters["000#1"].footnotes
    assert [n.mark for n in notes] == ["i", "ii", "iii", "iv"]
    assert notes[1].text == "COI report, para 26."
    assert notes[3].text.startswith("Terms of Reference for Fact-Finding Missions")


def test_a_paragraph_broken_by_a_blank_line_is_one_paragraph(seed_letters):
    texts = [p.text for p in seed_letters["000#1"].paragraphs]
    assert any(
        "consider taking appropriate action" in t and "International Criminal Court" in t
        for t in texts
    )


@pytest.mark.parametrize("ref", ["002#1", "002#2"])
def test_both_2020_letters_have_37_signatories_4_of_them_individuals(seed_letters, ref):
    signatories = seed_letters[ref].signatories
    assert len(signatories) == 37
    assert sum(s.kind == "individual" for s in signatories) == 4
    assert seed_letters[ref].claimed_signatories == 37


def test_the_2020_lists_match_by_key_whatever_the_layout(seed_letters):
    first = {(s.key, s.kind, s.country) for s in seed_letters["002#1"].signatories}
    second = {(s.key, s.kind, s.country) for s in seed_letters["002#2"].signatories}
    assert first == second


def test_glued_org_and_country_are_split(seed_letters):
    by_name = {s.name: s for s in seed_letters["002#1"].signatories}
    assert by_name["Beyond the Boundary"].country == "South Korea"
    assert by_name["Arakan Rohingya National Organisation (ARNO)"].country == "United Kingdom"
    assert by_name["Liberty in North Korea (LiNK)"].country is None
    assert by_name["Sonja Biserko"].affiliation.startswith("Former Commission of Inquiry")


def test_slash_country_and_individuals_heading(seed_letters):
    signatories = seed_letters["001#1"].signatories
    assert len(signatories) == 51
    assert signatories[0].name == "David Alton" and signatories[0].kind == "individual"
    assert signatories[0].country == "United Kingdom"
    araki = next(s for s in signatories if s.name.startswith("ARAKI"))
    assert (araki.kind, araki.country) == ("individual", "Japan")


def test_comma_country_and_duplicates_merged_with_a_warning(seed_letters):
    letter = seed_letters["003#1"]
    assert len(letter.signatories) == 52  # 53 lines, one organisation listed twice
    assert any(w.startswith("duplicate signatory: Now Action") for w in letter.warnings)
    by_key = {s.key: s for s in letter.signatories}
    assert by_key["committee for human rights in north korea"].country == "United States"


def test_cc_names_are_not_signatories_and_source_url_is_kept(seed_letters):
    letter = seed_letters["003#1"]
    assert [entry.split(",")[0] for entry in letter.cc] == ["Ja Song Nam", "Tae Song Han"]
    names = " ".join(s.name for s in letter.signatories)
    assert "Ja Song Nam" not in names and "Tae Song Han" not in names
    assert letter.source_url.startswith("https://")


def test_multi_line_name_title_institution_blocks(seed_letters):
    signatories = seed_letters["004#1"].signatories
    assert len(signatories) == 14
    assert all(s.kind == "individual" and s.affiliation for s in signatories)
    cha = next(s for s in signatories if s.name == "Victor Cha")
    assert "Georgetown University" in cha.affiliation


def test_no_page_chrome_in_any_paragraph_ask_or_signatory(seeds_corpus):
    for letter in seeds_corpus.letters:
        kept = [p.text for p in letter.paragraphs] + [a.text for a in letter.asks]
        kept += [s.name for s in letter.signatories] + [
            s.affiliation or "" for s in letter.signatories
        ]
        for text in kept:
            assert text not in NAVIGATION, f"{letter.key}: navigation {text!r} kept"
            for chrome in CHROME:
                assert chrome not in text, f"{letter.key}: {chrome!r} in {text[:60]!r}"


def test_closing_and_the_thank_you_paragraph_on_either_side_of_it(seed_letters):
    first = [p.kind for p in seed_letters["002#1"].paragraphs][-2:]
    second = [p.kind for p in seed_letters["002#2"].paragraphs][-2:]
    assert first == ["closing", "body"]
    assert second == ["body", "closing"]
