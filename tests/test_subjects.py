"""Asks on one subject asked of one party are one lineage (compare/trends/subjects.py): the
subject read from an ask's topic label ("Groundwater: …") and from the section heading it sits
under, the party from the letter. Crafted letters, generic wording; the seeds' lineages are
pinned in tests/test_lineage.py."""

from __future__ import annotations

import json
from collections.abc import Sequence

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st
from letters import blank_letter

from compare.cli import cli
from compare.models import Ask, Letter, Paragraph
from compare.reading.asks import extract_asks
from compare.themes import load_taxonomy
from compare.trends import AskFamily, ask_lineage
from compare.trends.subjects import (
    RARE_MIN,
    AskSubject,
    ask_subject,
    distinctive_cap,
    letter_addressee,
    section_headings,
    subject_pairs,
)


def ask(text: str, heading: str | None = None) -> Ask:
    return Ask(text=text, verb="urge", heading=heading)


def letter(
    key: str,
    date: str,
    asks: Sequence[Ask],
    recipient: str | None = "Minister of Water",
    paragraphs: Sequence[str] = (),
) -> Letter:
    return blank_letter(
        key,
        date=date,
        recipient=recipient,
        asks=tuple(asks),
        paragraphs=tuple(Paragraph("body", text) for text in paragraphs),
    )


def family_of(families: Sequence[AskFamily], key: str, index: int) -> AskFamily:
    (found,) = [f for f in families if (key, index) in {(a.key, a.index) for a in f.asks}]
    return found


def joined(families: Sequence[AskFamily]) -> set[frozenset[tuple[str, int]]]:
    """The families of more than one ask, as sets of (letter key, ask index)."""
    return {frozenset((a.key, a.index) for a in f.asks) for f in families if len(f.asks) > 1}


# --- the lineages -----------------------------------------------------------------------------

GROUNDWATER_2019 = [
    ask("Groundwater: Publish the monthly readings of every borehole."),
    ask("Raise the pay of rural nurses."),
    ask("Open a public library in each market town."),
]
GROUNDWATER_2022 = [
    ask("Groundwater: Stop licensing new bottling plants near the aquifer."),
    ask("Fund school meals in the dry season."),
    ask("Repair the footbridges washed away by the floods."),
]


def test_asks_under_one_topic_label_are_one_lineage():
    # publishing readings is not refusing licences: only the label says they are one subject
    families = ask_lineage(
        [letter("a", "2019-03-01", GROUNDWATER_2019), letter("b", "2022-03-01", GROUNDWATER_2022)]
    )
    assert joined(families) == {frozenset({("a", 0), ("b", 0)})}
    assert family_of(families, "a", 0).years == (2019, 2022)


def test_an_ask_repeating_its_section_heading_joins_a_later_ask_on_that_subject():
    floods, health = "Floods and Drought", "Health"
    earlier = [
        ask("Build flood barriers along the lower river.", floods),
        ask("Pay farmers for the crops lost to the drought.", floods),
        ask("Hire more rural nurses.", health),
        ask("Stock every clinic with antivenom.", health),
    ]
    later = [
        ask("Floods: Warn the riverside villages by text message before a flood."),
        ask("Keep the rural clinics open at weekends."),
        ask("Buy new school buses."),
    ]
    families = ask_lineage([letter("a", "2019-03-01", earlier), letter("b", "2022-03-01", later)])
    assert joined(families) == {frozenset({("a", 0), ("b", 0)})}


def test_unrelated_asks_under_one_heading_in_two_letters_do_not_collapse():
    rents = "Rents and Evictions"
    earlier = [
        ask("Cap rents at the rate of inflation.", rents),
        ask("Stop evictions during the winter months.", rents),
        ask("Publish the register of licensed landlords.", rents),
        ask("Restore the night bus routes.", "Transport"),
    ]
    later = [
        ask("Publish the rents charged by every housing association.", rents),
        ask("Fund legal advice for tenants facing eviction.", rents),
        ask("Inspect damp flats within a week of a complaint.", rents),
        ask("Keep the parks open until ten in the evening.", "Parks"),
    ]
    families = ask_lineage([letter("a", "2019-03-01", earlier), letter("b", "2022-03-01", later)])
    # each ask pairs by the heading word its own words repeat; the others stay alone
    assert joined(families) == {
        frozenset({("a", 0), ("b", 0)}),  # rents
        frozenset({("a", 1), ("b", 1)}),  # evictions
    }


