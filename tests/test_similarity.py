"""Letter similarity: what is compared, how pairs are scored, sorted and explained."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Sequence

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from letters import blank_letter
from sklearn.feature_extraction.text import strip_accents_unicode

from compare.models import Ask, Footnote, Letter, Paragraph, Signatory, to_json
from compare.similarity import (
    DEFAULT_THRESHOLD,
    LetterVectorizer,
    NotFittedError,
    SimilarPair,
    compare_corpus,
    compare_pair,
    letter_text,
    nearest,
    normalise_text,
    strip_accents,
    terms,
    token_terms,
)

RIGHTS = (
    "We urge the Security Council to refer the situation to the International Criminal Court, "
    "so that those responsible for crimes against humanity are held accountable.",
    "Political prison camps must be closed and every political prisoner released; families "
    "deserve news of relatives held in the prison camps.",
    "Humanitarian agencies need unimpeded access to monitor food distribution in rural provinces.",
)
RIGHTS_OTHER = (
    "The Security Council should retain the situation on its agenda and hold an open briefing.",
    "Envoys must raise the fate of abductees with their counterparts.",
)
FARMING = (
    "Smallholder farmers want timely weather forecasts and affordable seed varieties.",
    "Irrigation budgets ought to favour drought-prone districts where harvests keep failing.",
    "Cooperative storage lowers spoilage after the harvest.",
)
COASTS = (
    "Coastal towns face rising seas and stronger storms every winter.",
    "Mayors can publish flood maps and fund sea walls before the next storm season.",
)
HRW = Signatory(name="Human Rights Watch", key="human-rights-watch", kind="organization")
AMNESTY = Signatory(name="Amnesty International", key="amnesty-international", kind="organization")
COI_NOTE = Footnote(
    mark="1",
    text="Report of the commission of inquiry on crimes against "
    "humanity, security council and political prison camps.",
)


def make_letter(key: str, paragraphs: Sequence[str | tuple[str, str]], **fields: object) -> Letter:
    """A letter with these paragraphs (``"text"`` is a body paragraph, ``(kind, text)`` any
    kind) and empty everything else, unless given in ``fields``."""
    made = tuple(
        Paragraph(*p) if isinstance(p, tuple) else Paragraph("body", p) for p in paragraphs
    )
    return blank_letter(key, **{"paragraphs": made, **fields})


def weights(vectorizer: LetterVectorizer, matrix: object, row: int) -> dict[str, float]:
    dense = matrix[row].toarray().ravel()  # type: ignore[index]
    return {term: float(dense[col]) for term, col in vectorizer.vocabulary_.items() if dense[col]}


# --- importing --------------------------------------------------------------------------------


def test_importing_the_module_does_not_import_sklearn_or_scipy():
    code = (
        "import sys, compare.similarity; "
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'sklearn', 'scipy'}))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


# --- what is compared -------------------------------------------------------------------------


def test_letter_text_is_the_paragraphs_without_closings():
    letter = make_letter(
        "a",
        [
            ("heading", "Recommendations"),
            "Close the camps.",
            ("list-item", "Release prisoners."),
            ("closing", "Sincerely,"),
        ],
    )
    assert letter_text(letter) == "Recommendations\n\nClose the camps.\n\nRelease prisoners."


def test_identical_letters_score_one_and_are_near_duplicates():
    pair = compare_pair(make_letter("a", RIGHTS), make_letter("b", RIGHTS))
    assert pair.score == 1.0
    assert pair.near_duplicate


def test_letters_without_a_common_word_score_zero():
    pair = compare_pair(make_letter("a", RIGHTS), make_letter("b", FARMING))
    assert pair == SimilarPair(a="a", b="b", score=0.0, near_duplicate=False, shared_terms=())


def test_signatories_footnotes_cc_and_title_do_not_count():
    same_text = compare_pair(
        make_letter("a", RIGHTS, signatories=(HRW,), footnotes=(COI_NOTE,), title="To the UN"),
        make_letter("b", RIGHTS, signatories=(AMNESTY,), cc=("Farmers' union",)),
    )
    same_signers = compare_pair(
        make_letter("a", RIGHTS, signatories=(HRW, AMNESTY), footnotes=(COI_NOTE,)),
        make_letter("b", FARMING, signatories=(HRW, AMNESTY), footnotes=(COI_NOTE,)),
    )
    assert same_text.score == 1.0
    assert same_signers.score == 0.0


def test_closing_paragraphs_do_not_count():
    closing = ("closing", "With our highest consideration and warm regards")
    pair = compare_pair(make_letter("a", [*RIGHTS, closing]), make_letter("b", [*FARMING, closing]))
    assert pair.score == 0.0


def test_asks_are_not_counted_twice():
    with_asks = make_letter("a", RIGHTS, asks=(Ask(text=RIGHTS[0], verb="urge"),))
    pair = compare_pair(with_asks, make_letter("b", RIGHTS), corpus=[make_letter("c", FARMING)])
    assert pair.score == 1.0


def test_typography_accents_and_case_do_not_change_the_vector():
    plain = make_letter("a", ['The "COVID-19" rules - vis-a-vis Pyongyang\'s camps'])
    fancy = make_letter(
        "b",
        ["The \u201ccovid\u201119\u201d RULES \u2014 vis-\u00e0-vis Pyong\u00adyang\u2019s camps"],
    )
    assert compare_pair(plain, fancy).score == 1.0


def test_normalise_text_makes_typography_plain():
    fancy = "\u201cIt\u2019s\u201d \ufb01nal\u2014now_here"
    assert normalise_text(fancy) == '"It\'s" final-now here'


def test_strip_accents_matches_scikit_learn():
    text = "Vis-\u00e0-vis, Ha\u0308user, \u00c5ngstr\u00f6m, \ufb01nd, na\u00efve \u2014 ok"
    assert strip_accents(text) == strip_accents_unicode(text)


def test_numbers_are_dropped_but_words_with_digits_stay():
    vectorizer = LetterVectorizer().fit(
        [make_letter("a", ["In 2014 the 75th session of G20 met on COVID-19, article 3(b)."])]
    )
    assert {"75th", "g20", "covid", "session"} <= set(vectorizer.vocabulary_)
    assert not {"2014", "19", "3", "b"} & set(vectorizer.vocabulary_)


def test_stop_words_are_dropped_before_bigrams():
    vectorizer = LetterVectorizer().fit([make_letter("a", ["crimes against humanity"])])
    assert vectorizer.terms_ == ("crimes", "crimes humanity", "humanity")


# --- the vectoriser ---------------------------------------------------------------------------


def test_vectorizer_init_learns_nothing_and_transform_needs_fit():
    vectorizer = LetterVectorizer(min_df=2)
    assert vectorizer.get_params()["min_df"] == 2
    assert not hasattr(vectorizer, "vectorizer_")
    with pytest.raises(NotFittedError):
        vectorizer.transform([make_letter("a", RIGHTS)])


def test_vectorizer_rows_are_unit_length_and_unseen_terms_ignored():
    vectorizer = LetterVectorizer()
    assert vectorizer.fit([make_letter("a", RIGHTS), make_letter("b", FARMING)]) is vectorizer
    matrix = vectorizer.transform([make_letter("c", RIGHTS[:1]), make_letter("d", COASTS)])
    norms = np.sqrt(matrix.multiply(matrix).sum(axis=1)).A1
    assert norms.round(9).tolist() == [1.0, 0.0]


def test_letters_without_words_compare_as_zero_without_error():
    letters = [make_letter("a", []), make_letter("b", ["2014, 2015."])]
    assert compare_corpus(letters).pairs == ()
    assert compare_pair(*letters).score == 0.0
    assert LetterVectorizer().fit_transform(letters).shape == (2, 0)


# --- corpus results ---------------------------------------------------------------------------


def test_pairs_sorted_by_score_then_keys_with_a_first_in_input_order():
    letters = [
        make_letter("delta", RIGHTS),
        make_letter("charlie", RIGHTS),
        make_letter("bravo", FARMING),
        make_letter("alpha", FARMING),
        make_letter("echo", [*RIGHTS[:2], *RIGHTS_OTHER]),
    ]
    result = compare_corpus(letters)
    assert result.keys == ("delta", "charlie", "bravo", "alpha", "echo")
    assert [(p.a, p.b) for p in result.pairs[:2]] == [("bravo", "alpha"), ("delta", "charlie")]
    assert [p.score for p in result.pairs[:2]] == [1.0, 1.0]
    assert {(p.a, p.b) for p in result.pairs[2:]} == {("delta", "echo"), ("charlie", "echo")}
    assert list(result.pairs) == sorted(result.pairs, key=lambda p: (-p.score, p.a, p.b))


def test_threshold_min_score_and_top_select_pairs():
    letters = [
        make_letter("a", RIGHTS),
        make_letter("b", RIGHTS),
        make_letter("c", [*RIGHTS[:2], *RIGHTS_OTHER]),
        make_letter("d", FARMING),
    ]
    everything = compare_corpus(letters, threshold=0.99)
    middle = everything.pairs[1].score
    assert [p.near_duplicate for p in everything.pairs] == [True, False, False]
    assert everything.threshold == 0.99
    assert compare_corpus(letters, threshold=middle).pairs[1].near_duplicate  # score >= threshold
    assert len(compare_corpus(letters, min_score=middle).pairs) == 3
    assert len(compare_corpus(letters, min_score=middle + 0.0001).pairs) == 1
    assert compare_corpus(letters, top=2).pairs == compare_corpus(letters).pairs[:2]


def test_results_are_plain_json():
    letters = [make_letter("a", RIGHTS), make_letter("b", [*RIGHTS[:2], *RIGHTS_OTHER])]
    pair = compare_corpus(letters, shared_terms=2).pairs[0]
    data = json.loads(json.dumps(to_json(compare_corpus(letters, shared_terms=2))))
    assert data == {
        "keys": ["a", "b"],
        "threshold": DEFAULT_THRESHOLD,
        "pairs": [
            {
                "a": "a",
                "b": "b",
                "score": pair.score,
                "near_duplicate": True,
                "shared_terms": list(pair.shared_terms),
            }
        ],
        "total": 1,
    }
    assert type(pair.score) is float and type(pair.near_duplicate) is bool


def test_compare_corpus_rejects_duplicate_keys_and_bad_arguments():
    letters = [make_letter("a", RIGHTS), make_letter("a", FARMING)]
    with pytest.raises(ValueError, match="duplicate"):
        compare_corpus(letters)
    with pytest.raises(ValueError, match="threshold"):
        compare_corpus(letters[:1], threshold=0.0)
    with pytest.raises(ValueError, match="min_score"):
        compare_corpus(letters[:1], min_score=1.5)


def test_shared_terms_are_in_both_letters_ranked_by_product_then_alphabetically():
    a = make_letter("a", RIGHTS)
    b = make_letter("b", [RIGHTS[1], *RIGHTS_OTHER, "Prison camps, prison camps."])
    pair = compare_pair(a, b, shared_terms=6)
    vectorizer = LetterVectorizer()
    matrix = vectorizer.fit_transform([a, b])
    wa, wb = weights(vectorizer, matrix, 0), weights(vectorizer, matrix, 1)
    expected = sorted(wa.keys() & wb.keys(), key=lambda term: (-wa[term] * wb[term], term))
    assert len(expected) > 6  # the limit matters, and there are ties to break
    assert pair.shared_terms == tuple(expected[:6])
    assert set(pair.shared_terms[:3]) == {"camps", "prison", "prison camps"}
    assert compare_pair(a, b, shared_terms=0).shared_terms == ()


def test_compare_pair_on_a_corpus_uses_its_idf():
    corpus = [
        make_letter("a", RIGHTS),
        make_letter("b", [*RIGHTS[:2], *RIGHTS_OTHER]),
        make_letter("c", [RIGHTS[0], *COASTS]),
        make_letter("d", FARMING),
    ]
    in_corpus = compare_corpus(corpus).pairs[0]
    assert (in_corpus.a, in_corpus.b) == ("a", "b")
    assert compare_pair(corpus[0], corpus[1], corpus) == in_corpus
    assert compare_pair(corpus[0], corpus[1]).score != in_corpus.score


# --- nearest ----------------------------------------------------------------------------------


def test_nearest_ranks_the_source_of_a_lightly_edited_draft_first():
    corpus = [
        make_letter("coasts", COASTS),
        make_letter("farming", FARMING),
        make_letter("rights-other", [RIGHTS[0], *RIGHTS_OTHER]),
        make_letter("rights", RIGHTS),
    ]
    draft = make_letter(
        "draft",
        [
            RIGHTS[0],
            RIGHTS[1].replace("closed", "shut down"),
            "Envoys should press for visits by the rapporteur.",
        ],
    )
    found = nearest(draft, corpus, top=10)
    assert [p.b for p in found] == ["rights", "rights-other"]  # the others share no term
    assert found[0].a == "draft"
    assert found[0].near_duplicate and not found[1].near_duplicate
    assert found[0].score > found[1].score
    assert nearest(draft, corpus, top=1) == found[:1]


def test_nearest_skips_the_query_itself():
    corpus = [make_letter("rights", RIGHTS), make_letter("rights-other", RIGHTS_OTHER)]
    assert [p.b for p in nearest(corpus[0], corpus)] == ["rights-other"]
    assert nearest(corpus[0], corpus, top=0) == []


# --- the seeds --------------------------------------------------------------------------------


def test_seed_letters_of_the_same_day_are_the_only_near_duplicates(seeds_corpus, seed_letters):
    result = compare_corpus(seeds_corpus.letters)
    first, second = result.pairs[0], result.pairs[1]
    assert (first.a, first.b) == (seed_letters["002#1"].key, seed_letters["002#2"].key)
    assert [p for p in result.pairs if p.near_duplicate] == [first]
    assert len(result.pairs) == 15
    assert first.score - DEFAULT_THRESHOLD > 0.2 and DEFAULT_THRESHOLD - second.score > 0.2


def test_seed_near_duplicates_share_their_distinctive_terms(seeds_corpus, seed_letters):
    first = compare_corpus(seeds_corpus.letters).pairs[0]
    others = [letter for key, letter in seed_letters.items() if not key.startswith("002")]
    other_terms = set(LetterVectorizer().fit(others).vocabulary_)
    assert {"kwanliso", "camps kwanliso", "south korean"} <= set(first.shared_terms)
    assert len(set(first.shared_terms) - other_terms) >= 4


def test_one_rewritten_paragraph_keeps_a_seed_letter_a_near_duplicate(seeds_corpus):
    letters = seeds_corpus.letters
    for letter in letters:
        body = [p for p in letter.paragraphs if p.kind != "closing"]
        longest = max(body, key=lambda p: len(p.text))
        edited = make_letter(
            "edited", [FARMING[0] if p is longest else (p.kind, p.text) for p in letter.paragraphs]
        )
        assert compare_pair(letter, edited, letters).score >= DEFAULT_THRESHOLD + 0.2


# --- every script -----------------------------------------------------------------------------

ZH = (
    "我们是来自世界各地的人权组织，写信敦促联合国安理会立即采取行动。过去三年里，已有1200名平民"
    "在冲突中丧生，超过40万人流离失所。我们呼吁各国停止向冲突各方出售武器，并支持独立调查。"
)
EN = (
    "We are human rights organisations from around the world writing to urge the Security "
    "Council to act at once. In the past three years 1200 civilians have been killed in the "
    "conflict and more than 400000 people have been displaced. We call on all states to stop "
    "selling arms to the parties and to support an independent inquiry."
)
ZH_EDIT = ZH.replace("1200", "3500").replace("40万", "60万")
EN_EDIT = EN.replace("1200", "3500").replace("400000", "600000")


def test_terms_are_words_in_their_script():
    assert terms("in 2014 the g20's 人权 75th covid-19") == [
        "in", "the", "g20", "人", "权", "75th", "covid",
    ]  # fmt: skip
    assert terms("ผมไปที่ตลาด") == ["ผ", "ม", "ไ", "ป", "ที่", "ต", "ล", "า", "ด"]
    assert terms("قالَ مُحَمَّدٌ") == ["قالَ", "مُحَمَّدٌ"]
    assert terms("हिन्दी भाषा") == ["हिन्दी", "भाषा"]
    assert terms("привет мир ¿qué tal?") == ["привет", "мир", "qué", "tal"]
    assert terms("한국어 문장") == ["한국어", "문장"]


@given(st.lists(st.sampled_from(list("ab9_' \n\t.-,\x1f\x7fZ")), max_size=40).map("".join))
def test_ascii_text_gives_the_terms_of_the_token_by_token_path(text):
    assert terms(text) == token_terms(text)


def test_a_chinese_pair_differing_in_two_numbers_scores_like_its_english_control():
    zh = compare_pair(make_letter("a", [ZH]), make_letter("b", [ZH_EDIT]))
    en = compare_pair(make_letter("a", [EN]), make_letter("b", [EN_EDIT]))
    assert zh.score >= 0.9 and en.score >= 0.9
    every = compare_pair(make_letter("a", [ZH]), make_letter("b", [ZH_EDIT]), shared_terms=500)
    assert {"人", "权", "人 权"} <= set(every.shared_terms)  # characters and their bigrams


def test_scripts_written_without_spaces_are_compared_by_character_and_bigram():
    japanese = "私たちは国連安全保障理事会に対し、直ちに行動するよう強く求めます。"
    other = "農家は天気予報と手頃な種子を求めています。"
    same = compare_pair(make_letter("a", [japanese]), make_letter("b", [japanese + "本当に。"]))
    different = compare_pair(make_letter("a", [japanese]), make_letter("b", [other]))
    assert same.score > 0.8 > different.score
    arabic = "نحن ندعو مجلس الأمن إلى التحرك فوراً لحماية المدنيين"
    vowelled = "نَحْنُ نَدْعُو مَجْلِسَ الأَمْنِ إِلَى التَّحَرُّكِ فَوْراً لِحِمَايَةِ المَدَنِيِّينَ"
    assert compare_pair(make_letter("a", [arabic]), make_letter("b", [vowelled])).score == 1.0


def chinese_letter(body: str) -> str:
    return f"Dear Secretary-General,\n\n{body}\n\n我们期待您的答复。\n\nSincerely,\n"


def test_the_cli_scores_the_chinese_pair_high_with_a_two_span_redline(tmp_path):
    from click.testing import CliRunner

    from compare.cli import cli

    folder = tmp_path / "zh"
    folder.mkdir()
    (folder / "a.txt").write_text(chinese_letter(ZH), encoding="utf-8")
    (folder / "b.txt").write_text(chinese_letter(ZH_EDIT), encoding="utf-8")
    runner = CliRunner()
    base = ["--corpus", str(folder), "--no-cache"]
    similar = runner.invoke(cli, [*base, "similarity", "--json"])
    assert similar.exit_code == 0, similar.output
    assert json.loads(similar.output)["pairs"][0]["score"] >= 0.9
    diff = runner.invoke(cli, [*base, "diff", "a.txt", "b.txt", "--json"])
    assert diff.exit_code == 0, diff.output
    data = json.loads(diff.output)
    assert data["similarity"] >= 0.9
    (changed,) = [block for block in data["blocks"] if block["op"] == "changed"]
    assert changed["ratio"] >= 0.9
    edits = [span for span in changed["diff"] if span[0] != "="]
    assert edits == [["-", "1200"], ["+", "3500"], ["-", "40"], ["+", "60"]]
    assert (data["words_added"], data["words_removed"]) == (2, 2)
