"""Trends over a corpus: theme grid, term trends, distinctive terms, coalition (ask lineages:
tests/test_lineage.py).

Crafted letters with hand-checked expectations, the seeds, and a generated corpus (for the
blocking of candidate ask pairs in tests/test_lineage.py; it also serves timing runs:
``synthetic_letters(1000)`` gives ~15,000 asks).
"""

from __future__ import annotations

import dataclasses
import random

import pytest
from letters import blank_letter

from compare.models import Ask, Letter, Paragraph, Signatory
from compare.trends import (
    ask_lineage,
    coalition,
    corpus_trends,
    distinctive_terms,
    pick_terms,
    term_trends,
    theme_year_grid,
)

RELEASE = "We urge the authorities to release all political prisoners held in labour camps."
FREE = "Free every political prisoner held in the labour camps without delay."


def make_letter(key: str, date: str | None = None, **fields: object) -> Letter:
    """A letter with empty fields unless given; ``asks`` may be ``(verb, text)`` or
    ``(verb, text, themes)`` tuples, ``paragraphs`` plain strings (body paragraphs), and
    ``signatories`` ``(key, name)`` tuples or :class:`Signatory` objects."""
    values: dict[str, object] = {"date": date}
    asks = fields.pop("asks", ())
    values["asks"] = tuple(
        a if isinstance(a, Ask) else Ask(text=a[1], verb=a[0], themes=tuple(a[2:3] and a[2]))
        for a in asks  # type: ignore[union-attr]
    )
    paragraphs = fields.pop("paragraphs", ())
    values["paragraphs"] = tuple(
        p if isinstance(p, Paragraph) else Paragraph("body", p)
        for p in paragraphs  # type: ignore[union-attr]
    )
    signatories = fields.pop("signatories", ())
    values["signatories"] = tuple(
        s if isinstance(s, Signatory) else Signatory(name=s[1], key=s[0], kind="organization")
        for s in signatories  # type: ignore[union-attr]
    )
    values.update(fields)
    return blank_letter(key, **values)


# --- theme grid -------------------------------------------------------------------------------


def test_theme_grid_counts_asks_and_letters_per_year_in_taxonomy_order(taxonomy):
    letters = [
        make_letter(
            "c", "2016-03-01", asks=[("urge", "Stop it.", ("torture",))], themes=("torture",)
        ),
        make_letter(
            "a",
            "2014-05-01",
            themes=("torture", "detention"),
            asks=[
                ("urge", "Close the camps.", ("torture", "detention")),
                ("urge", "Free the prisoners.", ("detention",)),
            ],
        ),
        make_letter(
            "b",
            "2014-09-01",
            themes=("detention",),
            asks=[("urge", "Open the prisons.", ("detention",))],
        ),
        make_letter(
            "u", None, themes=("refugees",), asks=[("urge", "Protect refugees.", ("refugees",))]
        ),
    ]
    grid = theme_year_grid(letters, taxonomy)
    assert grid.years == (2014, 2016)
    assert grid.letters == (2, 1)
    assert grid.asks == (3, 1)
    assert grid.undated == 1
    # taxonomy order: detention comes before torture; the undated letter's theme is absent
    assert [row.slug for row in grid.rows] == ["detention", "torture"]
    detention, torture = grid.rows
    assert detention.label == taxonomy.label("detention")
    assert detention.counts == (3, 0)
    assert detention.letters_with_theme == (2, 0)
    assert torture.counts == (1, 1)
    assert torture.letters_with_theme == (1, 1)


def test_theme_grid_keeps_letter_only_themes_and_unknown_slugs_last(taxonomy):
    letters = [
        make_letter(
            "a",
            "2019-01-01",
            themes=("covid",),
            asks=[("urge", "Do it.", ("zz-local", "detention"))],
        ),
    ]
    grid = theme_year_grid(letters, taxonomy)
    assert [(row.slug, row.label, row.counts, row.letters_with_theme) for row in grid.rows] == [
        ("detention", taxonomy.label("detention"), (1,), (0,)),
        ("covid", taxonomy.label("covid"), (0,), (1,)),
        ("zz-local", "zz-local", (1,), (0,)),
    ]


