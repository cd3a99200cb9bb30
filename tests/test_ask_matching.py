"""Ask matching: equal asks pair first, then the most alike; an ask to another party (one
item of a list of parties dropped and another added, or a country swapped) is new + dropped,
not reworded. Through ``ask_changes``, ``compare_letters`` and ``diff --json``."""

from __future__ import annotations

import dataclasses
import json

from click.testing import CliRunner

from compare.cli import cli
from compare.comparison import ask_changes, compare_letters
from compare.corpus import document_letters
from compare.models import Ask, Document
from compare.reading.countries import countries_named

RATIFY = "The Government of {} to ratify the Convention on Transboundary Watercourses."
SIX = ["Angola", "Benin", "Chad", "Kenya", "Mali", "Niger"]
WITHOUT_KENYA_WITH_EGYPT = ["Angola", "Benin", "Chad", "Mali", "Niger", "Egypt"]


def list_letter(names: list[str]) -> str:
    """A letter whose asks are one list item per government."""
    listed = "\n".join(f"- {RATIFY.format(name)}" for name in names)
    return (
        "Dear Ministers,\n\nWe write about the shared rivers of the region.\n\n"
        f"We call on:\n\n{listed}\n\nSincerely,\n\nRiver Basin Watch\n"
    )


def letter(text: str, key: str, taxonomy):
    (parsed,) = document_letters(Document(f"{key}.txt", text), taxonomy)
    return dataclasses.replace(parsed, key=key)


def statuses(changes) -> dict[str, int]:
    counts = dict.fromkeys(("same", "reworded", "new", "dropped"), 0)
    for change in changes:
        counts[change.status] += 1
    return counts


def asks(template: str, names: list[str], verb: str | None = "call on") -> list[Ask]:
    return [Ask(template.format(name), verb) for name in names]


def test_six_asks_one_dropped_and_one_appended_through_compare_letters(taxonomy):
    a = letter(list_letter(SIX), "a", taxonomy)
    b = letter(list_letter(WITHOUT_KENYA_WITH_EGYPT), "b", taxonomy)
    assert len(a.asks) == len(b.asks) == 6
    diff = compare_letters(a, b)
    counts = diff.ask_counts()
    assert (counts["same"], counts["reworded"], counts["new"], counts["dropped"]) == (5, 0, 1, 1)
    assert [c.b for c in diff.asks if c.status == "new"] == [RATIFY.format("Egypt")]
    assert [c.a for c in diff.asks if c.status == "dropped"] == [RATIFY.format("Kenya")]
    paragraphs = diff.alignment.counts()
    assert (paragraphs["changed"], paragraphs["deleted"], paragraphs["inserted"]) == (0, 1, 1)


def test_the_mirror_of_six_asks_drops_egypt_and_adds_kenya(taxonomy):
    a = letter(list_letter(WITHOUT_KENYA_WITH_EGYPT), "a", taxonomy)
    b = letter(list_letter(SIX), "b", taxonomy)
    diff = compare_letters(a, b)
    assert [c.b for c in diff.asks if c.status == "new"] == [RATIFY.format("Kenya")]
    assert [c.a for c in diff.asks if c.status == "dropped"] == [RATIFY.format("Egypt")]
    assert diff.ask_counts()["reworded"] == 0


def test_diff_json_reports_the_dropped_and_the_new_ask(tmp_path):
    (tmp_path / "old.txt").write_text(list_letter(SIX), encoding="utf-8")
    (tmp_path / "new.txt").write_text(list_letter(WITHOUT_KENYA_WITH_EGYPT), encoding="utf-8")
    result = CliRunner().invoke(
        cli, ["--corpus", str(tmp_path), "--no-cache", "diff", "old.txt", "new.txt", "--json"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert [a["status"] for a in data["asks"]].count("same") == 5
    assert [(a["status"], a["a"], a["b"]) for a in data["asks"] if a["status"] != "same"] == [
        ("new", None, RATIFY.format("Egypt")),
        ("dropped", RATIFY.format("Kenya"), None),
    ]
    assert (data["counts"]["deleted"], data["counts"]["inserted"]) == (1, 1)
    assert data["counts"]["changed"] == 0


def test_a_named_person_replaced_in_a_list_of_asks_is_new_and_dropped():
    template = "We urge {} to publish the inspection reports of the northern dams."
    people = ["Minister Amara Osei", "Governor Lena Ortiz", "Mayor Ruth Adeyemi"]
    replaced = [people[0], "Senator Karim Haddad", people[2]]
    changes = ask_changes(asks(template, people), asks(template, replaced))
    assert statuses(changes) == {"same": 2, "reworded": 0, "new": 1, "dropped": 1}


def test_an_exact_twin_wins_over_a_near_match():
    a = asks(RATIFY, ["Kenya", "Mali"])
    b = asks(RATIFY, ["Mali"])
    changes = ask_changes(a, b)
    assert [(c.status, c.a) for c in changes] == [
        ("same", RATIFY.format("Mali")),
        ("dropped", RATIFY.format("Kenya")),
    ]


def test_a_swapped_country_is_a_different_ask_even_alone():
    a = [Ask("We urge Kenya to ratify the Convention on Transboundary Watercourses.", "urge")]
    b = [Ask("We urge Egypt to ratify the Convention on Transboundary Watercourses.", "urge")]
    assert statuses(ask_changes(a, b)) == {"same": 0, "reworded": 0, "new": 1, "dropped": 1}


def test_a_country_added_to_an_ask_is_a_rewording():
    a = [Ask("We urge Kenya to ratify the Convention on Transboundary Watercourses.", "urge")]
    b = [
        Ask(
            "We urge Kenya and Egypt to ratify the Convention on Transboundary Watercourses.",
            "urge",
        )
    ]
    (change,) = ask_changes(a, b)
    assert change.status == "reworded"


def test_an_ask_in_a_list_edited_for_its_own_party_stays_reworded():
    a = asks(RATIFY, SIX)
    b = asks(RATIFY, SIX)
    b[3] = Ask(b[3].text.replace("to ratify", "to sign and fully implement"), "urge")
    changes = ask_changes(a, b)
    assert statuses(changes) == {"same": 5, "reworded": 1, "new": 0, "dropped": 0}
    reworded = next(c for c in changes if c.status == "reworded")
    assert "Kenya" in reworded.a and "Kenya" in reworded.b
    assert reworded.verb_change == "softened"  # call on -> urge


def test_countries_are_found_in_running_text_longest_name_first():
    assert countries_named("We urge the Democratic People's Republic of Korea to act.") == {
        "North Korea"
    }
    assert countries_named("Kenya and Côte d’Ivoire, with the United States.") == {
        "Kenya",
        "Côte d'Ivoire",
        "United States",
    }
    assert countries_named("a turkey for the chad of the republic") == frozenset()
