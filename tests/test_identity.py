"""Signatory identity (compare.identity): one matcher for diff, check and the coalition.

Names differ only by an allowed reason (spelling, spacing, plural, punctuation, acronym,
country spelling, article, "and", honorific) or they are two signatories; a different
country, place, given name or real word is never a rename."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from letters import blank_letter

from compare.cli import cli
from compare.comparison import signatory_changes
from compare.datafiles import load_data, parse_data
from compare.errors import DataFileError
from compare.identity import identity_of, match
from compare.identity.blocking import candidates
from compare.identity.rules import guard_from, rules_from, typo_guard
from compare.models import Letter, Signatory
from compare.reading.signatories import signatory_key
from compare.trends.coalition import coalition


def org(name: str, country: str | None = None) -> Signatory:
    return Signatory(name=name, key=signatory_key(name), kind="organization", country=country)


def person(name: str) -> Signatory:
    return Signatory(name=name, key=signatory_key(name), kind="individual")


def renamed(a: Signatory, b: Signatory) -> str | None:
    """The reason ``diff`` gives for A's ``a`` becoming B's ``b``; None when it shows one
    leaving and one joining; "" when it shows them in both."""
    changes = signatory_changes([a], [b])
    if changes.common:
        return ""
    if changes.renamed:
        assert (changes.only_a, changes.only_b) == ((), ())
        (rename,) = changes.renamed
        assert (rename.a, rename.b) == (a.name, b.name)
        return rename.reason
    assert (changes.only_a, changes.only_b) == ((a.name,), (b.name,))
    return None


# --- one leaving and one joining ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # another country
        ("Amnesty International Austria", "Amnesty International Australia"),
        ("Friends of the Earth Niger", "Friends of the Earth Nigeria"),
        ("Save the Children Sweden", "Save the Children Swaziland"),
        ("Lawyers Guild Austria", "Lawyers Guild Austrian"),
        # another real word, however close the whole string
        ("Blue Climate Foundation of Porto", "Clean Climate Foundation of Porto"),
        ("Institute for Policy Studies", "Institute for Police Studies"),
        ("Health Alliance International", "Wealth Alliance International"),
        ("Rational Rights Network", "National Rights Network"),
        ("Green Water Project", "Green Water Protect"),
        # another place or given name
        ("Climate Forum of Porto", "Climate Forum of Prato"),
        ("Salzburg Peace Forum", "Salzberg Peace Forum"),
        ("Christina Education Foundation", "Christine Education Foundation"),
        ("William Trust for Rivers", "Williams Trust for Rivers"),
        # another number, another short word
        ("Group 7 Coalition", "Group 8 Coalition"),
        ("Oxfam", "Oxfan"),
        ("HRW", "HRC"),
        # a country added to the name is a national section, not the same signatory
        ("Amnesty International", "Amnesty International Japan"),
    ],
)
def test_different_organisations_leave_and_join(a: str, b: str) -> None:
    assert renamed(org(a), org(b)) is None
    assert renamed(org(b), org(a)) is None


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Maria Lopez", "Mario Lopez"),
        ("Christina Berg", "Christine Berg"),
        ("Jane Smith", "Jane Smyth"),
        ("Jane Williamson", "Jane Williamsen"),
        ("Daniel Stone", "Daniel Stones"),
    ],
)
def test_different_people_leave_and_join(a: str, b: str) -> None:
    assert renamed(person(a), person(b)) is None


def test_a_country_given_apart_must_be_the_one_in_the_name() -> None:
    assert renamed(org("Amnesty International UK"), org("Amnesty International", "Japan")) is None


# --- one signatory, and why ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b", "reason"),
    [
        ("Stepping Stone", "Stepping Stones", "plural"),
        ("Network for River Justice", "Networks for River Justice", "plural"),
        ("Women's Society of Lagos", "Women's Societies of Lagos", "plural"),
        ("HanVoice", "Han Voice", "spacing"),
        ("Green Peace Network", "GreenPeace Network", "spacing"),
        ("Han-Voice", "HanVoice", "punctuation"),
        ("Centre for Policy Studies", "Center for Policy Studies", "spelling"),
        ("Organisation for Peace", "Organization for Peace", "spelling"),
        ("Labour Rights Forum", "Labor Rights Forum", "spelling"),
        ("International Assocation of Lawyers", "International Association of Lawyers", "spelling"),
        ("Greenpeace Nordic", "Greenpece Nordic", "spelling"),
        ("Human Rights Watch (HRW)", "HRW", "acronym"),
        ("HRW", "Human Rights Watch", "acronym"),
        ("Friends of the Earth (FoE)", "FoE", "acronym"),
        ("Friends of the Earth", "FE", "acronym"),
        ("HRW Kenya", "Human Rights Watch Kenya", "acronym"),
        ("HRW (Human Rights Watch)", "Human Rights Watch", "acronym"),
        ("Amnesty International UK", "Amnesty International United Kingdom", "country"),
        ("Amnesty Deutschland", "Amnesty Germany", "country"),
        ("Friends of the Earth", "Friends of Earth", "article"),
        ("Bread + Roses", "Bread and Roses", "and"),
        ("Stepping-Stones Of Hope", "Stepping Stone of the Hope", "plural, article"),
        ("SteppingStones Network", "Stepping Stones Networks", "spacing, plural"),
    ],
)
def test_organisations_renamed_with_the_reason(a: str, b: str, reason: str) -> None:
    assert renamed(org(a), org(b)) == reason
    assert renamed(org(b), org(a)) == reason


def test_a_country_written_in_one_name_and_given_apart_in_the_other() -> None:
    a, b = org("Amnesty International UK"), org("Amnesty International", "United Kingdom")
    assert renamed(a, b) == "country"


@pytest.mark.parametrize(
    ("a", "b", "reason"),
    [
        ("Mary Ann Lee", "Maryann Lee", "spacing"),
        ("Jean-Pierre Dubois", "Jean Pierre Dubois", ""),
        ("Dr. Jane Smith", "Jane Smith", ""),
        ("Prof. John Doe", "John Doe", ""),
        ("José Núñez", "Jose Nunez", ""),
    ],
)
def test_people_forgive_only_spacing_punctuation_accents_and_honorifics(
    a: str, b: str, reason: str
) -> None:
    assert renamed(person(a), person(b)) == reason


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Amnesty International", "Amnesty International (AI)"),
        ("The Stepping Stones", "Stepping Stones"),
        ("Women & Children First", "Women and Children First"),
        ("ÉCOLE DE LA PAIX", "Ecole de la Paix"),
        ("Human Rights Watch (HRW)", "Human Rights Watch"),
    ],
)
def test_names_with_one_key_are_in_both_letters(a: str, b: str) -> None:
    assert renamed(org(a), org(b)) == ""


def test_a_misread_kind_does_not_hide_a_plural() -> None:
    """A two-word organisation often reads as a person's name in one letter only."""
    stones = Signatory("Stepping Stones", "stepping stones", "individual")
    assert renamed(org("Stepping Stone"), stones) == "plural"


