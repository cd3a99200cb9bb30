"""Country names in other languages (pycountry's translations) give the country."""

from __future__ import annotations

import pytest

from compare.corpus import read_letters
from compare.reading.countries import match_country
from compare.themes import load_taxonomy

NAMES = {
    "Royaume-Uni": "United Kingdom",
    "États-Unis": "United States",
    "Afrique du Sud": "South Africa",
    "Irlande": "Ireland",
    "España": "Spain",
    "Deutschland": "Germany",
    "Brasil": "Brazil",
    "Россия": "Russia",
    "Polska": "Poland",
    "Kenya": "Kenya",
}


@pytest.mark.parametrize(("name", "country"), NAMES.items())
def test_a_country_named_in_another_language_is_that_country(name, country):
    assert match_country(name) == country


def test_signatories_with_countries_in_other_languages(tmp_path):
    names = list(NAMES)[:8]
    text = (
        "Dear Minister,\n\nWe urge you to release the detained journalists.\n\nSincerely,\n\n"
        + "\n".join(f"Organisation {n}, {name}" for n, name in enumerate(names, start=1))
        + "\n"
    )
    path = tmp_path / "letter.txt"
    path.write_text(text, encoding="utf-8")
    [letter] = read_letters(path, load_taxonomy())
    assert [s.country for s in letter.signatories] == [NAMES[name] for name in names]