def test_theme_grid_without_dated_letters_is_empty(taxonomy):
    grid = theme_year_grid([make_letter("a", themes=("covid",))], taxonomy)
    assert (grid.years, grid.rows, grid.undated) == ((), (), 1)


def test_duplicate_keys_are_refused(taxonomy):
    letters = [make_letter("a", "2014-01-01"), make_letter("a", "2015-01-01")]
    for call in (
        lambda: theme_year_grid(letters, taxonomy),
        lambda: ask_lineage(letters),
        lambda: term_trends(letters),
        lambda: distinctive_terms(letters),
        lambda: coalition(letters),
    ):
        with pytest.raises(ValueError, match="duplicate letter key"):
            call()


# --- term trends ------------------------------------------------------------------------------


def _year_letters() -> list[Letter]:
    early = "Famine relief convoys reach the northern provinces. Farmers need seed grain."
    middle = "Farmers need seed grain. The parliament debates the budget."
    late = "Internet shutdowns silence reporters. Farmers need seed grain."
    return [
        make_letter("e1", "2010-01-01", paragraphs=[early]),
        make_letter("e2", "2010-06-01", paragraphs=[early + " Glaciers retreat."]),
        make_letter("m1", "2015-01-01", paragraphs=[middle]),
        make_letter("m2", "2015-06-01", paragraphs=[middle]),
        make_letter("l1", "2020-01-01", paragraphs=[late]),
        make_letter("l2", "2020-06-01", paragraphs=[late + " Volcanoes erupt."]),
        make_letter("u", None, paragraphs=["Internet shutdowns everywhere, always."]),
    ]


def test_a_term_of_later_years_rises_and_one_of_earlier_years_falls():
    trends = term_trends(_year_letters())
    assert trends.years == (2010, 2015, 2020)
    rising = {t.term: t for t in trends.rising}
    falling = {t.term: t for t in trends.falling}
    assert trends.rising[0].term in {
        "internet",
        "shutdowns",
        "internet shutdowns",
        "reporters",
        "silence",
        "shutdowns silence",
        "silence reporters",
    }
    shutdowns = rising.get("shutdowns") or rising["internet shutdowns"]
    assert (shutdowns.first_year, shutdowns.last_year) == (2020, 2020)
    assert shutdowns.weights[0] == shutdowns.weights[1] == 0.0 < shutdowns.weights[2]
    assert shutdowns.change > 0 and shutdowns.letters == 2  # the undated letter is not counted
    assert "famine" in falling or "famine relief" in falling
    assert all(t.change < 0 for t in trends.falling)
    assert [t.change for t in trends.rising] == sorted(
        (t.change for t in trends.rising), reverse=True
    )
    # terms of a single letter say nothing about the corpus
    every = set(rising) | set(falling)
    assert not every & {"glaciers", "volcanoes", "erupt", "retreat"}
    # a term used equally every year is neither
    assert not every & {"farmers", "seed", "grain", "farmers need"}


def test_term_trends_respects_top_and_needs_two_years():
    letters = _year_letters()
    assert len(term_trends(letters, top=2).rising) == 2
    one_year = [dataclasses.replace(x, date="2015-01-01") for x in letters]
    trends = term_trends(one_year)
    assert (trends.years, trends.rising, trends.falling) == ((2015,), (), ())
    with pytest.raises(ValueError, match="top"):
        term_trends(letters, top=-1)


def test_pick_terms_skips_words_of_listed_phrases_and_phrases_of_listed_words():
    ranked = ["security council", "council", "human", "rights", "human rights", "open", "council"]
    assert pick_terms(ranked, 4) == ("security council", "human", "rights", "open")
    assert pick_terms(ranked, 2) == ("security council", "human")


# --- distinctive terms ------------------------------------------------------------------------


def test_distinctive_terms_are_each_letters_own_heaviest_terms():
    shared = "Freedom of expression matters."
    letters = [
        make_letter("a", "2014-01-01", paragraphs=[shared, "Glaciers glaciers glaciers melt."]),
        make_letter("b", "2015-01-01", paragraphs=[shared, "Volcanoes volcanoes erupt."]),
        make_letter("c", None, paragraphs=[shared]),
        make_letter("empty", None),
    ]
    terms = distinctive_terms(letters, top=3)
    assert list(terms) == ["a", "b", "c", "empty"]
    assert terms["a"][0] == "glaciers"
    assert terms["b"][0] == "volcanoes"
    assert "freedom" not in terms["a"] and "freedom" not in terms["b"]
    assert len(terms["a"]) == 3
    assert terms["empty"] == ()
    assert distinctive_terms([]) == {}


