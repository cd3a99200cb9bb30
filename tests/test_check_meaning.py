"""An ask's meaning: the same ask in other words is found, a different ask is not (the
calibration cases of compare/check/meaning.py), and the stemmer's rules hold."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from compare.check.meaning import AskMeaning, AskMeanings, ask_meaning, ask_terms, light_stem

SAME = [
    (
        "We urge the authorities to release all detained journalists immediately.",
        "Release every journalist held in detention without delay.",
    ),
    (
        "We call on the government to free the imprisoned reporters without further delay.",
        "Release every journalist held in detention without delay.",
    ),
    (
        "Repeal the foreign agents law.",
        "We call on parliament to abolish the law on foreign agents.",
    ),
    (
        "Investigate the killing of the reporter and bring those responsible to justice.",
        "Conduct an independent inquiry into the killing and prosecute those responsible.",
    ),
    (
        "Allow independent monitors unhindered access to all places of detention.",
        "Grant independent observers access to every prison and detention centre.",
    ),
    (
        "End the use of torture in police custody.",
        "Put an end to the ill-treatment of detainees held by the police.",
    ),
    ("Abolish the death penalty.", "We urge you to end capital punishment."),
]
OTHER = [
    (
        "Release the detained journalists.",
        "Stop the prosecution of journalists for their reporting.",
    ),
    ("Release the detained journalists.", "Release the human rights defenders held in prison."),
    ("Release the defenders.", "Allow the families of detained defenders to visit them."),
    (
        "End the harassment of journalists.",
        "Stop the prosecution of journalists for their reporting.",
    ),
    ("Repeal the foreign agents law.", "Repeal the law on public assemblies."),
    ("Abolish the death penalty.", "Investigate the deaths in police custody."),
    (
        "The government must release the political prisoners held in the camps.",
        "The government must close the political prison camps.",
    ),
    (
        "We ask you to fund the new public library in the old town.",
        "Release every journalist held in detention without delay.",
    ),
]
MEANINGS = AskMeanings.build([text for pair in SAME + OTHER for text in pair])


def alike(a: str, b: str) -> bool:
    return MEANINGS.same_ask(ask_meaning(a), ask_meaning(b))


@pytest.mark.parametrize(("a", "b"), SAME)
def test_the_same_ask_in_other_words_is_alike_in_meaning(a, b):
    assert alike(a, b) and alike(b, a)


@pytest.mark.parametrize(("a", "b"), OTHER)
def test_another_ask_on_the_same_subject_is_not(a, b):
    assert not alike(a, b) and not alike(b, a)


def test_alike_finds_every_paraphrase_through_the_postings():
    texts = [pair[0] for pair in SAME + OTHER]
    meanings = AskMeanings.build(texts)
    draft = ask_meaning("Release every journalist held in detention without delay.")
    found = meanings.alike(draft)
    assert list(found) == [0, 1, 7, 8]  # "Release the detained journalists." twice
    assert all(found[i] == meanings.score(draft, meanings.meaning(i)) for i in found)
    assert all(
        meanings.same_ask(draft, meanings.meaning(i)) == (i in found) for i in range(len(texts))
    )
    assert meanings.alike(ask_meaning("Plant more trees along the river banks.")) == {}
    again = AskMeanings.from_plain(meanings.to_plain())
    assert again.meaning(3) == meanings.meaning(3) == ask_meaning(texts[3])
    assert again.alike(ask_meaning(texts[2])) == meanings.alike(ask_meaning(texts[2])) != {}


@pytest.mark.parametrize(
    ("text", "action"),
    [
        ("Release every journalist held in detention without delay.", "release"),
        ("Put an end to the ill-treatment of detainees.", "end"),
        ("We urge the authorities to release all detained journalists.", "release"),
        ("We write to encourage you to support the adoption of the resolution.", "support"),
        ("The government must close the political prison camps.", "clos"),
        ("We call for the immediate release of all journalists.", "release"),
        ("We urge you to ensure that steps are taken.", None),
    ],
)
def test_the_action_is_what_the_ask_wants_done(text, action):
    assert ask_meaning(text).action == action


def test_frame_words_request_verbs_and_stop_words_carry_no_meaning():
    assert ask_terms("We urge the authorities to release the journalists.") == ask_terms(
        "The government must release the journalists."
    )
    assert ask_terms("We call upon you to ensure that steps are taken.") == ()


@pytest.mark.parametrize(
    ("words", "stem"),
    [
        (("journalist", "journalists"), "journalist"),
        (("release", "released", "releases", "releasing"), "releas"),
        (("imprison", "imprisoned", "imprisonment"), "imprison"),
        (("investigate", "investigation", "investigated"), "investigat"),
        (("stop", "stopped", "stopping"), "stop"),
        (("family", "families"), "family"),
        (("assembly", "assemblies"), "assembly"),
        (("arbitrary", "arbitrarily"), "arbitrary"),
        (("immediate", "immediately"), "immediat"),
        (("authority", "authorities"), "authority"),
        (("press",), "press"),
        (("status",), "status"),
    ],
)
def test_light_stem_meets_the_forms_of_a_word(words, stem):
    assert {light_stem(word) for word in words} == {stem}


@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyz", max_size=20))
def test_light_stem_never_lengthens_or_empties_a_word(word):
    stem = light_stem(word)
    assert len(stem) <= len(word) and (stem or not word)
    assert stem == word or len(word) > 3


@given(st.text(max_size=200))
def test_meanings_are_distinct_sorted_and_scores_symmetric(text):
    meaning = ask_meaning(text)
    assert list(meaning.terms) == sorted(set(meaning.terms)) == list(ask_terms(text))
    assert (meaning.action is None) == (not meaning.terms)
    assert meaning.action is None or meaning.action in meaning.terms
    other = ask_meaning("Release every journalist held in detention without delay.")
    assert MEANINGS.score(meaning, other) == MEANINGS.score(other, meaning)
    assert MEANINGS.same_ask(meaning, other) == MEANINGS.same_ask(other, meaning)
    assert MEANINGS.score(meaning, meaning) == (1.0 if meaning.terms else 0.0)
    assert AskMeaning(meaning.terms, meaning.action) == meaning