def test_renames_pair_the_closest_names_one_to_one() -> None:
    a = [org("River Keepers Network"), org("River Keeper Alliance")]
    b = [org("River Keepers Networks"), org("River Keeper Alliances"), org("Riverkeepers")]
    changes = signatory_changes(a, b)
    assert {(r.a, r.b, r.reason) for r in changes.renamed} == {
        ("River Keepers Network", "River Keepers Networks", "plural"),
        ("River Keeper Alliance", "River Keeper Alliances", "plural"),
    }
    assert changes.only_b == ("Riverkeepers",)


# --- invariants --------------------------------------------------------------------------------

WORDS = ["blue", "clean", "river", "stone", "network", "justice", "hope", "porto", "the", "and"]
names = st.lists(st.sampled_from(WORDS), min_size=1, max_size=4).map(
    lambda words: " ".join(w.capitalize() for w in words)
)


@settings(max_examples=150, deadline=None)
@given(names, names)
def test_matching_is_symmetric(a: str, b: str) -> None:
    x, y = identity_of(org(a)), identity_of(org(b))
    one, other = match(x, y), match(y, x)
    assert (one is None) == (other is None)
    if one is not None and other is not None:
        assert one.cost == other.cost


@settings(max_examples=100, deadline=None)
@given(st.lists(names, max_size=6, unique=True), st.lists(names, max_size=6, unique=True))
def test_every_name_is_shown_once(a_names: list[str], b_names: list[str]) -> None:
    a = list({s.key: s for s in map(org, a_names) if s.key}.values())
    b = list({s.key: s for s in map(org, b_names) if s.key}.values())
    changes = signatory_changes(a, b)
    shown_a = [*changes.only_a, *(r.a for r in changes.renamed)]
    shown_b = [*changes.common, *changes.only_b, *(r.b for r in changes.renamed)]
    assert sorted(shown_b) == sorted(s.name for s in b)
    assert len(shown_a) + len(changes.common) == len(a)


