"""The person-or-organisation classifier and the signature-entry shapes it helps read."""

from __future__ import annotations

import json
import subprocess
import sys

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from compare.models import Signatory
from compare.reading import signatorykind
from compare.reading.signatories import parse_signatories


def parse(lines: list[str]) -> list[Signatory]:
    return parse_signatories(lines)[0]


def spaced(lines: list[str]) -> list[str]:
    """The lines with a blank line between each two (how cards and lists are pasted)."""
    out: list[str] = []
    for line in lines:
        out += [line, ""]
    return out[:-1]


# --- the classifier ----------------------------------------------------------------------------


def test_retraining_gives_the_shipped_predictions() -> None:
    entries = signatorykind.training_entries()
    retrained = signatorykind.train(entries)
    shipped = signatorykind._weights()
    x = np.array([signatorykind.features(text) for text, _ in entries])
    assert ((x @ retrained) > 0).tolist() == ((x @ shipped) > 0).tolist()
    assert np.allclose(retrained, shipped, atol=1e-5)


def test_the_memoised_name_tagger_tags_as_probablepeople_does() -> None:
    """Each token's features are computed once and reused; the tags must stay exactly what
    probablepeople's own parse gives, in any order of calls, for every training entry, its
    head words, and odd shapes (commas, lone marks, one token, nothing)."""
    import probablepeople  # type: ignore[import-untyped]

    entries = [text for text, _ in signatorykind.training_entries()]
    odd = ["", " ", "&", "Jane", "Jane, Doe, Jr.", "A & B, c/o C", "(ABC) 'x' Doe,", "J. R. R."]
    texts = [*entries, *[" ".join(t.split()[:2]) for t in entries], *odd]
    signatorykind._tagged.cache_clear()
    for text in [*texts, *reversed(texts)]:
        try:
            expected = tuple(probablepeople.parse(text))
        except Exception:  # noqa: BLE001 - what _tags reads as no tags
            expected = ()
        assert signatorykind._tagged(text) == expected, text
        signatorykind._tagged.cache_clear()


def test_the_range_without_tagging_holds_the_probability() -> None:
    """person_range bounds person_probability from the layout alone (what lets the signature
    reader skip tagging an entry whose kind no probability in the range would change)."""
    entries = [text for text, _ in signatorykind.training_entries()]
    crafted = ["", "ACME", "Jane Doe", "Dr Jane Doe, Professor", "Harbour Light Network (HLN)"]
    for text in [*entries, *crafted]:
        low, high = signatorykind.person_range(text)
        assert low <= signatorykind.person_probability(text) <= high, text
        assert 0.0 <= low < high <= 1.0


@given(st.text(alphabet=st.sampled_from("Ab ,.&()-/Dr1é"), max_size=30))
def test_the_range_holds_the_probability_of_any_entry(text: str) -> None:
    low, high = signatorykind.person_range(text)
    assert low <= signatorykind.person_probability(text) <= high


def test_the_sidecar_says_how_the_weights_were_made() -> None:
    raw = json.loads(signatorykind.WEIGHTS_PATH.read_text(encoding="utf-8"))
    assert "signatory_kinds.txt" in raw["about"]
    assert set(raw["weights"]) == set(signatorykind.FEATURES)
    assert raw["entries"] == len(signatorykind.training_entries())
    assert raw["cross_validated_accuracy"] >= 0.85


def test_parsing_signatories_does_not_import_scikit_learn() -> None:
    code = (
        "import sys\n"
        "from compare.reading.signatories import parse_signatories\n"
        "parse_signatories(['Dr Ana Lima (Aninha), Recife, Brazil', 'Example Trust'])\n"
        "print('sklearn' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_clear_people_and_organisations() -> None:
    p = signatorykind.person_probability
    for person in [
        "Dr Tomasz Zielinski (Tom), Gdansk, Poland",
        "Adaeze Nwachukwu, School of Chemistry, Example University",
        "Prof. Haruto Sasaki",
    ]:
        assert p(person) > 0.5, person
    for org in [
        "Riverside Tenants Association",
        "Federation of Tenants and Residents (FTR), Example City",
        "Coastal Rights Network",
    ]:
        assert p(org) < 0.5, org


# --- entry shapes ------------------------------------------------------------------------------


def test_nickname_city_country_is_one_person() -> None:
    [s] = parse(["Dr Marta Kowal (Marti), Bristol, UK"])
    assert s.kind == "individual"
    assert s.name == "Dr Marta Kowal (Marti)"
    assert s.country == "United Kingdom"


def test_name_department_institution_with_honours_are_individuals() -> None:
    lines = spaced(
        [
            "Signed by the fellows:",
            "_Hemi Parata, Centre for Ocean Studies, Example University",
            "Lorna Quist AC, School of Physics, Example University",
            "Ivo Brandt, FAA, Department of Botany, Sample Institute of Technology",
            "Sunita Rao AM FTSE, Example University",
            "Colm Farrell, Research School of Zoology, The Sample University_",
            "_Mirela Dobre, Institute for Frontier Studies, Example University",
            "Jonas Aalto, Faculty of Law, Sample University_",
        ]
    )
    signatories = parse(lines)
    assert len(signatories) == 7
    assert all(s.kind == "individual" for s in signatories)
    assert signatories[0].name == "Hemi Parata"
    assert not any("_" in s.name or "_" in (s.affiliation or "") for s in signatories)


def test_an_organisation_and_its_name_in_another_script_are_one_signatory() -> None:
    lines = spaced(
        [
            "Signed by:",
            "签署团体:",
            "Harbour Workers Safety Network (HWSN)",
            "港口工人安全网络",
            "Mountain Villages Health Alliance",
            "山村健康联盟",
            "Coastal Fishers Union",
            "沿海渔民工会",
        ]
    )
    signatories = parse(lines)
    assert [s.name for s in signatories] == [
        "Harbour Workers Safety Network (HWSN)",
        "Mountain Villages Health Alliance",
        "Coastal Fishers Union",
    ]
    assert all(s.kind == "organization" for s in signatories)


def test_names_in_one_script_only_are_each_a_signatory() -> None:
    signatories = parse(spaced(["王小明", "李华", "张伟"]))
    assert len(signatories) == 3


def test_a_long_list_of_cards_is_one_entry_a_line_and_drops_comments() -> None:
    cards = [
        "Kemal Arslan Bright Labs",
        "Ines Carvalho Northwind Systems Inc. We must stop this war now.",
        "Tariq Saleem Freelance",
        "Jonna Virtanen Example University",
        "Marcus Lee Orbit Cloud Peace is the only way forward!",
        "Aditi Kulkarni Sample Health #Ceasefire",
        "Pedro Alves Student",
        "Yusuf Okoro Acme Robotics",
    ]
    # an extra gap in the middle (a skipped line) makes the list two blocks of several lines
    lines = spaced(cards[:4]) + ["", ""] + spaced(cards[4:])
    signatories = parse(lines)
    assert len(signatories) == len(cards)
    text = " ".join(f"{s.name} {s.affiliation or ''}" for s in signatories)
    for comment in ["We must stop this war now.", "Peace is the only way forward!", "#Ceasefire"]:
        assert comment not in text
    assert sum(s.kind == "individual" for s in signatories) >= 6