def test_asks_of_one_letter_stay_in_different_families():
    one = [
        ask("Groundwater: Publish the monthly readings of every borehole."),
        ask("Groundwater: Stop licensing new bottling plants near the aquifer."),
        ask("Open a public library in each market town."),
    ]
    families = ask_lineage([letter("a", "2019-03-01", one)])
    assert family_of(families, "a", 0) != family_of(families, "a", 1)
    # a later letter on that subject cannot tell which of the two it continues: neither
    later = [ask("Groundwater: Fence off the springs."), ask("Buy new school buses.")]
    families = ask_lineage([letter("a", "2019-03-01", one), letter("b", "2022-03-01", later)])
    assert family_of(families, "a", 0) != family_of(families, "a", 1)
    assert not joined(families)


def test_one_subject_asked_of_two_countries_is_two_lineages():
    kenya = ["The boreholes of Kenya are running dry.", "Kenya must act."]
    peru = ["The boreholes of Peru are running dry."]
    families = ask_lineage(
        [
            letter("a", "2019-03-01", GROUNDWATER_2019, paragraphs=kenya),
            letter("b", "2022-03-01", GROUNDWATER_2022, paragraphs=peru),
        ]
    )
    assert not joined(families)
    # the same country, whoever receives the letter, is the same party
    families = ask_lineage(
        [
            letter("a", "2019-03-01", GROUNDWATER_2019, paragraphs=kenya),
            letter("b", "2022-03-01", GROUNDWATER_2022, "President", paragraphs=kenya[:1]),
        ]
    )
    assert joined(families) == {frozenset({("a", 0), ("b", 0)})}


def test_a_letter_asking_nobody_known_joins_no_one_by_subject():
    families = ask_lineage(
        [
            letter("a", "2019-03-01", GROUNDWATER_2019, recipient=None),
            letter("b", "2022-03-01", GROUNDWATER_2022, recipient=None),
        ]
    )
    assert not joined(families)


# --- the rules --------------------------------------------------------------------------------


def test_a_topic_label_gives_its_terms_and_itself_but_not_the_action():
    found = ask_subject("International trade: Cut the tariffs on seeds.")
    assert {"international", "trad", "label:international trade"} <= found.subject  # stems
    assert "cut" not in found.subject
    assert {"tariff", "seed"} <= found.terms
    assert ask_subject("Cut the tariffs on seeds.").subject == frozenset()


def test_a_section_heading_gives_only_the_words_the_ask_repeats():
    heading = "Schools and Libraries"
    assert ask_subject("Open every library on Sundays.", heading).subject == {"library"}
    assert ask_subject("Hire more nurses.", heading).subject == frozenset()


def test_one_heading_over_every_ask_is_the_title_not_a_section():
    pumps, taps = ask("Fix the pumps.", "Water"), ask("Fix the taps.", "Water")
    assert section_headings(letter("a", "2019-03-01", [pumps, taps])) == (None, None)
    sections = letter("a", "2019-03-01", [pumps, ask("Hire nurses.", "Health"), ask("Go.")])
    assert section_headings(sections) == ("Water", "Health", None)


def test_the_addressee_is_the_country_named_most_else_the_recipient():
    named = ["Kenya and Peru signed.", "Kenya has not acted.", "In Kenya, wells dry up."]
    assert letter_addressee(letter("a", "2019-03-01", [], paragraphs=named)) == {"Kenya"}
    tied = ["Kenya and Peru signed."]
    assert letter_addressee(letter("a", "2019-03-01", [], paragraphs=tied)) == {"Kenya", "Peru"}
    assert letter_addressee(letter("a", "2019-03-01", [], "  Minister of  WATER ")) == {
        "minister of water"
    }
    assert letter_addressee(letter("a", "2019-03-01", [], None)) == frozenset()


def subject(*terms: str) -> AskSubject:
    return AskSubject(frozenset(terms), frozenset(terms))