# --- coalition --------------------------------------------------------------------------------


def test_coalition_core_newcomers_leavers_and_spellings():
    org = Signatory
    letters = [
        make_letter(
            "y2016",
            "2016-01-01",
            signatories=[
                org("Rights Watch Intl", "rights watch", "organization", "Kenya"),
                org("Stay Group", "stay", "organization"),
                ("newbie", "Newbie Network"),
            ],
        ),
        make_letter(
            "y2010",
            "2010-01-01",
            signatories=[
                org("Rights Watch", "rights watch", "organization", "Chile"),
                ("gone", "Gone Group"),
                ("stay", "Stay"),
                ("once", "Once Off"),
            ],
        ),
        make_letter(
            "y2012",
            "2012-01-01",
            signatories=[
                ("rights watch", "Rights Watch"),
                ("gone", "Gone Group"),
                ("stay", "Stay"),
            ],
        ),
        make_letter(
            "y2014",
            "2014-01-01",
            signatories=[
                ("stay", "Stay"),
                ("rights watch", "Rights Watch"),
                ("stay", "Stay twice"),
            ],
        ),
    ]
    result = coalition(letters)
    assert result.letters == ("y2010", "y2012", "y2014", "y2016")
    by_key = {m.key: m for m in result.members}
    assert [m.key for m in result.members] == ["rights watch", "stay", "gone", "newbie", "once"]
    watch = by_key["rights watch"]
    assert (watch.name, watch.country, watch.count) == ("Rights Watch Intl", "Kenya", 4)
    assert watch.signed == (True, True, True, True)
    assert by_key["stay"].signed == (True, True, True, True)  # signed twice in y2014: once
    assert by_key["stay"].name == "Stay Group" and by_key["stay"].country is None
    assert by_key["gone"].signed == (True, True, False, False)
    assert result.core == ("rights watch", "stay", "gone")  # 2 of 4 is half
    assert result.newcomers == ("newbie",)
    assert result.leavers == ("gone", "once")


def test_coalition_latest_date_is_one_step_and_undated_letters_only_count():
    letters = [
        make_letter("old", "2010-01-01", signatories=[("a", "A"), ("b", "B")]),
        make_letter("new-1", "2012-01-01", signatories=[("a", "A"), ("c", "C")]),
        make_letter("new-2", "2012-01-01", signatories=[("b", "B")]),
        make_letter("undated", None, signatories=[("d", "D"), ("c", "C")]),
    ]
    result = coalition(letters)
    assert result.letters == ("old", "new-1", "new-2", "undated")
    assert result.newcomers == ("c",)
    assert result.leavers == ()
    assert result.core == ("a", "b", "c")
    only_one_date = coalition(letters[1:])
    assert (only_one_date.newcomers, only_one_date.leavers) == ((), ())


# --- the bundle and the seeds -----------------------------------------------------------------


def test_corpus_trends_bundles_the_five_results(taxonomy):
    letters = _year_letters() + [
        make_letter("x", "2016-01-01", asks=[("urge", RELEASE)], signatories=[("a", "A")]),
        make_letter("y", "2018-01-01", asks=[("urge", FREE)], signatories=[("a", "A")]),
    ]
    bundle = corpus_trends(letters, taxonomy)
    assert bundle.themes == theme_year_grid(letters, taxonomy)
    assert bundle.lineage == ask_lineage(letters)
    assert [len(family.asks) for family in bundle.lineage if family.recurs] == [2]
    assert bundle.terms == term_trends(letters)
    assert bundle.distinctive == distinctive_terms(letters)
    assert bundle.coalition == coalition(letters)


def test_seed_grid_has_the_four_years(seeds_corpus, taxonomy):
    grid = theme_year_grid(seeds_corpus.letters, taxonomy)
    assert grid.years == (2014, 2018, 2020, 2022)
    assert grid.letters == (2, 1, 2, 1)
    assert grid.undated == 0
    assert sum(grid.asks) == sum(len(x.asks) for x in seeds_corpus.letters)


