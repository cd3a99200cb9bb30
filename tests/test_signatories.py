"""Signature blocks -> ``Signatory`` records, countries, keys and headings.

The crafted cases use invented names in the layouts real letters use; the seed cases cut the
signature blocks out of ``seeds/*.txt`` here (the letter parser is tested elsewhere).
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from compare.models import Signatory
from compare.reading.countries import match_country, split_country_suffix
from compare.reading.signatories import is_signatory_heading, parse_signatories, signatory_key

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def parse(lines: list[str]) -> list[Signatory]:
    """The signatories only."""
    return parse_signatories(lines)[0]


def by_name(signatories: list[Signatory]) -> dict[str, Signatory]:
    return {s.name: s for s in signatories}


# --- countries ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("UK", "United Kingdom"),
        ("United Kingdom", "United Kingdom"),
        ("USA", "United States"),
        ("US", "United States"),
        ("United States", "United States"),
        ("United States of America", "United States"),
        ("South Korea", "South Korea"),
        ("Republic of Korea", "South Korea"),
        ("Korea, Republic of", "South Korea"),
        ("ROK", "South Korea"),
        ("north korea", "North Korea"),
        ("Burma", "Myanmar"),
        ("Perú", "Peru"),
        ("PERU", "Peru"),
        ("The Gambia", "Gambia"),
        ("Timor Leste", "Timor-Leste"),
        ("Russian Federation", "Russia"),
        ("Iran, Islamic Republic of", "Iran"),
        ("Viet Nam", "Vietnam"),
        ("Kashmir", "Kashmir"),
        ("Taiwan", "Taiwan"),
        ("  Japan\xa0", "Japan"),
    ],
)
def test_match_country(text: str, expected: str) -> None:
    assert match_country(text) == expected


@pytest.mark.parametrize("text", ["rok", "us", "Human Asia", "Korea Future", "", "North"])
def test_match_country_rejects(text: str) -> None:
    assert match_country(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Harbour LightSouth Korea", ("Harbour Light", "South Korea")),
        ("Foo (ABC)United Kingdom", ("Foo (ABC)", "United Kingdom")),
        ("Lake Group (LG)United States of America", ("Lake Group (LG)", "United States")),
        ("Aid for the People of KoreaSouth Korea", ("Aid for the People of Korea", "South Korea")),
        ("The 12 ProjectJapan", ("The 12 Project", "Japan")),
        ("Bright Future Inc.Peru", ("Bright Future Inc.", "Peru")),
        ("ACMEUnited Kingdom", ("ACME", "United Kingdom")),
        ("Justice for North Korea", ("Justice for North Korea", None)),
        ("Open North Korea", ("Open North Korea", None)),
        ("Friends of Kenya", ("Friends of Kenya", None)),
        ("CamelCase", ("CamelCase", None)),
        ("ALTFOO-BURMA", ("ALTFOO-BURMA", None)),
    ],
)
def test_split_country_suffix(text: str, expected: tuple[str, str | None]) -> None:
    assert split_country_suffix(text) == expected


def test_import_does_not_load_pycountry() -> None:
    code = "import sys, compare.reading.signatories; print('pycountry' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


# --- keys --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("The Committee for Justice in Ruritania (CJR)", "Committee for Justice in Ruritania"),
        ("Citizens’ Alliance for Open Seas (COS)", "Citizens' Alliance for Open Seas"),
        ("Lawyers for human rights and peace", "Lawyers for Human Rights and Peace"),
        ("Peace & Unity Network", "Peace and Unity Network"),
        ("Asociación Pro Derechos", "Asociacion pro derechos"),
        ("Helping Hands Korea_Lanterns", "Helping-Hands Korea Lanterns"),
        ("Stone Trust, UK", "Stone Trust / United Kingdom"),
        ("Rivers Forum – Norway", "Rivers Forum"),
        ("Jane Roe, Lady", "Jane Roe"),
        ("Mary Major, Ph.D.", "Dr. Mary Major"),
        ("Lord John Doe", "John Doe"),
        ("Jacob Institute\xa0(JI)", "Jacob Institute"),
    ],
)
def test_key_equal(a: str, b: str) -> None:
    assert signatory_key(a) == signatory_key(b)


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("The 88 Group", "88 group"),
        ("W(e)ave", "weave"),
        ("Justice for North Korea", "justice for north korea"),
        ("Open North Korea", "open north korea"),
        ("  Élan   Vital  ", "elan vital"),
    ],
)
def test_key_value(name: str, key: str) -> None:
    assert signatory_key(name) == key


# --- headings ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("Groups", "organization"),
        ("Organizations", "organization"),
        ("Organisations:", "organization"),
        ("ORGANIZATIONS", "organization"),
        ("Individuals", "individual"),
        ("Individual signatories:", "individual"),
        ("Individuals (in alphabetical order)", "individual"),
        ("Signatories", "any"),
        ("Signed by", "any"),
        ("Endorsed by:", "any"),
        ("Human Rights Watch", None),
        ("Thank you for your consideration.", None),
    ],
)
def test_is_signatory_heading(line: str, kind: str | None) -> None:
    assert is_signatory_heading(line) == kind


# --- shapes ------------------------------------------------------------------------------------


def test_one_org_per_line() -> None:
    result = parse(["Oxfam", "Save the Children", "  Coastal Watch  ", "Example Alliance"])
    assert [s.name for s in result] == [
        "Oxfam",
        "Save the Children",
        "Coastal Watch",
        "Example Alliance",
    ]
    assert all(s.kind == "organization" and s.country is None for s in result)


def test_org_with_country_after_comma_or_dash() -> None:
    result = by_name(
        parse(
            [
                "Coastal Rights Commission, Kenya",
                "",
                "Water Watch (WW), Ghana",
                "",
                "Lumina – Bangladesh",
                "",
                "Rivers Foundation - Norway",
                "",
                "International Board of Jurists",
                "",
                "W(e)ave, Mexico",
                "",
                "Verein -Stiftung für Menschenrechte in Bayern, Germany",
                "",
                "Open North Korea, South Korea",
            ]
        )
    )
    assert result["Coastal Rights Commission"].country == "Kenya"
    assert result["Water Watch (WW)"].country == "Ghana"
    assert result["Lumina"].country == "Bangladesh"
    assert result["Rivers Foundation"].country == "Norway"
    assert result["International Board of Jurists"].country is None
    assert result["W(e)ave"].country == "Mexico"
    assert result["Verein -Stiftung für Menschenrechte in Bayern"].country == "Germany"
    assert result["Open North Korea"].country == "South Korea"
    assert all(s.kind == "organization" for s in result.values())


def test_org_slash_country_and_person_with_title_under_organizations() -> None:
    result = by_name(
        parse(
            [
                "Organizations",
                "",
                "Harbour Campaign / USA",
                "",
                "SMITH John, Professor, Example University / Japan",
                "",
                "Lake Network (LN)",
                "",
                "Quiet Waters / UK",
            ]
        )
    )
    assert result["Harbour Campaign"].country == "United States"
    person = result["SMITH John"]
    assert person.kind == "individual"
    assert person.country == "Japan"
    assert person.affiliation == "Professor, Example University"
    assert result["Lake Network (LN)"].country is None
    assert result["Quiet Waters"] == Signatory(
        "Quiet Waters", "quiet waters", "organization", "United Kingdom"
    )


def test_person_with_title_and_country_under_individuals() -> None:
    result = parse(
        [
            "Individuals",
            "",
            "Jane Roe, Independent Member of the Upper House / UK",
            "",
            "Lee Min-Jun, Former Ambassador-at-large on Rights, Republic of Korea / South Korea",
        ]
    )
    assert [(s.name, s.kind, s.country) for s in result] == [
        ("Jane Roe", "individual", "United Kingdom"),
        ("Lee Min-Jun", "individual", "South Korea"),
    ]
    assert result[1].affiliation == "Former Ambassador-at-large on Rights, Republic of Korea"


def test_org_and_country_glued() -> None:
    result = parse(
        [
            "Groups",
            "Harbour LightSouth Korea",
            "Committee for Open Seas (COS)United States of America",
            "LANTERNUnited States of America",
            "Peace Network (PN)\xa0",
            "The 12 ProjectUnited Kingdom",
        ]
    )
    assert [(s.name, s.country) for s in result] == [
        ("Harbour Light", "South Korea"),
        ("Committee for Open Seas (COS)", "United States"),
        ("LANTERN", "United States"),
        ("Peace Network (PN)", None),
        ("The 12 Project", "United Kingdom"),
    ]


def test_org_and_country_on_separate_lines() -> None:
    result = parse(
        [
            "Groups",
            "Beyond the Hills",
            "South Korea",
            "",
            "",
            "Human Lanterns",
            "South Korea",
            "",
            "",
            "Liberty Bridge (LB)",
            "",
            "",
            "",
            "Lakeside Voices",
            "Canada",
        ]
    )
    assert [(s.name, s.country) for s in result] == [
        ("Beyond the Hills", "South Korea"),
        ("Human Lanterns", "South Korea"),
        ("Liberty Bridge (LB)", None),
        ("Lakeside Voices", "Canada"),
    ]


def test_country_line_after_single_blank_attaches_without_heading() -> None:
    result = parse(["Beyond the Hills", "", "Kenya", "", "Harbour Union", "", "Chile"])
    assert [(s.name, s.country) for s in result] == [
        ("Beyond the Hills", "Kenya"),
        ("Harbour Union", "Chile"),
    ]


def test_individuals_glued_to_their_titles() -> None:
    result = parse(
        [
            "Individuals",
            "Jane RoeFormer Director of the Example Committee in Chile",
            "Mary Major, Ph.D.Former UN Special Rapporteur on housing / Former Chair of a Board",
            "John Doe, LordIndependent Member of the Upper House & Co-chair of a Group\xa0",
            "Ana de la CruzFormer Judge",
        ]
    )
    assert [(s.name, s.kind) for s in result] == [
        ("Jane Roe", "individual"),
        ("Mary Major, Ph.D.", "individual"),
        ("John Doe, Lord", "individual"),
        ("Ana de la Cruz", "individual"),
    ]
    assert result[0].affiliation == "Former Director of the Example Committee in Chile"
    assert result[0].country == "Chile"  # inferred from "Committee in Chile"
    assert result[1].affiliation.startswith("Former UN Special Rapporteur on housing / Former")
    assert result[1].country is None
    assert result[2].affiliation.startswith("Independent Member")
    assert signatory_key(result[2].name) == "john doe"


def test_individuals_name_line_then_title_line() -> None:
    result = parse(
        [
            "Individuals",
            "John Doe, Lord",
            "Independent Member of the Upper House",
            "Jane Roe",
            "Former Commissioner on the situation of rights in Ruritania",
            "Mary Major, Ph.D.",
            "Former UN Special Rapporteur / Former Chair of a Board",
        ]
    )
    assert [(s.name, s.affiliation) for s in result] == [
        ("John Doe, Lord", "Independent Member of the Upper House"),
        ("Jane Roe", "Former Commissioner on the situation of rights in Ruritania"),
        ("Mary Major, Ph.D.", "Former UN Special Rapporteur / Former Chair of a Board"),
    ]
    assert all(s.kind == "individual" and s.country is None for s in result)


def test_multi_line_person_blocks_without_heading() -> None:
    result = parse(
        [
            "",
            "\xa0",
            "",
            "Alice Walker",
            "",
            "Senior Fellow",
            "",
            "The Example Foundation",
            "",
            " ",
            "",
            "Bob T. Stone",
            "",
            "Professor, Example University",
            "",
            "Senior Adviser, Example Council",
            "",
            "\xa0",
            "",
            "Carol King",
            "",
            "Author of A Long Book",
            "",
            "\xa0",
            "",
            "Dan Lowe",
            "",
            "Senior Director",
            "",
            "Public Advocacy",
            "",
            "Lantern House",
            "",
            "\xa0",
            "",
            "\xa0",
            "",
        ]
    )
    assert [(s.name, s.kind, s.affiliation) for s in result] == [
        ("Alice Walker", "individual", "Senior Fellow, The Example Foundation"),
        (
            "Bob T. Stone",
            "individual",
            "Professor, Example University, Senior Adviser, Example Council",
        ),
        ("Carol King", "individual", "Author of A Long Book"),
        ("Dan Lowe", "individual", "Senior Director, Public Advocacy, Lantern House"),
    ]


def test_on_behalf_of() -> None:
    result = parse(["Jane Doe, on behalf of Example Network, Kenya", "Jack Roe on behalf of ACME"])
    assert [(s.name, s.kind, s.affiliation, s.country) for s in result] == [
        ("Jane Doe", "individual", "Example Network", "Kenya"),
        ("Jack Roe", "individual", "ACME", None),
    ]


def test_headings_set_kinds_and_are_not_signatories() -> None:
    result = parse(
        [
            "Organisations:",
            "",
            "Alpha Union",
            "Stepping Lanterns",
            "",
            "Individual signatories:",
            "",
            "Zed Brown",
            "Yan Li, Director, Alpha Union",
        ]
    )
    assert [(s.name, s.kind) for s in result] == [
        ("Alpha Union", "organization"),
        ("Stepping Lanterns", "organization"),
        ("Zed Brown", "individual"),
        ("Yan Li", "individual"),
    ]
    assert result[3].affiliation == "Director, Alpha Union"


def test_kind_without_heading() -> None:
    orgs_mostly = by_name(
        parse(
            [
                "Lantern Association, Peru",
                "Quiet Harbour, Chile",
                "Kontrax, Indonesia",
                "Rights Watch Asia",
                "Jane Doe, Professor, Example University",
            ]
        )
    )
    assert orgs_mostly["Quiet Harbour"].kind == "organization"  # like most of the list
    assert orgs_mostly["Kontrax"].kind == "organization"
    assert orgs_mostly["Jane Doe"].kind == "individual"
    names_only = parse(["Jane Doe", "John Q. Public", "Dr. Erika Mustermann"])
    assert [s.kind for s in names_only] == ["individual"] * 3


def test_duplicates_merged_with_warning() -> None:
    signatories, warnings = parse_signatories(
        [
            "Example Trust (ET), UK",
            "",
            "Harbour Union",
            "",
            "The Example Trust, United Kingdom",
        ]
    )
    assert [s.name for s in signatories] == ["Example Trust (ET)", "Harbour Union"]
    assert signatories[0].country == "United Kingdom"
    assert warnings == ["duplicate signatory: The Example Trust"]


def test_junk_lines_are_skipped() -> None:
    result = parse(
        [
            "-",
            "•",
            "...",
            "",
            "Thank you for your consideration and we would be pleased to discuss these matters "
            "further with your staff.",
            "https://example.org/letters/2020",
            "info@example.org",
            "Fax: +1-212-555-0100, E-mail: office@example.org",
            "Tel. +44 20 7946 0000",
            "+1 (212) 555-0100",
            "Example Coalition",
            "Page Foundation",
        ]
    )
    assert [s.name for s in result] == ["Example Coalition", "Page Foundation"]


def test_address_and_continuation_lines_are_skipped() -> None:
    result = parse(
        [
            "Harbour Watch",
            "350 Example Avenue, 34th Floor",
            "New York, NY 10118-3299",
            "London EC1A 4HD",
            "…and 45 other organisations",
        ]
    )
    assert [s.name for s in result] == ["Harbour Watch"]


def test_heading_with_names_on_the_same_line() -> None:
    result = parse(["Signed by: Harbour Watch; Lantern Union", "Quiet Forum | Kenya"])
    assert [(s.name, s.country) for s in result] == [
        ("Harbour Watch", None),
        ("Lantern Union", None),
        ("Quiet Forum", "Kenya"),
    ]


def test_announcing_line_is_a_heading_inside_the_block() -> None:
    result = parse(["On behalf of the undersigned organisations:", "Quiet Harbour", "Still Waters"])
    assert [(s.name, s.kind) for s in result] == [
        ("Quiet Harbour", "organization"),
        ("Still Waters", "organization"),
    ]
    assert is_signatory_heading("On behalf of the undersigned organisations:") is None


def test_person_forms() -> None:
    result = by_name(
        parse(
            [
                "Park Ji-hoon, Professor, Example National University",
                "Prof. Dr. Hans Müller, University of Bonn, Germany",
                "Jane Doe (Professor, Example University)",
                "Jane Roe - Director, Harbour Watch",
                "Mary Smith",
                "Executive Director",
                "Example Foundation",
            ]
        )
    )
    assert result["Park Ji-hoon"].affiliation == "Professor, Example National University"
    assert result["Prof. Dr. Hans Müller"].country == "Germany"
    assert result["Prof. Dr. Hans Müller"].affiliation == "University of Bonn"
    assert result["Jane Doe"].affiliation == "Professor, Example University"
    assert result["Jane Roe"].affiliation == "Director, Harbour Watch"
    assert result["Mary Smith"].affiliation == "Executive Director, Example Foundation"
    assert all(s.kind == "individual" for s in result.values())


def test_empty_block() -> None:
    assert parse_signatories([]) == ([], [])
    assert parse_signatories(["", " ", "\xa0"]) == ([], [])


# --- seeds -------------------------------------------------------------------------------------


def seed_block(stem: str, end: Callable[[str], bool], nth: int = 0) -> list[str]:
    """The lines after the ``nth`` "Sincerely," of a seed file, up to the line ``end`` marks."""
    path = next(SEEDS.glob(f"{stem}_*.txt"))
    lines = path.read_text("utf-8").split("\n")
    starts = [i for i, line in enumerate(lines) if line.strip().startswith("Sincerely")]
    block: list[str] = []
    for line in lines[starts[nth] + 1 :]:
        if end(line):
            return block
        block.append(line)
    raise AssertionError(f"no end marker in {path.name}")


def _footnote(line: str) -> bool:
    return bool(line) and line[0] in "\u2071¹²³⁴⁵⁶⁷⁸⁹"


def test_seed_000_organizations_only() -> None:
    signatories, warnings = parse_signatories(seed_block("000", _footnote))
    assert len(signatories) == 8
    assert all(s.kind == "organization" and s.country is None for s in signatories)
    assert signatories[0].name == "Amnesty International"
    assert signatories[-1].name == "Jacob Blaustein Institute for the Advancement of Human Rights"
    assert warnings == []


def test_seed_001_individuals_then_organizations() -> None:
    signatories = parse(seed_block("001", lambda line: line.strip() == "Previous"))
    # 5 lines under "Individuals", 46 under "Organizations" (one of them a professor).
    assert len(signatories) == 51
    individuals = [s for s in signatories if s.kind == "individual"]
    assert [s.name for s in individuals] == [
        "David Alton",
        "Sonja Biserko",
        "Marzuki Darusman",
        "Jung-Hoon Lee",
        "Tomás Ojea Quintana",
        "ARAKI Kazuhiro",
    ]
    named = by_name(signatories)
    assert named["David Alton"].country == "United Kingdom"
    assert named["Jung-Hoon Lee"].country == "South Korea"
    assert named["ARAKI Kazuhiro"].country == "Japan"
    assert named["ARAKI Kazuhiro"].affiliation == "Professor, Takushoku University"
    assert named["Jubilee Campaign"].country == "United States"
    assert named["ALTSEAN-BURMA"].country == "Myanmar"
    assert named["Liberty in North Korea (LiNK)"].country is None
    assert named["Justice For North Korea"].country == "South Korea"


def _seed_002() -> tuple[list[Signatory], list[Signatory]]:
    stem = "002"
    first = parse(seed_block(stem, lambda line: line.startswith("=====")))
    second = parse(seed_block(stem, lambda line: line.startswith("This image has"), nth=1))
    return first, second


def test_seed_002_two_layouts_give_the_same_signatories() -> None:
    first, second = _seed_002()
    for letter in (first, second):
        assert len(letter) == 37
        assert sum(s.kind == "individual" for s in letter) == 4
    assert {(s.key, s.kind, s.country) for s in first} == {
        (s.key, s.kind, s.country) for s in second
    }
    named = by_name(first)
    assert named["Open North Korea"].country == "South Korea"
    assert named["LUMEN"].country == "United States"
    assert named["Liberty in North Korea (LiNK)"].country is None
    assert named["Lawyers for human rights and unification of Korea"].country == "South Korea"


def test_seed_002_individuals() -> None:
    for letter in _seed_002():
        people = [s for s in letter if s.kind == "individual"]
        assert [s.name for s in people] == [
            "David Alton, Lord",
            "Sonja Biserko",
            "Yanghee Lee, Ph.D.",
            "Vitit Muntarbhorn",
        ]
        assert all(
            s.affiliation and s.affiliation.startswith(("Independent", "Former")) for s in people
        )
        assert people[0].key == "david alton"


def test_seed_003_duplicate_merged() -> None:
    lines = seed_block("003", lambda line: line.strip() == "CC:")
    listed = [line for line in lines if line.strip()]
    assert len(listed) == 53
    signatories, warnings = parse_signatories(lines)
    assert len(signatories) == 52
    assert warnings == ["duplicate signatory: Now Action & Unity for Human Rights (NAUH)"]
    assert all(s.kind == "organization" for s in signatories)
    named = by_name(signatories)
    assert named["I(d)eas"].country == "Mexico"
    assert named["Odhikar"].country == "Bangladesh"
    assert named["Asociación Pro Derechos Humanos"].country == "Peru"
    assert named["HAK Association"].country == "Timor-Leste"
    assert named["Saram -Stiftung für Menschenrechte in Nordkorea"].country == "Germany"
    assert named["International Commission of Jurists"].country is None
    assert named["Association of Parents of Disappeared Persons (APDP)"].country == "Kashmir"


def test_seed_004_person_blocks() -> None:
    signatories, warnings = parse_signatories(
        seed_block("004", lambda line: line.startswith("Your tax deductible"))
    )
    assert len(signatories) == 14
    assert all(s.kind == "individual" and s.affiliation for s in signatories)
    named = by_name(signatories)
    assert "Georgetown University" in named["Victor Cha"].affiliation
    assert named["David Hawk"].affiliation == "Author of The Hidden Gulag"
    assert named["Felice D. Gaer"].affiliation.startswith("Director, ")
    assert warnings == []


def test_seed_keys_match_across_letters() -> None:
    first, _ = _seed_002()
    keys_000 = {s.key for s in parse(seed_block("000", _footnote))}
    keys_003 = {s.key for s in parse(seed_block("003", lambda line: line.strip() == "CC:"))}
    assert signatory_key("Citizens’ Alliance for North Korean Human Rights (NKHR)") in keys_000
    assert "committee for human rights in north korea" in keys_000 & keys_003
    assert {s.key for s in first} & keys_003 >= {
        "now action and unity for human rights",
        "open north korea",
        "unification academy",
    }


@pytest.mark.parametrize(
    ("line", "kept"),
    [
        (
            "Jane Roe, Acme, We want an end to this war and we condemn the attacks.",
            "Jane Roe, Acme",
        ),
        (
            "Joe Doe, Birch Ventures, Every child deserves safety. All of us must act.",
            "Joe Doe, Birch Ventures",
        ),
        (
            "Jane Roe, Professor of international law, University of Example",
            "Jane Roe, Professor of international law, University of Example",
        ),
    ],
)
def test_a_signers_comment_field_is_cut_from_a_signature_card(line, kept):
    from compare.reading.signatories import _drop_comment

    assert _drop_comment(line) == kept


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("Marta K. signed just now", "Marta K."),
        ("Omar B. signed 2 hours ago", "Omar B."),
        ("Ana P. a signé il y a 2 heures", "Ana P."),
        ("We signed the letter.", None),  # a pronoun, not a signer
        ("The union signed the agreement with the ministry of labour in 2019", None),
        ("signed by 40 groups", None),
    ],
)
def test_a_petition_feed_line_names_its_signer(line, name):
    from compare.reading.signatories import signed_entry

    assert signed_entry(line) == name


def test_feed_lines_are_signatories_by_their_names():
    found, _ = parse_signatories(["Marta K. signed just now", "Omar B. signed 2 hours ago"])
    assert [s.name for s in found] == ["Marta K.", "Omar B."]


def test_a_role_line_under_a_name_is_that_persons_title_not_another_signatory():
    found, _ = parse_signatories(["Jane Example", "General Secretary", "Tel: 020 7000 0000"])
    assert [(s.name, s.affiliation) for s in found] == [("Jane Example", "General Secretary")]
    found, _ = parse_signatories(["Jane Roe", "Tom Head", "Ana Poe"])  # "Head" is a surname too
    assert [s.name for s in found] == ["Jane Roe", "Tom Head", "Ana Poe"]


def test_a_numbered_entry_that_describes_its_signer_is_the_signer():
    found, _ = parse_signatories(
        [
            "1, Example Network (EN), EN is a regional network of groups that works on trade.",
            "2, Sample Org, Sample Org is a movement of over 10 million people who campaign.",
            "We urge the Minister, as we said before, to act now on this and we will ask again.",
        ]
    )
    assert [(s.name, s.kind) for s in found] == [
        ("Example Network (EN)", "organization"),
        ("Sample Org", "organization"),
    ]


@pytest.mark.parametrize(
    ("line", "signer"),
    [
        ("3. Tenant Solidarity", True),
        ("2. Parents and Teachers Against School Closures", True),
        ("Jane Roe, Director of the Port Authority", True),
        ("2. Ensure that all prisoners receive medical care.", False),
        ("We ask you to meet the families this month.", False),
    ],
)
def test_a_line_opens_with_a_signer_when_its_head_is_a_name(line, signer):
    from compare.reading.signatories import opens_with_signer

    assert opens_with_signer(line) is signer


def test_in_a_wall_of_people_names_not_written_as_names_are_people_too():
    firsts, lasts = ("Ana", "Ben", "Cleo", "Dev", "Eli", "Fay"), ("Roe", "Poe", "Doe", "Moe", "Loe")
    people = [f"{first} {last}, Acme Labs" for first in firsts for last in lasts]
    odd = ["Tomas okafor, Initech", "Idris, Globex", "Leyla, MIT", "Rami haddad, Freelancer"]
    orgs = ["Harbour Foundation", "MIT"]
    found = {s.name.split(",")[0]: s.kind for s in parse([*people[:15], *odd, *orgs, *people[15:]])}
    assert [found[n.split(",")[0]] for n in odd] == ["individual"] * 4
    assert found["Harbour Foundation"] == found["MIT"] == "organization"  # org word; acronym
    few = {s.name.split(",")[0]: s.kind for s in parse([*people[:8], *odd])}  # too short a list
    assert few["Idris"] == "organization"


def test_a_long_line_announcing_the_list_is_its_heading_not_a_signatory():
    lines = [
        "List of the first organisations that have already endorsed this joint letter:",
        "Harbour Aid International",
        "Valley Refugee Council",
    ]
    assert [(s.name, s.kind) for s in parse(lines)] == [
        ("Harbour Aid International", "organization"),
        ("Valley Refugee Council", "organization"),
    ]
