"""Theme taxonomy: the packaged default, the matching rule, custom files and their errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from compare.errors import DataFileError
from compare.themes import Taxonomy, Theme, load_taxonomy, tag_themes

REQUIRED_SLUGS = (
    "accountability", "sanctions", "security-council", "resolution", "detention",
    "death-penalty", "sexual-violence", "forced-labour", "food-aid", "movement", "abductions",
    "covid", "ohchr", "un-access", "information", "religion",
)  # fmt: skip


def _taxonomy(*themes: tuple[str, tuple[str, ...]]) -> Taxonomy:
    return Taxonomy(tuple(Theme(slug, slug.title(), phrases) for slug, phrases in themes))


def _write(tmp_path: Path, text: str, name: str = "themes.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# --------------------------------------------------------------------------- default taxonomy


def test_default_has_the_required_slugs_first_and_unique(taxonomy: Taxonomy) -> None:
    assert taxonomy.slugs[: len(REQUIRED_SLUGS)] == REQUIRED_SLUGS
    assert len(set(taxonomy.slugs)) == len(taxonomy.slugs)
    assert all(theme.label and theme.phrases for theme in taxonomy.themes)


def test_default_is_cached() -> None:
    assert load_taxonomy() is load_taxonomy()


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Those responsible must be held accountable.", "accountability"),
        ("an end to impunity for crimes against humanity", "accountability"),
        ("referral to the International Criminal Court", "accountability"),
        ("adopt targeted sanctions against officials", "sanctions"),
        ("the UN Security Council should meet", "security-council"),
        ("support the draft resolution", "resolution"),
        ("release all detainees", "detention"),
        ("conditions in detention centres", "detention"),
        ("close the political prison camps", "detention"),
        ("impose a moratorium on the death penalty", "death-penalty"),
        ("end rape and sexual violence", "sexual-violence"),
        ("the use of forced labor by construction brigades", "forced-labour"),
        ("chronic food insecurity and malnutrition", "food-aid"),
        ("respect freedom of movement", "movement"),
        ("return the abductees", "abductions"),
        ("under the pretext of the COVID-19 pandemic", "covid"),
        ("a field-based structure of the OHCHR", "ohchr"),
        ("the Office of the High Commissioner for Human Rights", "ohchr"),
        ("grant the Special Rapporteur a country visit", "un-access"),
        ("full, free and unimpeded access to the country", "un-access"),
        ("the right to freedom of opinion and expression", "information"),
        ("foreign radio broadcasts and media", "information"),
        ("persecution of religious believers", "religion"),
        ("torture and other cruel, inhuman or degrading treatment", "torture"),
        ("the principle of non-refoulement", "refugees"),
        ("enforced disappearance of activists", "enforced-disappearance"),
    ],
)
def test_default_tags_crafted_sentences(taxonomy: Taxonomy, text: str, slug: str) -> None:
    assert slug in tag_themes(text, taxonomy)


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Justice delayed is justice denied.", "accountability"),  # no bare "justice"
        ("The mediation efforts continued.", "information"),  # "media$" is whole-word
        ("A radioactive leak was reported.", "information"),  # "radio$" is whole-word
        ("They stood for a moment of silence.", "movement"),
        ("The council met on Tuesday.", "security-council"),
        ("We enjoyed the food court.", "accountability"),
        ("The grapes were harvested.", "sexual-violence"),  # "rape$" is whole-word
    ],
)
def test_default_does_not_tag_lookalikes(taxonomy: Taxonomy, text: str, slug: str) -> None:
    assert slug not in tag_themes(text, taxonomy)


def test_tags_come_in_taxonomy_order(taxonomy: Taxonomy) -> None:
    text = "Religious freedom, the pandemic and sanctions; accountability first."
    tags = tag_themes(text, taxonomy)
    assert tags == tuple(slug for slug in taxonomy.slugs if slug in tags)
    assert tags[:2] == ("accountability", "sanctions")
    assert tags.index("covid") < tags.index("religion")


# --------------------------------------------------------------------------- matching rule


def test_phrase_must_start_at_a_word_start() -> None:
    taxonomy = _taxonomy(("cold", ("ice",)))
    assert tag_themes("Justice for all.", taxonomy) == ()
    assert tag_themes("Ice on the road.", taxonomy) == ("cold",)
    assert tag_themes("icebergs", taxonomy) == ("cold",)


def test_phrase_matches_longer_word_endings_but_not_other_stems() -> None:
    taxonomy = _taxonomy(("held", ("detain",)))
    assert tag_themes("He was detained.", taxonomy) == ("held",)
    assert tag_themes("All DETAINEES", taxonomy) == ("held",)
    assert tag_themes("pre-trial detention", taxonomy) == ()  # a different stem: list it too


def test_dollar_demands_a_whole_word_end() -> None:
    taxonomy = _taxonomy(("press", ("media$",)))
    assert tag_themes("state media, foreign media.", taxonomy) == ("press",)
    assert tag_themes("mediation and mediators", taxonomy) == ()


def test_spaces_hyphens_and_apostrophes_are_lenient() -> None:
    taxonomy = _taxonomy(
        ("office", ("field-based office",)),
        ("labour", ("forced labour",)),
        ("leave", ("one's own country",)),
    )
    assert tag_themes("a field based\noffice", taxonomy) == ("office",)
    assert tag_themes("a field-based office", taxonomy) == ("office",)
    assert tag_themes("forced-labour camps", taxonomy) == ("labour",)
    assert tag_themes("forced \n labour", taxonomy) == ("labour",)
    assert tag_themes("to leave one’s own country", taxonomy) == ("leave",)


def test_overlapping_phrases_of_different_themes_are_all_found() -> None:
    taxonomy = _taxonomy(("forced", ("forced labour",)), ("rights", ("labour convention",)))
    assert tag_themes("the Forced Labour Convention", taxonomy) == ("forced", "rights")


def test_empty_text_has_no_themes(taxonomy: Taxonomy) -> None:
    assert tag_themes("", taxonomy) == ()


# --------------------------------------------------------------------------- custom files


def test_custom_file_replaces_the_default(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        '[[theme]]\nslug = "water"\nlabel = "Water"\nphrases = ["drinking water", "wells$"]\n\n'
        '[[theme]]\nslug = "land"\nphrases = ["land grab", "eviction"]\n',
    )
    taxonomy = load_taxonomy(path)
    assert taxonomy.slugs == ("water", "land")
    assert taxonomy.label("land") == "land"  # label defaults to the slug
    assert taxonomy.label("water") == "Water"
    assert tag_themes("Forced evictions cut off drinking water.", taxonomy) == ("water", "land")
    assert tag_themes("All is well.", taxonomy) == ()


def test_custom_file_is_reread_after_a_change(tmp_path: Path) -> None:
    path = _write(tmp_path, '[[theme]]\nslug = "a"\nphrases = ["alpha"]\n')
    assert load_taxonomy(path).slugs == ("a",)
    _write(tmp_path, '[[theme]]\nslug = "bee"\nphrases = ["beta", "gamma"]\n')
    assert load_taxonomy(path).slugs == ("bee",)


def _error_for(path: Path) -> DataFileError:
    with pytest.raises(DataFileError) as caught:
        load_taxonomy(path)
    error = caught.value
    assert error.path == str(path)
    assert str(path) in str(error)
    assert "\n" not in str(error)
    return error


def test_missing_file(tmp_path: Path) -> None:
    assert "no such" in _error_for(tmp_path / "absent.toml").problem


def test_directory_instead_of_file(tmp_path: Path) -> None:
    assert "directory" in _error_for(tmp_path).problem


def test_invalid_toml_reports_the_line(tmp_path: Path) -> None:
    path = _write(tmp_path, '[[theme]]\nslug = "a"\nphrases = ["x"\nlabel = \n')
    problem = _error_for(path).problem
    assert problem.startswith("invalid TOML")
    assert "line 4" in problem


def test_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "latin1.toml"
    path.write_bytes('[[theme]]\nslug = "caf\xe9"\n'.encode("latin-1"))
    assert "UTF-8" in _error_for(path).problem


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('title = "no themes"\n', "no [[theme]]"),
        ('[[theme]]\nlabel = "L"\nphrases = ["x"]\n', "[[theme]] #1 has no 'slug'"),
        ('[[theme]]\nslug = ""\nphrases = ["x"]\n', "[[theme]] #1 'slug' must be text"),
        ('[[theme]]\nslug = "Bad Slug"\nphrases = ["x"]\n', "slug 'Bad Slug'"),
        ('[[theme]]\nslug = "a"\n', "[[theme]] 'a' has no 'phrases' list"),
        ('[[theme]]\nslug = "a"\nphrases = []\n', "[[theme]] 'a' has no 'phrases' list"),
        ('[[theme]]\nslug = "a"\nphrases = ["x", "  "]\n', "non-empty strings"),
        ('[[theme]]\nslug = "a"\nphrases = ["$"]\n', "non-empty strings"),
        ('[[theme]]\nslug = "a"\nphrases = [1]\n', "non-empty strings"),
        ('[[theme]]\nslug = "a"\nphrase = ["x"]\n', "unknown key 'phrase'"),
        (
            '[[theme]]\nslug = "a"\nphrases = ["x"]\n[[theme]]\nslug = "a"\nphrases = ["y"]\n',
            "duplicate slug 'a' (themes #1 and #2)",
        ),
    ],
)
def test_malformed_taxonomy(tmp_path: Path, text: str, expected: str) -> None:
    assert expected in _error_for(_write(tmp_path, text)).problem