def test_seed_trends_cover_every_year_letter_and_signing(seeds_corpus, taxonomy):
    # its time is printed by tests/benchmarks/seeds.py, not asserted here
    bundle = corpus_trends(seeds_corpus.letters, taxonomy)
    assert bundle.terms.years == (2014, 2018, 2020, 2022)
    assert bundle.terms.rising and bundle.terms.falling
    assert set(bundle.distinctive) == {x.key for x in seeds_corpus.letters}
    assert len(bundle.coalition.letters) == 6


# --- blocking on a generated corpus -----------------------------------------------------------

_SYLLABLES = (
    "ka",
    "lo",
    "mi",
    "ren",
    "tu",
    "sa",
    "vor",
    "ne",
    "pil",
    "dra",
    "qua",
    "zen",
    "mo",
    "fi",
    "gal",
    "tre",
    "bu",
    "hes",
    "yo",
    "cor",
)
_GLUE = ("the", "to", "of", "and", "in", "for", "all", "with", "by", "on", "its", "their")
_FRAMES = (
    ("urge", "We urge the authorities to"),
    ("call on", "We call on member states to"),
    ("must", "The council must"),
    ("request", "We ask the envoy to"),
    ("encourage", "We encourage donors to"),
    ("should", "Governments should"),
    ("demand", "We demand that the authorities"),
    ("recommend", "We recommend that you"),
)


def synthetic_letters(count: int, seed: int = 3) -> list[Letter]:
    """``count`` generated letters dated 2000-2024 with 8-22 asks each: 45 % drawn from a pool
    of standing demands (``count // 3`` of them, a few popular, most rare; half repeated
    verbatim, half with ~15 % of their words changed), the rest new. Each ask opens with one
    of a few frames; filler paragraphs, signatories from a pool of 600 and random themes
    complete the letters. Words are random syllable strings with a Zipf-like frequency, so
    some words are common and most are rare."""
    rng = random.Random(seed)
    vocabulary = sorted(
        {"".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 4))) for _ in range(8000)}
    )
    rng.shuffle(vocabulary)
    weights = [1 / (rank + 1) for rank in range(len(vocabulary))]

    def phrase(length: int) -> list[str]:
        words = rng.choices(vocabulary, weights, k=length)
        return [rng.choice(_GLUE) if rng.random() < 0.3 else w for w in words]

    def reworded(words: list[str]) -> list[str]:
        result = []
        for word in words:
            roll = rng.random()
            if roll < 0.05:
                continue
            result.append(rng.choices(vocabulary, weights)[0] if roll < 0.15 else word)
            if rng.random() < 0.03:
                result.append(rng.choices(vocabulary, weights)[0])
        return result

    standing = [phrase(rng.randint(8, 40)) for _ in range(max(20, count // 3))]
    popularity = [1 / (rank + 1) for rank in range(len(standing))]
    slugs = ("detention", "torture", "refugees", "covid", "food-aid", "movement")
    pool = [(f"org {n}", f"Org {n}") for n in range(600)]
    letters = []
    for number in range(count):
        date = f"{rng.randint(2000, 2024)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        asks = []
        for _ in range(rng.randint(8, 22)):
            if rng.random() < 0.45:
                words = rng.choices(standing, popularity)[0]
                words = words if rng.random() < 0.5 else reworded(words)
            else:
                words = phrase(rng.randint(8, 40))
            verb, frame = rng.choice(_FRAMES)
            asks.append(
                Ask(
                    text=f"{frame} {' '.join(words)}.",
                    verb=verb,
                    themes=tuple(rng.sample(slugs, rng.randint(0, 2))),
                )
            )
        paragraphs = [a.text for a in asks] + [
            " ".join(phrase(60)) + "." for _ in range(rng.randint(2, 6))
        ]
        letters.append(
            make_letter(
                f"{date}-generated-{number:05d}",
                date,
                asks=asks,
                paragraphs=paragraphs,
                themes=tuple(rng.sample(slugs, 3)),
                signatories=rng.sample(pool, rng.randint(5, 60)),
            )
        )
    return letters