def _variants(rng: random.Random) -> dict[str, str]:
    """Generated organisation names, each with the variants one kind of rename makes:
    variant -> the name it varies."""
    first = ["Blue", "Northern", "Open", "Living", "Fair", "Young"]
    second = ["Climate", "Water", "Labour", "Forest", "Housing", "Ocean"]
    third = ["Foundation", "Network", "Alliance", "Initiative", "Collective"]
    places = ["Porto", "Lima", "Accra", "Dhaka", "Kenya", "Chile"]
    out = {}
    for _ in range(60):
        a, b, c, d = (rng.choice(x) for x in (first, second, third, places))
        base = f"{a} {b} {c} of {d}"
        for variant in (
            base,
            f"{a} {b} {c}s of {d}",
            f"The {a}{b} {c} of {d}",
            f"{a} {b} {c} of the {d}",
            f"{a} {b} {c[0]}{c[2]}{c[1]}{c[3:]} of {d}",
            f"{a[0]}{b[0]}{c[0]} {d}",
        ):
            out.setdefault(variant, base)
    return out


def test_blocking_finds_every_pair_that_matches() -> None:
    identities = [identity_of(org(n)) for n in _variants(random.Random(5))]
    proposed = candidates(identities)
    for i in range(len(identities)):
        for j in range(i + 1, len(identities)):
            x, y = identities[i], identities[j]
            if x.key != y.key and match(x, y) is not None:
                assert (i, j) in proposed, (x.name, y.name)
    assert len(proposed) < len(identities) * (len(identities) - 1) / 20


# --- the coalition ----------------------------------------------------------------------------


def letter(key: str, date: str, *signatories: Signatory) -> Letter:
    return blank_letter(key, date=date, signatories=signatories)


def test_coalition_rows_are_the_signatories_diff_calls_the_same() -> None:
    letters = [
        letter("l1", "2019-01-01", org("Stepping Stone"), org("HanVoice"), org("Austria Aid")),
        letter("l2", "2020-01-01", org("Stepping Stones"), org("Han Voice"), org("HRW")),
        letter(
            "l3",
            "2021-01-01",
            org("Stepping Stones"),
            org("Human Rights Watch"),
            org("Australia Aid"),
        ),
    ]
    result = coalition(letters)
    rows = {m.name: m for m in result.members}
    assert set(rows) == {
        "Stepping Stones",
        "Han Voice",
        "Human Rights Watch",
        "Austria Aid",
        "Australia Aid",
    }
    assert rows["Stepping Stones"].signed == (True, True, True)
    assert rows["Stepping Stones"].aliases == ("Stepping Stone",)
    assert rows["Han Voice"].signed == (True, True, False)
    assert rows["Han Voice"].aliases == ("HanVoice",)
    assert rows["Human Rights Watch"].aliases == ("HRW",)
    assert rows["Austria Aid"].signed == (True, False, False)
    assert result.newcomers == ("australia aid",)
    assert set(result.leavers) == {"han voice", "austria aid"}


def test_two_names_one_letter_lists_apart_stay_two_rows() -> None:
    letters = [
        letter("l1", "2019-01-01", org("River Stone"), org("River Stones")),
        letter("l2", "2020-01-01", org("River Stones")),
    ]
    rows = {m.key: m.signed for m in coalition(letters).members}
    assert rows == {"river stone": (True, False), "river stones": (True, True)}


def test_a_large_coalition_joins_exactly_the_variants_of_one_name() -> None:
    rng = random.Random(3)
    base_of = _variants(rng)
    by_base: dict[str, list[str]] = {}
    for variant, base in base_of.items():
        by_base.setdefault(base, []).append(variant)
    bases = sorted(by_base)
    letters = [  # one spelling of each name in a letter: a letter lists one signatory once
        letter(
            f"l{n:02d}",
            f"{2000 + n}-01-01",
            *(org(rng.choice(by_base[base])) for base in rng.sample(bases, 40)),
        )
        for n in range(20)
    ]
    members = coalition(letters).members
    assert sum(m.count for m in members) == sum(len(x.signatories) for x in letters)
    for member in members:
        assert len({base_of[name] for name in (member.name, *member.aliases)}) == 1
    joined = sum(1 for m in members if m.aliases)
    assert joined > len(set(base_of.values())) / 2


# --- the CLI -----------------------------------------------------------------------------------


def _letter_file(path: Path, date: str, orgs: list[str], people: list[str]) -> None:
    path.write_text(
        "Open letter to the Minister\n\n"
        f"{date}\n\nDear Minister,\n\nWe urge you to protect the rivers of the region.\n\n"
        "Sincerely,\n\nOrganisations:\n"
        + "\n".join(orgs)
        + "\n\nIndividuals:\n"
        + "\n".join(people)
        + "\n",
        encoding="utf-8",
    )


