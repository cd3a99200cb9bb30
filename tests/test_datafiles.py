"""compare.datafiles: one reader for the TOML data files, one error naming file and entry."""

from __future__ import annotations

from pathlib import Path

import pytest

from compare.datafiles import (
    load_data,
    number,
    parse_data,
    strings,
    table,
    tables,
    text,
    word_lists,
    words,
)
from compare.errors import DataFileError, LetterError
from compare.reading.asks import _build_vocabulary
from compare.reading.countries import countries_from
from compare.reading.lexicon import lexicon_from
from compare.reading.signatories import words_from
from compare.themes import taxonomy_from

DATA = Path(__file__).resolve().parent.parent / "compare" / "data"


def _packaged(name: str) -> str:
    return (DATA / name).read_text("utf-8")


def _error(build, source: str, file: str) -> str:
    with pytest.raises(DataFileError) as caught:
        build(parse_data(source, file))
    assert isinstance(caught.value, LetterError)
    assert caught.value.path == file
    return str(caught.value)


def test_packaged_files_load_by_name() -> None:
    data = load_data("letter")
    assert data.file.endswith("letter.toml")
    assert load_data("letter.toml") == data
    assert number(table(data, "salutation"), "max_words") > 0


def test_user_file_errors_name_the_file(tmp_path: Path) -> None:
    with pytest.raises(DataFileError, match="absent.toml: no such data file"):
        load_data(tmp_path / "absent.toml")
    with pytest.raises(DataFileError, match="directory"):
        load_data(tmp_path)
    bad = tmp_path / "bad.toml"
    bad.write_text("x = 1\ny = \n")
    with pytest.raises(DataFileError, match=r"bad.toml: invalid TOML.*line"):
        load_data(bad)
    bad.write_bytes(b"x = '\xe9'\n")
    with pytest.raises(DataFileError, match="not UTF-8"):
        load_data(bad)


def test_readers_name_the_table_and_entry() -> None:
    data = parse_data(
        '[a]\nlist = ["x", 2]\nn = "7"\nblank = " "\n[a.b]\nk = 1\n[[item]]\nname = "i"\n'
        '[lists]\nk = ["v"]\nbad = "v"\n',
        "f.toml",
    )
    a = table(data, "a")
    cases = [
        (lambda: table(data, "missing"), "f.toml: no [missing] table"),
        (lambda: table(a, "missing"), "f.toml: [a] has no [a.missing] table"),
        (lambda: tables(data, "missing"), "f.toml: no [[missing]] tables"),
        (lambda: words(a, "missing"), "f.toml: [a] has no 'missing' list"),
        (
            lambda: words(a, "list"),
            "f.toml: [a] 'list' must be a list of non-empty strings (item 2 is 2)",
        ),
        (lambda: number(a, "n"), "f.toml: [a] has no integer 'n'"),
        (lambda: text(a, "blank"), "f.toml: [a] 'blank' must be text"),
        (lambda: text(tables(data, "item")[0], "slug"), "f.toml: [[item]] #1 has no 'slug'"),
        (lambda: strings(a, "b"), "f.toml: [a.b] 'k' must be a non-empty string"),
        (lambda: word_lists(data, "lists"), "f.toml: [lists] has no 'bad' list"),
    ]
    for read, message in cases:
        with pytest.raises(DataFileError) as caught:
            read()
        assert str(caught.value) == message
    assert text(a, "absent", default=None) is None


# One bad file per loader that reads through compare.datafiles.


def test_letter_toml_loader() -> None:
    source = _packaged("letter.toml")
    assert lexicon_from(parse_data(source, "letter.toml")).salutation_max_words > 0
    broken = source.replace("\nmax_words = ", "\nmax_word = ", 1)
    assert _error(lexicon_from, broken, "letter.toml") == (
        "letter.toml: [salutation] has no integer 'max_words'"
    )
    broken = source.replace("[footnotes]", "[footnote]")
    assert _error(lexicon_from, broken, "letter.toml") == "letter.toml: no [footnotes] table"


def test_signatories_toml_loader() -> None:
    source = _packaged("signatories.toml")
    assert words_from(parse_data(source, "signatories.toml")).prose_words > 0
    head, tail = source.split("[words]")
    broken = head + "[words]" + tail.replace("\norganization = [", "\norganisation = [", 1)
    assert _error(words_from, broken, "signatories.toml") == (
        "signatories.toml: [words] has no 'organization' list"
    )


def test_countries_toml_loader() -> None:
    source = _packaged("countries.toml")
    assert countries_from(parse_data(source, "countries.toml"))["regions"]
    broken = source.replace("\n[regions]\n", "\n[region]\n")
    assert _error(countries_from, broken, "countries.toml") == (
        "countries.toml: no [regions] table"
    )
    broken = source.replace("\n[aliases]\n", '\n[aliases]\n"Nowhere" = 3\n')
    assert _error(countries_from, broken, "countries.toml") == (
        "countries.toml: [aliases] 'Nowhere' must be a non-empty string"
    )


def test_themes_toml_loader() -> None:
    source = '[[theme]]\nslug = "x"\nphrase = ["a"]\n'
    assert _error(taxonomy_from, source.replace("phrase ", "description "), "themes.toml") == (
        "themes.toml: [[theme]] 'x' has no 'phrases' list"
    )
    assert _error(taxonomy_from, source, "themes.toml") == (
        "themes.toml: [[theme]] #1 has an unknown key 'phrase'"
    )


def test_verbs_toml_loader() -> None:
    source = _packaged("verbs.toml")
    broken = source.replace('lemma = "demand"', 'name = "demand"')
    assert _error(_build_vocabulary, broken, "verbs.toml") == (
        "verbs.toml: [[verb]] #1 has no 'lemma'"
    )