def test_a_subject_more_asks_share_than_the_cap_is_not_distinctive():
    # ten asks: the cap is RARE_MIN (3); "water" held by four of them pairs nothing
    subjects = [subject("water"), subject("water"), subject(), subject(), subject()]
    subjects += [subject("water"), subject("water")] + [subject()] * 3
    groups = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]
    assert distinctive_cap(len(subjects)) == RARE_MIN == 3
    assert subject_pairs(subjects, groups, [frozenset({"x"})] * 10) == {}
    subjects[5] = subjects[6] = subject()  # now held by two
    assert subject_pairs(subjects, groups, [frozenset({"x"})] * 10) == {(0, 1): ("water",)}


def test_subject_pairs_wants_one_group_and_addressee_per_ask():
    with pytest.raises(ValueError, match="per ask subject"):
        subject_pairs([subject("a")], [0, 1], [frozenset()])


TERMS = st.sampled_from(["a", "b", "c", "label:a"])


@given(
    st.lists(
        st.tuples(
            st.frozensets(TERMS, max_size=2),
            st.integers(0, 3),
            st.frozensets(st.sampled_from(["X", "Y"]), max_size=2),
        ),
        max_size=12,
    )
)
def test_subject_pairs_join_only_other_letters_of_one_party_on_one_distinctive_term(rows):
    subjects = [subject(*terms) for terms, _, _ in rows]
    groups = [group for _, group, _ in rows]
    parties = [party for _, _, party in rows]
    cap = distinctive_cap(len(rows))
    for (i, j), shared in subject_pairs(subjects, groups, parties).items():
        assert i < j and groups[i] != groups[j] and parties[i] & parties[j]
        for term in shared:
            assert term in subjects[i].subject & subjects[j].subject
            assert sum(term in s.terms for s in subjects) <= cap
            # the only ask of each of the two letters on that subject
            for group in (groups[i], groups[j]):
                mine = [s for s, g in zip(subjects, groups, strict=True) if g == group]
                assert sum(term in s.subject for s in mine) == 1


# --- the reader and the command -----------------------------------------------------------------


def test_an_ask_carries_the_section_heading_it_sits_under():
    paragraphs = [
        Paragraph("body", "We write about the region."),
        Paragraph("heading", "Water  Supply"),
        Paragraph("body", "We urge you to:"),
        Paragraph("list-item", "Fix the broken pumps."),
        Paragraph("heading", "Health"),
        Paragraph("body", "We urge you to:"),
        Paragraph("list-item", "Hire more rural nurses."),
    ]
    asks = extract_asks(paragraphs, load_taxonomy())
    assert [(a.text, a.heading) for a in asks] == [
        ("Fix the broken pumps.", "Water Supply"),
        ("Hire more rural nurses.", "Health"),
    ]


EARLIER = """Open letter on housing in the city

March 3, 2019

Mayor Jane Doe
City Hall

Dear Mayor Doe,

We write as tenants' unions and charities working across the city.

  1. Rents and Evictions

Rents rose faster than wages, and families are put out of their homes in winter. We urge you to:

  • Stop evictions of families during the winter months;
  • Publish the register of landlords licensed by the council.

  2. Public Transport

Buses in the outer districts run once an hour. We urge you to:

  • Restore the night bus routes cut last year;
  • Extend the cycle lanes to the outer districts.

Sincerely,

Tenants Union
Housing Action Network
"""
LATER = """Open letter on the cost of living in the city

April 12, 2022

Mayor Jane Doe
City Hall

Dear Mayor Doe,

We write again as tenants' unions and charities working across the city.

We urge you to:

  1. Evictions: Fund free legal advice for every tenant facing an eviction order;
  2. Parks: Keep the public parks open until ten in the evening.

Sincerely,

Tenants Union
Housing Action Network
"""


def test_the_asks_command_joins_a_section_ask_and_a_labelled_ask_of_text_files(tmp_path):
    (tmp_path / "earlier.txt").write_text(EARLIER, encoding="utf-8")
    (tmp_path / "later.txt").write_text(LATER, encoding="utf-8")
    result = CliRunner().invoke(cli, ["--no-cache", "--corpus", str(tmp_path), "asks", "--json"])
    assert result.exit_code == 0, result.output
    (family,) = json.loads(result.stdout)["families"]
    assert [(a["date"], a["text"][:20]) for a in family["asks"]] == [
        ("2019-03-03", "Stop evictions of fa"),
        ("2022-04-12", "Evictions: Fund free"),
    ]
    assert (family["first"], family["last"], family["status"]) == (2019, 2022, "persisting")