def test_diff_json_shows_renames_with_reasons_and_lookalikes_as_leaving_and_joining(
    tmp_path: Path,
) -> None:
    _letter_file(
        tmp_path / "a.txt",
        "4 May 2021",
        [
            "Amnesty International Austria",
            "Blue Climate Foundation of Porto",
            "Stepping Stone",
            "HanVoice",
            "Human Rights Watch (HRW)",
            "Amnesty International (AI)",
        ],
        ["Maria Lopez", "Dr. Jane Smith"],
    )
    _letter_file(
        tmp_path / "b.txt",
        "4 May 2022",
        [
            "Amnesty International Australia",
            "Clean Climate Foundation of Porto",
            "Stepping Stones",
            "Han Voice",
            "HRW",
            "Amnesty International",
        ],
        ["Mario Lopez", "Jane Smith"],
    )
    result = CliRunner().invoke(
        cli, ["--corpus", str(tmp_path), "diff", "a.txt", "b.txt", "--json"]
    )
    assert result.exit_code == 0, result.output
    signatories = json.loads(result.output)["signatories"]
    assert sorted(signatories["common"]) == ["Amnesty International", "Jane Smith"]
    assert sorted(signatories["only_a"]) == [
        "Amnesty International Austria",
        "Blue Climate Foundation of Porto",
        "Maria Lopez",
    ]
    assert sorted(signatories["only_b"]) == [
        "Amnesty International Australia",
        "Clean Climate Foundation of Porto",
        "Mario Lopez",
    ]
    assert {(r["a"], r["b"], r["reason"]) for r in signatories["renamed"]} == {
        ("Stepping Stone", "Stepping Stones", "plural"),
        ("HanVoice", "Han Voice", "spacing"),
        ("Human Rights Watch (HRW)", "HRW", "acronym"),
    }
    assert all(set(r) == {"a", "b", "score", "reason"} for r in signatories["renamed"])
    text = CliRunner().invoke(cli, ["--corpus", str(tmp_path), "diff", "a.txt", "b.txt"])
    assert "~ Stepping Stone → Stepping Stones  (plural)" in text.output


# --- data files --------------------------------------------------------------------------------


def test_bad_identity_data_is_a_data_file_error_naming_the_entry() -> None:
    signatories = load_data("signatories")
    good = '[drop]\narticle = ["the"]\nand = ["and"]\n[acronym]\nskip = ["of"]\n'
    with pytest.raises(DataFileError, match=r"identity.toml: \[spelling\]"):
        rules_from(
            parse_data(good + '[spelling]\nvariants = [["ise"]]\n', "identity.toml"), signatories
        )
    with pytest.raises(DataFileError, match="guard.toml.*names"):
        guard_from(parse_data('words = ["policy"]\n', "guard.toml"))


# --- check -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("new", "renames", "added"),
    [
        ("HRW", [("Human Rights Watch", "HRW", "acronym")], ()),
        ("Human Rights Watches", [("Human Rights Watch", "Human Rights Watches", "plural")], ()),
        ("Human Rights Match", [], ("Human Rights Match",)),
    ],
)
def test_check_compares_the_draft_signatories_with_the_same_matcher(
    tmp_path: Path, taxonomy, seeds_corpus, new: str, renames: list, added: tuple
) -> None:
    from compare.check import check_draft
    from compare.corpus import read_letters

    seeds = Path(__file__).resolve().parent.parent / "seeds"
    text = next(seeds.glob("000_*.txt")).read_text(encoding="utf-8")
    assert text.count("Human Rights Watch\n") == 1
    path = tmp_path / "draft.txt"
    path.write_text(text.replace("Human Rights Watch\n", f"{new}\n"), encoding="utf-8")
    draft = read_letters(path, taxonomy)[0]
    signatories = check_draft(draft, seeds_corpus.letters).signatories
    assert [(r.a, r.b, r.reason) for r in signatories.renamed] == renames
    assert signatories.only_b == added


def test_the_guards_names_are_given_names_without_english_words_plus_cities() -> None:
    raw = parse_data(
        'words = ["policy"]\ncities = ["salzburg"]\nnot_names = ["will"]\n', "guard.toml"
    )
    guard = guard_from(raw, given=["Anna", "Will", "José"])
    assert guard.names == {"anna", "jose", "salzburg"}
    assert "christina" in typo_guard().names  # read from probablepeople's census tables
    assert "grace" not in typo_guard().names  # a given name that is an English word
