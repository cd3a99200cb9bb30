"""The draft check's precedents are the asks of the ask lineage the draft's ask joins
(compare/check/asks.py through compare/trends/joining.py): the lineage rule of
compare/trends/lineage.py applied to the corpus's asks plus the draft's. Crafted letters,
generic wording."""

from __future__ import annotations

from collections.abc import Sequence

from letters import blank_letter

from compare.check import check_draft, check_json
from compare.checkview import check_context, check_summary
from compare.models import Ask, Letter
from compare.trends import ask_lineage
from compare.trends.joining import joined_items
from compare.trends.lineage import ask_graph


def ask(text: str, heading: str | None = None) -> Ask:
    return Ask(text=text, verb="urge", heading=heading)


def letter(key: str, date: str, asks: Sequence[Ask]) -> Letter:
    return blank_letter(key, date=date, recipient="Minister of Water", asks=tuple(asks))


LABELLED = [
    ask("Groundwater: Publish the monthly readings of every borehole."),
    ask("Raise the pay of rural nurses."),
    ask("Open a public library in each market town."),
]
REWORDED = ask("Publish the monthly readings of every borehole and well.")
DRAFT = [
    ask("Groundwater: Stop licensing new bottling plants near the aquifer."),
    ask("Fund school meals in the dry season."),
    ask("Repair the footbridges washed away by the floods."),
]


def test_a_draft_ask_on_an_archive_asks_subject_label_has_it_as_precedent():
    # refusing licences is not publishing readings: only the shared label joins them
    archive = [letter("a", "2019-03-01", LABELLED)]
    result = check_draft(letter("draft", "2022-03-01", DRAFT), archive)
    labelled = result.asks[0]
    assert labelled.status == "reworded"
    assert [(p.letter.key, p.text, p.match) for p in labelled.precedents] == [
        ("a", LABELLED[0].text, "subject")
    ]
    assert labelled.lineage is not None
    assert (labelled.lineage.first, labelled.lineage.last) == (2019, 2019)
    assert (labelled.lineage.status, labelled.lineage.status_year) == ("new", 2019)
    # the draft's other asks join no lineage: no precedent, no lineage
    for other in result.asks[1:]:
        assert (other.status, other.precedents, other.lineage) == ("new", (), None)


def test_the_json_and_the_report_show_the_lineage_of_a_draft_ask():
    archive = [letter("a", "2019-03-01", LABELLED)]
    result = check_draft(letter("draft", "2022-03-01", DRAFT), archive)
    data = check_json(result)
    lineage = data["asks"][0]["lineage"]
    assert set(lineage) == {
        "label",
        "status",
        "status_year",
        "status_text",
        "first",
        "last",
        "asks",
    }
    assert lineage["asks"] == 1 and data["asks"][1]["lineage"] is None
    assert data["asks"][0]["precedents"][0]["match"] == "subject"
    row = check_context(result).asks[0]
    assert row.lineage is not None and row.lineage.startswith("“")
    assert row.precedents == ("Minister of Water, 1 Mar 2019 (urge, on the same subject)",)
    assert "lineage “" in " ".join(check_summary(result).split())


def test_the_whole_lineage_is_precedent_in_date_order_though_the_draft_matches_one_ask():
    # b rewords a; the draft shares a's label only: it joins {a, b} (one of its two pairs
    # linked, the lineage rule's majority) and b is its precedent through the lineage
    archive = [
        letter("b", "2020-03-01", [REWORDED]),
        letter("a", "2018-03-01", [LABELLED[0]]),
    ]
    result = check_draft(letter("draft", "2022-03-01", DRAFT[:1]), archive)
    (checked,) = result.asks
    assert [(p.letter.key, p.match) for p in checked.precedents] == [
        ("a", "subject"),
        ("b", "lineage"),
    ]
    assert checked.lineage is not None and checked.lineage.asks == 2


def test_a_draft_ask_joins_the_lineage_the_asks_command_would_put_it_in():
    archive = [
        letter("a", "2018-03-01", [LABELLED[0]]),
        letter("b", "2020-03-01", [REWORDED]),
        letter("c", "2021-03-01", [ask("Fund school meals in the dry season for every pupil.")]),
    ]
    draft = letter("draft", "2022-03-01", DRAFT)
    families = ask_lineage([*archive, draft])
    together = {
        frozenset(a.key for a in f.asks if a.key != "draft")
        for f in families
        if any(a.key == "draft" for a in f.asks)
    }
    result = check_draft(draft, archive)
    found = {frozenset(p.letter.key for p in a.precedents) for a in result.asks if a.precedents}
    assert frozenset({"a", "b"}) in together
    assert found == together - {frozenset()}


def test_a_later_letter_of_the_lineage_is_no_precedent():
    archive = [letter("a", "2019-03-01", LABELLED), letter("z", "2024-03-01", LABELLED)]
    result = check_draft(letter("draft", "2022-03-01", DRAFT), archive)
    assert [p.letter.key for p in result.asks[0].precedents] == ["a"]


def test_an_ask_linked_to_nothing_joins_no_lineage():
    graph = ask_graph([letter("a", "2019-03-01", LABELLED)])
    assert joined_items(graph, {}) == []
    assert joined_items(graph, {0: 0.9}) == [0]


def test_an_ask_the_lineage_rule_keeps_out_still_lists_the_ask_it_repeats(monkeypatch):
    import compare.trends.joining as joining

    monkeypatch.setattr(joining, "joined_items", lambda graph, links: [])
    archive = [letter("a", "2019-03-01", LABELLED)]
    draft = letter("draft", "2022-03-01", [LABELLED[1], DRAFT[1]])
    result = check_draft(draft, archive)
    repeated = result.asks[0]
    assert [(p.letter.key, p.text, p.match) for p in repeated.precedents] == [
        ("a", LABELLED[1].text, "wording")
    ]
    assert repeated.status == "carried" and repeated.lineage is None
    assert (result.asks[1].status, result.asks[1].precedents) == ("new", ())
